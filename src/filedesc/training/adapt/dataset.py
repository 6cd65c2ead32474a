"""The adaptation dataset: mined pairs split into train and held-out, mixed with a replay sample of the corpus.

The held-out pairs are never trained on: they are the before/after evaluation. The replay sample (by default from
the shipped written corpus) keeps the model from forgetting how to describe names that are not the team's; a
slice of it is held out too, so the report can show whether the general skill survived.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from filedesc.adapt.mine import MinedPair
from filedesc.training.examples import Pair, read_pairs

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "corpus"
"""The shipped written corpus of real names (``src/filedesc/training/data/corpus/*.jsonl``)."""

REPLAY_EVAL = 40
"""Replay pairs held out to measure forgetting."""


@dataclass
class AdaptData:
    """Everything one adaptation run trains and evaluates on."""

    train_mined: list[Pair]
    heldout: list[Pair]
    replay_train: list[Pair]
    replay_eval: list[Pair]


def split_mined(pairs: list[MinedPair], heldout_fraction: float, seed: int) -> tuple[list[Pair], list[Pair]]:
    """A seeded split of mined pairs into (train, held-out); at least one of each when there are two or more."""
    as_pairs = [Pair(p.name, p.lang, p.description) for p in pairs]
    rng = random.Random(seed)
    rng.shuffle(as_pairs)
    count = min(len(as_pairs) - 1, max(1, round(len(as_pairs) * heldout_fraction)))
    return as_pairs[count:], as_pairs[:count]


def replay_sources(replay: Path | None) -> list[Path]:
    """The replay files: the one given, else every file of the shipped corpus."""
    if replay is not None:
        return [replay]
    return sorted(CORPUS_DIR.glob("*.jsonl"))


def load_replay(replay: Path | None, count: int, exclude: set[str], seed: int) -> list[Pair]:
    """``count`` random replay pairs (both languages), none whose name is among ``exclude`` (the mined names)."""
    pool: list[Pair] = []
    for path in replay_sources(replay):
        pool.extend(p for p in read_pairs(path) if p.name not in exclude)
    pool.sort(key=lambda p: (p.name, p.lang, p.description))
    rng = random.Random(seed)
    return rng.sample(pool, min(count, len(pool)))


def build(
    mined: list[MinedPair], replay: Path | None, heldout_fraction: float, replay_ratio: float, seed: int
) -> AdaptData:
    """Split the mined pairs and draw the replay sample (``replay_ratio`` replay pairs per mined training pair)."""
    train_mined, heldout = split_mined(mined, heldout_fraction, seed)
    wanted = max(round(len(train_mined) * replay_ratio), 0) + (REPLAY_EVAL if replay_ratio > 0 else 0)
    sample = load_replay(replay, wanted, {p.name for p in mined}, seed) if wanted else []
    return AdaptData(train_mined, heldout, sample[REPLAY_EVAL:], sample[:REPLAY_EVAL])


def _write(path: Path, pairs: list[Pair]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for p in pairs:
            handle.write(json.dumps({"name": p.name, "lang": p.lang, "description": p.description}, ensure_ascii=False))
            handle.write("\n")


def write_dataset(data: AdaptData, folder: Path, seed: int, valid_size: int = 64) -> None:
    """``train.jsonl`` (mined + replay, shuffled) and ``valid.jsonl`` for the trainer's checkpoint choice.

    ``valid.jsonl`` mixes training pairs of both kinds: the trainer keeps the checkpoint with the lowest loss on
    it, which must reward learning the team's pairs without forgetting the rest. The held-out pairs stay out of
    it, so the before/after scores are not biased by the checkpoint choice.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    train = [*data.train_mined, *data.replay_train]
    rng.shuffle(train)
    half = valid_size // 2
    valid = rng.sample(data.train_mined, min(half, len(data.train_mined)))
    valid += rng.sample(data.replay_train, min(valid_size - len(valid), len(data.replay_train)))
    _write(folder / "train.jsonl", train)
    _write(folder / "valid.jsonl", valid)
