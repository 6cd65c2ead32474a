"""``filedesc data build`` and ``filedesc data check-corpus``: build the training dataset, check the written corpus.

See :mod:`filedesc.training.data.build` and :mod:`filedesc.training.data.corpus_check`.
"""

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
        help="copies of each written-corpus training line (real names weigh more; default 4; 0 leaves the "
        "corpus out of train, to measure what it brings)",
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
    check = actions.add_parser(
        "check-corpus",
        help="check the written corpus of real names and print its coverage",
        description="Validate every corpus JSONL file (format, 6-16 words, French spelling, duplicates, "
        "exclusions) and print the coverage figures. Exit status 1 when a line has a problem.",
    )
    check.add_argument("--folder", type=Path, default=None, help="corpus folder (default: the packaged corpus)")
    check.add_argument("--no-spelling", action="store_true", help="skip the French spell-check (faster)")
    check.add_argument("--markdown", action="store_true", help="print the card's coverage tables in Markdown")
    check.set_defaults(func=run_check)
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


def run_check(args: argparse.Namespace) -> int:
    """Print each problem as ``file:line: message``, then the coverage; 1 when there is a problem."""
    from filedesc.training.data import corpus_check
    from filedesc.training.data.exclusions import load_exclusions
    from filedesc.training.data.spelling import SpellChecker

    exclusions = load_exclusions()
    if not exclusions.found:
        LOG.warning("shared data folder not found: exclusions are not checked (set FILEDESC_SHARED_DIR)")
    checker = None if args.no_spelling else SpellChecker()
    report = corpus_check.check_corpus(args.folder or corpus_check.CORPUS_DIR, exclusions, checker)
    for problem in report.problems:
        print(problem)
    if args.markdown:
        print(corpus_check.coverage_markdown(report))
    cov = report.coverage
    langs = ", ".join(f"{k} {v:.1%}" for k, v in cov["name_lang"].items())
    print(f"{cov['files']} files, {cov['lines']} lines, {cov['repositories']} sources, "
          f"{len(cov['extensions'])} extensions; identifiers: {langs}")
    print(f"{len(report.problems)} problem(s)")
    return 1 if report.problems else 0
