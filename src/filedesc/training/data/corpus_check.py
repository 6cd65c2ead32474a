"""Check the hand-written corpus of real names (``docs/corpus-format.md``) and measure what it covers.

Run by ``tests/training/data/test_corpus_check.py`` and by every build: a malformed line, a sentence of the wrong
length, a French misspelling, a duplicate, or a file from a held-out repository, the evaluation set or the Python
standard library is reported with its file and line number. The coverage table feeds the dataset card.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filedesc.training.data.exclusions import Exclusions, repository_of
from filedesc.training.data.records import Example, read_jsonl
from filedesc.training.data.spelling import SpellChecker
from filedesc.training.data.styles import detect_style

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
FIELDS = frozenset({"name", "lang", "description", "name_lang", "source", "category"})
CATEGORIES = frozenset({
    "script", "module", "component", "test", "config", "data", "doc", "notebook", "query", "schema", "build", "style",
    "markup", "template", "image", "media", "font", "archive", "binary", "certificate", "lock", "log", "patch",
    "other",
})
NAME_LANGS = frozenset({"en", "fr", "mixed", "none"})
MIN_WORDS, MAX_WORDS, MAX_PER_NAME = 6, 16, 3
_SOURCE = re.compile(
    r"^(?:github:[\w.-]+/[\w.-]+@(?:[0-9a-f]{7,40}|HEAD):\S.*|pypi:[\w.-]+:\S.*|debian:[\w.+-]+:/\S.*|ecosystem:\S+)$"
)
_IDENT_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[a-zà-ÿ]+", re.UNICODE)


@dataclass(frozen=True)
class Problem:
    """One defect, located precisely enough to fix it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class CorpusReport:
    """The examples read, the problems found, and the coverage figures."""

    examples: list[Example] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    parts: Counter[str] = field(default_factory=Counter)
    """Valid real files per corpus file (its English lines), for the card's table."""


def name_words(name: str) -> tuple[str, ...]:
    """The words of an identifier, exempt from spell-checking (``getUserInfo`` -> get, User, Info, getUserInfo)."""
    parts = re.split(r"[^\w]+|_", name)
    words = {p for p in parts if p}
    for part in parts:
        words.update(_IDENT_PART.findall(part))
    return tuple(sorted(words))


def _line_problems(obj: dict[str, Any] | None, exclusions: Exclusions) -> list[str]:
    """Format and content defects of one parsed line."""
    if obj is None:
        return ["not a JSON object"]
    issues = []
    if set(obj) != FIELDS:
        issues.append(f"fields must be exactly {sorted(FIELDS)}, got {sorted(obj)}")
    if any(not isinstance(obj.get(k), str) or not obj.get(k) for k in FIELDS):
        return [*issues, "every field must be a non-empty string"]
    name, text, source = obj["name"], obj["description"], obj["source"]
    for key in ("name", "description"):
        if unicodedata.normalize("NFC", obj[key]) != obj[key]:
            issues.append(f"{key} is not NFC")
    if obj["lang"] not in ("en", "fr"):
        issues.append(f"lang {obj['lang']!r} is not en or fr")
    if obj["name_lang"] not in NAME_LANGS:
        issues.append(f"name_lang {obj['name_lang']!r} is not one of {sorted(NAME_LANGS)}")
    if obj["category"] not in CATEGORIES:
        issues.append(f"category {obj['category']!r} is unknown")
    if not _SOURCE.match(source):
        issues.append(f"source {source!r} is not github:OWNER/REPO@COMMIT:PATH, pypi:PKG:PATH or debian:PKG:/PATH")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        issues.append(f"description has {words} words, not {MIN_WORDS} to {MAX_WORDS}")
    if not text.endswith(".") or text.endswith(".."):
        issues.append("description does not end with one period")
    if not text[:1].isupper():
        issues.append("description does not start with a capital letter")
    if "/" in name:
        issues.append("name holds a directory")
    reason = exclusions.reason(name, source)
    if reason:
        issues.append(f"excluded: {reason}")
    return issues


def _stem(name: str) -> str:
    """The part of a name before its first dot (a dotfile's leading dot does not count)."""
    return name.lstrip(".").split(".")[0] or name


def _extension(name: str) -> str:
    """The last extension, lower-cased, or ``(none)``."""
    return name.rsplit(".", 1)[1].lower() if "." in name.lstrip(".") else "(none)"


def _files(examples: list[Example]) -> list[Example]:
    """One example per real file (its English line): coverage counts files, not lines."""
    return list({(e.name, e.source): e for e in examples if e.lang == "en"}.values())


def _to_example(obj: dict[str, Any]) -> Example:
    stem = _stem(obj["name"])
    return Example(
        name=obj["name"], lang=obj["lang"], description=obj["description"], source=obj["source"],
        category=obj["category"], style=detect_style(stem), name_lang=obj["name_lang"], origin="corpus",
        exempt=name_words(obj["name"]),
    )


