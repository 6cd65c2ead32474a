"""Look-ups ignore accents and case, and fall back to the aligned layer only when the hand layers miss."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from filedesc.lexicon import (
    AlignedLayer,
    aligned_index,
    aligned_layer,
    lexicon_from_data,
    load_aligned_lexicon,
    load_lexicon,
)

HAND: dict[str, Any] = {"nouns": [{"key": "parameter", "en": {"sg": "parameter", "pl": "parameters"},
                   "fr": {"sg": "paramètre", "pl": "paramètres", "gender": "m"},
                   "spellings": ["parameter", "paramètre", "parametre"]}]}
ALIGNED: dict[str, Any] = {"nouns": [
    {"key": "regressivity", "en": {"sg": "regressivity", "pl": "regressivities"},
     "fr": {"sg": "régressivité", "pl": "régressivités", "gender": "f"},
     "spellings": ["regressivity", "régressivité"], "provenance": "cognate"},
    {"key": "setting", "en": {"sg": "setting", "pl": "settings"},
     "fr": {"sg": "paramètre", "pl": "paramètres", "gender": "m"}, "spellings": ["setting"],
     "provenance": "aligned"},
]}


def test_lookup_ignores_accents_and_case() -> None:
    hand = lexicon_from_data(HAND)
    for token in ("parametres", "PARAMÈTRES", "paramétres".replace("é", "e"), "Parametre"):
        assert [n.key for n in hand.lookup(token).nouns] == ["parameter"], token


def test_fallback_only_when_the_hand_layer_misses() -> None:
    import dataclasses

    aligned = lexicon_from_data(ALIGNED)
    calls: list[int] = []

    def load() -> object:
        calls.append(1)
        return aligned

    hand = dataclasses.replace(lexicon_from_data(HAND), fallback=load)  # type: ignore[arg-type]
    assert [n.key for n in hand.lookup("parametres").nouns] == ["parameter"]  # hand wins, nothing loaded
    assert calls == []
    found = hand.lookup("regressivite").nouns
    assert [(n.key, n.provenance, n.gender) for n in found] == [("regressivity", "cognate", "f")]
    assert not hand.lookup("zzzz")


def test_lazy_layer_answers_like_the_full_one(tmp_path: Path) -> None:
    entries = {"nouns": ALIGNED["nouns"], "verbs": [], "adjectives": []}
    for kind, items in entries.items():
        (tmp_path / f"{kind}.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp_path / "index.json").write_text(json.dumps(aligned_index(entries)), encoding="utf-8")
    lazy, full = AlignedLayer(tmp_path), lexicon_from_data(ALIGNED)
    for token in ("regressivite", "RÉGRESSIVITÉS", "setting", "parametres", "nothing"):
        assert lazy.lookup(token) == full.lookup(token), token
    assert len(lazy._parsed) == 2  # only the entries a look-up reached were parsed


def test_shipped_lexicon_reads_accentless_names() -> None:
    """Names drop accents; the hand layers answer first, then the aligned layer."""
    lexicon = load_lexicon()
    for token in ("metadonnees", "parametres", "solidarite", "loyer", "reduction", "corbeille", "epidemiologie"):
        assert lexicon.lookup(token), token
    assert lexicon.lookup("solidarite").nouns[0].fr_sg == "solidarité"


def test_shipped_aligned_layer_is_separate_and_indexed() -> None:
    lexicon = load_lexicon()
    aligned = load_aligned_lexicon()
    assert not set(aligned.nouns) & set(lexicon.nouns)
    assert all(n.provenance in ("freedict", "aligned", "cognate") for n in aligned.nouns.values())
    assert {a.provenance for a in aligned.adjectives.values()} <= {"freedict", "aligned", "cognate", "derived"}
    assert all(n.provenance == "hand" for n in lexicon.nouns.values())
    layer = aligned_layer()
    for noun in list(aligned.nouns.values())[::500]:
        assert noun in layer.lookup(noun.fr_pl).nouns or not layer.lookup(noun.fr_pl), noun.key


def test_extended_layer_index_is_current() -> None:
    """Run-time look-ups read the extended hand layer through an index; after a hand edit of
    src/filedesc/training/data/lexicon/*.json run `filedesc data index-lexicon` (a stale index is not used)."""
    from filedesc.lexicon import EXTENDED_INDEX, _package_dir, layer_digest

    extended = _package_dir("filedesc", "training", "data", "lexicon")
    aligned = _package_dir("filedesc", "lexicon", "aligned")
    assert extended is not None and aligned is not None
    saved = json.loads(aligned.joinpath(EXTENDED_INDEX).read_text(encoding="utf-8"))
    assert saved["sha256"] == layer_digest(extended)


def test_lazy_extended_layer_answers_like_the_full_one() -> None:
    from filedesc.lexicon import AlignedLayer, _package_dir, extended_index, load_lexicon_dirs

    extended = _package_dir("filedesc", "training", "data", "lexicon")
    assert extended is not None
    lazy = AlignedLayer(extended, extended_index(extended)["index"])
    full = load_lexicon_dirs(extended)
    for noun in list(full.nouns.values())[::97]:
        for form in (noun.en_pl, noun.fr_pl, noun.key):
            assert lazy.lookup(form) == full.lookup(form), form
