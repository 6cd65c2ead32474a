from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.training.data.corpus_check import check_corpus
from filedesc.training.data.exclusions import Exclusions, is_stdlib_path, load_exclusions, stdlib_paths
from filedesc.training.data.spelling import SpellChecker

from .conftest import corpus_line, needs_dictionaries

GOOD = "github:acme/tools@0123456789abcdef0123456789abcdef01234567:bin/sync.sh"


def _write(tmp_path: Path, lines: list[str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "planted.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_planted_defects_are_reported(tmp_path: Path, exclusions: Exclusions) -> None:
    stdlib_file = f"pypi:python:{Path(stdlib_paths()[0]) / 'json' / 'decoder.py'}"
    lines = [
        corpus_line("sync.sh", "en", "Shell script that synchronises the inventory with the warehouse.", GOOD),
        corpus_line("sync.sh", "fr", "Script shell qui synchronise l'inventaire avec l'entrepôt.", GOOD),
        # a held-out repository
        corpus_line("form.js", "en", "JavaScript module that builds the permit request form.",
                    "github:betagouv/pitchou@abcdef0:src/form.js"),
        # the standard library
        corpus_line("decoder.py", "en", "Python module that decodes JSON documents into Python objects.",
                    stdlib_file),
        corpus_line("scanner.py", "en", "Python module that scans JSON tokens for the decoder.",
                    "debian:libpython3.11-stdlib:/usr/lib/python3.11/json/scanner.py"),
        # a sentence that is too long, and one with no final period
        corpus_line("long.sh", "en", "Shell script that " + "really " * 14 + "does everything.", GOOD + "x"),
        corpus_line("short.sh", "en", "Shell script that does many things without a period", GOOD + "y"),
        # a real-dev name, a bad language, a bad category, an unknown field, broken JSON
        corpus_line("getUserInfo.ts", "en", "TypeScript module that fetches the user information.", GOOD + "z"),
        corpus_line("a.sh", "de", "Shell-Skript das die Ereignisse aus dem Fenster extrahiert.", GOOD + "w"),
        corpus_line("b.sh", "en", "Shell script that extracts the window events for us.", GOOD + "v", "scripts"),
        '{"name": "c.sh", "lang": "en"}',
        "{not json",
        # an exact duplicate
        corpus_line("sync.sh", "en", "Shell script that synchronises the inventory with the warehouse.", GOOD),
    ]
    report = check_corpus(_write(tmp_path, lines), exclusions)
    messages = [str(p) for p in report.problems]
    text = "\n".join(messages)
    assert "planted.jsonl:3: excluded: held-out repository" in text
    assert "planted.jsonl:4: excluded: Python standard library" in text
    assert "planted.jsonl:5: excluded: Python standard library" in text
    assert "planted.jsonl:6: description has 19 words" in text
    assert "planted.jsonl:7: description does not end with one period" in text
    assert "planted.jsonl:8: excluded: name of real-dev.jsonl" in text
    assert "planted.jsonl:9: lang 'de'" in text
    assert "planted.jsonl:10: category 'scripts' is unknown" in text
    assert "planted.jsonl:11: fields must be exactly" in text
    assert "planted.jsonl:12: not a JSON object" in text
    assert "planted.jsonl:13: duplicate of planted.jsonl:1" in text
    assert [e.name for e in report.examples] == ["sync.sh", "sync.sh"]


def test_pairs_and_name_limits(tmp_path: Path, exclusions: Exclusions) -> None:
    lines = [corpus_line("only_en.py", "en", "Python module that loads the settings of the application.", GOOD)]
    for repo in ("a/b", "c/d", "e/f", "g/h"):
        source = f"github:{repo}@0123456789abcdef0123456789abcdef01234567:utils.py"
        lines.append(corpus_line("utils.py", "en", f"Python module with helper functions for the {repo[0]} app.",
                                 source))
        lines.append(corpus_line("utils.py", "fr", f"Module Python de fonctions utilitaires pour l'appli {repo[0]}.",
                                 source))
    report = check_corpus(_write(tmp_path, lines), exclusions)
    text = "\n".join(str(p) for p in report.problems)
    assert "only_en.py" in text and "not en + fr" in text
    assert "utils.py comes from 4 files (at most 3)" in text
    assert report.coverage["repositories"] == 5


def test_stdlib_paths_are_recognised() -> None:
    root = stdlib_paths()[0]
    assert is_stdlib_path(str(Path(root) / "json" / "decoder.py"))
    assert is_stdlib_path("/usr/lib/python3.11/json/decoder.py")
    assert is_stdlib_path("/usr/lib/google-cloud-sdk/platform/bundledpythonunix/lib/python3.12/platform.py")
    assert not is_stdlib_path("/usr/lib/python3/dist-packages/yaml/loader.py")
    assert not is_stdlib_path("/work/.venv/lib/python3.11/site-packages/requests/api.py")


@needs_dictionaries
def test_french_misspelling_in_corpus_is_reported(tmp_path: Path, exclusions: Exclusions) -> None:
    lines = [
        corpus_line("sync.sh", "en", "Shell script that synchronises the inventory with the warehouse.", GOOD),
        corpus_line("sync.sh", "fr", "Script shell qui synchronnise l'inventaire avec l'entrepôt.", GOOD),
    ]
    report = check_corpus(_write(tmp_path, lines), exclusions, SpellChecker())
    assert any("French misspelling: synchronnise" in p.message for p in report.problems)


@needs_dictionaries
def test_the_written_corpus_is_clean() -> None:
    exclusions = load_exclusions()
    if not exclusions.found:
        pytest.skip("the shared data folder (../shared/data or FILEDESC_SHARED_DIR) is missing")
    report = check_corpus(exclusions=exclusions, checker=SpellChecker())
    if not report.examples:
        pytest.skip("no written corpus yet")
    assert [str(p) for p in report.problems] == []
    assert report.coverage["repositories"] >= 10
