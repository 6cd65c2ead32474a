"""``filedesc adapt`` on the command line: mining only, the refusal with too few pairs, the output folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest

from filedesc.cli import main
from filedesc.cli.adapt import OUT_SUBDIR, output_folder


def test_mine_only_prints_json_lines(plain_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapt", str(plain_repo), "--mine-only", "--no-progress"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert {"name", "lang", "description", "path", "origin"} <= set(records[0])
    assert any(r["lang"] == "fr" for r in records)
    assert f"{len(records)} pairs from" in captured.err


def test_too_few_pairs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "load_users.py").write_text('"""Load the users from the accounts database."""\n')
    assert main(["adapt", str(tmp_path), "--no-progress", "--base", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "only 1 (name, description) pairs were found" in err and "at least 20" in err


def test_missing_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapt", str(tmp_path / "nope"), "--mine-only"]) == 2
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME steers platformdirs on Linux only")
def test_output_folder_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def args(**kw: object) -> argparse.Namespace:
        return argparse.Namespace(**{"repo": tmp_path / "repo", "out": None, "user": False, **kw})

    assert output_folder(args()) == tmp_path / "repo" / OUT_SUBDIR
    assert output_folder(args(out=tmp_path / "x")) == tmp_path / "x"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert output_folder(args(user=True)) == tmp_path / "data" / "filedesc" / "models" / "repo"
