"""T5's two ``BeamSearch`` subgraphs written directly as ONNX Runtime's fused operators.

At one name a decoder step's time is operator dispatch, not arithmetic (a 2-layer, d_model 256 step is ~3M
multiply-adds), so the node count sets the latency. ``torch.onnx`` spells attention as reshapes, transposes,
concatenations, softmax and mask arithmetic (114 nodes a step for 2 layers after ONNX Runtime's own fusions); here
each attention is one ``com.microsoft`` ``MultiHeadAttention`` node (cache concatenation, head split, relative
position bias and key-padding mask included), each residual add + RMS norm one ``SkipSimplifiedLayerNormalization``,
and the relative-position biases slices of tables computed at export. Per decoder layer: norm, q/k/v/o products,
attention; norm, q/o products, cross attention; norm, two products and the activation (16 nodes; 33 a step for 2
layers). The encoder (+ first step) graph is built the same way (10 nodes an encoder layer instead of ~55).

Same inputs, outputs and cache layout as ``onnx_graphs.EncoderDecoderInit`` / ``DecoderStep`` (the operator's T5
subgraphs, ``model_type=1``), same weights, checked token for token against ``transformers``' ``generate`` by the
export tests. Any T5 shape ``filedesc train`` makes works: any depth, ``num_heads * d_kv`` unequal to ``d_model``,
ReLU or gated-GELU feed-forward, tied or untied output layer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

MS_DOMAIN = "com.microsoft"
OPSET = 21
ACTIVATIONS = {"relu": ("Relu", ""), "gelu_new": ("FastGelu", MS_DOMAIN), "gelu": ("Gelu", MS_DOMAIN)}
"""Hugging Face T5 activation -> (ONNX op, domain). ``gelu_new`` is the tanh form that ``FastGelu`` computes."""
INT64_MIN = np.iinfo(np.int64).min
BATCH, ENC_LEN, PAST_LEN = "batch_size", "encode_sequence_length", "past_decode_sequence_length"


class _Graph:
    """Collects nodes and initializers; names are the caller's (kept short and unique)."""

    def __init__(self) -> None:
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.int64_outputs: set[str] = set()

    def weight(self, name: str, array: np.ndarray) -> str:
        from onnx import numpy_helper

        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: list[str], domain: str = "", **attrs: Any) -> list[str]:
        from onnx import helper

        self.nodes.append(helper.make_node(op, inputs, outputs, name=f"{op}_{len(self.nodes)}", domain=domain, **attrs))
        return outputs

    def matmul(self, x: str, name: str, linear: Any, scale: float = 1.0, out: str = "") -> str:
        """``x @ W^T`` for a ``torch.nn.Linear`` (no bias in T5); ``scale`` is folded into the weight."""
        weight = linear.weight.detach().float().numpy().T
        if scale != 1.0:
            weight = weight * np.float32(scale)
        return self.node("MatMul", [x, self.weight(name, weight.astype(np.float32))], [out or f"{name}_out"])[0]

    def norm(self, name: str, layer_norm: Any, eps: float, h: str, skip: str | None, out: str = "") -> tuple[str, str]:
        """RMS norm of ``h + skip`` (or of ``h``): returns (normalized, new residual stream)."""
        gamma = self.weight(f"{name}.gamma", layer_norm.weight.detach().float().numpy())
        out = out or f"{name}_out"
        if skip is None:
            (normed,) = self.node("SimplifiedLayerNormalization", [h, gamma], [out], axis=-1, epsilon=eps)
            return normed, h
        normed, _, _, total = self.node(
            "SkipSimplifiedLayerNormalization",
            [h, skip, gamma],
            [out, "", "", f"{name}_sum"],
            domain=MS_DOMAIN,
            epsilon=eps,
        )
        return normed, total

    def model(self, graph_name: str, inputs: list[Any], outputs: list[Any]) -> Any:
        """The ONNX model, with the element type of every inner tensor declared.

        onnx's shape inference does not know the contrib operators, and the quantizers need the type of every
        MatMul output.
        """
        from onnx import TensorProto, helper

        declared = {v.name for v in [*inputs, *outputs]}
        value_info = [
            helper.make_tensor_value_info(
                name, TensorProto.INT64 if name in self.int64_outputs else TensorProto.FLOAT, None
            )
            for node in self.nodes
            for name in node.output
            if name and name not in declared
        ]
        graph = helper.make_graph(self.nodes, graph_name, inputs, outputs, self.initializers, value_info=value_info)
        opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)]
        return helper.make_model(graph, producer_name="filedesc", opset_imports=opsets, ir_version=10)


