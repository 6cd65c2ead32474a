"""The words the lexicon writes in one language: the vocabulary a description may use without a dictionary.

Shared by the training side (the non-word metric, :mod:`filedesc.training.nonwords`) and the run time (the
word-constrained decoding of :mod:`filedesc.runtime.word_constraint`), which must not import the training package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from filedesc.lexicon import Lexicon


def text_words(texts: Iterable[str]) -> set[str]:
    """The casefolded words of ``texts`` (split on spaces, apostrophes and hyphens; punctuation stripped)."""
    out: set[str] = set()
    for text in texts:
        for token in text.replace("'", " ").replace("’", " ").replace("-", " ").split():
            word = token.strip(".,;:!?()[]{}«»\"“”`").casefold()
            if word:
                out.add(word)
    return out


def lexicon_words(lexicon: Lexicon, lang: str) -> frozenset[str]:
    """Every word the lexicon writes in ``lang``, file-kind terms of both languages included, casefolded."""
    suffixes = ("en",) if lang == "en" else ("fr",)
    texts: list[str] = []
    for verb in lexicon.verbs.values():
        texts += [verb.en_base, verb.en_third, verb.en_gerund, verb.en_past] if lang == "en" else []
        texts += [verb.fr_inf, verb.fr_third, verb.fr_pp] if lang == "fr" else []
    for noun in lexicon.nouns.values():
        texts += [noun.en_sg, noun.en_pl] if lang == "en" or noun.keep_en else []
        texts += [noun.fr_sg, noun.fr_pl] if lang == "fr" else []
    for adjective in lexicon.adjectives.values():
        a = adjective
        texts += [a.en] if lang == "en" else [a.fr_ms, a.fr_fs, a.fr_mp, a.fr_fp]
    texts += [pair[0 if lang == "en" else 1] for pair in lexicon.abbreviations.values()]
    for known in lexicon.filenames:
        texts += list(known.en if lang == "en" else known.fr)
    for ext in lexicon.extensions.values():  # kinds: both languages ("notebook Jupyter", "Makefile")
        texts += [t for t in (ext.en, ext.fr, ext.script_en, ext.script_fr) if t]
    for convention in lexicon.conventions:
        for f in fields(convention):
            value = getattr(convention, f.name)
            if f.name.startswith("kind_") and isinstance(value, str):
                texts.append(value)
            elif f.name.endswith(suffixes) and isinstance(value, tuple):
                texts += [v for v in value if isinstance(v, str)]
    return frozenset(w for w in text_words(texts) if "{" not in w and "}" not in w)
