"""Word-constrained greedy decoding (issue 18): the decoder writes only words.

A small decoder glues sub-word pieces into non-words ("détermindenséterminimal"). Here the step loop of
:class:`filedesc.runtime.onnx_seq2seq.OnnxSeq2Seq` (``encoder.onnx`` + ``decoder.onnx``) picks, at each step and
for each row, the best token that keeps every word of the output a word:

- a word of the output language: the rules backend's word table (``grammar/data/words.tsv``, wordfreq's most
  frequent English and French words, French also accepting English ones) and the lexicon's words in that language,
  file-kind terms of both languages included; no hunspell (a training-time dependency) is needed;
- a word copied from the prompt (the name, its words view, a draft when the model takes one);
- a run holding a digit (``v2``, ``utf8``), as the non-word measure skips them, provided its letters before the first
  digit are a word; single letters and French elisions (``l'``, ``qu'``) pass.

The text is handled as bytes (the tokenizer is byte-level BPE, so a piece can end inside a UTF-8 character): a
"word" is a run of ASCII letters, digits and non-ASCII bytes; anything else (space, punctuation) ends it. While a
word is open, it must be a prefix of an allowed word; when it ends (a separator, or the end of the sentence) it must
be an allowed word. Comparison ignores ASCII case and the case of the first letter.

Opt-in (``FILEDESC_WORDS_ONLY=1`` or :class:`WordsOnlySeq2Seq`); it needs the step graphs (``filedesc export``
without ``--runtime-only``), since ``generation.onnx`` searches inside one ONNX Runtime call.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from filedesc.errors import ModelFileError
from filedesc.runtime.onnx_seq2seq import STEP_FILES, OnnxSeq2Seq, repeated_ngram_ends
from filedesc.runtime.tokenizer import PromptTokenizer

WORDS_ONLY_ENV = "FILEDESC_WORDS_ONLY"
"""Set to 1 to have the ONNX backends decode word-constrained (step graphs needed)."""
TOP_CANDIDATES = 16
"""Candidates tried in score order before the whole vocabulary is ranked (the best one nearly always passes)."""
SHORT_WORD_ZIPF = {1: 40, 2: 40, 3: 34}
"""Zipf frequency (x10) a table word of 1, 2 or 3 letters needs ("of", "api" pass, "tt", "gd", "dai" do not); single
letters are allowed anyway (elided articles, "a")."""
ELISIONS = ("qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "aujourd")
_LETTER_RUN = re.compile(r"[^\W_]+")


def words_only_enabled() -> bool:
    """Whether ``FILEDESC_WORDS_ONLY`` asks for word-constrained decoding."""
    return os.environ.get(WORDS_ONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-level alphabet, reversed: the character a token string uses for each byte."""
    visible = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    codes = list(visible)
    extra = 0
    for byte in range(256):
        if byte not in visible:
            visible.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {chr(code): byte for byte, code in zip(visible, codes, strict=True)}


def _is_word_byte(byte: int) -> bool:
    return byte >= 0x80 or 0x30 <= byte <= 0x39 or 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A


def _key(run: bytes) -> bytes:
    """ASCII-lowercased bytes: the form words are compared in."""
    return run.lower()


def _forms(word: str) -> Iterable[bytes]:
    """The byte keys of a casefolded word: as written, capitalised and upper-cased (non-ASCII capitals differ)."""
    for form in {word, word.capitalize(), word.upper()}:
        yield _key(form.encode("utf-8"))


@dataclass(frozen=True)
class WordSet:
    """Allowed words (byte keys) and every prefix of them."""

    words: frozenset[bytes]
    prefixes: frozenset[bytes]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        """The set of casefolded ``words``."""
        keys: set[bytes] = set()
        for word in words:
            keys.update(_forms(word))
        prefixes = {key[:end] for key in keys for end in range(1, len(key) + 1)}
        return cls(frozenset(keys), frozenset(prefixes))


