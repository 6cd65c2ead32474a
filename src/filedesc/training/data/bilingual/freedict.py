"""FreeDict dictionaries in dictd format (Debian ``dict-freedict-fra-eng`` and ``dict-freedict-eng-fra``).

A ``.index`` line is ``headword<TAB>offset<TAB>length`` with base-64 numbers; the ``.dict.dz`` is dictzip, which
gzip reads. A fra-eng article is ``fichier /fiʃje/ <n, masc>`` then one English translation a line; an eng-fra
article is ``file /fail/`` then ``1. dossier`` lines or one comma-separated line. The part of speech and the
French gender, when given, are kept: they are the best evidence of both.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filedesc.errors import FiledescError

DICTD_DIR = Path("/usr/share/dictd")
INSTALL_HINT = "apt-get install -y dict-freedict-fra-eng dict-freedict-eng-fra"
LICENCE = "GPL-2+ (FreeDict)"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_HEAD = re.compile(r"^(?P<word>[^/<]+?)\s*(?:/[^/]*/)?\s*(?:<(?P<tags>[^>]*)>)?\s*$")
_NUMBERED = re.compile(r"^\d+\.\s*")
_POS = {"n": "noun", "v": "verb", "vt": "verb", "vi": "verb", "adj": "adj", "adv": "adv", "a": "adj"}


class FreeDictMissingError(FiledescError, FileNotFoundError):
    """The FreeDict dictionaries are not installed."""


@dataclass(frozen=True)
class Article:
    """One headword with its translations, its part of speech and French gender when the article gives them."""

    headword: str
    translations: tuple[str, ...]
    pos: str = ""
    gender: str = ""


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def dictionary_files(name: str, folder: Path = DICTD_DIR) -> tuple[Path, Path]:
    """The index and data files of ``freedict-<name>``, or an error naming the package to install."""
    index, data = folder / f"freedict-{name}.index", folder / f"freedict-{name}.dict.dz"
    if not index.is_file() or not data.is_file():
        raise FreeDictMissingError(f"FreeDict {name} not found in {folder}: run `{INSTALL_HINT}`")
    return index, data


def parse_article(text: str) -> Article | None:
    """Parse one article; None when its head line cannot be read."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return None
    head = _HEAD.match(lines[0])
    if head is None:
        return None
    tags = [t.strip() for t in (head.group("tags") or "").split(",")]
    pos = next((_POS[t] for t in tags if t in _POS), "")
    gender = "m" if "masc" in tags else "f" if "fem" in tags else ""
    translations: list[str] = []
    for line in lines[1:]:
        line = _NUMBERED.sub("", line)
        for part in line.split(","):
            part = " ".join(part.split())
            if part and part not in translations:
                translations.append(part)
    return Article(head.group("word").strip(), tuple(translations), pos, gender)


def read_dictionary(name: str, folder: Path = DICTD_DIR) -> Iterator[Article]:
    """Yield every article of ``freedict-<name>`` (``fra-eng`` or ``eng-fra``), skipping the database notes."""
    index, data_path = dictionary_files(name, folder)
    data = gzip.decompress(data_path.read_bytes())
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        start, length = _number(parts[1]), _number(parts[2])
        article = parse_article(data[start : start + length].decode("utf-8", errors="replace"))
        if article is not None and article.translations:
            yield article
