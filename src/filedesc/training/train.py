"""The training loop: from scratch, from a local base checkpoint, or LoRA (optionally on an 8/4-bit base).

    filedesc train --data DIR --out DIR [--config FILE] [--base PATH] [--lora] [--8bit|--4bit] [--max-minutes N]

A short loop of our own rather than ``Seq2SeqTrainer``: runs here are bounded by wall-clock time on a 2-core CPU,
so the learning-rate horizon is fitted to the measured speed after warm-up (a cosine that really reaches its end
when ``--max-minutes`` stops the run), and the loop stays small enough to read in one sitting. It has dynamic
padding, length-grouped batches, warm-up + cosine schedule, gradient clipping, checkpoints and ``--resume``, early
stopping on validation loss, a progress bar, a JSONL metrics log and ``training_curves.png``.

Several processes or GPUs: ``torchrun --nproc_per_node N -m filedesc train ...`` (DDP, see
``filedesc.training.distributed``): each process trains on its shard, rank 0 alone writes.

Output folder: ``model/`` (safetensors + ``config.json`` of the best checkpoint, merged when LoRA), ``adapter/``
(LoRA only), ``tokenizer.json``, ``train_result.json`` (config, losses, gap, speed), ``log.jsonl``,
``training_curves.png`` and ``checkpoint/`` (for ``--resume``).
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch

from filedesc.errors import FiledescError
from filedesc.prompt import DRAFT_FORMATS, build_prompt
from filedesc.runtime.retrieval_index import NEIGHBOURS_FILE, RetrievalIndex
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training import distributed
from filedesc.training.config import TrainConfig
from filedesc.training.distributed import Dist
from filedesc.training.examples import (
    Encoded,
    Pair,
    attach_drafts,
    attach_hints,
    encode_pairs,
    length_grouped_batches,
    neighbour_index,
    pad_batch,
    read_pairs,
)
from filedesc.training.model import count_parameters, load_base, load_base_tokenizer, new_t5
from filedesc.training.tokenizer import train_tokenizer

log = logging.getLogger(__name__)


@dataclass
class TrainResult:
    """What a run reports (also written to ``train_result.json``)."""

    steps: int
    minutes: float
    examples_per_second: float
    train_loss: float
    valid_loss: float
    best_valid_loss: float
    gap: float
    trainable_parameters: int
    total_parameters: int
    stopped_because: str
    processes: int = 1
    """Processes that trained together (``torchrun --nproc_per_node``); each step saw processes x batch_size."""
    ranks_agree: bool = True
    """Whether every process ended with the same weights (checked by a checksum; always true alone)."""


def set_seed(seed: int) -> None:
    """Seed Python and torch."""
    random.seed(seed)
    torch.manual_seed(seed)


@torch.no_grad()
def mean_loss(model: Any, data: Encoded, pad_id: int, batch_size: int = 128, info: Dist | None = None) -> float:
    """Token-weighted mean cross-entropy over ``data`` in eval mode (with ``info``: over every process's shard)."""
    was_training = model.training
    model.eval()
    total, tokens = 0.0, 0.0
    for start in range(0, len(data), batch_size):
        batch = pad_batch(data.inputs[start : start + batch_size], data.targets[start : start + batch_size], pad_id)
        batch = {k: v.to(model.device) for k, v in batch.items()}
        n = int((batch["labels"] != -100).sum())
        total += float(model(**batch).loss) * n
        tokens += n
    if was_training:
        model.train()
    if info is not None:
        total, tokens = distributed.summed(info, [total, tokens])
    return total / max(tokens, 1)


def _lr_at(step: int, horizon: int, config: TrainConfig) -> float:
    if step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    progress = min(1.0, (step - config.warmup_steps) / max(1, horizon - config.warmup_steps))
    return config.learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def _refit_horizon(config: TrainConfig, step: int, elapsed: float, mark: tuple[int, float], horizon: int) -> int:
    """Where the cosine should end so that it ends when ``max_minutes`` does, from the recent step rate.

    Refitted every 250 steps from the rate since the last fit, not since the start: on a shared machine the speed
    changes, and a horizon fitted to a slow start would leave the rest of the run at the floor learning rate.
    """
    steps, seconds = step - mark[0], elapsed - mark[1]
    if steps <= 0 or seconds <= 0:
        return horizon
    rate = steps / seconds
    fitted = min(config.max_steps, step + int(rate * max(0.0, config.max_minutes * 60 - elapsed)))
    log.info("learning-rate horizon %d steps (%.2f steps/s lately)", fitted, rate)
    return fitted


def _resume_horizon(config: TrainConfig, step: int, seconds: float) -> int:
    """The cosine's end when a run starts (``max_steps``) or resumes (fitted to the whole run's speed so far).

    Without it a resumed run would take ``max_steps`` as its end until the first refit, up to 250 steps later, and
    its learning rate would jump back towards the peak; a resume with another ``--max-minutes`` is fitted too.
    """
    if not config.max_minutes or step <= config.warmup_steps:
        return config.max_steps
    return _refit_horizon(config, step, seconds, (0, 0.0), config.max_steps)


def _prepare_tokenizer(
    config: TrainConfig,
    train_pairs: list[Pair],
    out: Path,
    base: Path | None,
    info: Dist,
    neighbours: RetrievalIndex | None = None,
) -> PromptTokenizer:
    """Rank 0 trains (or copies) the tokenizer and writes it; the other processes wait, then read it."""
    if info.main:
        tokenizer = _make_tokenizer(config, train_pairs, out, base, neighbours)
    distributed.barrier(info)
    if not info.main:
        tokenizer = PromptTokenizer.from_file(out / "tokenizer.json")  # rank 0 wrote it, a base's included
    return tokenizer


def _make_tokenizer(
    config: TrainConfig, train_pairs: list[Pair], out: Path, base: Path | None, neighbours: RetrievalIndex | None
) -> PromptTokenizer:
    if base is not None:
        tok = load_base_tokenizer(base, config.prompt_format)
        tok.tokenizer.save(str(out / "tokenizer.json"))
        return tok
    if (out / "tokenizer.json").is_file():
        return PromptTokenizer.from_file(out / "tokenizer.json")
    sample = _with_drafts(train_pairs[:200_000], config.prompt_format, neighbours)
    texts = (
        text
        for p in sample
        for text in (build_prompt(p.name, p.lang, config.prompt_format, p.draft, p.hint), p.description)
    )
    return train_tokenizer(texts, config.model.vocab_size, out, config.prompt_format)


def _with_drafts(pairs: list[Pair], prompt_format: str, neighbours: RetrievalIndex | None = None) -> list[Pair]:
    """The pairs with what their prompt format needs besides the name: the rules' draft, the nearest example."""
    if prompt_format in DRAFT_FORMATS and any(p.draft is None for p in pairs):
        pairs = attach_drafts(pairs)
    if prompt_format == "near" and neighbours is not None and any(p.hint is None for p in pairs):
        pairs = attach_hints(pairs, neighbours)
    return pairs


def _build_model(config: TrainConfig, tokenizer: PromptTokenizer, out: Path, base: Path | None, resume: bool) -> Any:
    checkpoint = out / "checkpoint"
    if config.lora:
        from filedesc.training.lora import add_lora

        if base is None:
            raise FiledescError("--lora trains an adapter on top of a base model: add --base PATH")
        model = load_base(base, tokenizer, config.quantization)
        if resume and (checkpoint / "adapter_config.json").is_file():
            from peft import PeftModel

            return PeftModel.from_pretrained(model, str(checkpoint), is_trainable=True)
        return add_lora(model, config)
    if resume and (checkpoint / "config.json").is_file():
        return load_base(checkpoint, tokenizer)
    if base is not None:
        return load_base(base, tokenizer)
    return new_t5(config.model, tokenizer)


def _save_checkpoint(model: Any, optimizer: torch.optim.Optimizer, state: dict[str, Any], out: Path) -> None:
    checkpoint = out / "checkpoint"
    tmp = out / "checkpoint.tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(tmp), safe_serialization=True)
    torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    (tmp / "state.json").write_text(json.dumps(state), encoding="utf-8")
    if checkpoint.exists():
        import shutil

        shutil.rmtree(checkpoint)
    tmp.rename(checkpoint)


def _save_best(model: Any, out: Path) -> None:
    """Save the best weights so far (the whole model, or the adapter alone for LoRA) to ``best/``."""
    model.save_pretrained(str(out / "best"), safe_serialization=True)


def train(
    config: TrainConfig,
    data_dir: Path,
    out: Path,
    base: Path | None = None,
    resume: bool = False,
    progress: bool = True,
) -> TrainResult:
    """Run training as ``config`` says; see the module docstring for what is written to ``out``.

    Under ``torchrun`` every process calls this with the same arguments (see ``filedesc.training.distributed``).
    """
    info = distributed.setup()
    try:
        return _train(config, data_dir, out, base, resume, progress, info)
    finally:
        distributed.teardown(info)


def _train(
    config: TrainConfig, data_dir: Path, out: Path, base: Path | None, resume: bool, progress: bool, info: Dist
) -> TrainResult:
    out.mkdir(parents=True, exist_ok=True)
    set_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    all_pairs = read_pairs(data_dir / "train.jsonl", config.max_train_examples)
    # a near model's examples: the real pairs of the training split (every process builds the same index)
    neighbours = neighbour_index(all_pairs) if config.prompt_format == "near" else None
    if not info.enabled:  # alone, every pair is trained on: draft them once (tokenizer sample and training alike)
        all_pairs = _with_drafts(all_pairs, config.prompt_format, neighbours)
    tokenizer = _prepare_tokenizer(config, all_pairs, out, base, info, neighbours)
    if base is not None and tokenizer.prompt_format != config.prompt_format:
        log.warning("the base's tokenizer is for %r prompts: training with those", tokenizer.prompt_format)
    model = _build_model(config, tokenizer, out, base, resume)
    if config.quantization == "none":
        model.to(info.device)
    trainable, total = count_parameters(model)
    log.info("parameters: %d trainable of %d (%.1f%%)", trainable, total, 100 * trainable / max(total, 1))
    fmt = tokenizer.prompt_format
    if fmt == "near":  # a near base model's examples too come from this run's data
        neighbours = neighbours or neighbour_index(all_pairs)
        tokenizer.use_neighbours(neighbours)
    train_pairs = _with_drafts(distributed.shard(all_pairs, info), fmt, neighbours)
    train_data = encode_pairs(train_pairs, tokenizer, config.max_input_length, config.max_target_length)
    valid_data = encode_pairs(
        _with_drafts(read_pairs(data_dir / "valid.jsonl", config.max_eval_examples), fmt, neighbours),
        tokenizer,
        config.max_input_length,
        config.max_target_length,
    )
    probe = Encoded(train_data.inputs[: len(valid_data)], train_data.targets[: len(valid_data)])
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.learning_rate, weight_decay=config.weight_decay)
    state: dict[str, Any] = {"step": 0, "best_valid": float("inf"), "bad_evals": 0, "seconds": 0.0}
    if resume and (out / "checkpoint" / "state.json").is_file():
        state = json.loads((out / "checkpoint" / "state.json").read_text(encoding="utf-8"))
        optimizer.load_state_dict(torch.load(out / "checkpoint" / "optimizer.pt", weights_only=True))
        log.info("resumed at step %d", state["step"])
    if info.main:
        (out / "train_config.json").write_text(json.dumps(config.to_dict(), indent=2), encoding="utf-8")
    valid_shard = Encoded(distributed.shard(valid_data.inputs, info), distributed.shard(valid_data.targets, info))
    result = _loop(model, optimizer, config, train_data, valid_shard, tokenizer, out, state, progress, info)
    result.trainable_parameters, result.total_parameters = trainable, total
    result.processes, result.ranks_agree = info.world, distributed.ranks_agree(info, model)
    if not result.ranks_agree:
        log.error("the processes ended with different weights: the saved model is rank 0's")
    distributed.barrier(info)  # best/ and the checkpoint are complete before rank 0 reloads them
    if info.main:
        _finish(model, config, data_dir, tokenizer, out, base, result, valid_data, probe)
    return result


