"""The source readers: apt translation lists, gettext catalogs, FreeDict, hunspell forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.training.data.bilingual import apt, freedict
from filedesc.training.data.bilingual.gettext import clean_message, read_catalog
from filedesc.training.data.bilingual.morph import EnglishMorph, FrenchMorph
from tests.training.data.bilingual.conftest import FIXTURES, write_apt_lists, write_freedict, write_mo


def test_apt_blocks_and_paragraphs() -> None:
    descs = list(apt.parse_descriptions((FIXTURES / "Translation-fr").read_text(encoding="utf-8"), "fr"))
    assert [d.package for d in descs] == ["rentcalc", "trashcli"]
    first = descs[0]
    assert first.short == "calculateur de réduction de loyer"
    assert first.paragraphs == ("Cet outil calcule la réduction de loyer d'un fichier.",
                                "Il gère des fichiers. Il supprime les vieux fichiers.")
    assert descs[1].paragraphs == ()


def test_apt_lists_read_compressed_and_keyed(tmp_path: Path) -> None:
    write_apt_lists(tmp_path)
    en = apt.read_lang("en", tmp_path)
    assert ("onlyenglish", "33333333333333333333333333333333") in en
    facts = apt.file_facts(apt.translation_files("fr", tmp_path)[0])
    assert len(str(facts["sha256"])) == 64 and facts["bytes"]


def test_missing_apt_list_names_the_command(tmp_path: Path) -> None:
    with pytest.raises(apt.AptListMissingError, match=r"apt-get update -o Acquire::Languages=fr,en"):
        apt.translation_files("fr", tmp_path)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("_Open %s…", "Open…"),
        ("&Save file %1$d", "Save file"),
        ("Delete {0} from <b>trash</b>", "Delete from trash"),
        ("Copy %(count)d files\n", "Copy files"),
        ("Fichier (_F)", "Fichier"),
        ("snake_case stays", "snake_case stays"),
    ],
)
def test_clean_message(raw: str, clean: str) -> None:
    assert clean_message(raw) == clean


def test_catalog_keeps_translated_messages(tmp_path: Path) -> None:
    mo = tmp_path / "demo.mo"
    write_mo(mo, [("_File", "_Fichier"), ("Untranslated", ""), ("Same", "Same"), ("Open %s", "Ouvrir %s")])
    pairs = list(read_catalog(mo, "demo", "GPL-2+"))
    assert sorted((p.en, p.fr) for p in pairs) == [("File", "Fichier"), ("Open", "Ouvrir")]
    assert {p.source for p in pairs} == {"gettext"} and pairs[0].licence == "GPL-2+"


def test_freedict_articles(tmp_path: Path) -> None:
    write_freedict(tmp_path, "fra-eng", [("corbeille", "corbeille /kɔʀbɛj/ <n, fem>\nbasket\ntrash\n")])
    write_freedict(tmp_path, "eng-fra", [("file", "file /fail/\n1. dossier\n2. limer, fichier\n")])
    (fra,) = freedict.read_dictionary("fra-eng", tmp_path)
    assert (fra.headword, fra.pos, fra.gender, fra.translations) == ("corbeille", "noun", "f", ("basket", "trash"))
    (eng,) = freedict.read_dictionary("eng-fra", tmp_path)
    assert eng.translations == ("dossier", "limer", "fichier") and eng.pos == ""


def test_missing_freedict_names_the_package(tmp_path: Path) -> None:
    with pytest.raises(freedict.FreeDictMissingError, match="dict-freedict-fra-eng"):
        freedict.dictionary_files("fra-eng", tmp_path)


def test_french_forms_from_hunspell(fr_morph: FrenchMorph) -> None:
    noun = fr_morph.noun("corbeille")
    assert noun is not None and (noun.pl, noun.gender) == ("corbeilles", "f")
    verb = fr_morph.verb("supprimer")
    assert verb is not None and (verb.third, verb.pp) == ("supprime", "supprimé")
    assert fr_morph.adjective("précaire") == ("précaire", "précaire", "précaires", "précaires")
    assert fr_morph.noun("Paris") is None  # capitalised stems are names


def test_english_forms_from_hunspell(en_morph: EnglishMorph) -> None:
    assert en_morph.verb("manage") == ("manage", "manages", "managing", "managed")
    assert en_morph.plural("reduction") == "reductions"
    assert {(a.stem, a.flag) for a in en_morph.analyses("files")} == {("file", "S")}
