"""Training speed of candidate model shapes on this CPU: examples per second, parameters, loss after N steps.

    python bench/train_speed.py --data DIR [--steps 60] [--batch-size 64]

Prints a table; used to pick the shipped model's shape (see MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from filedesc.training.config import ModelConfig, TrainConfig
from filedesc.training.train import train

SHAPES = {
    "4+2 d256": ModelConfig(d_model=256, num_layers=4, num_decoder_layers=2, num_heads=4, d_kv=64, d_ff=1024),
    "6+2 d256": ModelConfig(d_model=256, num_layers=6, num_decoder_layers=2, num_heads=4, d_kv=64, d_ff=1024),
    "6+3 d320": ModelConfig(d_model=320, num_layers=6, num_decoder_layers=3, num_heads=5, d_kv=64, d_ff=1280),
    "4+4 d256": ModelConfig(d_model=256, num_layers=4, num_decoder_layers=4, num_heads=4, d_kv=64, d_ff=1024),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    print(f"{'shape':<10} {'params':>9} {'ex/s':>7} {'steps/s':>8} {'valid loss':>11}")
    for name in args.shapes.split(","):
        config = TrainConfig(
            model=SHAPES[name],
            batch_size=args.batch_size,
            max_steps=args.steps,
            eval_every=args.steps,
            warmup_steps=20,
            max_eval_examples=256,
            log_every=10,
        )
        with tempfile.TemporaryDirectory() as tmp:
            result = train(config, args.data, Path(tmp), progress=False)
        print(
            f"{name:<10} {result.total_parameters / 1e6:>8.1f}M {result.examples_per_second:>7.0f} "
            f"{result.steps / (result.minutes * 60):>8.2f} {result.valid_loss:>11.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
