"""The generator draws words by real frequency: common and name words more often, every word still drawable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from filedesc.lexicon import Lexicon, load_lexicon
from filedesc.training.data import word_weights
from filedesc.training.data.generate import Generator, make_pools


def test_name_words_drop_the_extension_and_split_camel_case() -> None:
    assert word_weights.name_words("getUserInfo.ts") == ["get", "user", "info"]
    assert word_weights.name_words("extract_window_events.sh") == ["extract", "window", "events"]


def test_weight_follows_language_and_names() -> None:
    lex = load_lexicon()
    user, rare = lex.nouns["user"], min(lex.nouns.values(), key=lambda n: word_weights.weight(n, Counter()))
    assert word_weights.weight(user, Counter()) > word_weights.weight(rare, Counter())
    assert word_weights.weight(rare, Counter({rare.key: 50})) > word_weights.weight(rare, Counter())
    assert word_weights.weight(rare, Counter()) >= word_weights.FLOOR


def test_corpus_vocabulary_skips_held_out_repositories(tmp_path: Path) -> None:
    rows = [{"name": f"alpha_{i}.py", "source": f"github:owner/repo{i}@abc:x.py"} for i in range(40)]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    counts = word_weights.corpus_vocabulary(tmp_path)
    assert 0 < counts["alpha"] < 40  # some repositories are corpus_test's, never counted


def test_generator_draws_name_words_more_often() -> None:
    lex: Lexicon = load_lexicon()
    favourite = "invoice"
    boosted = Generator(lex, make_pools(lex, vocabulary=Counter({favourite: 200})), 5)
    plain = Generator(lex, make_pools(lex, vocabulary=Counter()), 5)

    def share(gen: Generator) -> int:
        return sum(favourite in e.name.lower() or "facture" in e.name.lower() for e in gen.examples(3000))

    assert share(boosted) > share(plain)
