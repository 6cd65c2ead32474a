"""Tiny data and a tiny model, made once per test session: training tests run in seconds on a CPU."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from filedesc.training.config import ModelConfig, TrainConfig

VERBS = [
    ("extract", "extracts", "extrait"),
    ("load", "loads", "charge"),
    ("parse", "parses", "analyse"),
    ("send", "sends", "envoie"),
    ("build", "builds", "construit"),
    ("check", "checks", "vérifie"),
]
NOUNS = [
    ("event", "events", "les événements"),
    ("log", "logs", "les logs"),
    ("user", "users", "les utilisateurs"),
    ("file", "files", "les fichiers"),
    ("report", "reports", "les rapports"),
]


def make_rows(n: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        v, o = rng.choice(VERBS), rng.choice(NOUNS)
        name = rng.choice([f"{v[0]}_{o[1]}.sh", f"{v[0]}{o[1].capitalize()}.sh"])
        rows.append({"name": name, "lang": "en", "description": f"Shell script that {v[1]} the {o[1]}.", "source": "t"})
        rows.append({"name": name, "lang": "fr", "description": f"Script shell qui {v[2]} {o[2]}.", "source": "t"})
    return rows


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-data")
    write_jsonl(folder / "train.jsonl", make_rows(300, 1))
    write_jsonl(folder / "valid.jsonl", make_rows(30, 2))
    write_jsonl(folder / "test.jsonl", make_rows(30, 3))
    return folder


def tiny_config(**kwargs: object) -> TrainConfig:

    model = ModelConfig(
        d_model=64, num_heads=2, d_kv=32, d_ff=128, num_layers=2, num_decoder_layers=1, vocab_size=400, dropout_rate=0.0
    )
    base = {
        "model": model,
        "batch_size": 16,
        "warmup_steps": 10,
        "max_steps": 80,
        "eval_every": 40,
        "learning_rate": 3e-3,
        "log_every": 10,
        "threads": 1,
    }
    base.update(kwargs)
    return TrainConfig(**base)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tiny_run(tiny_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A from-scratch tiny model trained for 80 steps (about 5 s)."""
    from filedesc.training.train import train

    out = tmp_path_factory.mktemp("tiny-run")
    train(tiny_config(), tiny_data, out, progress=False)
    return out


@pytest.fixture(scope="session")
def tiny_export(tiny_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model exported to fp32, int8 and int4 ONNX folders."""
    from filedesc.training.export import export_model

    out = tmp_path_factory.mktemp("export")
    export_model(tiny_run / "model", out, ["fp32", "int8", "int4"])
    return out
