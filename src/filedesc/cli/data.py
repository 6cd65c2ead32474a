"""``filedesc data build``: build the training dataset (see :mod:`filedesc.training.data.build`)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

LOG = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the ``data`` command and its ``build`` subcommand."""
    parser = subparsers.add_parser(
        "data",
        help="build the training dataset",
        description="Training data: generate, mine and split (name, description) pairs.",
    )
    actions = parser.add_subparsers(dest="data_command", metavar="ACTION")
    build = actions.add_parser(
        "build",
        help="write train/valid/test/test_unseen/corpus_test JSONL, stats.json and DATASET.md",
        description="Build the dataset from the lexicon, the written corpus and mined docstrings/script headers. "
        "Needs the hunspell dictionaries (apt-get install hunspell-fr hunspell-en-us).",
    )
    build.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    build.add_argument("--size", type=int, default=200_000, help="examples in train+valid+test (default 200000)")
    build.add_argument("--seed", type=int, default=0, help="random seed: one seed, one dataset (default 0)")
    build.add_argument(
        "--corpus-weight",
        type=int,
        default=4,
        help="copies of each written-corpus training line (real names weigh more; default 4)",
    )
    build.add_argument(
        "--no-mined",
        dest="mined",
        action="store_false",
        help="leave out the pairs mined from installed packages and Debian scripts",
    )
    build.add_argument(
        "--skip-misspelled",
        action="store_true",
        help="drop generated names whose descriptions are misspelled instead of failing (the "
        "report is still written to OUT/spelling-report.txt)",
    )
    build.set_defaults(func=run)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Build the dataset and log where it went."""
    from filedesc.training.data.build import BuildConfig, build

    result = build(
        BuildConfig(
            out=args.out,
            size=args.size,
            seed=args.seed,
            mined=args.mined,
            corpus_weight=args.corpus_weight,
            skip_misspelled=args.skip_misspelled,
        )
    )
    lines = {name: len(items) for name, items in result.splits.items()}
    LOG.warning("dataset written to %s in %.0f s: %s", args.out, result.seconds, lines)
    return 0
