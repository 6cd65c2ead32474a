"""Mine real (name, description) pairs from what is installed: package docstrings and Debian script headers.

Two sources, both real files written by their authors:

- the module docstrings of third-party packages in the running interpreter's site-packages (never the standard
  library: everything under ``sysconfig.get_paths()["stdlib"]`` is skipped), source ``pypi:PACKAGE:PATH``;
- the header comments (or docstrings) of shell, Perl and Python scripts that Debian packages install under
  ``/usr/bin``, ``/usr/sbin``, ``/usr/share`` and ``/usr/lib`` (never man pages, never POD), found through the
  dpkg file lists, source ``debian:PACKAGE:/PATH``.

Only first sentences that really describe the file survive (:func:`describe`): no licence or copyright text, no
code, a length that fits, at least one word shared with the file name; they are rewritten in the house style
("Python module that parses ...") and must pass the English spell-check. Pairs are English only: a faithful
French version would need a translation we cannot check. The output order is sorted, so mining is deterministic.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sysconfig
from collections.abc import Iterator
from pathlib import Path

from filedesc.lexicon import Lexicon
from filedesc.training.data.exclusions import Exclusions, is_stdlib_path
from filedesc.training.data.records import Example
from filedesc.training.data.spelling import SpellChecker

DEBIAN_ROOTS = ("/usr/bin/", "/usr/sbin/", "/usr/share/", "/usr/lib/")
DEBIAN_SKIP = ("/usr/share/man/", "/usr/share/doc/", "/usr/share/info/", "/usr/share/locale/")
MIN_WORDS, MAX_WORDS, MAX_PER_NAME, MAX_PER_PACKAGE = 6, 16, 3, 40
_DOCSTRING = re.compile(r'\A(?:\s*(?:#[^\n]*)?\n)*\s*[rRuU]?("""|\'\'\')(.*?)\1', re.S)
_UNDERLINE = re.compile(r"^\s*[=~\-^*#+]{3,}\s*$", re.M)
_BOILERPLATE = re.compile(
    r"copyright|licen[cs]e|spdx|author|all rights|generated|do not edit|todo|fixme|http|www\.|@|"
    r"\bversion \d|\$id|-\*-|vim:|\bthis program\b|\bfree software\b|\bwarranty\b",
    re.I,
)
_CODE = re.compile(r"[()\[\]{}=<>`|\\$;#*]|::|\w_\w|(?<!\w)_\w|\.\w|\s-{1,2}\w")
_SUBJECT = re.compile(r"^(?:this|the) (?:python |perl |shell )?(?:module|file|script|package|program|tool) (\w+s)\b ?",
                      re.I)
_LEADIN = re.compile(r"^(?:an? )?(?:python |perl |shell )?(?:module|script|file|package|program|tool) "
                     r"(for|to|that|which|with|of|containing|providing|implementing|defining)\b ?", re.I)
_NP_HEADS = ("utilities", "utility", "helpers", "helper", "functions", "classes", "tools", "tests", "support",
             "implementation", "implementations", "definitions", "wrappers", "wrapper", "routines", "constants",
             "exceptions", "bindings", "interfaces", "abstractions", "base", "common", "miscellaneous")
_KINDS = {"py": "Python module", "sh": "shell script", "bash": "shell script", "pl": "Perl script"}
_INTERPRETERS = (("python", "Python script", "py"), ("perl", "Perl script", "pl"), ("bash", "shell script", "sh"),
                 ("/sh", "shell script", "sh"), ("dash", "shell script", "sh"))


