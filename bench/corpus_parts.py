"""Coverage of some parts of the written corpus: what a batch of new files adds, against issue 17's aims.

    python bench/corpus_parts.py github-fr-11 github-fr-12 ... [--folder DIR] [--json OUT.json]

Prints, for the named parts together (and each part alone): files, lines, distinct sources (repositories or
packages) and how many of them are new to the rest of the corpus, the most files one source gives, the identifier
language (``name_lang``) shares, the share of names where the ``rules`` backend gives up ("named 'X'", English
answers, this checkout's rules), and the categories. Parts are file stems of the corpus folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from filedesc.training.data.corpus_check import CORPUS_DIR
from filedesc.training.data.exclusions import repository_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rules_quality import GIVE_UP  # noqa: E402  (a sibling script, not a package)


def read_part(folder: Path, part: str) -> list[dict[str, Any]]:
    """One line a file: the English line of each (name, source), since both lines carry the same fields."""
    path = folder / f"{part}.jsonl"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.jsonl")))
        sys.exit(f"no corpus part {part!r} in {folder}; parts: {known}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if row["lang"] == "en"]


def give_ups(names: list[str]) -> list[bool]:
    """Whether the rules answer each name with the generic "named 'X'" sentence (English)."""
    from filedesc.service import Describer

    describer = Describer(backend="rules", cache=False)
    return [bool(GIVE_UP.search(r.description)) for r in describer.describe(names, lang="en")]


def summarise(files: list[dict[str, Any]], other_sources: set[str], gave_up: list[bool]) -> dict[str, Any]:
    """The figures of one group of files."""
    sources = Counter(repository_of(f["source"]) for f in files)
    langs = Counter(f["name_lang"] for f in files)
    n = len(files) or 1
    return {
        "files": len(files),
        "lines": 2 * len(files),
        "sources": len(sources),
        "new_sources": len(set(sources) - other_sources),
        "most_files_one_source": max(sources.values(), default=0),
        "name_lang": {lang: round(100 * count / n, 1) for lang, count in langs.most_common()},
        "give_up_percent": round(100 * sum(gave_up) / n, 1),
        "categories": dict(Counter(f["category"] for f in files).most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", nargs="+", help="corpus part file stems (github-fr-11 ...)")
    parser.add_argument("--folder", type=Path, default=CORPUS_DIR, help="corpus folder (default: the packaged one)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    args = parser.parse_args()
    chosen = {part: read_part(args.folder, part) for part in args.parts}
    others: set[str] = set()
    for path in args.folder.glob("*.jsonl"):
        if path.stem not in chosen:
            others.update(repository_of(f["source"]) for f in read_part(args.folder, path.stem))
    everything = [f for files in chosen.values() for f in files]
    flags = give_ups([f["name"] for f in everything])
    report: dict[str, Any] = {}
    start = 0
    for part, files in chosen.items():
        report[part] = summarise(files, others, flags[start : start + len(files)])
        start += len(files)
    report["all"] = summarise(everything, others, flags)
    print(f"{'part':<14} {'files':>6} {'sources':>8} {'new':>5} {'max/src':>8} {'fr %':>6} {'mixed %':>8} "
          f"{'en %':>6} {'none %':>7} {'give-up %':>10}")
    for part, row in report.items():
        shares = row["name_lang"]
        print(f"{part:<14} {row['files']:>6} {row['sources']:>8} {row['new_sources']:>5} "
              f"{row['most_files_one_source']:>8} {shares.get('fr', 0):>6} {shares.get('mixed', 0):>8} "
              f"{shares.get('en', 0):>6} {shares.get('none', 0):>7} {row['give_up_percent']:>10}")
    print("categories:", ", ".join(f"{k} {v}" for k, v in report["all"]["categories"].items()))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