def check_corpus(
    folder: Path = CORPUS_DIR, exclusions: Exclusions | None = None, checker: SpellChecker | None = None
) -> CorpusReport:
    """Read every ``*.jsonl`` of ``folder`` and return its examples, problems and coverage.

    Only valid lines become examples. ``checker=None`` skips the French spell-check (tests without dictionaries).
    """
    exclusions = exclusions or Exclusions(frozenset(), frozenset(), found=False)
    report = CorpusReport()
    seen_text: dict[tuple[str, str, str], str] = {}
    langs_of: dict[tuple[str, str], list[str]] = {}
    sources_of: dict[str, set[str]] = {}
    rows: list[tuple[str, int, dict[str, Any] | None, list[str]]] = []
    english: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for number, obj, _raw in read_jsonl(path):
            rows.append((path.name, number, obj, _line_problems(obj, exclusions)))
            if obj is not None and obj.get("lang") == "en":
                english[(str(obj.get("name")), str(obj.get("source")))] = str(obj.get("description"))
    for filename, number, obj, issues in rows:
        if obj is not None and not issues:
            langs_of.setdefault((obj["name"], obj["source"]), []).append(obj["lang"])
            sources_of.setdefault(obj["name"], set()).add(obj["source"])
        if obj is not None and not issues and checker is not None and obj["lang"] == "fr":
            exempt = (*name_words(obj["name"]), *name_words(obj["source"]),
                      *english.get((obj["name"], obj["source"]), "").split())
            bad = checker.misspelled(obj["description"], "fr", exempt)
            if bad:
                issues.append(f"French misspelling: {', '.join(bad)}")
        if obj is not None and not issues:
            key = (obj["name"], obj["lang"], obj["description"])
            if key in seen_text:
                issues.append(f"duplicate of {seen_text[key]}")
            seen_text.setdefault(key, f"{filename}:{number}")
        for issue in issues:
            report.problems.append(Problem(filename, number, issue))
        if obj is not None and not issues:
            report.examples.append(_to_example(obj))
            if obj["lang"] == "en":
                report.parts[filename] += 1
    for (name, source), langs in sorted(langs_of.items()):
        if sorted(langs) != ["en", "fr"]:
            report.problems.append(Problem("*", 0, f"{name} ({source}) has languages {sorted(langs)}, not en + fr"))
    for name, sources in sorted(sources_of.items()):
        if len(sources) > MAX_PER_NAME:
            report.problems.append(Problem("*", 0, f"{name} comes from {len(sources)} files (at most {MAX_PER_NAME})"))
    report.coverage = coverage(report.examples)
    return report


def coverage(examples: list[Example]) -> dict[str, Any]:
    """Shares of name languages, extensions, styles and categories per real file, and distinct repositories."""
    files = _files(examples)
    total = max(1, len(files))

    def share(counter: Counter[str]) -> dict[str, float]:
        return {k: round(v / total, 4) for k, v in counter.most_common()}

    exts = Counter(_extension(e.name) for e in files)
    return {
        "files": len(files),
        "lines": len(examples),
        "name_lang": share(Counter(e.name_lang for e in files)),
        "extensions": share(exts),
        "styles": share(Counter(e.style for e in files)),
        "categories": share(Counter(e.category for e in files)),
        "repositories": len({repository_of(e.source) for e in files}),
    }


def coverage_markdown(report: CorpusReport) -> str:
    """The card's coverage tables (``filedesc data check-corpus --markdown``), counted per real file."""
    files = _files(report.examples)
    total = max(1, len(files))

    def table(title: str, counter: Counter[str]) -> list[str]:
        rows = [f"| {title} | files | share |", "|---|---|---|"]
        rows += [f"| {key} | {count} | {100 * count / total:.1f} % |" for key, count in counter.most_common()]
        return [*rows, ""]

    stems = [_stem(e.name) for e in files]
    shapes = Counter(e.style for e in files)
    shapes["(has digits)"] = sum(any(c.isdigit() for c in stem) for stem in stems)
    shapes["(date or number prefix)"] = sum(bool(re.match(r"\d", stem)) for stem in stems)
    shapes["(dotted: two dots or more)"] = sum(e.name.lstrip(".").count(".") >= 2 for e in files)
    exts = Counter(_extension(e.name) for e in files)
    lines = [
        f"**{len(files)} files, {len(report.examples)} lines, {report.coverage.get('repositories', 0)} distinct "
        "sources** (repositories or packages).",
        "",
        *table("part", report.parts),
        *table("identifier language (`name_lang`)", Counter(e.name_lang for e in files)),
        *table("category", Counter(e.category for e in files)),
        *table("naming style (`detect_style`)", shapes),
        f"Extensions: {len(exts)} distinct; most common: "
        + ", ".join(f"`{ext}` {count}" for ext, count in exts.most_common(40))
        + ".",
    ]
    return "\n".join(lines) + "\n"
