"""int8 and int4 weight quantization of the encoder and decoder graphs (onnxruntime's own quantizers).

- int8: dynamic quantization (``quantize_dynamic``) of every MatMul and the embedding Gather, per-tensor,
  signed weights. Activations stay float and are quantized on the fly.
- int4: weight-only ``MatMulNBits`` (``MatMulNBitsQuantizer``), symmetric blocks of ``INT4_BLOCK_SIZE`` along the
  input dimension; the embedding Gather becomes 4-bit ``GatherBlockQuantized`` too, else it alone would outweigh
  the rest of a small model.
Subgraphs are quantized before they are wrapped into the ``BeamSearch`` graph, so no ``EnableSubgraph`` magic is
needed and each file can be checked on its own.
"""

from __future__ import annotations

from pathlib import Path

INT4_BLOCK_SIZE = 32
INT4_ACCURACY_LEVEL = 4
"""``MatMulNBits`` computes with int8 activations (level 4) rather than fp32 (0): the int8 dot-product kernels
(AVX2 / AVX-512 VNNI) instead of dequantizing every weight block on every call, which made int4 slower than int8."""
INT8_PER_CHANNEL = False


def quantize_int8(src: Path, dst: Path) -> None:
    """Dynamic int8 quantization of MatMul and Gather weights."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(src),
        str(dst),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gather"],
        per_channel=INT8_PER_CHANNEL,
    )


def quantize_int4(
    src: Path, dst: Path, block_size: int = INT4_BLOCK_SIZE, accuracy_level: int = INT4_ACCURACY_LEVEL
) -> None:
    """Weight-only 4-bit quantization of MatMul weights and the embedding table."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    quantizer = MatMulNBitsQuantizer(
        onnx.load(str(src)),
        bits=4,
        block_size=block_size,
        is_symmetric=True,
        accuracy_level=accuracy_level,
        op_types_to_quantize=("MatMul", "Gather"),
        quant_axes=(("MatMul", 0), ("Gather", 1)),
    )
    quantizer.process()
    quantizer.model.save_model_to_file(str(dst), use_external_data_format=False)


def quantize_folder(src: Path, dst: Path, quant: str) -> None:
    """Quantize ``src/{encoder,decoder}.onnx`` into ``dst`` as ``quant`` ('int8' or 'int4')."""
    if quant not in ("int8", "int4"):
        raise ValueError(f"unknown quantization {quant!r}: use fp32, int8 or int4")
    func = quantize_int8 if quant == "int8" else quantize_int4
    for name in ("encoder.onnx", "decoder.onnx"):
        func(src / name, dst / name)
