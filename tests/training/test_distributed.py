"""``torchrun --nproc_per_node 2 -m filedesc train``: two CPU processes (gloo) train one model, rank 0 writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from filedesc.training.distributed import Dist, from_rank0, shard, summed
from tests.training.conftest import tiny_config


def _torchrun(config: dict[str, object], data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    path = out.parent / f"{out.name}-config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "GLOO_SOCKET_IFNAME": os.environ.get("GLOO_SOCKET_IFNAME", "lo")}
    command = [
        *(sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2"),
        *("-m", "filedesc", "train", "--data", str(data), "--out", str(out), "--config", str(path), "--no-progress"),
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _config(max_steps: int) -> dict[str, object]:
    return tiny_config(max_steps=max_steps, eval_every=6, log_every=3).to_dict()


def test_lone_process_helpers_change_nothing() -> None:
    alone = Dist()
    assert not alone.enabled and alone.main
    assert shard([1, 2, 3], alone) == [1, 2, 3]
    assert from_rank0(alone, [1.5]) == [1.5] and summed(alone, [2.0, 3.0]) == [2.0, 3.0]
    assert shard(list(range(7)), Dist(rank=1, world=3)) == [1, 4]


@pytest.mark.slow
def test_two_cpu_processes_train_one_model_and_resume(tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "ddp"
    first = _torchrun(_config(12), tiny_data, out)
    reports = [line for line in first.stdout.splitlines() if line.startswith("{")]
    assert len(reports) == 1  # rank 0 alone reports
    result = json.loads((out / "train_result.json").read_text())["result"]
    assert result["steps"] == 12 and result["processes"] == 2 and result["ranks_agree"] is True
    rows = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    steps = [r["step"] for r in rows if "loss" in r]
    assert steps == [3, 6, 9, 12]  # one writer: each step logged once
    assert [r["step"] for r in rows if "valid_loss" in r] == [6, 12]
    for name in ("model/model.safetensors", "model/tokenizer.json", "checkpoint/optimizer.pt", "best/config.json"):
        assert (out / name).is_file(), name
    _torchrun(_config(18), tiny_data, out, "--resume")
    result = json.loads((out / "train_result.json").read_text())["result"]
    assert result["steps"] == 18 and result["ranks_agree"] is True
    steps = [json.loads(line)["step"] for line in (out / "log.jsonl").read_text().splitlines()]
    assert steps == sorted(steps) and steps[-1] == 18
