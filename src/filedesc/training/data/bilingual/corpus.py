"""``filedesc data bilingual``: build the parallel EN/FR corpus and the ``debian_names`` split from Debian sources.

Steps: read the translated package descriptions (short lines, and paragraphs or sentences where both sides have
as many), the French gettext catalogs (installed, plus fetched packages) and FreeDict; clean; keep a pair when
both sides pass the length filters and the language check and the French side is spelled right; drop exact
duplicates (case-insensitive; the first source wins: apt, gettext, freedict). Writes ``OUT/pairs.jsonl`` (``en``,
``fr``, ``source``, ``package``, ``licence``; FreeDict lines add ``pos`` and ``gender``), ``OUT/debian_names.jsonl``
(package name -> short description, its own split, never in ``corpus_test``) and ``OUT/stats.json`` (counts,
reasons for dropping, and the date, size and SHA-256 of every apt list read). Man pages are never read.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filedesc.training.data.bilingual import apt, freedict
from filedesc.training.data.bilingual import gettext as catalogs
from filedesc.training.data.bilingual.checks import Vocabulary, language_ok, misspelled, words
from filedesc.training.data.bilingual.records import Pair
from filedesc.training.data.exclusions import Exclusions

LOG = logging.getLogger(__name__)
MAX_WORDS = 60
MAX_RATIO = 2.5
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")


@dataclass
class BilingualConfig:
    """Where the sources are and what to fetch; tests point every path at fixture files."""

    out: Path
    apt_lists: Path = apt.APT_LISTS
    dictd: Path = freedict.DICTD_DIR
    locale_dir: Path | None = catalogs.LOCALE_DIR
    fetch_packages: tuple[str, ...] = catalogs.CATALOG_PACKAGES
    scratch: Path | None = None
    vocabulary: Vocabulary | None = None
    exclusions: Exclusions | None = None


@dataclass
class BilingualResult:
    """What was written and why lines were dropped."""

    pairs: list[dict[str, str]] = field(default_factory=list)
    names: list[dict[str, str]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


Descriptions = dict[tuple[str, str], apt.Description]


def apt_pairs(en: Descriptions, fr: Descriptions) -> Iterator[Pair]:
    """Short descriptions, then paragraphs (or their sentences) where both sides split the same way."""
    for key in sorted(fr):
        if key not in en:
            continue
        e, f = en[key], fr[key]
        yield Pair(e.short, f.short, "apt-short", e.package, apt.LICENCE)
        if len(e.paragraphs) != len(f.paragraphs):
            continue
        for pe, pf in zip(e.paragraphs, f.paragraphs, strict=True):
            se, sf = _sentences(pe), _sentences(pf)
            chunks = zip(se, sf, strict=True) if len(se) == len(sf) else [(pe, pf)]
            for ce, cf in chunks:
                yield Pair(ce, cf, "apt-long", e.package, apt.LICENCE)


def freedict_pairs(dictd: Path) -> Iterator[tuple[Pair, dict[str, str]]]:
    """Every translation of both FreeDict directions, with its part of speech, French gender and rank (0 first)."""
    for name in ("fra-eng", "eng-fra"):
        for article in freedict.read_dictionary(name, dictd):
            for rank, other in enumerate(article.translations):
                en, fr = (other, article.headword) if name == "fra-eng" else (article.headword, other)
                extra = {"pos": article.pos, "gender": article.gender, "rank": str(rank)}
                pair = Pair(en, fr, "freedict", f"dict-freedict-{name}", freedict.LICENCE)
                yield pair, {k: v for k, v in extra.items() if v}


def verdict(pair: Pair, vocab: Vocabulary) -> str | None:
    """Why a pair is dropped (``length``, ``ratio``, ``same``, ``language-en``, ``language-fr``, ``misspelled``)."""
    we, wf = words(pair.en), words(pair.fr)
    if not we or not wf or len(we) > MAX_WORDS or len(wf) > MAX_WORDS:
        return "length"
    short, long_ = sorted((len(pair.en), len(pair.fr)))
    if long_ > 12 and long_ > MAX_RATIO * short:
        return "ratio"
    if pair.en.casefold() == pair.fr.casefold():
        return "same"
    if not language_ok(pair.en, "en", vocab):
        return "language-en"
    if not language_ok(pair.fr, "fr", vocab):
        return "language-fr"
    wrong = misspelled(pair.fr, vocab, pair.en)
    if wrong and (len(wf) <= 6 or len(wrong) > len(wf) // 10):
        return "misspelled"
    return None


def _dedupe_key(pair: Pair) -> tuple[str, str, str]:
    """Case-insensitive text; FreeDict's two directions stay apart (a pair both give is surer)."""
    scope = pair.package if pair.source == "freedict" else ""
    return " ".join(pair.en.casefold().split()), " ".join(pair.fr.casefold().split()), scope


