"""``filedesc tree`` on a small folder: ignored files, headers versus names, depth, and every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.cli import main
from filedesc.service import Describer
from filedesc.tree import describe_tree, render_markdown, render_text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    files = {
        ".gitignore": "dist/\n*.log\n",
        "README.md": "# Proj\n",
        "src/app/load_users.py": '"""Load the users from the accounts database."""\n',
        "src/app/analyse_factures.py": '"""Analyse les factures du mois et calcule les totaux."""\n',
        "src/app/sync_reports.sh": "#!/bin/sh\necho sync\n",
        "src/app/deep/more/parse_config.py": "X = 1\n",
        "dist/bundle.js": "var x;\n",
        "debug.log": "noise\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _rules() -> Describer:
    return Describer("rules", cache=False)


def test_headers_in_the_requested_language_win_over_names(project: Path) -> None:
    entries = {e.path: e for e in describe_tree(project, "en", _rules())}
    assert (
        entries["src/app/load_users.py"].description == "Python module that loads the users from the accounts database."
    )
    assert entries["src/app/load_users.py"].source == "header"
    assert entries["src/app/analyse_factures.py"].source == "rules"  # its header is French
    assert entries["src/app/sync_reports.sh"].source == "rules"
    assert "dist/bundle.js" not in entries and "debug.log" not in entries and "dist" not in entries
    french = {e.path: e for e in describe_tree(project, "fr", _rules())}
    assert (french["src/app/analyse_factures.py"].description or "").startswith(
        "Module Python qui analyse les factures"
    )
    assert french["src/app/load_users.py"].source == "rules"
    assert {e.path: e for e in describe_tree(project, "en", _rules(), use_headers=False)}[
        "src/app/load_users.py"
    ].source == "rules"


def test_depth_limits_like_tree_L(project: Path) -> None:
    paths = [e.path for e in describe_tree(project, "en", _rules(), depth=2)]
    assert paths == [
        "src",
        "src/app",
        ".gitignore",
        "README.md",
    ]


def test_text_drawing(project: Path) -> None:
    text = render_text(describe_tree(project, "en", _rules()), "proj")
    lines = text.splitlines()
    assert lines[0] == "proj"
    assert lines[1].startswith("├── src/")
    assert any(line.startswith("│   └── app/") for line in lines)
    assert any("└── parse_config.py" in line for line in lines)
    assert lines[-1].startswith("└── README.md")
    assert "Python module that loads the users" in text


def test_markdown_table(project: Path) -> None:
    table = render_markdown(describe_tree(project, "en", _rules())).splitlines()
    assert table[:2] == ["| File | Description |", "|---|---|"]
    assert len(table) == 2 + 6  # files only
    assert "| `src/app/load_users.py` | Python module that loads the users" in "\n".join(table)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_cli_outputs(project: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    flags = {"text": [], "json": ["--json"], "markdown": ["--markdown"]}[fmt]
    assert main(["tree", str(project), "--backend", "rules", "--lang", "en", "--no-cache", *flags]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        body = json.loads(out)
        assert body["lang"] == "en"
        items = {i["path"]: i for i in body["items"]}
        assert items["src/app"]["type"] == "dir" and items["src/app/load_users.py"]["source"] == "header"
    elif fmt == "markdown":
        assert out.startswith("| File | Description |")
    else:
        assert "├── src/" in out and "load_users.py" in out


def test_cli_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tree", str(tmp_path / "nope"), "--backend", "rules"]) == 2
    assert "is not a folder" in capsys.readouterr().err
