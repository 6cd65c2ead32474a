"""The tokenizer wrapper shared by training and serving: prompt in, token ids out, and back.

Loaded with ``tokenizers`` alone (no transformers), from the ``tokenizer.json`` beside a model. Training encodes
its inputs and targets through this same class, so the ids the model learned are the ids it is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tokenizers import Tokenizer

from filedesc.prompt import DRAFT_SEPARATOR, LANGUAGES, build_prompt

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
DRAFT_MARKER = DRAFT_SEPARATOR
"""The ``draft`` format's separator, a special token of the tokenizers trained on ``draft`` prompts (id 5): its
presence says the folder wants a draft after the name (see ``filedesc.prompt.build_prompt``)."""


def format_of(tokenizer: Tokenizer) -> str:
    """The prompt format a tokenizer was trained for, read from its marker token (none: ``name``)."""
    if tokenizer.token_to_id(DRAFT_MARKER) is not None:
        return "draft"
    if tokenizer.token_to_id(WORDS_MARKER) is not None:
        return "words"
    return "name"


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
        self.prompt_format = format_of(tokenizer)

    @classmethod
    def from_file(cls, path: Path | str) -> PromptTokenizer:
        """Load ``tokenizer.json``."""
        return cls(Tokenizer.from_file(str(path)))

    @property
    def vocab_size(self) -> int:
        """Number of ids, special tokens included."""
        return int(self.tokenizer.get_vocab_size(with_added_tokens=True))

    def encode_prompt(self, name: str, lang: str, max_length: int, draft: str | None = None) -> list[int]:
        """Ids of the prompt for an already normalised ``name``, cut to ``max_length`` including the final eos.

        ``draft`` matters for a ``draft``-format tokenizer only: the sentence to post-edit, ``None`` for the rules'.
        """
        return self.encode_prompts([name], [lang], max_length, [draft])[0]

    def prompts(
        self, names: Sequence[str], langs: Sequence[str], drafts: Sequence[str | None] | None = None
    ) -> list[str]:
        """The prompt texts, in this tokenizer's format (the rules' draft wherever ``drafts`` gives none)."""
        if drafts is None:
            drafts = [None] * len(names)
        return [
            build_prompt(n, lang, self.prompt_format, draft)
            for n, lang, draft in zip(names, langs, drafts, strict=True)
        ]

    def encode_prompts(
        self,
        names: Sequence[str],
        langs: Sequence[str],
        max_length: int,
        drafts: Sequence[str | None] | None = None,
    ) -> list[list[int]]:
        """Batch form of ``encode_prompt`` (one call into the Rust tokenizer).

        One prompt is encoded with ``encode``: ``encode_batch`` hands even a single item to the tokenizers thread
        pool, a thread wake-up that costs a single-name call more than the encoding itself. Same ids either way.
        """
        prompts = self.prompts(names, langs, drafts)
        if len(prompts) == 1:
            encodings = [self.tokenizer.encode(prompts[0], add_special_tokens=False)]
        else:
            encodings = self.tokenizer.encode_batch(prompts, add_special_tokens=False)
        return [[*e.ids[: max_length - 1], self.eos_id] for e in encodings]

    def encode_target(self, text: str, max_length: int) -> list[int]:
        """Ids of a description, cut to ``max_length`` including the final eos."""
        ids = self.tokenizer.encode(text, add_special_tokens=False).ids
        return [*ids[: max_length - 1], self.eos_id]

    def decode(self, ids: Sequence[int]) -> str:
        """Text of generated ids, stopping at eos, special tokens dropped."""
        return self.decode_batch([ids])[0]

    def decode_batch(self, rows: Sequence[Sequence[int]]) -> list[str]:
        """``decode`` of every row, on the calling thread.

        Row by row on purpose: the tokenizers ``decode_batch`` spreads its rows over a thread pool, which would
        take a core from the generation call running beside it (see ``OnnxSeq2Seq.generate``) to save microseconds.
        """
        decode = self.tokenizer.decode
        return [str(decode(_until(row, self.eos_id), skip_special_tokens=True)).strip() for row in rows]


def _until(ids: Sequence[int], stop: int) -> list[int]:
    """``ids`` up to (without) the first ``stop``, as plain ints."""
    out = [int(i) for i in ids]
    try:
        return out[: out.index(stop)]
    except ValueError:
        return out
