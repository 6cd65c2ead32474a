"""Training runs on a tiny model: loss falls, LoRA saves/loads/merges exactly, --base and 8-bit work on the CPU."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import encode_pairs, pad_batch, read_pairs
from filedesc.training.train import train
from tests.training.conftest import tiny_config

pytestmark = pytest.mark.slow


def _log_losses(run: Path) -> list[float]:
    rows = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    return [r["loss"] for r in rows if "loss" in r]


def test_from_scratch_loss_falls_and_outputs_are_written(tiny_run: Path) -> None:
    losses = _log_losses(tiny_run)
    assert losses[-1] < losses[0] * 0.6
    for name in (
        "model/model.safetensors",
        "model/config.json",
        "model/tokenizer.json",
        "training_curves.png",
        "train_result.json",
        "checkpoint/optimizer.pt",
    ):
        assert (tiny_run / name).is_file(), name
    result = json.loads((tiny_run / "train_result.json").read_text())
    assert result["config"]["model"]["d_model"] == 64  # the config is embedded
    assert result["result"]["gap"] == pytest.approx(result["result"]["valid_loss"] - result["result"]["train_loss"])


def test_trained_model_describes_through_the_torch_backend(tiny_run: Path) -> None:
    from filedesc.service import Describer

    out = Describer("torch", model_path=tiny_run / "model", cache=False).describe(["extract_logs.sh"], "fr")
    assert out[0].description.startswith("Script shell qui")


def test_resume_continues_from_the_checkpoint(tiny_data: Path, tmp_path: Path) -> None:
    train(tiny_config(max_steps=40, eval_every=20), tiny_data, tmp_path, progress=False)
    result = train(
        tiny_config(max_steps=60, eval_every=20),
        tiny_data,
        tmp_path,
        resume=True,
        progress=False,
    )
    assert result.steps == 60
    steps = [json.loads(line)["step"] for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert steps == sorted(steps) and steps[-1] == 60


def _logits(model: object, tokenizer: PromptTokenizer, data: Path) -> torch.Tensor:
    enc = encode_pairs(read_pairs(data / "valid.jsonl", 8), tokenizer, 48, 48)
    batch = pad_batch(enc.inputs, enc.targets, tokenizer.pad_id)
    with torch.no_grad():
        return model(**batch).logits  # type: ignore[operator,no-any-return]


def test_base_path_and_lora_save_load_merge(tiny_run: Path, tiny_data: Path, tmp_path: Path) -> None:
    from filedesc.training.lora import load_adapter, merge
    from filedesc.training.model import load_base

    config = tiny_config(lora=True, lora_r=4, lora_alpha=8, max_steps=30, eval_every=15, learning_rate=5e-3)
    result = train(config, tiny_data, tmp_path, base=tiny_run / "model", progress=False)
    assert 0 < result.trainable_parameters < result.total_parameters * 0.5
    assert (tmp_path / "adapter" / "adapter_model.safetensors").is_file()
    tokenizer = PromptTokenizer.from_file(tmp_path / "tokenizer.json")
    with_adapter = load_adapter(load_base(tiny_run / "model", tokenizer), tmp_path / "adapter").eval()
    merged_in_memory = merge(load_adapter(load_base(tiny_run / "model", tokenizer), tmp_path / "adapter")).eval()
    saved_merged = load_base(tmp_path / "model", tokenizer).eval()
    a = _logits(with_adapter, tokenizer, tiny_data)
    assert torch.allclose(a, _logits(merged_in_memory, tokenizer, tiny_data), atol=1e-4)
    assert torch.allclose(a, _logits(saved_merged, tokenizer, tiny_data), atol=1e-4)
    base_only = load_base(tiny_run / "model", tokenizer).eval()
    assert not torch.allclose(a, _logits(base_only, tokenizer, tiny_data), atol=1e-4)  # the adapter did something


def test_full_fine_tune_from_base_path(tiny_run: Path, tiny_data: Path, tmp_path: Path) -> None:
    result = train(
        tiny_config(max_steps=20, eval_every=10),
        tiny_data,
        tmp_path,
        base=tiny_run / "model",
        progress=False,
    )
    assert result.steps == 20
    first = json.loads((tiny_run / "train_result.json").read_text())["result"]["valid_loss"]
    assert result.valid_loss < first * 1.5  # started from the trained weights, not from scratch


def test_a_name_model_as_base_learns_the_draft_prompt(tiny_run: Path, tiny_data: Path, tmp_path: Path) -> None:
    """A trained ``name`` model is a base for a ``draft`` run: its tokenizer gains the separator, nothing else moves."""
    from filedesc.prompt import DRAFT_SEPARATOR

    base_tokenizer = PromptTokenizer.from_file(tiny_run / "model" / "tokenizer.json")
    assert base_tokenizer.prompt_format == "name"
    result = train(
        tiny_config(max_steps=10, eval_every=10, prompt_format="draft", max_input_length=96),
        tiny_data,
        tmp_path,
        base=tiny_run / "model",
    )
    assert result.steps == 10
    tokenizer = PromptTokenizer.from_file(tmp_path / "model" / "tokenizer.json")
    assert tokenizer.prompt_format == "draft"
    assert tokenizer.vocab_size == base_tokenizer.vocab_size + 1
    assert tokenizer.tokenizer.token_to_id(DRAFT_SEPARATOR) == base_tokenizer.vocab_size  # old ids unchanged
    config = json.loads((tmp_path / "model" / "config.json").read_text())
    assert config["vocab_size"] >= tokenizer.vocab_size  # the embeddings grew with it
    ids = tokenizer.encode_prompt("extract_logs.sh", "en", 96)
    assert ids.count(tokenizer.tokenizer.token_to_id(DRAFT_SEPARATOR)) == 1


def test_hugging_face_base_with_its_own_tokenizer(tmp_path: Path, tiny_data: Path, tiny_run: Path) -> None:
    """A base saved by transformers (tokenizer.json without our language tags) gets the tags and a resize."""
    from tokenizers import Tokenizer
    from transformers import T5Config, T5ForConditionalGeneration

    tok = Tokenizer.from_file(str(tiny_run / "tokenizer.json"))
    data = json.loads(tok.to_str())
    data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in ("<en>", "<fr>")]
    base = tmp_path / "base"
    base.mkdir()
    # Keep ids 3 and 4 as ordinary vocabulary entries so the vocabulary stays contiguous.
    (base / "tokenizer.json").write_text(json.dumps(data))
    cfg = T5Config(
        vocab_size=tok.get_vocab_size(),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    T5ForConditionalGeneration(cfg).save_pretrained(str(base), safe_serialization=True)
    result = train(
        tiny_config(max_steps=10, eval_every=10),
        tiny_data,
        tmp_path / "out",
        base=base,
        progress=False,
    )
    assert result.steps == 10


def test_eight_bit_lora_on_cpu_loss_falls(tiny_run: Path, tiny_data: Path, tmp_path: Path) -> None:
    pytest.importorskip("bitsandbytes")
    config = tiny_config(
        lora=True,
        quantization="8bit",
        lora_r=8,
        lora_alpha=16,
        max_steps=40,
        eval_every=20,
        learning_rate=1e-2,
        warmup_steps=5,
    )
    try:
        result = train(config, tiny_data, tmp_path, base=tiny_run / "model", progress=False)
    except RuntimeError as exc:  # pragma: no cover - only where bitsandbytes cannot run on this CPU
        pytest.skip(f"bitsandbytes cannot run here: {exc}")
    losses = _log_losses(tmp_path)
    assert losses[-1] < losses[0]
    assert (tmp_path / "adapter" / "adapter_model.safetensors").is_file()
    assert (tmp_path / "model" / "model.safetensors").is_file()  # merged into a full-precision base
    assert result.trainable_parameters < result.total_parameters


def test_config_rejects_bad_values() -> None:
    from filedesc.training.config import ModelConfig, TrainConfig

    with pytest.raises(ValueError, match="num_heads"):
        ModelConfig(d_model=100, num_heads=3, d_kv=32)
    with pytest.raises(ValueError, match="--lora"):
        TrainConfig(quantization="8bit")
    with pytest.raises(ValueError, match="unknown config keys"):
        TrainConfig.from_dict({"learning_rat": 0.1})


def test_horizon_follows_the_recent_speed_not_the_start() -> None:
    from filedesc.training.train import _refit_horizon

    config = tiny_config(max_minutes=10.0, max_steps=100_000)
    # 100 slow steps in the first 200 s, then 1,000 steps in the next 100 s: 10 steps/s lately, 300 s left.
    assert _refit_horizon(config, 1100, 300.0, (100, 200.0), 1000) == 1100 + 3000
    assert _refit_horizon(tiny_config(max_minutes=10.0, max_steps=2000), 1100, 300.0, (100, 200.0), 1000) == 2000
    assert _refit_horizon(config, 1100, 300.0, (1100, 300.0), 1234) == 1234  # nothing measured yet


def test_a_resumed_run_keeps_its_cosine() -> None:
    from filedesc.training.train import _lr_at, _resume_horizon

    config = tiny_config(max_minutes=10.0, max_steps=100_000, warmup_steps=10)
    assert _resume_horizon(config, 0, 0.0) == 100_000  # a fresh run: fitted once it has a speed
    # stopped at step 1,000 after 300 s (3.33 steps/s), 300 s left: the cosine ends near step 2,000, not 100,000
    horizon = _resume_horizon(config, 1000, 300.0)
    assert 1990 <= horizon <= 2010
    assert _lr_at(1000, horizon, config) < 0.6 * config.learning_rate  # half-way down, not back at the peak
    assert _resume_horizon(tiny_config(max_minutes=0.0, max_steps=5000), 1000, 300.0) == 5000