def text_words(texts: Iterable[str]) -> set[str]:
    """Casefolded letter runs of ``texts`` (what a copy from the prompt may write)."""
    return {m.group().casefold() for text in texts for m in _LETTER_RUN.finditer(text)}


def _least_zipf(word: str) -> int:
    """Least Zipf frequency (x10) a table word needs: short ones are mostly abbreviations and noise ("tt", "gd")."""
    return SHORT_WORD_ZIPF.get(len(word), 1)


@functools.lru_cache(maxsize=2)
def language_words(lang: str) -> WordSet:
    """The words the decoder may write in ``lang``: word table, lexicon, file kinds, single letters, elisions."""
    from importlib import resources

    from filedesc.lexicon import load_lexicon
    from filedesc.lexicon_vocabulary import lexicon_words

    words: set[str] = set("abcdefghijklmnopqrstuvwxyz") | set(ELISIONS)
    try:
        table = (resources.files("filedesc") / "grammar" / "data" / "words.tsv").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        table = ""
    for line in table.splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4:
            continue
        key, written = cols[0], cols[1] or cols[0]
        en, fr = int(cols[2] or 0), int(cols[3] or 0)
        if en >= _least_zipf(key):  # English words (the key is how English writes them), in both languages
            words.add(key.casefold())
        if lang == "fr" and fr >= _least_zipf(written):
            words.add(written.casefold())
    lexicon = load_lexicon()
    words |= text_words(lexicon_words(lexicon, lang))
    if lang == "fr":
        words |= text_words(lexicon_words(lexicon, "en"))
    return WordSet.of(words)


State = tuple[bytes, bool]
"""The open word (raw bytes) and whether it holds a digit (then anything goes until it ends)."""


class WordConstraint:
    """Per-token byte strings of a tokenizer and the step rule over them."""

    def __init__(self, tokenizer: PromptTokenizer) -> None:
        self.tokenizer = tokenizer
        self.eos_id = tokenizer.eos_id
        decoder = _byte_decoder()
        size = tokenizer.vocab_size
        self.pieces: list[bytes | None] = [None] * size
        for token, index in tokenizer.tokenizer.get_vocab(with_added_tokens=False).items():
            if index < size and all(ch in decoder for ch in token):
                self.pieces[index] = bytes(decoder[ch] for ch in token)
        for special in tokenizer.tokenizer.get_added_tokens_decoder():
            if 0 <= special < size:
                self.pieces[special] = None  # special tokens: only eos is ever allowed (below)

    def step(self, state: State, token: int, words: WordSet, extra: WordSet) -> State | None:
        """The state after ``token``, or ``None`` when it would write a non-word."""
        if token == self.eos_id:
            return state if self._complete(state, words, extra) else None
        piece = self.pieces[token] if 0 <= token < len(self.pieces) else None
        if piece is None:
            return None
        run, digit = state
        for byte in piece:
            if _is_word_byte(byte):
                if (
                    0x30 <= byte <= 0x39
                    and not digit
                    and run
                    and not self._complete(state=(run, digit), words=words, extra=extra)
                ):
                    return None  # a digit may follow a whole word ("utf8"), never hide a non-word ("pousserlest1")
                run += bytes((byte,))
                digit = digit or 0x30 <= byte <= 0x39
                if not digit:
                    key = _key(run)
                    if key not in words.prefixes and key not in extra.prefixes:
                        return None
            else:
                if not self._complete((run, digit), words, extra):
                    return None
                run, digit = b"", False
        return run, digit

    @staticmethod
    def _complete(state: State, words: WordSet, extra: WordSet) -> bool:
        run, digit = state
        if not run or digit:
            return True
        key = _key(run)
        return key in words.words or key in extra.words

    def choose(self, scores: np.ndarray, state: State, words: WordSet, extra: WordSet) -> tuple[int, State]:
        """The best-scoring token that keeps the output made of words, and the state after it."""
        best = int(scores.argmax())  # nearly always allowed: one step, no sorting
        if np.isfinite(scores[best]):
            after = self.step(state, best, words, extra)
            if after is not None:
                return best, after
        tried = {best}
        for cut in (TOP_CANDIDATES, scores.size):  # the top candidates, and only when all fail, everything
            top = np.argpartition(-scores, cut - 1)[:cut] if cut < scores.size else np.arange(scores.size)
            for token in top[np.argsort(-scores[top], kind="stable")].tolist():
                if not np.isfinite(scores[token]):
                    break
                if token in tried:
                    continue
                tried.add(token)
                after = self.step(state, token, words, extra)
                if after is not None:
                    return token, after
        return self.eos_id, state  # nothing passes (never seen): end the sentence


