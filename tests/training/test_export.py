"""Export of a tiny trained model: parity with PyTorch, quantized variants, folder contents."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from filedesc.runtime.batching import left_pad
from filedesc.runtime.onnx_seq2seq import GENERATION_FILE, OnnxSeq2Seq
from filedesc.training.parity import PROBE_NAMES, torch_greedy

pytestmark = pytest.mark.slow

NAMES = ["extract_logs.sh", "load_users.sh", "parseEvents.sh", "checkReports.sh", *PROBE_NAMES]


def test_folders_have_everything_a_backend_needs(tiny_export: Path) -> None:
    for quant in ("fp32", "int8", "int4"):
        folder = tiny_export / quant
        for name in (GENERATION_FILE, "encoder.onnx", "decoder.onnx", "tokenizer.json", "config.json"):
            assert (folder / name).is_file(), f"{quant}/{name}"
        config = json.loads((folder / "config.json").read_text())
        assert config["quantization"] == quant and config["prompt"] == "<{lang}> {name}"
        assert config["training"]["config"]["model"]["d_model"] == 64  # training config embedded
    sizes = {q: (tiny_export / q / "generation.onnx").stat().st_size for q in ("fp32", "int8", "int4")}
    assert sizes["int4"] < sizes["int8"] < sizes["fp32"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_fp32_onnx_equals_pytorch_token_for_token(tiny_run: Path, tiny_export: Path, lang: str) -> None:
    reference = torch_greedy(tiny_run / "model", NAMES, lang)
    one_call = OnnxSeq2Seq(tiny_export / "fp32").generate(NAMES, [lang] * len(NAMES))
    loop = OnnxSeq2Seq(tiny_export / "fp32", one_call=False).generate(NAMES, [lang] * len(NAMES))
    assert one_call == reference
    assert loop == reference


def test_batches_are_left_padded_correctly(tiny_export: Path) -> None:
    model = OnnxSeq2Seq(tiny_export / "fp32")
    alone = [model.generate([n], ["fr"])[0] for n in NAMES]
    assert model.generate(NAMES, ["fr"] * len(NAMES)) == alone


def test_int8_agrees_with_fp32(tiny_export: Path) -> None:
    fp32 = OnnxSeq2Seq(tiny_export / "fp32").generate(NAMES, ["en"] * len(NAMES))
    int8 = OnnxSeq2Seq(tiny_export / "int8").generate(NAMES, ["en"] * len(NAMES))
    assert sum(a == b for a, b in zip(fp32, int8, strict=True)) >= len(NAMES) * 0.7


def test_int4_keeps_the_prompt_wide_products_in_int8(tiny_export: Path) -> None:
    """A decoder step runs only 4-bit products; the encoder and the cross keys/values (one pass a call) run int8."""
    import onnx

    encoder = onnx.load(str(tiny_export / "int4" / "encoder.onnx"))
    decoder = onnx.load(str(tiny_export / "int4" / "decoder.onnx"))
    config = json.loads((tiny_export / "int4" / "config.json").read_text())["training"]["config"]["model"]
    step_ops = [node.op_type for node in decoder.graph.node]
    assert "MatMul" not in step_ops and "MatMulInteger" not in step_ops
    assert step_ops.count("MatMulNBits") > 0
    encoder_ops = [node.op_type for node in encoder.graph.node]
    per_encoder_layer = 6 if config["feed_forward_proj"] == "relu" else 7  # q, k, v, o and the feed-forward
    cross = 2 * config["num_decoder_layers"]
    assert encoder_ops.count("MatMulInteger") == per_encoder_layer * config["num_layers"] + cross
    assert "MatMul" not in encoder_ops
    assert encoder_ops.count("MatMulNBits") == step_ops.count("MatMulNBits")  # the first step runs the same


def test_prompt_wide_products_follow_the_graph_not_the_names() -> None:
    from onnx import TensorProto, helper

    from filedesc.training.quantize import prompt_wide_products

    nodes = [
        helper.make_node("MatMul", ["ids", "w1"], ["h"], name="a"),
        helper.make_node("Relu", ["h"], ["encoder_hidden_states"], name="b"),
        helper.make_node("MatMul", ["encoder_hidden_states", "w2"], ["k"], name="cross_k"),
        helper.make_node("MatMul", ["step", "w3"], ["q"], name="step_q"),
        helper.make_node("Add", ["q", "k"], ["logits"], name="c"),
    ]
    value = helper.make_tensor_value_info("x", TensorProto.FLOAT, None)
    graph = helper.make_graph(nodes, "g", [value], [value])
    assert prompt_wide_products(helper.make_model(graph)) == ["a", "cross_k"]


def test_beam_search_option(tiny_export: Path) -> None:
    model = OnnxSeq2Seq(tiny_export / "fp32")
    beams = model.generate(["extract_logs.sh"], ["en"], num_beams=4)
    assert beams[0].startswith("Shell script")


def test_one_call_file_shares_weights_between_subgraphs(tiny_export: Path) -> None:
    for quant in ("fp32", "int8"):
        folder = tiny_export / quant
        generation = (folder / GENERATION_FILE).stat().st_size
        both = (folder / "encoder.onnx").stat().st_size + (folder / "decoder.onnx").stat().st_size
        assert generation < 0.85 * both, (quant, generation, both)  # the decoder's weights are stored once


def test_runtime_only_export_keeps_what_backends_load(tiny_run: Path, tmp_path: Path) -> None:
    from filedesc.training.export import export_model

    folders = export_model(tiny_run / "model", tmp_path, ["int8"], runtime_only=True)
    assert sorted(p.name for p in folders["int8"].iterdir()) == ["config.json", GENERATION_FILE, "tokenizer.json"]
    assert OnnxSeq2Seq(folders["int8"]).generate(["extract_logs.sh"], ["fr"])[0].startswith("Script shell")


def test_no_repeated_trigram_in_any_decoder(tiny_run: Path, tiny_export: Path) -> None:
    from filedesc.runtime.onnx_seq2seq import NO_REPEAT_NGRAM_SIZE, repeated_ngram_ends

    assert repeated_ngram_ends([0, 5, 6, 7, 5, 6], 3) == [7]
    assert repeated_ngram_ends([0, 5, 6], 3) == []
    folder = OnnxSeq2Seq(tiny_export / "fp32")
    assert folder.config["no_repeat_ngram_size"] == NO_REPEAT_NGRAM_SIZE
    for one_call in (True, False):
        runner = OnnxSeq2Seq(tiny_export / "fp32", one_call=one_call)
        names = NAMES[:4]
        rows = runner.tokenizer.encode_prompts(names, ["en"] * len(names), 48)
        ids, mask = left_pad(rows, runner.tokenizer.pad_id)
        sequences = (
            runner._run_one_call(np.asarray(ids, np.int32), np.asarray(mask, np.int32), 1, 0, None)
            if one_call
            else runner._run_loop(np.asarray(ids, np.int32), np.asarray(mask, np.int32))
        )
        for row in sequences:
            tokens = [t for t in row if t != runner.tokenizer.pad_id]
            grams = [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]
            assert len(grams) == len(set(grams)), tokens


def test_decoder_position_bias_table_matches_transformers(tiny_run: Path) -> None:
    import torch
    from transformers import T5ForConditionalGeneration

    from filedesc.training.onnx_graphs import MAX_DECODER_POSITIONS, DecoderStep

    model = T5ForConditionalGeneration.from_pretrained(str(tiny_run / "model"), local_files_only=True)
    step = DecoderStep(model)
    table = step.self_bias_table
    assert isinstance(table, torch.Tensor)
    attention = model.decoder.block[0].layer[0].SelfAttention
    for length in (1, 7, 40, 200):
        # transformers' bias of the last query over keys 0..length-1 (no cache: the full square)
        expected = attention.compute_bias(length, length)[0, :, length - 1, :]
        assert torch.equal(table[:, MAX_DECODER_POSITIONS - length :], expected), length


def test_one_token_generation_is_cut_not_crashed(tiny_export: Path) -> None:
    model = OnnxSeq2Seq(tiny_export / "int8")
    one = model.generate(["extract_window_events.sh"], ["en"], min_tokens=1, max_tokens=1)[0]
    two = model.generate(["extract_window_events.sh"], ["en"], min_tokens=2, max_tokens=2)[0]
    assert one and two.startswith(one) and len(one) < len(two)
