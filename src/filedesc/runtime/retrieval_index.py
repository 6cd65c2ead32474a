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
NEIGHBOURS_FILE = "neighbours.jsonl.gz"
"""The written corpus' real files a ``near``-format model reads its examples from (same format as the index file),
beside that model's ``tokenizer.json``."""
NGRAM = 3


def ngrams(name: str, n: int = NGRAM) -> set[str]:
    """Lowercased character n-grams of ``^name$`` (boundaries count: they tell prefixes and extensions apart)."""
    text = f"^{name.lower()}$"
    return {text[i : i + n] for i in range(max(1, len(text) - n + 1))}


class _LanguageIndex:
    def __init__(self, names: list[str], descriptions: list[str], groups: list[int] | None = None) -> None:
        self.names = names
        self.descriptions = descriptions
        self.groups = None if groups is None else np.asarray(groups, dtype=np.int32)
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
        best = self.best(name)
        return None if best is None else self.descriptions[best]

    def best(self, name: str, skip_group: int | None = None) -> int | None:
        """Id of the best-scoring entry sharing an n-gram with ``name``, or ``None``.

        Every entry of ``skip_group`` is passed over: training leaves an example's own repository out, as the
        test split's names are.
        """
        grams = [g for g in ngrams(name) if g in self.postings]
        if not grams:
            return None
        ids = np.concatenate([self.postings[g] for g in grams])
        weights = np.concatenate([np.full(len(self.postings[g]), self.idf[g], dtype=np.float32) for g in grams])
        scores = np.bincount(ids, weights=weights, minlength=len(self.descriptions)) / self.norm
        if skip_group is not None and self.groups is not None:
            scores[self.groups == skip_group] = 0.0
        best = int(scores.argmax())
        return best if scores[best] > 0 else None


class RetrievalIndex:
    """Nearest known name per language."""

    def __init__(self, rows: Iterable[tuple[str, str, str]], groups: Iterable[str] | None = None) -> None:
        """Index ``rows`` (name, lang, description).

        ``groups`` (one per row: the repository or package a real file comes from) lets ``nearest`` leave a whole
        group out.
        """
        by_lang: dict[str, tuple[list[str], list[str], list[int]]] = defaultdict(lambda: ([], [], []))
        self.group_ids: dict[str, int] = {}
        group_list = None if groups is None else list(groups)
        for row, (name, lang, description) in enumerate(rows):
            names, descriptions, row_groups = by_lang[lang]
            names.append(name)
            descriptions.append(description)
            if group_list is not None:
                row_groups.append(self.group_ids.setdefault(group_list[row], len(self.group_ids)))
        self._indexes = {
            lang: _LanguageIndex(n, d, g if groups is not None else None) for lang, (n, d, g) in by_lang.items()
        }
        self.size = sum(len(d) for _, d, _ in by_lang.values())

    def rows(self) -> Iterable[tuple[str, str, str]]:
        """Every entry as (name, lang, description), language by language (what ``write_rows`` saves)."""
        for lang, index in self._indexes.items():
            for name, description in zip(index.names, index.descriptions, strict=True):
                yield name, lang, description

    @classmethod
    def load(cls, path: Path, fix: str | None = None) -> RetrievalIndex:
        """Read an index file; a missing or damaged file raises ``ModelFileError`` naming it (and ``fix``)."""
        fix = fix or "Rebuild it with `filedesc train` (it writes retrieval.jsonl.gz) or reinstall filedesc."
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

    def nearest(self, name: str, lang: str, skip_group: str | None = None) -> tuple[str, str] | None:
        """The nearest known (name, description) in ``lang`` outside ``skip_group``; ``None``: nothing shared."""
        index = self._indexes.get(lang)
        if index is None:
            return None
        best = index.best(name, self.group_ids.get(skip_group) if skip_group else None)
        return None if best is None else (index.names[best], index.descriptions[best])
