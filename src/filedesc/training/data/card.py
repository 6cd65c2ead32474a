"""The dataset card (``DATASET.md``) and ``stats.json``: what the data holds, where it comes from, where it is weak.

Written by every build from the same figures, so the card never drifts from the files it describes; the card of
the default build is committed as ``docs/DATASET.md``.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from filedesc.training.data.corpus_check import CorpusReport
from filedesc.training.data.exclusions import repository_of
from filedesc.training.data.records import Example

WEAKNESSES = (
    "Generated pairs are built from the lexicon and the grammar: their descriptions are right by construction but "
    "say only what the words of the name say (no knowledge of what a real `utils.py` holds).",
    "Generated sentences reuse a few templates per category; the written corpus and the mined pairs are the only "
    "free-form sentences, and they are a small share of the data.",
    "Mined pairs are English only (a French version would need an unchecked translation), and they come from the "
    "packages installed where the build ran: another machine mines other pairs.",
    "Made-up words and acronyms are random syllables or letters: real product names (`grist`, `openfisca`) are "
    "only seen through the corpus and the lexicon's proper nouns.",
    "Predicate names (`is_valid_email`) and names whose words the lexicon lacks are under-represented.",
    "Spell-checking accepts, in French text, words the English dictionary knows (`workflow`, `hook`), so an "
    "English word used by mistake in a French sentence goes unnoticed.",
    "Stems are compared after removing case, separators, accents, extensions, ordering prefixes and versions; two "
    "different stems that mean the same thing (`get_user` / `fetch_user`) may still sit in different splits.",
)


def write_stats(path: Path, stats: dict[str, Any]) -> None:
    """Write ``stats.json`` with sorted keys so two builds of one seed are byte-identical."""
    path.write_text(json.dumps(stats, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _table(title: str, counts: dict[str, Any], total: int | None = None) -> list[str]:
    lines = [f"| {title} | count | share |", "|---|---:|---:|"]
    whole = total or sum(int(v) for v in counts.values()) or 1
    for key, value in sorted(counts.items(), key=lambda kv: (-int(kv[1]), kv[0])):
        lines.append(f"| {key} | {value} | {100 * int(value) / whole:.1f} % |")
    return [*lines, ""]


def _shares(title: str, shares: dict[str, float], limit: int = 25) -> list[str]:
    lines = [f"| {title} | share of files |", "|---|---:|"]
    for key, value in list(shares.items())[:limit]:
        lines.append(f"| {key} | {100 * value:.1f} % |")
    if len(shares) > limit:
        lines.append(f"| ({len(shares) - limit} more) | |")
    return [*lines, ""]


def _listing(counts: dict[str, int]) -> str:
    """``corpus 132, generated 1388`` for a card sentence, or ``none``."""
    return ", ".join(f"{key} {value}" for key, value in sorted(counts.items())) or "none"


def _misspelled(figures: dict[str, int]) -> str:
    """The misspelled-names figure, with the distinct words only when there are some to fix in the lexicon."""
    if not figures["names_dropped"]:
        return "none"
    return f"{figures['names_dropped']} ({figures['distinct_words']} distinct words, to fix in the lexicon)"


def render_card(splits: dict[str, list[Example]], stats: dict[str, Any], report: CorpusReport, seed: int) -> str:
    """The Markdown dataset card."""
    out = [
        "# filedesc training data",
        "",
        f"Built by `filedesc data build --size {stats['size']} --seed {seed}"
        f"{'' if stats['mined'] else ' --no-mined'}"
        f"{' --skip-misspelled' if stats['misspelled']['names_dropped'] else ''}` (deterministic for a seed). "
        "Each line of the split files is "
        '`{"name", "lang", "description", "source"}`.',
        "",
        "## Sources",
        "",
        "- `generated:<category>`: names and descriptions generated from the bilingual lexicon (core + extended) "
        "through `filedesc.grammar` (`filedesc.training.data.generate`), including every phrasing of the well-known "
        "file names of `filenames.json`.",
        "- `pypi:PACKAGE:PATH`: first sentences of module docstrings of third-party packages installed in the "
        "build's interpreter (never the standard library), rewritten in the house style, English only.",
        "- `debian:PACKAGE:/PATH`: header comments of shell, Perl and Python scripts installed by Debian packages "
        "(never man pages), same treatment; plus the written corpus' Debian files.",
        "- `github:OWNER/REPO@COMMIT:PATH` and the other corpus sources: the hand-written corpus of real names "
        "(`src/filedesc/training/data/corpus/`), both languages.",
        "",
        "Never used: the Python standard library, any repository of `holdout-repos.txt`, any name of "
        "`real-dev.jsonl`.",
        "",
        "## Splits",
        "",
        "| split | lines | names | en | fr |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, info in stats["splits"].items():
        out.append(f"| {name} | {info['lines']} | {info['names']} | {info['lang'].get('en', 0)} | "
                   f"{info['lang'].get('fr', 0)} |")
    out += [
        "",
        "`train`/`valid`/`test` are split by normalised name stem; `test_unseen` uses lexicon words reserved away "
        f"from training ({stats['reserved_keys']} keys); `corpus_test` holds the corpus files of "
        f"{len(stats['corpus']['held_out_repositories'])} held-out repositories. No stem is in two splits; "
        f"examples dropped for sharing a reserved stem: {_listing(stats['dropped_for_reserved_stems'])}.",
        "",
        "## Counts (all splits)",
        "",
        *_table("language", stats["lang"]),
        *_table("origin", stats["origin"]),
        *_table("source kind", stats["source_kind"]),
        *_table("category", stats["category"]),
        *_table("identifier style", stats["style"]),
        *_table("name language", stats["name_lang"]),
        "## Source figures",
        "",
        f"Mined pairs: {stats['mined_pairs']} (before the reserved-stem drop above); well-known file name lines: "
        f"{stats['well_known_lines']}; corpus lines with defects left out: {stats['corpus']['problems']}; "
        f"generated names dropped for misspelled descriptions: {_misspelled(stats['misspelled'])}.",
        "",
        "Generated descriptions: "
        + (
            "each meaning's first phrasing, the one the rules write (`--canonical-phrasing`)."
            if stats.get("canonical_phrasing")
            else "a random phrasing of each meaning."
        ),
        "",
    ]
    repos = Counter(repository_of(e.source) for items in splits.values() for e in items
                    if not e.source.startswith("generated:"))
    out += [f"{sum(repos.values())} real-file lines from {len(repos)} repositories and packages, each listed with "
            "its line count at the end of this card.", ""]
    cov = stats["corpus"]["coverage"]
    out += ["## Written corpus coverage", "",
            f"{cov.get('files', 0)} files, {cov.get('lines', 0)} lines, {cov.get('repositories', 0)} distinct "
            "repositories or packages.", ""]
    for key, title in (("name_lang", "name language"), ("styles", "style"), ("categories", "category"),
                       ("extensions", "extension")):
        out += _shares(title, cov.get(key, {}))
    out += ["## 30 random examples", "", "| name | lang | description | source |", "|---|---|---|---|"]
    rng = random.Random(seed)
    train = splits.get("train", [])
    for example in rng.sample(train, min(30, len(train))):
        cells = [example.name, example.lang, example.description, example.source]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    out += ["", "## Known weaknesses", "", *(f"- {w}" for w in WEAKNESSES), ""]
    out += ["## Every real-file source", "", "<details><summary>repositories and packages</summary>", "",
            "| source | lines |", "|---|---:|"]
    out += [f"| `{repo}` | {count} |" for repo, count in sorted(repos.items())]
    out += ["", "</details>", ""]
    return "\n".join(out)
