"""Train the byte-level BPE tokenizer on names and descriptions.

    filedesc train --data DIR --out DIR          (trains the tokenizer first when the base has none)

Byte-level BPE round-trips every string (accented French, ``{ } [ ] /``, tabs, emoji) with no unknown token, and
a pre-split at camelCase and acronym boundaries gives ``getUserInfo`` the pieces ``get User Info``, so the model
sees the same words whatever the naming style. The special tokens come first with fixed ids (see
``filedesc.runtime.tokenizer``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

from filedesc.prompt import PROMPT_FORMATS
from filedesc.runtime.tokenizer import DRAFT_MARKER, NEAR_MARKER, SPECIAL_TOKENS, WORDS_MARKER, PromptTokenizer

CASE_BOUNDARY = r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])"
"""Split ``getUser`` before ``U`` and ``HTTPResponse`` before ``R``."""


FORMAT_MARKERS: dict[str, tuple[str, ...]] = {
    "words": (WORDS_MARKER,),
    "draft": (DRAFT_MARKER,),
    "near": (DRAFT_MARKER, NEAR_MARKER),
}


def new_tokenizer() -> Tokenizer:
    """An untrained tokenizer with the project's normaliser, pre-tokeniser and decoder."""
    tok = Tokenizer(models.BPE(unk_token=None))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(CASE_BOUNDARY), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    return tok


def train_tokenizer(
    texts: Iterable[str],
    vocab_size: int,
    out: Path | None = None,
    prompt_format: str = "name",
    extra_special: tuple[str, ...] = (),
) -> PromptTokenizer:
    """Train on ``texts`` (prompts and descriptions), save ``tokenizer.json`` in ``out`` if given.

    A ``words`` tokenizer carries :data:`WORDS_MARKER` and a ``draft`` one :data:`DRAFT_MARKER`, so whoever loads
    it writes prompts the same way. ``extra_special`` tokens come after those (the pretraining stage's mask), so the
    ids of the special tokens and markers stay the same.
    """
    if prompt_format not in PROMPT_FORMATS:
        raise ValueError(f"unknown prompt format {prompt_format!r}")
    tok = new_tokenizer()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=[*SPECIAL_TOKENS, *FORMAT_MARKERS.get(prompt_format, ()), *extra_special],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    wrapped = PromptTokenizer(tok)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        tok.save(str(out / "tokenizer.json"))
    return wrapped
