"""How often the generator draws each lexicon word: by real frequency, not uniformly.

A uniform draw gives ``arbitrage`` as many training names as ``user``, while real names use a few hundred words
most of the time. Each entry's weight combines two counts:

- how often real file names use it: the folded words of the written corpus' names (``training/data/corpus``),
  the held-out repositories of ``corpus_test`` and the build's exclusions (held-out public repositories,
  ``real-dev`` names) left out so that no test name steers training;
- how often the language uses it: the Zipf frequency of its English and French forms in the rules backend's
  word table (from ``wordfreq``), as a square root so that common words lead without drowning the rest.

A floor keeps every word drawable: the generator must still cover the whole lexicon.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from filedesc.grammar.frequency import FUNCTION_WORDS, load_words
from filedesc.lexicon import AdjectiveEntry, NounEntry, VerbEntry, fold
from filedesc.training.data import corpus_check, split
from filedesc.training.data.exclusions import load_exclusions, repository_of
from filedesc.training.data.records import Example

#: Every word weighs at least this (a word of Zipf 4 seen in no name weighs 1).
FLOOR = 0.5
#: The power applied to the product: 1 would give the top 200 nouns two thirds of the draws and the rarer half of
#: the lexicon 1 %; the square root keeps the order but gives the rarer half about a sixth of the draws.
TEMPERATURE = 0.5
#: Counts from real names are capped so that one very common word (``test``) does not take most draws.
MAX_NAME_COUNT = 200
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def name_words(name: str) -> list[str]:
    """The folded words of a name less its extension, camelCase split: ``getUserInfo.ts`` -> get, user, info."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return [fold(w) for part in _WORD.findall(stem) for w in _CAMEL.split(part) if w]


@functools.lru_cache(maxsize=4)
def corpus_vocabulary(folder: Path = corpus_check.CORPUS_DIR) -> Counter[str]:
    """Word counts of the corpus' names (each name once), held-out repositories excluded; empty without a corpus."""
    examples: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
                examples.append(Example(str(row["name"]), "en", "", str(row.get("source", ""))))
            except (ValueError, KeyError, TypeError):
                continue
    held_out = split.held_out_repositories(examples)
    exclusions = load_exclusions()  # held-out public repositories, real-dev names, the standard library
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for example in examples:
        if example.name in seen or repository_of(example.source) in held_out:
            continue
        if exclusions.reason(example.name, example.source) is not None:
            continue
        seen.add(example.name)
        counts.update(name_words(example.name))
    return counts


def _forms(entry: VerbEntry | NounEntry | AdjectiveEntry) -> Iterable[str]:
    if isinstance(entry, VerbEntry):
        return (entry.key, entry.en_base, entry.en_third, entry.fr_inf, entry.fr_third, *entry.spellings)
    if isinstance(entry, NounEntry):
        return (entry.key, entry.en_sg, entry.en_pl, entry.fr_sg, entry.fr_pl, *entry.spellings)
    return (entry.key, entry.en, entry.fr_ms, entry.fr_fs, *entry.spellings)


def weight(entry: VerbEntry | NounEntry | AdjectiveEntry, vocabulary: Counter[str]) -> float:
    """The draw weight of one entry: (sqrt of its language frequency x (1 + its count in real names)) ** 0.5."""
    table = load_words()
    # short spellings and function words say nothing of the entry: ``de`` is a spelling of ``dé`` (dice)
    forms = {fold(f) for f in _forms(entry) if len(f) >= 3 and " " not in f} - FUNCTION_WORDS
    zipf = max((table.zipf(f) for f in forms), default=0.0)
    language = 10 ** ((min(max(zipf, 1.0), 7.0) - 4.0) / 2)
    names = min(sum(vocabulary.get(f, 0) for f in forms), MAX_NAME_COUNT)
    return max(FLOOR, float((language * (1 + names)) ** TEMPERATURE))


def cumulative(entries: Sequence[VerbEntry | NounEntry | AdjectiveEntry], vocabulary: Counter[str]) -> list[float]:
    """Cumulative weights for ``random.choices(entries, cum_weights=...)``."""
    total, out = 0.0, []
    for entry in entries:
        total += weight(entry, vocabulary)
        out.append(total)
    return out
