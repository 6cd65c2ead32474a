"""Mine (file name, description) pairs from a repository: what its files say about themselves.

    pairs = mine_repository(Path("~/src/myproject")).pairs

Sources, in the order tried for each file: the ``description`` field of a manifest (``package.json``,
``pyproject.toml``, ``Cargo.toml``); YAML front matter; a module docstring; the comment block that opens a file.
The sentence is found by :mod:`filedesc.header` (the code that serves content-aware descriptions, reading at most
4 KB), its language detected by stop words (:mod:`filedesc.adapt.language`), and it is put in the house style
(:mod:`filedesc.adapt.style`). Files git ignores are never read (:mod:`filedesc.adapt.files`).

Kept only when the sentence can describe the file from its name: by default it must share a word stem with the
file name or its folder (``--loose`` turns that off), and a name that two files describe differently is dropped,
because the model sees only the name and cannot learn two answers to one question. No torch: the server may call it.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from filedesc import header
from filedesc.adapt.files import project_files
from filedesc.adapt.language import detect_language
from filedesc.adapt.style import Kind, manifest_description, restyle
from filedesc.lexicon import Lexicon, load_lexicon

try:  # Python 3.11+; on 3.10 the TOML manifests are skipped rather than adding a dependency
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    tomllib = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MANIFESTS: dict[str, Kind] = {
    "package.json": Kind("npm manifest", "manifeste npm"),
    "pyproject.toml": Kind("Python project file", "fichier de projet Python"),
    "Cargo.toml": Kind("Cargo manifest", "manifeste Cargo"),
}
MAX_MANIFEST_BYTES = 256_000
SKIPPED_CATEGORIES = frozenset({"image", "media", "font", "archive", "binary", "certificate", "lock", "log"})
_INTERPRETERS = (
    ("python", Kind("Python script", "script Python")),
    ("bash", Kind("shell script", "script shell")),
    ("/sh", Kind("shell script", "script shell")),
    ("env sh", Kind("shell script", "script shell")),
    ("perl", Kind("Perl script", "script Perl")),
    ("node", Kind("Node.js script", "script Node.js")),
)
_GENERATED = re.compile(
    r"generated|do not edit|copyright|licen[cs]e|applicable law|warrant|free software|all rights|permissions and|"
    r"pragma once|!defined|^(?:pragma|include|ifndef|define|endif|import|from|use|require)\b",
    re.I,
)
_TEST_NAME = re.compile(r"^tests?_|[_.-](?:test|tests|spec)\.[^.]+$", re.I)
_NAME_PREFIX = r"^{}\s*(?:-+|:|—)\s*"

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class MinedPair:
    """One mined example: the file's base name, the description language and text, and where it came from."""

    name: str
    lang: str
    description: str
    path: str
    origin: str
    sentence: str

    def to_record(self) -> dict[str, str]:
        """A training record (``name``, ``lang``, ``description`` plus provenance keys the trainer ignores)."""
        return asdict(self)


@dataclass
class MineResult:
    """The pairs of one repository and why other files gave none (reason -> count)."""

    root: Path
    files_seen: int
    pairs: list[MinedPair]
    skipped: Counter[str] = field(default_factory=Counter)


def kind_for(name: str, head: str, lexicon: Lexicon) -> Kind | None:
    """The kind of file from its extension (longest compound first) or, without one, its shebang."""
    parts = name.lower().split(".")
    shebang = head.split("\n", 1)[0] if head.startswith("#!") else ""
    for i in range(1, len(parts)):
        ext = lexicon.extension(".".join(parts[i:]))
        if ext is None:
            continue
        if ext.category in SKIPPED_CATEGORIES:
            return None
        if shebang and ext.script_en and ext.script_fr:
            return Kind(ext.script_en, ext.script_fr)
        language = next((w for w in ext.en.split() if w[:1].isupper()), None)
        if ext.category == "module" and language and _TEST_NAME.search(name):
            return Kind(f"{language} test file", f"fichier de test {language}")
        return Kind(ext.en, ext.fr)
    for clue, kind in _INTERPRETERS:
        if clue in shebang:
            return kind
    return None


