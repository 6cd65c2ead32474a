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
        "--corpus-dir",
        type=Path,
        default=None,
        help="folder of corpus JSONL parts (default: the packaged written corpus)",
    )
    build.add_argument(
        "--corpus-leave-out",
        nargs="+",
        default=[],
        metavar="PART",
        help="corpus parts (file stems, e.g. github-fr-6) left out of train only; valid, test and corpus_test "
        "stay the same, to measure what those parts bring",
    )
    build.add_argument(
        "--no-mined",
        dest="mined",
        action="store_false",
        help="leave out the pairs mined from installed packages and Debian scripts",
    )
    build.add_argument(
        "--canonical-phrasing",
        action="store_true",
        help="generated descriptions take each meaning's first phrasing (the one the rules write) instead of a "
        "random one, so a draft model learns to keep a right draft and to rewrite where real text does (issue 18)",
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
    _register_bilingual(actions)
    parser.set_defaults(func=lambda args: _usage(parser))


def _register_bilingual(actions: Any) -> None:
    """``data bilingual`` (the parallel corpus from Debian) and ``data grow-lexicon`` (the aligned layer)."""
    bilingual = actions.add_parser(
        "bilingual",
        help="build the parallel EN/FR corpus from Debian (apt descriptions, gettext catalogs, FreeDict)",
        description="Fetch and build the parallel EN/FR corpus: OUT/pairs.jsonl, OUT/debian_names.jsonl, "
        "OUT/stats.json. Needs `apt-get update -o Acquire::Languages=fr,en`, the FreeDict dictionaries "
        "(apt-get install dict-freedict-fra-eng dict-freedict-eng-fra) and hunspell-fr/hunspell-en-us; "
        "extra catalogs are fetched with `apt-get download` (never installed).",
    )
    bilingual.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    bilingual.add_argument("--no-fetch", action="store_true",
                           help="read only the installed catalogs (no apt-get download)")
    bilingual.set_defaults(func=run_bilingual)
    grow = actions.add_parser(
        "grow-lexicon",
        help="learn word translations from the bilingual corpus and write the aligned lexicon layer",
        description="Align the corpus written by `filedesc data bilingual` (IBM Model 1, both ways), lemmatise "
        "with hunspell, and write nouns/verbs/adjectives.json of the aligned layer (hand entries win).",
    )
    grow.add_argument("--corpus", type=Path, required=True, help="folder of `filedesc data bilingual`")
    grow.add_argument("--out", type=Path, default=None,
                      help="lexicon folder to write (default: the packaged src/filedesc/lexicon/aligned)")
    grow.add_argument("--iterations", type=int, default=5, help="EM iterations of the aligner (default 5)")
    grow.set_defaults(func=run_grow)
    index = actions.add_parser(
        "index-lexicon",
        help="rewrite the look-up indexes of the aligned and extended layers (after editing either by hand)",
        description="Rewrite src/filedesc/lexicon/aligned/index.json and extended-index.json from the current "
        "files; run-time look-ups read both layers through them.",
    )
    index.set_defaults(func=run_index)


def run_bilingual(args: argparse.Namespace) -> int:
    """Build the corpus and print its counts."""
    from filedesc.training.data.bilingual.corpus import BilingualConfig, build_bilingual
    from filedesc.training.data.exclusions import load_exclusions

    config = BilingualConfig(out=args.out, exclusions=load_exclusions())
    if args.no_fetch:
        config.fetch_packages = ()
    result = build_bilingual(config)
    print(f"{len(result.pairs)} pairs, {len(result.names)} debian_names lines in {args.out}: "
          f"{result.stats['kept_by_source']}")
    return 0


def run_index(args: argparse.Namespace) -> int:
    """Rewrite both indexes of the packaged layers."""
    import json

    from filedesc.training.data.bilingual.pipeline import ALIGNED_DIR, write_layer

    entries = {kind: json.loads((ALIGNED_DIR / f"{kind}.json").read_text(encoding="utf-8"))
               for kind in ("nouns", "verbs", "adjectives")}
    write_layer(ALIGNED_DIR, entries)
    print(f"indexes written in {ALIGNED_DIR}")
    return 0


def run_grow(args: argparse.Namespace) -> int:
    """Grow the aligned layer and print the report's counts."""
    from filedesc.training.data.bilingual.pipeline import ALIGNED_DIR, grow_lexicon

    report = grow_lexicon(args.corpus, args.out or ALIGNED_DIR, iterations=args.iterations)
    print(f"entries {report['entries']}, by provenance {report['by_provenance']}; "
          f"gender agreement with the hand lexicon {report['gender_agreement_with_hand']['agree']}/"
          f"{report['gender_agreement_with_hand']['total']}")
    return 0


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
            corpus_leave_out=tuple(args.corpus_leave_out),
            **({"corpus_dir": args.corpus_dir} if args.corpus_dir is not None else {}),
            skip_misspelled=args.skip_misspelled,
            canonical_phrasing=args.canonical_phrasing,
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