def _activation(dense: Any) -> tuple[str, str]:
    import torch
    from transformers.activations import GELUActivation, NewGELUActivation

    if isinstance(dense.act, NewGELUActivation):
        return ACTIVATIONS["gelu_new"]
    if isinstance(dense.act, GELUActivation):
        return ACTIVATIONS["gelu"]
    if isinstance(dense.act, torch.nn.ReLU):
        return ACTIVATIONS["relu"]
    raise ValueError(
        f"the fused export has no ONNX form for the activation {type(dense.act).__name__}; "
        "export with `fused=False` (the plain torch.onnx graphs)"
    )


def _feed_forward(g: _Graph, prefix: str, dense: Any, x: str) -> str:
    op, domain = _activation(dense)
    if hasattr(dense, "wi_0"):  # gated (T5 v1.1, flan-t5)
        (act,) = g.node(op, [g.matmul(x, f"{prefix}.wi_0", dense.wi_0)], [f"{prefix}.act"], domain=domain)
        (hidden,) = g.node("Mul", [act, g.matmul(x, f"{prefix}.wi_1", dense.wi_1)], [f"{prefix}.hidden"])
    else:
        (hidden,) = g.node(op, [g.matmul(x, f"{prefix}.wi", dense.wi)], [f"{prefix}.hidden"], domain=domain)
    return g.matmul(hidden, f"{prefix}.wo", dense.wo)


def _bias_table(attention: Any, query: int, keys: int, bidirectional: bool) -> np.ndarray:
    """[1, heads, query, keys]: T5's relative-position bias of key ``j`` seen from query ``i`` (``j - i``)."""
    import torch

    with torch.no_grad():
        relative = torch.arange(keys, dtype=torch.int64)[None, :] - torch.arange(query, dtype=torch.int64)[:, None]
        buckets = attention._relative_position_bucket(
            relative,
            bidirectional=bidirectional,
            num_buckets=attention.relative_attention_num_buckets,
            max_distance=attention.relative_attention_max_distance,
        )
        table: np.ndarray = attention.relative_attention_bias(buckets).permute(2, 0, 1).float().numpy()
    return table[None]


def reversed_decoder_bias(model: Any, length: int) -> np.ndarray:
    """[1, heads, 1, length]: column ``d`` holds the decoder self-attention bias of a key ``d`` steps back."""
    attention = model.decoder.block[0].layer[0].SelfAttention
    return _bias_table(attention, length, length, bidirectional=False)[:, :, -1:, ::-1].copy()


