"""A character n-gram index of (name, description) pairs: the ``retrieval`` baseline's memory, numpy only.

The index file is gzipped JSON lines ``{"name", "lang", "description"}`` (no pickle). On load, each language gets
an inverted index from n-gram to the ids of names that contain it; a query sums the idf weights of the n-grams it
shares with every candidate in one ``numpy.bincount`` and returns the best candidate's description (cosine-like
normalisation by the candidate's n-gram count, so long names do not win by size).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from filedesc.errors import ModelFileError

INDEX_FILE = "retrieval.jsonl.gz"
NGRAM = 3


def ngrams(name: str, n: int = NGRAM) -> set[str]:
    """Lowercased character n-grams of ``^name$`` (boundaries count: they tell prefixes and extensions apart)."""
    text = f"^{name.lower()}$"
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))}


class _LanguageIndex:
    def __init__(self, names: list[str], descriptions: list[str]) -> None:
        self.descriptions = descriptions
        postings: dict[str, list[int]] = defaultdict(list)
        sizes = np.zeros(len(names), dtype=np.float32)
        for doc, name in enumerate(names):
            grams = ngrams(name)
            sizes[doc] = len(grams)
            for gram in grams:
                postings[gram].append(doc)
        total = max(1, len(names))
        self.postings = {g: np.asarray(ids, dtype=np.int32) for g, ids in postings.items()}
        self.idf = {g: math.log(1 + total / len(ids)) for g, ids in postings.items()}
        self.norm = np.sqrt(np.maximum(sizes, 1.0))

    def query(self, name: str) -> str | None:
        grams = [g for g in ngrams(name) if g in self.postings]
        if not grams:
            return None
        ids = np.concatenate([self.postings[g] for g in grams])
        weights = np.concatenate([np.full(len(self.postings[g]), self.idf[g], dtype=np.float32) for g in grams])
        scores = np.bincount(ids, weights=weights, minlength=len(self.descriptions)) / self.norm
        return self.descriptions[int(scores.argmax())]


class RetrievalIndex:
    """Nearest known name per language."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        by_lang: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for name, lang, description in rows:
            names, descriptions = by_lang[lang]
            names.append(name)
            descriptions.append(description)
        self._indexes = {lang: _LanguageIndex(n, d) for lang, (n, d) in by_lang.items()}
        self.size = sum(len(d) for _, d in by_lang.values())

    @classmethod
    def load(cls, path: Path) -> RetrievalIndex:
        """Read an index file; a missing or damaged file raises ``ModelFileError`` naming it."""
        fix = "Rebuild it with `filedesc train` (it writes retrieval.jsonl.gz) or reinstall filedesc."
        if not path.is_file():
            raise ModelFileError(path, "missing", fix)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                rows = [(r["name"], r["lang"], r["description"]) for r in map(json.loads, handle)]
        except (OSError, EOFError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ModelFileError(path, f"cannot be read ({exc})", fix) from exc
        return cls(rows)

    def describe(self, name: str, lang: str) -> str | None:
        """The description of the nearest known name in ``lang``, or ``None`` when nothing is shared."""
        index = self._indexes.get(lang)
        return index.query(name) if index else None
