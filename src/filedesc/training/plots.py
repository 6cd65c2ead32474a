"""``training_curves.png``: train and validation loss per step, from the run's ``log.jsonl``."""

from __future__ import annotations

import json
from pathlib import Path


def plot_curves(log_path: Path, out: Path) -> None:
    """Draw the curves (Agg backend, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    train: list[tuple[int, float]] = []
    valid: list[tuple[int, float]] = []
    if log_path.is_file():
        for line in log_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "loss" in row:
                train.append((row["step"], row["loss"]))
            if "valid_loss" in row:
                valid.append((row["step"], row["valid_loss"]))
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    if train:
        ax.plot(*zip(*train, strict=True), label="train (mean of last 100 steps)", linewidth=1)
    if valid:
        ax.plot(*zip(*valid, strict=True), label="validation", marker="o", linewidth=1.5)
    ax.set_xlabel("step")
    ax.set_ylabel("cross-entropy per token")
    ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    ax.legend()
    ax.set_title("filedesc training")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
