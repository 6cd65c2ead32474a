"""Spell-check descriptions with real hunspell dictionaries (Debian ``hunspell-fr`` and ``hunspell-en-us``).

Every description the dataset holds is checked in its own language, because a model trained on a misspelling
reproduces it forever. The dictionaries are read with ``spylls`` (a pure-Python hunspell); lookups are cached per
word, so checking hundreds of thousands of sentences built from a few thousand words stays fast.

Not checked: identifiers and words the caller marks exempt (the unknown words a name carries), tokens with digits,
``_``, ``/`` or inner capitals (``GitHub``, ``CSV``, ``getUserInfo``), quoted names, and capitalised words after
the first (proper names). In French text an English word accepted by the English dictionary is tolerated, since
French developers keep ``workflow``, ``hook`` or ``plugin`` in English.

Install on Debian: ``apt-get install -y hunspell-fr hunspell-en-us`` (files in ``/usr/share/hunspell``); another
folder can be named with ``FILEDESC_HUNSPELL_DIR``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filedesc.errors import FiledescError
from filedesc.training.data import techwords

DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
DICTIONARY_NAMES = {"fr": ("fr_FR", "fr"), "en": ("en_US", "en_GB")}
INSTALL_HINT = "install them with `apt-get install -y hunspell-fr hunspell-en-us` or set FILEDESC_HUNSPELL_DIR"

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|'[^'\s]+'|`[^`]*`")
_PLAIN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\Z", re.UNICODE)
_ELIDED = re.compile(r"^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’](.+)$", re.IGNORECASE)


TECH_WORDS = frozenset({
    "backend", "backends", "frontend", "frontends", "js", "gzip", "bzip", "toml", "utf", "xml", "yaml", "json",
    "debian", "subprocess", "tokenizer", "tokenizers", "inlining", "autograd", "oauth", "linter", "middleware",
    "runtime", "dotfile", "dotfiles", "appender", "npm", "pip", "sql", "html", "css", "http", "https", "url",
    "urls", "api", "apis", "cli", "ssh", "ssl", "tls", "regex", "stdin", "stdout", "stderr", "localhost",
})
"""Technical words both languages use as is, missing from the dictionaries."""

ACCEPTED_FR = frozenset({
    "classifieur", "classifieurs", "rétropropagation", "téléversable", "téléverser", "téléverse", "recalculs",
    "présigné", "présignée", "présignées", "métafichier", "métafichiers", "exporteur", "exporteurs", "importeur",
    "importeurs", "compléteur", "picklé", "picklés", "assortativité", "sérialiseur", "désérialise",
    "désérialiser", "horodatage", "horodatages", "horodaté", "paramétrable", "paramétrables", "réindexe",
    "réindexer", "surcharger", "chiffrement", "déchiffrement",
})
"""French technical words hunspell lacks, reviewed by hand and accepted."""


class DictionaryMissingError(FiledescError, FileNotFoundError):
    """The hunspell dictionaries for a language are not installed."""


def find_dictionary(lang: str) -> Path | None:
    """Return the path (without ``.dic``/``.aff``) of the dictionary for ``lang``, or None if not installed."""
    folders = [os.environ["FILEDESC_HUNSPELL_DIR"]] if os.environ.get("FILEDESC_HUNSPELL_DIR") else []
    for folder in (*folders, *DICTIONARY_DIRS):
        for name in DICTIONARY_NAMES[lang]:
            base = Path(folder) / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return base
    return None


def dictionaries_available() -> bool:
    """True when both languages can be checked (tests skip otherwise)."""
    return all(find_dictionary(lang) is not None for lang in DICTIONARY_NAMES)


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary rejected, with the sentence it came from."""

    lang: str
    word: str
    description: str
    name: str = ""


_LOADED: dict[str, Any] = {}
"""Dictionaries loaded in this process, shared by every checker: loading one takes about a second."""