class WordsOnlySeq2Seq(OnnxSeq2Seq):
    """:class:`OnnxSeq2Seq` on the step graphs, with word-constrained greedy decoding."""

    def __init__(self, folder: Path, threads: int = 1, one_call: bool = True, **kwargs: Any) -> None:
        """As :class:`OnnxSeq2Seq`, always on the step graphs (``one_call`` is ignored)."""
        missing = [name for name in STEP_FILES if not (Path(folder) / name).is_file()]
        if missing:
            raise ModelFileError(
                Path(folder) / missing[0],
                f"is missing: word-constrained decoding ({WORDS_ONLY_ENV}) runs the step graphs",
                f"Export the model without --runtime-only (`filedesc export --model MODEL --out DIR --quant int8`) "
                f"and pass --model DIR/int8, or unset {WORDS_ONLY_ENV}.",
            )
        super().__init__(Path(folder), threads=threads, one_call=False, **kwargs)
        self.constraint = WordConstraint(self.tokenizer)
        self._lang_ids = {self.tokenizer.tokenizer.token_to_id(f"<{lang}>"): lang for lang in ("en", "fr")}

    def _row_context(self, row: Sequence[int]) -> tuple[WordSet, WordSet]:
        ids = [int(i) for i in row if int(i) != self.tokenizer.pad_id]
        lang = next((self._lang_ids[i] for i in ids if i in self._lang_ids), "en")
        prompt = self.tokenizer.tokenizer.decode(ids, skip_special_tokens=True)
        from filedesc.prompt import words_view

        return language_words(lang), WordSet.of(text_words([prompt, words_view(prompt)]))

    def _run_loop(self, input_ids: np.ndarray, attention: np.ndarray) -> list[list[int]]:
        batch = input_ids.shape[0]
        contexts = [self._row_context(row) for row in input_ids.tolist()]
        states: list[State] = [(b"", False)] * batch
        start = int(self.config.get("decoder_start_token_id", self.tokenizer.pad_id))
        tokens = np.full((batch, 1), start, dtype=np.int32)
        enc_out = self._encoder.run(
            None, {"encoder_input_ids": input_ids, "encoder_attention_mask": attention, "decoder_input_ids": tokens}
        )
        n_cache = (len(enc_out) - 2) // 2
        past_self, cross = enc_out[2 : 2 + n_cache], enc_out[2 + n_cache :]
        self_names = [i.name for i in self._decoder.get_inputs()[2 : 2 + n_cache]]
        cross_names = [i.name for i in self._decoder.get_inputs()[2 + n_cache :]]
        logits = enc_out[0]
        out: list[list[int]] = [[] for _ in range(batch)]
        done = np.zeros(batch, dtype=bool)
        ngram = int(self.config.get("no_repeat_ngram_size", 0))
        next_ids = np.full(batch, self.tokenizer.eos_id, dtype=np.int32)
        for _ in range(int(self.config["max_output_length"])):
            scores = logits[:, -1, :].astype(np.float32, copy=True)
            for index in np.nonzero(~done)[0].tolist():
                if ngram > 0:
                    banned = repeated_ngram_ends([start, *out[index]], ngram)
                    if banned:
                        scores[index, banned] = -np.inf
                words, extra = contexts[index]
                token, states[index] = self.constraint.choose(scores[index], states[index], words, extra)
                next_ids[index] = token
                out[index].append(token)
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
