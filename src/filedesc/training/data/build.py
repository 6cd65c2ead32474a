"""Build the whole dataset: ``filedesc data build --out DIR [--size N] [--seed S] [--no-mined]``.

Writes ``train.jsonl``, ``valid.jsonl``, ``test.jsonl``, ``test_unseen.jsonl`` and ``corpus_test.jsonl`` (lines
``{"name", "lang", "description", "source"}``), ``stats.json`` and ``DATASET.md``. The same lexicon, corpus,
installed packages and seed give byte-identical files. The build stops, with a report, when a generated or
well-known description is misspelled; corpus lines with defects are left out and counted.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filedesc.errors import FiledescError
from filedesc.lexicon import Lexicon, load_lexicon
from filedesc.training.data import card, corpus_check, generate, mine, roles, split
from filedesc.training.data.exclusions import Exclusions, load_exclusions, repository_of
from filedesc.training.data.records import Example, write_jsonl
from filedesc.training.data.spelling import SpellChecker, format_report

LOG = logging.getLogger(__name__)
DEFAULT_SIZE = 200_000
UNSEEN_SHARE = 50
"""``test_unseen`` holds one name pair for every ``UNSEEN_SHARE`` training examples (at least 200 lines)."""


class SpellingError(FiledescError):
    """Generated descriptions with misspelled words: the lexicon or the grammar must be fixed."""


@dataclass(frozen=True)
class BuildConfig:
    """What to build and from what; tests pass a fixture lexicon and corpus folder."""

    out: Path
    size: int = DEFAULT_SIZE
    seed: int = 0
    mined: bool = True
    corpus_dir: Path = corpus_check.CORPUS_DIR
    lexicon: Lexicon | None = None
    core_lexicon: Lexicon | None = None
    exclusions: Exclusions | None = None
    skip_misspelled: bool = False
    corpus_weight: int = 4
    """Copies of each written-corpus training line: real names weigh more than generated ones. 0 leaves the corpus
    out of ``train`` (it stays in ``valid``, ``test`` and ``corpus_test``): the "without the corpus" arm of the
    comparison in the dataset card."""
    canonical_phrasing: bool = False
    """Generated descriptions take each meaning's first phrasing, the one the rules render, instead of a random one.

    Why: 78 % of generated pairs (3,000 sampled from a 400k build) had a target that only rephrases the rules'
    sentence for the same meaning ("Script Perl qui valorise le seuil." -> "Script Perl pour valoriser le seuil."),
    which teaches a ``draft`` model to rewrite right drafts, and it garbles real ones. With this, a right draft is
    its own target and only the real corpus and the names the rules misread teach rewriting. The names drawn are
    the same as without it (the same random draws), so two builds differ in phrasing only.
    """
    corpus_leave_out: tuple[str, ...] = ()
    """Corpus parts (file stems, e.g. ``github-fr-6``) whose files are left out of ``train`` only: ``valid``,
    ``test`` and ``corpus_test`` stay identical, so two builds measure what those parts bring at equal data
    otherwise."""

    def __post_init__(self) -> None:
        if self.corpus_weight < 0:
            raise FiledescError(f"--corpus-weight {self.corpus_weight} must be 0 (no corpus in train) or more")
        if self.size < 100:
            raise FiledescError(f"--size {self.size} is too small: use at least 100 examples")
        missing = [part for part in self.corpus_leave_out if not (self.corpus_dir / f"{part}.jsonl").is_file()]
        if missing:
            known = ", ".join(sorted(path.stem for path in self.corpus_dir.glob("*.jsonl")))
            raise FiledescError(
                f"--corpus-leave-out: no corpus part {', '.join(missing)} in {self.corpus_dir}; "
                f"name parts by file stem, among: {known}"
            )


@dataclass
class BuildResult:
    """The splits written and the figures of ``stats.json``."""

    splits: dict[str, list[Example]]
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _spellcheck(checker: SpellChecker, examples: list[Example], out: Path, skip: bool) -> tuple[set[str], int]:
    """Check every example; raise on a misspelling, or with ``skip`` return the names to drop and the count."""
    found = checker.check_all((e.name, e.lang, e.description, e.exempt) for e in examples)
    if found:
        report = format_report(found)
        out.mkdir(parents=True, exist_ok=True)
        (out / "spelling-report.txt").write_text(format_report(found, limit=10_000) + "\n", encoding="utf-8")
        if skip:
            LOG.warning(
                "dropping names with misspelled descriptions (see %s):\n%s", out / "spelling-report.txt", report
            )
            return {m.name for m in found}, len({(m.lang, m.word) for m in found})
        raise SpellingError(
            f"generated descriptions are misspelled (full list in {out / 'spelling-report.txt'}):\n{report}"
        )
    return set(), 0


def _counts(examples: list[Example], attr: str) -> dict[str, int]:
    return dict(sorted(Counter(str(getattr(e, attr)) for e in examples).items()))


def _stats(result: split.SplitResult, config: BuildConfig, extra: dict[str, Any]) -> dict[str, Any]:
    everything = [e for items in result.splits.values() for e in items]
    per_split = {}
    for name, items in result.splits.items():
        langs = Counter(e.lang for e in items)
        per_split[name] = {
            "lines": len(items),
            "names": len({e.name for e in items}),
            "lang": dict(sorted(langs.items())),
        }
    return {
        "seed": config.seed,
        "size": config.size,
        "mined": config.mined,
        "splits": per_split,
        "lang": _counts(everything, "lang"),
        "origin": _counts(everything, "origin"),
        "category": _counts(everything, "category"),
        "style": _counts(everything, "style"),
        "name_lang": _counts(everything, "name_lang"),
        "source_kind": dict(sorted(Counter(e.source.split(":", 1)[0] for e in everything).items())),
        "dropped_for_reserved_stems": dict(sorted(result.dropped.items())),
        **extra,
    }


def _part_sources(folder: Path, parts: tuple[str, ...]) -> set[str]:
    """The ``source`` of every line of the named corpus part files."""
    sources: set[str] = set()
    for part in parts:
        with (folder / f"{part}.jsonl").open(encoding="utf-8") as handle:
            sources.update(json.loads(line)["source"] for line in handle if line.strip())
    return sources


def build(config: BuildConfig) -> BuildResult:
    """Run every step and write the dataset folder; returns the splits and statistics."""
    started = time.monotonic()
    lexicon = config.lexicon or load_lexicon(extended=True)
    core = config.core_lexicon or load_lexicon(extended=False)
    exclusions = config.exclusions or load_exclusions()
    if not exclusions.found:
        LOG.warning(
            "shared data folder not found: held-out repositories and real-dev names are not excluded "
            "(set FILEDESC_SHARED_DIR)"
        )
    checker = SpellChecker()
    report = corpus_check.check_corpus(config.corpus_dir, exclusions, checker)
    for problem in report.problems[:20]:
        LOG.warning("corpus: %s", problem)
    held_out = split.held_out_repositories(report.examples)
    corpus_test = [e for e in report.examples if repository_of(e.source) in held_out]
    corpus_pool = [e for e in report.examples if repository_of(e.source) not in held_out]
    mined = mine.mine(lexicon, checker, exclusions, {e.source for e in report.examples}) if config.mined else []
    well_known = list(roles.well_known_examples(lexicon, config.seed))
    reserved = split.reserved_keys(core, lexicon)
    unseen_gen = generate.Generator(
        lexicon, generate.make_pools(lexicon, required=reserved), config.seed + 1, config.canonical_phrasing
    )
    unseen = list(unseen_gen.examples(max(200, config.size // UNSEEN_SHARE)))
    wanted = max(0, config.size - len(corpus_pool) - len(mined) - len(well_known))
    generator = generate.Generator(
        lexicon, generate.make_pools(lexicon, exclude=reserved), config.seed, config.canonical_phrasing
    )
    generated = list(generator.examples(wanted))
    bad_names, bad_words = _spellcheck(checker, [*generated, *unseen, *well_known], config.out, config.skip_misspelled)
    if bad_names:
        generated, unseen, well_known = (
            [e for e in items if e.name not in bad_names] for items in (generated, unseen, well_known)
        )
    result = split.split_examples(
        [*generated, *mined, *corpus_pool],
        unseen,
        corpus_test,
        lexicon.extensions.keys(),
        forced_train=well_known,
        salt=f"filedesc-{config.seed}",
    )
    left_out = _part_sources(config.corpus_dir, config.corpus_leave_out)
    if left_out:
        result.splits["train"] = [
            e for e in result.splits["train"] if not (e.origin == "corpus" and e.source in left_out)
        ]
    corpus_train = [e for e in result.splits["train"] if e.origin == "corpus"]
    if config.corpus_weight == 0:
        result.splits["train"] = [e for e in result.splits["train"] if e.origin != "corpus"]
        corpus_train = []
    else:
        result.splits["train"].extend(corpus_train * (config.corpus_weight - 1))
    random.Random(config.seed).shuffle(result.splits["train"])
    config.out.mkdir(parents=True, exist_ok=True)
    for name, items in result.splits.items():
        write_jsonl(config.out / f"{name}.jsonl", items)
    stats = _stats(
        result,
        config,
        {
            "corpus": {
                "problems": len(report.problems),
                "held_out_repositories": sorted(held_out),
                "coverage": report.coverage,
            },
            "misspelled": {"names_dropped": len(bad_names), "distinct_words": bad_words},
            "mined_pairs": len(mined),
            "well_known_lines": len(well_known),
            "reserved_keys": len(reserved),
            "corpus_weight": config.corpus_weight,
            "canonical_phrasing": config.canonical_phrasing,
            "corpus_train_lines": len(corpus_train),
            "corpus_left_out": list(config.corpus_leave_out),
            "english_words_in_french": sorted(checker.english_in_french)[:200],
        },
    )
    LOG.info("dataset built in %.1f s", time.monotonic() - started)
    card.write_stats(config.out / "stats.json", stats)
    (config.out / "DATASET.md").write_text(
        card.render_card(result.splits, stats, report, config.seed), encoding="utf-8"
    )
    return BuildResult(result.splits, stats, time.monotonic() - started)
