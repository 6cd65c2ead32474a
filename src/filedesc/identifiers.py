"""Split a file name into its extension and word tokens, whatever the naming style.

Both the rule-based backend and the training-data generator start here, so every style must give the same
tokens: ``extract_window_events.sh``, ``extractWindowEvents.sh``, ``ExtractWindowEvents.sh``,
``extract-window-events.sh`` and ``EXTRACT_WINDOW_EVENTS.sh`` all give ``extract window events`` + ``sh``.

Compound extensions (``tar.gz``, ``d.ts``, ``min.js``) are recognised by longest match against the extensions the
caller knows (normally the lexicon's); without that list only the last dotted part is taken as the extension.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

#: Compound extensions recognised even when no lexicon is given.
DEFAULT_COMPOUND = frozenset({"tar.gz", "tar.bz2", "tar.xz", "tar.zst", "d.ts", "min.js", "min.css"})

_VERSION = re.compile(r"^[vV]\d+(?:[._]\d+)*$")
# A version written with dots or underscores inside a stem (``lib-1.2.3``, ``pg_stat--1.4``, ``seaborn-v0_8``,
# ``neovim_v0.10.0``): one token, found before the stem is cut at its separators (dots and underscores among them).
# Digits alone need a dot (``1.4``): ``2019_01`` stays two numbers. Not inside a word (``migration2.1.0Vers``).
_INNER_VERSION = re.compile(r"(?<![^\W_])(?<!\.)(?:[vV]\d+(?:[._]\d+)+|\d+(?:\.\d+)+)(?![^\W_])")
_NUMBER = re.compile(r"^\d+$")
# One camel-case piece: an acronym before a capitalised word (HTTP|Response), a capitalised or lower word,
# an all-caps run, or digits. Letters include accented ones.
_CAMEL = re.compile(
    r"[^\W\d_a-zß-öø-ÿœ]+(?=[^\W\d_a-zß-öø-ÿœ][a-zß-öø-ÿœ])"
    r"|[^\W\d_a-zß-öø-ÿœ]?[a-zß-öø-ÿœ]+"
    r"|[^\W\d_a-zß-öø-ÿœ]+"
    r"|\d+"
)
_SEPARATORS = re.compile(r"[\s_\-.+~@,()\[\]{}=]+")
_EXT_PART = re.compile(r"^[A-Za-z0-9]{1,12}$")


@dataclass(frozen=True)
class Token:
    """One piece of an identifier.

    Attributes:
        text: the piece as written (``HTTP``, ``Response``, ``2``).
        kind: ``word``, ``number`` (``0001``, ``2019``) or ``version`` (``v2``, ``V2``).
        attached: True when no separator precedes it (``Response`` in ``parseHTTPResponse``), so the analyser may
            rejoin pieces such as ``sha`` + ``256`` when the joined form is a known word.
    """

    text: str
    kind: str = "word"
    attached: bool = False

    @property
    def lower(self) -> str:
        """The lowercase form used for lexicon lookups."""
        return self.text.lower()


@dataclass(frozen=True)
class SplitName:
    """A file name taken apart.

    Attributes:
        name: the base name as given.
        stem: the name without its extension and leading dot (``docker-compose`` for ``docker-compose.yml``).
        ext: the extension without its dot, lowercase, possibly compound (``tar.gz``); empty when none.
        hidden: True for dot files (``.gitignore``).
        tokens: the word, number and version pieces of the stem.
        style: the naming style of the stem (see :func:`detect_style`).
    """

    name: str
    stem: str
    ext: str
    hidden: bool
    tokens: tuple[Token, ...]
    style: str

    @property
    def words(self) -> tuple[str, ...]:
        """Lowercase texts of all tokens, handy for tests and quick checks."""
        return tuple(t.lower for t in self.tokens)


def split_extension(name: str, known: Collection[str] | None = None) -> tuple[str, str, bool]:
    """Return ``(stem, ext, hidden)``: the longest known (possibly compound) extension, else the last dotted part.

    Args:
        name: a base name (directories are dropped).
        known: lowercase extensions without dots; compound ones such as ``tar.gz`` are matched longest first.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    hidden = base.startswith(".") and len(base) > 1
    body = base[1:] if hidden else base
    parts = body.split(".")
    if len(parts) == 1:
        return body, "", hidden
    known_set = set(known) if known is not None else set()
    compounds = known_set | DEFAULT_COMPOUND
    for size in range(min(3, len(parts) - 1), 1, -1):
        candidate = ".".join(parts[-size:]).lower()
        if candidate in compounds:
            return ".".join(parts[:-size]), candidate, hidden
    last = parts[-1]
    if _EXT_PART.match(last) and not _NUMBER.match(last) or last.lower() in known_set:
        return ".".join(parts[:-1]), last.lower(), hidden
    return body, "", hidden


