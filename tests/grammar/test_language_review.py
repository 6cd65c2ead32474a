"""Classes of wording bugs found by reading generated descriptions, each pinned by a case.

Every case builds the meaning the training generator would draw and checks the sentence reads as correct,
natural English or French; the fix lives in the grammar (or the lexicon schema it reads), never in a patch of
the output.
"""

from __future__ import annotations

from typing import Any

import pytest

from filedesc.grammar import Complement, Meaning, NounPhrase, analyse, render
from filedesc.lexicon import Lexicon, lexicon_from_data
from tests.grammar.conftest import fixture_data


def _verb(key: str, en: tuple[str, str, str], fr: tuple[str, str], spellings: str) -> dict[str, Any]:
    return {"key": key, "en": {"base": en[0], "third": en[1], "gerund": en[2], "past": en[0] + "d"},
            "fr": {"inf": fr[0], "third": fr[1], "pp": fr[1]}, "spellings": spellings.split()}


@pytest.fixture(scope="module")
def review_lex() -> Lexicon:
    """The fixture lexicon plus the entry shapes the bugs came from."""
    data = fixture_data()
    data["verbs"] = [
        *data["verbs"],
        _verb("mute", ("mute", "mutes", "muting"), ("couper le son de", "coupe le son de"), "mute"),
        _verb("trust", ("trust", "trusts", "trusting"), ("faire confiance à", "fait confiance à"), "trust"),
        _verb("symlink", ("symlink", "symlinks", "symlinking"),
              ("créer un lien symbolique vers", "crée un lien symbolique vers"), "symlink"),
    ]
    data["nouns"] = [
        *data["nouns"],
        {"key": "pagination", "en": {"sg": "pagination", "pl": "pagination"},
         "fr": {"sg": "pagination", "pl": "paginations", "gender": "f"}, "mass": True, "spellings": ["pagination"]},
        {"key": "arabic", "en": {"sg": "Arabic", "pl": "Arabic"}, "fr": {"sg": "arabe", "pl": "arabe", "gender": "m"},
         "mass": True, "bare_modifier": True, "spellings": ["arabic", "arabe"]},
        {"key": "video", "en": {"sg": "video", "pl": "videos"}, "fr": {"sg": "vidéo", "pl": "vidéos", "gender": "f"},
         "spellings": ["video", "videos"]},
        {"key": "limit", "en": {"sg": "limit", "pl": "limits"}, "fr": {"sg": "limite", "pl": "limites", "gender": "f"},
         "spellings": ["limit", "limits"]},
    ]
    data["extensions"] = [
        *data["extensions"],
        {"ext": "hcl", "en": "HCL configuration file", "fr": "fichier de configuration HCL", "gender": "m",
         "category": "config"},
        {"ext": "stories.js", "en": "JavaScript Storybook stories file",
         "fr": "fichier de stories Storybook JavaScript", "gender": "m", "category": "component"},
    ]
    return lexicon_from_data(data)


def test_french_verb_phrases_link_their_object_with_a_preposition(review_lex: Lexicon) -> None:
    """Bug: "coupe le son la limitation", "crée un lien symbolique le fichier" (two objects in a row)."""
    lex = review_lex
    mute = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["mute"],), objects=(NounPhrase(lex.nouns["video"]),))
    assert render(mute, "fr") == "Script shell qui coupe le son de la vidéo."
    assert render(mute, "fr", 2) == "Script shell qui permet de couper le son de la vidéo."
    assert render(mute, "en") == "Shell script that mutes the video."
    trust = Meaning(kind=lex.extensions["py"], actions=(lex.verbs["trust"],),
                    objects=(NounPhrase(lex.nouns["host"], plural=True),))
    assert render(trust, "fr") == "Module Python qui fait confiance aux hôtes."
    link = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["symlink"],), objects=(NounPhrase(lex.nouns["file"]),))
    assert render(link, "fr") == "Script shell qui crée un lien symbolique vers le fichier."


def test_coordinated_verbs_with_different_links_each_take_the_object(review_lex: Lexicon) -> None:
    """One object cannot follow both "télécharge" and "coupe le son de": each verb gets its own."""
    lex = review_lex
    both = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["download"], lex.verbs["mute"]),
                   objects=(NounPhrase(lex.nouns["video"]),))
    assert render(both, "fr") == "Script shell qui télécharge la vidéo et coupe le son de la vidéo."
    same = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["download"], lex.verbs["install"]),
                   objects=(NounPhrase(lex.nouns["package"]),))
    assert render(same, "fr") == "Script shell qui télécharge et installe le paquet."


def test_names_leave_out_the_linking_preposition_and_still_parse(review_lex: Lexicon) -> None:
    """``couper_le_son_video`` is how a French developer writes it; the analyser still finds the verb."""
    analysis = analyse("couper_le_son_video.sh", review_lex)
    assert [v.key for v in analysis.meaning.actions] == ["mute"]
    assert render(analysis.meaning, "fr") == "Script shell qui coupe le son de la vidéo."


