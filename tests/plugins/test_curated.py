"""Model backends answer well-known file names from the lexicon and run the model on the rest only."""

from __future__ import annotations

import pytest

from filedesc.plugins.curated import CURATED_TAG, curated_answer, describe_with_curated
from filedesc.prompt import draft_source
from filedesc.service import Describer


def test_the_model_sees_only_the_names_the_lexicon_does_not_know() -> None:
    seen: list[tuple[list[str], list[str | None]]] = []

    def model(names: list[str], drafts: list[str | None]) -> list[str]:
        seen.append((names, drafts))
        return [f"model:{n}" for n in names]

    names = ["analyser_logs.py", ".editorconfig", "getUserInfo.ts", "Cargo.toml"]
    out = describe_with_curated(names, "fr", [None] * 4, model)
    assert seen == [(["analyser_logs.py", "getUserInfo.ts"], [None, None])]  # one call, order kept
    assert out[0] == "model:analyser_logs.py" and out[2] == "model:getUserInfo.ts"
    assert out[1] == curated_answer(".editorconfig", "fr") and out[1].startswith("Fichier EditorConfig")
    assert out[3] == curated_answer("Cargo.toml", "fr") and out[3] != out[1]


def test_a_given_draft_goes_to_the_model_even_for_a_well_known_name() -> None:
    """A file's own header says more than the generic sentence for its name."""
    header = "Build script for the frobnicator package."
    seen: list[list[str | None]] = []

    def model(names: list[str], drafts: list[str | None]) -> list[str]:
        seen.append(drafts)
        return ["from the header" for _ in names]

    out = describe_with_curated(["setup.py", ".editorconfig"], "en", [header, None], model)
    assert seen == [[header]]
    assert out == ["from the header", curated_answer(".editorconfig", "en")]


def test_no_model_call_when_every_name_is_curated() -> None:
    def model(names: list[str], drafts: list[str | None]) -> list[str]:
        raise AssertionError("the model ran")

    assert all(describe_with_curated([".editorconfig", "Cargo.toml"], "en", [None, None], model))


def test_unknown_names_have_no_curated_answer() -> None:
    assert curated_answer("extract_window_events.sh", "en") is None


@pytest.mark.parametrize("backend", ["onnx-int8", "onnx-int4"])
def test_the_shipped_model_backends_answer_well_known_names_like_the_rules(backend: str) -> None:
    model = Describer(backend, cache=False)
    rules = Describer("rules", cache=False)
    for lang in ("en", "fr"):
        got = [d.description for d in model.describe([".editorconfig", ".readthedocs.yaml"], lang)]
        assert got == [d.description for d in rules.describe([".editorconfig", ".readthedocs.yaml"], lang)]
    # a new lexicon changes those answers, so it must change the cache key too
    assert model.backend().model_id.endswith(f"+{CURATED_TAG}+{draft_source()}")
