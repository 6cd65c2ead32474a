"""Load and index the bilingual lexicon (schema in ``docs/lexicon.md``).

The core lexicon lives in ``filedesc/lexicon/*.json`` and ships at run time; the extended, training-only layer lives
in ``filedesc/training/data/lexicon/*.json``. A third layer, ``filedesc/lexicon/aligned/*.json`` (entries learnt from
Debian's bilingual text, ``provenance`` ``freedict`` or ``aligned``), also ships; it is bigger, so it is read only
when a look-up misses the hand-written layers (:attr:`Lexicon.fallback`): hand entries always win, and a name made
only of known words never pays for loading it. Both are read with :mod:`importlib.resources` so the loader works from
a wheel as well as from a checkout. Missing or partial files are tolerated (the data is written by other people and
may lag behind the code): a missing file is an empty file, a malformed entry is skipped with a warning.

Typical use::

    lex = load_lexicon()              # cached; core only
    lex.lookup("evts").nouns          # -> (NounEntry(key="event", ...),)
    lex.extension("tar.gz")           # -> Extension(...)
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from filedesc.lexicon_entries import (
    AdjectiveEntry,
    Convention,
    Extension,
    NounEntry,
    Senses,
    VerbEntry,
    WellKnownFile,
    fold,
    parse_adjective,
    parse_all,
    parse_convention,
    parse_extension,
    parse_filename,
    parse_noun,
    parse_verb,
    strip_accents,
)

__all__ = [
    "AdjectiveEntry",
    "Convention",
    "Extension",
    "LEXICON_FILES",
    "Lexicon",
    "NounEntry",
    "Senses",
    "VerbEntry",
    "WellKnownFile",
    "fold",
    "lexicon_from_data",
    "load_aligned_lexicon",
    "load_lexicon",
    "load_lexicon_dirs",
    "strip_accents",
]

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
    fallback: Callable[[], Lexicon] | None = field(default=None, compare=False, repr=False)

    def lookup(self, token: str) -> Senses:
        """Return the senses of ``token`` (any case, with or without accents); empty when unknown.

        Accents never matter (``metadonnees`` finds ``métadonnées``). When this lexicon has no sense for the
        token, the fallback layer (the aligned lexicon, loaded on first need) is asked.
        """
        key = fold(token)
        found = self.index.get(key)
        if found is not None:
            return found
        if self.fallback is not None:
            return self.fallback().lookup(key)
        return Senses()

    def extension(self, ext: str) -> Extension | None:
        """Return the extension entry for ``ext`` (no dot, any case), or None."""
        return self.extensions.get(ext.lower().lstrip("."))


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
    verbs = parse_all(data.get("verbs", []), parse_verb, "verb")
    nouns = parse_all(data.get("nouns", []), parse_noun, "noun")
    adjectives = parse_all(data.get("adjectives", []), parse_adjective, "adjective")
    abbreviations: dict[str, tuple[str, str]] = {}
    raw_abbr = data.get("abbreviations", {})
    if isinstance(raw_abbr, Mapping):
        for abbr, target in raw_abbr.items():
            if isinstance(target, Mapping) and "key" in target:
                abbreviations[fold(abbr)] = (str(target["key"]), str(target.get("pos", "noun")))
    extensions = parse_all(data.get("extensions", []), parse_extension, "extension")
    return Lexicon(
        verbs={v.key: v for v in verbs},
        nouns={n.key: n for n in nouns},
        adjectives={a.key: a for a in adjectives},
        abbreviations=abbreviations,
        extensions={e.ext: e for e in extensions},
        filenames=tuple(parse_all(data.get("filenames", []), parse_filename, "filename")),
        conventions=tuple(parse_all(data.get("conventions", []), parse_convention, "convention")),
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


@functools.lru_cache(maxsize=1)
def load_aligned_lexicon() -> Lexicon:
    """The aligned layer alone (``filedesc/lexicon/aligned``), loaded once; empty when the folder is absent."""
    folder = _package_dir("filedesc", "lexicon", "aligned")
    return load_lexicon_dirs(folder) if folder is not None else lexicon_from_data({})


@functools.lru_cache(maxsize=4)
def load_lexicon(extended: bool = False, aligned: bool = True) -> Lexicon:
    """Load the shipped lexicon once per process; ``extended=True`` adds the training-only layer.

    ``aligned=True`` (the default) makes look-ups that miss fall back to the aligned layer; its entries are not in
    ``verbs``/``nouns``/``adjectives`` (the generator and the reviewed lists see the hand layers only): load them
    with :func:`load_aligned_lexicon`.
    """
    folders = [_package_dir("filedesc", "lexicon")]
    if extended:
        folders.append(_package_dir("filedesc", "training", "data", "lexicon"))
    lexicon = load_lexicon_dirs(*(f for f in folders if f is not None))
    if aligned:
        lexicon = dataclasses.replace(lexicon, fallback=load_aligned_lexicon)
    return lexicon
