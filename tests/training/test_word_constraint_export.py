"""Word-constrained decoding (issue 18) end to end on the tiny exported model: every word is an allowed one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from filedesc.prompt import words_view
from filedesc.runtime.word_constraint import WordsOnlySeq2Seq, language_words, text_words

pytestmark = pytest.mark.slow

NAMES = ["extract_logs.sh", "load_users.sh", "parseEvents.sh", "zqxwvy_kplm.sh"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_constrained_outputs_hold_only_allowed_words(tiny_export: Path, lang: str) -> None:
    model = WordsOnlySeq2Seq(tiny_export / "int8")
    assert not model.one_call  # the step graphs, whatever the folder holds
    allowed = language_words(lang).words
    for name, text in zip(NAMES, model.generate(NAMES, [lang] * len(NAMES)), strict=True):
        copied = text_words([name, words_view(name)])
        for word in re.findall(r"[^\W_]+", text):
            key = word.encode().lower()
            assert any(ch.isdigit() for ch in word) or key in allowed or word.casefold() in copied, (name, text, word)
