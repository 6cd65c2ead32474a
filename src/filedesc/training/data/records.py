"""The one record type every source produces, and its JSONL reading and writing.

Generated, mined and corpus examples all become :class:`Example` so that splitting, spell-checking and statistics
treat them alike; only ``name``, ``lang``, ``description`` and ``source`` are written to the split files, the rest
feeds the statistics and the dataset card.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OUTPUT_FIELDS = ("name", "lang", "description", "source")


@dataclass(frozen=True)
class Example:
    """One (name, language, description) pair with where it came from and what it exercises."""

    name: str
    lang: str
    description: str
    source: str
    category: str = "other"
    style: str = "other"
    name_lang: str = "en"
    origin: str = "generated"
    exempt: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> str:
        """The split-file line: only the public fields, UTF-8 kept readable."""
        return json.dumps(
            {"name": self.name, "lang": self.lang, "description": self.description, "source": self.source},
            ensure_ascii=False,
        )


def write_jsonl(path: Path, examples: Iterable[Example]) -> int:
    """Write ``examples`` one per line and return how many were written."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(example.to_json() + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """Yield ``(line_number, parsed_object_or_None, raw_line)`` for every non-blank line.

    Unparsable lines come back as ``None`` so that checkers can report them with their line number instead of
    stopping at the first one.
    """
    with path.open(encoding="utf-8") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                parsed = json.loads(raw)
            except ValueError:
                yield number, None, raw
                continue
            yield number, parsed if isinstance(parsed, dict) else None, raw
