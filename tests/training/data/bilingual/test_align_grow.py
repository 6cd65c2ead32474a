"""The aligner and the lexicon growth: links both ways, evidence thresholds, forms, provenance, hand entries win."""

from __future__ import annotations

from filedesc.lexicon import lexicon_from_data
from filedesc.training.data.bilingual.align import align, tokens
from filedesc.training.data.bilingual.grow import Grower
from filedesc.training.data.bilingual.morph import EnglishMorph, FrenchMorph

HAND = {
    "nouns": [{"key": "file", "en": {"sg": "file", "pl": "files"},
               "fr": {"sg": "fichier", "pl": "fichiers", "gender": "m"}, "spellings": ["file", "fichier"]}],
}


def test_tokens_cut_french_elisions() -> None:
    assert tokens("L'outil d’un fichier", "fr") == ["outil", "un", "fichier"]


def test_model1_finds_translations_and_skips_function_words() -> None:
    pairs = [("the file", "le fichier"), ("the trash", "la corbeille"), ("delete the file", "supprimer le fichier"),
             ("the rent", "le loyer"), ("rent reduction", "réduction de loyer"), ("trash file", "fichier corbeille")]
    links = {(link.en, link.fr) for link in align(pairs * 3, iterations=10, min_prob=0.2)}
    assert {("file", "fichier"), ("trash", "corbeille"), ("rent", "loyer")} <= links
    assert not any(en == "the" or fr in ("le", "la") for en, fr in links)


def _grower(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> Grower:
    return Grower(fr_morph, en_morph, lexicon_from_data(HAND))


def test_one_vote_is_not_enough_two_are(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    grower.add_short_pair("Trash", "Corbeille")
    assert "trash" not in grower.choose()["noun"]
    grower.add_short_pair("Trash", "Corbeille")
    assert grower.choose()["noun"]["trash"][0] == "corbeille"


def test_forms_gender_and_provenance(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    grower.add_freedict("rent", "loyer", "noun", "m", 0, "fe")
    grower.add_freedict("rent", "loyer", "", "", 0, "ef")
    for _ in range(2):
        grower.add_short_pair("Delete", "Supprimer")
        grower.add_short_pair("Deletes", "Supprime")
    entries = grower.entries()
    (rent,) = entries["nouns"]
    assert rent["fr"] == {"sg": "loyer", "pl": "loyers", "gender": "m"} and rent["provenance"] == "freedict"
    (delete,) = entries["verbs"]
    assert delete["en"] == {"base": "delete", "third": "deletes", "gerund": "deleting", "past": "deleted"}
    assert delete["fr"] == {"inf": "supprimer", "third": "supprime", "pp": "supprimé"}
    assert delete["provenance"] == "aligned" and "supprime" in delete["spellings"]


def test_one_dictionary_direction_alone_is_not_enough(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    grower.add_freedict("rent", "loyer", "", "", 3, "ef")
    assert grower.entries()["nouns"] == []


def test_hand_entries_win(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    for _ in range(3):
        grower.add_short_pair("File", "Corbeille")  # a wrong pair for a hand key: never written
        grower.add_short_pair("Trash", "Corbeille")
        grower.add_short_pair("Trash file", "Fichier")
    nouns = grower.entries()["nouns"]
    assert [n["key"] for n in nouns] == ["trash"]


def test_taken_spellings_are_dropped(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    for _ in range(2):
        grower.add_short_pair("Password", "Fichier")  # "fichier" belongs to the hand entry "file"
    (entry,) = grower.entries()["nouns"]
    assert entry["key"] == "password" and "fichier" not in entry["spellings"]


def test_epicene_gender_from_determiners(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    for _ in range(2):
        grower.add_short_pair("Pupil", "Élève")
    assert grower.entries()["nouns"] == []  # hunspell says epicene, nothing else says which
    for _ in range(3):
        grower.add_french_text("Un élève lit.")
    (pupil,) = grower.entries()["nouns"]
    assert pupil["fr"]["gender"] == "m"


def test_cognates_need_a_sure_ending(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    grower.add_cognates(["reduction", "precarious", "manage"])
    chosen = grower.choose()
    assert chosen["noun"]["reduction"][0] == "réduction"
    assert "manage" not in chosen["verb"]  # "manager" is no French verb of the fixture
    entry = next(e for e in grower.entries()["nouns"] if e["key"] == "reduction")
    assert entry["provenance"] == "cognate" and "reduction" in entry["spellings"]


def test_phrase_translation(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    for _ in range(2):
        grower.add_short_pair("Password", "Réduction de loyer")
    (entry,) = grower.entries()["nouns"]
    assert entry["fr"] == {"sg": "réduction de loyer", "pl": "réductions de loyer", "gender": "f"}


def test_two_word_nouns(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    grower.add_short_pair("Rent reduction", "Réduction de loyer")
    grower.add_short_pair("Rent trash", "Corbeille précaire")
    grower.add_short_pair("Rent file", "Loyer de fichier")  # the heads do not translate each other
    grower.add_short_pair("The trash", "La corbeille")  # a function word: no compound
    assert grower.entries()["nouns"] == []  # no head evidence yet
    for _ in range(2):
        grower.add_short_pair("Reductions", "Réductions")
        grower.add_short_pair("Trash", "Corbeille")
    nouns = {n["key"]: n for n in grower.entries()["nouns"]}
    assert set(nouns) == {"rent_reduction", "rent_trash", "reduction", "trash"}
    assert nouns["rent_reduction"]["en"] == {"sg": "rent reduction", "pl": "rent reductions"}
    assert nouns["rent_reduction"]["fr"] == {"sg": "réduction de loyer", "pl": "réductions de loyer", "gender": "f"}
    assert nouns["rent_trash"]["fr"]["pl"] == "corbeilles précaires"
    assert nouns["rent_reduction"]["spellings"] == ["rentreduction", "rentreductions"]


def test_participles_become_adjectives(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> None:
    grower = _grower(fr_morph, en_morph)
    for _ in range(2):
        grower.add_short_pair("Delete", "Supprimer")
    adjectives = grower.entries()["adjectives"]
    assert [(a["key"], a["fr"], a["provenance"]) for a in adjectives] == [
        ("deleted", {"ms": "supprimé", "fs": "supprimée", "mp": "supprimés", "fp": "supprimées"}, "derived")]
    assert adjectives[0]["evidence"] == {"verb": "delete", "verb_provenance": "aligned"}