def split_words(stem: str) -> tuple[Token, ...]:
    """Split a stem into tokens across separators, camelCase/PascalCase humps, acronyms, digits and versions."""
    tokens: list[Token] = []
    start = 0
    for match in _INNER_VERSION.finditer(stem):
        tokens += _split_plain(stem[start : match.start()])
        tokens.append(Token(match.group(), "version"))
        start = match.end()
    tokens += _split_plain(stem[start:])
    return tuple(_merge_camel_versions(tokens))


def _split_plain(stem: str) -> list[Token]:
    """``split_words`` of a stretch holding no dotted version."""
    tokens: list[Token] = []
    for chunk in _SEPARATORS.split(stem):
        if not chunk:
            continue
        if _VERSION.match(chunk):
            tokens.append(Token(chunk, "version"))
            continue
        first = True
        for piece in _CAMEL.findall(chunk):
            kind = "number" if piece.isdigit() else "word"
            tokens.append(Token(piece, kind, attached=not first))
            first = False
    return tokens


def _merge_camel_versions(tokens: list[Token]) -> list[Token]:
    """Turn an attached ``V`` + number (``userV2``) into a single version token."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text in {"v", "V"} and nxt is not None and nxt.kind == "number" and nxt.attached:
            out.append(Token(tok.text + nxt.text, "version", tok.attached))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def detect_style(stem: str) -> str:
    """Name the naming style of a stem.

    Returns one of ``snake`` (``user_info``), ``upper_snake`` (``USER_INFO``), ``kebab`` (``user-info``),
    ``dotted`` (``app.module``), ``camel`` (``userInfo``), ``pascal`` (``UserInfo``), ``lower`` (``userinfo``),
    ``upper`` (``README``), ``mixed`` (several separators) or ``none`` (no letters). The generator uses it to write
    the same words in every style; the analyser does not depend on it.
    """
    if not any(c.isalpha() for c in stem):
        return "none"
    seps = {s for s in "_-." if s in stem}
    letters = [c for c in stem if c.isalpha()]
    if len(seps) > 1:
        return "mixed"
    if seps:
        sep = seps.pop()
        if sep == "_" and all(c.isupper() for c in letters):
            return "upper_snake"
        parts = [p for p in stem.split(sep) if p]
        if any(_has_hump(p) for p in parts):
            return "mixed"
        return {"_": "snake", "-": "kebab", ".": "dotted"}[sep]
    if all(c.isupper() for c in letters):
        return "upper"
    if all(c.islower() for c in letters):
        return "lower"
    return "pascal" if letters[0].isupper() else "camel"


def _has_hump(part: str) -> bool:
    """True when a part mixes cases inside (``userInfo``), which a plain snake/kebab part never does."""
    letters = [c for c in part if c.isalpha()]
    return any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters)


def split_name(name: str, known_extensions: Collection[str] | None = None) -> SplitName:
    """Split a file name into stem, extension, tokens and style; see :class:`SplitName`."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, ext, hidden = split_extension(base, known_extensions)
    return SplitName(base, stem, ext, hidden, split_words(stem), detect_style(stem))
