"""``filedesc adapt REPO``: mine a repository's own descriptions and adapt the model to them with LoRA."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OUT_SUBDIR = Path(".filedesc") / "model"


def register(subparsers: Any) -> None:
    """Add the ``adapt`` subcommand."""
    parser = subparsers.add_parser(
        "adapt",
        help="adapt the model to a repository's own descriptions (LoRA; needs filedesc[train])",
        description="Mine (file name, description) pairs from REPO (module docstrings, header comments, front "
        "matter, manifest descriptions; files git ignores are skipped), train a LoRA adapter on them mixed with a "
        "replay sample of the original data, print chrF and ROUGE-L on held-out pairs before and after, and export "
        "the adapted model (int8, int4 and merged) to REPO/.filedesc/model. Then: "
        "`filedesc describe --model REPO/.filedesc/model NAME`.",
    )
    parser.add_argument("repo", type=Path, metavar="REPO", help="the repository (or any folder) to learn from")
    parser.add_argument("--base", type=Path, default=None, help="base model/ folder (default: the shipped model)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, default=None, help=f"output folder (default: REPO/{OUT_SUBDIR})")
    where.add_argument("--user", action="store_true", help="write to the user data folder instead of the repo")
    parser.add_argument("--replay", type=Path, default=None, help="JSONL replay data (default: the shipped corpus)")
    quant = parser.add_mutually_exclusive_group()
    quant.add_argument("--8bit", dest="quantization", action="store_const", const="8bit", help="8-bit base")
    quant.add_argument("--4bit", dest="quantization", action="store_const", const="4bit", help="4-bit NF4 base")
    parser.add_argument("--min-pairs", type=int, default=20, help="refuse below this many mined pairs (20)")
    parser.add_argument("--epochs", type=float, default=None, help="passes over the training mix (8)")
    parser.add_argument("--max-steps", type=int, default=None, help="cap on training steps (1500)")
    parser.add_argument("--max-minutes", type=float, default=None, help="stop training after N minutes (10)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads")
    parser.add_argument("--loose", action="store_true", help="keep sentences that share no word with the file name")
    parser.add_argument("--mine-only", action="store_true", help="print the mined pairs as JSON lines and stop")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    parser.set_defaults(func=run, quantization=None)


def output_folder(args: argparse.Namespace) -> Path:
    """Where the adapted model goes: --out, the user data folder (--user), or REPO/.filedesc/model."""
    if args.out is not None:
        return Path(args.out)
    if args.user:
        from platformdirs import user_data_path

        return user_data_path("filedesc") / "models" / Path(args.repo).resolve().name
    return Path(args.repo) / OUT_SUBDIR


def _err(message: str) -> None:
    print(f"filedesc: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Mine, then (unless --mine-only) adapt and print the before/after scores."""
    from filedesc.adapt.mine import mine_repository

    repo: Path = args.repo
    if not repo.is_dir():
        _err(f"error: {repo} is not a folder: pass the repository to learn from")
        return 2
    bar = _bar(args, "mining", "file")
    try:
        result = mine_repository(repo, loose=args.loose, on_progress=lambda done, total: _advance(bar, done, total))
    finally:
        if bar is not None:
            bar.close()
    if args.mine_only:
        for pair in result.pairs:
            sys.stdout.write(json.dumps(pair.to_record(), ensure_ascii=False) + "\n")
        _err(f"{len(result.pairs)} pairs from {result.files_seen} files; skipped: {dict(result.skipped.most_common())}")
        return 0
    _err(f"mined {len(result.pairs)} pairs from {result.files_seen} files")
    return _adapt(args, result.pairs)


def _adapt(args: argparse.Namespace, pairs: list[Any]) -> int:
    from filedesc.runtime.model_folder import shipped_model_dir
    from filedesc.training.adapt.pipeline import AdaptConfig, adapt, score_table

    overrides = {
        "epochs": args.epochs,
        "max_steps": args.max_steps,
        "max_minutes": args.max_minutes,
        "threads": args.threads,
        "quantization": args.quantization,
    }
    try:
        config = AdaptConfig(min_pairs=args.min_pairs, **{k: v for k, v in overrides.items() if v is not None})
    except ValueError as exc:
        _err(f"error: {exc}")
        return 2
    base = args.base or shipped_model_dir("torch")
    out = output_folder(args)
    report = adapt(
        pairs,
        base,
        out,
        config,
        replay=args.replay,
        progress=not args.no_progress,
        on_stage=lambda message: _err(message),
    )
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return 0
    for line in score_table(report):
        sys.stdout.write(line + "\n")
    sys.stdout.write(
        f"\n{report.steps} steps in {report.train_minutes:.1f} min ({report.total_minutes:.1f} min in all). "
        f"Use it: filedesc describe --model {out} NAME\n"
    )
    return 0


def _bar(args: argparse.Namespace, label: str, unit: str) -> Any:
    if args.no_progress:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(desc=label, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False)


def _advance(bar: Any, done: int, total: int) -> None:
    if bar is not None:
        bar.total = total
        bar.n = done
        bar.refresh()
