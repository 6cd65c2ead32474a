"""The lexicon loader: tolerant of missing and malformed data, spelling index, caching, shipped data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.lexicon import fold, lexicon_from_data, load_lexicon, load_lexicon_dirs, strip_accents
from tests.grammar.conftest import fixture_data


def test_missing_folder_and_files_give_an_empty_lexicon(tmp_path: Path) -> None:
    lex = load_lexicon_dirs(tmp_path / "absent", tmp_path)
    assert not lex.verbs and not lex.nouns and not lex.extensions
    assert not lex.lookup("anything")


def test_layers_merge_and_malformed_entries_are_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = fixture_data()
    core, extra = tmp_path / "core", tmp_path / "extra"
    core.mkdir()
    extra.mkdir()
    (core / "nouns.json").write_text(json.dumps(data["nouns"][:5] + [{"key": "broken"}]), encoding="utf-8")
    (extra / "nouns.json").write_text(json.dumps(data["nouns"][5:8]), encoding="utf-8")
    (core / "verbs.json").write_text("{not json", encoding="utf-8")
    lex = load_lexicon_dirs(core, extra)
    assert len(lex.nouns) == 8
    assert "broken" not in lex.nouns
    assert not lex.verbs
    assert "malformed" in caplog.text


def test_spelling_index() -> None:
    lex = lexicon_from_data(fixture_data())
    assert [n.key for n in lex.lookup("evts").nouns] == ["event"]
    assert [n.key for n in lex.lookup("Événements").nouns] == ["event"]
    assert [n.key for n in lex.lookup("evenements").nouns] == ["event"]
    assert [v.key for v in lex.lookup("extraire").verbs] == ["extract"]
    both = lex.lookup("log")
    assert both.verbs and both.nouns
    assert [n.key for n in lex.lookup("cfg").nouns] == ["configuration"]
    assert [n.key for n in lex.lookup("mot de passe").nouns] == ["password"]
    assert lex.extension(".PY") is lex.extensions["py"]
    assert lex.extension("nope") is None


def test_fold() -> None:
    assert strip_accents("événement") == "evenement"
    assert fold("ÉVÉNEMENTS") == "evenements"
    assert fold("getUserInfo") == "getuserinfo"  # the ASCII fast path lowers, nothing else
    assert fold("Mise_A_Jour-2") == "mise_a_jour-2"
    assert fold("Ｅvénement") == strip_accents("Ｅvénement".lower())  # not ASCII: the full Unicode path


def test_shipped_lexicon_loads_and_is_cached() -> None:
    lex = load_lexicon()
    assert load_lexicon() is lex
    assert lex.conventions, "conventions.json ships with the grammar"
    extended = load_lexicon(extended=True)
    assert len(extended.nouns) >= len(lex.nouns)


def test_shipped_words_obviously_present() -> None:
    lex = load_lexicon()
    for word in ("event", "window", "file", "user", "log"):
        if lex.nouns:
            assert lex.lookup(word).nouns, word
    for word in ("extract", "analyse"):
        if lex.verbs:
            assert lex.lookup(word).verbs, word
