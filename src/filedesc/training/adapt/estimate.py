"""How long the LoRA training will take, measured before it starts: a few timed steps on a real batch.

A promise of "a few minutes" is only honest when it is measured on the user's machine and model: step time
depends on the CPU, its load, the base's size and the names' lengths. Three steps (the first, with its one-off
allocation costs, is not counted) take a few seconds and predict the run within a few percent.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import torch

from filedesc.training.config import TrainConfig
from filedesc.training.examples import encode_pairs, length_grouped_batches, read_pairs
from filedesc.training.lora import add_lora
from filedesc.training.model import load_base, load_base_tokenizer

TIMED_STEPS = 2


def measure(config: TrainConfig, base: Path, train_file: Path, valid_file: Path) -> tuple[float, float]:
    """``(seconds per training step, seconds per validation pass)`` of ``config`` on ``base``; nothing is kept.

    A validation pass is what the trainer does every ``eval_every`` steps: the loss over ``valid_file``, then
    the best weights and a resumable checkpoint (model and optimizer state) written to disk.
    """
    from filedesc.training.train import mean_loss

    if config.threads:
        torch.set_num_threads(config.threads)
    tokenizer = load_base_tokenizer(base)
    model = add_lora(load_base(base, tokenizer, config.quantization), config)
    model.train()
    pairs = read_pairs(train_file, limit=config.batch_size * (TIMED_STEPS + 1))
    data = encode_pairs(pairs, tokenizer, config.max_input_length, config.max_target_length)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=config.learning_rate)
    batches = list(length_grouped_batches(data, config.batch_size, random.Random(config.seed), tokenizer.pad_id))
    times: list[float] = []
    for batch in (batches * (TIMED_STEPS + 1))[: TIMED_STEPS + 1]:
        started = time.perf_counter()
        model(**batch).loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        times.append(time.perf_counter() - started)
    timed = sorted(times[1:])
    valid = encode_pairs(read_pairs(valid_file), tokenizer, config.max_input_length, config.max_target_length)
    started = time.perf_counter()
    mean_loss(model, valid, tokenizer.pad_id)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        model.save_pretrained(str(Path(tmp) / "again"), safe_serialization=True)
        torch.save(optimizer.state_dict(), Path(tmp) / "optimizer.pt")
    return timed[len(timed) // 2], time.perf_counter() - started


def estimated_minutes(config: TrainConfig, step_seconds: float, eval_seconds: float) -> float:
    """Training minutes for ``config``: its steps and validation passes, capped by ``max_minutes``."""
    passes = -(-config.max_steps // config.eval_every)
    minutes = (config.max_steps * step_seconds + passes * eval_seconds) / 60
    return min(minutes, config.max_minutes) if config.max_minutes else minutes
