"""Rendering meanings built by hand (what the training generator does): phrasings and variants."""

from __future__ import annotations

import pytest

from filedesc.grammar import Complement, Meaning, NounPhrase, Unknown, render, variant_count
from filedesc.lexicon import Lexicon


def extract_events(lex: Lexicon) -> Meaning:
    return Meaning(kind=lex.extensions["sh"], name="extract_window_events.sh", actions=(lex.verbs["extract"],),
                   objects=(NounPhrase(lex.nouns["event"], (lex.nouns["window"],), plural=True),))


def test_verb_variants(lex: Lexicon) -> None:
    m = extract_events(lex)
    assert variant_count(m, "en") == 4
    assert [render(m, "en", v) for v in range(4)] == [
        "Shell script that extracts the window events.",
        "Shell script to extract window events.",
        "Shell script for extracting the window events.",
        "Shell script extracting the window events.",
    ]
    assert [render(m, "fr", v) for v in range(variant_count(m, "fr"))] == [
        "Script shell qui extrait les événements de la fenêtre.",
        "Script shell pour extraire les événements de la fenêtre.",
        "Script shell qui permet d'extraire les événements de la fenêtre.",
        "Script shell servant à extraire les événements de la fenêtre.",
    ]
    assert render(m, "en", 4) == render(m, "en", 0)  # variants wrap around


def test_noun_variants_agree_with_the_kind(lex: Lexicon) -> None:
    topic = (NounPhrase(lex.nouns["user"]),)
    module = Meaning(kind=lex.extensions["py"], objects=topic)
    page = Meaning(kind=lex.extensions["html"], objects=topic)
    assert render(module, "fr", 1) == "Module Python consacré à l'utilisateur."
    assert render(page, "fr", 1) == "Page HTML consacrée à l'utilisateur."
    data = Meaning(kind=lex.extensions["csv"], objects=(NounPhrase(lex.nouns["event"], plural=True),))
    assert render(data, "en") == "CSV file of the events."
    assert render(data, "fr") == "Fichier CSV des événements."
    assert variant_count(data, "fr") == 3


def test_complements_and_coordination(lex: Lexicon) -> None:
    m = Meaning(kind=lex.extensions["py"], actions=(lex.verbs["convert"],),
                objects=(NounPhrase(lex.nouns["csv"]),), complements=(Complement("to", NounPhrase(lex.nouns["json"])),))
    assert render(m, "en") == "Python module that converts CSV to JSON."
    assert render(m, "fr") == "Module Python qui convertit CSV en JSON."
    send = Meaning(kind=lex.extensions["ts"], actions=(lex.verbs["send"],),
                   objects=(NounPhrase(lex.nouns["message"]),),
                   complements=(Complement("to", NounPhrase(lex.nouns["user"], plural=True)),))
    assert render(send, "fr") == "Module TypeScript qui envoie le message aux utilisateurs."
    both = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["download"], lex.verbs["install"]),
                   objects=(NounPhrase(Unknown("Neovim")),))
    assert render(both, "en") == "Shell script that downloads and installs Neovim."
    assert render(both, "fr", 1) == "Script shell pour télécharger et installer Neovim."
    pair = Meaning(kind=lex.extensions["py"], actions=(lex.verbs["load"],),
                   objects=(NounPhrase(lex.nouns["user"], plural=True), NounPhrase(lex.nouns["order"], plural=True)))
    assert render(pair, "en") == "Python module that loads the users and the orders."
    assert render(pair, "fr") == "Module Python qui charge les utilisateurs et les commandes."


def test_version_and_unknown_words(lex: Lexicon) -> None:
    m = Meaning(kind=lex.extensions["py"], actions=(lex.verbs["upload"],), objects=(NounPhrase(lex.nouns["image"]),),
                complements=(Complement("to", NounPhrase(Unknown("Glance"))),), version="v2")
    assert render(m, "en") == "Python module that uploads the image to Glance, version 2."
    assert render(m, "fr") == "Module Python qui téléverse l'image vers Glance, version 2."


def test_rejects_unknown_language(lex: Lexicon) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        render(extract_events(lex), "es")
