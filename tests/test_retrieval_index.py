"""The retrieval baseline's n-gram index: nearest names, languages kept apart, damaged files named."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from filedesc.errors import ModelFileError
from filedesc.runtime.retrieval_index import INDEX_FILE, RetrievalIndex, ngrams

ROWS = [
    ("extract_window_events.sh", "en", "Shell script that extracts the window events."),
    ("extract_window_events.sh", "fr", "Script shell qui extrait les événements de la fenêtre."),
    ("parse_logs.py", "en", "Python module that parses the logs."),
    ("docker-compose.yml", "en", "Compose file that defines the services."),
]


def test_nearest_name_wins_per_language() -> None:
    index = RetrievalIndex(ROWS)
    assert index.describe("extract_window_event.sh", "en") == ROWS[0][2]
    assert index.describe("extract_window_event.sh", "fr") == ROWS[1][2]
    assert index.describe("parse_log.py", "en") == ROWS[2][2]
    assert index.describe("docker-compose.override.yml", "en") == ROWS[3][2]
    assert index.describe("zzzz", "en") is None  # nothing shared
    assert index.describe("a.py", "de") is None


def test_ngrams_mark_boundaries() -> None:
    assert "^ab" in ngrams("ab.c") and ".c$" in ngrams("ab.c")


def test_round_trip_and_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / INDEX_FILE
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for name, lang, description in ROWS:
            handle.write(json.dumps({"name": name, "lang": lang, "description": description}) + "\n")
    assert RetrievalIndex.load(path).size == 4
    path.write_bytes(b"not gzip")
    with pytest.raises(ModelFileError, match=INDEX_FILE):
        RetrievalIndex.load(path)
    with pytest.raises(ModelFileError, match="missing"):
        RetrievalIndex.load(tmp_path / "none.gz")
