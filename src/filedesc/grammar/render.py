"""Render a :class:`~filedesc.grammar.meaning.Meaning` as one English or French sentence.

Each meaning has several phrasings per language (``variant_count``); variant 0 is the house style used by the rules
backend ("Shell script that extracts the window events." / "Script shell qui extrait les événements de la
fenêtre."), the others give the training data some variety ("Shell script to extract window events.").
"""

from __future__ import annotations

import re

from filedesc.grammar import english, french
from filedesc.grammar.meaning import Complement, Meaning, NounPhrase, Unknown
from filedesc.lexicon import Convention

#: Verbs whose ``to`` complement is a target format: "convertit en JSON", not "à JSON".
CONVERT_VERBS = frozenset({"convert", "transform", "translate", "export", "encode", "decode", "serialize",
                           "compile", "cast", "format", "render", "migrate", "change", "turn"})
#: Prepositions whose noun takes no article: a criterion or a means ("by price", "par e-mail", "per user").
BARE_PREPOSITIONS = frozenset({"by", "per"})
CONVERT_NOUNS = frozenset({"conversion", "transformation", "translation", "export", "encoding", "migration"})
_FR_PREP = {"to": "à", "from": "depuis", "for": "pour", "by": "par", "with": "avec", "in": "dans", "into": "dans",
            "on": "sur", "as": "comme", "via": "via", "without": "sans", "per": "par", "at": "à", "about": "sur"}
#: Categories whose noun-only names describe content ("CSV file of the ...") rather than code ("module for ...").
CONTENT_CATEGORIES = frozenset({"data", "config", "doc", "log", "media", "image", "archive", "lock", "font",
                                "binary", "certificate", "patch"})

_EN_VERB = ("{Kind} that {third}.", "{Kind} to {base}.", "{Kind} for {gerund}.", "{Kind} {gerund}.")
_FR_VERB = ("{Kind} qui {third}.", "{Kind} pour {inf}.", "{Kind} qui permet de {inf}.", "{Kind} servant à {inf}.")
_EN_CODE = ("{Kind} for {topic}.", "{Kind} dedicated to {topic}.", "{Kind} that handles {topic}.")
_FR_CODE = ("{Kind} pour {np}.", "{Kind} {dedicated} {np_a}.", "{Kind} qui gère {np}.")
_EN_CONTENT = ("{Kind} of {np}.", "{Kind} holding {np}.", "{Kind} with {np}.")
_FR_CONTENT = ("{Kind} {np_de}.", "{Kind} qui contient {np}.", "{Kind} avec {np}.")


def capitalize(text: str) -> str:
    """Upper-case the first letter only (``module Python`` -> ``Module Python``)."""
    return text[:1].upper() + text[1:]


#: Generic head words dropped from a kind to get its language (``TypeScript test file`` -> ``TypeScript``).
_GENERIC_HEADS = frozenset({"module", "source", "file", "script", "class", "code", "component", "program", "test",
                            "spec", "notebook", "function", "header", "page", "template", "stylesheet", "query"})


def language_name(meaning: Meaning) -> str:
    """The programming language or format named by the kind (``Python module`` -> ``Python``), or empty."""
    words = meaning.kind.en.split()
    while len(words) > 1 and words[-1].lower() in _GENERIC_HEADS:
        words.pop()
    return " ".join(words) if words and words[0][:1].isupper() or len(words) < len(meaning.kind.en.split()) else ""


def kind_phrase(meaning: Meaning, lang: str) -> tuple[str, str]:
    """The kind as a lowercase-initial noun phrase and its French gender; a convention may override the kind."""
    role = meaning.role
    template = (role.kind_en if lang == "en" else role.kind_fr) if role else None
    if template:
        text = template.replace("{lang}", language_name(meaning))
        gender = (role.kind_gender if role else None) or "m"
    else:
        text = meaning.kind.en if lang == "en" else meaning.kind.fr
        gender = meaning.kind.gender
    text = re.sub(r"\s+", " ", text).strip()
    if lang == "en" and meaning.qualifiers:
        text = " ".join(a.en for a in meaning.qualifiers) + " " + text
    elif meaning.qualifiers:
        text = french.place_adjectives(text, meaning.qualifiers, gender)
    return text, gender


