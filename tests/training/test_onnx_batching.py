"""Large batches: length-sorted chunks, run concurrently, come back in the caller's order and unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.runtime.batching import length_sorted_chunks
from filedesc.runtime.onnx_seq2seq import OnnxSeq2Seq
from filedesc.training.parity import PROBE_NAMES

NAMES = ["extract_logs.sh", "load_users.sh", "parseEvents.sh", "checkReports.sh", *PROBE_NAMES]


def test_chunks_group_like_lengths_and_cover_every_row() -> None:
    lengths = [9, 2, 7, 2, 5, 11, 3]
    chunks = length_sorted_chunks(lengths, 3)
    assert [len(c) for c in chunks] == [3, 3, 1]
    assert sorted(i for c in chunks for i in c) == list(range(len(lengths)))
    assert [[lengths[i] for i in c] for c in chunks] == [[2, 2, 3], [5, 7, 9], [11]]
    assert length_sorted_chunks([], 4) == []
    assert length_sorted_chunks([1, 2], 0) == [[0], [1]]  # a size below 1 still makes progress


@pytest.mark.slow
@pytest.mark.parametrize("one_call", [True, False])
def test_chunked_concurrent_batches_equal_names_alone(tiny_export: Path, one_call: bool) -> None:
    alone = OnnxSeq2Seq(tiny_export / "fp32", one_call=one_call)
    expected = [alone.generate([n], ["en"])[0] for n in NAMES]
    chunked = OnnxSeq2Seq(tiny_export / "fp32", one_call=one_call, workers=2, chunk_size=3)
    assert chunked.generate(NAMES, ["en"] * len(NAMES)) == expected
    assert chunked.generate(NAMES[::-1], ["en"] * len(NAMES)) == expected[::-1]
