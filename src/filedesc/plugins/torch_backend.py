"""The ``torch`` backend: the model in PyTorch through transformers (greedy ``generate``).

Needs ``pip install 'filedesc[torch]'``; without torch it is listed as unavailable with that fix. It loads a
Hugging Face folder (``config.json``, ``model.safetensors``, ``tokenizer.json``): the shipped
``models/filedesc-small-torch`` or any ``filedesc train`` output (``--model DIR/model``). A LoRA adapter in an
``adapter/`` subfolder is applied on load. Never pickles, never ``trust_remote_code``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from filedesc import hookimpl
from filedesc.errors import ModelFileError
from filedesc.plugins.backend import Availability, BackendOptions, BackendSpec, RegisterBackend
from filedesc.plugins.curated import curated_model_id, describe_with_curated
from filedesc.prompt import DRAFT_FORMATS
from filedesc.runtime.model_folder import fingerprint, require_files, shipped_model_dir
from filedesc.runtime.onnx_seq2seq import NO_REPEAT_NGRAM_SIZE

FILES = ("config.json", "model.safetensors", "tokenizer.json")
ANSWER_FILES = (*FILES, "neighbours.jsonl.gz")
"""The files whose change changes the answers (a ``near`` model's examples included; absent ones are skipped)."""
MAX_INPUT = 48
"""Prompt tokens kept when the folder does not say (``filedesc_train.json`` records the length trained with)."""
MAX_NEW_TOKENS = 48


def _folder(options: BackendOptions) -> Path:
    """``model_path`` itself, or the PyTorch model inside it (``model/`` of a training run, ``merged/`` of adapt)."""
    if options.model_path is None:
        return shipped_model_dir("torch")
    for candidate in (options.model_path, options.model_path / "model", options.model_path / "merged"):
        if (candidate / "config.json").is_file() and (candidate / "model.safetensors").is_file():
            return candidate
    return options.model_path


class TorchBackend:
    """Greedy generation with ``T5ForConditionalGeneration``."""

    name = "torch"

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        from filedesc.runtime.tokenizer import PromptTokenizer

        require_files(folder, FILES)
        if threads:
            torch.set_num_threads(threads)
        try:
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(folder), local_files_only=True, trust_remote_code=False, use_safetensors=True
            )
        except Exception as exc:  # safetensors raises its own SafetensorError for a truncated file
            raise ModelFileError(
                folder / "model.safetensors", f"cannot be loaded ({exc})", "Re-export the model."
            ) from exc
        if (folder / "adapter" / "adapter_config.json").is_file():
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, str(folder / "adapter"), is_trainable=False)
        self.model: Any = model.float().eval()
        self.tokenizer = PromptTokenizer.from_file(folder / "tokenizer.json")
        self.max_input = trained_input_length(folder)
        self.model_id = f"torch:{folder.name}@{fingerprint(folder, ANSWER_FILES)}"
        self.model_id = curated_model_id(self.model_id)  # its answers change when the lexicon and rules do

    @property
    def takes_drafts(self) -> bool:
        """Whether the model post-edits a draft (``draft``/``near`` formats): ``describe_drafted`` uses its drafts."""
        return self.tokenizer.prompt_format in DRAFT_FORMATS

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        """Greedy-decode a description for each name (a draft model gets the rules' sentences as drafts)."""
        return self.describe_drafted(names, lang, [None] * len(names))

    def describe_drafted(self, names: Sequence[str], lang: str, drafts: Sequence[str | None]) -> list[str]:
        """Greedy-decode a description for each name, ``drafts[i]`` in its draft slot (``None``: the rules').

        Well-known names are answered from the lexicon (``plugins.curated``).
        """
        return describe_with_curated(names, lang, drafts, lambda todo, given: self.model_outputs(todo, lang, given))

    def model_outputs(self, names: Sequence[str], lang: str, drafts: Sequence[str | None] | None = None) -> list[str]:
        """The model's own greedy outputs for every name, no curated answers: what ONNX parity is checked against."""
        import torch

        from filedesc.runtime.batching import left_pad

        ids = self.tokenizer.encode_prompts(names, [lang] * len(names), self.max_input, drafts)
        input_ids, mask = left_pad(ids, self.tokenizer.pad_id)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=torch.tensor(input_ids),
                attention_mask=torch.tensor(mask),
                max_new_tokens=MAX_NEW_TOKENS,
                num_beams=1,
                do_sample=False,
                no_repeat_ngram_size=NO_REPEAT_NGRAM_SIZE,
            )
        return [self.tokenizer.decode(row[1:].tolist()) for row in out]


def trained_input_length(folder: Path) -> int:
    """The prompt length the model was trained with (a ``draft`` prompt is longer than a name), else ``MAX_INPUT``."""
    import json

    path = folder / "filedesc_train.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8")).get("config", {})
        return int(config.get("max_input_length", MAX_INPUT))
    except (OSError, ValueError, AttributeError, TypeError):
        return MAX_INPUT


def _availability(options: BackendOptions) -> Availability:
    missing = [m for m in ("torch", "transformers", "safetensors") if importlib.util.find_spec(m) is None]
    if missing:
        return Availability.no(f"{', '.join(missing)} not installed: pip install 'filedesc[torch]'")
    folder = _folder(options)
    absent = [name for name in FILES if not (folder / name).is_file()]
    if absent:
        return Availability.no(f"no model in {folder} ({', '.join(absent)} missing): pass --model DIR/model")
    return Availability.yes()


@hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    """Register ``torch``."""
    register(
        BackendSpec(
            name="torch",
            factory=lambda options: TorchBackend(_folder(options), options.threads),
            summary="The model in PyTorch (transformers); needs filedesc[torch]. Slow to start, for checks.",
            availability=_availability,
            priority=10,
        )
    )
