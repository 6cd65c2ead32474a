"""The command line, in process (with a fake backend) and as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filedesc.cli import main
from filedesc.plugins.ship import shipped_default
from tests.conftest import EchoPlugin


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_one_name_prints_only_the_description(echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "--backend", "echo", "--lang", "fr", "scripts/a.sh"]) == 0
    assert capsys.readouterr().out == "Fr description of a.sh.\n"


def test_several_names_are_tab_separated(echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "--backend", "echo", "--lang", "en", "a.sh", "b.py"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "a.sh\tEn description of a.sh.",
        "b.py\tEn description of b.py.",
    ]


def test_json_lines(echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "--backend", "echo", "--lang", "en", "--json", "a.sh", "a.sh"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    assert {"name", "lang", "description", "backend", "cached"} <= set(lines[0])
    assert lines[0]["backend"] == "echo" and lines[0]["cached"] is False


def test_stdin_with_invalid_utf8_reads_it_as_windows_1252(
    echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"good.py\n\xff\xfe bad\n\nother.sh\n"))
    assert main(["describe", "--backend", "echo", "--lang", "en", "--stdin"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "good.py\tEn description of good.py.",
        "\\xff\\xfe bad\tEn description of ÿþ bad.",
        "other.sh\tEn description of other.sh.",
    ]
    assert captured.err == ""


def test_no_names_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe"]) == 2
    assert "no file name given" in capsys.readouterr().err


def test_empty_name_is_skipped_with_an_error(echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "--backend", "echo", "--lang", "en", "..", "ok.py"]) == 1
    captured = capsys.readouterr()
    assert "ok.py\tEn description of ok.py." in captured.out
    assert "'..' has no file name left" in captured.err


def test_unknown_backend_names_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["describe", "--backend", "nope", "a.py"]) == 1
    err = capsys.readouterr().err
    assert "unknown backend 'nope'" in err and "rules" in err and "filedesc backends" in err


def test_backends_json(echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backends", "--json"]) == 0
    rows = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["rules"]["available"] is True
    assert rows["onnx-int8"]["available"] is True
    assert rows[str(shipped_default())]["default"] is True  # the ship record's choice
    assert rows["echo"]["default"] is False  # priority 0: below the shipped backends' 100, which the choice takes


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "describe" in out and "backends" in out


def test_real_command_in_a_subprocess() -> None:
    env = {**os.environ, "FILEDESC_BACKEND": "rules"}
    proc = subprocess.run(
        [sys.executable, "-m", "filedesc", "describe", "--lang", "en", "--json", "README.md"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["backend"] == "rules" and row["name"] == "README.md"
    assert row["description"].endswith(".") and len(row["description"].split()) >= 4


def test_check_corpus_reports_each_problem_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    source = "github:acme/tools@0123456789abcdef0123456789abcdef01234567:bin/purge_caches.sh"
    good = {
        "name": "purge_caches.sh",
        "description": "Shell script that empties the caches of every service.",
        "name_lang": "en",
        "source": source,
        "category": "script",
    }
    lines = [
        json.dumps({**good, "lang": "en"}),
        json.dumps({**good, "lang": "fr", "description": "Script shell qui vide."}),
    ]
    (folder / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["data", "check-corpus", "--no-spelling", "--folder", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("part.jsonl:2:") and "words" in out.splitlines()[0]
    lines[1] = json.dumps({**good, "lang": "fr", "description": "Script shell qui vide les caches de chaque service."})
    (folder / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["data", "check-corpus", "--no-spelling", "--markdown", "--folder", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "0 problem(s)"
    assert "| part.jsonl | 1 | 100.0 % |" in out and "| script | 1 | 100.0 % |" in out and "`sh` 1" in out
