"""The version of the rules' answers, for cache keys.

The ``rules`` backend is the shipped default and its answers live in the user's description cache. A new grammar or
lexicon changes them while the package version may stay the same (an editable install, a development build), so the
cache key carries a fingerprint of the code and data the answers come from: a changed rule is never served from an
old cache entry. A ``draft`` model's answers depend on the same files (its draft is the rules' sentence).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from filedesc.runtime.model_folder import fingerprint

SUFFIXES = frozenset({".py", ".json", ".tsv"})


def folders_fingerprint(folders: Iterable[Path]) -> str:
    """A short hash of every code or data file directly in ``folders`` (names, sizes, first 64 KB)."""
    digest = hashlib.sha256()
    for folder in folders:
        names = tuple(sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES))
        digest.update(f"{folder.name}:{fingerprint(folder, names)};".encode())
    return digest.hexdigest()[:12]


@functools.cache
def rules_version() -> str:
    """``rules@<package version>+<fingerprint of the grammar and the shipped lexicon>``, computed once."""
    from filedesc import __version__

    package = Path(str(files("filedesc")))
    parts = ("grammar", "grammar/data", "lexicon", "lexicon/aligned")
    return f"rules@{__version__}+{folders_fingerprint(package / part for part in parts)}"
