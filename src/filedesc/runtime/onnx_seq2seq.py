"""Run an exported model with ONNX Runtime alone (numpy + tokenizers; no torch, no transformers).

Two paths over the same folder: ``generation.onnx`` does the whole greedy or beam search in one
``session.run`` (the default: fastest), and ``encoder.onnx`` + ``decoder.onnx`` with a greedy loop in Python,
kept as a fallback and for checks. Sessions get explicit providers and thread counts; one intra-op thread gives
the lowest single-name latency on small models, more threads help large batches.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from filedesc.errors import ModelFileError
from filedesc.runtime.batching import left_pad, length_sorted_chunks
from filedesc.runtime.model_folder import RETRAIN_FIX, read_json, require_files
from filedesc.runtime.tokenizer import PromptTokenizer

log = logging.getLogger(__name__)

CONFIG_VERSION = 1
GENERATION_FILE = "generation.onnx"
CHUNK_SIZE = 8
"""Rows per generation call in a large batch (length-sorted). On 1,245 real names, int8, one thread (names per
CPU-second, shared machine): 4 to 12 rows 450-530, 16 445, 32 390, 64 290; a call runs until its longest row ends
and its int8 activations share one quantization scale, so short chunks of like rows waste the least."""
SORT_WINDOW = 64
"""Rows are length-sorted (and cut into chunks) within consecutive windows of this many names, never across them:
the int8 activations of a chunk share one quantization scale, so a name's description can depend on the rows it
shares a call with, and windows keep the chunks of a large call exactly those of one call per window (the size
``Describer`` sent before it sent larger calls), whatever the call size."""
STEP_FILES = ("encoder.onnx", "decoder.onnx")
NO_REPEAT_NGRAM_SIZE = 3
"""Greedy decoding never repeats a 3-gram: a small model otherwise falls into loops ("warming up the cache up the
cache up the cache ..."). ``filedesc export`` writes it into ``generation.onnx`` and ``config.json``, the torch
backend passes it to ``generate``, and the step loop below applies it; folders exported before it keep 0."""
REQUIRED_CONFIG = (
    "format",
    "format_version",
    "max_input_length",
    "max_output_length",
    "pad_token_id",
    "eos_token_id",
    "vocab_size",
    "quantization",
)


def load_config(folder: Path) -> dict[str, Any]:
    """Read and check ``config.json``; every problem names the file and the fix."""
    path = folder / "config.json"
    config = read_json(path)
    missing = [key for key in REQUIRED_CONFIG if key not in config]
    if missing:
        raise ModelFileError(path, f"lacks {', '.join(missing)}", RETRAIN_FIX)
    if config["format"] != "filedesc-onnx" or config["format_version"] != CONFIG_VERSION:
        raise ModelFileError(
            path,
            f"is format {config['format']!r} v{config['format_version']}, this filedesc reads "
            f"'filedesc-onnx' v{CONFIG_VERSION}",
            "Re-export the model with this version's `filedesc export`.",
        )
    return config


def session_options(threads: int) -> Any:
    """Latency-minded session options: all graph optimisations, sequential execution, fixed thread counts."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return options


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    try:
        return ort.InferenceSession(
            str(path), sess_options=session_options(threads), providers=["CPUExecutionProvider"]
        )
    except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf/... types
        raise ModelFileError(
            path, f"ONNX Runtime cannot load it ({str(exc).splitlines()[0][:200]})", RETRAIN_FIX
        ) from exc


class OnnxSeq2Seq:
    """An exported model folder, ready to generate descriptions."""

    def __init__(
        self, folder: Path, threads: int = 1, one_call: bool = True, workers: int = 1, chunk_size: int = CHUNK_SIZE
    ) -> None:
        """Load ``folder``: ``threads`` intra-op threads a call; ``workers`` calls at once for large batches.

        One intra-op thread gives the lowest latency at one name; a large batch is cut into length-sorted chunks
        of ``chunk_size`` and up to ``workers`` of them run at once (ONNX Runtime sessions take concurrent
        ``run`` calls, each on its calling thread), which uses several cores without any thread pool spinning.
        """
        started = time.perf_counter()
        self.folder = folder
        self.workers = max(1, workers)
        self.chunk_size = max(1, chunk_size)
        self._pool: Any = None
        self._scalar_feeds: dict[tuple[int, int, int], dict[str, np.ndarray]] = {}
        self.config = load_config(folder)
        require_files(folder, ("tokenizer.json",))
        try:
            self.tokenizer = PromptTokenizer.from_file(folder / "tokenizer.json")
        except Exception as exc:
            raise ModelFileError(folder / "tokenizer.json", f"cannot be read ({exc})", RETRAIN_FIX) from exc
        if self.tokenizer.vocab_size > int(self.config["vocab_size"]):
            raise ModelFileError(
                folder / "tokenizer.json",
                f"has {self.tokenizer.vocab_size} tokens but the model only "
                f"{self.config['vocab_size']}: the tokenizer does not belong to this model",
                RETRAIN_FIX,
            )
        self._start = int(self.config.get("decoder_start_token_id", self.tokenizer.pad_id))
        self.one_call = one_call and (folder / GENERATION_FILE).is_file()
        if self.one_call:
            require_files(folder, (GENERATION_FILE,))
            self._generation = _session(folder / GENERATION_FILE, threads)
        else:
            require_files(folder, STEP_FILES)
            self._encoder = _session(folder / "encoder.onnx", threads)
            self._decoder = _session(folder / "decoder.onnx", threads)
        log.debug("loaded %s in %.0f ms", folder, 1000 * (time.perf_counter() - started))

    def generate(
        self,
        names: Sequence[str],
        langs: Sequence[str],
        num_beams: int = 1,
        min_tokens: int = 0,
        max_tokens: int | None = None,
        drafts: Sequence[str | None] | None = None,
    ) -> list[str]:
        """Descriptions of already normalised ``names`` (one language each), greedy unless ``num_beams`` > 1.

        ``min_tokens`` / ``max_tokens`` bound the generated length (benchmarks force a fixed length with both);
        they need ``generation.onnx``. ``drafts`` fills the draft slot of a ``draft``-format model (``None``: the
        rules' sentence); other formats ignore it.
        """
        if not names:
            return []
        if num_beams != 1 and not self.one_call:
            raise ValueError("beam search needs generation.onnx; this folder only has the step graphs")
        rows = self.tokenizer.encode_prompts(names, langs, int(self.config["max_input_length"]), drafts)
        chunks = length_sorted_chunks([len(r) for r in rows], self.chunk_size, SORT_WINDOW)

        def run(chunk: list[int]) -> list[str]:
            ids, mask = left_pad([rows[i] for i in chunk], self.tokenizer.pad_id)
            input_ids, attention = np.asarray(ids, dtype=np.int32), np.asarray(mask, dtype=np.int32)
            if self.one_call:
                sequences = self._run_one_call(input_ids, attention, num_beams, min_tokens, max_tokens)
            else:
                sequences = self._run_loop(input_ids, attention)
            return self.tokenizer.decode_batch([self._strip_start(row) for row in sequences])

        out = [""] * len(rows)
        if len(chunks) > 1 and self.workers > 1:
            # longest prompts first (they tend to decode longest): the short chunks left at the end keep both
            # workers busy to the last, instead of one long chunk running alone; each worker decodes its own chunk
            chunks.sort(key=lambda chunk: -len(rows[chunk[-1]]))
            results = list(self._executor().map(run, chunks))
        else:
            results = [run(chunk) for chunk in chunks]
        for chunk, texts in zip(chunks, results, strict=True):
            for index, text in zip(chunk, texts, strict=True):
                out[index] = text
        return out

    def _executor(self) -> Any:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="filedesc-onnx")
        return self._pool

    def _strip_start(self, row: Sequence[int]) -> Sequence[int]:
        first = 0
        while first < len(row) and row[first] == self._start:
            first += 1
        return row[first:]

    def _run_one_call(
        self, input_ids: np.ndarray, attention: np.ndarray, num_beams: int, min_tokens: int, max_tokens: int | None
    ) -> list[list[int]]:
        longest = int(self.config["max_output_length"]) if max_tokens is None else max_tokens
        if "max_decoder_positions" in self.config:  # the graphs' position-bias table ends there
            longest = min(longest, int(self.config["max_decoder_positions"]) - 1)
        feeds = {"input_ids": input_ids, "attention_mask": attention}
        feeds.update(self._search_feeds(longest, min_tokens, num_beams))
        sequences = self._generation.run(["sequences"], feeds)[0]
        rows: list[list[int]] = sequences[:, 0, : longest + 1].tolist()
        return rows

    def _search_feeds(self, longest: int, min_tokens: int, num_beams: int) -> dict[str, np.ndarray]:
        """The search's scalar inputs, made once per setting (read-only, shared by concurrent calls)."""
        key = (longest, min_tokens, num_beams)
        feeds = self._scalar_feeds.get(key)
        if feeds is None:
            feeds = {
                # lengths count the decoder start token
                # ORT's T5 BeamSearch reads garbage ids when asked for one token (max_length 2): ask for two, cut
                "max_length": np.array([max(longest, 2) + 1], dtype=np.int32),
                "min_length": np.array([max(1, min_tokens + 1)], dtype=np.int32),
                "num_beams": np.array([num_beams], dtype=np.int32),
                "num_return_sequences": np.array([1], dtype=np.int32),
                "length_penalty": np.array([1.0], dtype=np.float32),
                "repetition_penalty": np.array([1.0], dtype=np.float32),
            }
            for array in feeds.values():
                array.flags.writeable = False
            self._scalar_feeds[key] = feeds
        return feeds

    def _run_loop(self, input_ids: np.ndarray, attention: np.ndarray) -> list[list[int]]:
        batch = input_ids.shape[0]
        start = int(self.config.get("decoder_start_token_id", self.tokenizer.pad_id))
        tokens = np.full((batch, 1), start, dtype=np.int32)
        enc_out = self._encoder.run(
            None, {"encoder_input_ids": input_ids, "encoder_attention_mask": attention, "decoder_input_ids": tokens}
        )
        n_cache = (len(enc_out) - 2) // 2  # self caches, then as many cross caches
        past_self, cross = enc_out[2 : 2 + n_cache], enc_out[2 + n_cache :]
        self_names = [i.name for i in self._decoder.get_inputs()[2 : 2 + n_cache]]
        cross_names = [i.name for i in self._decoder.get_inputs()[2 + n_cache :]]
        logits = enc_out[0]
        out: list[list[int]] = [[] for _ in range(batch)]
        done = np.zeros(batch, dtype=bool)
        ngram = int(self.config.get("no_repeat_ngram_size", 0))
        for _ in range(int(self.config["max_output_length"])):
            scores = logits[:, -1, :]
            if ngram > 0:
                scores = scores.copy()
                for index in np.nonzero(~done)[0]:  # finished rows' tokens are never read
                    banned = repeated_ngram_ends([start, *out[int(index)]], ngram)
                    if banned:
                        scores[index, banned] = -np.inf
            next_ids = scores.argmax(-1).astype(np.int32)
            for row in np.nonzero(~done)[0]:
                out[row].append(int(next_ids[row]))
            done |= next_ids == self.tokenizer.eos_id
            if done.all():
                break
            feeds = {
                "input_ids": next_ids[:, None],
                "encoder_attention_mask": attention,
                **dict(zip(self_names, past_self, strict=True)),
                **dict(zip(cross_names, cross, strict=True)),
            }
            step = self._decoder.run(None, feeds)
            logits, past_self = step[0], step[1:]
        return out


def repeated_ngram_ends(tokens: Sequence[int], size: int) -> list[int]:
    """Tokens that would complete an n-gram of ``size`` already in ``tokens`` (as transformers' no-repeat rule)."""
    if size <= 0 or len(tokens) < size:
        return []
    prefix = tuple(tokens[len(tokens) - size + 1 :])
    return [
        int(tokens[i + size - 1]) for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size - 1]) == prefix
    ]
