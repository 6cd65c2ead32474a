"""Write a list of word tokens as an identifier, in every naming style people use for file names.

The generator decides *what* words a name holds (and so what its description says); this module only decides how
they are written: ``extract_window_events``, ``extractWindowEvents``, ``ExtractWindowEvents``,
``extract-window-events``, ``extract.window.events``, ``EXTRACT_WINDOW_EVENTS``, ``extractwindowevents``, with
versions (``_v2``, ``V2``, ``2``), accents kept or dropped, and migration prefixes (``0001_``,
``20220111092352_``, ``V2__``). Every function takes a :class:`random.Random` so that a seed fixes the output.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence

STYLES: tuple[str, ...] = ("snake", "camel", "pascal", "kebab", "dotted", "upper", "lower")
"""Every identifier style the dataset must contain."""

STYLE_WEIGHTS: tuple[float, ...] = (0.36, 0.2, 0.12, 0.14, 0.04, 0.06, 0.08)
"""How often each style is drawn: snake and camel dominate real code, but the rare ones must be learnt too."""

_SEPARATORS = {"snake": "_", "kebab": "-", "dotted": ".", "upper": "_", "lower": ""}


def strip_accents(text: str) -> str:
    """Drop diacritics (``événement`` -> ``evenement``): most French identifiers are written without them."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def pick_style(rng: random.Random) -> str:
    """Draw a style with the dataset's weights."""
    return rng.choices(STYLES, weights=STYLE_WEIGHTS, k=1)[0]


def _word_parts(token: str) -> list[str]:
    """Split a multi-word token (``file system``, ``base de données``, ``e-mail``) into identifier words."""
    parts = token.replace("'", " ").replace("’", " ").replace("-", " ").split()
    return [p for p in parts if p]


def _cap(word: str) -> str:
    """Capitalise the first letter only, keeping acronyms (``CSV``) and digits as they are."""
    return word[:1].upper() + word[1:]


def join_tokens(tokens: Sequence[str], style: str, keep_accents: bool = False) -> str:
    """Write ``tokens`` (words, already in the case they should have in lowercase styles) in ``style``.

    Tokens that are acronyms or product names in upper case (``CSV``, ``JSON``) keep their case in camel and
    Pascal styles, as real code does (``transformeCSVGristEnJSON``), and are lowered elsewhere.

    Raises:
        ValueError: for an unknown style (a bug in the caller, not user input).
    """
    words = [w for t in tokens for w in _word_parts(t)]
    if not keep_accents:
        words = [strip_accents(w) for w in words]
    if style in ("snake", "kebab", "dotted", "lower"):
        return _SEPARATORS[style].join(w.lower() for w in words)
    if style == "upper":
        return "_".join(w.upper() for w in words)
    if style in ("camel", "pascal"):
        out = []
        for i, word in enumerate(words):
            keep = word.isupper() and len(word) > 1
            if i == 0 and style == "camel":
                out.append(word if keep and len(words) == 1 else word.lower())
            else:
                out.append(word if keep else _cap(word.lower()))
        return "".join(out)
    raise ValueError(f"unknown identifier style {style!r}")


def version_suffix(version: int, style: str, rng: random.Random) -> str:
    """Return the version marker to append to a stem written in ``style`` (``_v2``, ``V2``, ``-v2``, ``2``)."""
    form = rng.random()
    if form < 0.35:
        return str(version)
    if style in ("camel", "pascal"):
        return f"V{version}"
    if style == "upper":
        return f"_V{version}"
    if style == "lower":
        return f"v{version}"
    return f"{_SEPARATORS[style]}v{version}"


def affix(stem: str, word: str, style: str, prefix: bool) -> str:
    """Add a prefix (``get_``, ``is_``) or suffix (``_helper``, ``_old``) word to an already written stem."""
    if style in ("camel", "pascal"):
        if prefix:
            first = word.lower() if style == "camel" else _cap(word.lower())
            return first + _cap(stem) if stem[:1].islower() else first + stem
        return stem + _cap(word.lower())
    if style == "upper":
        return f"{word.upper()}_{stem}" if prefix else f"{stem}_{word.upper()}"
    sep = _SEPARATORS[style]
    return f"{word.lower()}{sep}{stem}" if prefix else f"{stem}{sep}{word.lower()}"


def migration_prefix(rng: random.Random) -> str:
    """A migration ordering prefix as Django, Rails/Knex, Alembic-like and Flyway tools write them."""
    kind = rng.random()
    if kind < 0.35:
        return f"{rng.randint(1, 300):04d}_"
    if kind < 0.7:
        year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
        hms = f"{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"
        return f"{year}{month:02d}{day:02d}{hms}_"
    if kind < 0.85:
        return f"V{rng.randint(1, 60)}__"
    return f"{rng.randint(1, 99):03d}-"


def number_prefix(rng: random.Random) -> str:
    """A short ordering prefix (``01_``, ``2-``) as in numbered scripts and notebooks."""
    return f"{rng.randint(0, 20):02d}{rng.choice('_-')}" if rng.random() < 0.7 else f"{rng.randint(1, 9)}_"


def detect_style(stem: str) -> str:
    """Name the style a stem is written in (used for statistics of the corpus and mined names).

    Returns one of :data:`STYLES`, ``single`` for one lowercase word, or ``other``.
    """
    core = stem.strip("._-")
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return "other"
    has = {sep: sep in core for sep in "_-."}
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return "upper"
    if has["_"] and not has["-"]:
        return "snake"
    if has["-"] and not has["_"]:
        return "kebab"
    if has["."] and not (has["_"] or has["-"]):
        return "dotted"
    if any(sep for sep in has.values()):
        return "other"
    if any(c.isupper() for c in core[1:]):
        return "pascal" if core[0].isupper() else "camel"
    return "single" if core[0].islower() else "other"
