"""English noun phrases: articles, a/an, plurals, compounds."""

from __future__ import annotations

from filedesc.grammar import NounPhrase, Unknown
from filedesc.grammar.english import coordinate, indefinite, noun_phrase
from filedesc.lexicon import Lexicon


def test_articles(lex: Lexicon) -> None:
    assert noun_phrase(NounPhrase(lex.nouns["window"])) == "the window"
    assert noun_phrase(NounPhrase(lex.nouns["user"], definite=False)) == "a user"
    assert noun_phrase(NounPhrase(lex.nouns["item"], definite=False)) == "an item"
    assert noun_phrase(NounPhrase(lex.nouns["user"], plural=True, definite=False)) == "users"
    assert noun_phrase(NounPhrase(lex.nouns["data"], definite=False)) == "data"
    assert noun_phrase(NounPhrase(lex.nouns["json"])) == "JSON"
    assert noun_phrase(NounPhrase(Unknown("Grist"))) == "Grist"


def test_bare_article_for_plural_and_mass(lex: Lexicon) -> None:
    assert noun_phrase(NounPhrase(lex.nouns["event"], (lex.nouns["window"],), plural=True), "bare") == (
        "window events")
    assert noun_phrase(NounPhrase(lex.nouns["data"]), "bare") == "data"
    assert noun_phrase(NounPhrase(lex.nouns["file"]), "bare") == "the file"


def test_plurals_and_compounds(lex: Lexicon) -> None:
    assert noun_phrase(NounPhrase(lex.nouns["address"], plural=True)) == "the addresses"
    assert noun_phrase(NounPhrase(lex.nouns["information"], plural=True)) == "the information"
    assert noun_phrase(NounPhrase(lex.nouns["setting"], (lex.nouns["user"], lex.nouns["account"]), plural=True)) == (
        "the user account settings")
    assert noun_phrase(NounPhrase(lex.nouns["list"], (lex.nouns["user"],), modifier_plural=(True,))) == (
        "the list of users")
    assert noun_phrase(NounPhrase(lex.nouns["pdf"], (lex.nouns["invoice"],))) == "the invoice PDF"


def test_a_or_an() -> None:
    assert indefinite("user") == "a"
    assert indefinite("hour") == "an"
    assert indefinite("event") == "an"
    assert indefinite("unit test") == "a"
    assert indefinite("image") == "an"


def test_coordinate() -> None:
    assert coordinate(["a"]) == "a"
    assert coordinate(["a", "b"]) == "a and b"
    assert coordinate(["a", "b", "c"]) == "a, b and c"
