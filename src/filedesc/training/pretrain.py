"""Language before names: pretrain a T5 from scratch on the bilingual corpus, then train it on names.

    filedesc train --stage pretrain --data data/bilingual --out runs/pre --names-data data/ds17 [--config FILE]
    filedesc train --data data/ds17 --out runs/names --base runs/pre/model [--config FILE]

The first command trains on ``pairs.jsonl`` of ``filedesc data bilingual`` (translation both ways and denoising in
both languages, see :mod:`filedesc.training.pretrain_examples`); the second is the ordinary name stage started from
its ``model/``, which reuses the pretraining tokenizer unchanged (``--base`` copies ``model/tokenizer.json``).
So that this tokenizer serves the name stage as well as one trained on names alone, it is trained on bilingual
text *and* on name lines sampled from ``--names-data`` (a ``filedesc data build`` folder), written as the name
stage writes them. Its marker token fixes the prompt format of both stages: pretrain with the ``prompt_format``
(``name``, ``words`` or ``draft``) the name stage will use.

The loop, checkpoints, ``--resume``, ``log.jsonl``, ``max_minutes`` and early stopping are the name stage's
(:mod:`filedesc.training.train`); under ``torchrun`` rank 0 alone writes. Output folder: ``model/``
(safetensors, ``config.json``, ``tokenizer.json``, ``filedesc_train.json``), ``tokenizer.json``,
``train_result.json`` (``"stage": "pretrain"``, both configs, example counts), ``log.jsonl``,
``training_curves.png``, ``checkpoint/``.

A config file for this stage holds ``TrainConfig`` fields plus an optional ``"pretrain"`` object with
:class:`PretrainConfig` fields.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import torch

from filedesc.errors import FiledescError
from filedesc.prompt import DRAFT_FORMATS, build_prompt
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training import distributed
from filedesc.training.config import TrainConfig
from filedesc.training.distributed import Dist
from filedesc.training.examples import Encoded, Pair, attach_drafts, read_pairs
from filedesc.training.model import count_parameters
from filedesc.training.pretrain_examples import (
    MASK_TOKEN,
    TextPair,
    encode_examples,
    make_examples,
    read_corpus,
)
from filedesc.training.tokenizer import train_tokenizer
from filedesc.training.train import TrainResult, _build_model, _loop, _restore_best, mean_loss, set_seed

log = logging.getLogger(__name__)


def _help(text: str, **kwargs: Any) -> Any:
    return field(metadata={"help": text}, **kwargs)


@dataclass
class PretrainConfig:
    """What the pretraining stage adds to ``TrainConfig`` (the ``"pretrain"`` object of its config file)."""

    translation: bool = _help("translation examples, English to French and French to English", default=True)
    denoising: bool = _help("denoising examples (masked spans restored), in English and in French", default=True)
    examples_per_pair: int = _help(
        "examples made from each pair, 1 to 4: with 2, one translation and one denoising (directions and languages "
        "alternate); with 4, all of them",
        default=2,
    )
    mask_ratio: float = _help("share of a sentence's words masked for denoising", default=0.3)
    sources: list[str] = _help(
        "corpus sources used (apt-short, apt-long, gettext, freedict); empty: all", default_factory=list
    )
    max_pairs: int = _help("use at most this many pairs, a seeded sample of all sources (0: all)", default=0)
    valid_pairs: int = _help("pairs held out for the validation loss (all four tasks each)", default=1000)
    tokenizer_pairs: int = _help("pairs (both sides) sampled into the tokenizer's training text", default=100_000)
    tokenizer_names: int = _help(
        "name lines of --names-data sampled into the tokenizer's training text (prompt and description)",
        default=100_000,
    )

    def __post_init__(self) -> None:
        if not (self.translation or self.denoising):
            raise ValueError("pretrain: enable translation, denoising or both")
        if not 1 <= self.examples_per_pair <= 4:
            raise ValueError("pretrain: examples_per_pair must be 1 to 4")
        if not 0.0 < self.mask_ratio < 1.0:
            raise ValueError("pretrain: mask_ratio must be in (0, 1)")
        if min(self.max_pairs, self.valid_pairs, self.tokenizer_pairs, self.tokenizer_names) < 0:
            raise ValueError("pretrain: counts must not be negative")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PretrainConfig:
        """Build from a dict, rejecting unknown keys with their names."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown pretrain config keys {unknown}; known keys: {sorted(known)}")
        return cls(**data)


