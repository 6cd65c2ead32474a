"""Padding helpers shared by the backends (plain lists, no numpy or torch needed)."""

from __future__ import annotations

from collections.abc import Sequence


def left_pad(rows: Sequence[Sequence[int]], pad_id: int) -> tuple[list[list[int]], list[list[int]]]:
    """Left-pad token rows to one width; returns (ids, attention mask).

    Left padding keeps every row's last real token in the same column, which the ONNX Runtime BeamSearch operator
    requires (it masks only leading pads) and which generate() handles too.
    """
    width = max((len(r) for r in rows), default=0)
    ids = [[pad_id] * (width - len(r)) + list(r) for r in rows]
    mask = [[0] * (width - len(r)) + [1] * len(r) for r in rows]
    return ids, mask


def length_sorted_chunks(lengths: Sequence[int], size: int, window: int | None = None) -> list[list[int]]:
    """Indices of rows grouped into chunks of at most ``size``, shortest rows first.

    A batched generation call pads every row to the longest prompt and decodes until its longest description
    ends, so rows of like length in one chunk waste the least work; short chunks also keep a long tail from
    holding a whole large batch back.

    ``window``: sort only within consecutive windows of that many rows (rows ``0..window-1``, then the next
    ``window``, ...), each window cut on its own; so a call of several windows makes exactly the chunks that one
    call per window would make. ``None``: one window, the whole batch.
    """
    step = max(1, size)
    span = len(lengths) if window is None else max(1, window)
    chunks: list[list[int]] = []
    for start in range(0, len(lengths), max(1, span)):
        stop = min(len(lengths), start + span)
        order = sorted(range(start, stop), key=lambda i: lengths[i])
        chunks += [order[i : i + step] for i in range(0, len(order), step)]
    return chunks
