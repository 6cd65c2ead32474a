"""French noun phrases: elision, contractions, agreement, aspirated h, plurals, bare modifiers, proper names."""

from __future__ import annotations

from filedesc.grammar import NounPhrase, Unknown, render_np
from filedesc.grammar.french import elide, modifier_phrase, noun_phrase, starts_with_vowel_sound
from filedesc.lexicon import AdjectiveEntry, Lexicon


def np(lex: Lexicon, head: str, *mods: str, plural: bool = False, adjs: tuple[str, ...] = ()) -> NounPhrase:
    return NounPhrase(lex.nouns[head], tuple(lex.nouns[m] for m in mods),
                      tuple(lex.adjectives[a] for a in adjs), plural)


def test_definite_articles_and_elision(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "window")) == "la fenêtre"
    assert noun_phrase(np(lex, "file")) == "le fichier"
    assert noun_phrase(np(lex, "user")) == "l'utilisateur"
    assert noun_phrase(np(lex, "event", plural=True)) == "les événements"
    assert noun_phrase(np(lex, "history")) == "l'historique"
    assert noun_phrase(np(lex, "host")) == "l'hôte"


def test_aspirated_h_blocks_elision(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "hash")) == "le hachage"
    assert noun_phrase(np(lex, "hierarchy")) == "la hiérarchie"
    assert noun_phrase(np(lex, "hash"), preposition="de") == "du hachage"
    assert noun_phrase(np(lex, "host"), preposition="de") == "de l'hôte"


def test_contractions(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "file"), preposition="de") == "du fichier"
    assert noun_phrase(np(lex, "file", plural=True), preposition="de") == "des fichiers"
    assert noun_phrase(np(lex, "window"), preposition="de") == "de la fenêtre"
    assert noun_phrase(np(lex, "user"), preposition="de") == "de l'utilisateur"
    assert noun_phrase(np(lex, "cart"), preposition="à") == "au panier"
    assert noun_phrase(np(lex, "user", plural=True), preposition="à") == "aux utilisateurs"
    assert noun_phrase(np(lex, "page"), preposition="à") == "à la page"
    assert noun_phrase(np(lex, "user"), preposition="à") == "à l'utilisateur"


def test_compounds_become_de_phrases(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "event", "window", plural=True)) == "les événements de la fenêtre"
    assert noun_phrase(np(lex, "setting", "user", "account", plural=True)) == (
        "les paramètres du compte de l'utilisateur")
    assert noun_phrase(np(lex, "list", "user")) == "la liste des utilisateurs"  # a collection takes plurals


def test_bare_modifiers(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "file", "configuration")) == "le fichier de configuration"
    assert noun_phrase(np(lex, "test", "integration", plural=True)) == "les tests d'intégration"
    assert modifier_phrase(lex.nouns["deployment"]) == "de déploiement"


def test_proper_names_take_no_article(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "json")) == "JSON"
    assert noun_phrase(np(lex, "configuration", "docker")) == "la configuration de Docker"
    assert noun_phrase(np(lex, "configuration", "apache")) == "la configuration d'Apache"
    assert noun_phrase(np(lex, "github"), preposition="vers") == "vers GitHub"
    assert noun_phrase(np(lex, "file", "pdf", plural=True)) == "les fichiers PDF"  # acronyms: apposition
    assert noun_phrase(np(lex, "pdf", "invoice")) == "le PDF de la facture"
    assert noun_phrase(NounPhrase(Unknown("Grist"))) == "Grist"
    assert noun_phrase(NounPhrase(lex.nouns["response"], (Unknown("HTTP"),))) == "la réponse HTTP"


def test_adjective_agreement_and_position(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "window", adjs=("main",))) == "la fenêtre principale"
    assert noun_phrase(np(lex, "file", adjs=("temporary",), plural=True)) == "les fichiers temporaires"
    assert noun_phrase(np(lex, "invoice", adjs=("monthly",), plural=True)) == "les factures mensuelles"
    assert noun_phrase(np(lex, "backup", adjs=("old",), plural=True)) == "les anciennes sauvegardes"
    assert noun_phrase(np(lex, "error", adjs=("last",))) == "la dernière erreur"
    assert noun_phrase(np(lex, "user", adjs=("new",))) == "le nouvel utilisateur"
    assert noun_phrase(np(lex, "session", adjs=("new",))) == "la nouvelle session"
    assert noun_phrase(np(lex, "user", adjs=("new",), plural=True)) == "les nouveaux utilisateurs"
    vieux = AdjectiveEntry("old", "old", "vieux", "vieille", "vieux", "vieilles", fr_before=True)
    assert noun_phrase(NounPhrase(lex.nouns["host"], adjectives=(vieux,))) == "le vieil hôte"


def test_plurals_and_mass_nouns(lex: Lexicon) -> None:
    assert noun_phrase(np(lex, "hospital", plural=True)) == "les hôpitaux"
    assert noun_phrase(np(lex, "price", plural=True)) == "les prix"
    assert noun_phrase(np(lex, "data")) == "les données"  # mass in English, plural in French
    assert noun_phrase(np(lex, "log", plural=True)) == "les logs"  # keep_en


def test_indefinite(lex: Lexicon) -> None:
    assert noun_phrase(NounPhrase(lex.nouns["user"], definite=False)) == "un utilisateur"
    assert noun_phrase(NounPhrase(lex.nouns["invoice"], definite=False)) == "une facture"
    assert noun_phrase(NounPhrase(lex.nouns["user"], plural=True, definite=False)) == "des utilisateurs"
    assert noun_phrase(NounPhrase(lex.nouns["user"], definite=False), preposition="de") == "d'un utilisateur"


def test_elision_helpers() -> None:
    assert elide("que il") == "qu'il"
    assert elide("de extraire") == "d'extraire"
    assert elide("le hôte") == "l'hôte"
    assert starts_with_vowel_sound("hôpital")
    assert not starts_with_vowel_sound("hachage", h_aspire=True)
    assert not starts_with_vowel_sound("fenêtre")


def test_render_np_both_languages(lex: Lexicon) -> None:
    phrase = np(lex, "event", "window", plural=True)
    assert render_np(phrase, "en") == "the window events"
    assert render_np(phrase, "fr") == "les événements de la fenêtre"
