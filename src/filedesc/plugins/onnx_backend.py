"""The ONNX backends: ``onnx-int8`` (the default), ``onnx-int4`` and ``onnx-fp32``; no torch involved.

Each loads the shipped ``models/filedesc-small-<quant>`` folder, or the folder given as ``model_path``: either an
exported folder itself or the root ``filedesc export`` wrote (then ``<root>/<quant>`` is used), so a model trained
with ``filedesc train`` and exported with ``filedesc export`` is used without code changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from filedesc import hookimpl
from filedesc.plugins.backend import Availability, BackendOptions, BackendSpec, RegisterBackend
from filedesc.plugins.curated import curated_model_id, describe_with_curated
from filedesc.prompt import DRAFT_FORMATS
from filedesc.runtime.model_folder import fingerprint, shipped_model_dir

QUANTS = {"int8": 100, "int4": 90, "fp32": 80}
"""Quantization -> priority for the default backend (int8: smallest error for its speed)."""

THREADS_ENV = "FILEDESC_THREADS"
MAX_DEFAULT_WORKERS = 2
"""Cores a large batch uses unless told (``--threads`` / FILEDESC_THREADS): a file explorer's folder of 1,000 names
is the case that needs them, and one name never uses more than one."""


CALL_WINDOWS = 4
"""With several workers, ``Describer`` hands this many sort windows (``onnx_seq2seq.SORT_WINDOW`` names each) per
call: a call's chunks keep every worker busy until its last few, where one call per window left a worker idle
while the other ran the window's longest chunk. Windows keep the chunks, so the descriptions, those of 64-name
calls. Four windows (256 names, ~0.3 s on 2 cores) keep progress reports and cancellation checks frequent."""


def default_workers() -> int:
    """Concurrent generation calls for large batches: the cores this process may use, at most 2."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_WORKERS, cores))


def model_folder(quant: str, options: BackendOptions) -> Path:
    """The folder ``onnx-<quant>`` loads."""
    root = options.model_path
    if root is None:
        return shipped_model_dir(quant)
    if not (root / "config.json").is_file() and (root / quant / "config.json").is_file():
        return root / quant
    return root


class OnnxBackend:
    """Greedy descriptions from an exported folder through ONNX Runtime."""

    def __init__(self, quant: str, folder: Path, threads: int | None) -> None:
        from filedesc.runtime.onnx_seq2seq import GENERATION_FILE, SORT_WINDOW, STEP_FILES, OnnxSeq2Seq
        from filedesc.runtime.retrieval_index import NEIGHBOURS_FILE

        self.name = f"onnx-{quant}"
        # one intra-op thread a call (lowest latency at one name); the cores go to concurrent chunks of a batch
        count = threads or int(os.environ.get(THREADS_ENV, "0")) or default_workers()
        from filedesc.runtime.word_constraint import WordsOnlySeq2Seq, words_only_enabled

        words_only = words_only_enabled()  # FILEDESC_WORDS_ONLY=1: word-constrained step loop (issue 18), opt-in
        self.model = (WordsOnlySeq2Seq if words_only else OnnxSeq2Seq)(folder, threads=1, workers=count)
        self.batch_size = SORT_WINDOW * (CALL_WINDOWS if self.model.workers > 1 else 1)
        """Names per ``Describer`` call (see ``CALL_WINDOWS``)."""
        files = ("config.json", "tokenizer.json", GENERATION_FILE, *STEP_FILES, NEIGHBOURS_FILE)
        self.model_id = f"{self.model.config.get('name', folder.name)}-{quant}@{fingerprint(folder, files)}"
        if words_only:
            self.model_id += "+words-only"
        self.model_id = curated_model_id(self.model_id)  # its answers change when the lexicon and rules do

    @property
    def takes_drafts(self) -> bool:
        """Whether the model post-edits a draft (``draft``/``near`` formats): ``describe_drafted`` uses its drafts."""
        return self.model.tokenizer.prompt_format in DRAFT_FORMATS

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        """Describe a batch in one language (well-known names from the lexicon: ``plugins.curated``)."""
        return self.describe_drafted(names, lang, [None] * len(names))

    def describe_drafted(self, names: Sequence[str], lang: str, drafts: Sequence[str | None]) -> list[str]:
        """Like ``describe``, ``drafts[i]`` in the draft slot of ``names[i]`` (``None``: the rules' sentence)."""

        def run(todo: list[str], given: list[str | None]) -> list[str]:
            return self.model.generate(todo, [lang] * len(todo), drafts=given)

        return describe_with_curated(names, lang, drafts, run)


def _availability(quant: str) -> Callable[[BackendOptions], Availability]:
    def check(options: BackendOptions) -> Availability:
        folder = model_folder(quant, options)
        if not (folder / "config.json").is_file():
            return Availability.no(
                f"{folder / 'config.json'}: missing, so no {quant} model there; "
                "export one with `filedesc export` and pass --model"
            )
        return Availability.yes()

    return check


def _factory(quant: str) -> Callable[[BackendOptions], OnnxBackend]:
    def build(options: BackendOptions) -> OnnxBackend:
        return OnnxBackend(quant, model_folder(quant, options), options.threads)

    return build


@hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    """Register ``onnx-int8``, ``onnx-int4`` and ``onnx-fp32``."""
    for quant, priority in QUANTS.items():
        register(
            BackendSpec(
                name=f"onnx-{quant}",
                factory=_factory(quant),
                summary=f"The model, {quant}, on ONNX Runtime (no torch).",
                availability=_availability(quant),
                priority=priority,
            )
        )
