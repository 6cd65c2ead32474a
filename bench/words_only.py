"""Word-constrained decoding (issue 18) against plain greedy on the same step graphs: chrF, non-words, latency.

    FILEDESC_DISABLE_PLUGINS='*' python bench/words_only.py --model runs/words-only/export/int8 \
        --data data/dsF --limit 600

Both rows run ``encoder.onnx`` + ``decoder.onnx`` with the Python greedy loop (one thread, one name a call for the
latency column); the only difference is :class:`filedesc.runtime.word_constraint.WordsOnlySeq2Seq`.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

import filedesc.runtime.onnx_seq2seq as onnx_seq2seq
from filedesc.runtime.word_constraint import WordsOnlySeq2Seq
from filedesc.training.evaluate import evaluate_rows, read_eval_file, run_backend

PLAIN = onnx_seq2seq.OnnxSeq2Seq


class StepLoop(onnx_seq2seq.OnnxSeq2Seq):
    """Plain greedy on the step graphs (the same graphs the constrained loop runs)."""

    def __init__(self, folder: Any, threads: int = 1, one_call: bool = True, **kwargs: Any) -> None:
        super().__init__(folder, threads=threads, one_call=False, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, required=True, help="an exported folder with the step graphs")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--real-dev", type=Path, default=Path(__file__).parents[1] / "../shared/data/real-dev.jsonl")
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--latency-names", type=int, default=100)
    args = parser.parse_args()
    from filedesc.service import Describer

    splits = {"real-dev": args.real_dev, "corpus_test": args.data / "corpus_test.jsonl"}
    for split, path in splits.items():
        rows = read_eval_file(path)
        if args.limit and len(rows) > args.limit:
            rows = random.Random(0).sample(rows, args.limit)
        for label, cls in (("greedy", StepLoop), ("words-only", WordsOnlySeq2Seq)):
            setattr(onnx_seq2seq, "OnnxSeq2Seq", cls)  # noqa: B010 (the backend imports the class at load time)
            predictions, _ = run_backend(rows, "onnx-int8", args.model)
            scores = evaluate_rows(predictions)
            en, fr = scores.get("en"), scores.get("fr")
            describer = Describer("onnx-int8", model_path=args.model, cache=False)
            latency = []
            for name, lang, _ref in rows[: args.latency_names]:
                started = time.perf_counter()
                describer.describe([name], lang)
                latency.append(1000 * (time.perf_counter() - started))
            latency.sort()
            timing = (
                f" | ms/name median {latency[len(latency) // 2]:.1f} mean {sum(latency) / len(latency):.1f}"
                if latency
                else ""
            )
            print(
                f"{split:<12} {label:<11} chrF en {en.chrf if en else '-'} fr {fr.chrf if fr else '-'} "
                f"nonword% en {en.nonword if en else '-'} fr {fr.nonword if fr else '-'} "
                f"all {scores['all'].nonword}{timing}",
                flush=True,
            )
            setattr(onnx_seq2seq, "OnnxSeq2Seq", PLAIN)  # noqa: B010


if __name__ == "__main__":
    main()