def _decoder(g: _Graph, model: Any, self_bias: str, first: bool) -> str:
    """The decoder layers on ``input_ids``; returns the logits' name.

    ``first``: the first step, inside the encoder graph (no self cache in; the cross caches are computed from
    ``encoder_hidden_states`` and come out as ``present_*_cross_i``). Otherwise the cross caches come in as
    ``past_*_cross_i``, already split into heads.
    """
    cfg = model.config
    eps = float(cfg.layer_norm_epsilon)
    mha = {"domain": MS_DOMAIN, "num_heads": cfg.num_heads, "scale": 1.0}  # T5 does not scale by 1/sqrt(d_kv)
    ids = "decoder_input_ids" if first else "input_ids"
    (h,) = g.node("Gather", ["shared", ids], ["decoder_embedded"], axis=0)
    skip: str | None = None
    for i, block in enumerate(model.decoder.block):
        p = f"decoder.{i}"
        att = block.layer[0].SelfAttention
        x, h = g.norm(f"{p}.self_norm", block.layer[0].layer_norm, eps, h, skip)
        q, k, v = (g.matmul(x, f"{p}.self_{n}", getattr(att, n)) for n in ("q", "k", "v"))
        past = [] if first else [f"past_key_self_{i}", f"past_value_self_{i}"]
        (attended, _, _) = g.node(
            "MultiHeadAttention",
            [q, k, v, "", "", self_bias, *past],
            [f"{p}.self_att", f"present_key_self_{i}", f"present_value_self_{i}"],
            **mha,
        )
        skip = g.matmul(attended, f"{p}.self_o", att.o)
        cross = block.layer[1].EncDecAttention
        x, h = g.norm(f"{p}.cross_norm", block.layer[1].layer_norm, eps, h, skip)
        q = g.matmul(x, f"{p}.cross_q", cross.q)
        if first:  # projected here from the encoder states; the operator keeps them for every later step
            k = g.matmul("encoder_hidden_states", f"{p}.cross_k", cross.k)
            v = g.matmul("encoder_hidden_states", f"{p}.cross_v", cross.v)
            outputs = [f"{p}.cross_att", f"present_key_cross_{i}", f"present_value_cross_{i}"]
        else:
            k, v, outputs = f"past_key_cross_{i}", f"past_value_cross_{i}", [f"{p}.cross_att"]
        attended = g.node("MultiHeadAttention", [q, k, v, "", "encoder_attention_mask"], outputs, **mha)[0]
        skip = g.matmul(attended, f"{p}.cross_o", cross.o)
        x, h = g.norm(f"{p}.ff_norm", block.layer[2].layer_norm, eps, h, skip)
        skip = _feed_forward(g, f"{p}.ff", block.layer[2].DenseReluDense, x)
    x, _ = g.norm("decoder.final_norm", model.decoder.final_layer_norm, eps, h, skip)
    # T5 scales the last hidden state by d_model**-0.5 before a tied output layer: folded into the weight
    scale = cfg.d_model**-0.5 if cfg.tie_word_embeddings else 1.0
    return g.matmul(x, "lm_head", model.lm_head, scale, out="logits")


def _cache_infos(n_layers: int, prefix: str, kind: str, heads: int, d_kv: int, length: str) -> list[Any]:
    from onnx import TensorProto, helper

    return [
        helper.make_tensor_value_info(f"{prefix}_{part}_{kind}_{i}", TensorProto.FLOAT, [BATCH, heads, length, d_kv])
        for i in range(n_layers)
        for part in ("key", "value")
    ]


def build_decoder_step(model: Any, max_positions: int) -> Any:
    """The decoder-step subgraph (``DecoderStep``'s signature) of a ``T5ForConditionalGeneration``."""
    from onnx import TensorProto, helper

    cfg = model.config
    heads, d_kv, n = cfg.num_heads, cfg.d_kv, len(model.decoder.block)
    g = _Graph()
    g.weight("shared", model.shared.weight.detach().float().numpy())
    # self-attention bias of keys 0..T (T = past length): the reversed table's columns T, T-1, ..., 0
    (steps,) = g.node("Shape", ["past_key_self_0"], ["past_length"], start=2, end=3)
    g.int64_outputs.add(steps)
    (self_bias,) = g.node(
        "Slice",
        [
            g.weight("decoder_bias", reversed_decoder_bias(model, max_positions)),
            steps,
            g.weight("slice_end", np.array([INT64_MIN], dtype=np.int64)),
            g.weight("slice_axis", np.array([3], dtype=np.int64)),
            g.weight("slice_step", np.array([-1], dtype=np.int64)),
        ],
        ["self_bias"],
    )
    _decoder(g, model, self_bias, first=False)
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT32, [BATCH, 1]),
        helper.make_tensor_value_info("encoder_attention_mask", TensorProto.INT32, [BATCH, ENC_LEN]),
        *_cache_infos(n, "past", "self", heads, d_kv, PAST_LEN),
        *_cache_infos(n, "past", "cross", heads, d_kv, ENC_LEN),
    ]
    outputs = [
        helper.make_tensor_value_info("logits", TensorProto.FLOAT, [BATCH, 1, cfg.vocab_size]),
        *_cache_infos(n, "present", "self", heads, d_kv, f"{PAST_LEN} + 1"),
    ]
    return g.model("t5 decoder", inputs, outputs)


