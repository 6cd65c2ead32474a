"""Build the ``retrieval`` baseline's index from a training split.

One description per (name, language): the written corpus and mined pairs first (real names), then generated
ones, up to ``limit`` entries, so the shipped file stays a few MB.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

from filedesc.runtime.retrieval_index import INDEX_FILE

DEFAULT_LIMIT = 120_000


def build_index(train_jsonl: Path, out_dir: Path, limit: int = DEFAULT_LIMIT) -> Path:
    """Write ``out_dir/retrieval.jsonl.gz`` from ``train_jsonl``; returns its path."""
    real: dict[tuple[str, str], str] = {}
    generated: dict[tuple[str, str], str] = {}
    with train_jsonl.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            key = (row["name"], row["lang"])
            target = generated if str(row.get("source", "")).startswith("generated:") else real
            target.setdefault(key, row["description"])
    entries = list(real.items())
    entries += [item for item in generated.items() if item[0] not in real][: max(0, limit - len(entries))]
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = ((name, lang, description) for (name, lang), description in sorted(entries))
    return write_rows(rows, out_dir / INDEX_FILE)


def write_rows(rows: Iterable[tuple[str, str, str]], path: Path) -> Path:
    """Write (name, lang, description) rows as an index file (gzipped JSON lines, no pickle); returns ``path``.

    Written to a temporary name and renamed, so a reader never sees half a file.
    """
    partial = path.with_name(path.name + ".partial")
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=9) as handle:
        for name, lang, description in rows:
            record = {"name": name, "lang": lang, "description": description}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    partial.replace(path)
    return path