def first_sentence(text: str) -> str:
    """The first sentence of the first paragraph, on one line, without its final period."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    usable = [p for p in paragraphs[:3] if " " in p.strip() and not _UNDERLINE.search(p)]
    if not usable:
        return ""
    paragraph = usable[0]
    flat = " ".join(line.strip().lstrip("#").strip() for line in paragraph.splitlines())
    sentence = re.split(r"(?<=[a-z0-9])\.(?:\s|$)", flat, maxsplit=1)[0]
    return sentence.strip().rstrip(".:").strip()


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first[1:].lower() != first[1:] or not first.isalpha()):
        return text
    return text[:1].lower() + text[1:]


def restyle(sentence: str, kind: str, lexicon: Lexicon) -> str | None:
    """Rewrite a first sentence as ``{Kind} that ...``; None when it is not a describable shape."""
    kind_cap = kind[:1].upper() + kind[1:]
    m = _SUBJECT.match(sentence)
    if m:
        return f"{kind_cap} that {m.group(1).lower()} {sentence[m.end():]}".strip()
    m = _LEADIN.match(sentence)
    if m:
        prep = "that" if m.group(1).lower() == "which" else m.group(1).lower()
        return f"{kind_cap} {prep} {sentence[m.end():]}".strip()
    words = sentence.split(" ", 1)
    first = words[0].lower()
    rest = words[1] if len(words) > 1 else ""
    for verb in lexicon.lookup(first).verbs:
        second = rest.split(" ", 1)[0].lower()
        if first in (verb.en_base, verb.en_third) and not lexicon.lookup(first).nouns and rest and second not in (
            "that", "which", "are", "is", "for", "of", "and"
        ):
            return f"{kind_cap} that {verb.en_third} {rest}"
    if first in _NP_HEADS and rest:
        article = "" if first.endswith("s") or first in ("common", "miscellaneous", "support") else "the "
        return f"{kind_cap} with {article}{_lower_first(sentence)}"
    return None


def _supported(name: str, sentence: str, package: str) -> bool:
    """Whether the file name (or its package) shares a word with the sentence, so the name hints at it."""
    words = {w[:5] for w in re.findall(r"[a-z]{3,}", sentence.lower())}
    clues = re.findall(r"[a-z]{3,}", re.sub(r"([a-z])([A-Z])", r"\1 \2", name).lower() + " " + package.lower())
    return any(c[:5] in words for c in clues)


def describe(name: str, text: str, kind: str, package: str, lexicon: Lexicon, checker: SpellChecker) -> str | None:
    """The house-style English description of a file from its docstring or header, or None to skip it."""
    sentence = first_sentence(text)
    if not sentence or _BOILERPLATE.search(sentence) or _CODE.search(sentence) or not sentence[:1].isupper():
        return None
    if not sentence.isascii() or not _supported(name, sentence, package):
        return None
    out = restyle(sentence, kind, lexicon)
    if out is None or not MIN_WORDS <= len(out.split()) <= MAX_WORDS:
        return None
    out += "."
    exempt = re.findall(r"\w+", name + " " + package)
    return None if checker.misspelled(out, "en", exempt) else out


def _docstring(path: Path) -> str | None:
    try:
        head = path.read_bytes()[:8192].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _DOCSTRING.match(head)
    if not match:
        return None
    try:
        value = ast.literal_eval(match.group(1) + match.group(2) + match.group(1))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def mine_site_packages(lexicon: Lexicon, checker: SpellChecker) -> Iterator[Example]:
    """Pairs from third-party module docstrings of the running interpreter (standard library excluded)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    seen_dists: set[str] = set()
    dists = sorted(importlib.metadata.distributions(), key=lambda d: (d.metadata["Name"] or "").lower())
    for dist in dists:
        package = (dist.metadata["Name"] or "").lower()
        if not package or package in seen_dists:
            continue
        seen_dists.add(package)
        for rel in sorted(str(f) for f in dist.files or ()):
            name = rel.rsplit("/", 1)[-1]
            if not name.endswith(".py") or name.startswith("__") or "/tests/" in f"/{rel}" or ".." in rel:
                continue
            path = Path(str(dist.locate_file(rel))).resolve()
            if path.is_relative_to(stdlib) or is_stdlib_path(str(path)):
                continue
            text = _docstring(path)
            description = text and describe(name, text, "Python module", package, lexicon, checker)
            if description:
                yield Example(name=name, lang="en", description=description, source=f"pypi:{package}:{rel}",
                              category="module", name_lang="en", origin="mined")


def _script_header(path: Path) -> tuple[str, str, str] | None:
    """``(kind, extension, header text)`` of a script, or None when it is not a commented script."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not head.startswith("#!"):
        return None
    shebang, _, body = head.partition("\n")
    found = next(((k, e) for key, k, e in _INTERPRETERS if key in shebang), None)
    if found is None:
        return None
    kind, ext = found
    if ext == "py":
        doc = _docstring(path)
        return (kind, ext, doc) if doc else None
    lines: list[str] = []
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if lines or stripped:
                break
            continue
        lines.append(stripped.lstrip("#").strip())
    text = "\n".join(lines).strip()
    return (kind, ext, text) if text else None


def _dpkg_files() -> Iterator[tuple[str, str]]:
    """``(package, path)`` for every file dpkg installed under the mined roots, sorted."""
    info = Path("/var/lib/dpkg/info")
    for listing in sorted(info.glob("*.list")) if info.is_dir() else ():
        package = listing.stem.split(":", 1)[0]
        for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(DEBIAN_ROOTS) and not line.startswith(DEBIAN_SKIP) and not is_stdlib_path(line):
                yield package, line


def mine_debian(lexicon: Lexicon, checker: SpellChecker) -> Iterator[Example]:
    """Pairs from the header comments of scripts installed by Debian packages."""
    for package, path_text in _dpkg_files():
        path = Path(path_text)
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        found = _script_header(path)
        if found is None:
            continue
        kind, ext, text = found
        name = path.name
        text = re.sub(rf"^{re.escape(name)}\s*(?:-+|:)\s*", "", text.strip(), flags=re.I)
        text = text[:1].upper() + text[1:]
        if not name.endswith("." + ext):
            kind = "command-line script"
        description = describe(name, text, kind, package, lexicon, checker)
        if description:
            yield Example(name=name, lang="en", description=description, source=f"debian:{package}:{path_text}",
                          category="script", name_lang="en", origin="mined")


def mine(lexicon: Lexicon, checker: SpellChecker, exclusions: Exclusions, skip_sources: set[str]) -> list[Example]:
    """All mined pairs, sorted by source, without excluded files, corpus files and names seen 3 times already."""
    out: list[Example] = []
    per_name: dict[str, int] = {}
    per_package: dict[str, int] = {}
    for example in sorted([*mine_site_packages(lexicon, checker), *mine_debian(lexicon, checker)],
                          key=lambda e: e.source):
        if example.source in skip_sources or exclusions.reason(example.name, example.source):
            continue
        package = example.source.split(":", 2)[1]
        if per_name.get(example.name, 0) >= MAX_PER_NAME or per_package.get(package, 0) >= MAX_PER_PACKAGE:
            continue
        per_package[package] = per_package.get(package, 0) + 1
        per_name[example.name] = per_name.get(example.name, 0) + 1
        out.append(example)
    return out
