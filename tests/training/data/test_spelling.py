from __future__ import annotations

import pytest

from filedesc.training.data.spelling import SpellChecker, format_report

from .conftest import needs_dictionaries

pytestmark = needs_dictionaries


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


def test_clean_sentences_pass(checker: SpellChecker) -> None:
    assert checker.misspelled("Shell script that extracts the window events.", "en") == []
    assert checker.misspelled("Script shell qui extrait les événements de la fenêtre.", "fr") == []
    assert checker.misspelled("Module Python qui analyse les logs d'intégration vers JSON.", "fr") == []


def test_planted_misspellings_are_caught(checker: SpellChecker) -> None:
    assert checker.misspelled("Shell script that extracts the window evnets.", "en") == ["evnets"]
    assert checker.misspelled("Script shell qui extrait les évènemments de la fenêtre.", "fr") == ["évènemments"]
    assert checker.misspelled("Script shell qui extrait les evenements de la fenetre.", "fr") == [
        "evenements", "fenetre"
    ]
    found = checker.check_all([("x.sh", "fr", "Script shell qui extrait les évènemments.", ())])
    assert "évènemments" in format_report(found)


def test_identifiers_unknown_words_and_proper_names_are_exempt(checker: SpellChecker) -> None:
    text = "Python module that syncs the zorvex users with GitHub through getUserInfo and « foo_bar »."
    assert checker.misspelled(text, "en", exempt=("zorvex", "syncs")) == []
    assert checker.misspelled("Python module that loads the zorvex users.", "en") == ["zorvex"]