def test_mass_nouns_go_bare_as_the_topic_of_code(review_lex: Lexicon) -> None:
    """Bug: "Template file dedicated to the saturations." / "Module for the pagination."."""
    lex = review_lex
    topic = Meaning(kind=lex.extensions["py"], objects=(NounPhrase(lex.nouns["pagination"]),))
    assert render(topic, "en", 0) == "Python module for pagination."
    assert render(topic, "en", 1) == "Python module dedicated to pagination."
    assert render(topic, "fr", 1) == "Module Python consacré à la pagination."
    users = Meaning(kind=lex.extensions["py"], objects=(NounPhrase(lex.nouns["user"], plural=True),))
    assert render(users, "en", 2) == "Python module that handles the users."
    data = Meaning(kind=lex.extensions["csv"], objects=(NounPhrase(lex.nouns["data"]),))
    assert render(data, "en") == "CSV file of the data."  # content keeps its article


def test_language_names_are_capitalised_and_take_no_article_in_english(review_lex: Lexicon) -> None:
    """Bug: "pluralizing the arabic" (lowercase, with an article); French keeps "l'arabe"."""
    lex = review_lex
    m = Meaning(kind=lex.extensions["sh"], actions=(lex.verbs["convert"],), objects=(NounPhrase(lex.nouns["text"]),),
                complements=(Complement("from", NounPhrase(lex.nouns["arabic"])),))
    assert render(m, "en") == "Shell script that converts the text from Arabic."
    assert render(m, "fr") == "Script shell qui convertit le texte depuis l'arabe."
    topic = Meaning(kind=lex.extensions["py"], objects=(NounPhrase(lex.nouns["arabic"]),))
    assert render(topic, "en", 1) == "Python module dedicated to Arabic."


def test_french_qualifiers_of_the_kind_take_their_side(review_lex: Lexicon) -> None:
    """Bug: "Fichier de configuration HCL ancien" ("ancien" goes before its noun)."""
    lex = review_lex
    old = Meaning(kind=lex.extensions["hcl"], objects=(NounPhrase(lex.nouns["setting"], plural=True),),
                  qualifiers=(lex.adjectives["old"],))
    assert render(old, "fr").startswith("Ancien fichier de configuration HCL ")
    new = Meaning(kind=lex.extensions["png"], objects=(NounPhrase(lex.nouns["user"]),),
                  qualifiers=(lex.adjectives["new"],))
    assert render(new, "fr").startswith("Nouvelle image PNG ")
    tmp = Meaning(kind=lex.extensions["hcl"], objects=(NounPhrase(lex.nouns["setting"]),),
                  qualifiers=(lex.adjectives["temporary"],))
    assert render(tmp, "fr").startswith("Fichier de configuration HCL temporaire ")


def test_kinds_with_a_language_put_it_first(review_lex: Lexicon) -> None:
    """Bug: "Storybook stories file in JavaScript that handles ..." (the clause hung on "JavaScript")."""
    lex = review_lex
    m = Meaning(kind=lex.extensions["stories.js"], objects=(NounPhrase(lex.nouns["button"], plural=True),))
    assert render(m, "en", 2) == "JavaScript Storybook stories file that handles the buttons."


def test_french_verbs_with_an_indirect_object_take_their_preposition() -> None:
    """Bug: "répond le contrôleur", "permet d'accéder la clinique", "servant à cliquer les formulaires"."""
    data = fixture_data()
    data["verbs"] = [
        *data["verbs"],
        _verb("respond", ("respond", "responds", "responding"), ("répondre à", "répond à"), "respond"),
        _verb("click", ("click", "clicks", "clicking"), ("cliquer sur", "clique sur"), "click"),
    ]
    lex = lexicon_from_data(data)
    reply = Meaning(kind=lex.extensions["py"], actions=(lex.verbs["respond"],),
                    objects=(NounPhrase(lex.nouns["request"], plural=True),))
    assert render(reply, "fr") == "Module Python qui répond aux requêtes."
    click = Meaning(kind=lex.extensions["js"], actions=(lex.verbs["click"],),
                    objects=(NounPhrase(lex.nouns["button"]),))
    assert render(click, "fr", 3) == "Module JavaScript servant à cliquer sur le bouton."
    assert render(click, "en") == "JavaScript module that clicks the button."


def test_french_language_modifiers_say_en(review_lex: Lexicon) -> None:
    """Bug: "la procédure stockée d'espagnol" (a language qualifying a noun is "en espagnol")."""
    lex = review_lex
    m = Meaning(kind=lex.extensions["md"], objects=(NounPhrase(lex.nouns["text"], (lex.nouns["arabic"],)),))
    assert render(m, "fr") == "Document Markdown du texte en arabe."
    assert render(m, "en") == "Markdown document of the Arabic text."


def test_french_mass_modifiers_stay_singular(review_lex: Lexicon) -> None:
    """Bug: "les médianes de nettoyages de données" (a mass modifier is singular in both languages)."""
    lex = review_lex
    np = NounPhrase(lex.nouns["metric"], (lex.nouns["pagination"],), plural=True, modifier_plural=(True,))
    m = Meaning(kind=lex.extensions["py"], objects=(np,))
    assert render(m, "fr", 1) == "Module Python consacré aux métriques de la pagination."
    assert render(m, "en", 1) == "Python module dedicated to the pagination metrics."
