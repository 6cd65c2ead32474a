"""How often English and French use a word: the evidence behind segmentation and copied words.

The table (``grammar/data/words.tsv``, built by :mod:`filedesc.training.data.wordfreq_table` from ``wordfreq``,
CC BY-SA 4.0, and Debian's ``hunspell-fr``) holds the most frequent words of both languages with their Zipf
frequency and, for French, the part of speech and gender of nouns. The rules backend asks it three things about a
word the lexicon lacks: where a glued identifier splits (``pousserlestextes`` -> ``pousser les textes``), which
language the word is written in, and how French writes it (``solidarite`` -> ``solidarité``, feminine). It is
read lazily, on the first word the lexicon does not know, so a name made of known words never pays for it.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from filedesc.lexicon import fold

#: Pieces of a glued word shorter than this must be function words (``de``, ``to``, ``les``).
MIN_PIECE = 4
#: The only words shorter than :data:`MIN_PIECE` a glued word may hold: the function words names glue in
#: (``pousserlestextes``, ``csvtojson``). Other short pieces are too easy to find by chance (``maarch`` is no
#: ``ma arch``).
FUNCTION_WORDS = frozenset({
    "and", "by", "for", "from", "into", "of", "the", "to", "with",
    "au", "aux", "avec", "dans", "de", "des", "du", "en", "et", "la", "le", "les", "par", "pour", "sans", "sur", "vers",
})
#: Articles and particles that also open ordinary words (``unaccent``, ``information``) are not pieces: "un", "a",
#: "in", "on" and "or" are left out above on purpose.
#: The mean Zipf frequency the pieces of a split need: ``infirme ries`` (2.6) is chance, ``pousser les textes``
#: (5.2) is not.
MIN_MEAN_ZIPF = 3.5
#: Zipf frequency a lexicon word is credited with when the table lacks it (abbreviations: ``cfg``, ``evt``).
KNOWN_ZIPF = 3.5
#: Zipf frequency below which a word is too rare to be trusted as a piece.
MIN_ZIPF = 2.5


@dataclass(frozen=True)
class WordInfo:
    """One word of the table: its usual spelling, Zipf frequency per language, French tag (``nm``, ``nf``...)."""

    word: str
    en: float
    fr: float
    tag: str = ""

    @property
    def zipf(self) -> float:
        """The higher of the two frequencies."""
        return max(self.en, self.fr)

    @property
    def fr_gender(self) -> str:
        """``m`` or ``f`` for a French noun (either gender counts as masculine), else empty."""
        return {"nm": "m", "nf": "f", "ne": "m"}.get(self.tag, "")

    def lang(self, context: str | None = None) -> str | None:
        """``en`` or ``fr``: the language the word belongs to; ``context`` (the name's language) settles ties."""
        if self.en and not self.fr:
            return "en"
        if self.fr and not self.en:
            return "fr"
        if context in ("en", "fr") and getattr(self, context) >= self.zipf - 1.0:
            return context
        return "fr" if self.fr > self.en else "en"


class WordTable:
    """The frequency table, indexed by folded spelling (no accents, lowercase)."""

    def __init__(self, lines: list[str]) -> None:
        # rows stay unparsed and unindexed: the file is sorted by key, so a look-up is a binary search (loading the
        # table costs reading it, no dict of 60k entries is built for a name with one unknown word)
        # (the builder writes it sorted; tests/grammar/test_copied_words.py checks the shipped file)
        self._lines = [line for line in lines if line and not line.startswith("#")]

    def __len__(self) -> int:
        return len(self._lines)

    def get(self, token: str) -> WordInfo | None:
        """The entry for ``token`` in any case, with or without accents, or None."""
        return self._info(fold(token))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one table per process, cached for its lifetime
    def _info(self, key: str) -> WordInfo | None:
        prefix = key + "\t"
        at = bisect.bisect_left(self._lines, prefix)
        if at >= len(self._lines) or not self._lines[at].startswith(prefix):
            return None
        word, en, fr, tag = (self._lines[at][len(prefix):].split("\t") + ["", "", ""])[:4]
        return WordInfo(word or key, int(en or 0) / 10, int(fr or 0) / 10, tag.strip())

    def zipf(self, token: str) -> float:
        """Zipf frequency of ``token`` (0 when absent)."""
        info = self.get(token)
        return info.zipf if info else 0.0

    def singular(self, token: str) -> WordInfo | None:
        """The French noun ``token`` is the plural of (``textes`` -> ``texte``), or None."""
        low = fold(token)
        for cut, add in ((1, ""), (3, "al")):
            if len(low) > 3 and low.endswith(("s", "x")):
                info = self._info(low[:-cut] + add)
                if info and info.fr_gender:
                    return info
        return None

    def adjective(self, token: str) -> WordInfo | None:
        """The French adjective ``token`` is a form of (``manquantes`` -> ``manquant``), or None.

        The table tags base forms only (the dictionary derives the others by rule), so the feminine ``e`` and the
        plural ``s`` are taken off until a tagged adjective is found.
        """
        low = fold(token)
        for cut in ("", "s", "e", "es"):
            if cut and not low.endswith(cut):
                continue
            info = self._info(low[: len(low) - len(cut)])
            if info is not None and info.tag == "a" and len(low) - len(cut) >= 3:
                return info
        return None

    def segment(self, word: str, known: Callable[[str], bool], max_pieces: int = 5) -> tuple[str, ...] | None:
        """Split a glued word into the likeliest sequence of words, or None when it reads best whole.

        A dynamic programme maximises the product of word probabilities (Zipf - 9 per piece, as ``wordsegment``
        does); words of the lexicon (``known``) count even when the table lacks them. The whole word competes too,
        so a frequent compound (``whitespace``) is not cut. Pieces keep the case they had in ``word``.
        """
        low = fold(word)
        n = len(low)
        if n != len(word):
            return None
        best: list[tuple[float, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0.0, ())
        for end in range(1, n + 1):
            for start in range(max(0, end - 20), end):
                prev = best[start]
                if prev is None or len(prev[1]) >= max_pieces:
                    continue
                if low[start:end] in FUNCTION_WORDS and (start == 0 or end == n):
                    continue  # a function word glues two words: ``de`` opening ``degrevement`` is a prefix
                score = self._piece_score(low[start:end], known)
                if score is None:
                    continue
                candidate = (prev[0] + score, (*prev[1], word[start:end]))
                current = best[end]
                if current is None or candidate[0] > current[0]:
                    best[end] = candidate
        result = best[n]
        if result is None or len(result[1]) < 2:
            return None
        if 9 + result[0] / len(result[1]) < MIN_MEAN_ZIPF:
            return None
        whole = self.zipf(low)
        if whole and whole - 9 >= result[0]:
            return None
        return result[1]

    def _piece_score(self, piece: str, known: Callable[[str], bool]) -> float | None:
        zipf = self.zipf(piece)
        if len(piece) < MIN_PIECE:
            return zipf - 9 if piece in FUNCTION_WORDS and len(piece) > 1 else None
        if known(piece):
            return max(zipf, KNOWN_ZIPF) - 9
        return zipf - 9 if zipf >= MIN_ZIPF else None


def _read_table() -> list[str]:
    try:
        node = resources.files("filedesc") / "grammar" / "data" / "words.tsv"
        return node.read_text(encoding="utf-8").splitlines()
    except (OSError, ModuleNotFoundError):
        return []  # a broken install still describes names, with less help for unknown words


@functools.lru_cache(maxsize=1)
def load_words() -> WordTable:
    """The shipped table, read once per process (empty when the data file is missing)."""
    return WordTable(_read_table())
