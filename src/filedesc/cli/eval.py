"""``filedesc eval``: score any backend on a JSONL file of names and reference descriptions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``eval`` subcommand."""
    parser = subparsers.add_parser(
        "eval",
        help="score a backend against reference descriptions (needs filedesc[train])",
        description="Describe every name of a JSONL file ({name, lang, reference}) with a backend and report "
        "BLEU, chrF, ROUGE-L, exact match, mean length and the share of outputs holding a non-word (a word "
        "neither in the hunspell dictionary, the lexicon, the name, the rules' draft nor a file-kind term), per "
        "language and overall.",
    )
    parser.add_argument("--data", type=Path, required=True, help="JSONL file with name, lang and reference")
    parser.add_argument("--backend", default=None, help="backend to evaluate (default: the best available)")
    parser.add_argument("--model", type=Path, default=None, help="model folder for the backend")
    parser.add_argument("--json", action="store_true", help="print one JSON object with every number")
    parser.add_argument("--predictions", type=Path, default=None, help="write every prediction to this JSONL file")
    parser.add_argument("--report", type=Path, default=None, help="write a markdown report with examples")
    parser.add_argument(
        "--run",
        type=Path,
        default=None,
        help="training output folder: add its train/validation losses and their gap to the report",
    )
    parser.add_argument("--limit", type=int, default=0, help="evaluate at most this many lines (0: all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the table (or JSON)."""
    from dataclasses import asdict

    from filedesc.training.evaluate import evaluate_rows, markdown_report, read_eval_file, run_backend, scores_json

    rows = read_eval_file(args.data)
    if args.limit:
        rows = rows[: args.limit]
    results, backend = run_backend(rows, args.backend, args.model)
    scores = evaluate_rows(results)
    extra: dict[str, Any] = {"backend": backend, "data": str(args.data)}
    if args.run:
        result = json.loads((args.run / "train_result.json").read_text(encoding="utf-8"))["result"]
        extra.update({k: result[k] for k in ("train_loss", "valid_loss", "gap", "steps", "minutes")})
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as handle:
            for r in results:
                handle.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
    if args.report:
        args.report.write_text(
            markdown_report(f"Evaluation of {backend} on {args.data.name}", scores, results, extra=extra),
            encoding="utf-8",
        )
    if args.json:
        sys.stdout.write(json.dumps({**extra, "scores": scores_json(scores)}, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("split      n     BLEU   chrF  ROUGE-L  exact  words  nonword%\n")
        for key, s in scores.items():
            nonword = "-" if s.nonword is None else s.nonword
            sys.stdout.write(
                f"{key:<6} {s.n:>5} {s.bleu:>8} {s.chrf:>6} {s.rouge_l:>8} {s.exact_match:>6} {s.mean_words:>6} "
                f"{nonword:>9}\n"
            )
        for k, v in extra.items():
            sys.stdout.write(f"{k}: {v}\n")
    return 0
