"""Quality of the ``rules`` backend on real names: chrF, ROUGE-L and the share of answers that give up.

    python bench/rules_quality.py [--data data/ds] [--real-dev ../shared/data/real-dev.jsonl] [--backend rules]
        [--predictions OUT.jsonl] [--json OUT.json]

A "give-up" is the honest generic sentence the backend falls back to when it understands too little of a name
("Python module named 'foo_bar'." / "Module Python nommé « foo_bar »."): true, but it says nothing the name does
not. The splits are ``real-dev`` (80 lines, 40 real names in both languages, evaluation only) and the dataset's
``corpus_test`` (real names from the written corpus); both are scored in full, per language, with the metrics of
``filedesc eval``. ``--predictions`` writes every (split, name, lang, reference, prediction) for reading.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from pathlib import Path

from filedesc.training.evaluate import evaluate_rows, read_eval_file, run_backend

ROOT = Path(__file__).resolve().parents[1]
#: The generic sentences, in both languages (the quoted name is the give-away).
GIVE_UP = re.compile(r"\bnamed '[^']*'\.$|\bnommée? « [^»]* »\.$")


def give_up_share(predictions: list[str]) -> float:
    """Percentage of predictions that are the generic "named 'X'" sentence."""
    return 100 * sum(bool(GIVE_UP.search(p)) for p in predictions) / len(predictions) if predictions else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "ds", help="dataset folder with corpus_test.jsonl")
    parser.add_argument("--real-dev", type=Path, default=ROOT.parent / "shared" / "data" / "real-dev.jsonl")
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--predictions", type=Path, default=None, help="write every prediction here (JSON lines)")
    parser.add_argument("--json", type=Path, default=None, help="write the table here as JSON")
    parser.add_argument("--hand-lexicon", action="store_true",
                        help="the hand-written lexicon only, without the aligned layer (for before/after tables)")
    args = parser.parse_args()
    if args.hand_lexicon:
        import filedesc.lexicon

        hand_only = functools.partial(filedesc.lexicon.load_lexicon, aligned=False)
        filedesc.lexicon.load_lexicon = hand_only  # type: ignore[assignment]  # the rules backend looks it up late
    splits = {"real-dev": args.real_dev, "corpus_test": args.data / "corpus_test.jsonl"}
    missing = [str(p) for p in splits.values() if not p.is_file()]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: build the dataset with `filedesc data build --out {args.data}`")
    table: dict[str, dict[str, dict[str, float]]] = {}
    dump: list[dict[str, str]] = []
    print(f"{'split':<12} {'lang':<4} {'n':>5} {'chrF':>7} {'ROUGE-L':>8} {'give-up %':>10}")
    for split, path in splits.items():
        rows, _ = run_backend(read_eval_file(path), args.backend, None)
        scores = evaluate_rows(rows)
        for lang in ("en", "fr"):
            preds = [r.prediction for r in rows if r.lang == lang]
            s = scores[lang]
            share = round(give_up_share(preds), 1)
            table.setdefault(split, {})[lang] = {"n": s.n, "chrf": s.chrf, "rouge_l": s.rouge_l, "give_up": share}
            print(f"{split:<12} {lang:<4} {s.n:>5} {s.chrf:>7} {s.rouge_l:>8} {share:>10}", flush=True)
        dump += [{"split": split, "name": r.name, "lang": r.lang, "reference": r.reference,
                  "prediction": r.prediction} for r in rows]
    if args.predictions:
        args.predictions.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dump), "utf-8")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
