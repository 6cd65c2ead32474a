"""Which language a sentence is written in, French or English, by counting stop words.

Small and honest on purpose: a mined sentence is short, so only the function words are reliable clues. A sentence
with as many French as English stop words (or none) is "unknown" rather than guessed, and mining drops it: a pair
labelled with the wrong language would teach the model to answer in the wrong one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filedesc.lexicon import Lexicon

EN_STOP = frozenset(
    "a an the of to for and or in on with from by that which this these those is are be it its as at into "
    "all any each when if not no can will should used uses using than then".split()
)
FR_STOP = frozenset(
    "le la les l un une des du de d au aux et ou en dans sur avec pour par qui que ce cette ces est sont "
    "son sa ses leur leurs à se ne pas plus tous toutes chaque lors si utilisé utilisée utilise".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FRENCH_LETTERS = re.compile(r"[éèêàùçôîâëïû]", re.IGNORECASE)


def stop_word_counts(text: str) -> tuple[int, int]:
    """(French, English) stop-word counts in ``text``; elided articles (``l'``, ``d'``) count as French."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    fr = sum(w in FR_STOP for w in words)
    en = sum(w in EN_STOP for w in words)
    return fr, en


def vocabulary_counts(text: str, lexicon: Lexicon) -> tuple[int, int]:
    """(French, English) counts of lexicon words whose spelling belongs to one language only ("modèle", "model")."""
    fr = en = 0
    for word in _WORD.findall(text.lower()):
        senses = lexicon.lookup(word)
        en_forms = {f.lower() for n in senses.nouns for f in (n.en_sg, n.en_pl)}
        en_forms |= {f.lower() for v in senses.verbs for f in (v.en_base, v.en_third, v.en_gerund, v.en_past)}
        fr_forms = {f.lower() for n in senses.nouns for f in (n.fr_sg, n.fr_pl)}
        fr_forms |= {f.lower() for v in senses.verbs for f in (v.fr_inf, v.fr_third, v.fr_pp)}
        en += word in en_forms and word not in fr_forms
        fr += word in fr_forms and word not in en_forms
    return fr, en


def detect_language(text: str, lexicon: Lexicon | None = None) -> str | None:
    """``"fr"``, ``"en"``, or None when the clues are too few or balanced.

    A clear majority of stop words decides; French accented letters add one clue to French (English text almost
    never has them, identifiers never do). Only when a sentence has no stop word at all ("PyTorch BERT model.")
    are the lexicon's one-language spellings counted instead.
    """
    fr, en = stop_word_counts(text)
    if _FRENCH_LETTERS.search(text):
        fr += 1
    if fr == en == 0 and lexicon is not None:
        fr, en = vocabulary_counts(text, lexicon)
    if fr >= 1 and fr > en:
        return "fr"
    if en >= 1 and en > fr:
        return "en"
    return None
