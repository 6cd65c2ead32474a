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


def test_windows_make_the_chunks_of_one_call_per_window() -> None:
    lengths = [9, 2, 7, 2, 5, 11, 3, 1, 8, 4]
    windowed = length_sorted_chunks(lengths, 3, window=4)
    separate = [
        [start + i for i in c] for start in (0, 4, 8) for c in length_sorted_chunks(lengths[start : start + 4], 3)
    ]
    assert windowed == separate == [[1, 3, 2], [0], [7, 6, 4], [5], [9, 8]]
    assert length_sorted_chunks(lengths, 3, window=100) == length_sorted_chunks(lengths, 3)


@pytest.mark.slow
@pytest.mark.parametrize("one_call", [True, False])
def test_chunked_concurrent_batches_equal_names_alone(tiny_export: Path, one_call: bool) -> None:
    alone = OnnxSeq2Seq(tiny_export / "fp32", one_call=one_call)
    expected = [alone.generate([n], ["en"])[0] for n in NAMES]
    chunked = OnnxSeq2Seq(tiny_export / "fp32", one_call=one_call, workers=2, chunk_size=3)
    assert chunked.generate(NAMES, ["en"] * len(NAMES)) == expected
    assert chunked.generate(NAMES[::-1], ["en"] * len(NAMES)) == expected[::-1]


@pytest.mark.slow
def test_a_call_of_several_windows_equals_one_call_per_window(
    tiny_export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large call (``Describer`` sends several windows to a multi-worker backend) makes the chunks, so the
    descriptions, of one call per window; int8, where a chunk's rows share their activations' quantization."""
    from filedesc.runtime import onnx_seq2seq

    monkeypatch.setattr(onnx_seq2seq, "SORT_WINDOW", 5)
    names = [f"{stem}_{i}.py" for i, stem in enumerate(NAMES * 2)]
    model = OnnxSeq2Seq(tiny_export / "int8", workers=2, chunk_size=2)
    windows = [names[start : start + 5] for start in range(0, len(names), 5)]
    per_window = [d for window in windows for d in model.generate(window, ["fr"] * len(window))]
    assert model.generate(names, ["fr"] * len(names)) == per_window


def test_the_onnx_backend_asks_for_whole_windows_when_it_runs_workers() -> None:
    from filedesc.plugins.onnx_backend import CALL_WINDOWS, OnnxBackend
    from filedesc.runtime.model_folder import shipped_model_dir
    from filedesc.runtime.onnx_seq2seq import SORT_WINDOW
    from filedesc.service import BATCH_SIZE

    assert SORT_WINDOW == BATCH_SIZE  # a 64-name call is one window: the chunks, so the answers, of older versions
    assert OnnxBackend("int8", shipped_model_dir("int8"), threads=1).batch_size == SORT_WINDOW
    assert OnnxBackend("int8", shipped_model_dir("int8"), threads=2).batch_size == SORT_WINDOW * CALL_WINDOWS