def build_encoder_init(model: Any, max_input_positions: int) -> Any:
    """The encoder + first-step subgraph (``EncoderDecoderInit``'s signature) of a ``T5ForConditionalGeneration``.

    Inputs longer than ``max_input_positions`` tokens fail at run time (the encoder bias table ends there): the
    runtime cuts prompts to the config's ``max_input_length``, which must not exceed it.
    """
    from onnx import TensorProto, helper

    cfg = model.config
    heads, d_kv, n = cfg.num_heads, cfg.d_kv, len(model.decoder.block)
    eps = float(cfg.layer_norm_epsilon)
    mha = {"domain": MS_DOMAIN, "num_heads": heads, "scale": 1.0}
    g = _Graph()
    g.weight("shared", model.shared.weight.detach().float().numpy())
    encoder = model.encoder
    (h,) = g.node("Gather", ["shared", "encoder_input_ids"], ["encoder_embedded"], axis=0)
    (length,) = g.node("Shape", ["encoder_input_ids"], ["encoder_length"], start=1, end=2)
    g.int64_outputs.add(length)
    table = _bias_table(encoder.block[0].layer[0].SelfAttention, max_input_positions, max_input_positions, True)
    (bias,) = g.node(
        "Slice",
        [
            g.weight("encoder_bias", table),
            g.weight("slice_start", np.array([0, 0], dtype=np.int64)),
            g.node("Concat", [length, length], ["encoder_bias_end"], axis=0)[0],
            g.weight("slice_axes", np.array([2, 3], dtype=np.int64)),
        ],
        ["encoder_self_bias"],
    )
    g.int64_outputs.add("encoder_bias_end")
    skip: str | None = None
    for i, block in enumerate(encoder.block):
        p = f"encoder.{i}"
        att = block.layer[0].SelfAttention
        x, h = g.norm(f"{p}.self_norm", block.layer[0].layer_norm, eps, h, skip)
        q, k, v = (g.matmul(x, f"{p}.self_{name}", getattr(att, name)) for name in ("q", "k", "v"))
        (attended,) = g.node(
            "MultiHeadAttention", [q, k, v, "", "encoder_attention_mask", bias], [f"{p}.self_att"], **mha
        )
        skip = g.matmul(attended, f"{p}.self_o", att.o)
        x, h = g.norm(f"{p}.ff_norm", block.layer[1].layer_norm, eps, h, skip)
        skip = _feed_forward(g, f"{p}.ff", block.layer[1].DenseReluDense, x)
    g.norm("encoder.final_norm", encoder.final_layer_norm, eps, h, skip, out="encoder_hidden_states")
    first_bias = g.weight("first_self_bias", reversed_decoder_bias(model, 1))
    _decoder(g, model, first_bias, first=True)
    inputs = [
        helper.make_tensor_value_info("encoder_input_ids", TensorProto.INT32, [BATCH, ENC_LEN]),
        helper.make_tensor_value_info("encoder_attention_mask", TensorProto.INT32, [BATCH, ENC_LEN]),
        helper.make_tensor_value_info("decoder_input_ids", TensorProto.INT32, [BATCH, 1]),
    ]
    outputs = [
        helper.make_tensor_value_info("logits", TensorProto.FLOAT, [BATCH, 1, cfg.vocab_size]),
        helper.make_tensor_value_info("encoder_hidden_states", TensorProto.FLOAT, [BATCH, ENC_LEN, cfg.d_model]),
        *_cache_infos(n, "present", "self", heads, d_kv, "1"),
        *_cache_infos(n, "present", "cross", heads, d_kv, ENC_LEN),
    ]
    return g.model("t5 encoder and decoder init", inputs, outputs)
