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
import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

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
    "AlignedLayer",
    "Lookup",
    "aligned_index",
    "aligned_layer",
    "entry_forms",
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


class Lookup(Protocol):
    """Anything that answers a look-up: a :class:`Lexicon`, the lazy :class:`AlignedLayer`, a chain of them."""

    def lookup(self, token: str) -> Senses:
        """The senses of ``token``; empty when unknown."""
        ...


@dataclass(frozen=True)
class FilenameTables:
    """``Lexicon.filenames`` indexed by how each entry matches (see :attr:`Lexicon.filename_tables`)."""

    exact: Mapping[str, WellKnownFile]
    casefold: Mapping[str, WellKnownFile]
    globs: tuple[WellKnownFile, ...]


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
    fallback: Callable[[], Lookup] | None = field(default=None, compare=False, repr=False)

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

    @functools.cached_property
    def filename_tables(self) -> FilenameTables:
        """``filenames`` as lookup tables: exact and casefold names as dicts, the glob entries in order.

        The first entry of a name wins, as in a scan of ``filenames``. The model backends look every name up twice
        (curated answers, then the draft), and a scan of the 349 entries cost 0.13 ms a name. Built on first use.
        """
        exact: dict[str, WellKnownFile] = {}
        folded: dict[str, WellKnownFile] = {}
        for entry in self.filenames:
            if entry.match == "exact":
                exact.setdefault(entry.name, entry)
            elif entry.match == "casefold":
                folded.setdefault(entry.name.casefold(), entry)
        return FilenameTables(exact, folded, tuple(e for e in self.filenames if e.match == "glob"))


def entry_forms(entry: VerbEntry | NounEntry | AdjectiveEntry) -> tuple[str, ...]:
    """Every string a look-up finds an entry by: its spellings, key and inflected forms (not yet folded)."""
    if isinstance(entry, VerbEntry):
        return (*entry.spellings, entry.key, entry.en_base, entry.en_third, entry.fr_inf, entry.fr_third)
    if isinstance(entry, NounEntry):
        return (*entry.spellings, entry.key, entry.en_sg, entry.en_pl, entry.fr_sg, entry.fr_pl)
    return (*entry.spellings, entry.key, entry.en, entry.fr_ms, entry.fr_fs, entry.fr_mp, entry.fr_fp)


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
    folded: dict[str, str] = {}

    def add(spelling: str, pos: str, entry: Any) -> None:
        key = folded.get(spelling)
        if key is None:
            key = folded[spelling] = spelling.lower() if spelling.isascii() else fold(spelling)
        slot = table.setdefault(key, {"verb": [], "noun": [], "adj": []})[pos]
        # identity, not equality: comparing frozen dataclasses field by field made indexing the aligned layer slow
        if not any(e is entry for e in slot):
            slot.append(entry)

    verb_list, noun_list, adj_list = list(verbs), list(nouns), list(adjectives)
    for v in verb_list:
        for s in entry_forms(v):
            add(s, "verb", v)
    for n in noun_list:
        for s in entry_forms(n):
            add(s, "noun", n)
    for a in adj_list:
        for s in entry_forms(a):
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


KINDS = {"verbs": parse_verb, "nouns": parse_noun, "adjectives": parse_adjective}
ALIGNED_INDEX = "index.json"
_KIND_OF = {kind[0]: kind for kind in KINDS}


