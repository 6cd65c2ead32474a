"""The tokenizer wrapper shared by training and serving: prompt in, token ids out, and back.

Loaded with ``tokenizers`` alone (no transformers), from the ``tokenizer.json`` beside a model. Training encodes
its inputs and targets through this same class, so the ids the model learned are the ids it is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tokenizers import Tokenizer

from filedesc.errors import ModelFileError
from filedesc.prompt import DRAFT_SEPARATOR, LANGUAGES, NEAR_SEPARATOR, build_prompt, neighbour_hint
from filedesc.runtime.retrieval_index import NEIGHBOURS_FILE, RetrievalIndex

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
NEAR_MARKER = NEAR_SEPARATOR
"""The ``near`` format's second separator (id 6 after the draft's): its presence says the folder wants the nearest
written-corpus example after the draft, read from :data:`NEIGHBOURS_FILE` beside ``tokenizer.json``."""
NEAR_FIX = (
    "A 'near' model reads its examples from neighbours.jsonl.gz beside tokenizer.json: copy it from the training "
    "output (`filedesc train` writes it into model/, `filedesc export` into each folder) or re-export the model."
)


def format_of(tokenizer: Tokenizer) -> str:
    """The prompt format a tokenizer was trained for, read from its marker token (none: ``name``)."""
    if tokenizer.token_to_id(NEAR_MARKER) is not None:
        return "near"
    if tokenizer.token_to_id(DRAFT_MARKER) is not None:
        return "draft"
    if tokenizer.token_to_id(WORDS_MARKER) is not None:
        return "words"
    return "name"


class PromptTokenizer:
    """Encodes prompts and descriptions; decodes generated ids."""

    def __init__(self, tokenizer: Tokenizer, neighbours_path: Path | None = None) -> None:
        """Wrap ``tokenizer``; a ``near``-format one reads its examples from ``neighbours_path`` on first use."""
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self.tokenizer = tokenizer
        missing = [tok for tok in (PAD, EOS, *LANG_TOKENS) if tokenizer.token_to_id(tok) is None]
        if missing:
            raise ValueError(f"tokenizer lacks the special tokens {missing}; it was not made for filedesc")
        self.pad_id: int = tokenizer.token_to_id(PAD)
        self.eos_id: int = tokenizer.token_to_id(EOS)
        self.prompt_format = format_of(tokenizer)
        self.neighbours_path = neighbours_path
        self._neighbours: RetrievalIndex | None = None

    @classmethod
    def from_file(cls, path: Path | str) -> PromptTokenizer:
        """Load ``tokenizer.json`` (and, for a ``near`` format, know where its examples lie: beside it)."""
        return cls(Tokenizer.from_file(str(path)), Path(path).parent / NEIGHBOURS_FILE)

    def neighbours(self) -> RetrievalIndex:
        """The ``near`` format's examples, loaded once; a missing or damaged file names the fix."""
        if self._neighbours is None:
            if self.neighbours_path is None:
                raise ModelFileError(Path(NEIGHBOURS_FILE), "not given", NEAR_FIX)
            self._neighbours = RetrievalIndex.load(self.neighbours_path, NEAR_FIX)
        return self._neighbours

    def use_neighbours(self, index: RetrievalIndex) -> None:
        """Take ``index`` as the ``near`` examples (training holds them in memory before any file exists)."""
        self._neighbours = index

    def hint(self, name: str, lang: str) -> str | None:
        """The ``near`` prompt's example for ``name``: the nearest known file of the written corpus."""
        found = self.neighbours().nearest(name, lang)
        return None if found is None else neighbour_hint(*found)

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
        self,
        names: Sequence[str],
        langs: Sequence[str],
        drafts: Sequence[str | None] | None = None,
        hints: Sequence[str | None] | None = None,
    ) -> list[str]:
        """The prompt texts, in this tokenizer's format (the rules' draft wherever ``drafts`` gives none).

        ``hints`` are given by training (each pair's example, its own file left out); serving leaves them out
        and a ``near`` tokenizer looks each name's example up in its neighbours file.
        """
        if drafts is None:
            drafts = [None] * len(names)
        if hints is None:
            if self.prompt_format == "near":
                hints = [self.hint(n, lang) for n, lang in zip(names, langs, strict=True)]
            else:
                hints = [None] * len(names)
        return [
            build_prompt(n, lang, self.prompt_format, draft, hint)
            for n, lang, draft, hint in zip(names, langs, drafts, hints, strict=True)
        ]

    def encode_prompts(
        self,
        names: Sequence[str],
        langs: Sequence[str],
        max_length: int,
        drafts: Sequence[str | None] | None = None,
        hints: Sequence[str | None] | None = None,
    ) -> list[list[int]]:
        """Batch form of ``encode_prompt`` (one call into the Rust tokenizer); ``hints`` as in ``prompts``.

        One prompt is encoded with ``encode``: ``encode_batch`` hands even a single item to the tokenizers thread
        pool, a thread wake-up that costs a single-name call more than the encoding itself. Same ids either way.
        """
        prompts = self.prompts(names, langs, drafts, hints)
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
