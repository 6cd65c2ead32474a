"""Load and index the bilingual lexicon (schema in ``docs/lexicon.md``).

The core lexicon lives in ``filedesc/lexicon/*.json`` and ships at run time; the extended, training-only layer lives
in ``filedesc/training/data/lexicon/*.json``. Both are read with :mod:`importlib.resources` so the loader works from
a wheel as well as from a checkout. Missing or partial files are tolerated (the data is written by other people and
may lag behind the code): a missing file is an empty file, a malformed entry is skipped with a warning.

Typical use::

    lex = load_lexicon()              # cached; core only
    lex.lookup("evts").nouns          # -> (NounEntry(key="event", ...),)
    lex.extension("tar.gz")           # -> Extension(...)
"""

from __future__ import annotations

import functools
import json
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LOG = logging.getLogger(__name__)

LEXICON_FILES = (
    "verbs.json",
    "nouns.json",
    "adjectives.json",
    "abbreviations.json",
    "extensions.json",
    "filenames.json",
    "conventions.json",
)


def strip_accents(text: str) -> str:
    """Remove diacritics so that ``evenement`` finds ``événement`` (identifiers rarely carry accents)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Normalise a token for lookup: NFC, lowercase, no accents, so every spelling variant meets in one key."""
    return strip_accents(unicodedata.normalize("NFC", text).lower())


@dataclass(frozen=True)
class VerbEntry:
    """A verb with the forms the renderer needs in both languages."""

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


@dataclass(frozen=True)
class Lexicon:
    """The loaded lexicon with its indexes; build it with :func:`load_lexicon` or :func:`lexicon_from_data`."""

    verbs: Mapping[str, VerbEntry]
    nouns: Mapping[str, NounEntry]
    adjectives: Mapping[str, AdjectiveEntry]
    abbreviations: Mapping[str, tuple[str, str]]
    extensions: Mapping[str, Extension]
    filenames: tuple[WellKnownFile, ...]
    conventions: tuple[Convention, ...]
    index: Mapping[str, Senses] = field(default_factory=dict)

    def lookup(self, token: str) -> Senses:
        """Return the senses of ``token`` (any case, with or without accents); empty when unknown."""
        return self.index.get(fold(token), Senses())

    def extension(self, ext: str) -> Extension | None:
        """Return the extension entry for ``ext`` (no dot, any case), or None."""
        return self.extensions.get(ext.lower().lstrip("."))


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return ()


def _verb(d: Mapping[str, Any]) -> VerbEntry:
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
    )


def _noun(d: Mapping[str, Any]) -> NounEntry:
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
    )


def _adjective(d: Mapping[str, Any]) -> AdjectiveEntry:
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
    )


def _extension(d: Mapping[str, Any]) -> Extension:
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


def _filename(d: Mapping[str, Any]) -> WellKnownFile:
    return WellKnownFile(
        name=d["name"],
        category=d.get("category", "other"),
        en=_strs(d["en"]),
        fr=_strs(d["fr"]),
        match=d.get("match", "exact"),
    )


def _convention(d: Mapping[str, Any]) -> Convention:
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


def _parse_all(items: Iterable[Any], parse: Any, what: str) -> list[Any]:
    """Parse each entry, skipping (and logging) malformed ones so one bad line never breaks the whole lexicon."""
    out = []
    for item in items:
        try:
            out.append(parse(item))
        except (KeyError, TypeError, AttributeError) as exc:
            LOG.warning("skipping malformed %s entry %r: %s", what, item, exc)
    return out