class AlignedLayer:
    """The aligned layer, read lazily: a precomputed index, entries parsed only when a look-up reaches them.

    The index maps each folded form to entry positions, so that a miss costs one JSON file, not ten thousand
    entries. ``index.json`` is written with the entries by ``filedesc data grow-lexicon`` (:func:`aligned_index`).
    """

    def __init__(self, folder: Traversable | Path, index: dict[str, str] | None = None) -> None:
        self.folder = folder
        self._lines: dict[str, list[Any]] = {}
        self._parsed: dict[tuple[str, int], Any] = {}
        self.index = index if index is not None else self._read_index()

    def _read_index(self) -> dict[str, str]:
        try:
            index: dict[str, str] = json.loads(self.folder.joinpath(ALIGNED_INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            LOG.warning("cannot read the aligned lexicon index: %s", exc)
            return {}
        return index

    def _entry(self, kind: str, position: int) -> Any:
        found = self._parsed.get((kind, position))
        if found is None:
            lines = self._lines.get(kind)
            if lines is None:
                lines = self._lines[kind] = self._read_lines(kind)
            raw = lines[position] if position < len(lines) else None
            if isinstance(raw, str):
                try:
                    raw = json.loads(raw)
                except ValueError:
                    raw = None
            parsed = parse_all([raw] if raw is not None else [], KINDS[kind], kind)
            found = self._parsed[(kind, position)] = parsed[0] if parsed else None
        return found

    def _read_lines(self, kind: str) -> list[Any]:
        """The entries of one file, each still JSON text when the file is one entry a line (as written).

        So a look-up parses only what it reaches; any other layout is parsed whole.
        """
        try:
            text = self.folder.joinpath(f"{kind}.json").read_text(encoding="utf-8")
        except OSError as exc:
            LOG.warning("cannot read aligned %s: %s", kind, exc)
            return []
        lines = text.splitlines()
        body = lines[1:-1]
        if len(lines) >= 2 and lines[0] == "[" and lines[-1] == "]" and all(
                line.startswith("{") and line.endswith(("}", "},")) for line in body):
            return [line.rstrip(",") for line in body]
        try:
            parsed = json.loads(text)
        except ValueError as exc:
            LOG.warning("cannot read aligned %s: %s", kind, exc)
            return []
        return parsed if isinstance(parsed, list) else []

    def lookup(self, token: str) -> Senses:
        """The senses of ``token`` (any case, accents ignored) among the aligned entries."""
        refs = self.index.get(fold(token))
        if not refs:
            return Senses()
        found: dict[str, list[Any]] = {"verbs": [], "nouns": [], "adjectives": []}
        for ref in refs.split():
            kind = _KIND_OF.get(ref[0])
            entry = self._entry(kind, int(ref[1:])) if kind is not None else None
            if entry is not None:
                found[kind].append(entry)  # type: ignore[index]
        return Senses(tuple(found["verbs"]), tuple(found["nouns"]), tuple(found["adjectives"]))

    def lexicon(self) -> Lexicon:
        """Every aligned entry, parsed and indexed (slow: for tools and tests, not for serving)."""
        return load_lexicon_dirs(self.folder)


def aligned_index(entries: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, str]:
    """The index :class:`AlignedLayer` reads: folded form -> ``"n12 a5"`` (kind letter and position).

    The forms are those of :func:`_index`; flat strings, because a nested list per form is slower to read.
    """
    index: dict[str, list[str]] = {}
    for kind, items in entries.items():
        for position, item in enumerate(items):
            parsed = parse_all([item], KINDS[kind], kind)
            if not parsed:
                continue
            ref = f"{kind[0]}{position}"
            for form in entry_forms(parsed[0]):
                refs = index.setdefault(fold(form), [])
                if ref not in refs:
                    refs.append(ref)
    return {form: " ".join(refs) for form, refs in sorted(index.items())}


class _Chain:
    """Look-ups answered by the first layer that knows the token (each layer loaded on first need)."""

    def __init__(self, *layers: Callable[[], Lookup]) -> None:
        self.layers = layers

    def lookup(self, token: str) -> Senses:
        for layer in self.layers:
            found = layer().lookup(token)
            if found:
                return found
        return Senses()


@functools.lru_cache(maxsize=1)
def aligned_layer() -> AlignedLayer:
    """The shipped aligned layer (``filedesc/lexicon/aligned``), lazy, once per process."""
    folder = _package_dir("filedesc", "lexicon", "aligned")
    return AlignedLayer(folder if folder is not None else Path("/nonexistent"))


@functools.lru_cache(maxsize=1)
def load_aligned_lexicon() -> Lexicon:
    """Every aligned entry parsed and indexed, once (for the generator and tools; serving uses the lazy layer)."""
    return aligned_layer().lexicon()


EXTENDED_INDEX = "extended-index.json"


def layer_digest(folder: Traversable | Path) -> str:
    """SHA-256 of a layer's word files, to tell whether a precomputed index still matches them."""
    digest = hashlib.sha256()
    for kind in KINDS:
        node = folder.joinpath(f"{kind}.json")
        digest.update(node.read_bytes() if node.is_file() else b"")
    return digest.hexdigest()


def extended_index(folder: Traversable | Path) -> dict[str, Any]:
    """The extended layer's look-up index with the digest of the files it was made from (see :func:`layer_digest`)."""
    entries = {}
    for kind in KINDS:
        node = folder.joinpath(f"{kind}.json")
        entries[kind] = json.loads(node.read_text(encoding="utf-8")) if node.is_file() else []
    return {"sha256": layer_digest(folder), "index": aligned_index(entries)}


@functools.lru_cache(maxsize=1)
def _extended_layer() -> Lookup:
    """The extended hand layer for run-time look-ups.

    Lazy through the index written beside the aligned layer when it matches the files (the usual case), else parsed
    in full (a hand edit since the last grow-lexicon).
    """
    folder = _package_dir("filedesc", "training", "data", "lexicon")
    if folder is None:
        return lexicon_from_data({})
    aligned = _package_dir("filedesc", "lexicon", "aligned")
    try:
        saved = json.loads(aligned.joinpath(EXTENDED_INDEX).read_text(encoding="utf-8")) if aligned else {}
        if saved.get("sha256") == layer_digest(folder):
            return AlignedLayer(folder, saved["index"])
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    return load_lexicon_dirs(folder)


@functools.lru_cache(maxsize=1)
def _core_fallback() -> Lookup:
    """For the core lexicon: the extended hand layer first, then the aligned one (hand entries always win)."""
    return _Chain(_extended_layer, aligned_layer)


@functools.lru_cache(maxsize=4)
def load_lexicon(extended: bool = False, aligned: bool = True) -> Lexicon:
    """Load the shipped lexicon once per process; ``extended=True`` adds the training-only layer.

    ``aligned=True`` (the default) makes a look-up that misses ask the layers not loaded here: the extended hand
    layer (when ``extended`` is false; its file is read, never the training package imported) and then the aligned
    layer, both read on the first miss. Their entries are not in ``verbs``/``nouns``/``adjectives`` (the generator
    and the reviewed lists see the loaded layers only): see :func:`load_aligned_lexicon`.
    """
    folders = [_package_dir("filedesc", "lexicon")]
    if extended:
        folders.append(_package_dir("filedesc", "training", "data", "lexicon"))
    lexicon = load_lexicon_dirs(*(f for f in folders if f is not None))
    if aligned:
        lexicon = dataclasses.replace(lexicon, fallback=aligned_layer if extended else _core_fallback)
    return lexicon
