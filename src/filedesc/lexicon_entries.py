"""Lexicon entries as typed frozen dataclasses, and their parsers from the JSON schema of ``docs/lexicon.md``.

Kept apart from the loader (:mod:`filedesc.lexicon`, which re-exports every name here) so that each module has one
job: this one says what an entry is, the loader finds, merges and indexes the files.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LOG = logging.getLogger(__name__)


def strip_accents(text: str) -> str:
    """Remove diacritics so that ``evenement`` finds ``événement`` (identifiers rarely carry accents)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Normalise a token for lookup: NFC, lowercase, no accents, so every spelling variant meets in one key.

    ASCII text (most identifiers) has nothing to decompose: lowering it is the whole fold. The rules call this
    about 60 times a name, and the Unicode path was a third of a draft's time.
    """
    if text.isascii():
        return text.lower()
    return strip_accents(unicodedata.normalize("NFC", text).lower())


@dataclass(frozen=True)
class VerbEntry:
    """A verb with the forms the renderer needs in both languages.

    ``provenance`` says where an entry comes from: ``hand`` (written and reviewed here), ``freedict`` (a FreeDict
    dictionary, forms from hunspell) or ``aligned`` (learnt from the parallel corpus); the same on every entry type.
    """

    key: str
    en_base: str
    en_third: str
    en_gerund: str
    en_past: str
    fr_inf: str
    fr_third: str
    fr_pp: str
    spellings: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    transitive: bool = True
    provenance: str = "hand"


@dataclass(frozen=True)
class NounEntry:
    """A noun with its English and French forms and the flags that drive French articles and agreement."""

    key: str
    en_sg: str
    en_pl: str
    fr_sg: str
    fr_pl: str
    gender: str = "m"
    spellings: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    keep_en: bool = False
    mass: bool = False
    bare_modifier: bool = False
    h_aspire: bool = False
    proper: bool = False
    provenance: str = "hand"


@dataclass(frozen=True)
class AdjectiveEntry:
    """An adjective: one English form, four French forms, and its French position."""

    key: str
    en: str
    fr_ms: str
    fr_fs: str
    fr_mp: str
    fr_fp: str
    fr_before: bool = False
    spellings: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    provenance: str = "hand"


@dataclass(frozen=True)
class Extension:
    """What a file extension says about the file: its kind as a noun phrase and its category."""

    ext: str
    en: str
    fr: str
    gender: str = "m"
    category: str = "other"
    script_en: str | None = None
    script_fr: str | None = None


@dataclass(frozen=True)
class WellKnownFile:
    """A well-known file name (``Makefile``, ``README.md``) with ready-made phrasings."""

    name: str
    category: str
    en: tuple[str, ...]
    fr: tuple[str, ...]
    match: str = "exact"


@dataclass(frozen=True)
class Convention:
    """A naming convention (``test_*.py``, migrations, ``utils.*``) that gives a file its role.

    ``regex`` is matched case-insensitively against the base name; a named group ``subject`` marks the part of the
    name that still has to be analysed. Templates use ``{Kind}``/``{kind}``, ``{lang}``, ``{np}``, ``{clause}``,
    ``{name}`` (see ``filedesc.grammar.render``).
    """

    key: str
    regex: str
    role: str
    category: str | None = None
    kind_en: str | None = None
    kind_fr: str | None = None
    kind_gender: str | None = None
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()
    np_en: tuple[str, ...] = ()
    np_fr: tuple[str, ...] = ()
    clause_en: tuple[str, ...] = ()
    clause_fr: tuple[str, ...] = ()
    fallback_en: tuple[str, ...] = ()
    fallback_fr: tuple[str, ...] = ()


@dataclass(frozen=True)
class Senses:
    """Every lexicon entry a token may stand for, by part of speech; the grammar picks one by position."""

    verbs: tuple[VerbEntry, ...] = ()
    nouns: tuple[NounEntry, ...] = ()
    adjectives: tuple[AdjectiveEntry, ...] = ()

    def __bool__(self) -> bool:
        """A token is understood when it has at least one sense."""
        return bool(self.verbs or self.nouns or self.adjectives)


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def parse_verb(d: Mapping[str, Any]) -> VerbEntry:
    """One verbs.json object; a missing required form raises KeyError, which the loader reports and skips."""
    en, fr = d["en"], d["fr"]
    return VerbEntry(
        key=d["key"],
        en_base=en["base"],
        en_third=en["third"],
        en_gerund=en["gerund"],
        en_past=en.get("past", ""),
        fr_inf=fr["inf"],
        fr_third=fr["third"],
        fr_pp=fr.get("pp", ""),
        spellings=_strs(d.get("spellings")),
        domains=_strs(d.get("domains")),
        transitive=bool(d.get("transitive", True)),
        provenance=str(d.get("provenance", "hand")),
    )


def parse_noun(d: Mapping[str, Any]) -> NounEntry:
    """One nouns.json object; an absent plural defaults to the singular (mass nouns, proper names)."""
    en, fr = d["en"], d["fr"]
    return NounEntry(
        key=d["key"],
        en_sg=en["sg"],
        en_pl=en.get("pl", en["sg"]),
        fr_sg=fr["sg"],
        fr_pl=fr.get("pl", fr["sg"]),
        gender=fr.get("gender", "m"),
        spellings=_strs(d.get("spellings")),
        domains=_strs(d.get("domains")),
        keep_en=bool(d.get("keep_en")),
        mass=bool(d.get("mass")),
        bare_modifier=bool(d.get("bare_modifier")),
        h_aspire=bool(d.get("h_aspire")),
        proper=bool(d.get("proper")),
        provenance=str(d.get("provenance", "hand")),
    )


def parse_adjective(d: Mapping[str, Any]) -> AdjectiveEntry:
    """One adjectives.json object; absent French forms fall back to the masculine singular."""
    fr = d["fr"]
    return AdjectiveEntry(
        key=d["key"],
        en=d["en"],
        fr_ms=fr["ms"],
        fr_fs=fr.get("fs", fr["ms"]),
        fr_mp=fr.get("mp", fr["ms"]),
        fr_fp=fr.get("fp", fr.get("fs", fr["ms"])),
        fr_before=bool(d.get("fr_before")),
        spellings=_strs(d.get("spellings")),
        domains=_strs(d.get("domains")),
        provenance=str(d.get("provenance", "hand")),
    )


def parse_extension(d: Mapping[str, Any]) -> Extension:
    """One extensions.json object, with its optional script reading."""
    script = d.get("script") or {}
    return Extension(
        ext=str(d["ext"]).lower().lstrip("."),
        en=d["en"],
        fr=d["fr"],
        gender=d.get("gender", "m"),
        category=d.get("category", "other"),
        script_en=script.get("en"),
        script_fr=script.get("fr"),
    )


def parse_filename(d: Mapping[str, Any]) -> WellKnownFile:
    """One filenames.json object (exact, casefold or glob match)."""
    return WellKnownFile(
        name=d["name"],
        category=d.get("category", "other"),
        en=_strs(d["en"]),
        fr=_strs(d["fr"]),
        match=d.get("match", "exact"),
    )


def parse_convention(d: Mapping[str, Any]) -> Convention:
    """One conventions.json object; every template list is optional."""
    return Convention(
        key=d["key"],
        regex=d["regex"],
        role=d["role"],
        category=d.get("category"),
        kind_en=d.get("kind_en"),
        kind_fr=d.get("kind_fr"),
        kind_gender=d.get("kind_gender"),
        en=_strs(d.get("en")),
        fr=_strs(d.get("fr")),
        np_en=_strs(d.get("np_en")),
        np_fr=_strs(d.get("np_fr")),
        clause_en=_strs(d.get("clause_en")),
        clause_fr=_strs(d.get("clause_fr")),
        fallback_en=_strs(d.get("fallback_en")),
        fallback_fr=_strs(d.get("fallback_fr")),
    )


def parse_all(items: Iterable[Any], parse: Any, what: str) -> list[Any]:
    """Parse each entry, skipping (and logging) malformed ones so one bad line never breaks the whole lexicon."""
    out = []
    for item in items:
        try:
            out.append(parse(item))
        except (KeyError, TypeError, AttributeError) as exc:
            LOG.warning("skipping malformed %s entry %r: %s", what, item, exc)
    return out