class SpellChecker:
    """Both dictionaries, loaded once, with a per-word cache of verdicts."""

    def __init__(self) -> None:
        self._dicts = _LOADED
        self._cache: dict[tuple[str, str], bool] = {}
        self.english_in_french: set[str] = set()

    def _dictionary(self, lang: str) -> Any:
        if lang not in self._dicts:
            base = find_dictionary(lang)
            if base is None:
                raise DictionaryMissingError(f"no hunspell dictionary for {lang!r}: {INSTALL_HINT}")
            from spylls.hunspell import Dictionary

            self._dicts[lang] = Dictionary.from_files(str(base))
        return self._dicts[lang]

    def _known(self, lang: str, word: str) -> bool:
        key = (lang, word)
        verdict = self._cache.get(key)
        if verdict is None:
            verdict = bool(self._dictionary(lang).lookup(word))
            if not verdict and "’" in word:
                verdict = bool(self._dictionary(lang).lookup(word.replace("’", "'")))
            self._cache[key] = verdict
        return verdict

    def word_ok(self, lang: str, word: str) -> bool:
        """Whether one plain word is correctly spelled in ``lang`` (with the French English-word tolerance)."""
        low = word.lower()
        if low in TECH_WORDS or low in techwords.EN or (lang == "fr" and (low in ACCEPTED_FR or low in techwords.FR)):
            return True
        if self._known(lang, word) or self._known(lang, low):
            return True
        elided = _ELIDED.match(word) if lang == "fr" else None
        if elided and self.word_ok("fr", elided.group(1)):
            return True
        if "-" in word and all(self.word_ok(lang, part) for part in word.split("-") if part):
            return True
        if lang == "fr" and elided and self.word_ok("en", elided.group(1)):
            return True
        if lang == "fr" and (self._known("en", word) or self._known("en", word.lower())):
            self.english_in_french.add(word)
            return True
        return False

    def misspelled(self, description: str, lang: str, exempt: Iterable[str] = ()) -> list[str]:
        """Return the misspelled words of ``description`` (empty when it is clean)."""
        skip = {w.casefold().strip(".,;:!?()") for w in exempt}
        text = _QUOTED.sub(" ", description)
        bad = []
        for index, token in enumerate(text.split()):
            word = token.strip(".,;:!?()[]«»\"“”")
            if not word or not _PLAIN.match(word) or word.casefold() in skip:
                continue
            if any(c.isupper() for c in word[1:]) or (index > 0 and word[0].isupper()):
                continue
            if not self.word_ok(lang, word) and not _exempt(word, skip, lambda part: self.word_ok(lang, part)):
                bad.append(word)
        return bad

    def check_all(self, items: Iterable[tuple[str, str, str, Iterable[str]]]) -> list[Misspelling]:
        """Check ``(name, lang, description, exempt_words)`` items; return every misspelling found."""
        found = []
        for name, lang, description, exempt in items:
            for word in self.misspelled(description, lang, exempt):
                found.append(Misspelling(lang=lang, word=word, description=description, name=name))
        return found


def _exempt(word: str, skip: set[str], spelled: Callable[[str], bool]) -> bool:
    """Whether ``word`` (maybe elided or hyphenated) is exempt: each part is exempt or correctly spelled."""
    elided = _ELIDED.match(word)
    core = elided.group(1) if elided else word
    if core.casefold() in skip:
        return True
    parts = [p for p in re.split(r"[-'’]", core) if p]
    return any(p.casefold() in skip for p in parts) and all(p.casefold() in skip or spelled(p) for p in parts)


def format_report(found: list[Misspelling], limit: int = 50) -> str:
    """A readable report: each distinct misspelled word once, with one sentence that shows it."""
    seen: dict[tuple[str, str], Misspelling] = {}
    for item in found:
        seen.setdefault((item.lang, item.word), item)
    lines = [f"{len(found)} misspelled word(s), {len(seen)} distinct:"]
    for (lang, word), item in sorted(seen.items())[:limit]:
        lines.append(f"  [{lang}] {word!r} in {item.name!r}: {item.description}")
    if len(seen) > limit:
        lines.append(f"  ... and {len(seen) - limit} more")
    return "\n".join(lines)