def _loop(
    model: Any,
    optimizer: torch.optim.Optimizer,
    config: TrainConfig,
    train_data: Encoded,
    valid_data: Encoded,
    tokenizer: PromptTokenizer,
    out: Path,
    state: dict[str, Any],
    progress: bool,
    info: Dist,
) -> TrainResult:
    """The steps; ``valid_data`` is this process's shard of the validation set (the losses are summed)."""
    from tqdm import tqdm

    rng = random.Random(config.seed + state["step"])
    horizon = _resume_horizon(config, state["step"], state["seconds"])
    model.train()
    net = distributed.wrap(model, info)
    bar = tqdm(
        total=config.max_steps,
        initial=state["step"],
        disable=not (progress and info.main),
        unit="step",
        dynamic_ncols=True,
    )
    started = time.monotonic() - state["seconds"]
    resumed_at = state["seconds"]  # throughput counts this process's examples over this process's time
    seen, stop = 0, "max_steps"
    recent: list[float] = []
    mark = (state["step"], state["seconds"])  # (step, seconds) where the step rate is measured from
    log_file = (out / "log.jsonl").open("a", encoding="utf-8") if info.main else None
    try:
        while stop == "max_steps" and state["step"] < config.max_steps:
            for batch in length_grouped_batches(train_data, config.batch_size, rng, tokenizer.pad_id):
                step = state["step"]
                for group in optimizer.param_groups:
                    group["lr"] = _lr_at(step, horizon, config)
                batch = {k: v.to(model.device) for k, v in batch.items()}
                loss = net(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                state["step"] = step + 1
                seen += batch["input_ids"].shape[0] * info.world
                recent = [*recent[-99:], float(loss.detach())]
                # the clock of rank 0 decides for all, so the horizon and the time limit agree everywhere
                elapsed = distributed.from_rank0(info, [time.monotonic() - started])[0]
                state["seconds"] = elapsed
                if config.max_minutes and (state["step"] - config.warmup_steps) % 250 == 50:
                    horizon = _refit_horizon(config, state["step"], elapsed, mark, horizon)
                    mark = (state["step"], elapsed)
                if state["step"] % config.log_every == 0 and log_file is not None:
                    row = {
                        "step": state["step"],
                        "loss": sum(recent) / len(recent),
                        "lr": group["lr"],
                        "examples_per_second": seen / max(elapsed - resumed_at, 1e-9),
                        "minutes": elapsed / 60,
                    }
                    log_file.write(json.dumps(row) + "\n")
                    log_file.flush()
                    bar.set_postfix(loss=f"{row['loss']:.3f}", ex_s=f"{row['examples_per_second']:.0f}")
                bar.update(1)
                out_of_time = bool(config.max_minutes) and elapsed >= config.max_minutes * 60
                if state["step"] % config.eval_every == 0 or state["step"] >= config.max_steps or out_of_time:
                    valid = mean_loss(model, valid_data, tokenizer.pad_id, info=info)
                    if log_file is not None:
                        log_file.write(json.dumps({"step": state["step"], "valid_loss": valid}) + "\n")
                        log_file.flush()
                    if valid < state["best_valid"] - 1e-4:
                        state["best_valid"], state["bad_evals"] = valid, 0
                        if info.main:
                            _save_best(model, out)
                    else:
                        state["bad_evals"] += 1
                    if info.main:
                        _save_checkpoint(model, optimizer, state, out)
                    if state["bad_evals"] >= config.patience:
                        stop = "early_stopping"
                if out_of_time:
                    stop = "max_minutes"
                if stop != "max_steps" or state["step"] >= config.max_steps:
                    break
    finally:
        bar.close()
        if log_file is not None:
            log_file.close()
    minutes = state["seconds"] / 60
    return TrainResult(
        steps=state["step"],
        minutes=minutes,
        examples_per_second=seen / max(state["seconds"] - resumed_at, 1e-9),
        train_loss=float("nan"),
        valid_loss=float("nan"),
        best_valid_loss=state["best_valid"],
        gap=float("nan"),
        trainable_parameters=0,
        total_parameters=0,
        stopped_because=stop,
    )


def _restore_best(model: Any, config: TrainConfig, tokenizer: PromptTokenizer, out: Path, base: Path | None) -> Any:
    """The best checkpoint's weights as a plain model (a LoRA adapter is saved to ``adapter/`` and merged)."""
    best = out / "best"
    if not config.lora:
        from transformers import T5ForConditionalGeneration

        return T5ForConditionalGeneration.from_pretrained(str(best), local_files_only=True, use_safetensors=True)
    from filedesc.training.lora import load_adapter, merge

    if best.is_dir():
        import shutil

        shutil.rmtree(out / "adapter", ignore_errors=True)
        shutil.copytree(best, out / "adapter")
    assert base is not None
    # A k-bit base cannot take merged weights: merge into a full-precision copy of the base.
    return merge(load_adapter(load_base(base, tokenizer), out / "adapter"))


def _finish(
    model: Any,
    config: TrainConfig,
    data_dir: Path,
    tokenizer: PromptTokenizer,
    out: Path,
    base: Path | None,
    result: TrainResult,
    valid_data: Encoded,
    probe: Encoded,
) -> None:
    """Reload the best weights, measure train/valid loss (the overfitting check), save model, plot curves."""
    from filedesc.training.plots import plot_curves

    if (out / "best").is_dir():
        model = _restore_best(model, config, tokenizer, out, base)
    result.train_loss = mean_loss(model, probe, tokenizer.pad_id)
    result.valid_loss = mean_loss(model, valid_data, tokenizer.pad_id)
    result.gap = result.valid_loss - result.train_loss
    model.save_pretrained(str(out / "model"), safe_serialization=True)
    tokenizer.tokenizer.save(str(out / "model" / "tokenizer.json"))
    if tokenizer.prompt_format == "near":
        from filedesc.training.retrieval_build import write_rows

        write_rows(tokenizer.neighbours().rows(), out / "model" / NEIGHBOURS_FILE)
    plot_curves(out / "log.jsonl", out / "training_curves.png")
    if not config.lora:
        from filedesc.training.retrieval_build import build_index

        build_index(data_dir / "train.jsonl", out)
    report = {"result": asdict(result), "config": config.to_dict(), "base": str(base) if base else None}
    (out / "train_result.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (out / "model" / "filedesc_train.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
