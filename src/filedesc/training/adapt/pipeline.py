"""One adaptation run: dataset, scores before, LoRA training, scores after, export for the backends.

    filedesc adapt REPO [--base RUN/model] [--out DIR | --user] [--replay FILE] [--8bit | --4bit]

Output folder (the ``modelPath`` the backends load; ``filedesc describe --model OUT``):

- ``int8/``, ``int4/``: ONNX folders for ``onnx-int8`` (picked by default) and ``onnx-int4``;
- ``merged/``: the base with the adapter folded in, for the ``torch`` backend (``--model OUT/merged``);
- ``adapter/``: the LoRA adapter alone (a few hundred KB), to re-apply on the same base;
- ``adapt.json``: the report (pairs, steps, minutes, before/after scores, configuration, base path);
- ``mined.jsonl``: the pairs mined, with the file each came from, so a team can review what it taught.

The folder is written beside the old one and swapped in at the end: a failed run leaves the previous model.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filedesc.adapt.mine import MinedPair, write_pairs
from filedesc.errors import FiledescError
from filedesc.training.adapt.dataset import AdaptData, build, write_dataset
from filedesc.training.adapt.estimate import estimated_minutes, measure
from filedesc.training.config import TrainConfig
from filedesc.training.evaluate import Scores, evaluate_rows, run_backend
from filedesc.training.examples import Pair

log = logging.getLogger(__name__)

QUANTS = ["int8", "int4"]


class NotEnoughPairsError(FiledescError):
    """Too few pairs were mined to adapt anything (the message gives the count and the minimum)."""


@dataclass
class AdaptConfig:
    """How an adaptation run trains; every field has a default that suits a repository of a few thousand files."""

    min_pairs: int = field(default=20, metadata={"help": "refuse with fewer mined pairs"})
    heldout_fraction: float = field(default=0.2, metadata={"help": "share of mined pairs kept for evaluation"})
    replay_ratio: float = field(default=1.0, metadata={"help": "replay pairs per mined training pair"})
    epochs: float = field(default=8.0, metadata={"help": "passes over the training mix"})
    max_steps: int = field(default=1500, metadata={"help": "cap on optimizer steps"})
    max_minutes: float = field(default=10.0, metadata={"help": "stop training after this many minutes"})
    batch_size: int = field(default=32, metadata={"help": "examples per step"})
    learning_rate: float = field(default=2e-3, metadata={"help": "peak learning rate (LoRA takes a high one)"})
    lora_r: int = field(default=16, metadata={"help": "LoRA rank"})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA alpha"})
    quantization: str = field(default="none", metadata={"help": "'none', '8bit' or '4bit' base (bitsandbytes)"})
    threads: int = field(default=0, metadata={"help": "torch threads (0: torch's default)"})
    seed: int = field(default=1234, metadata={"help": "random seed"})

    def __post_init__(self) -> None:
        if self.min_pairs < 2:
            raise ValueError("min_pairs must be at least 2 (one to train on, one to evaluate)")
        if not 0 < self.heldout_fraction < 1:
            raise ValueError("heldout_fraction must be in (0, 1)")
        if self.replay_ratio < 0 or self.epochs <= 0 or self.max_steps <= 0 or self.batch_size <= 0:
            raise ValueError("replay_ratio must be >= 0; epochs, max_steps and batch_size positive")

    def train_config(self, train_size: int) -> TrainConfig:
        """The trainer's configuration for a training mix of ``train_size`` pairs."""
        steps = min(self.max_steps, max(20, math.ceil(self.epochs * train_size / self.batch_size)))
        return TrainConfig(
            lora=True,
            lora_r=self.lora_r,
            lora_alpha=self.lora_alpha,
            quantization=self.quantization,
            batch_size=self.batch_size,
            learning_rate=self.learning_rate,
            warmup_steps=max(5, steps // 10),
            max_steps=steps,
            max_minutes=self.max_minutes,
            eval_every=max(10, steps // 5),
            patience=100,
            log_every=max(1, min(50, steps // 20)),
            threads=self.threads,
            seed=self.seed,
        )


@dataclass
class AdaptReport:
    """What a run measured (also written to ``adapt.json``)."""

    pairs_mined: int
    train_pairs: int
    heldout_pairs: int
    replay_pairs: int
    steps: int
    train_minutes: float
    estimated_minutes: float
    total_minutes: float
    before: dict[str, Scores]
    after: dict[str, Scores]
    replay_before: dict[str, Scores]
    replay_after: dict[str, Scores]
    out: str
    base: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self)


StageCallback = Callable[[str], None]


def _score(pairs: list[Pair], model: Path) -> dict[str, Scores]:
    """Scores of the torch model in ``model`` on ``pairs`` (no cache: the numbers must be the model's)."""
    if not pairs:
        return {}
    rows, _ = run_backend([(p.name, p.lang, p.description) for p in pairs], "torch", model)
    return evaluate_rows(rows)


def check_base(base: Path) -> None:
    """Fail early, naming the fix, when ``base`` is not a training output ``model/`` folder."""
    missing = [n for n in ("config.json", "model.safetensors", "tokenizer.json") if not (base / n).is_file()]
    if missing:
        raise FiledescError(
            f"{base} is not a model folder ({', '.join(missing)} missing): pass --base RUN/model, the model/ "
            "folder a `filedesc train` run wrote"
        )


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` (the old folder is removed only once the new one is complete)."""
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def adapt(
    mined: list[MinedPair],
    base: Path,
    out: Path,
    config: AdaptConfig | None = None,
    *,
    replay: Path | None = None,
    progress: bool = True,
    on_stage: StageCallback | None = None,
    work_dir: Path | None = None,
) -> AdaptReport:
    """Adapt ``base`` to ``mined`` pairs and export to ``out``; see the module docstring for the folder.

    Raises:
        NotEnoughPairsError: fewer than ``config.min_pairs`` pairs.
        FiledescError: the base folder is not a model folder.
    """
    from filedesc.training.export import export_model
    from filedesc.training.train import train

    config = config or AdaptConfig()
    stage = on_stage or (lambda message: log.info("%s", message))
    if len(mined) < config.min_pairs:
        raise NotEnoughPairsError(
            f"only {len(mined)} (name, description) pairs were found, and adapting needs at least "
            f"{config.min_pairs}: add module docstrings or header comments, or lower --min-pairs"
        )
    check_base(base)
    started = time.monotonic()
    data: AdaptData = build(mined, replay, config.heldout_fraction, config.replay_ratio, config.seed)
    train_config = config.train_config(len(data.train_mined) + len(data.replay_train))
    stage(
        f"{len(data.train_mined)} mined pairs to train on, {len(data.heldout)} held out, "
        f"{len(data.replay_train)} replay pairs"
    )
    with tempfile.TemporaryDirectory(prefix="filedesc-adapt-") as tmp:
        work = work_dir or Path(tmp)
        write_dataset(data, work / "data", config.seed)
        stage("scoring the base model on the held-out pairs")
        before, replay_before = _score(data.heldout, base), _score(data.replay_eval, base)
        step_seconds, eval_seconds = measure(
            train_config, base, work / "data" / "train.jsonl", work / "data" / "valid.jsonl"
        )
        expected = estimated_minutes(train_config, step_seconds, eval_seconds)
        stage(
            f"training a LoRA adapter: {train_config.max_steps} steps of {step_seconds:.2f} s, about "
            f"{_duration(expected)} (at most {config.max_minutes:g} min; the bar shows the time left)"
        )
        result = train(train_config, work / "data", work / "run", base=base, progress=progress)
        model = work / "run" / "model"
        stage("scoring the adapted model")
        after, replay_after = _score(data.heldout, model), _score(data.replay_eval, model)
        stage(f"exporting to {out} (merged, {', '.join(QUANTS)})")
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = out.with_name(out.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        export_model(model, staging, QUANTS)
        shutil.copytree(model, staging / "merged")
        if (work / "run" / "adapter").is_dir():
            shutil.copytree(work / "run" / "adapter", staging / "adapter")
        write_pairs(mined, staging / "mined.jsonl")
        report = AdaptReport(
            pairs_mined=len(mined),
            train_pairs=len(data.train_mined),
            heldout_pairs=len(data.heldout),
            replay_pairs=len(data.replay_train),
            steps=result.steps,
            train_minutes=round(result.minutes, 2),
            estimated_minutes=round(expected, 2),
            total_minutes=round((time.monotonic() - started) / 60, 2),
            before=before,
            after=after,
            replay_before=replay_before,
            replay_after=replay_after,
            out=str(out),
            base=str(base),
        )
        body = {"report": report.to_dict(), "config": asdict(config), "train_config": train_config.to_dict()}
        (staging / "adapt.json").write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
        _swap_in(staging, out)
    return report


def _duration(minutes: float) -> str:
    return f"{minutes * 60:.0f} s" if minutes < 1 else f"{minutes:.1f} min"


def score_table(report: AdaptReport) -> list[str]:
    """Before/after lines for the terminal: chrF and ROUGE-L per language, held-out mined pairs and replay."""
    lines = [
        "| pairs | lang | n | chrF base | chrF adapted | ROUGE-L base | ROUGE-L adapted |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, before, after in (
        ("held-out mined", report.before, report.after),
        ("replay (forgetting)", report.replay_before, report.replay_after),
    ):
        for lang, b in before.items():
            a = after[lang]
            lines.append(f"| {label} | {lang} | {b.n} | {b.chrf} | {a.chrf} | {b.rouge_l} | {a.rouge_l} |")
    return lines
