"""Names around the words: naming-convention wrappers, made-up words, and the well-known file names.

Kept apart from :mod:`.generate` because these are tables of how real projects name things (``test_*.py``,
``*.spec.ts``, ``0001_*.py``, ``*_utils.py``), not sampling logic.
"""

from __future__ import annotations

import fnmatch
import random
import re
from collections.abc import Callable, Iterator

from filedesc.lexicon import Extension, Lexicon
from filedesc.training.data import styles
from filedesc.training.data.records import Example

_ONSETS = ("b", "br", "ch", "d", "f", "g", "gr", "k", "kl", "l", "m", "n", "p", "pl", "qu", "r", "s", "st", "t",
           "tr", "v", "z", "x")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou", "y")
_CODAS = ("", "", "", "n", "r", "x", "k", "l", "s", "m")

Wrapper = Callable[[str, str, random.Random], str]


def made_up_word(rng: random.Random, acronym_ok: bool = True) -> str:
    """A product-like or made-up word (``zorvex``, ``Klimora``) or an acronym (``QRV``), never a real word."""
    if acronym_ok and rng.random() < 0.3:
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTVWXZ") for _ in range(rng.randint(2, 4)))
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3))) + rng.choice(_CODAS)
    return word.capitalize() if acronym_ok and rng.random() < 0.4 else word


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_TEST: dict[str, tuple[Wrapper, ...]] = {
    "py": (lambda s, e, r: f"test_{s}.{e}", lambda s, e, r: f"{s}_test.{e}"),
    "go": (lambda s, e, r: f"{s}_test.{e}",),
    "rb": (lambda s, e, r: f"{s}_spec.{e}", lambda s, e, r: f"{s}_test.{e}"),
    "js": (lambda s, e, r: f"{s}.test.{e}", lambda s, e, r: f"{s}.spec.{e}"),
    "ts": (lambda s, e, r: f"{s}.test.{e}", lambda s, e, r: f"{s}.spec.{e}"),
    "jsx": (lambda s, e, r: f"{s}.test.{e}",),
    "tsx": (lambda s, e, r: f"{s}.test.{e}",),
    "java": (lambda s, e, r: f"{_cap(s)}Test.{e}",),
    "kt": (lambda s, e, r: f"{_cap(s)}Test.{e}",),
    "php": (lambda s, e, r: f"{_cap(s)}Test.{e}",),
}
_MIGRATION_EXTS = frozenset({"py", "js", "ts", "rb", "sql", "php"})
_UTILS = ("utils", "helpers", "constants", "types", "service", "controller", "model", "routes", "config", "mock",
          "fixtures")


def wrap(name: str, stem: str, style: str, kind: Extension, rng: random.Random) -> str | None:
    """Wrap ``stem`` in a naming convention that suits ``kind`` (a test, a migration, a utility module).

    Returns the new base name, or None when no convention suits the extension. The caller keeps it only if
    the lexicon's conventions recognise it with ``stem`` as the subject.
    """
    ext = kind.ext
    choice = rng.random()
    if choice < 0.4 and ext in _TEST:
        return rng.choice(_TEST[ext])(stem, ext, rng)
    if choice < 0.7 and ext in _MIGRATION_EXTS:
        return f"{styles.migration_prefix(rng)}{stem}.{ext}"
    if kind.category in ("module", "script", "component"):
        role = rng.choice(_UTILS)
        if style in ("camel", "pascal"):
            return f"{stem}{_cap(role)}.{ext}"
        return f"{stem}{rng.choice(('_', '.'))}{role}.{ext}" if style == "snake" else f"{stem}.{role}.{ext}"
    if kind.category in ("config", "data", "doc"):
        return f"{name}.{rng.choice(('example', 'sample', 'bak', 'orig', 'dist'))}"
    return None


def _glob_name(pattern: str, rng: random.Random) -> str | None:
    """A concrete name for a glob without directories (``*.egg-info`` -> ``zorvex.egg-info``)."""
    if "/" in pattern or "[" in pattern:
        return None
    name = pattern.replace("*", made_up_word(rng, acronym_ok=False), 1).replace("*", "").replace("?", "x")
    return name if fnmatch.fnmatch(name, pattern) else None


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[^A-Za-z]+", name) if w)


def well_known_examples(lexicon: Lexicon, seed: int, repeats: int = 2) -> Iterator[Example]:
    """Every phrasing of every well-known file name, in both languages, ``repeats`` names per entry.

    Case-insensitive entries also appear in lower and upper case; glob entries get made-up stems. Directory
    globs (``.github/workflows/*.yml``) are skipped: the model sees base names only.
    """
    rng = random.Random(seed)
    for entry in lexicon.filenames:
        names: list[str] = []
        if entry.match == "glob":
            for _ in range(repeats):
                made = _glob_name(entry.name, rng)
                if made:
                    names.append(made)
        elif entry.match == "casefold":
            names = [entry.name, entry.name.lower(), entry.name.upper()]
        else:
            names = [entry.name]
        for name in dict.fromkeys(names):
            for lang, phrasings in (("en", entry.en), ("fr", entry.fr)):
                for text in phrasings:
                    yield Example(name=name, lang=lang, description=text, source=f"generated:{entry.category}",
                                  category=entry.category, style=styles.detect_style(name.split(".")[0] or name),
                                  name_lang="en", origin="filenames",
                                  exempt=(text.split(" ", 1)[0], *_name_words(name)))
