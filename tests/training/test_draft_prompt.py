"""The ``draft`` prompt: the name, then the rules' sentence to post-edit, the same in training and serving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.prompt import DRAFT_SEPARATOR, build_prompt, draft_source, normalize_name, rules_draft
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import attach_drafts, encode_pairs, read_pairs
from filedesc.training.tokenizer import train_tokenizer

from .conftest import tiny_config

NAMES = ["extract_logs.sh", "README.md", "parseEvents.sh", "évènements_récents.csv", "x" * 200 + ".py"]


@pytest.fixture(scope="module")
def draft_tokenizer(tmp_path_factory: pytest.TempPathFactory) -> PromptTokenizer:
    out = tmp_path_factory.mktemp("draft-tok")
    texts = [build_prompt(n, lang, "draft") for n in NAMES for lang in ("en", "fr")]
    train_tokenizer(texts * 20, 400, out, prompt_format="draft")
    return PromptTokenizer.from_file(out / "tokenizer.json")


def test_draft_prompt_is_words_then_separator_then_the_rules_sentence() -> None:
    sentence = rules_draft("send_welcome_email.py", "fr")
    assert sentence and "'" not in DRAFT_SEPARATOR
    assert build_prompt("send_welcome_email.py", "fr", "draft") == (
        f"<fr> send _ welcome _ email . py {DRAFT_SEPARATOR} {sentence}"
    )
    given = build_prompt("main.py", "en", "draft", "Entry point of the\n  program.")
    assert given == f"<en> main . py {DRAFT_SEPARATOR} Entry point of the program."


def test_the_draft_comes_from_the_live_rules_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import filedesc.grammar.rules

    monkeypatch.setattr(filedesc.grammar.rules, "describe_by_rules", lambda name, lang, lexicon: f"NEW {name} {lang}")
    assert build_prompt("a.py", "en", "draft").endswith(f"{DRAFT_SEPARATOR} NEW a.py en")


def test_a_draft_tokenizer_says_so_and_the_separator_is_one_token(draft_tokenizer: PromptTokenizer) -> None:
    assert draft_tokenizer.prompt_format == "draft"
    separator = draft_tokenizer.tokenizer.token_to_id(DRAFT_SEPARATOR)
    ids = draft_tokenizer.encode_prompt("extract_logs.sh", "en", 96)
    assert ids.count(separator) == 1
    assert draft_tokenizer.decode(ids).endswith(rules_draft("extract_logs.sh", "en"))


def test_training_encodes_what_serving_encodes(tmp_path: Path, draft_tokenizer: PromptTokenizer) -> None:
    rows = [{"name": f"./src/{n}", "lang": lang, "description": "x."} for n in NAMES for lang in ("en", "fr")]
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pairs = attach_drafts(read_pairs(tmp_path / "d.jsonl"))
    trained = encode_pairs(pairs, draft_tokenizer, 96, 48).inputs
    served = [draft_tokenizer.encode_prompt(normalize_name(r["name"]), r["lang"], 96) for r in rows]
    assert trained == served
    batch = draft_tokenizer.encode_prompts([p.name for p in pairs], [p.lang for p in pairs], 96)
    assert batch == served


def test_an_explicit_draft_replaces_the_rules_one(draft_tokenizer: PromptTokenizer) -> None:
    own = draft_tokenizer.encode_prompt("a.py", "fr", 96, "Module Python qui lit la configuration.")
    assert draft_tokenizer.decode(own).endswith("Module Python qui lit la configuration.")
    assert own != draft_tokenizer.encode_prompt("a.py", "fr", 96)


def test_config_wants_room_for_the_draft() -> None:
    with pytest.raises(ValueError, match="max_input_length"):
        tiny_config(prompt_format="draft", max_input_length=48)


@pytest.mark.slow
def test_a_draft_model_trains_exports_and_runs_through_onnx_with_the_draft(
    tiny_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filedesc.runtime.onnx_seq2seq import OnnxSeq2Seq
    from filedesc.service import Describer
    from filedesc.training.export import export_model
    from filedesc.training.parity import torch_greedy
    from filedesc.training.train import train

    run = tmp_path / "run"
    train(tiny_config(prompt_format="draft", max_input_length=96, max_steps=30), tiny_data, run, progress=False)
    export_model(run / "model", tmp_path / "export", ["fp32"])
    folder = tmp_path / "export" / "fp32"
    config = json.loads((folder / "config.json").read_text())
    assert config["prompt_format"] == "draft" and config["max_input_length"] == 96
    names = ["extract_logs.sh", "loadUsers.sh", "README.md"]
    model = OnnxSeq2Seq(folder)
    assert model.tokenizer.prompt_format == "draft"
    assert model.generate(names, ["fr"] * 3) == torch_greedy(run / "model", names, "fr")
    out = Describer("onnx-fp32", model_path=tmp_path / "export", cache=False).describe(names, "en")
    assert all(d.description for d in out)
    # serving really computes the draft: a different rules sentence reaches the model's input
    seen: list[str] = []
    import filedesc.prompt

    original = filedesc.prompt.rules_draft

    def spy(name: str, lang: str) -> str:
        seen.append(name)
        return original(name, lang)

    monkeypatch.setattr(filedesc.prompt, "rules_draft", spy)
    model.generate(names, ["en"] * 3)
    assert seen == names
    # a header in the other language takes the draft slot through the service (torch backend here)
    seen.clear()
    torch_describer = Describer("torch", model_path=run / "model", cache=False)
    assert torch_describer.backend().takes_drafts  # type: ignore[attr-defined]
    assert torch_describer.backend().model_id.endswith(f"+{draft_source()}")  # new rules, new cache entries
    out = torch_describer.describe(["conf.py", "b.py"], "fr", drafts=["Reads the server configuration.", None])
    assert seen == ["b.py"] and all(d.description for d in out)
    seen.clear()
    onnx_describer = Describer("onnx-fp32", model_path=tmp_path / "export", cache=False)
    drafted = onnx_describer.describe(["conf.py", "b.py"], "fr", drafts=["Reads the server configuration.", None])
    assert seen == ["b.py"] and [d.description for d in drafted] == [d.description for d in out]
