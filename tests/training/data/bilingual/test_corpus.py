"""``filedesc data bilingual`` built from fixture files: filters, dedupe, provenance, stats, the names split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.training.data.bilingual.checks import Vocabulary, language_ok, misspelled
from filedesc.training.data.bilingual.corpus import BilingualConfig, build_bilingual, verdict
from filedesc.training.data.bilingual.records import Pair
from filedesc.training.data.exclusions import Exclusions
from tests.training.data.bilingual.conftest import write_apt_lists, write_freedict, write_mo


@pytest.fixture
def built(tmp_path: Path, vocab: Vocabulary) -> Path:
    apt_dir, dictd, locale = tmp_path / "lists", tmp_path / "dictd", tmp_path / "locale"
    write_apt_lists(apt_dir)
    write_freedict(dictd, "fra-eng", [("loyer", "loyer /lwaje/ <n, masc>\nrent\n")])
    write_freedict(dictd, "eng-fra", [("rent", "rent /rent/\nloyer\n"), ("trash", "trash /træʃ/\ncorbeille\n")])
    write_mo(locale / "fr" / "LC_MESSAGES" / "demo.mo",
             [("_File", "_Fichier"), ("Delete", "Supprimer"), ("Delete file", "Suprimer le fichier"),
              ("Open", "Open"), ("Manage files", "Gérer les fichiers")])
    out = tmp_path / "out"
    build_bilingual(BilingualConfig(out=out, apt_lists=apt_dir, dictd=dictd, locale_dir=locale, fetch_packages=(),
                                    vocabulary=vocab, exclusions=Exclusions(frozenset(), frozenset({"trashcli"}),
                                                                            found=True)))
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_pairs_carry_source_package_licence(built: Path) -> None:
    rows = _rows(built / "pairs.jsonl")
    assert rows and all({"en", "fr", "source", "package", "licence"} <= row.keys() for row in rows)
    by_text = {(r["en"], r["fr"]): r for r in rows}
    short = by_text[("rent reduction calculator", "calculateur de réduction de loyer")]
    assert (short["source"], short["package"]) == ("apt-short", "rentcalc")
    assert ("It manages files.", "Il gère des fichiers.") in by_text  # sentences paired inside a paragraph
    assert by_text[("Delete", "Supprimer")]["source"] == "gettext"
    assert by_text[("File", "Fichier")]["package"] == "demo"


def test_untranslated_and_misspelled_messages_are_dropped(built: Path) -> None:
    texts = {(r["en"], r["fr"]) for r in _rows(built / "pairs.jsonl")}
    assert ("Open", "Open") not in texts
    assert ("Delete file", "Suprimer le fichier") not in texts
    stats = json.loads((built / "stats.json").read_text(encoding="utf-8"))
    assert stats["dropped"]["gettext:misspelled"] == 1


def test_freedict_keeps_both_directions_once_each(built: Path) -> None:
    rows = [r for r in _rows(built / "pairs.jsonl") if r["source"] == "freedict"]
    rent = [r for r in rows if (r["en"], r["fr"]) == ("rent", "loyer")]
    assert sorted(r["package"] for r in rent) == ["dict-freedict-eng-fra", "dict-freedict-fra-eng"]
    assert next(r for r in rent if r["package"].endswith("fra-eng"))["gender"] == "m"


def test_stats_record_the_apt_lists(built: Path) -> None:
    stats = json.loads((built / "stats.json").read_text(encoding="utf-8"))
    assert stats["apt_descriptions"] == {"en": 3, "fr": 2, "parallel": 2}
    assert {len(f["sha256"]) for f in stats["apt_lists"]} == {64}
    assert stats["kept_by_source"]["apt-short"] == 2


def test_debian_names_split_excludes_dev_names(built: Path) -> None:
    names = _rows(built / "debian_names.jsonl")
    assert {"name": "rentcalc", "lang": "fr", "description": "Calculateur de réduction de loyer.",
            "source": "debian-names:rentcalc"} in names
    assert {(n["name"], n["lang"]) for n in names} == {("rentcalc", "en"), ("rentcalc", "fr"), ("onlyenglish", "en")}


def test_language_check(vocab: Vocabulary) -> None:
    assert language_ok("gérer les fichiers", "fr", vocab)
    assert not language_ok("manage the files", "fr", vocab)
    assert language_ok("manage the files", "en", vocab)
    assert misspelled("Suprimer le fichier", vocab) == ["Suprimer"]
    assert misspelled("le fichier iptables", vocab, source="iptables file") == []


def test_length_and_ratio_filters(vocab: Vocabulary) -> None:
    assert verdict(Pair("file " * 70, "fichier " * 70, "gettext", "p", "l"), vocab) == "length"
    assert verdict(Pair("file", "fichier de réduction de loyer précaire", "gettext", "p", "l"), vocab) == "ratio"
