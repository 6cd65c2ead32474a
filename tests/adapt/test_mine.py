"""Mining a small repository: sources, house style, languages, ignored files, ambiguity and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.adapt.files import is_ignored, parse_gitignore, project_files, walk_files
from filedesc.adapt.language import detect_language
from filedesc.adapt.mine import MinedPair, mine_repository
from filedesc.adapt.style import Kind, restyle
from filedesc.lexicon import load_lexicon
from tests.adapt.conftest import TEAM_SUFFIX, team_scripts


def _by_name(pairs: list[MinedPair]) -> dict[str, MinedPair]:
    return {p.name: p for p in pairs}


@pytest.mark.parametrize("fixture", ["plain_repo", "git_repo"])
def test_mines_docstrings_comments_front_matter_and_manifests(fixture: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(fixture)
    result = mine_repository(root)
    pairs = _by_name(result.pairs)
    assert pairs["parse_orders.py"].description == "Python script that parses the orders exported by the shop."
    assert pairs["parse_orders.py"].origin == "docstring"
    assert (
        pairs["invoices.py"].description == "Python module with the invoice totals and the tax lines of each invoice."
    )
    assert pairs["extract_events.sh"].description == f"Shell script that extracts the events {TEAM_SUFFIX}."
    assert pairs["extract_events.sh"].origin == "header-comment"
    assert pairs["setup_guide.md"].origin == "front-matter"
    assert pairs["package.json"].description == "npm manifest of a small billing toolkit for invoices."
    assert pairs["pyproject.toml"].description == "Python project file of a project that computes invoices and taxes."
    french = pairs["analyse_factures.py"]
    assert french.lang == "fr"
    assert french.description == "Module Python qui analyse les factures du mois et calcule les totaux."
    assert "noisy.py" not in pairs  # a licence line describes nothing
    assert {"generated_report.py", "secret_notes.py"}.isdisjoint(pairs)  # ignored by .gitignore
    assert len(result.pairs) == len(team_scripts()) + 6 + (fixture == "git_repo")
    assert result.files_seen >= len(result.pairs)


def test_a_name_described_two_ways_is_dropped(plain_repo: Path) -> None:
    (plain_repo / "other").mkdir()
    (plain_repo / "other" / "invoices.py").write_text('"""Invoice e-mails sent to the customers."""\n')
    result = mine_repository(plain_repo)
    assert "invoices.py" not in _by_name(result.pairs)
    assert result.skipped["same name, different descriptions"] == 2


def test_sentences_unrelated_to_the_name_need_loose(plain_repo: Path) -> None:
    (plain_repo / "misc.py").write_text('"""Compute the weekly totals of the shop."""\n')
    assert "misc.py" not in _by_name(mine_repository(plain_repo).pairs)
    assert "misc.py" in _by_name(mine_repository(plain_repo, loose=True).pairs)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Parse the orders exported by the shop.", "en"),
        ("Analyse les factures du mois.", "fr"),
        ("Outil qui vérifie les données.", "fr"),
        ("PyTorch BERT model.", "en"),
        ("Foo quux xyzzy.", None),  # no stop word, no lexicon word ("bar" is an English noun of the lexicon now)
    ],
)
def test_language_detection(text: str, lang: str | None) -> None:
    assert detect_language(text, load_lexicon()) == lang


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("This module provides helpers for the cache.", "en", "Python module that provides helpers for the cache."),
        ("A tool to build the release notes.", "en", "Python module that builds the release notes."),
        ("Utilities for handling dates and times.", "en", "Python module with utilities for handling dates and times."),
        ("Ce module calcule les totaux des factures.", "fr", "Module Python qui calcule les totaux des factures."),
        ("Charger les utilisateurs depuis la base.", "fr", "Module Python qui charge les utilisateurs depuis la base."),
        (
            "Gestion des utilisateurs et de leurs droits.",
            "fr",
            "Module Python de gestion des utilisateurs et de leurs droits.",
        ),
        ("Outils pour les dates et les heures.", "fr", "Module Python d'outils pour les dates et les heures."),
        ("Ce module permet de gérer les factures.", "fr", "Module Python qui permet de gérer les factures."),
        ("Il faut appeler init avant tout le reste.", "fr", None),
        ("See the docs at https://example.org for more.", "en", None),
        ("x = compute(a, b) is the main call here.", "en", None),
        ("Too short.", "en", None),
    ],
)
def test_restyle_in_house_style(sentence: str, lang: str, expected: str | None) -> None:
    assert restyle(sentence, lang, Kind("Python module", "module Python"), load_lexicon()) == expected


def test_gitignore_rules() -> None:
    rules = parse_gitignore("# comment\n*.log\n/build/\ndocs/**/draft.md\n!keep.log\n")
    assert is_ignored("a/b/x.log", False, rules)
    assert not is_ignored("keep.log", False, rules)
    assert is_ignored("build", True, rules) and not is_ignored("src/build", True, rules)
    assert not is_ignored("build", False, rules)  # a file named build is not the folder
    assert is_ignored("docs/a/b/draft.md", False, rules) and is_ignored("docs/draft.md", False, rules)


def test_walk_and_git_agree(plain_repo: Path, git_repo: Path) -> None:
    walked = [p.as_posix() for p in walk_files(plain_repo)]
    listed = [p.as_posix() for p in project_files(git_repo)]
    assert "build/generated_report.py" not in walked and "secret_notes.py" not in walked
    assert sorted([*walked, "src/billing/untracked_tool.py"]) == listed
