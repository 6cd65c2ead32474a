"""T5 written out as the two graphs ONNX Runtime's ``BeamSearch`` operator drives (``model_type=1``, T5).

Hugging Face's T5 passes cache objects between steps that do not export cleanly; these wrappers do the same
arithmetic on the same weights with plain tensors and the exact input/output names and ordering that
``onnxruntime/contrib_ops/cpu/transformers/subgraph_t5_{encoder,decoder}.cc`` validate:

- ``EncoderDecoderInit``: (encoder_input_ids, encoder_attention_mask, decoder_input_ids: int32) -> logits,
  encoder_hidden_states, present_{key,value}_self_i (length 1), present_{key,value}_cross_i.
- ``DecoderStep``: (input_ids, encoder_attention_mask: int32, past_{key,value}_self_i, past_{key,value}_cross_i)
  -> logits, present_{key,value}_self_i (length + 1).

Self-attention caches for every layer come before the cross-attention ones, keys before values, as the operator
copies them by position. The decoder's relative-position bias depends only on how far back a key is, so it is
computed once at export into a table (``MAX_DECODER_POSITIONS`` distances) and each step slices it: one ``Slice``
instead of the bucket arithmetic (about twenty small nodes per step, which cost more than the matrix products at
this size). The same two graphs also run in a plain Python loop (``filedesc.runtime.onnx_seq2seq``),
which is what the parity test compares with ``transformers``' own ``generate``.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

MAX_DECODER_POSITIONS = 512
"""Decoder steps the exported graphs can take (the position-bias table's length; generation is cut below it)."""


def _rms_norm(layer_norm: Any, x: torch.Tensor) -> torch.Tensor:
    variance = x.pow(2).mean(-1, keepdim=True)
    out: torch.Tensor = layer_norm.weight * (x * torch.rsqrt(variance + layer_norm.variance_epsilon))
    return out


def _heads(x: torch.Tensor, n_heads: int, d_kv: int) -> torch.Tensor:
    """[B, T, H*dk] -> [B, H, T, dk]."""
    return x.view(x.shape[0], -1, n_heads, d_kv).transpose(1, 2)


def _merge(x: torch.Tensor) -> torch.Tensor:
    """[B, H, T, dk] -> [B, T, H*dk]."""
    return x.transpose(1, 2).reshape(x.shape[0], x.shape[2], -1)


def _attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    scores = torch.matmul(q, k.transpose(-1, -2)) + bias  # T5 does not scale by sqrt(d_kv)
    return torch.matmul(torch.softmax(scores, dim=-1), v)


def _feed_forward(ff_layer: Any, x: torch.Tensor) -> torch.Tensor:
    dense = ff_layer.DenseReluDense
    h = _rms_norm(ff_layer.layer_norm, x)
    if hasattr(dense, "wi_0"):  # gated-gelu (T5 v1.1, flan-t5)
        h = dense.act(dense.wi_0(h)) * dense.wi_1(h)
    else:
        h = dense.act(dense.wi(h))
    out: torch.Tensor = x + dense.wo(h)
    return out


def _decoder_bias_table(model: Any, length: int) -> torch.Tensor:
    """[heads, length]: column ``length - 1 - d`` holds the self-attention bias of a key ``d`` steps back."""
    rel_att = model.decoder.block[0].layer[0].SelfAttention
    with torch.no_grad():
        distances = torch.arange(length - 1, -1, -1, dtype=torch.int64)  # column k: distance length - 1 - k
        buckets = rel_att._relative_position_bucket(
            -distances,  # memory position minus query position
            bidirectional=False,
            num_buckets=rel_att.relative_attention_num_buckets,
            max_distance=rel_att.relative_attention_max_distance,
        )
        table: torch.Tensor = rel_att.relative_attention_bias(buckets).transpose(0, 1).detach().clone()
    return table


def _mask_bias(mask: torch.Tensor) -> torch.Tensor:
    """int32 [B, S] (1 keep, 0 pad) -> additive float bias [B, 1, 1, S]."""
    return ((1.0 - mask.to(torch.float32)) * torch.finfo(torch.float32).min)[:, None, None, :]


class _T5Parts(nn.Module):
    def __init__(self, model: Any) -> None:
        super().__init__()
        self.model = model
        cfg = model.config
        self.n_heads, self.d_kv = cfg.num_heads, cfg.d_kv
        self.scale_logits = cfg.tie_word_embeddings
        self.d_model = cfg.d_model
        self.register_buffer("self_bias_table", _decoder_bias_table(model, MAX_DECODER_POSITIONS), persistent=False)

    def encode(self, input_ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        enc = self.model.encoder
        h = self.model.shared(input_ids.to(torch.int64))
        length = input_ids.shape[1]
        bias = enc.block[0].layer[0].SelfAttention.compute_bias(length, length, device=h.device) + _mask_bias(mask)
        for block in enc.block:
            att = block.layer[0].SelfAttention
            x = _rms_norm(block.layer[0].layer_norm, h)
            q, k, v = (_heads(p(x), self.n_heads, self.d_kv) for p in (att.q, att.k, att.v))
            h = h + att.o(_merge(_attend(q, k, v, bias)))
            h = _feed_forward(block.layer[1], h)
        return _rms_norm(enc.final_layer_norm, h)

    def cross_kv(self, hidden: torch.Tensor) -> list[torch.Tensor]:
        out: list[torch.Tensor] = []
        for block in self.model.decoder.block:
            att = block.layer[1].EncDecAttention
            out += [_heads(att.k(hidden), self.n_heads, self.d_kv), _heads(att.v(hidden), self.n_heads, self.d_kv)]
        return out

    def decode_step(
        self,
        input_ids: torch.Tensor,
        enc_mask: torch.Tensor,
        past_self: list[torch.Tensor] | None,
        cross: list[torch.Tensor],
    ) -> tuple[torch.Tensor, list[torch.Tensor]]:
        dec = self.model.decoder
        h = self.model.shared(input_ids.to(torch.int64))  # [B, 1, D]
        past_len = 0 if past_self is None else past_self[0].shape[2]
        table: torch.Tensor = self.self_bias_table  # type: ignore[assignment]
        self_bias = table[:, MAX_DECODER_POSITIONS - 1 - past_len :][None, :, None, :]  # keys 0..T: [1, H, 1, T+1]
        cross_bias = _mask_bias(enc_mask)
        presents: list[torch.Tensor] = []
        for i, block in enumerate(dec.block):
            att = block.layer[0].SelfAttention
            x = _rms_norm(block.layer[0].layer_norm, h)
            q, k, v = (_heads(p(x), self.n_heads, self.d_kv) for p in (att.q, att.k, att.v))
            if past_self is not None:
                k = torch.cat([past_self[2 * i], k], dim=2)
                v = torch.cat([past_self[2 * i + 1], v], dim=2)
            presents += [k, v]
            h = h + att.o(_merge(_attend(q, k, v, self_bias)))
            cross_att = block.layer[1].EncDecAttention
            x = _rms_norm(block.layer[1].layer_norm, h)
            q = _heads(cross_att.q(x), self.n_heads, self.d_kv)
            h = h + cross_att.o(_merge(_attend(q, cross[2 * i], cross[2 * i + 1], cross_bias)))
            h = _feed_forward(block.layer[2], h)
        h = _rms_norm(dec.final_layer_norm, h)
        if self.scale_logits:
            h = h * (self.d_model**-0.5)
        return self.model.lm_head(h), presents


class EncoderDecoderInit(_T5Parts):
    """Encoder plus the first decoder step, in the operator's "old format" (3 inputs)."""

    def forward(
        self, encoder_input_ids: torch.Tensor, encoder_attention_mask: torch.Tensor, decoder_input_ids: torch.Tensor
    ) -> tuple[torch.Tensor, ...]:
        """Return logits, encoder states, the self caches (length 1) and the cross caches."""
        hidden = self.encode(encoder_input_ids, encoder_attention_mask)
        cross = self.cross_kv(hidden)
        logits, presents = self.decode_step(decoder_input_ids, encoder_attention_mask, None, cross)
        return (logits, hidden, *presents, *cross)


class DecoderStep(_T5Parts):
    """One decoder step with the self-attention cache growing by one."""

    def forward(
        self, input_ids: torch.Tensor, encoder_attention_mask: torch.Tensor, *past: torch.Tensor
    ) -> tuple[torch.Tensor, ...]:
        """Return logits and the self caches grown by one step."""
        n = len(self.model.decoder.block)
        past_self, cross = list(past[: 2 * n]), list(past[2 * n :])
        logits, presents = self.decode_step(input_ids, encoder_attention_mask, past_self, cross)
        return (logits, *presents)


def cache_names(n_layers: int, prefix: str) -> tuple[list[str], list[str]]:
    """(self names, cross names) for ``prefix`` 'past' or 'present', in the operator's order."""
    self_names = [f"{prefix}_{kind}_self_{i}" for i in range(n_layers) for kind in ("key", "value")]
    cross_names = [f"{prefix}_{kind}_cross_{i}" for i in range(n_layers) for kind in ("key", "value")]
    return self_names, cross_names
