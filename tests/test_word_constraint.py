"""Word-constrained decoding (issue 18): the step rule on a tiny hand-made byte-level vocabulary."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer, decoders, models, pre_tokenizers

from filedesc.errors import ModelFileError
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.runtime.word_constraint import State, WordConstraint, WordSet, WordsOnlySeq2Seq, text_words

PIECES = [
    "<pad>",
    "</s>",
    "<unk>",
    "<en>",
    "<fr>",
    "Ġcat",
    "Ġca",
    "t",
    "zz",
    "Ġdog",
    ".",
    "Ġget",
    "User",
    "8",
    "Ġcaf",
    "Ã©",
    "s",
]


def _constraint() -> WordConstraint:
    vocab = {piece: index for index, piece in enumerate(PIECES)}
    tokenizer = Tokenizer(models.BPE(vocab, [], unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.add_special_tokens(PIECES[:5])
    return WordConstraint(PromptTokenizer(tokenizer))


WORDS = WordSet.of(["cat", "cats", "dog", "café"])
NAME = WordSet.of(text_words(["getUser.ts"]))
EMPTY = WordSet.of([])
START: State = (b"", False)


def _walk(constraint: WordConstraint, pieces: list[str], extra: WordSet = EMPTY) -> State | None:
    state: State | None = START
    for piece in pieces:
        if state is None:
            return None
        state = constraint.step(state, PIECES.index(piece), WORDS, extra)
    return state


def test_allowed_words_can_be_written_and_ended() -> None:
    constraint = _constraint()
    for pieces in (["Ġcat", "."], ["Ġca", "t", "s", "Ġdog"], ["Ġcaf", "Ã©", "</s>"], ["Ġcat", "8", "</s>"]):
        assert _walk(constraint, pieces) is not None, pieces


def test_non_words_cannot_be_written() -> None:
    constraint = _constraint()
    for pieces in (["Ġcat", "zz"], ["Ġca", "Ġdog"], ["Ġca", "</s>"], ["Ġca", "8"], ["<unk>"], ["<en>"], ["Ġget"]):
        assert _walk(constraint, pieces) is None, pieces


def test_the_names_words_pass() -> None:
    constraint = _constraint()
    assert _walk(constraint, ["Ġget", "User", "."], NAME) is not None
    assert _walk(constraint, ["Ġget", "User", "."]) is None


def test_choose_takes_the_best_allowed_token() -> None:
    constraint = _constraint()
    scores = np.full(len(PIECES), -5.0, dtype=np.float32)
    scores[PIECES.index("zz")] = 9.0  # best, but "cazz" is no word
    scores[PIECES.index("Ġdog")] = 8.0  # ends "ca", which is no word either
    scores[PIECES.index("t")] = 7.0
    state = constraint.step(START, PIECES.index("Ġca"), WORDS, EMPTY)
    assert state is not None
    token, after = constraint.choose(scores, state, WORDS, EMPTY)
    assert PIECES[token] == "t" and after == (b"cat", False)
    scores[PIECES.index("t")] = -np.inf  # banned (no-repeat rule): nothing else continues "ca" into a word
    assert constraint.choose(scores, state, WORDS, EMPTY)[0] == constraint.eos_id
    state = constraint.step(START, PIECES.index("Ġcaf"), WORDS, EMPTY)
    assert state is not None
    token, after = constraint.choose(scores, state, WORDS, EMPTY)
    assert PIECES[token] == "Ã©" and after == ("café".encode(), False)


def test_a_folder_without_step_graphs_says_how_to_export_them() -> None:
    from filedesc.models import __file__ as models_init

    shipped = Path(models_init).parent / "filedesc-small-int8"  # generation.onnx only
    with pytest.raises(ModelFileError, match="FILEDESC_WORDS_ONLY"):
        WordsOnlySeq2Seq(shipped)
