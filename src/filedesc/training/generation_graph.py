"""Wrap the encoder and decoder graphs into one ``BeamSearch`` node (``com.microsoft``, ``model_type=1`` = T5).

One ``session.run`` then produces whole descriptions: the greedy (one beam) or beam-search loop runs inside ONNX
Runtime instead of Python, which removes the per-token dispatch cost that dominates small models on a CPU.
Initializers both subgraphs use (embedding, shared blocks) move to the main graph once, through onnxruntime's own
``get_shared_initializers``. Inputs must be left-padded: the operator masks leading pads only.
"""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path
from typing import Any

from filedesc.runtime.onnx_seq2seq import NO_REPEAT_NGRAM_SIZE

log = logging.getLogger(__name__)

OPSET = 21


def _numeric_dims(model: Any, num_heads: int, head_size: int) -> None:
    """The operator reads heads and head size from the cache shapes: they must be numbers, not names."""
    for tensor in [*model.graph.input, *model.graph.output]:
        if "_self_" in tensor.name or "_cross_" in tensor.name:
            dims = tensor.type.tensor_type.shape.dim
            for index, value in ((1, num_heads), (3, head_size)):
                dims[index].Clear()
                dims[index].dim_value = value


def _share_initializers(encoder: Any, decoder: Any) -> list[Any]:
    """Move the weights both subgraphs hold (the decoder's, the embedding, the output layer) to the outer graph.

    onnxruntime's ``get_shared_initializers`` does this but only considers tensors whose dimensions *add up* to
    1024 or more, which leaves every 256x256 attention weight duplicated; the same calls with a threshold of 2
    share them all, so the one-call file is barely larger than the encoder graph alone.
    """
    from onnxruntime.transformers.convert_generation import remove_shared_initializers
    from onnxruntime.transformers.onnx_model import OnnxModel

    enc, dec = OnnxModel(encoder), OnnxModel(decoder)
    enc.add_prefix_to_names("e_")
    dec.add_prefix_to_names("d_")
    cache_enc: dict[str, Any] = {}
    cache_dec: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:  # it print()s "Removed N initializers ...": log it
        enc.remove_duplicated_initializer(cache_enc)
        dec.remove_duplicated_initializer(cache_dec)
    for line in printed.getvalue().splitlines():
        log.debug("onnxruntime: %s", line)
    shared: list[Any] = remove_shared_initializers(
        dec.model.graph,
        enc.model.graph,
        shared_prefix="s_",
        min_elements=2,
        signature_cache1=cache_dec,
        signature_cache2=cache_enc,
    )
    return shared


def build_generation_model(encoder_path: Path, decoder_path: Path, out: Path, config: Any) -> None:
    """Write ``out``: a model whose only node is ``BeamSearch`` over the two subgraphs.

    Inputs: ``input_ids`` and ``attention_mask`` (int32 [batch, length], left-padded), ``max_length``,
    ``min_length``, ``num_beams``, ``num_return_sequences`` (int32 [1]), ``length_penalty``, ``repetition_penalty``
    (float [1]). Output: ``sequences`` (int32 [batch, num_return_sequences, max_length]).
    """
    import onnx
    from onnx import TensorProto, helper

    encoder = onnx.load(str(encoder_path))
    decoder = onnx.load(str(decoder_path))
    for model in (encoder, decoder):
        _numeric_dims(model, config.num_heads, config.d_kv)
    encoder.graph.name = "t5 encoder and decoder init"
    decoder.graph.name = "t5 decoder"
    shared = _share_initializers(encoder, decoder)
    inputs = [
        "input_ids",
        "max_length",
        "min_length",
        "num_beams",
        "num_return_sequences",
        "length_penalty",
        "repetition_penalty",
        "",
        "",
        "attention_mask",
    ]
    node = helper.make_node("BeamSearch", inputs, ["sequences"], name="BeamSearch_t5", domain="com.microsoft")
    node.attribute.extend(
        [
            helper.make_attribute("eos_token_id", int(config.eos_token_id)),
            helper.make_attribute("pad_token_id", int(config.pad_token_id)),
            helper.make_attribute("decoder_start_token_id", int(config.decoder_start_token_id)),
            helper.make_attribute("no_repeat_ngram_size", NO_REPEAT_NGRAM_SIZE),
            # a row is finished at its first eos, and the call returns once every row is: greedy as `generate`
            # does it. With 0 the operator keeps decoding finished rows (up to max_length in a batch) to look for
            # a better-scored longer hypothesis, which is beam search's rule, not greedy's, and 2x the work.
            helper.make_attribute("early_stopping", 1),
            helper.make_attribute("model_type", 1),
            helper.make_attribute("encoder", encoder.graph),
            helper.make_attribute("decoder", decoder.graph),
        ]
    )
    batch, length = "batch_size", "sequence_length"
    graph_inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT32, [batch, length]),
        *(
            helper.make_tensor_value_info(n, TensorProto.INT32, [1])
            for n in ("max_length", "min_length", "num_beams", "num_return_sequences")
        ),
        *(helper.make_tensor_value_info(n, TensorProto.FLOAT, [1]) for n in ("length_penalty", "repetition_penalty")),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT32, [batch, length]),
    ]
    graph_outputs = [
        helper.make_tensor_value_info("sequences", TensorProto.INT32, [batch, "num_return_sequences", "max_length"])
    ]
    graph = helper.make_graph([node], "filedesc generation", graph_inputs, graph_outputs, shared)
    opset = max(
        [OPSET] + [o.version for m in (encoder, decoder) for o in m.opset_import if o.domain in ("", "ai.onnx")]
    )
    opsets = [helper.make_opsetid("", opset), helper.make_opsetid("com.microsoft", 1)]
    ir_version = max(encoder.ir_version, decoder.ir_version)
    model = helper.make_model(graph, producer_name="filedesc", opset_imports=opsets, ir_version=ir_version)
    onnx.save(model, str(out))
