"""The fused-operator graphs (``fused_graphs``) against the torch.onnx reference graphs, for several T5 shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.slow

SHAPES = {
    "relu-tied": {"feed_forward_proj": "relu", "tie_word_embeddings": True, "num_heads": 2, "d_kv": 16},
    # flan-t5's kind: gated GELU (tanh form), untied output layer, heads * d_kv != d_model
    "gated-gelu-untied": {"feed_forward_proj": "gated-gelu", "tie_word_embeddings": False, "num_heads": 3, "d_kv": 8},
}


def random_t5(**overrides: Any) -> Any:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    config = T5Config(
        vocab_size=120,
        d_model=32,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
        **overrides,
    )
    return T5ForConditionalGeneration(config).eval()


def run_graphs(folder: Path, steps: int) -> list[np.ndarray]:
    """Encoder + ``steps`` decoder steps on a left-padded batch, feeding back argmax tokens; every output."""
    import onnxruntime as ort

    encoder = ort.InferenceSession(str(folder / "encoder.onnx"), providers=["CPUExecutionProvider"])
    decoder = ort.InferenceSession(str(folder / "decoder.onnx"), providers=["CPUExecutionProvider"])
    ids = np.array([[5, 6, 7, 8, 9, 1], [0, 0, 0, 11, 12, 1]], dtype=np.int32)
    mask = (ids != 0).astype(np.int32)
    mask[0, 0] = 1
    start = np.zeros((2, 1), dtype=np.int32)
    out = encoder.run(None, {"encoder_input_ids": ids, "encoder_attention_mask": mask, "decoder_input_ids": start})
    results = [out[0], out[1][0], *out[2:]]  # padded rows' encoder states are never read: compare the full row only
    n = (len(out) - 2) // 2
    past_self, cross = out[2 : 2 + n], out[2 + n :]
    names = [i.name for i in decoder.get_inputs()]
    logits = out[0]
    for _ in range(steps):
        token = logits[:, -1].argmax(-1).astype(np.int32)[:, None]
        caches = dict(zip(names[2:], [*past_self, *cross], strict=True))
        feeds = {"input_ids": token, "encoder_attention_mask": mask, **caches}
        step = decoder.run(None, feeds)
        logits, past_self = step[0], step[1:]
        results += step
    return results


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_fused_graphs_compute_what_the_torch_graphs_do(shape: str, tmp_path: Path) -> None:
    from filedesc.training.export import export_subgraphs

    model = random_t5(**SHAPES[shape])
    export_subgraphs(model, tmp_path / "fused", fused=True, max_input_length=16)
    export_subgraphs(model, tmp_path / "torch", fused=False)
    fused, reference = run_graphs(tmp_path / "fused", 5), run_graphs(tmp_path / "torch", 5)
    assert len(fused) == len(reference)
    for got, want in zip(fused, reference, strict=True):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, atol=2e-5, rtol=1e-4)


def test_fused_decoder_step_has_few_nodes(tmp_path: Path) -> None:
    import onnx

    from filedesc.training.export import export_subgraphs

    model = random_t5(**SHAPES["relu-tied"])
    export_subgraphs(model, tmp_path / "fused", fused=True, max_input_length=16)
    export_subgraphs(model, tmp_path / "torch", fused=False)
    fused = onnx.load(str(tmp_path / "fused" / "decoder.onnx")).graph.node
    reference = onnx.load(str(tmp_path / "torch" / "decoder.onnx")).graph.node
    assert len(fused) <= 3 + 16 * 2 + 2  # embedding, bias slice; 16 a layer; final norm and output layer
    assert len(reference) > 3 * len(fused)
    assert sum(n.op_type == "MultiHeadAttention" for n in fused) == 4


def test_unknown_activation_names_the_fallback() -> None:
    from filedesc.training.fused_graphs import build_decoder_step

    model = random_t5(feed_forward_proj="silu")
    with pytest.raises(ValueError, match="fused=False"):
        build_decoder_step(model, 8)
