"""Property and fuzz tests over hostile names: normalisation, the rules backend, the describer and the CLI.

Every input gets a description or a clear ``FiledescError``; never another exception, never more than a bounded
time (hypothesis' deadline) or memory; what reaches a backend is normalised and at most ``MAX_NAME_CHARS`` long.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filedesc.cli import main
from filedesc.errors import FiledescError, InvalidNameError
from filedesc.filenames import decode_name, display_name
from filedesc.prompt import MAX_NAME_CHARS, normalize_name
from filedesc.service import Describer
from tests.reliability.strategies import SPECIMENS, hostile_names

FAST = settings(max_examples=150, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=3000, suppress_health_check=[HealthCheck.too_slow])

_FORBIDDEN = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} | set("\u200b\u200c\u200d\u200e\u200f\ufeff/\\")


@FAST
@given(hostile_names())
def test_normalised_names_are_bounded_clean_and_stable(name: str) -> None:
    out = normalize_name(name)
    assert len(out) <= MAX_NAME_CHARS
    assert not (_FORBIDDEN & set(out)), repr(out)
    assert out == out.strip() and "  " not in out
    assert out not in (".", "..")
    assert normalize_name(out) == out, "normalising twice must change nothing (the cache key is the result)"
    assert unicodedata.is_normalized("NFC", out)


@FAST
@given(hostile_names())
def test_decomposed_and_composed_accents_are_one_name(name: str) -> None:
    assert normalize_name(unicodedata.normalize("NFD", name)) == normalize_name(unicodedata.normalize("NFC", name))


@pytest.mark.parametrize("name", ["a" * 127 + " bbb", "a" * 124 + " b.py" + "c" * 20 + ".sh", "\udcff\ud800x.py"])
def test_cuts_and_surrogates_leave_a_fixed_point(name: str) -> None:
    out = normalize_name(name)
    assert out == normalize_name(out) and out == out.strip()
    out.encode("utf-8")  # no lone surrogate left: sqlite and stdout can write it


@pytest.mark.parametrize("ext", ["py", "tar.gz", "min.js"])
def test_long_names_keep_their_extension(ext: str) -> None:
    out = normalize_name("w" * 10_000 + "." + ext)
    assert len(out) == MAX_NAME_CHARS and out.endswith("." + ext.rsplit(".", 1)[-1])


class _Recorder:
    """A backend that records what it is given, to check the describer's contract with backends."""

    name = "recorder"
    model_id = "recorder@1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        self.seen.extend(names)
        return [f"{lang}: {n}" for n in names]


@pytest.fixture(scope="module")
def rules() -> Describer:
    describer = Describer("rules", cache=False)
    describer.backend()
    return describer


@SLOW
@given(name=hostile_names(), lang=st.sampled_from(["en", "fr"]))
def test_rules_backend_describes_or_refuses_clearly(rules: Describer, name: str, lang: str) -> None:
    try:
        [item] = rules.describe([name], lang)
    except InvalidNameError as exc:
        assert normalize_name(name) == "" and "file name" in str(exc)
        return
    assert item.description.strip() and item.description[-1] in ".!?…"
    assert item.name == display_name(name) and item.normalized == normalize_name(decode_name(name).text)
    assert len(item.description) < 1000


@FAST
@given(st.lists(hostile_names(), min_size=1, max_size=8))
def test_backends_only_ever_see_normalised_bounded_names(names: list[str]) -> None:
    recorder = _Recorder()
    describer = Describer(cache=False)
    describer._backend = recorder  # the contract under test is the describer's, whatever the backend
    try:
        out = describer.describe(names, "en")
    except InvalidNameError:
        assert any(not normalize_name(n) for n in names)
        return
    assert len(out) == len(names)
    assert all(0 < len(s) <= MAX_NAME_CHARS and s == normalize_name(s) for s in recorder.seen)
    assert len(recorder.seen) == len(set(recorder.seen)), "duplicates are described once"


def test_a_batch_of_huge_names_stays_small_in_memory(rules: Describer) -> None:
    names = [f"{i}_" + "q" * 10_000 + ".py" for i in range(64)]
    tracemalloc.start()
    try:
        out = rules.describe(names, "en")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(out) == 64 and all(len(item.normalized) == MAX_NAME_CHARS for item in out)
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB for 64 names"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@SLOW
@given(name=hostile_names())
def test_cli_one_name_gives_one_line_or_one_error(name: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        status = main(["describe", "--backend", "rules", "--lang", "fr", "--no-cache", "--", name])
    if normalize_name(name):
        assert status == 0 and out.getvalue().count("\n") == 1 and out.getvalue().strip(), (
            out.getvalue(),
            err.getvalue(),
        )
    else:
        assert status != 0 and out.getvalue() == "" and "filedesc: error:" in err.getvalue()


@SLOW
@given(
    st.binary(max_size=300)
    | st.lists(st.sampled_from([b"ok.py", b"\xff\xfe", b"\xc3", b"", b"\x00", b"a\r"]), max_size=10).map(b"\n".join)
)
def test_cli_stdin_with_invalid_utf8_describes_every_line_with_a_name(data: bytes) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdin", _Stdin(data))
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        status = main(["describe", "--stdin", "--json", "--backend", "rules", "--lang", "en", "--no-cache"])
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status in (0, 1, 2)
    assert all(item["description"] for item in lines)
    given = [raw.strip() for raw in data.splitlines() if raw.strip()]
    empty = sum(1 for raw in given if not normalize_name(decode_name(raw).text))
    assert len(lines) == len(given) - empty and err.getvalue().count("no file name left") == empty
    assert [item["name"] for item in lines] == [
        decode_name(raw).display for raw in given if normalize_name(decode_name(raw).text)
    ]
    assert (status == 0) == (bool(given) and empty == 0)


def _run_cli(
    args: list[str | bytes], stdin: bytes = b"", tmp: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "FILEDESC_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "filedesc", *args], input=stdin, capture_output=True, timeout=60, env=env, cwd=tmp
    )


def test_real_cli_with_hostile_stdin_and_argv() -> None:
    stdin = b"\n".join([b"ok.py", b"\xff\xfe.py", b"", b"   ", b"\x00", "évènements.csv".encode(), b"x" * 10_000])
    done = _run_cli(["describe", "--stdin", "--backend", "rules", "--lang", "en"], stdin)
    assert done.returncode == 1, done.stderr  # the NUL line has no name left
    assert done.stdout.decode().count("\n") == 4 and "\\xff\\xfe.py\t" in done.stdout.decode()
    assert b"no file name left" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize("cache", [True, False])
def test_real_cli_with_undecodable_arguments_does_not_crash(cache: bool, tmp_path: Path) -> None:
    args: list[str | bytes] = ["describe", "--backend", "rules", "--lang", "en", b"\xff\xfe_report.py", "b.sh"]
    env = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "FILEDESC_CACHE_DIR": str(tmp_path / "c")}
    if not cache:
        env["FILEDESC_NO_CACHE"] = "1"
    done = subprocess.run([sys.executable, "-m", "filedesc", *args], capture_output=True, timeout=60, env=env)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 0 and done.stdout.count(b"\n") == 2


@pytest.mark.parametrize("name", SPECIMENS)
def test_every_specimen_through_the_public_api(name: str) -> None:
    import filedesc

    try:
        text = filedesc.describe(name, lang="en", backend="rules")
    except FiledescError as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and text
