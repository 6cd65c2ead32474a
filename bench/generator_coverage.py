"""How well generated names cover the words real names use: frequency-weighted draw against a uniform one.

    python bench/generator_coverage.py [--data data/ds] [--count 40000]

Counts the lexicon words of ``corpus_test``'s names (real names, English rows, one count per occurrence) and
reports the share of them that 40k generated examples contain at all and at least five times, first with the
generator's frequency weights (:mod:`filedesc.training.data.word_weights`), then with every word weighing 1.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from filedesc.lexicon import load_lexicon
from filedesc.training.data import generate, word_weights


def coverage(words: Counter[str], count: int) -> tuple[float, float, float]:
    """(types covered, tokens covered, tokens covered five times or more) by ``count`` generated examples."""
    lex = load_lexicon(extended=True)
    gen = generate.Generator(lex, generate.make_pools(lex), 1)
    seen = Counter(w for e in gen.examples(count) if e.lang == "en" for w in word_weights.name_words(e.name))
    total = sum(words.values())
    return (sum(1 for w in words if seen[w]) / len(words), sum(c for w, c in words.items() if seen[w]) / total,
            sum(c for w, c in words.items() if seen[w] >= 5) / total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "ds")
    parser.add_argument("--count", type=int, default=40000)
    args = parser.parse_args()
    lex = load_lexicon(extended=True)
    rows = [json.loads(line) for line in (args.data / "corpus_test.jsonl").read_text(encoding="utf-8").splitlines()]
    words = Counter(w for r in rows if r["lang"] == "en" for w in word_weights.name_words(r["name"]) if lex.lookup(w))
    print(f"{len(words)} lexicon word types in corpus_test names")
    print(f"{'draw':<10} {'types':>6} {'tokens':>7} {'tokens x5':>10}")
    weighted = coverage(words, args.count)
    word_weights.weight = lambda entry, vocabulary: 1.0  # type: ignore[assignment]  # the uniform draw
    uniform = coverage(words, args.count)
    for label, (types, tokens, five) in (("frequency", weighted), ("uniform", uniform)):
        print(f"{label:<10} {types:>6.3f} {tokens:>7.3f} {five:>10.3f}")


if __name__ == "__main__":
    main()
