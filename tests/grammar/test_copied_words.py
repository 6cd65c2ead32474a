"""Words the lexicon lacks: glued words split by frequency, copied words given French accents, gender and number.

The fixture lexicon knows neither ``liasse``, ``espece`` nor ``whitespace``; the shipped word table (wordfreq and
hunspell-fr) says how to write them. Sentences are exact, as in ``test_rules``.
"""

from __future__ import annotations

import pytest

from filedesc.grammar import analyse, describe_by_rules
from filedesc.grammar.frequency import load_words
from filedesc.lexicon import Lexicon, lexicon_from_data
from tests.grammar.conftest import fixture_data

EXPECTED: list[tuple[str, str, str]] = [
    ("calcul_liasse.py", "Python module for the liasse calculation.", "Module Python pour le calcul de liasse."),
    ("export_liasse_fiscale.py", "Python module that exports the fiscale liasse.",
     "Module Python qui exporte la liasse fiscale."),
    ("liste_especes_manquantes.py", "Python module that lists the manquantes especes.",
     "Module Python qui liste les espèces manquantes."),
    ("check_whitespace.sh", "Shell script that checks white space.", "Script shell qui vérifie le white space."),
    ("pousserlestextes.sh", "Shell script that pushes the texts.", "Script shell qui pousse les textes."),
    ("versioncheck.py", "Python module that checks the version.", "Module Python qui vérifie la version."),
    ("exporterdesfactures.sh", "Shell script that exports the invoices.", "Script shell qui exporte les factures."),
    ("send_invoice_to_glance.py", "Python module that sends the invoice to glance.",
     "Module Python qui envoie la facture vers glance."),
]


@pytest.mark.parametrize(("name", "en", "fr"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_copied_words(lex: Lexicon, name: str, en: str, fr: str) -> None:
    assert describe_by_rules(name, "en", lex) == en
    assert describe_by_rules(name, "fr", lex) == fr


def test_table_knows_both_languages() -> None:
    words = load_words()
    assert len(words) > 50_000
    solidarite = words.get("solidarite")
    assert solidarite is not None and solidarite.word == "solidarité" and solidarite.fr_gender == "f"
    assert solidarite.lang() == "fr"
    assert words.singular("textes") is not None
    adjective = words.adjective("manquantes")
    assert adjective is not None and adjective.word == "manquant"


@pytest.mark.parametrize(
    ("glued", "pieces"),
    [("pousserlestextes", ("pousser", "les", "textes")), ("ajoutedesliens", ("ajoute", "des", "liens")),
     ("versioncheck", ("version", "check")), ("langrussianmodel", ("lang", "russian", "model"))],
)
def test_glued_words_split_by_frequency(glued: str, pieces: tuple[str, ...]) -> None:
    assert load_words().segment(glued, lambda _: False) == pieces


@pytest.mark.parametrize("word", ["copyright", "maarch", "quanti", "kubernetes", "gitpod", "zorglub"])
def test_words_are_not_cut_by_chance(word: str) -> None:
    assert load_words().segment(word, lambda _: False) is None  # frequent whole words and short pieces stay whole


def test_a_name_with_a_known_word_is_described(lex: Lexicon) -> None:
    # one known word frames the copied ones; a name with none stays honest
    assert describe_by_rules("upload_zorglub_frobs.sh", "en", lex) != "Shell script named 'upload_zorglub_frobs'."
    assert describe_by_rules("zorglub_frobnicate.py", "en", lex) == "Python module named 'zorglub_frobnicate'."


def test_name_language_picks_the_reading(lex: Lexicon) -> None:
    # ``transformer`` is the French verb in a French name; both readings exist only where the lexicon has both
    assert analyse("transformer_fichier.py", lex).meaning.actions[0].key == "transform"


def test_shipped_table_is_sorted_by_key() -> None:
    from importlib import resources

    lines = [line for line in (resources.files("filedesc") / "grammar" / "data" / "words.tsv").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines == sorted(lines)  # the look-up is a binary search over the lines


def test_a_past_participle_qualifies_the_nouns() -> None:
    data = fixture_data()
    for verb in data["verbs"]:
        if verb["key"] == "download":  # the shipped lexicon lists past forms among the spellings
            verb["spellings"].append("downloaded")
            verb["fr"]["pp"] = "téléchargé"
    lex = lexicon_from_data(data)
    meaning = analyse("clean_downloaded_files.sh", lex).meaning
    assert [a.en for a in meaning.objects[0].adjectives] == ["downloaded"]  # not a stray verb that gives up
    assert describe_by_rules("clean_downloaded_files.sh", "en", lex) == "Shell script that cleans the downloaded files."
    assert describe_by_rules("clean_downloaded_files.sh", "fr", lex) == (
        "Script shell qui nettoie les fichiers téléchargés.")


def test_a_copied_conversion_converts(lex: Lexicon) -> None:
    # ``conversion`` stands in the fixture lexicon; a copied convert noun reads the same (render._fr_to)
    assert describe_by_rules("conversion_emails_en_minuscules.py", "fr", lex).endswith("en minuscules.")
