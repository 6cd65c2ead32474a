"""The tokenizer round-trips identifiers and French, and training encodes exactly what serving encodes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.prompt import build_prompt, normalize_name
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import encode_pairs, read_pairs
from filedesc.training.tokenizer import train_tokenizer

SAMPLES = [
    "<fr> extract_window_events.sh",
    "Script shell qui extrait les événements de la fenêtre.",
    "getUserInfo.ts parseHTTPResponse2.js 20220111092352_conversionEmailsEnMinuscules.js",
    "Module Python qui génère l'œuvre — {x} [y] / a=b\ttab",
    "Ça, c'est là-bas : « déjà » ; où ? ÉVÉNEMENTS_RÉCENTS.CSV 🚀 ½",
]


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> PromptTokenizer:
    out = tmp_path_factory.mktemp("tok")
    train_tokenizer(SAMPLES * 20, 320, out)
    return PromptTokenizer.from_file(out / "tokenizer.json")


@pytest.mark.parametrize("text", [*SAMPLES[1:], "Ünïcödé naïve façade cœur", "x" * 300])
def test_round_trip_without_unknown_tokens(tokenizer: PromptTokenizer, text: str) -> None:
    ids = tokenizer.encode_target(text, 10_000)
    assert ids[-1] == tokenizer.eos_id
    assert tokenizer.decode(ids) == text.strip()


def test_camel_case_pieces_are_split(tokenizer: PromptTokenizer) -> None:
    tokens = tokenizer.tokenizer.encode("getUserInfo", add_special_tokens=False).tokens
    assert "".join(tokens) == "getUserInfo" and len(tokens) >= 3


def test_language_tags_are_single_tokens(tokenizer: PromptTokenizer) -> None:
    ids = tokenizer.encode_prompt("a.py", "fr", 64)
    assert ids[0] == tokenizer.tokenizer.token_to_id("<fr>")


def test_loadable_by_transformers(tmp_path: Path, tokenizer: PromptTokenizer) -> None:
    from transformers import PreTrainedTokenizerFast

    tokenizer.tokenizer.save(str(tmp_path / "tokenizer.json"))
    fast = PreTrainedTokenizerFast(tokenizer_file=str(tmp_path / "tokenizer.json"), pad_token="<pad>", eos_token="</s>")
    text = SAMPLES[1]
    assert fast.decode(fast(text, add_special_tokens=False)["input_ids"]) == text


def test_training_encodes_what_serving_encodes(tmp_path: Path, tokenizer: PromptTokenizer) -> None:
    raw = "./scripts/Extract Window\u0301Events.sh"  # a path, a combining accent, a space
    (tmp_path / "d.jsonl").write_text(json.dumps({"name": raw, "lang": "fr", "description": "Script."}) + "\n")
    pairs = read_pairs(tmp_path / "d.jsonl")
    encoded = encode_pairs(pairs, tokenizer, 48, 48)
    served = tokenizer.encode_prompt(normalize_name(raw), "fr", 48)
    assert encoded.inputs[0] == served
    assert tokenizer.decode(served) == build_prompt(normalize_name(raw), "fr").removeprefix("<fr>").strip()


def test_training_uses_the_runtime_prompt_module() -> None:
    import filedesc.prompt
    import filedesc.runtime.tokenizer
    import filedesc.training.examples

    assert getattr(filedesc.training.examples, "normalize_name") is filedesc.prompt.normalize_name  # noqa: B009
    assert getattr(filedesc.runtime.tokenizer, "build_prompt") is filedesc.prompt.build_prompt  # noqa: B009


def test_a_words_tokenizer_says_so_and_gives_a_word_the_same_tokens_in_name_and_sentence(tmp_path: Path) -> None:
    texts = [build_prompt("send_welcome_email.py", "en", "words"), "Python module that sends the welcome email."]
    train_tokenizer(texts * 50, 400, tmp_path, prompt_format="words")
    words = PromptTokenizer.from_file(tmp_path / "tokenizer.json")
    assert words.prompt_format == "words"
    prompt = words.encode_prompt("send_welcome_email.py", "en", 48)
    assert words.decode(prompt) == "send _ welcome _ email . py"
    sentence = words.encode_target(" welcome email", 48)[:-1]  # the words as they follow a space in a sentence
    assert sentence and all(t in prompt for t in sentence)
    with pytest.raises(ValueError, match="prompt format"):
        train_tokenizer(texts, 400, None, prompt_format="letters")


def test_a_name_tokenizer_keeps_the_name_as_is(tokenizer: PromptTokenizer) -> None:
    assert tokenizer.prompt_format == "name"
    assert tokenizer.decode(tokenizer.encode_prompt("getUserInfo.ts", "en", 48)) == "getUserInfo.ts"
