"""LoRA training steps on a base model: full precision vs 8-bit vs 4-bit (NF4) bases through bitsandbytes.

    python bench/lora_speed.py --base RUN/model --data DATA_DIR [--steps 30] [--batch-size 32]

Each variant runs in its own process; prints seconds per step, examples per second, peak RSS, trainable
parameters and the loss before/after the steps.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from latency import peak_rss_mb  # the sibling benchmark's VmHWM reader (bench/ is on sys.path when run)


def child(base: Path, data: Path, quant: str, steps: int, batch_size: int) -> dict[str, float]:
    """Run ``steps`` LoRA steps with the base loaded as ``quant``."""
    import torch

    from filedesc.training.config import TrainConfig
    from filedesc.training.examples import encode_pairs, pad_batch, read_pairs
    from filedesc.training.lora import add_lora
    from filedesc.training.model import count_parameters, load_base, load_base_tokenizer

    torch.manual_seed(0)
    config = TrainConfig(lora=True, quantization=quant, batch_size=batch_size)
    tokenizer = load_base_tokenizer(base)
    model = add_lora(load_base(base, tokenizer, quant), config)
    trainable, total = count_parameters(model)
    pairs = read_pairs(data / "train.jsonl", steps * batch_size)
    enc = encode_pairs(pairs, tokenizer, 48, 48)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=5e-4)
    losses: list[float] = []
    model.train()
    started = time.perf_counter()
    for step in range(steps):
        lo, hi = step * batch_size, (step + 1) * batch_size
        batch = pad_batch(enc.inputs[lo:hi], enc.targets[lo:hi], tokenizer.pad_id)
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
    seconds = time.perf_counter() - started
    return {
        "s_per_step": seconds / steps,
        "examples_per_s": steps * batch_size / seconds,
        "peak_rss_mb": peak_rss_mb(),
        "trainable": trainable,
        "total": total,
        "loss_first": losses[0],
        "loss_last": sum(losses[-5:]) / len(losses[-5:]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.base, args.data, args.child, args.steps, args.batch_size)))
        return
    print(
        f"LoRA r=16 on q,k,v,o,wi,wo; batch {args.batch_size}; {args.steps} steps; torch threads "
        f"{os.environ.get('OMP_NUM_THREADS', 'default')}"
    )
    print(f"{'base':<6} {'s/step':>7} {'ex/s':>6} {'peak RSS MB':>12} {'trainable':>10} {'loss first->last':>17}")
    for quant in ("none", "8bit", "4bit"):
        cmd = [
            sys.executable,
            __file__,
            "--base",
            str(args.base),
            "--data",
            str(args.data),
            "--steps",
            str(args.steps),
            "--batch-size",
            str(args.batch_size),
            "--child",
            quant,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
        if proc.returncode != 0:
            print(f"{quant:<6} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else '?'}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        label = "fp32" if quant == "none" else quant
        print(
            f"{label:<6} {r['s_per_step']:>7.3f} {r['examples_per_s']:>6.0f} {r['peak_rss_mb']:>12.0f} "
            f"{int(r['trainable']):>10} {r['loss_first']:>8.3f}->{r['loss_last']:.3f}"
        )


if __name__ == "__main__":
    main()
