"""int8 and int4 weight quantization of the encoder and decoder graphs (onnxruntime's own quantizers).

- int8: dynamic quantization (``quantize_dynamic``) of every MatMul and the embedding Gather, per-tensor,
  signed weights. Activations stay float and are quantized on the fly.
- int4: weight-only ``MatMulNBits`` (``MatMulNBitsQuantizer``), symmetric blocks of ``INT4_BLOCK_SIZE`` along the
  input dimension, for every product a decoder step runs; the embedding Gather becomes 4-bit
  ``GatherBlockQuantized`` too, else it alone would outweigh the rest of a small model. The products that see the
  whole prompt at once (the encoder, and the cross-attention keys and values computed from its output once a call)
  are int8 as above: ``MatMulNBits`` is the faster kernel for one row a step, the int8 one for a prompt's rows.
Subgraphs are quantized before they are wrapped into the ``BeamSearch`` graph, so no ``EnableSubgraph`` magic is
needed and each file can be checked on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

INT4_BLOCK_SIZE = 64
"""4-bit block size. A decoder step streams every decoder weight from memory, so its time follows the bytes read,
scales included: blocks of 64 carry half the scales of blocks of 32. Shipped model, one name, 16 tokens, one
thread, interleaved in one process (session 7): int8 5.09 ms; int4 blocks of 32 5.07; with the prompt-wide products
int8, blocks of 64 3.62 and of 128 3.36. Blocks of 128 lost 1.4 chrF in French on real-dev against 64 and got the
README's ``extract_window_events.sh`` wrong; 64 is level with int8 (model card, "Session 7")."""
INT4_ACCURACY_LEVEL = 4
"""``MatMulNBits`` computes with int8 activations (level 4) rather than fp32 (0): the int8 dot-product kernels
(AVX2 / AVX-512 VNNI) instead of dequantizing every weight block on every call, which made int4 slower than int8."""
INT8_PER_CHANNEL = False
ENCODER_STATES = "encoder_hidden_states"
"""The encoder graph's output that the cross-attention reads (both exports name it so)."""


def quantize_int8(
    src: Path, dst: Path, op_types: tuple[str, ...] = ("MatMul", "Gather"), nodes: list[str] | None = None
) -> None:
    """Dynamic int8 quantization of the weights of ``op_types`` (of the ``nodes`` named, if given; else all)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(src),
        str(dst),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=list(op_types),
        nodes_to_quantize=nodes,
        per_channel=INT8_PER_CHANNEL,
    )


def prompt_wide_products(model: Any, states: str = ENCODER_STATES) -> list[str]:
    """Names of the MatMul nodes that run on every prompt token: those ``states`` depends on, and its consumers.

    In the encoder (+ first step) graph that is the encoder and the cross-attention key and value products; the
    decoder-step graph has no ``states`` output nor input, so nothing. A graph rule, not a naming one: it holds for
    the fused graphs and for ``torch.onnx``'s alike.
    """
    producer = {out: node for node in model.graph.node for out in node.output if out}  # "": an omitted output
    upstream: set[str] = set()
    pending = [states]
    while pending:
        node = producer.get(pending.pop())
        if node is not None and node.name not in upstream:
            upstream.add(node.name)
            pending.extend(node.input)
    wide = upstream | {node.name for node in model.graph.node if states in node.input}
    return [node.name for node in model.graph.node if node.op_type == "MatMul" and node.name in wide]


def quantize_int4(
    src: Path, dst: Path, block_size: int = INT4_BLOCK_SIZE, accuracy_level: int = INT4_ACCURACY_LEVEL
) -> None:
    """4-bit weights for the products of a decoder step and the embedding table; int8 for the prompt-wide ones."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    model = onnx.load(str(src))
    for index, node in enumerate(model.graph.node):
        node.name = node.name or f"{node.op_type}_{index}"  # the int8 pass below selects nodes by name
    wide = prompt_wide_products(model)
    quantizer = MatMulNBitsQuantizer(
        model,
        bits=4,
        block_size=block_size,
        is_symmetric=True,
        accuracy_level=accuracy_level,
        op_types_to_quantize=("MatMul", "Gather"),
        quant_axes=(("MatMul", 0), ("Gather", 1)),
        nodes_to_exclude=wide,
    )
    quantizer.process()
    if not wide:
        quantizer.model.save_model_to_file(str(dst), use_external_data_format=False)
        return
    half = dst.with_name(f"{dst.stem}.int4-only{dst.suffix}")
    quantizer.model.save_model_to_file(str(half), use_external_data_format=False)
    try:
        quantize_int8(half, dst, op_types=("MatMul",), nodes=wide)
    finally:
        half.unlink(missing_ok=True)


def quantize_folder(src: Path, dst: Path, quant: str) -> None:
    """Quantize ``src/{encoder,decoder}.onnx`` into ``dst`` as ``quant`` ('int8' or 'int4')."""
    if quant not in ("int8", "int4"):
        raise ValueError(f"unknown quantization {quant!r}: use fp32, int8 or int4")
    func = quantize_int8 if quant == "int8" else quantize_int4
    for name in ("encoder.onnx", "decoder.onnx"):
        func(src / name, dst / name)
