from __future__ import annotations

import re
from collections import Counter

from filedesc.grammar import Unknown
from filedesc.lexicon import Lexicon
from filedesc.training.data.generate import Generator, make_pools
from filedesc.training.data.records import Example
from filedesc.training.data.roles import well_known_examples
from filedesc.training.data.styles import STYLES


def _sample(lexicon: Lexicon, count: int = 3000, seed: int = 7) -> list[Example]:
    return list(Generator(lexicon, make_pools(lexicon), seed).examples(count))


def test_same_seed_same_examples(lexicon: Lexicon) -> None:
    assert _sample(lexicon, 400, 1) == _sample(lexicon, 400, 1)
    assert _sample(lexicon, 400, 1) != _sample(lexicon, 400, 2)


def test_both_languages_for_every_name_and_every_style(lexicon: Lexicon) -> None:
    sample = _sample(lexicon)
    per_name = Counter(e.name for e in sample)
    assert set(per_name.values()) == {2}
    assert Counter(e.lang for e in sample)["fr"] == len(sample) // 2
    assert set(STYLES) <= {e.style for e in sample}
    assert {"en", "fr", "mixed"} <= {e.name_lang for e in sample}
    assert {"module", "script", "data", "config", "doc", "query"} <= {e.category for e in sample}


def test_sentences_are_well_formed(lexicon: Lexicon) -> None:
    for example in _sample(lexicon):
        text = example.description
        assert text[0].isupper() and text.endswith(".") and "  " not in text, text
        assert 4 <= len(text.split()) <= 16, text
        assert example.source == f"generated:{example.category}"


def test_grammar_review_of_tricky_cases(lexicon: Lexicon) -> None:
    """French contractions, elision and agreement never come out wrong in generated sentences."""
    bad_fr = re.compile(r"\b(?:de le|de les|à le|à les|de un|que il|de [aeéiou]\w|le [aeéiou]\w|la [aeéiou]\w)\b")
    bad_en = re.compile(r"\b(?:a [aeio]\w+|the the|an [bcdfgjklmnpqrstvwxz]\w+)\b")
    for example in _sample(lexicon, 4000, 11):
        pattern = bad_fr if example.lang == "fr" else bad_en
        assert not pattern.search(example.description), (example.name, example.description)


def test_unknown_words_are_copied_verbatim(lexicon: Lexicon) -> None:
    seen = 0
    for example in _sample(lexicon, 3000, 5):
        stem, _, ext = example.name.rpartition(".")
        kind = lexicon.extension(ext)
        kind_words = f"{kind.en} {kind.fr}".split() if kind else []
        for word in example.exempt:
            if word.lower() in stem.lower() and word not in kind_words:
                assert word in example.name, (word, example.name)
                assert word in example.description, (word, example.description)
                seen += 1
    assert seen > 20


def test_plural_in_name_means_plural_in_description(lexicon: Lexicon) -> None:
    for example in _sample(lexicon, 3000, 9):
        if example.lang == "en" and example.style == "snake" and example.name.endswith("_events.py"):
            assert "events" in example.description, example


def test_reserved_words_stay_out_or_come_in(lexicon: Lexicon) -> None:
    reserved = frozenset({"window"})
    train = list(Generator(lexicon, make_pools(lexicon, exclude=reserved), 3).examples(2000))
    assert not any("window" in e.description or "fenêtre" in e.description for e in train)
    unseen = list(Generator(lexicon, make_pools(lexicon, required=reserved), 3).examples(400))
    english = [e for e in unseen if e.lang == "en"]
    share = sum("window" in e.description for e in english) / len(english)
    assert share > 0.6


def test_well_known_names_give_every_phrasing(lexicon: Lexicon) -> None:
    examples = list(well_known_examples(lexicon, seed=0))
    makefile = [e.description for e in examples if e.name == "Makefile"]
    assert len(makefile) == 4
    assert {e.name for e in examples} >= {"Makefile", "README.md", "readme.md", "README.MD"}


def test_unknown_type_is_importable() -> None:
    assert Unknown("zorvex").text == "zorvex"


def test_canonical_phrasing_keeps_the_names_and_writes_the_rules_phrasing(lexicon: Lexicon) -> None:
    """The same draws give the same names; each description becomes the meaning's first phrasing, which is what the
    rules write when they read the name as the generator meant it."""
    from filedesc.grammar.rules import describe_by_rules

    varied = list(Generator(lexicon, make_pools(lexicon), 11).examples(600))
    canonical = list(Generator(lexicon, make_pools(lexicon), 11, canonical=True).examples(600))
    assert [(e.name, e.lang) for e in canonical] == [(e.name, e.lang) for e in varied]
    changed = [(v, c) for v, c in zip(varied, canonical, strict=True) if v.description != c.description]
    assert len(changed) > len(varied) // 4  # the random phrasing really moved
    same_as_rules = sum(describe_by_rules(c.name, c.lang, lexicon) == c.description for c in canonical)
    was_same = sum(describe_by_rules(v.name, v.lang, lexicon) == v.description for v in varied)
    assert same_as_rules > 2 * was_same
