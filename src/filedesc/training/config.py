"""Typed training configuration: every field documented, checked in ``__post_init__``, embedded in checkpoints.

A config file (``--config FILE``, JSON) holds any subset of the fields; command-line flags override it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from filedesc.prompt import PROMPT_FORMATS


def _help(text: str, **kwargs: Any) -> Any:
    return field(metadata={"help": text}, **kwargs)


@dataclass
class ModelConfig:
    """Shape of a from-scratch T5 (``T5ForConditionalGeneration``)."""

    d_model: int = _help("hidden size", default=256)
    num_layers: int = _help("encoder layers", default=6)
    num_decoder_layers: int = _help("decoder layers (few: each one costs every generated token)", default=2)
    num_heads: int = _help("attention heads", default=4)
    d_kv: int = _help("size of one attention head", default=64)
    d_ff: int = _help("feed-forward size", default=1024)
    dropout_rate: float = _help("dropout", default=0.05)
    vocab_size: int = _help("tokenizer vocabulary size (special tokens included)", default=4096)
    relative_attention_num_buckets: int = _help("T5 relative position buckets", default=32)
    feed_forward_proj: str = _help("'relu' or 'gated-gelu'", default="relu")

    def __post_init__(self) -> None:
        if self.d_model != self.num_heads * self.d_kv:
            raise ValueError("d_model must equal num_heads * d_kv (ONNX Runtime's attention fusion needs it)")
        if min(self.d_model, self.num_layers, self.num_decoder_layers, self.num_heads, self.d_ff) <= 0:
            raise ValueError("model sizes must be positive")
        if not 0.0 <= self.dropout_rate < 1.0:
            raise ValueError("dropout_rate must be in [0, 1)")
        if self.vocab_size < 300:
            raise ValueError("vocab_size must be at least 300 (256 bytes + special tokens + merges)")


@dataclass
class TrainConfig:
    """Everything a training run depends on."""

    model: ModelConfig = field(default_factory=ModelConfig, metadata={"help": "model shape (from scratch)"})
    max_input_length: int = _help("prompt tokens kept (the name is cut beyond)", default=48)
    prompt_format: str = _help(
        "'name' (the name as is), 'words' (its words apart: see filedesc.prompt.words_view) or 'draft' (the words, "
        "then the rules' sentence to post-edit; needs max_input_length >= 64) or 'near' (the draft prompt, then the "
        "nearest real file of the written corpus, name and description; needs max_input_length >= 96); from "
        "scratch only, a base model keeps its tokenizer's format",
        default="name",
    )
    max_target_length: int = _help("description tokens kept", default=48)
    batch_size: int = _help("examples per step", default=64)
    learning_rate: float = _help("peak learning rate (AdamW)", default=1e-3)
    weight_decay: float = _help("AdamW weight decay", default=0.01)
    warmup_steps: int = _help("linear warm-up steps (no warm-up collapsed training in our tests)", default=500)
    max_steps: int = _help("stop after this many steps", default=100_000)
    max_minutes: float = _help("stop after this many minutes of training (0: no limit)", default=0.0)
    max_train_examples: int = _help("use at most this many training examples (0: all)", default=0)
    eval_every: int = _help("steps between validation passes", default=1000)
    max_eval_examples: int = _help("validation examples per pass", default=2000)
    patience: int = _help("stop after this many validation passes without improvement", default=5)
    grad_clip: float = _help("gradient norm clipping", default=1.0)
    log_every: int = _help("steps between log lines", default=50)
    seed: int = _help("random seed", default=1234)
    threads: int = _help("torch intra-op threads (0: torch's default)", default=0)
    lora: bool = _help("train a LoRA adapter on top of the base instead of all weights", default=False)
    lora_r: int = _help("LoRA rank", default=16)
    lora_alpha: int = _help("LoRA alpha", default=32)
    lora_dropout: float = _help("LoRA dropout", default=0.05)
    lora_targets: list[str] = _help(
        "T5 modules given adapters: attention q,k,v,o and feed-forward wi,wo",
        default_factory=lambda: ["q", "k", "v", "o", "wi", "wo"],
    )
    quantization: str = _help("load the base in 'none', '8bit' or '4bit' (NF4) through bitsandbytes", default="none")

    def __post_init__(self) -> None:
        if isinstance(self.model, dict):
            self.model = ModelConfig(**self.model)
        if self.quantization not in ("none", "8bit", "4bit"):
            raise ValueError("quantization must be 'none', '8bit' or '4bit'")
        if self.prompt_format not in PROMPT_FORMATS:
            raise ValueError(f"prompt_format must be one of {', '.join(PROMPT_FORMATS)}")
        if self.prompt_format == "draft" and self.max_input_length < 64:
            raise ValueError("prompt_format 'draft' holds a sentence after the name: set max_input_length >= 64 (96)")
        if self.prompt_format == "near" and self.max_input_length < 96:
            raise ValueError("prompt_format 'near' holds two sentences after the name: set max_input_length >= 96")
        if self.quantization != "none" and not self.lora:
            raise ValueError("8-bit and 4-bit bases can only be trained with LoRA: add --lora")
        if self.batch_size <= 0 or self.max_steps <= 0 or self.eval_every <= 0:
            raise ValueError("batch_size, max_steps and eval_every must be positive")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning_rate must be in (0, 1)")
        if self.max_input_length < 8 or self.max_target_length < 8:
            raise ValueError("max_input_length and max_target_length must be at least 8")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Build from a dict, rejecting unknown keys with their names."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown config keys {unknown}; known keys: {sorted(known)}")
        return cls(**data)

    @classmethod
    def from_file(cls, path: Path) -> TrainConfig:
        """Read a JSON config file."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
