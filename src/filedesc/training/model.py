"""Build a from-scratch T5 from a ``ModelConfig``, or load any local Hugging Face seq2seq checkpoint as a base.

No hub: every load passes ``local_files_only=True`` and never ``trust_remote_code``; weights are safetensors.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from filedesc.errors import ModelFileError
from filedesc.runtime.tokenizer import LANG_TOKENS, PromptTokenizer
from filedesc.training.config import ModelConfig

log = logging.getLogger(__name__)


def new_t5(config: ModelConfig, tokenizer: PromptTokenizer) -> Any:
    """A randomly initialised ``T5ForConditionalGeneration`` shaped by ``config`` for ``tokenizer``."""
    from transformers import T5Config, T5ForConditionalGeneration

    t5_config = T5Config(
        vocab_size=tokenizer.vocab_size,
        d_model=config.d_model,
        d_kv=config.d_kv,
        d_ff=config.d_ff,
        num_layers=config.num_layers,
        num_decoder_layers=config.num_decoder_layers,
        num_heads=config.num_heads,
        relative_attention_num_buckets=config.relative_attention_num_buckets,
        dropout_rate=config.dropout_rate,
        feed_forward_proj=config.feed_forward_proj,
        pad_token_id=tokenizer.pad_id,
        eos_token_id=tokenizer.eos_id,
        decoder_start_token_id=tokenizer.pad_id,
        tie_word_embeddings=True,
    )
    return T5ForConditionalGeneration(t5_config)


def load_base_tokenizer(base: Path, prompt_format: str | None = None) -> PromptTokenizer:
    """The base checkpoint's ``tokenizer.json``, with the language tags added when it lacks them.

    ``prompt_format``: the format the run asks for. A base whose tokenizer has no format marker (``name``
    prompts: any outside checkpoint, or an earlier filedesc model) gets that format's markers as new special
    tokens, so a trained ``name`` model can be taught to post-edit a draft instead of starting from scratch; a base
    already made for another format keeps its own (the caller warns).
    """
    from tokenizers import AddedToken, Tokenizer

    from filedesc.runtime.tokenizer import format_of
    from filedesc.training.tokenizer import FORMAT_MARKERS

    path = base / "tokenizer.json"
    if not path.is_file():
        raise ModelFileError(
            path,
            "missing",
            "A base model needs a fast tokenizer file: save it with "
            "`AutoTokenizer.from_pretrained(base).save_pretrained(base)` (that writes tokenizer.json).",
        )
    tok = Tokenizer.from_file(str(path))
    missing = [t for t in LANG_TOKENS if tok.token_to_id(t) is None]
    if missing:
        tok.add_special_tokens([AddedToken(t, special=True) for t in missing])
    if prompt_format is not None and format_of(tok) == "name":
        markers = FORMAT_MARKERS.get(prompt_format, ())
        tok.add_special_tokens([AddedToken(t, special=True) for t in markers])
    return PromptTokenizer(tok)


def load_base(base: Path, tokenizer: PromptTokenizer, quantization: str = "none") -> Any:
    """Load a local seq2seq checkpoint (optionally 8-bit or 4-bit through bitsandbytes), sized for ``tokenizer``."""
    from transformers import AutoModelForSeq2SeqLM

    if not (base / "config.json").is_file():
        raise ModelFileError(base / "config.json", "missing", "--base must be a Hugging Face model folder")
    kwargs: dict[str, Any] = {"local_files_only": True, "trust_remote_code": False, "use_safetensors": True}
    if quantization != "none":
        kwargs["quantization_config"] = bitsandbytes_config(quantization)
        kwargs["device_map"] = {"": _device()}
    model = AutoModelForSeq2SeqLM.from_pretrained(str(base), **kwargs)
    if model.get_input_embeddings().weight.shape[0] < tokenizer.vocab_size:
        model.resize_token_embeddings(tokenizer.vocab_size)
    return model


def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def bitsandbytes_config(quantization: str) -> Any:
    """A ``BitsAndBytesConfig`` for 8-bit or NF4 4-bit; a clear error where bitsandbytes cannot run."""
    try:
        import bitsandbytes  # noqa: F401
        from transformers import BitsAndBytesConfig
    except Exception as exc:  # ImportError, or a broken native library
        raise RuntimeError(
            f"--{quantization} needs a working bitsandbytes ({exc}). Install it with "
            "`pip install 'bitsandbytes>=0.50'`, or train without --8bit/--4bit (full precision LoRA)."
        ) from exc
    if quantization == "8bit":
        return BitsAndBytesConfig(load_in_8bit=True)
    import torch

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=torch.float32,
    )


def count_parameters(model: Any) -> tuple[int, int]:
    """(trainable, total) parameter counts."""
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return trainable, total
