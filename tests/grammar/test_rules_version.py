"""The rules' answers are cached under a version that changes with the grammar and lexicon files."""

from __future__ import annotations

from pathlib import Path

from filedesc.grammar.version import folders_fingerprint, rules_version
from filedesc.plugins.rules import RulesBackend
from filedesc.prompt import draft_source


def test_a_changed_data_file_changes_the_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "nouns.json").write_text('[{"key": "event"}]', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code nor data", encoding="utf-8")
    before = folders_fingerprint([tmp_path])
    (tmp_path / "notes.txt").write_text("edited", encoding="utf-8")
    assert folders_fingerprint([tmp_path]) == before  # only .py, .json and .tsv files count
    (tmp_path / "nouns.json").write_text('[{"key": "events"}]', encoding="utf-8")
    assert folders_fingerprint([tmp_path]) != before
    (tmp_path / "nouns.json").write_text('[{"key": "event"}]', encoding="utf-8")
    assert folders_fingerprint([tmp_path]) == before  # content, not time, decides
    (tmp_path / "rules.py").write_text("X = 1\n", encoding="utf-8")
    assert folders_fingerprint([tmp_path]) != before


def test_the_rules_backend_and_draft_models_key_their_cache_by_the_rules_version() -> None:
    version = rules_version()
    assert version.startswith("rules@") and "+" in version
    assert RulesBackend().model_id == version
    assert draft_source() == version
