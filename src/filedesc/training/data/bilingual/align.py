"""Word translations learnt from the parallel corpus with IBM Model 1, in both directions.

Why Model 1, written here on numpy: the corpus is mostly short (package short descriptions, interface messages,
dictionary lines), where word order says little and Model 2's position prior adds little; Model 1 converges in a
few EM iterations, is deterministic (no sampling, unlike eflomal), needs no compiled dependency, and the whole
E-step is a few vectorised passes over the (pair, English word, French word) triples. Both directions are trained
and a word pair is kept only when each direction gives it a fair probability (the usual intersection heuristic),
which removes most of Model 1's garbage-collector links to frequent words.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from filedesc.training.data.bilingual.checks import EN_FUNCTION, FR_FUNCTION

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_ELISION = re.compile(r"^(?:[ldjmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
NULL = "<null>"


def tokens(text: str, lang: str) -> list[str]:
    """Lowercase alphabetic tokens; French elisions (``l'``, ``d'``) are cut off the word they stick to."""
    text = text.replace("’", "'")
    if lang == "fr":
        text = " ".join(_ELISION.sub("", w) for w in text.split())
    return [t.lower() for t in _TOKEN.findall(text)]


@dataclass(frozen=True)
class Link:
    """A candidate translation: both directions' probabilities and how many pairs hold both words."""

    en: str
    fr: str
    p_fr_given_en: float
    p_en_given_fr: float
    cooccurrences: int

    @property
    def score(self) -> float:
        """Geometric mean of the two directions."""
        return float(np.sqrt(self.p_fr_given_en * self.p_en_given_fr))


class _Model1:
    """t(target | source) for one direction, trained by EM over flattened co-occurrence triples."""

    def __init__(self, sources: list[list[int]], targets: list[list[int]], n_source: int, iterations: int) -> None:
        rows_s, rows_t, rows_g = array("q"), array("q"), array("q")
        group = 0
        for src, tgt in zip(sources, targets, strict=True):
            src_null = [0, *src]
            for word in tgt:
                rows_s.extend(src_null)
                rows_t.extend([word] * len(src_null))
                rows_g.extend([group] * len(src_null))
                group += 1
        s = np.frombuffer(rows_s, dtype=np.int64)
        tg = np.frombuffer(rows_t, dtype=np.int64)
        g = np.frombuffer(rows_g, dtype=np.int64)
        codes, inverse = np.unique(s * (1 << 32) + tg, return_inverse=True)
        self.pair_source = (codes >> 32).astype(np.int64)
        self.pair_target = (codes & ((1 << 32) - 1)).astype(np.int64)
        prob = np.ones(len(codes), dtype=np.float64)
        for _ in range(iterations):
            values = prob[inverse]
            denom = np.bincount(g, weights=values, minlength=group)
            posterior = values / denom[g]
            counts = np.bincount(inverse, weights=posterior, minlength=len(codes))
            totals = np.bincount(self.pair_source, weights=counts, minlength=n_source)
            prob = counts / totals[self.pair_source]
        self.prob = prob

    def table(self) -> dict[tuple[int, int], float]:
        rows = zip(self.pair_source, self.pair_target, self.prob, strict=True)
        return {(int(a), int(b)): float(p) for a, b, p in rows}


def align(pairs: Iterable[tuple[str, str]], iterations: int = 5, max_tokens: int = 25, min_prob: float = 0.05,
          min_cooccurrences: int = 2) -> list[Link]:
    """Train Model 1 both ways on (English, French) texts and return the links both directions agree on.

    Pairs longer than ``max_tokens`` on either side are skipped (long pairs cost quadratically and align worst).
    Function words are kept for training (they soak up probability mass) but never returned.
    """
    en_ids: dict[str, int] = {NULL: 0}
    fr_ids: dict[str, int] = {NULL: 0}
    en_sents: list[list[int]] = []
    fr_sents: list[list[int]] = []
    cooc: dict[tuple[int, int], int] = {}
    for en_text, fr_text in pairs:
        te, tf = tokens(en_text, "en"), tokens(fr_text, "fr")
        if not te or not tf or len(te) > max_tokens or len(tf) > max_tokens:
            continue
        ie = [en_ids.setdefault(w, len(en_ids)) for w in te]
        jf = [fr_ids.setdefault(w, len(fr_ids)) for w in tf]
        en_sents.append(ie)
        fr_sents.append(jf)
        for a in set(ie):
            for b in set(jf):
                cooc[(a, b)] = cooc.get((a, b), 0) + 1
    if not en_sents:
        return []
    fr_given_en = _Model1(en_sents, fr_sents, len(en_ids), iterations).table()
    en_given_fr = _Model1(fr_sents, en_sents, len(fr_ids), iterations).table()
    en_words = {i: w for w, i in en_ids.items()}
    fr_words = {i: w for w, i in fr_ids.items()}
    links: list[Link] = []
    for (e, f), p_fe in fr_given_en.items():
        if e == 0 or f == 0 or p_fe < min_prob:
            continue
        p_ef = en_given_fr.get((f, e), 0.0)
        count = cooc.get((e, f), 0)
        if p_ef < min_prob or count < min_cooccurrences:
            continue
        ew, fw = en_words[e], fr_words[f]
        if ew in EN_FUNCTION or fw in FR_FUNCTION:
            continue
        links.append(Link(ew, fw, p_fe, p_ef, count))
    links.sort(key=lambda k: (-k.score, k.en, k.fr))
    return links