def _fr_to(meaning: Meaning) -> bool:
    """Whether French renders ``to`` as ``en`` (target format, no article)."""
    if any(v.key in CONVERT_VERBS for v in meaning.actions):
        return True
    # a copied word counts too: ``conversion`` may be missing from the lexicon and still read as a conversion
    return any((o.head.text.lower() if isinstance(o.head, Unknown) else o.head.key) in CONVERT_NOUNS
               for o in meaning.objects)


def _complement(c: Complement, lang: str, meaning: Meaning) -> str:
    bare = (c.prep in {"to", "into"} and _fr_to(meaning)) or c.prep in BARE_PREPOSITIONS
    if lang == "en":
        return f"{c.prep} {english.noun_phrase(c.np, 'none' if bare else 'the')}"
    if bare:
        return french.noun_phrase(c.np, preposition=_FR_PREP[c.prep] if c.prep in BARE_PREPOSITIONS else "en",
                                  use_article=False)
    if c.prep == "to" and french.is_proper(c.np.head):
        return french.noun_phrase(c.np, preposition="vers")
    return french.noun_phrase(c.np, preposition=_FR_PREP.get(c.prep, c.prep))


def _tail(meaning: Meaning, lang: str) -> str:
    """Complements and version, each with its leading space."""
    parts = [" " + _complement(c, lang, meaning) for c in meaning.complements]
    if meaning.version:
        parts.append(", version " + meaning.version.lstrip("vV").replace("_", "."))
    return "".join(parts)


def _objects(meaning: Meaning, lang: str, article: str = "the", preposition: str = "") -> str:
    if lang == "en":
        return english.coordinate([english.noun_phrase(o, article) for o in meaning.objects])
    items = [french.noun_phrase(o, preposition if i == 0 else "") for i, o in enumerate(meaning.objects)]
    if preposition and len(items) > 1:
        items = [french.noun_phrase(o, preposition) for o in meaning.objects]
    return french.coordinate(items)


def _verb_slots(meaning: Meaning, lang: str) -> dict[str, str]:
    """Verb clause forms with their objects and complements: ``third``, ``base``, ``gerund``, ``inf``."""
    tail = _tail(meaning, lang)
    if lang == "en":
        obj, bare = _objects(meaning, "en"), _objects(meaning, "en", "bare")
        forms = {
            "third": english.coordinate([v.en_third for v in meaning.actions]),
            "base": english.coordinate([v.en_base for v in meaning.actions]),
            "gerund": english.coordinate([v.en_gerund for v in meaning.actions]),
        }
        return {k: " ".join(p for p in (f, bare if k == "base" else obj) if p) + tail for k, f in forms.items()}
    third = _fr_clause([french.verb_linker(v.fr_third) for v in meaning.actions], meaning)
    inf = _fr_clause([french.verb_linker(v.fr_inf) for v in meaning.actions], meaning)
    return {"third": third + tail, "inf": inf + tail}


def _fr_clause(verbs: list[tuple[str, str]], meaning: Meaning) -> str:
    """French verbs (each with the preposition linking its object) and their objects.

    Verbs that link their object the same way share it ("télécharge et installe Neovim", "coupe le son de la
    vidéo"); otherwise each verb gets its own copy, since one object cannot follow two different constructions.
    """
    if not meaning.objects:
        return french.coordinate([verb for verb, _ in verbs])
    links = {prep for _, prep in verbs}
    if len(links) == 1:
        obj = _objects(meaning, "fr", preposition=links.pop())
        return f"{french.coordinate([verb for verb, _ in verbs])} {obj}"
    return french.coordinate([f"{verb} {_objects(meaning, 'fr', preposition=prep)}" for verb, prep in verbs])


