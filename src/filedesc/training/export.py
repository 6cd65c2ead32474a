"""Export a trained model to ONNX folders (fp32, int8, int4) that the ONNX backends load.

Encoder (+ first step) and decoder-step graphs, then a one-call generation graph over them, then quantized copies.

    filedesc export --model RUN/model --out DIR [--quant fp32,int8,int4]

Why our own ``torch.onnx`` wrappers rather than optimum's exporter: the ``BeamSearch`` operator, which runs the
whole greedy loop inside one ONNX Runtime call (our main latency lever: Python-side loops pay per-operator dispatch
on every token), needs T5 subgraphs with its own names, int32 inputs and cache order; optimum's files do not have
them and onnxruntime's T5 helpers break on current transformers. The wrappers (``onnx_graphs``) are checked token
for token against ``transformers``' ``generate``.

Each output folder holds ``generation.onnx`` (the one-call model), ``encoder.onnx`` and ``decoder.onnx`` (for the
step-by-step loop, beam search and debugging), ``tokenizer.json`` and ``config.json``.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import torch

from filedesc.errors import ModelFileError
from filedesc.runtime.onnx_seq2seq import CONFIG_VERSION, GENERATION_FILE, NO_REPEAT_NGRAM_SIZE
from filedesc.runtime.retrieval_index import NEIGHBOURS_FILE
from filedesc.runtime.tokenizer import NEAR_FIX, PromptTokenizer
from filedesc.training.onnx_graphs import MAX_DECODER_POSITIONS, DecoderStep, EncoderDecoderInit, cache_names

log = logging.getLogger(__name__)

OPSET = 20
MAX_INPUT_LENGTH = 48
MAX_OUTPUT_LENGTH = 48


def load_trained(model_dir: Path) -> tuple[Any, PromptTokenizer]:
    """A training output (``model/`` folder: safetensors, config.json, tokenizer.json) in eval mode."""
    from transformers import T5ForConditionalGeneration

    for name in ("config.json", "model.safetensors", "tokenizer.json"):
        if not (model_dir / name).is_file():
            raise ModelFileError(model_dir / name, "missing", "Pass the `model/` folder written by `filedesc train`.")
    model = T5ForConditionalGeneration.from_pretrained(str(model_dir), local_files_only=True, use_safetensors=True)
    return model.float().eval(), PromptTokenizer.from_file(model_dir / "tokenizer.json")


def _export(
    module: torch.nn.Module,
    args: tuple[torch.Tensor, ...],
    path: Path,
    inputs: list[str],
    outputs: list[str],
    axes: dict[str, dict[int, str]],
) -> None:
    with torch.no_grad():
        torch.onnx.export(
            module,
            args,
            str(path),
            input_names=inputs,
            output_names=outputs,
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def export_subgraphs(
    model: Any, out: Path, fused: bool = True, max_input_length: int = MAX_INPUT_LENGTH
) -> tuple[Path, Path]:
    """Write ``encoder.onnx`` and ``decoder.onnx`` (fp32) to ``out``.

    With ``fused`` (the default) both graphs are built from ONNX Runtime's fused operators (``fused_graphs``:
    33 nodes a decoder step for 2 layers instead of 114; the latency lever at one name), and the encoder takes
    prompts of at most ``max_input_length`` tokens. Without, they are ``torch.onnx``'s export of
    ``onnx_graphs`` (same arithmetic, ~4x the nodes), kept as the reference and for activations the fused form lacks.
    """
    if fused:
        import onnx

        from filedesc.training.fused_graphs import build_decoder_step, build_encoder_init

        out.mkdir(parents=True, exist_ok=True)
        encoder_path, decoder_path = out / "encoder.onnx", out / "decoder.onnx"
        onnx.save(build_encoder_init(model, max_input_length), str(encoder_path))
        onnx.save(build_decoder_step(model, MAX_DECODER_POSITIONS), str(decoder_path))
        return encoder_path, decoder_path
    out.mkdir(parents=True, exist_ok=True)
    n = len(model.decoder.block)
    ids = torch.tensor([[5, 6, 7, 1], [8, 9, 1, 0]], dtype=torch.int32)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=torch.int32)
    start = torch.zeros((2, 1), dtype=torch.int32)
    self_out, cross_out = cache_names(n, "present")
    self_in, cross_in = cache_names(n, "past")
    batch, enc_len, past_len = "batch_size", "encode_sequence_length", "past_decode_sequence_length"
    enc_axes: dict[str, dict[int, str]] = {
        "encoder_input_ids": {0: batch, 1: enc_len},
        "encoder_attention_mask": {0: batch, 1: enc_len},
        "decoder_input_ids": {0: batch},
        "logits": {0: batch},
        "encoder_hidden_states": {0: batch, 1: enc_len},
        **{name: {0: batch} for name in self_out},
        **{name: {0: batch, 2: enc_len} for name in cross_out},
    }
    encoder_path = out / "encoder.onnx"
    _export(
        EncoderDecoderInit(model),
        (ids, mask, start),
        encoder_path,
        ["encoder_input_ids", "encoder_attention_mask", "decoder_input_ids"],
        ["logits", "encoder_hidden_states", *self_out, *cross_out],
        enc_axes,
    )
    with torch.no_grad():
        first = EncoderDecoderInit(model)(ids, mask, start)
    past = first[2:]
    dec_axes: dict[str, dict[int, str]] = {
        "input_ids": {0: batch},
        "encoder_attention_mask": {0: batch, 1: enc_len},
        "logits": {0: batch},
        **{name: {0: batch, 2: past_len} for name in self_in},
        **{name: {0: batch, 2: enc_len} for name in cross_in},
        **{name: {0: batch, 2: "past_decode_sequence_length + 1"} for name in self_out},
    }
    decoder_path = out / "decoder.onnx"
    _export(
        DecoderStep(model),
        (start + 3, mask, *past),
        decoder_path,
        ["input_ids", "encoder_attention_mask", *self_in, *cross_in],
        ["logits", *self_out],
        dec_axes,
    )
    return encoder_path, decoder_path


def _train_info(model_dir: Path) -> dict[str, Any]:
    path = model_dir / "filedesc_train.json"
    info: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return info


def trained_max_input_length(model_dir: Path) -> int:
    """The prompt length the model was trained with (the runtime cuts prompts there)."""
    return int(_train_info(model_dir).get("config", {}).get("max_input_length", MAX_INPUT_LENGTH))


def require_neighbours(model_dir: Path) -> None:
    """A ``near`` model folder must hold its examples; say how to get them back otherwise."""
    if not (model_dir / NEIGHBOURS_FILE).is_file():
        raise ModelFileError(model_dir / NEIGHBOURS_FILE, "missing", NEAR_FIX)


def write_folder_files(
    out: Path, model_dir: Path, tokenizer: PromptTokenizer, quant: str, extra: dict[str, Any] | None = None
) -> None:
    """``tokenizer.json`` and ``config.json`` (prompt format, lengths, token ids, training config and metrics)."""
    tokenizer.tokenizer.save(str(out / "tokenizer.json"))
    if tokenizer.prompt_format == "near":  # the examples the prompts read, beside the tokenizer as at training
        require_neighbours(model_dir)
        shutil.copy(model_dir / NEIGHBOURS_FILE, out / NEIGHBOURS_FILE)
    train_info = _train_info(model_dir)
    hf_config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    config = {
        "format": "filedesc-onnx",
        "format_version": CONFIG_VERSION,
        "name": model_dir.parent.name if model_dir.name == "model" else model_dir.name,
        "quantization": quant,
        "prompt": "<{lang}> {name}",
        "prompt_format": tokenizer.prompt_format,
        "no_repeat_ngram_size": NO_REPEAT_NGRAM_SIZE,
        "languages": ["en", "fr"],
        "max_input_length": trained_max_input_length(model_dir),
        "max_output_length": MAX_OUTPUT_LENGTH,
        "max_decoder_positions": MAX_DECODER_POSITIONS,
        "pad_token_id": tokenizer.pad_id,
        "eos_token_id": tokenizer.eos_id,
        "decoder_start_token_id": hf_config.get("decoder_start_token_id", tokenizer.pad_id),
        "vocab_size": hf_config["vocab_size"],
        "model": {
            k: hf_config.get(k)
            for k in ("d_model", "num_layers", "num_decoder_layers", "num_heads", "d_kv", "d_ff", "feed_forward_proj")
        },
        "training": train_info,
        **(extra or {}),
    }
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")


def export_model(
    model_dir: Path, out: Path, quants: list[str], runtime_only: bool = False, fused: bool = True
) -> dict[str, Path]:
    """Export ``model_dir`` to ``out/<quant>/`` for each quantization; returns the folders written.

    With ``runtime_only``, each folder keeps only what the backends load (``generation.onnx``, ``tokenizer.json``,
    ``config.json``): the step graphs are folded into ``generation.onnx`` already, so shipping them would double the
    size for a fallback path only.
    """
    from filedesc.training.generation_graph import build_generation_model
    from filedesc.training.quantize import quantize_folder

    model, tokenizer = load_trained(model_dir)
    work = out / "_fp32_work"
    encoder, decoder = export_subgraphs(model, work, fused, trained_max_input_length(model_dir))
    folders: dict[str, Path] = {}
    for quant in quants:
        folder = out / quant
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        if quant == "fp32":
            shutil.copy(encoder, folder / "encoder.onnx")
            shutil.copy(decoder, folder / "decoder.onnx")
        else:
            quantize_folder(work, folder, quant)
        build_generation_model(folder / "encoder.onnx", folder / "decoder.onnx", folder / GENERATION_FILE, model.config)
        write_folder_files(folder, model_dir, tokenizer, quant, {"graphs": "fused" if fused else "torch.onnx"})
        if runtime_only:
            for name in ("encoder.onnx", "decoder.onnx"):
                (folder / name).unlink()
        folders[quant] = folder
    shutil.rmtree(work)
    return folders
