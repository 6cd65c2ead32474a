"""Choose the identifier words that stand for a meaning: English or French forms, abbreviations, word order.

A generated name must say what its description says: a plural object is written plural (``events``,
``evenements``, ``evts``), a French name puts the head noun first (``evenements_fenetre``, ``calcul_impot``) and
its prepositions in French (``en``, ``vers``, ``depuis``), an English name puts modifiers first
(``window_events``). The spellings come from the lexicon's ``spellings`` lists, so abbreviations (``cfg``, ``msg``,
``evt``) appear as often as real code uses them.
"""

from __future__ import annotations

import functools
import random

from filedesc.grammar import Complement, NounPhrase, Unknown, french
from filedesc.lexicon import AdjectiveEntry, NounEntry, VerbEntry, fold

EN_PREPS = {"to": ("to", "to", "to", "2"), "into": ("into", "to"), "from": ("from",), "for": ("for",), "by": ("by",),
            "with": ("with",), "in": ("in",), "on": ("on",), "as": ("as",), "via": ("via",)}
FR_PREPS = {"to": ("vers",), "into": ("dans",), "from": ("depuis",), "for": ("pour",), "by": ("par",),
            "with": ("avec",), "in": ("dans",), "on": ("sur",), "as": ("comme",), "via": ("via",)}
ABBREVIATION_RATE = 0.15


@functools.cache
def _classified(spellings: tuple[str, ...], en_forms: frozenset[str], fr_forms: frozenset[str]) -> dict[str, list[str]]:
    """Sort spellings into English word forms, French word forms and language-neutral abbreviations."""
    out: dict[str, list[str]] = {"en": [], "fr": [], "abbr": []}
    for spelling in spellings:
        folded = fold(spelling)
        if folded in en_forms:
            out["en"].append(spelling)
        elif folded in fr_forms:
            out["fr"].append(spelling)
        elif " " not in spelling and len(folded) <= 6:
            out["abbr"].append(spelling)
    return out


def _forms(*words: str) -> frozenset[str]:
    return frozenset(fold(w) for w in words if w)


def verb_token(verb: VerbEntry, lang: str, rng: random.Random) -> str:
    """The word for a verb: English base form, French infinitive or third person, or an abbreviation."""
    sorts = _classified(verb.spellings, _forms(verb.en_base, verb.en_third), _forms(verb.fr_inf, verb.fr_third))
    if sorts["abbr"] and rng.random() < ABBREVIATION_RATE:
        return rng.choice(sorts["abbr"])
    if lang == "fr":
        form = verb.fr_inf if rng.random() < 0.6 else verb.fr_third
        return french.verb_linker(form)[0]  # names leave out the object's preposition: couper_le_son_video
    return verb.en_base


def noun_token(noun: NounEntry | Unknown, plural: bool, lang: str, rng: random.Random) -> str:
    """The word for a noun in the right number; abbreviations only where the number stays readable."""
    if isinstance(noun, Unknown):
        return noun.text
    if noun.proper:
        return noun.en_sg
    if lang == "fr":
        return noun.fr_pl if plural else noun.fr_sg
    sorts = _classified(noun.spellings, _forms(noun.en_sg, noun.en_pl), _forms(noun.fr_sg, noun.fr_pl))
    if sorts["abbr"] and rng.random() < ABBREVIATION_RATE:
        abbr = rng.choice(sorts["abbr"])
        if not plural or noun.mass:
            return abbr
        if abbr + "s" in noun.spellings:
            return abbr + "s"
    return noun.en_pl if plural and not noun.mass else noun.en_sg


def adjective_token(adj: AdjectiveEntry, gender: str, plural: bool, lang: str) -> str:
    """The word for an adjective (French agreed with its noun)."""
    if lang != "fr":
        return adj.en
    if gender == "f":
        return adj.fr_fp if plural else adj.fr_fs
    return adj.fr_mp if plural else adj.fr_ms


def np_tokens(np: NounPhrase, lang: str, rng: random.Random) -> list[str]:
    """Words of a noun phrase in the order the name language writes them.

    English: adjectives, modifiers (outermost first), head (``new_user_events``). French: fronted adjectives,
    head, other adjectives, then modifiers nearest first (``evenements_fenetre``, ``nouveaux_fichiers``).
    """
    head = noun_token(np.head, np.plural, lang, rng)
    modifiers = [noun_token(m, np.is_modifier_plural(i), lang, rng) for i, m in enumerate(np.modifiers)]
    if lang != "fr":
        return [*(a.en for a in np.adjectives), *modifiers, head]
    gender = "m" if isinstance(np.head, Unknown) else np.head.gender
    before = [adjective_token(a, gender, np.plural, "fr") for a in np.adjectives if a.fr_before]
    after = [adjective_token(a, gender, np.plural, "fr") for a in np.adjectives if not a.fr_before]
    return [*before, head, *after, *reversed(modifiers)]


def complement_tokens(complement: Complement, lang: str, convert: bool, rng: random.Random) -> list[str]:
    """Words of a prepositional complement (``to_json``, ``2json``, ``en_json``, ``depuis_base``)."""
    if lang == "fr":
        prep = "en" if convert and complement.prep in ("to", "into") else rng.choice(FR_PREPS[complement.prep])
    else:
        prep = rng.choice(EN_PREPS[complement.prep])
    return [prep, *np_tokens(complement.np, lang, rng)]
