"""Quality of every backend on every evaluation split, in one table (the model card's numbers).

    python bench/quality.py --data DATA_DIR --model-root ONNX_ROOT --run RUN_DIR [--limit N] [--json OUT]
    python bench/quality.py --data DATA_DIR --splits corpus_test,real-dev --backends rules \
        --extra with=torch:runs/a/model --extra without=torch:runs/b/model    # compare two training runs

Splits: ``test``, ``test_unseen``, ``corpus_test`` of the dataset, and ``../shared/data/real-dev.jsonl`` (real
names, never trained on). Backends: ``rules`` and ``retrieval`` (the baselines), ``onnx-fp32``, ``onnx-int8``,
``onnx-int4``. chrF, ROUGE-L and the share of outputs with a non-word per language, as ``filedesc eval`` computes
them.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from filedesc.training.evaluate import Scores, evaluate_rows, read_eval_file, run_backend, scores_json


def _nonword(scores: Scores | None) -> str:
    return "-" if scores is None or scores.nonword is None else str(scores.nonword)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model-root", type=Path, default=None, help="filedesc export output (int8/, int4/...)")
    parser.add_argument("--run", type=Path, default=None, help="training output (holds retrieval.jsonl.gz)")
    parser.add_argument("--real-dev", type=Path, default=Path(__file__).parents[1] / "../shared/data/real-dev.jsonl")
    parser.add_argument("--limit", type=int, default=2000, help="lines per split (a seeded sample; 0: all)")
    parser.add_argument("--backends", default="rules,retrieval,onnx-fp32,onnx-int8,onnx-int4")
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="LABEL=BACKEND:PATH",
        help="one more row: BACKEND loaded from PATH, shown as LABEL (repeatable)",
    )
    parser.add_argument("--splits", default="test,test_unseen,corpus_test,real-dev")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    wanted = args.splits.split(",")
    splits = {name: args.data / f"{name}.jsonl" for name in ("test", "test_unseen", "corpus_test") if name in wanted}
    if args.real_dev.is_file() and "real-dev" in wanted:
        splits["real-dev"] = args.real_dev
    rows_to_run: list[tuple[str, str, Path | None]] = []
    for backend in filter(None, args.backends.split(",")):
        default = args.model_root if backend.startswith("onnx") else args.run if backend == "retrieval" else None
        rows_to_run.append((backend, backend, default))
    for extra in args.extra:
        label, _, spec = extra.partition("=")
        backend, _, path = spec.partition(":")
        if not (label and backend and path):
            parser.error(f"--extra {extra!r}: expected LABEL=BACKEND:PATH")
        rows_to_run.append((label, backend, Path(path)))
    results: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'split':<12} {'backend':<18} {'chrF en':>8} {'chrF fr':>8} {'ROUGE-L en':>11} {'ROUGE-L fr':>11} "
          f"{'BLEU':>6} {'exact':>6} {'nonword% en':>12} {'nonword% fr':>12}")
    for split, path in splits.items():
        rows = read_eval_file(path)
        if args.limit and len(rows) > args.limit:
            rows = random.Random(0).sample(rows, args.limit)
        for label, backend, model in rows_to_run:
            predictions, _ = run_backend(rows, backend, model)
            scores = evaluate_rows(predictions)
            results[f"{split}/{label}"] = scores_json(scores)
            en, fr, both = scores.get("en"), scores.get("fr"), scores["all"]
            print(f"{split:<12} {label:<18} {en.chrf if en else 0:>8} {fr.chrf if fr else 0:>8} "
                  f"{en.rouge_l if en else 0:>11} {fr.rouge_l if fr else 0:>11} {both.bleu:>6} {both.exact_match:>6} "
                  f"{_nonword(en):>12} {_nonword(fr):>12}",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
