"""Quality of every backend on every evaluation split, in one table (the model card's numbers).

    python bench/quality.py --data DATA_DIR --model-root ONNX_ROOT --run RUN_DIR [--limit N] [--json OUT]

Splits: ``test``, ``test_unseen``, ``corpus_test`` of the dataset, and ``../shared/data/real-dev.jsonl`` (real
names, never trained on). Backends: ``rules`` and ``retrieval`` (the baselines), ``onnx-fp32``, ``onnx-int8``,
``onnx-int4``. chrF and ROUGE-L per language, as ``filedesc eval`` computes them.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from filedesc.training.evaluate import evaluate_rows, read_eval_file, run_backend, scores_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model-root", type=Path, required=True, help="filedesc export output (int8/, int4/...)")
    parser.add_argument("--run", type=Path, required=True, help="training output (holds retrieval.jsonl.gz)")
    parser.add_argument("--real-dev", type=Path, default=Path(__file__).parents[1] / "../shared/data/real-dev.jsonl")
    parser.add_argument("--limit", type=int, default=2000, help="lines per split (a seeded sample; 0: all)")
    parser.add_argument("--backends", default="rules,retrieval,onnx-fp32,onnx-int8,onnx-int4")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    splits = {name: args.data / f"{name}.jsonl" for name in ("test", "test_unseen", "corpus_test")}
    if args.real_dev.is_file():
        splits["real-dev"] = args.real_dev
    models = {"retrieval": args.run}
    results: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'split':<12} {'backend':<10} {'chrF en':>8} {'chrF fr':>8} {'ROUGE-L en':>11} {'ROUGE-L fr':>11} "
          f"{'BLEU':>6} {'exact':>6}")
    for split, path in splits.items():
        rows = read_eval_file(path)
        if args.limit and len(rows) > args.limit:
            rows = random.Random(0).sample(rows, args.limit)
        for backend in args.backends.split(","):
            model = models.get(backend, args.model_root if backend.startswith("onnx") else None)
            predictions, _ = run_backend(rows, backend, model)
            scores = evaluate_rows(predictions)
            results[f"{split}/{backend}"] = scores_json(scores)
            en, fr, both = scores.get("en"), scores.get("fr"), scores["all"]
            print(f"{split:<12} {backend:<10} {en.chrf if en else 0:>8} {fr.chrf if fr else 0:>8} "
                  f"{en.rouge_l if en else 0:>11} {fr.rouge_l if fr else 0:>11} {both.bleu:>6} {both.exact_match:>6}",
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