def debian_names(en: Descriptions, fr: Descriptions, exclusions: Exclusions | None) -> list[dict[str, str]]:
    """Package name -> short description, English for every package and French where translated."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for lang, table in (("en", en), ("fr", fr)):
        for (package, _), desc in sorted(table.items()):
            if (package, lang) in seen or (exclusions is not None and package in exclusions.dev_names):
                continue
            seen.add((package, lang))
            text = desc.short.strip().rstrip(".")
            if not text:
                continue
            out.append({"name": package, "lang": lang, "description": text[0].upper() + text[1:] + ".",
                        "source": f"debian-names:{package}"})
    return out


def _catalog_sources(config: BilingualConfig) -> Iterator[tuple[Path, str, str]]:
    if config.locale_dir is not None:
        yield from catalogs.installed_catalogs(config.locale_dir)
    if config.fetch_packages:
        yield from catalogs.fetch_catalogs(config.fetch_packages, config.scratch or config.out / "debs")


def build_bilingual(config: BilingualConfig) -> BilingualResult:
    """Build the corpus and the names split, write them with ``stats.json``, and return them."""
    from filedesc.training.data.bilingual.checks import hunspell_vocabulary

    en_files, fr_files = apt.translation_files("en", config.apt_lists), apt.translation_files("fr", config.apt_lists)
    freedict.dictionary_files("fra-eng", config.dictd)
    vocab = config.vocabulary or hunspell_vocabulary()
    en, fr = apt.read_lang("en", config.apt_lists), apt.read_lang("fr", config.apt_lists)
    result = BilingualResult()
    read: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    seen: set[tuple[str, str, str]] = set()
    catalog_files: list[str] = []

    def consider(pair: Pair, extra: dict[str, str] | None = None) -> None:
        read[pair.source] += 1
        reason = verdict(pair, vocab)
        key = _dedupe_key(pair)
        if reason is None and key in seen:
            reason = "duplicate"
        if reason is not None:
            dropped[f"{pair.source}:{reason}"] += 1
            return
        seen.add(key)
        kept[pair.source] += 1
        result.pairs.append({**pair.as_json(), **(extra or {})})

    for pair in apt_pairs(en, fr):
        consider(pair)
    for path, package, licence in _catalog_sources(config):
        catalog_files.append(f"{package}:{path.name}")
        for pair in catalogs.read_catalog(path, package, licence):
            consider(pair)
    for pair, extra in freedict_pairs(config.dictd):
        consider(pair, extra)
    result.names = debian_names(en, fr, config.exclusions)
    result.stats = {
        "pairs": len(result.pairs),
        "kept_by_source": dict(sorted(kept.items())),
        "read_by_source": dict(sorted(read.items())),
        "dropped": dict(sorted(dropped.items())),
        "apt_descriptions": {"en": len(en), "fr": len(fr), "parallel": sum(1 for k in fr if k in en)},
        "apt_lists": [apt.file_facts(p) for p in (*en_files, *fr_files)],
        "catalogs": len(catalog_files),
        "catalog_packages": sorted({c.split(":", 1)[0] for c in catalog_files}),
        "debian_names": dict(Counter(n["lang"] for n in result.names)),
        "french_characters": sum(len(p["fr"]) for p in result.pairs),
    }
    _write(config.out, result)
    return result


def card_section(result: BilingualResult, examples: int = 3, seed: int = 0) -> str:
    """The ``docs/DATASET.md`` section for this build (written as ``OUT/DATASET-bilingual.md``)."""
    import random

    stats = result.stats
    lines = [
        "## Bilingual corpus from Debian (`filedesc data bilingual`)",
        "",
        f"{stats['pairs']} English/French pairs ({stats['french_characters']:,} French characters) in "
        "`pairs.jsonl` (`en`, `fr`, `source`, `package`, `licence`; FreeDict lines add `pos`, `gender`, `rank`), "
        f"and {sum(stats['debian_names'].values())} lines in the `debian_names` split (package name -> short "
        f"description: {stats['debian_names'].get('en', 0)} English, {stats['debian_names'].get('fr', 0)} French), "
        "kept apart from every other split and never in `corpus_test`. Man pages are never read.",
        "",
        "| source | read | kept | dropped (reason: count) |",
        "|---|---:|---:|---|",
    ]
    for source, read in stats["read_by_source"].items():
        reasons = ", ".join(f"{k.split(':', 1)[1]}: {v}" for k, v in stats["dropped"].items()
                            if k.startswith(source + ":"))
        lines.append(f"| {source} | {read} | {stats['kept_by_source'].get(source, 0)} | {reasons} |")
    apt_counts = stats["apt_descriptions"]
    lines += [
        "",
        f"apt descriptions: {apt_counts['en']} English, {apt_counts['fr']} French, {apt_counts['parallel']} sharing "
        f"(Package, Description-md5); {stats['catalogs']} French gettext catalogs from "
        f"{len(stats['catalog_packages'])} packages. Licences: descriptions are Debian archive metadata (French by "
        "the DDTP); each catalog carries its package's `License:` line; FreeDict is GPL-2+.",
        "",
        "| apt list | bytes | modified (UTC) | SHA-256 |",
        "|---|---:|---|---|",
    ]
    for facts in stats["apt_lists"]:
        lines.append(f"| {facts['file']} | {facts['bytes']} | {facts['modified']} | `{facts['sha256'][:16]}…` |")
    lines += ["", "Examples (random, seed 0):", "", "| source | package | en | fr |", "|---|---|---|---|"]
    rng = random.Random(seed)
    for source in stats["kept_by_source"]:
        rows = [r for r in result.pairs if r["source"] == source]
        for row in rng.sample(rows, min(examples, len(rows))):
            en, fr = (row[k].replace("|", "\\|")[:90] for k in ("en", "fr"))
            lines.append(f"| {source} | {row['package']} | {en} | {fr} |")
    return "\n".join(lines) + "\n"


def _write_jsonl(path: Path, rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write(out: Path, result: BilingualResult) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(out / "pairs.jsonl", result.pairs)
    _write_jsonl(out / "debian_names.jsonl", result.names)
    (out / "stats.json").write_text(json.dumps(result.stats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "DATASET-bilingual.md").write_text(card_section(result), encoding="utf-8")
