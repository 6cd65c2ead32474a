"""Language and spelling checks of a pair, against the word forms of the hunspell dictionaries.

A French side must read as French and an English side as English: most of their words must be known forms of
their own dictionary, and in a longer text their function words must outnumber the other language's. A French
word found in neither dictionary marks a misspelled (or untranslated) catalog entry ("delai", "Contrôller").
Capitalised words after the first, words with digits and single letters are not judged (names, versions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from filedesc.lexicon_entries import fold

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
FR_FUNCTION = frozenset(
    "le la les un une des du de au aux et ou en dans pour par sur avec sans qui que dont est sont ce cette ces "
    "son sa ses leur leurs il elle ils elles ne pas plus vous nous on".split()
)
EN_FUNCTION = frozenset(
    "the a an of to in for on with by from and or is are be this that these it its which who not you your "
    "can will as at".split()
)


@dataclass(frozen=True)
class Vocabulary:
    """Lowercase word forms of each language; built from hunspell (:func:`vocabulary_from`) or given by tests."""

    fr: frozenset[str]
    en: frozenset[str]

    def known(self, word: str, lang: str) -> bool:
        """True when ``word`` (any case; elision stripped in French) is a form of ``lang``'s dictionary."""
        forms = self.fr if lang == "fr" else self.en
        low = word.lower().replace("’", "'")
        if lang == "fr":
            low = _ELISION.sub("", low)
        return low in forms or low.replace("'", "") in forms


def words(text: str) -> list[str]:
    """The alphabetic words of ``text`` (apostrophes kept inside)."""
    return _WORD.findall(text)


def judged(text: str) -> list[str]:
    """The words a check judges: lowercase or the first word, at least two letters, no inner capitals."""
    out = []
    for i, word in enumerate(words(text)):
        if len(word) < 2 or (i > 0 and word[0].isupper()) or any(c.isupper() for c in word[1:]):
            continue
        out.append(word)
    return out


def language_ok(text: str, lang: str, vocab: Vocabulary, min_known: float = 0.6) -> bool:
    """True when ``text`` reads as ``lang``: enough known words, and no more function words of the other language."""
    items = judged(text)
    if not items:
        return False
    known = sum(vocab.known(w, lang) for w in items) / len(items)
    if known < min_known:
        return False
    low = [fold(w) for w in words(text)]
    fr_fn = sum(w in FR_FUNCTION for w in low)
    en_fn = sum(w in EN_FUNCTION for w in low)
    if len(low) >= 4:
        return fr_fn >= en_fn if lang == "fr" else en_fn >= fr_fn
    return True


def misspelled(text: str, vocab: Vocabulary, source: str = "") -> list[str]:
    """French words of ``text`` that neither dictionary knows (English words are tolerated in French text).

    A word also found in ``source`` (the English side) is a name kept as is (``iptables``, ``rhythmbox``).
    """
    kept = {w.lower() for w in words(source)}
    return [w for w in judged(text)
            if w.lower() not in kept and not vocab.known(w, "fr") and not vocab.known(w, "en")]


def vocabulary_from(fr_forms: Iterable[str], en_forms: Iterable[str]) -> Vocabulary:
    """A vocabulary from two lists of forms (lowercased)."""
    return Vocabulary(frozenset(f.lower() for f in fr_forms), frozenset(e.lower() for e in en_forms))


def hunspell_vocabulary() -> Vocabulary:
    """Every form of the installed ``fr`` and ``en`` hunspell dictionaries."""
    from filedesc.training.data.hunspell_morph import load_dictionary

    forms: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        dic = load_dictionary(lang)
        forms[lang] = [form.text for stem in dic.stems for form in dic.forms(stem)]
    return vocabulary_from(forms["fr"], forms["en"])
