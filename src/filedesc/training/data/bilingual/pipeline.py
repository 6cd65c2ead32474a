"""``filedesc data grow-lexicon``: from the bilingual corpus to the aligned lexicon layer, with a report.

Reads ``pairs.jsonl`` written by ``filedesc data bilingual``, trains the aligner on it, gathers the evidence
(:mod:`.grow`), and writes ``nouns.json``, ``verbs.json``, ``adjectives.json`` into the aligned layer folder (one
entry a line, sorted by key, so that a rebuild diffs by entry) plus ``report.json`` beside the corpus.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filedesc.errors import FiledescError
from filedesc.lexicon import ALIGNED_INDEX, EXTENDED_INDEX, Lexicon, aligned_index, extended_index, load_lexicon
from filedesc.training.data.bilingual.align import align
from filedesc.training.data.bilingual.grow import GrowConfig, Grower, gender_agreement
from filedesc.training.data.bilingual.morph import EnglishMorph, FrenchMorph

LOG = logging.getLogger(__name__)
ALIGNED_DIR = Path(__file__).resolve().parents[3] / "lexicon" / "aligned"
EXTENDED_DIR = Path(__file__).resolve().parents[1] / "lexicon"
SHORT_SOURCES = ("gettext", "apt-short")


class CorpusMissingError(FiledescError, FileNotFoundError):
    """The bilingual corpus has not been built."""


@dataclass
class GrowInputs:
    """The dictionaries and the hand lexicon the growth needs (tests give small ones)."""

    fr: FrenchMorph
    en: EnglishMorph
    hand: Lexicon
    zipf: dict[str, float] | None = None


def read_pairs(corpus: Path) -> Iterator[dict[str, str]]:
    """The lines of ``corpus/pairs.jsonl``, or an error naming the command that writes it."""
    path = corpus / "pairs.jsonl"
    if not path.is_file():
        raise CorpusMissingError(f"{path} not found: build it with `filedesc data bilingual --out {corpus}`")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def default_inputs() -> GrowInputs:
    """The installed hunspell dictionaries, the hand lexicon (core + extended) and wordfreq's English zipf."""
    from filedesc.training.data.hunspell_morph import load_dictionary

    return GrowInputs(FrenchMorph(load_dictionary("fr")), EnglishMorph(load_dictionary("en")),
                      load_lexicon(extended=True, aligned=False))


def english_zipf(words: set[str]) -> dict[str, float] | None:
    """The Zipf frequency of each English word (None when wordfreq is not installed)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        LOG.warning("wordfreq not installed: entries carry no frequency and rare words are not filtered")
        return None
    return {w: zipf_frequency(w, "en") for w in words}


def french_zipf(words: set[str]) -> dict[str, float]:
    """The Zipf frequency of each French word (empty when wordfreq is not installed)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return {}
    return {w: zipf_frequency(w, "fr") for w in words}


def grow_lexicon(corpus: Path, out: Path, inputs: GrowInputs | None = None, config: GrowConfig | None = None,
                 iterations: int = 5) -> dict[str, Any]:
    """Build the aligned layer from ``corpus`` into ``out``; return the report (also written to the corpus)."""
    pairs = list(read_pairs(corpus))
    inputs = inputs or default_inputs()
    grower = Grower(inputs.fr, inputs.en, inputs.hand, config)
    for row in pairs:
        grower.add_french_text(row["fr"])
        if row["source"] == "freedict":
            direction = "fe" if row["package"].endswith("fra-eng") else "ef"
            grower.add_freedict(row["en"], row["fr"], row.get("pos", ""), row.get("gender", ""),
                                int(row.get("rank", "0")), direction)
        elif row["source"] in SHORT_SOURCES:
            grower.add_short_pair(row["en"], row["fr"])
    grower.add_cognates(inputs.en.forms_of)
    # the dictionaries' lines stay out of the aligner, so that its links are evidence independent of them
    links = align(((row["en"], row["fr"]) for row in pairs if row["source"] != "freedict"), iterations=iterations)
    grower.add_links(links)
    zipf = inputs.zipf
    if zipf is None:
        zipf = english_zipf({key[1] for key in grower.evidence})
    if zipf is not None:
        cognate_fr = {key[2] for key, ev in grower.evidence.items() if ev.cognate}
        grower.confirm_common_cognates(zipf, french_zipf(cognate_fr))
    entries = grower.entries(zipf)
    write_layer(out, entries)
    agree, total, differ = gender_agreement(inputs.fr, inputs.hand)
    report: dict[str, Any] = {
        "pairs": len(pairs),
        "links": len(links),
        "entries": {name: len(items) for name, items in entries.items()},
        "by_provenance": _provenance(entries),
        "hand_entries": len(inputs.hand.nouns) + len(inputs.hand.verbs) + len(inputs.hand.adjectives),
        "gender_agreement_with_hand": {"agree": agree, "total": total, "differ": differ[:50]},
    }
    (corpus / "lexicon-report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    return report


def _provenance(entries: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for items in entries.values():
        for item in items:
            counts[item["provenance"]] = counts.get(item["provenance"], 0) + 1
    return counts


def write_layer(out: Path, entries: dict[str, list[dict[str, Any]]]) -> None:
    """Write one JSON array per file, one entry a line (compact, and a rebuild diffs by entry), and the index.

    The index lets the loader read the layer lazily (:class:`filedesc.lexicon.AlignedLayer`).
    """
    out.mkdir(parents=True, exist_ok=True)
    for name, items in entries.items():
        lines = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=False) for item in items)
        (out / f"{name}.json").write_text(f"[\n{lines}\n]\n" if items else "[]\n", encoding="utf-8")
    index = aligned_index(entries)
    (out / ALIGNED_INDEX).write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n",
                                     encoding="utf-8")
    write_extended_index(out)


def write_extended_index(out: Path, extended: Path = EXTENDED_DIR) -> None:
    """Index the extended hand layer beside the aligned one, so run-time look-ups read it lazily too."""
    saved = extended_index(extended)
    (out / EXTENDED_INDEX).write_text(json.dumps(saved, ensure_ascii=False, separators=(",", ":")) + "\n",
                                      encoding="utf-8")
