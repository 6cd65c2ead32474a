"""Non-words in generated descriptions: the share of outputs that hold a word no reader would recognise.

A small, under-trained decoder glues sub-word pieces into non-words ("détermindenséterminimal"); chrF barely
notices, a reader does at once. A word of an output counts as a real word when it is any of:

- accepted by the output language's hunspell dictionary, through the project's spelling checker
  (:mod:`filedesc.training.data.spelling`, with its technical-word lists and, in French, English words);
- a word of the lexicon in that language (verbs, nouns, adjectives, abbreviation expansions, well-known files);
- a file-kind term (the extensions' kinds and the conventions' kinds, both languages: "notebook Jupyter");
- copied from the name (its words, :func:`filedesc.prompt.words_view`) or from the draft the model post-edits
  (the rules' sentence by default, so every backend is measured against the same allowance).

Like the spelling checker, it skips quoted names, tokens with digits or inner capitals (``getUser``, ``CSV``) and
capitalised words after the first (proper names): those are identifiers, not words a decoder invents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from filedesc.lexicon import Lexicon
from filedesc.prompt import rules_draft, words_view
from filedesc.training.data.spelling import INSTALL_HINT, SpellChecker, dictionaries_available


def _words(texts: Iterable[str]) -> set[str]:
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
    return frozenset(w for w in _words(texts) if "{" not in w and "}" not in w)


class NonWordChecker:
    """Finds the non-words of descriptions; dictionaries and lexicon are loaded once."""

    def __init__(self, lexicon: Lexicon | None = None, spelling: SpellChecker | None = None) -> None:
        if lexicon is None:
            from filedesc.lexicon import load_lexicon

            lexicon = load_lexicon()
        self.spelling = spelling or SpellChecker()
        self._lexicon = {lang: lexicon_words(lexicon, lang) for lang in ("en", "fr")}

    def nonwords(self, description: str, lang: str, name: str, draft: str | None = None) -> list[str]:
        """The non-words of ``description`` for the (normalised) ``name``; ``draft`` defaults to the rules'."""
        if draft is None:
            draft = rules_draft(name, lang)
        allowed = self._lexicon[lang] | _words([words_view(name), name, draft])
        return self.spelling.misspelled(description, lang, allowed)

    def share(self, rows: Sequence[tuple[str, str, str]], drafts: Sequence[str | None] | None = None) -> float:
        """Percentage of ``(name, lang, description)`` rows whose description holds at least one non-word."""
        if not rows:
            return 0.0
        given = drafts if drafts is not None else [None] * len(rows)
        bad = sum(bool(self.nonwords(d, lang, n, dr)) for (n, lang, d), dr in zip(rows, given, strict=True))
        return round(100 * bad / len(rows), 2)


__all__ = ["INSTALL_HINT", "NonWordChecker", "available", "lexicon_words"]


def available() -> bool:
    """Whether the hunspell dictionaries are installed (else the metric is not computed)."""
    return dictionaries_available()
