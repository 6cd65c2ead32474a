"""Measure the default-backend candidates on real names and (with ``--write``) record the ship decision.

    python bench/ship_check.py                      # print the table and the decision
    python bench/ship_check.py --write              # also write src/filedesc/models/ship.json

Splits: ``../shared/data/real-dev.jsonl`` (real names, references written after reading each file) and
``corpus_test`` (the written corpus' held-out repositories, the same rule as ``filedesc data build``; or
``--corpus-test FILE``). The decision is :func:`filedesc.plugins.ship.choose_default`: a model is the default only
when it beats ``rules`` in chrF on both splits in both languages and a blind reading of it found invented content in
at most 10 % of its outputs in each language. The reading is a folder of ``bench/judging_sheet.py`` whose reader's
labels are in (``--reading DIR``); ``--read-as LABEL=BACKEND`` says which backend a sheet label is (the shipped
model was read under another name before it shipped). Rerun with ``--write`` whenever the rules, the lexicon or a
shipped model change; ``tests/test_ship_rule.py`` checks that the record is consistent.

    python bench/ship_check.py --write --reading docs/judging-2026-12-s9 --read-as shipped=onnx-int8
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from filedesc.plugins.ship import BASELINE, MAX_INVENTED, choose_default, ship_record_path
from filedesc.training.data.corpus_check import check_corpus
from filedesc.training.data.exclusions import load_exclusions, repository_of
from filedesc.training.data.split import held_out_repositories
from filedesc.training.evaluate import evaluate_rows, read_eval_file, run_backend

ROOT = Path(__file__).resolve().parents[1]


def corpus_test_rows() -> list[tuple[str, str, str]]:
    """``corpus_test`` as ``filedesc data build`` makes it, read straight from the written corpus."""
    report = check_corpus(exclusions=load_exclusions())
    held_out = held_out_repositories(report.examples)
    return [(e.name, e.lang, e.description) for e in report.examples if repository_of(e.source) in held_out]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real-dev", type=Path, default=ROOT.parent / "shared/data/real-dev.jsonl")
    parser.add_argument("--corpus-test", type=Path, default=None, help="a corpus_test.jsonl (default: computed)")
    parser.add_argument("--candidates", default="onnx-int8,onnx-int4,torch")
    parser.add_argument("--write", action="store_true", help=f"write {ship_record_path()}")
    parser.add_argument("--reading", type=Path, default=None, help="a judging_sheet.py folder with labels.jsonl")
    parser.add_argument(
        "--read-as", action="append", default=[], metavar="LABEL=BACKEND", help="a sheet label is this backend"
    )
    args = parser.parse_args()
    if not args.real_dev.is_file():
        parser.error(f"{args.real_dev}: not found; pass --real-dev PATH (the shared real-dev.jsonl)")
    splits = {
        "real-dev": read_eval_file(args.real_dev),
        "corpus_test": read_eval_file(args.corpus_test) if args.corpus_test else corpus_test_rows(),
    }
    backends = [BASELINE, *filter(None, args.candidates.split(","))]
    chrf: dict[str, dict[str, dict[str, float]]] = {}
    rouge: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'split':<12} {'backend':<10} {'n':>5} {'chrF en':>8} {'chrF fr':>8} {'ROUGE-L en':>11} {'ROUGE-L fr':>11}")
    for split, rows in splits.items():
        for backend in backends:
            predictions, _ = run_backend(rows, backend, None)
            scores = evaluate_rows(predictions)
            chrf.setdefault(split, {})[backend] = {lang: scores[lang].chrf for lang in ("en", "fr")}
            rouge.setdefault(split, {})[backend] = {lang: scores[lang].rouge_l for lang in ("en", "fr")}
            print(f"{split:<12} {backend:<10} {len(rows):>5} {scores['en'].chrf:>8} {scores['fr'].chrf:>8} "
                  f"{scores['en'].rouge_l:>11} {scores['fr'].rouge_l:>11}", flush=True)
    invented: dict[str, dict[str, float]] = {}
    if args.reading is not None:
        from judging_sheet import invented_shares  # bench/ is this script's folder

        renames = dict(item.partition("=")[::2] for item in args.read_as)
        for label, langs in invented_shares(args.reading).items():
            backend = renames.get(label, label)
            if backend in backends:
                invented[backend] = langs
        print(f"invented content read in {args.reading} (%): {json.dumps(invented)}")
    default = choose_default(chrf, invented)
    print(f"default by the ship rule: {default}")
    if args.write:
        record = {
            "default": default,
            "rule": "a model is the default only when it beats rules in chrF on every split in both languages and "
            f"a blind reading found invented content in at most {MAX_INVENTED:g} % of its outputs in each language",
            "measured": datetime.date.today().isoformat(),
            "rows": {split: len(rows) for split, rows in splits.items()},
            "command": " ".join(["python bench/ship_check.py", *sys.argv[1:]]),  # the reading's options included
            "chrf": chrf,
            "rouge_l": rouge,
            "invented": invented,
            "reading": str(args.reading) if args.reading else None,
        }
        ship_record_path().write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {ship_record_path()}")


if __name__ == "__main__":
    main()
