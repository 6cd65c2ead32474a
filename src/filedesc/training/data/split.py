"""Split examples so that no name stem is in two splits, and reserve what the test sets need.

- ``train`` / ``valid`` / ``test``: by a hash of the normalised stem, so every spelling of one stem
  (``getUserInfo``, ``get_user_info``, ``get_user_info_v2``) lands in the same split;
- ``test_unseen``: names built on lexicon words reserved away from training (:func:`reserved_keys`, a fixed seeded
  slice of the extended lexicon);
- ``corpus_test``: the written corpus' files from held-out repositories (:func:`held_out_repositories`).

The well-known file names always train; after them the two reserved test sets win: any other example whose stem
they hold is dropped, never moved.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from filedesc.lexicon import Lexicon, fold
from filedesc.training.data.exclusions import repository_of
from filedesc.training.data.records import Example

RESERVED_SEED = 20_260_601
"""Seed of the reserved lexicon slice and held-out repositories: fixed, so test sets stay put across builds."""
RESERVED_FRACTION = 0.08
CORPUS_TEST_FRACTION = 0.15
VALID_FRACTION = 0.02
TEST_FRACTION = 0.02
SPLITS = ("train", "valid", "test", "test_unseen", "corpus_test")

_PREFIX = re.compile(r"^(?:v\d+__|\d+[_-]+)")
_VERSION = re.compile(r"(?:v?\d+)+$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def stem_key(name: str, extensions: Iterable[str] = frozenset()) -> str:
    """Normalise a name to the stem that must not cross splits: no extension, case, accents, separators, version.

    ``Get-User-Info_v2.test.ts``, ``getUserInfo.ts`` and ``0003_get_user_info.py`` all give ``getuserinfo`` once
    their (compound) extensions are known.
    """
    low = fold(name).lstrip(".")
    known = extensions if isinstance(extensions, (set, frozenset)) else frozenset(extensions)
    while "." in low:
        parts = low.split(".")
        cut = next((i for i in range(1, len(parts)) if ".".join(parts[i:]) in known), None)
        if cut is None:
            if parts[-1].isalnum() and len(parts[-1]) <= 5:
                low = ".".join(parts[:-1])
            break
        low = ".".join(parts[:cut])
    low = _PREFIX.sub("", low)
    key = _NON_ALNUM.sub("", low)
    return _VERSION.sub("", key) or key


def _fraction(key: str, salt: str) -> float:
    digest = hashlib.blake2b(f"{salt}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def reserved_keys(core: Lexicon, extended: Lexicon, fraction: float = RESERVED_FRACTION) -> frozenset[str]:
    """The extended-only verbs and nouns kept out of train/valid/test for ``test_unseen``.

    Chosen by a hash of each key, not by a seeded draw, so a word stays reserved (or not) when the lexicon grows:
    a model trained on an earlier build never saw a word that a later build tests it on.
    """
    keys: list[str] = []
    for mine, theirs in ((extended.verbs, core.verbs), (extended.nouns, core.nouns)):
        keys += [
            k for k, entry in mine.items()
            if k not in theirs and not getattr(entry, "proper", False) and _fraction(k, "unseen") < fraction
        ]
    return frozenset(keys)


def held_out_repositories(corpus: Sequence[Example], fraction: float = CORPUS_TEST_FRACTION) -> frozenset[str]:
    """Repositories whose files form ``corpus_test``: those whose name hashes below ``fraction``.

    A hash per repository (not a draw over the current corpus) keeps a repository on the same side of the split
    while the corpus grows, so models trained on earlier builds are never tested on what they saw.
    """
    repos = {repository_of(e.source) for e in corpus}
    chosen = {repo for repo in repos if _fraction(repo, "corpus") < fraction}
    if not chosen and len(repos) > 1:  # a tiny corpus still gets a test part: the lowest hash
        chosen = {min(repos, key=lambda repo: _fraction(repo, "corpus"))}
    return frozenset(chosen)


def _hashed_split(key: str, salt: str) -> str:
    share = _fraction(key, salt)
    return "valid" if share < VALID_FRACTION else "test" if share < VALID_FRACTION + TEST_FRACTION else "train"


@dataclass
class SplitResult:
    """The examples of each split and what was dropped for sharing a reserved stem."""

    splits: dict[str, list[Example]] = field(default_factory=lambda: {s: [] for s in SPLITS})
    dropped: Counter[str] = field(default_factory=Counter)


def split_examples(
    pool: Iterable[Example],
    test_unseen: Iterable[Example],
    corpus_test: Iterable[Example],
    extensions: Iterable[str],
    forced_train: Iterable[Example] = (),
    salt: str = "filedesc",
) -> SplitResult:
    """Assign every example to one split with no stem shared across splits.

    ``forced_train`` (the well-known file names) always goes to train, first; then a stem of a reserved test set
    drops the other examples that share it (counted by origin in ``dropped``).
    """
    exts = frozenset(extensions)
    result = SplitResult()
    owner: dict[str, str] = {}
    for split, items in (("train", forced_train), ("corpus_test", corpus_test), ("test_unseen", test_unseen)):
        for example in items:
            key = stem_key(example.name, exts)
            if owner.setdefault(key, split) != split:
                result.dropped[example.origin] += 1
                continue
            result.splits[split].append(example)
    for example in pool:
        key = stem_key(example.name, exts)
        split = owner.get(key) or _hashed_split(key, salt)
        owner[key] = split
        if split in ("test_unseen", "corpus_test"):
            result.dropped[example.origin] += 1
            continue
        result.splits[split].append(example)
    return result


def shared_stems(splits: dict[str, list[Example]], extensions: Iterable[str]) -> dict[str, set[str]]:
    """Stems found in more than one split, with the splits holding them (empty when the split is clean)."""
    exts = frozenset(extensions)
    where: dict[str, set[str]] = {}
    for split, items in splits.items():
        for example in items:
            where.setdefault(stem_key(example.name, exts), set()).add(split)
    return {k: v for k, v in where.items() if len(v) > 1}
