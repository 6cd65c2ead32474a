"""The decoder step written directly as ONNX Runtime's fused operators (about 15 nodes a layer instead of ~60).

At one name the decoder step's time is operator dispatch, not arithmetic (a 2-layer, d_model 256 step is ~3M
multiply-adds), so the node count sets the latency. ``torch.onnx`` spells attention as reshapes, transposes,
concatenations, softmax and mask arithmetic; here each attention is one ``com.microsoft`` ``MultiHeadAttention`` node
(cache concatenation, head split, relative-position bias and key-padding mask included), each residual add + RMS norm
one ``SkipSimplifiedLayerNormalization``, and the decoder's relative-position bias one ``Slice`` of a table reversed
by distance. Per layer: norm, q/k/v/o products, attention; norm, q/o products, cross attention; norm, two products
and the activation.

Same inputs, outputs and cache layout as ``onnx_graphs.DecoderStep`` (the ``BeamSearch`` operator's T5 decoder
subgraph), same weights, checked token for token against ``transformers``' ``generate`` by the export tests.
Any T5 shape ``filedesc train`` makes works: any depth, ``num_heads * d_kv`` unequal to ``d_model``, ReLU or gated
GELU feed-forward, tied or untied output layer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

MS_DOMAIN = "com.microsoft"
ACTIVATIONS = {"relu": ("Relu", ""), "gelu_new": ("FastGelu", MS_DOMAIN), "gelu": ("Gelu", MS_DOMAIN)}
"""Hugging Face T5 activation name -> (ONNX op, domain). ``gelu_new`` is the tanh form that ``FastGelu`` computes."""


class _Graph:
    """Collects nodes and initializers under short unique names."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []

    def weight(self, name: str, array: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], domain: str = "", **attrs: Any) -> list[str]:
        from onnx import helper

        self.nodes.append(helper.make_node(op, inputs, outputs, name=f"{op}_{len(self.nodes)}", domain=domain, **attrs))
        return outputs


def _linear_t(linear: Any) -> np.ndarray:
    """A ``torch.nn.Linear`` weight as a MatMul right operand [in, out], fp32."""
    weight: np.ndarray = linear.weight.detach().float().numpy().T
    return weight


def _gamma(layer_norm: Any) -> np.ndarray:
    gamma: np.ndarray = layer_norm.weight.detach().float().numpy()
    return gamma


def reversed_bias_table(model: Any, length: int) -> np.ndarray:
    """[1, heads, 1, length]: column ``d`` holds the decoder self-attention bias of a key ``d`` steps back."""
    import torch

    rel_att = model.decoder.block[0].layer[0].SelfAttention
    with torch.no_grad():
        distances = torch.arange(length, dtype=torch.int64)
        buckets = rel_att._relative_position_bucket(
            -distances,  # memory position minus query position
            bidirectional=False,
            num_buckets=rel_att.relative_attention_num_buckets,
            max_distance=rel_att.relative_attention_max_distance,
        )
        table: np.ndarray = rel_att.relative_attention_bias(buckets).transpose(0, 1).float().numpy()
    return table[None, :, None, :]


def _feed_forward(g: _Graph, prefix: str, dense: Any, x: str) -> str:
    op, domain = ACTIVATIONS[_activation_key(dense)]
    if hasattr(dense, "wi_0"):  # gated (T5 v1.1, flan-t5)
        (gate,) = g.node("MatMul", [x, g.weight(f"{prefix}.wi_0", _linear_t(dense.wi_0))], [f"{prefix}.gate"])
        (up,) = g.node("MatMul", [x, g.weight(f"{prefix}.wi_1", _linear_t(dense.wi_1))], [f"{prefix}.up"])
        (act,) = g.node(op, [gate], [f"{prefix}.act"], domain=domain)
        (hidden,) = g.node("Mul", [act, up], [f"{prefix}.hidden"])
    else:
        (pre,) = g.node("MatMul", [x, g.weight(f"{prefix}.wi", _linear_t(dense.wi))], [f"{prefix}.pre"])
        (hidden,) = g.node(op, [pre], [f"{prefix}.hidden"], domain=domain)
    (out,) = g.node("MatMul", [hidden, g.weight(f"{prefix}.wo", _linear_t(dense.wo))], [f"{prefix}.out"])
    return out


def _activation_key(dense: Any) -> str:
    import torch
    from transformers.activations import GELUActivation, NewGELUActivation

    if isinstance(dense.act, NewGELUActivation):
        return "gelu_new"
    if isinstance(dense.act, GELUActivation):
        return "gelu"
    if isinstance(dense.act, torch.nn.ReLU):
        return "relu"
    raise ValueError(
        f"the fused decoder has no ONNX form for the activation {type(dense.act).__name__}; "
        "export with `fused=False` (the plain torch.onnx decoder)"
    )


def _norm(g: _Graph, name: str, gamma: np.ndarray, eps: float, h: str, skip: str | None) -> tuple[str, str]:
    """RMS norm of ``h + skip`` (or of ``h``): returns (normalized, new residual stream)."""
    weight = g.weight(f"{name}.gamma", gamma)
    if skip is None:
        (normed,) = g.node("SimplifiedLayerNormalization", [h, weight], [f"{name}.out"], axis=-1, epsilon=eps)
        return normed, h
    normed, _, _, total = g.node(
        "SkipSimplifiedLayerNormalization",
        [h, skip, weight],
        [f"{name}.out", "", "", f"{name}.sum"],
        domain=MS_DOMAIN,
        epsilon=eps,
    )
    return normed, total


