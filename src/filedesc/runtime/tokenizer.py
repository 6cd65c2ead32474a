"""The tokenizer wrapper shared by training and serving: prompt in, token ids out, and back.

Loaded with ``tokenizers`` alone (no transformers), from the ``tokenizer.json`` beside a model. Training encodes
its inputs and targets through this same class, so the ids the model learned are the ids it is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tokenizers import Tokenizer

from filedesc.prompt import LANGUAGES, build_prompt

PAD = "<pad>"
EOS = "</s>"
UNK = "<unk>"
LANG_TOKENS: tuple[str, ...] = tuple(f"<{lang}>" for lang in LANGUAGES)
SPECIAL_TOKENS: tuple[str, ...] = (PAD, EOS, UNK, *LANG_TOKENS)
"""Our own tokenizers give these ids 0..4 (T5 wants pad=0, also the decoder start, and eos=1); a base model's
tokenizer keeps its own ids and gets the language tags added."""
WORDS_MARKER = "<words>"
"""A special token that a tokenizer trained on ``words`` prompts carries (id 5): the model folder thereby says which
prompt format it expects, so older folders (without it) keep the ``name`` format."""


class PromptTokenizer:
    """Encodes prompts and descriptions; decodes generated ids."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self.tokenizer = tokenizer
        missing = [tok for tok in (PAD, EOS, *LANG_TOKENS) if tokenizer.token_to_id(tok) is None]
        if missing:
            raise ValueError(f"tokenizer lacks the special tokens {missing}; it was not made for filedesc")
        self.pad_id: int = tokenizer.token_to_id(PAD)
        self.eos_id: int = tokenizer.token_to_id(EOS)
        self.prompt_format = "words" if tokenizer.token_to_id(WORDS_MARKER) is not None else "name"

    @classmethod
    def from_file(cls, path: Path | str) -> PromptTokenizer:
        """Load ``tokenizer.json``."""
        return cls(Tokenizer.from_file(str(path)))

    @property
    def vocab_size(self) -> int:
        """Number of ids, special tokens included."""
        return int(self.tokenizer.get_vocab_size(with_added_tokens=True))

    def encode_prompt(self, name: str, lang: str, max_length: int) -> list[int]:
        """Ids of the prompt for an already normalised ``name``, cut to ``max_length`` including the final eos."""
        ids = self.tokenizer.encode(build_prompt(name, lang, self.prompt_format), add_special_tokens=False).ids
        return [*ids[: max_length - 1], self.eos_id]

    def encode_prompts(self, names: Sequence[str], langs: Sequence[str], max_length: int) -> list[list[int]]:
        """Batch form of ``encode_prompt`` (one call into the Rust tokenizer)."""
        prompts = [build_prompt(n, lang, self.prompt_format) for n, lang in zip(names, langs, strict=True)]
        encodings = self.tokenizer.encode_batch(prompts, add_special_tokens=False)
        return [[*e.ids[: max_length - 1], self.eos_id] for e in encodings]

    def encode_target(self, text: str, max_length: int) -> list[int]:
        """Ids of a description, cut to ``max_length`` including the final eos."""
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        return [*ids[: max_length - 1], self.eos_id]

    def decode(self, ids: Sequence[int]) -> str:
        """Text of generated ids, stopping at eos, special tokens dropped."""
        out: list[int] = []
        for i in ids:
            if i == self.eos_id:
                break
            out.append(int(i))
        return str(self.tokenizer.decode(out, skip_special_tokens=True)).strip()