def _index(
    verbs: Iterable[VerbEntry],
    nouns: Iterable[NounEntry],
    adjectives: Iterable[AdjectiveEntry],
    abbreviations: Mapping[str, tuple[str, str]],
) -> dict[str, Senses]:
    """Map every folded spelling (explicit spellings first, then derived word forms) to its entries.

    Multi-word forms (``mot de passe``, ``mettre à jour``) are indexed with single spaces; the analyser joins
    consecutive tokens to find them.
    """
    table: dict[str, dict[str, list[Any]]] = {}

    def add(spelling: str, pos: str, entry: Any) -> None:
        slot = table.setdefault(fold(spelling), {"verb": [], "noun": [], "adj": []})[pos]
        if entry not in slot:
            slot.append(entry)

    verb_list, noun_list, adj_list = list(verbs), list(nouns), list(adjectives)
    for v in verb_list:
        for s in (*v.spellings, v.key, v.en_base, v.en_third, v.fr_inf, v.fr_third):
            add(s, "verb", v)
    for n in noun_list:
        for s in (*n.spellings, n.key, n.en_sg, n.en_pl, n.fr_sg, n.fr_pl):
            add(s, "noun", n)
    for a in adj_list:
        for s in (*a.spellings, a.key, a.en, a.fr_ms, a.fr_fs, a.fr_mp, a.fr_fp):
            add(s, "adj", a)
    by_key: dict[str, dict[str, Any]] = {
        "verb": {v.key: v for v in verb_list},
        "noun": {n.key: n for n in noun_list},
        "adj": {a.key: a for a in adj_list},
    }
    for abbr, (key, pos) in abbreviations.items():
        target = by_key.get(pos, {}).get(key)
        if target is not None:
            add(abbr, pos, target)
    return {k: Senses(tuple(v["verb"]), tuple(v["noun"]), tuple(v["adj"])) for k, v in table.items()}


def lexicon_from_data(data: Mapping[str, Any]) -> Lexicon:
    """Build a :class:`Lexicon` from parsed JSON, keyed by file stem (``verbs``, ``nouns``, ...); keys may be absent."""
    verbs = _parse_all(data.get("verbs", []), _verb, "verb")
    nouns = _parse_all(data.get("nouns", []), _noun, "noun")
    adjectives = _parse_all(data.get("adjectives", []), _adjective, "adjective")
    abbreviations: dict[str, tuple[str, str]] = {}
    raw_abbr = data.get("abbreviations", {})
    if isinstance(raw_abbr, Mapping):
        for abbr, target in raw_abbr.items():
            if isinstance(target, Mapping) and "key" in target:
                abbreviations[fold(abbr)] = (str(target["key"]), str(target.get("pos", "noun")))
    extensions = _parse_all(data.get("extensions", []), _extension, "extension")
    return Lexicon(
        verbs={v.key: v for v in verbs},
        nouns={n.key: n for n in nouns},
        adjectives={a.key: a for a in adjectives},
        abbreviations=abbreviations,
        extensions={e.ext: e for e in extensions},
        filenames=tuple(_parse_all(data.get("filenames", []), _filename, "filename")),
        conventions=tuple(_parse_all(data.get("conventions", []), _convention, "convention")),
        index=_index(verbs, nouns, adjectives, abbreviations),
    )


def _read_dir(folder: Traversable | Path, into: dict[str, Any]) -> None:
    """Merge the JSON files of one lexicon layer into ``into``; a missing folder or file counts as empty."""
    for filename in LEXICON_FILES:
        try:
            node = folder.joinpath(filename)
            if not node.is_file():
                continue
            parsed = json.loads(node.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            LOG.warning("cannot read lexicon file %s: %s", filename, exc)
            continue
        stem = filename.removesuffix(".json")
        if isinstance(parsed, dict):
            into.setdefault(stem, {}).update(parsed)
        elif isinstance(parsed, list):
            into.setdefault(stem, []).extend(parsed)


def _package_dir(package: str, *parts: str) -> Traversable | None:
    try:
        node = resources.files(package)
        for part in parts:
            node = node.joinpath(part)
        return node
    except (ModuleNotFoundError, OSError, ValueError, TypeError):
        return None


def load_lexicon_dirs(*folders: Traversable | Path) -> Lexicon:
    """Load and merge lexicon layers from explicit folders (tests use this with a fixture folder)."""
    data: dict[str, Any] = {}
    for folder in folders:
        _read_dir(folder, data)
    return lexicon_from_data(data)


@functools.lru_cache(maxsize=2)
def load_lexicon(extended: bool = False) -> Lexicon:
    """Load the shipped lexicon once per process; ``extended=True`` adds the training-only layer."""
    folders = [_package_dir("filedesc", "lexicon")]
    if extended:
        folders.append(_package_dir("filedesc", "training", "data", "lexicon"))
    return load_lexicon_dirs(*(f for f in folders if f is not None))