def build_decoder_step(model: Any, max_positions: int) -> Any:
    """The ``BeamSearch`` T5 decoder subgraph of ``model`` (a ``T5ForConditionalGeneration``) as an ONNX model."""
    from onnx import TensorProto, helper

    cfg = model.config
    heads, d_kv, n_layers = cfg.num_heads, cfg.d_kv, len(model.decoder.block)
    eps = float(cfg.layer_norm_epsilon)
    g = _Graph()
    batch, enc_len, past_len = "batch_size", "encode_sequence_length", "past_decode_sequence_length"
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT32, [batch, 1]),
        helper.make_tensor_value_info("encoder_attention_mask", TensorProto.INT32, [batch, enc_len]),
    ]
    inputs += [
        helper.make_tensor_value_info(f"past_{kind}_self_{i}", TensorProto.FLOAT, [batch, heads, past_len, d_kv])
        for i in range(n_layers)
        for kind in ("key", "value")
    ]
    inputs += [
        helper.make_tensor_value_info(f"past_{kind}_cross_{i}", TensorProto.FLOAT, [batch, heads, enc_len, d_kv])
        for i in range(n_layers)
        for kind in ("key", "value")
    ]
    total = "past_decode_sequence_length + 1"
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, 1, cfg.vocab_size])]
    outputs += [
        helper.make_tensor_value_info(f"present_{kind}_self_{i}", TensorProto.FLOAT, [batch, heads, total, d_kv])
        for i in range(n_layers)
        for kind in ("key", "value")
    ]

    shared = model.shared.weight.detach().float().numpy()
    (h,) = g.node("Gather", [g.weight("shared", shared), "input_ids"], ["embedded"], axis=0)
    # self-attention bias of keys 0..T (T = past length): reversed-table columns T, T-1, ..., 0
    (steps,) = g.node("Shape", ["past_key_self_0"], ["past_length"], start=2, end=3)
    int64 = np.int64
    (self_bias,) = g.node(
        "Slice",
        [
            g.weight("bias_table", reversed_bias_table(model, max_positions)),
            steps,
            g.weight("slice_end", np.array([np.iinfo(int64).min], dtype=int64)),
            g.weight("slice_axis", np.array([3], dtype=int64)),
            g.weight("slice_step", np.array([-1], dtype=int64)),
        ],
        ["self_bias"],
    )
    mha = {"domain": MS_DOMAIN, "num_heads": heads, "scale": 1.0}  # T5 does not scale by 1/sqrt(d_kv)
    skip: str | None = None
    for i, block in enumerate(model.decoder.block):
        p = f"l{i}"
        att = block.layer[0].SelfAttention
        x, h = _norm(g, f"{p}.self_norm", _gamma(block.layer[0].layer_norm), eps, h, skip)
        q, k, v = (
            g.node("MatMul", [x, g.weight(f"{p}.self_{n}", _linear_t(getattr(att, n)))], [f"{p}.self_{n}_out"])[0]
            for n in ("q", "k", "v")
        )
        attended, _, _ = g.node(
            "MultiHeadAttention",
            [q, k, v, "", "", self_bias, f"past_key_self_{i}", f"past_value_self_{i}"],
            [f"{p}.self_att", f"present_key_self_{i}", f"present_value_self_{i}"],
            **mha,
        )
        (skip,) = g.node("MatMul", [attended, g.weight(f"{p}.self_o", _linear_t(att.o))], [f"{p}.self_out"])
        cross = block.layer[1].EncDecAttention
        x, h = _norm(g, f"{p}.cross_norm", _gamma(block.layer[1].layer_norm), eps, h, skip)
        (q,) = g.node("MatMul", [x, g.weight(f"{p}.cross_q", _linear_t(cross.q))], [f"{p}.cross_q_out"])
        (attended,) = g.node(
            "MultiHeadAttention",
            [q, f"past_key_cross_{i}", f"past_value_cross_{i}", "", "encoder_attention_mask"],
            [f"{p}.cross_att"],
            **mha,
        )
        (skip,) = g.node("MatMul", [attended, g.weight(f"{p}.cross_o", _linear_t(cross.o))], [f"{p}.cross_out"])
        x, h = _norm(g, f"{p}.ff_norm", _gamma(block.layer[2].layer_norm), eps, h, skip)
        skip = _feed_forward(g, f"{p}.ff", block.layer[2].DenseReluDense, x)
    x, _ = _norm(g, "final_norm", _gamma(model.decoder.final_layer_norm), eps, h, skip)
    head = _linear_t(model.lm_head)
    if cfg.tie_word_embeddings:  # T5 scales the last hidden state by d_model**-0.5 before a tied output layer
        head = head * np.float32(cfg.d_model**-0.5)
    g.node("MatMul", [x, g.weight("lm_head", head.astype(np.float32))], ["logits"])
    declared = {v.name for v in [*inputs, *outputs]}
    # element types of the inner tensors: onnx's shape inference does not know the contrib operators, and the
    # quantizers need the type of every MatMul output
    value_info = [
        helper.make_tensor_value_info(name, TensorProto.INT64 if name == steps else TensorProto.FLOAT, None)
        for node in g.nodes
        for name in node.output
        if name and name not in declared
    ]
    graph = helper.make_graph(g.nodes, "t5 decoder", inputs, outputs, g.initializers, value_info=value_info)
    opsets = [helper.make_opsetid("", 21), helper.make_opsetid(MS_DOMAIN, 1)]
    return helper.make_model(graph, producer_name="filedesc", opset_imports=opsets, ir_version=10)
