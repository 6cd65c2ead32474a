"""The ship rule: a model is the default only when it measures better than the rules on real names.

The decision function is tested on its own; the shipped record is checked for consistency (its default is what the
rule says of its own numbers, every cell is there); and the registry must follow the record unless the user points
at a model folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.plugins.backend import BackendOptions
from filedesc.plugins.manager import BackendRegistry
from filedesc.plugins.ship import choose_default, read_ship_record, ship_record_path, shipped_default
from filedesc.runtime.model_folder import shipped_model_dir

Four = tuple[float, float, float, float]
Table = dict[str, dict[str, dict[str, float]]]


def cells(rules: Four, model: Four) -> Table:
    """Scores for two splits x two languages, in the record's layout."""
    return {
        "real-dev": {"rules": {"en": rules[0], "fr": rules[1]}, "onnx-int8": {"en": model[0], "fr": model[1]}},
        "corpus_test": {"rules": {"en": rules[2], "fr": rules[3]}, "onnx-int8": {"en": model[2], "fr": model[3]}},
    }


HONEST = {"onnx-int8": {"en": 5.0, "fr": 8.0}, "onnx-int4": {"en": 5.0, "fr": 8.0}}
"""Readings of both models that pass the rule (at most 10 % invented in each language)."""


def test_a_model_better_everywhere_is_the_default() -> None:
    assert choose_default(cells((30, 30, 25, 25), (31, 30.5, 26, 25.1)), HONEST) == "onnx-int8"


def test_a_model_nobody_read_is_not_the_default() -> None:
    assert choose_default(cells((30, 30, 25, 25), (40, 40, 40, 40))) == "rules"
    assert choose_default(cells((30, 30, 25, 25), (40, 40, 40, 40)), {"onnx-int8": {"en": 5.0}}) == "rules"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_model_that_invents_is_not_the_default_whatever_its_chrf(lang: str) -> None:
    read = {"onnx-int8": {"en": 5.0, "fr": 5.0}}
    read["onnx-int8"][lang] = 52.0
    assert choose_default(cells((30, 30, 25, 25), (40, 40, 40, 40)), read) == "rules"
    read["onnx-int8"][lang] = 10.0  # the limit itself passes
    assert choose_default(cells((30, 30, 25, 25), (40, 40, 40, 40)), read) == "onnx-int8"


@pytest.mark.parametrize("cell", range(4))
def test_a_model_below_the_rules_in_any_cell_is_not_the_default(cell: int) -> None:
    values = [40.0, 40.0, 40.0, 40.0]
    values[cell] = 29.9
    model: Four = (values[0], values[1], values[2], values[3])
    assert choose_default(cells((30, 30, 30, 30), model), HONEST) == "rules"


def test_a_tie_is_not_better() -> None:
    assert choose_default(cells((30, 30, 30, 30), (30, 35, 35, 35)), HONEST) == "rules"


def test_an_unmeasured_cell_keeps_the_rules() -> None:
    scores = cells((30, 30, 30, 30), (40, 40, 40, 40))
    del scores["corpus_test"]["onnx-int8"]["fr"]
    assert choose_default(scores, HONEST) == "rules"


def test_the_best_of_several_winners_is_chosen() -> None:
    scores = cells((30, 30, 30, 30), (31, 31, 31, 31))
    for split in scores.values():
        split["onnx-int4"] = {"en": 35.0, "fr": 35.0}
    assert choose_default(scores, HONEST) == "onnx-int4"


def test_no_scores_means_the_rules() -> None:
    assert choose_default({}) == "rules"


def test_the_shipped_record_is_complete_and_follows_the_rule() -> None:
    record = read_ship_record()
    assert record is not None, f"{ship_record_path()} missing: run python bench/ship_check.py --write"
    chrf = record["chrf"]
    assert set(chrf) == {"real-dev", "corpus_test"}
    for split, rows in chrf.items():
        assert "rules" in rows, split
        for backend, langs in rows.items():
            assert set(langs) == {"en", "fr"}, (split, backend)
    invented = record.get("invented")
    assert record["default"] == choose_default(chrf, invented), "the record's default contradicts its own numbers"


def test_the_registry_default_is_the_recorded_one() -> None:
    assert BackendRegistry().default_name() == shipped_default()


def test_a_model_folder_given_by_the_user_is_used_by_default() -> None:
    name = BackendRegistry().default_name(BackendOptions(model_path=shipped_model_dir("int8")))
    assert name == "onnx-int8", name


def test_an_unreadable_record_falls_back_to_the_priorities(tmp_path: Path) -> None:
    broken = tmp_path / "ship.json"
    broken.write_text("{not json", encoding="utf-8")
    assert read_ship_record(broken) is None
    assert shipped_default(broken) is None
    broken.write_text(json.dumps({"default": "onnx-int8"}), encoding="utf-8")  # no numbers: no say
    assert shipped_default(broken) is None


def test_the_reading_shares_the_ship_rule_reads(tmp_path: Path) -> None:
    """``bench/judging_sheet.py``'s shares: per backend and language, invented outputs over read outputs."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("judging_sheet", Path(__file__).parents[1] / "bench/judging_sheet.py")
    assert spec is not None and spec.loader is not None
    sheet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sheet)
    key = [
        {"item": 1, "name": "a.py", "lang": "en", "letters": {"rules": "A", "model": "B"}},
        {"item": 2, "name": "b.py", "lang": "en", "letters": {"rules": "A", "model": "A"}},  # one output, shared
        {"item": 1, "name": "a.py", "lang": "fr", "letters": {"rules": "A", "model": "B"}},
    ]
    labels = [
        {"item": 1, "lang": "en", "letter": "A", "label": "vague"},
        {"item": 1, "lang": "en", "letter": "B", "label": "invented"},
        {"item": 2, "lang": "en", "letter": "A", "label": "right"},
        {"item": 1, "lang": "fr", "letter": "A", "label": "wrong"},
        {"item": 1, "lang": "fr", "letter": "B", "label": "right"},
    ]
    (tmp_path / "key.json").write_text(json.dumps(key), encoding="utf-8")
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(x) for x in labels), encoding="utf-8")
    shares = sheet.invented_shares(tmp_path)
    assert shares == {"rules": {"en": 0.0, "fr": 0.0}, "model": {"en": 50.0, "fr": 0.0}}
    assert choose_default(cells((30, 30, 25, 25), (40, 40, 40, 40)), {"onnx-int8": shares["model"]}) == "rules"