def manifest_sentence(path: Path) -> str | None:
    """The ``description`` of a package.json, pyproject.toml (PEP 621 or Poetry) or Cargo.toml."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        if path.name != "package.json" and tomllib is None:
            return None
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text) if path.name == "package.json" else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.debug("cannot read manifest %s: %s", path, exc)
        return None
    if not isinstance(data, dict):
        return None
    candidates = [data.get("description")]
    for table in ("project", "package"):
        section = data.get(table)
        if isinstance(section, dict):
            candidates.append(section.get("description"))
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("poetry"), dict):
        candidates.append(tool["poetry"].get("description"))
    found = next((c for c in candidates if isinstance(c, str) and c.strip()), None)
    return header.first_sentence(found) if found else None


def header_sentence(text: str) -> tuple[str, str] | None:
    """``(origin, sentence)`` from front matter, docstring or header comment, in that order."""
    for origin, extract in (
        ("front-matter", header.from_front_matter),
        ("docstring", header.from_docstring),
        ("header-comment", header.from_header_comment),
    ):
        found = extract(text)
        if found:
            return origin, found
    return None


def _stems(text: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return {w[:4] for w in re.findall(r"[^\W\d_]{3,}", spaced.lower())}


def is_boilerplate(sentence: str) -> bool:
    """Licence text, generated-file banners and preprocessor lines that header extraction can let through."""
    return bool(_GENERATED.search(sentence))


def supported_by_name(sentence: str, relative: Path) -> bool:
    """Whether the sentence shares a word stem with the file name or its folder: the name hints at it."""
    clues = _stems(relative.name.rsplit(".", 1)[0]) | _stems(relative.parent.name)
    return bool(clues & _stems(sentence))


def mine_file(root: Path, relative: Path, lexicon: Lexicon, loose: bool = False) -> MinedPair | str:
    """The pair one file gives, or the reason it gives none."""
    path = root / relative
    name = relative.name
    if name in MANIFESTS:
        sentence = manifest_sentence(path)
        if not sentence:
            return "no description"
        lang = detect_language(sentence, lexicon)
        if lang is None:
            return "language unknown"
        description = manifest_description(sentence, lang, MANIFESTS[name], lexicon)
        if description is None:
            return "not restylable"
        return MinedPair(name, lang, description, relative.as_posix(), "manifest", sentence)
    try:
        head = header.read_head(path)
    except OSError:
        return "unreadable"
    kind = kind_for(name, head, lexicon)
    if kind is None:
        return "unknown kind of file"
    found = header_sentence(head)
    if found is None:
        return "no description"
    origin, sentence = found
    stem = re.escape(name.rsplit(".", 1)[0])
    unprefixed = re.sub(_NAME_PREFIX.format(f"(?:{re.escape(name)}|{stem})"), "", sentence, flags=re.I)
    if unprefixed != sentence:  # a sentence that opens with a literal (``filedesc tree``: ...) keeps its case
        sentence = unprefixed[:1].upper() + unprefixed[1:]
    if is_boilerplate(sentence):
        return "licence or generated-file banner"
    if not loose and not supported_by_name(sentence, relative):
        return "sentence shares no word with the name"
    lang = detect_language(sentence, lexicon)
    if lang is None:
        return "language unknown"
    description = restyle(sentence, lang, kind, lexicon)
    if description is None:
        return "not restylable"
    return MinedPair(name, lang, description, relative.as_posix(), origin, sentence)


def _drop_ambiguous(pairs: list[MinedPair], skipped: Counter[str]) -> list[MinedPair]:
    """Keep one pair per (name, lang); a name described differently by several files is dropped entirely."""
    by_key: dict[tuple[str, str], list[MinedPair]] = {}
    for pair in pairs:
        by_key.setdefault((pair.name, pair.lang), []).append(pair)
    kept: list[MinedPair] = []
    for group in by_key.values():
        if len({p.description for p in group}) == 1:
            kept.append(group[0])
        else:
            skipped["same name, different descriptions"] += len(group)
    return sorted(kept, key=lambda p: p.path)


def mine_repository(
    root: Path,
    *,
    lexicon: Lexicon | None = None,
    loose: bool = False,
    on_progress: ProgressCallback | None = None,
) -> MineResult:
    """Mine every file of the project at ``root`` that git does not ignore; deterministic (sorted by path)."""
    lexicon = lexicon or load_lexicon()
    files = project_files(root)
    pairs: list[MinedPair] = []
    skipped: Counter[str] = Counter()
    for index, relative in enumerate(files, start=1):
        outcome = mine_file(root, relative, lexicon, loose)
        if isinstance(outcome, MinedPair):
            pairs.append(outcome)
        else:
            skipped[outcome] += 1
        if on_progress and (index % 50 == 0 or index == len(files)):
            on_progress(index, len(files))
    return MineResult(root, len(files), _drop_ambiguous(pairs, skipped), skipped)


def write_pairs(pairs: list[MinedPair], path: Path) -> None:
    """Write pairs as JSON lines (the trainer's ``name``/``lang``/``description`` format)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair.to_record(), ensure_ascii=False) + "\n")
