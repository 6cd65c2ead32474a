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

from collections.abc import Sequence

from filedesc.lexicon import Lexicon
from filedesc.lexicon_vocabulary import lexicon_words
from filedesc.lexicon_vocabulary import text_words as _words
from filedesc.prompt import rules_draft, words_view
from filedesc.training.data.spelling import INSTALL_HINT, SpellChecker, dictionaries_available


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