def pretrain(
    config: TrainConfig,
    pre: PretrainConfig,
    corpus: Path,
    out: Path,
    names_data: Path | None = None,
    resume: bool = False,
    progress: bool = True,
) -> TrainResult:
    """Pretrain a from-scratch T5 on the bilingual ``corpus`` folder; see the module docstring for ``out``.

    Raises:
        FiledescError: the corpus or the names data is missing or empty, or the config asks for LoRA or a k-bit
            base (this stage trains every weight from scratch).
    """
    if config.lora or config.quantization != "none":
        raise FiledescError("the pretrain stage trains a new model from scratch: drop --lora, --8bit and --4bit")
    info = distributed.setup()
    try:
        return _pretrain(config, pre, corpus, out, names_data, resume, progress, info)
    finally:
        distributed.teardown(info)


def split_pairs(pairs: list[TextPair], valid_pairs: int, seed: int) -> tuple[list[TextPair], list[TextPair]]:
    """(train, valid): a seeded shuffle, ``valid_pairs`` held out (at most a tenth, at least one)."""
    if len(pairs) < 2:
        raise FiledescError(
            "the bilingual corpus needs at least two pairs (one to train on, one to validate): build the full one "
            "with `filedesc data bilingual --out DIR`"
        )
    shuffled = list(pairs)
    random.Random(seed).shuffle(shuffled)
    n_valid = max(1, min(valid_pairs, len(shuffled) // 10))
    return shuffled[n_valid:], shuffled[:n_valid]


def read_names(names_data: Path, limit: int, seed: int) -> list[Pair]:
    """``limit`` lines sampled from ``names_data/train.jsonl`` (a ``filedesc data build`` folder)."""
    path = names_data / "train.jsonl"
    if not path.is_file():
        raise FiledescError(f"--names-data: {path} not found: build a dataset with `filedesc data build --out DIR`")
    names = read_pairs(path)
    if not names:
        raise FiledescError(f"--names-data: {path} is empty: build a dataset with `filedesc data build --out DIR`")
    if limit and len(names) > limit:
        names = random.Random(seed).sample(names, limit)
    return names


def tokenizer_texts(
    pairs: list[TextPair], names: list[Pair], prompt_format: str, config: PretrainConfig, seed: int
) -> Iterator[str]:
    """The tokenizer's training text: both sides of sampled pairs, and name prompts with their descriptions."""
    sample = pairs
    if config.tokenizer_pairs and len(pairs) > config.tokenizer_pairs:
        sample = random.Random(seed).sample(pairs, config.tokenizer_pairs)
    for pair in sample:
        yield pair.en
        yield pair.fr
    if prompt_format in DRAFT_FORMATS:
        names = attach_drafts(names)
    for name in names:
        yield build_prompt(name.name, name.lang, prompt_format, name.draft)
        yield name.description


def _prepare_tokenizer(
    config: TrainConfig, pre: PretrainConfig, pairs: list[TextPair], names_data: Path | None, out: Path, info: Dist
) -> PromptTokenizer:
    """Rank 0 trains the tokenizer (or reuses ``out/tokenizer.json`` when resuming) and writes it; others read it."""
    path = out / "tokenizer.json"
    if info.main and not path.is_file():
        names: list[Pair] = []
        if names_data is not None:
            names = read_names(names_data, pre.tokenizer_names, config.seed)
        else:
            log.warning("no --names-data: the tokenizer learns bilingual text only, and the name stage reuses it")
        texts = tokenizer_texts(pairs, names, config.prompt_format, pre, config.seed)
        train_tokenizer(texts, config.model.vocab_size, out, config.prompt_format, extra_special=(MASK_TOKEN,))
    distributed.barrier(info)
    return PromptTokenizer.from_file(path)


def _encode(
    pairs: list[TextPair],
    config: TrainConfig,
    pre: PretrainConfig,
    tokenizer: PromptTokenizer,
    per_pair: int,
    seed: int,
    info: Dist | None = None,
) -> tuple[Encoded, dict[str, int]]:
    examples = list(
        make_examples(
            pairs,
            tokenizer.prompt_format,
            per_pair,
            random.Random(seed),
            pre.translation,
            pre.denoising,
            pre.mask_ratio,
        )
    )
    if info is not None:
        examples = distributed.shard(examples, info)
    return encode_examples(examples, tokenizer, config.max_input_length, config.max_target_length)


def _pretrain(
    config: TrainConfig,
    pre: PretrainConfig,
    corpus: Path,
    out: Path,
    names_data: Path | None,
    resume: bool,
    progress: bool,
    info: Dist,
) -> TrainResult:
    pairs = read_corpus(corpus, tuple(pre.sources))
    if pre.max_pairs and len(pairs) > pre.max_pairs:  # a sample of every source (the file is grouped by source)
        pairs = random.Random(config.seed).sample(pairs, pre.max_pairs)
    train_pairs, valid_pairs = split_pairs(pairs, pre.valid_pairs, config.seed)
    out.mkdir(parents=True, exist_ok=True)
    set_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    tokenizer = _prepare_tokenizer(config, pre, train_pairs, names_data, out, info)
    model = _build_model(config, tokenizer, out, None, resume)
    model.to(info.device)
    trainable, total = count_parameters(model)
    log.info("parameters: %d", total)
    train_data, counts = _encode(train_pairs, config, pre, tokenizer, pre.examples_per_pair, config.seed + 1, info)
    valid_data, valid_counts = _encode(valid_pairs, config, pre, tokenizer, 4, config.seed + 2)
    log.info("pretraining examples (this process): %s; validation: %s", counts, valid_counts)
    if not len(train_data) or not len(valid_data):
        raise FiledescError(
            f"no pretraining example fits max_input_length {config.max_input_length} / max_target_length "
            f"{config.max_target_length}: raise them, or rebuild the corpus with `filedesc data bilingual --out DIR`"
        )
    probe = Encoded(train_data.inputs[: len(valid_data)], train_data.targets[: len(valid_data)])
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
    state: dict[str, Any] = {"step": 0, "best_valid": float("inf"), "bad_evals": 0, "seconds": 0.0}
    if resume and (out / "checkpoint" / "state.json").is_file():
        state = json.loads((out / "checkpoint" / "state.json").read_text(encoding="utf-8"))
        optimizer.load_state_dict(torch.load(out / "checkpoint" / "optimizer.pt", weights_only=True))
        log.info("resumed at step %d", state["step"])
    report: dict[str, Any] = {
        "stage": "pretrain",
        "config": config.to_dict(),
        "pretrain": asdict(pre),
        "corpus": str(corpus),
        "names_data": str(names_data) if names_data else None,
        "pairs": {"train": len(train_pairs), "valid": len(valid_pairs)},
        "examples": {"train": counts, "valid": valid_counts},
    }
    if info.main:
        (out / "train_config.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    valid_shard = Encoded(distributed.shard(valid_data.inputs, info), distributed.shard(valid_data.targets, info))
    result = _loop(model, optimizer, config, train_data, valid_shard, tokenizer, out, state, progress, info)
    result.trainable_parameters, result.total_parameters = trainable, total
    result.processes, result.ranks_agree = info.world, distributed.ranks_agree(info, model)
    distributed.barrier(info)
    if info.main:
        _finish(model, config, tokenizer, out, result, valid_data, probe, report)
    return result


def _finish(
    model: Any,
    config: TrainConfig,
    tokenizer: PromptTokenizer,
    out: Path,
    result: TrainResult,
    valid_data: Encoded,
    probe: Encoded,
    report: dict[str, Any],
) -> None:
    """Reload the best weights, measure train/valid loss, save ``model/`` with its tokenizer, plot, report."""
    from filedesc.training.plots import plot_curves

    if (out / "best").is_dir():
        model = _restore_best(model, config, tokenizer, out, None)
    result.train_loss = mean_loss(model, probe, tokenizer.pad_id)
    result.valid_loss = mean_loss(model, valid_data, tokenizer.pad_id)
    result.gap = result.valid_loss - result.train_loss
    model.save_pretrained(str(out / "model"), safe_serialization=True)
    tokenizer.tokenizer.save(str(out / "model" / "tokenizer.json"))
    plot_curves(out / "log.jsonl", out / "training_curves.png")
    full = {**report, "result": asdict(result)}
    (out / "train_result.json").write_text(json.dumps(full, indent=2), encoding="utf-8")
    (out / "model" / "filedesc_train.json").write_text(json.dumps(full, indent=2), encoding="utf-8")
