"""The shared description cache across real processes: two servers and a CLI writing at once, a corrupt file, a
folder that cannot be written (even by root), and a disk that fills up mid-run.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from filedesc.cache import FILE_NAME
from tests.reliability.rpc import RawClient, server_env


def _names(prefix: str, count: int) -> list[str]:
    verbs, nouns, exts = ["get", "parse", "load", "send", "build"], ["user", "log", "event", "config"], ["py", "sh"]
    return [f"{prefix}_{verbs[i % 5]}_{nouns[i % 4]}_{i}.{exts[i % 2]}" for i in range(count)]


def _cli(cache_dir: Path | str, names: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    env = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "FILEDESC_CACHE_DIR": str(cache_dir)}
    done: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "filedesc", "describe", "--stdin", "--json", "--backend", "rules", "--lang", "en"],
        input="\n".join(names).encode(),
        capture_output=True,
        timeout=120,
        env=env,
        **kw,  # type: ignore[call-overload]
    )
    return done


def _rows(cache_dir: Path) -> dict[str, str]:
    with sqlite3.connect(cache_dir / FILE_NAME) as conn:
        return dict(conn.execute("SELECT name, description FROM descriptions WHERE lang='en' AND backend='rules'"))


def test_two_servers_and_a_cli_write_at_once_and_nothing_is_lost(tmp_path: Path) -> None:
    cache_dir, workspace = tmp_path / "shared-cache", tmp_path / "ws"
    workspace.mkdir()
    servers = [RawClient(cache_dir, env=server_env(cache_dir, plugins=False)) for _ in range(2)]
    answers: dict[str, str] = {}
    try:
        for server in servers:
            server.initialize(workspace, {"backend": "rules"})  # the cache, not the model, is under test
        batches = {0: _names("one", 1500), 1: _names("two", 1500)}
        shared = _names("both", 300)  # the same names written by all three writers

        def serve(i: int) -> None:
            for chunk in range(0, 1500, 250):
                names = batches[i][chunk : chunk + 250] + shared[chunk // 5 : chunk // 5 + 50]
                for item in servers[i].describe(names, timeout=120)["result"]["items"]:
                    answers[item["name"]] = item["description"]

        threads = [threading.Thread(target=serve, args=(i,)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        cli_names = _names("cli", 1500) + shared
        done = _cli(cache_dir, cli_names)
        for thread in threads:
            thread.join(180)
        assert done.returncode == 0, done.stderr
        for line in done.stdout.decode().splitlines():
            item = json.loads(line)
            answers[item["name"]] = item["description"]
        for server in servers:
            server.assert_clean_stdout()
    finally:
        for server in servers:
            server.close()
    stored = _rows(cache_dir)
    assert len(answers) == 4800
    missing = [name for name in answers if name not in stored]
    torn = [name for name, text in answers.items() if name in stored and stored[name] != text]
    assert not missing and not torn, (missing[:5], torn[:5])


def test_a_corrupt_cache_file_is_moved_aside_by_the_cli(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first = _cli(cache_dir, _names("x", 50))
    assert first.returncode == 0
    data = (cache_dir / FILE_NAME).read_bytes()
    (cache_dir / FILE_NAME).write_bytes(data[:200] + b"\x00garbage" * 2000)
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_dir / FILE_NAME}{suffix}").unlink(missing_ok=True)
    again = _cli(cache_dir, _names("x", 50))
    assert again.returncode == 0 and again.stdout.count(b"\n") == 50
    assert b"corrupt" in again.stderr and b"Traceback" not in again.stderr
    assert any(".corrupt-" in p.name for p in cache_dir.iterdir())
    assert len(_rows(cache_dir)) == 50  # rebuilt and filled


def test_a_folder_nobody_can_write_turns_the_cache_off_with_one_warning(tmp_path: Path) -> None:
    done = _cli("/proc/self/filedesc-cache", _names("ro", 200))  # not writable, even for root
    assert done.returncode == 0 and done.stdout.count(b"\n") == 200
    assert done.stderr.count(b"cache turned off") == 1, done.stderr
    assert b"FILEDESC_CACHE_DIR" in done.stderr  # the fix is named


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (48 * 1024, 48 * 1024))  # Python ignores SIGXFSZ: writes fail EFBIG


def test_a_disk_that_fills_up_mid_run_loses_no_description(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    names = _names("full", 3000)
    done = _cli(cache_dir, names, preexec_fn=_limit_file_size)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == 3000
    assert done.stderr.count(b"cache turned off") == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert 0 < len(_rows(cache_dir)) < 3000  # what was written before the disk filled is intact and readable
