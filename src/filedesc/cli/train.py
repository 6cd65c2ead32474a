"""``filedesc train``: train a model from scratch, from a local base, or a LoRA adapter."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filedesc.training.config import TrainConfig


def register(subparsers: Any) -> None:
    """Add the ``train`` subcommand."""
    parser = subparsers.add_parser(
        "train",
        help="train a model (needs filedesc[train])",
        description="Train a T5 on a dataset folder made by `filedesc data build` (train.jsonl, valid.jsonl). "
        "From scratch by default; --base PATH starts from any local Hugging Face seq2seq checkpoint (nothing is "
        "downloaded); --lora trains a LoRA adapter on top of --base instead of all weights, and --8bit/--4bit "
        "load that base through bitsandbytes (QLoRA-style). Writes model/, tokenizer.json, log.jsonl, "
        "train_result.json and training_curves.png to --out. Several processes or GPUs: "
        "`torchrun --nproc_per_node N -m filedesc train ...` (DDP; batch_size is per process). "
        "--stage pretrain trains a new T5 on the bilingual corpus of `filedesc data bilingual` instead (translation "
        "both ways and denoising, with a tokenizer that also learns --names-data); the name stage then starts from "
        "it with --base OUT/model.",
    )
    parser.add_argument(
        "--stage",
        choices=("names", "pretrain"),
        default="names",
        help="'names' (default): train on a name dataset; 'pretrain': language before names, on --data = a "
        "bilingual corpus folder (pairs.jsonl)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="dataset folder with train.jsonl and valid.jsonl (--stage pretrain: the `filedesc data bilingual` folder)",
    )
    parser.add_argument(
        "--names-data",
        type=Path,
        default=None,
        help="--stage pretrain: a name dataset folder whose train.jsonl lines are sampled into the tokenizer's "
        "training, so that the name stage can reuse the tokenizer unchanged",
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder (created)")
    parser.add_argument("--config", type=Path, default=None, help="JSON file with TrainConfig fields")
    parser.add_argument("--base", type=Path, default=None, help="local Hugging Face seq2seq model folder to start from")
    parser.add_argument("--lora", action="store_true", help="train a LoRA adapter on --base (peft)")
    quant = parser.add_mutually_exclusive_group()
    quant.add_argument(
        "--8bit",
        dest="quantization",
        action="store_const",
        const="8bit",
        help="load --base in 8-bit through bitsandbytes (with --lora)",
    )
    quant.add_argument(
        "--4bit",
        dest="quantization",
        action="store_const",
        const="4bit",
        help="load --base in 4-bit NF4 through bitsandbytes (with --lora)",
    )
    parser.add_argument("--max-minutes", type=float, default=None, help="stop training after N minutes")
    parser.add_argument("--max-steps", type=int, default=None, help="stop training after N steps")
    parser.add_argument("--batch-size", type=int, default=None, help="examples per step")
    parser.add_argument("--learning-rate", type=float, default=None, help="peak learning rate")
    parser.add_argument("--threads", type=int, default=None, help="torch threads")
    parser.add_argument("--resume", action="store_true", help="continue from --out/checkpoint")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run, quantization=None)


def run(args: argparse.Namespace) -> int:
    """Build the config from file and flags, train, print the result."""
    from dataclasses import asdict

    from filedesc.training.config import TrainConfig
    from filedesc.training.train import train

    data: dict[str, Any] = json.loads(args.config.read_text(encoding="utf-8")) if args.config else {}
    overrides = {
        "lora": True if args.lora else None,
        "quantization": args.quantization,
        "max_minutes": args.max_minutes,
        "max_steps": args.max_steps,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "threads": args.threads,
    }
    data.update({k: v for k, v in overrides.items() if v is not None})
    pretrain_section = data.pop("pretrain", {})
    try:
        config = TrainConfig.from_dict(data)
    except (TypeError, ValueError) as exc:
        print(f"filedesc: error: bad training configuration: {exc}", file=sys.stderr)
        return 2
    if args.stage == "pretrain":
        return _run_pretrain(args, config, pretrain_section)
    if args.names_data is not None:
        print("filedesc: error: --names-data goes with --stage pretrain", file=sys.stderr)
        return 2
    for name in ("train.jsonl", "valid.jsonl"):
        if not (args.data / name).is_file():
            print(
                f"filedesc: error: {args.data / name} is missing: build a dataset with "
                f"`filedesc data build --out {args.data}`",
                file=sys.stderr,
            )
            return 1
    try:
        result = train(config, args.data, args.out, base=args.base, resume=args.resume, progress=not args.no_progress)
    except RuntimeError as exc:
        print(f"filedesc: error: {exc}", file=sys.stderr)
        return 1
    if os.environ.get("RANK", "0") == "0":  # under torchrun, one report (rank 0's), not one per process
        sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
    return 0


def _run_pretrain(args: argparse.Namespace, config: TrainConfig, section: object) -> int:
    """``--stage pretrain``: the bilingual pretraining of ``filedesc.training.pretrain``."""
    from dataclasses import asdict

    from filedesc.training.pretrain import PretrainConfig, pretrain

    if args.base is not None:
        print("filedesc: error: --stage pretrain trains a new model: --base is for the names stage", file=sys.stderr)
        return 2
    try:
        pre = PretrainConfig.from_dict(section if isinstance(section, dict) else {})
    except (TypeError, ValueError) as exc:
        print(f"filedesc: error: bad training configuration: {exc}", file=sys.stderr)
        return 2
    try:
        result = pretrain(config, pre, args.data, args.out, args.names_data, args.resume, not args.no_progress)
    except RuntimeError as exc:
        print(f"filedesc: error: {exc}", file=sys.stderr)
        return 1
    if os.environ.get("RANK", "0") == "0":
        sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
    return 0