def _noun_slots(meaning: Meaning, lang: str, gender: str) -> dict[str, str]:
    tail = _tail(meaning, lang)
    if lang == "en":
        # ``topic``: what code is about, where mass and abstract nouns go bare ("dedicated to pagination");
        # ``np``: what a file holds or a test checks, with its article ("CSV file of the raw data")
        return {"np": _objects(meaning, "en") + tail, "topic": _objects(meaning, "en", "mass") + tail}
    return {
        "np": _objects(meaning, "fr") + tail,
        "np_de": _objects(meaning, "fr", preposition="de") + tail,
        "np_a": _objects(meaning, "fr", preposition="à") + tail,
        "dedicated": french.agree_participle("consacré", gender),
    }


def _templates(meaning: Meaning, lang: str) -> tuple[str, ...]:
    role: Convention | None = meaning.role
    if role is not None:
        if meaning.is_empty:
            fixed = role.en if lang == "en" else role.fr
            if fixed:
                return fixed
        elif meaning.actions:
            clause = role.clause_en if lang == "en" else role.clause_fr
            if clause:
                return clause
        else:
            nps = role.np_en if lang == "en" else role.np_fr
            if nps:
                return nps
    if meaning.actions:
        return _EN_VERB if lang == "en" else _FR_VERB
    if meaning.objects:
        content = meaning.kind.category in CONTENT_CATEGORIES
        if lang == "en":
            return _EN_CONTENT if content else _EN_CODE
        return _FR_CONTENT if content else _FR_CODE
    return ("{Kind}.",)


def variant_count(meaning: Meaning, lang: str) -> int:
    """How many distinct phrasings :func:`render` offers for this meaning in ``lang``."""
    return len(_templates(meaning, lang))


def fill(template: str, slots: dict[str, str]) -> str:
    """Fill ``{slot}`` markers (unknown ones are left out) and tidy spaces.

    ``de {slot}`` / ``que {slot}`` in a template is elided when the slot starts with a vowel sound ("permet
    d'extraire", "qu'il"): noun phrases elide themselves, but template glue cannot know what follows it.
    """

    def glue(m: re.Match[str]) -> str:
        value = slots.get(m.group(2), "")
        if french.starts_with_vowel_sound(value):
            return m.group(1)[:-1] + "'" + value
        return f"{m.group(1)} {value}"

    text = re.sub(r"\b(de|que) \{(\w+)\}", glue, template)
    text = re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), ""), text)
    return re.sub(r"\s+([,.])(?=\s|$)", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def render(meaning: Meaning, lang: str, variant: int = 0) -> str:
    """Render ``meaning`` as one sentence in ``lang`` (``en`` or ``fr``); ``variant`` picks a phrasing (modulo count).

    Unknown words are written verbatim; the kind comes first, as in the house style.
    """
    if lang not in {"en", "fr"}:
        raise ValueError(f"unsupported language {lang!r}: use 'en' or 'fr'")
    templates = _templates(meaning, lang)
    template = templates[variant % len(templates)]
    kind, gender = kind_phrase(meaning, lang)
    slots = {"Kind": capitalize(kind), "kind": kind, "lang": language_name(meaning), "name": _subject_text(meaning)}
    if meaning.actions:
        slots.update(_verb_slots(meaning, lang))
        slots["clause"] = slots["third"]
    if meaning.objects:
        slots.update(_noun_slots(meaning, lang, gender))
    return fill(template, slots)


def _subject_text(meaning: Meaning) -> str:
    if meaning.subject:
        return meaning.subject
    return meaning.name.rsplit(".", 1)[0] if "." in meaning.name.lstrip(".") else meaning.name


def render_np(np: NounPhrase, lang: str) -> str:
    """Render a lone noun phrase with a definite article (used by generators and tests)."""
    return english.noun_phrase(np) if lang == "en" else french.noun_phrase(np)
