"""An adaptation run on the tiny model: refusal, scores move toward the team's wording, the int8 export loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.adapt.mine import MinedPair, mine_repository
from filedesc.training.adapt.pipeline import AdaptConfig, NotEnoughPairsError, adapt

pytestmark = pytest.mark.slow

FAST = AdaptConfig(
    min_pairs=10, epochs=30, max_steps=90, batch_size=16, learning_rate=5e-3, lora_r=8, lora_alpha=16, threads=1
)


def test_too_few_pairs_is_refused_with_the_count_and_minimum(tiny_run: Path, tmp_path: Path) -> None:
    pairs = [MinedPair("a.sh", "en", "Shell script that loads the logs.", "a.sh", "header-comment", "x")] * 3
    with pytest.raises(NotEnoughPairsError, match=r"only 3 .*at least 10"):
        adapt(pairs, tiny_run / "model", tmp_path / "out", FAST, progress=False)
    assert not (tmp_path / "out").exists()


def test_adapt_learns_the_team_wording_and_exports_for_the_int8_backend(
    plain_repo: Path, tiny_run: Path, tiny_data: Path, tmp_path: Path
) -> None:
    from filedesc.service import Describer

    pairs = [p for p in mine_repository(plain_repo).pairs if p.name.endswith(".sh")]
    out = tmp_path / "model"
    report = adapt(pairs, tiny_run / "model", out, FAST, replay=tiny_data / "train.jsonl", progress=False)
    assert report.heldout_pairs >= 4 and report.train_pairs + report.heldout_pairs == len(pairs)
    assert report.after["all"].chrf > report.before["all"].chrf
    assert report.after["all"].rouge_l > report.before["all"].rouge_l
    for folder in ("int8", "int4", "merged", "adapter"):
        assert (out / folder).is_dir(), folder
    saved = json.loads((out / "adapt.json").read_text())
    assert saved["report"]["pairs_mined"] == len(pairs)
    assert len((out / "mined.jsonl").read_text().splitlines()) == len(pairs)
    describer = Describer(model_path=out, cache=False)
    assert describer.backend_name == "onnx-int8"
    text = describer.describe(["extract_users.sh"], "en")[0].description
    assert text.startswith("Shell script that")
