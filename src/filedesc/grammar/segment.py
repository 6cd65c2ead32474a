"""Split run-together words (``pousserlestextes``, ``versioncheck``) into known spellings.

Identifiers written without separators defeat the tokenizer; a small dynamic programme over the lexicon's
spellings recovers them when every piece is a known word, preferring the fewest pieces.
"""

from __future__ import annotations

from filedesc.lexicon import Lexicon, fold

#: Short words allowed as pieces even though they are under the minimum length.
FUNCTION_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "en", "to", "of", "and", "et", "by", "for"})
MIN_PIECE = 4


def segment(word: str, lexicon: Lexicon, max_pieces: int = 4) -> tuple[str, ...] | None:
    """Return the pieces of ``word`` when it splits into 2..``max_pieces`` known words, else None."""
    low = fold(word)
    n = len(low)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            prev = best[start]
            piece = low[start:end]
            if prev is None or len(prev) >= max_pieces:
                continue
            if len(piece) < MIN_PIECE and piece not in FUNCTION_WORDS:
                continue
            if piece not in FUNCTION_WORDS and not lexicon.lookup(piece):
                continue
            candidate = (*prev, word[start:end])
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    result = best[n]
    if result is None or len(result) < 2:
        return None
    return result
