"""The sqlite cache: round trips, two processes at once, corruption, and folders it cannot write."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from filedesc.cache import FILE_NAME, CacheKey, DescriptionCache
from filedesc.service import Describer
from tests.conftest import EchoPlugin


def _key(i: int, lang: str = "en") -> CacheKey:
    return CacheKey(f"name_{i}.py", lang, "echo", "echo@1")


def test_round_trip_and_key_parts(cache_dir: Path) -> None:
    cache = DescriptionCache(cache_dir)
    cache.put_many([(_key(1), "one"), (_key(1, "fr"), "un")])
    assert cache.get_many([_key(1), _key(1, "fr"), _key(2)]) == {_key(1): "one", _key(1, "fr"): "un"}
    other_model = CacheKey("name_1.py", "en", "echo", "echo@2")
    assert cache.get_many([other_model]) == {}
    assert cache.delete("name_1.py", "fr") == 1
    assert cache.get_many([_key(1, "fr")]) == {}
    cache.clear()
    assert cache.get_many([_key(1)]) == {}


def _writer(directory: str, offset: int, count: int) -> None:
    cache = DescriptionCache(Path(directory))
    for start in range(0, count, 10):
        cache.put_many((_key(offset + i), f"description {offset + i} " * 20) for i in range(start, start + 10))


def test_two_processes_write_at_once_without_loss(cache_dir: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(cache_dir), off, 300)) for off in (0, 1000)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    cache = DescriptionCache(cache_dir)
    keys = [_key(i) for i in range(300)] + [_key(1000 + i) for i in range(300)]
    found = cache.get_many(keys)
    assert len(found) == 600
    assert all(found[_key(i)] == f"description {i} " * 20 for i in range(300))  # whole, not torn


def test_corrupt_file_is_moved_aside_and_rebuilt(cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache_dir.mkdir(parents=True)
    (cache_dir / FILE_NAME).write_bytes(b"this is not an sqlite database at all" * 100)
    cache = DescriptionCache(cache_dir)
    with caplog.at_level(logging.WARNING):
        cache.put_many([(_key(1), "one")])
    assert cache.enabled
    assert cache.get_many([_key(1)]) == {_key(1): "one"}
    moved = [p.name for p in cache_dir.iterdir() if ".corrupt-" in p.name]
    assert moved, "the corrupt file must be kept aside, not deleted"
    assert "corrupt" in caplog.text


def test_corruption_found_mid_session_is_repaired(cache_dir: Path) -> None:
    cache = DescriptionCache(cache_dir)
    cache.put_many([(_key(1), "one")])
    cache.close()
    data = (cache_dir / FILE_NAME).read_bytes()
    (cache_dir / FILE_NAME).write_bytes(data[:100] + b"\xff" * 4000)
    for suffix in ("-wal", "-shm"):
        Path(str(cache_dir / FILE_NAME) + suffix).unlink(missing_ok=True)
    cache.put_many([(_key(2), "two")])
    assert cache.get_many([_key(2)]) == {_key(2): "two"}


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root ignores permissions")
def test_read_only_folder_turns_cache_off_once(cache_dir: Path) -> None:  # pragma: no cover - non-root only
    cache_dir.mkdir()
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    cache = DescriptionCache(cache_dir)
    cache.put_many([(_key(1), "one")])
    assert not cache.enabled


def test_unwritable_cache_path_still_describes(
    tmp_path: Path, echo_plugin: EchoPlugin, caplog: pytest.LogCaptureFixture
) -> None:
    # A regular file where the cache folder should be: mkdir fails even for root.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    cache = DescriptionCache(blocker / "sub")
    describer = Describer("echo", cache=cache)
    with caplog.at_level(logging.WARNING):
        first = describer.describe(["a.py", "b.py"], "en")
        second = describer.describe(["a.py"], "en")
    assert [d.description for d in first] == ["En description of a.py.", "En description of b.py."]
    assert not second[0].cached
    assert not cache.enabled
    assert caplog.text.count("turned off") == 1


def test_full_disk_error_disables_instead_of_crashing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DescriptionCache(cache_dir)
    cache.put_many([(_key(1), "one")])

    class FullConnection:
        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def __enter__(self) -> FullConnection:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def execute(self, *args: object) -> object:
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.real.close()

    assert cache._conn is not None
    cache._conn = FullConnection(cache._conn)  # type: ignore[assignment]
    cache.put_many([(_key(2), "two")])
    assert not cache.enabled
    assert cache.get_many([_key(1)]) == {}
