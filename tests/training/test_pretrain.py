"""Language before names: the bilingual pretraining stage, its examples, its errors, and the name stage after it."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from filedesc.cli import main
from filedesc.errors import FiledescError
from filedesc.prompt import DRAFT_SEPARATOR
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import Pair
from filedesc.training.pretrain import PretrainConfig, pretrain, split_pairs, tokenizer_texts
from filedesc.training.pretrain_examples import (
    MASK_TOKEN,
    TASKS,
    BilingualCorpusError,
    TextPair,
    encode_examples,
    make_examples,
    mask_spans,
    read_corpus,
)
from filedesc.training.tokenizer import train_tokenizer
from filedesc.training.train import train

from .conftest import NOUNS, VERBS, tiny_config, write_jsonl

FIX = "filedesc data bilingual --out"


def bilingual_rows(n: int, seed: int) -> list[dict[str, str]]:
    """Short sentences in both languages, and dictionary lines (one word a side), as ``pairs.jsonl`` has them."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        v, o = rng.choice(VERBS), rng.choice(NOUNS)
        rows.append(
            {
                "en": f"This program {v[1]} the {o[1]} of the project.",
                "fr": f"Ce programme {v[2]} {o[2]} du projet.",
                "source": "apt-short",
                "package": "p",
                "licence": "l",
            }
        )
    rows += [{"en": o[0], "fr": o[2].split()[-1], "source": "freedict", "package": "d", "licence": "l"} for o in NOUNS]
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bilingual")
    write_jsonl(folder / "pairs.jsonl", bilingual_rows(200, 7))
    return folder


def _pairs(corpus: Path) -> list[TextPair]:
    return read_corpus(corpus)


# --- examples -------------------------------------------------------------------------------------------------


def test_four_examples_a_pair_are_both_translations_and_both_denoisings(corpus: Path) -> None:
    pairs = [p for p in _pairs(corpus) if p.source == "apt-short"][:20]
    examples = list(make_examples(pairs, "name", 4, random.Random(0)))
    assert len(examples) == 4 * len(pairs)
    for pair, group in zip(pairs, (examples[i : i + 4] for i in range(0, len(examples), 4)), strict=True):
        by_task = {e.task: e for e in group}
        assert set(by_task) == set(TASKS)
        assert by_task["en>fr"].prompt == f"<fr> {pair.en}" and by_task["en>fr"].target == pair.fr
        assert by_task["fr>en"].prompt == f"<en> {pair.fr}" and by_task["fr>en"].target == pair.en
        for lang in ("en", "fr"):
            noisy = by_task[f"{lang}>{lang}"]
            assert noisy.prompt.startswith(f"<{lang}> ") and MASK_TOKEN in noisy.prompt
            assert noisy.target == pair.text(lang)  # the whole sentence, not the masked spans alone


def test_two_examples_a_pair_are_one_translation_and_one_denoising_balanced(corpus: Path) -> None:
    pairs = [p for p in _pairs(corpus) if p.source == "apt-short"]
    examples = list(make_examples(pairs, "name", 2, random.Random(0)))
    assert len(examples) == 2 * len(pairs)
    kinds = [{e.task.split(">")[0] == e.task.split(">")[1] for e in examples[i : i + 2]} for i in range(0, 400, 2)]
    assert all(k == {True, False} for k in kinds)
    counts = Counter(e.task for e in examples)
    assert set(counts) == set(TASKS) and min(counts.values()) > 0.35 * len(pairs)


@pytest.mark.parametrize("prompt_format", ["draft", "near"])
def test_draft_prompts_put_the_text_in_the_draft_slot(corpus: Path, prompt_format: str) -> None:
    pair = _pairs(corpus)[0]
    examples = list(make_examples([pair], prompt_format, 4, random.Random(0)))
    assert {e.prompt.split(" ", 2)[1] for e in examples} == {DRAFT_SEPARATOR}
    assert any(e.prompt == f"<fr> {DRAFT_SEPARATOR} {pair.en}" for e in examples)


def test_one_word_lines_are_translated_not_masked(corpus: Path) -> None:
    words = [p for p in _pairs(corpus) if p.source == "freedict"]
    examples = list(make_examples(words, "name", 2, random.Random(0)))
    assert examples and all(e.task in ("en>fr", "fr>en") and MASK_TOKEN not in e.prompt for e in examples)


def test_translation_or_denoising_alone(corpus: Path) -> None:
    pairs = _pairs(corpus)[:30]
    only_t = list(make_examples(pairs, "name", 4, random.Random(0), denoising=False))
    only_d = list(make_examples(pairs, "name", 4, random.Random(0), translation=False))
    assert {e.task for e in only_t} == {"en>fr", "fr>en"} and len(only_t) == 60
    assert {e.task for e in only_d} == {"en>en", "fr>fr"}


def test_mask_spans_masks_about_the_ratio_in_spans() -> None:
    rng = random.Random(3)
    text = " ".join(f"w{i}" for i in range(40))
    for _ in range(50):
        masked = mask_spans(text, 0.3, rng)
        kept = [w for w in masked.split() if w != MASK_TOKEN]
        assert 24 <= len(kept) <= 32 and MASK_TOKEN in masked
        assert f"{MASK_TOKEN} {MASK_TOKEN}" not in masked  # one mask per span
        assert kept == [w for w in text.split() if w in set(kept)]  # the kept words keep their order
    assert mask_spans("alone", 0.3, rng) == "alone"
    two = mask_spans("two words", 0.9, rng).split()
    assert len(two) == 2 and two.count(MASK_TOKEN) == 1


def test_examples_that_do_not_fit_are_dropped_not_cut(corpus: Path, tmp_path: Path) -> None:
    tok = train_tokenizer(
        (t for p in _pairs(corpus) for t in (p.en, p.fr)), 400, tmp_path, "name", extra_special=(MASK_TOKEN,)
    )
    assert tok.tokenizer.token_to_id(MASK_TOKEN) is not None and tok.prompt_format == "name"
    long = TextPair(" ".join(["word"] * 80), " ".join(["mot"] * 80), "apt-long")
    examples = list(make_examples([*_pairs(corpus)[:5], long], "name", 4, random.Random(0)))
    data, counts = encode_examples(examples, tok, 48, 48)
    assert counts["dropped:long"] == 4 and len(data) == 20
    assert all(x[-1] == tok.eos_id and len(x) <= 48 for x in data.inputs + data.targets)
    masked = [x for x in data.inputs if tok.tokenizer.token_to_id(MASK_TOKEN) in x]
    assert len(masked) == 10  # the mask is one token


def test_tokenizer_text_holds_both_languages_and_the_name_lines() -> None:
    pairs = [TextPair("Save the file.", "Enregistrer le fichier.", "gettext")]
    names = [Pair("save_file.py", "fr", "Script Python qui enregistre le fichier.")]
    texts = list(tokenizer_texts(pairs, names, "draft", PretrainConfig(), 0))
    assert texts[:2] == ["Save the file.", "Enregistrer le fichier."]
    assert texts[2].startswith(f"<fr> save _ file . py {DRAFT_SEPARATOR} ") and texts[3] == names[0].description


def test_split_holds_out_a_tenth_at_most(corpus: Path) -> None:
    pairs = _pairs(corpus)
    train_pairs, valid = split_pairs(pairs, 1000, 0)
    assert len(valid) == 20 and len(train_pairs) == 185
    assert Counter(valid + train_pairs) == Counter(pairs)  # a partition
    with pytest.raises(FiledescError, match=FIX):
        split_pairs(pairs[:1], 10, 0)


def test_pretrain_config_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="unknown pretrain config keys"):
        PretrainConfig.from_dict({"mask": 0.2})
    with pytest.raises(ValueError, match="translation, denoising or both"):
        PretrainConfig(translation=False, denoising=False)


# --- bad input ----------------------------------------------------------------------------------------------


def test_a_missing_corpus_folder_names_the_command_that_builds_it(tmp_path: Path) -> None:
    with pytest.raises(FiledescError, match=FIX):
        read_corpus(tmp_path / "nowhere")
    with pytest.raises(BilingualCorpusError, match=f"pairs.jsonl not found: build it with `{FIX}"):
        read_corpus(tmp_path)


def test_an_empty_corpus_names_the_command_that_builds_it(tmp_path: Path) -> None:
    (tmp_path / "pairs.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(BilingualCorpusError, match=f"holds no English/French pair.*{FIX}"):
        read_corpus(tmp_path)
    write_jsonl(tmp_path / "pairs.jsonl", bilingual_rows(3, 0))
    with pytest.raises(BilingualCorpusError, match="from the sources gettext"):
        read_corpus(tmp_path, ("gettext",))
    (tmp_path / "pairs.jsonl").write_text('{"en": "x"}\n', encoding="utf-8")
    with pytest.raises(BilingualCorpusError, match=f"pairs.jsonl:1: not an en/fr pair.*{FIX}"):
        read_corpus(tmp_path)


def test_the_command_line_reports_a_missing_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["train", "--stage", "pretrain", "--data", str(tmp_path / "bi"), "--out", str(tmp_path / "o")])
    assert status == 1
    assert FIX in capsys.readouterr().err
    status = main(["train", "--data", str(tmp_path), "--out", str(tmp_path / "o"), "--names-data", str(tmp_path)])
    assert status == 2 and "--stage pretrain" in capsys.readouterr().err


def test_lora_is_refused_by_the_pretrain_stage(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(FiledescError, match="from scratch"):
        pretrain(tiny_config(lora=True), PretrainConfig(), corpus, tmp_path)


# --- the two stages, end to end -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("prompt_format", ["name", "draft"])
def test_pretrain_then_names_then_describe(prompt_format: str, corpus: Path, tiny_data: Path, tmp_path: Path) -> None:
    from filedesc.service import Describer

    length = 96 if prompt_format == "draft" else 48
    config = tiny_config(max_steps=30, eval_every=15, prompt_format=prompt_format, max_input_length=length)
    pre = tmp_path / "pre"
    result = pretrain(config, PretrainConfig(valid_pairs=20), corpus, pre, names_data=tiny_data, progress=False)
    assert result.steps == 30 and result.valid_loss == result.valid_loss  # not NaN
    report = json.loads((pre / "train_result.json").read_text())
    assert report["stage"] == "pretrain" and set(report["examples"]["train"]) >= set(TASKS)
    assert all(report["examples"]["train"][t] > 0 for t in TASKS)
    assert [json.loads(x)["step"] for x in (pre / "log.jsonl").read_text().splitlines()][-1] == 30
    pre_tok = PromptTokenizer.from_file(pre / "model" / "tokenizer.json")
    assert pre_tok.prompt_format == prompt_format and pre_tok.tokenizer.token_to_id(MASK_TOKEN) is not None
    # the name stage starts from it and keeps its tokenizer unchanged
    names = tmp_path / "names"
    train(
        tiny_config(max_steps=30, eval_every=15, max_input_length=length),
        tiny_data,
        names,
        base=pre / "model",
        progress=False,
    )
    assert (names / "model" / "tokenizer.json").read_text() == (pre / "model" / "tokenizer.json").read_text()
    out = Describer("torch", model_path=names / "model", cache=False).describe(["extract_logs.sh"], "fr")
    assert out[0].description.strip()


@pytest.mark.slow
def test_pretrain_resumes_from_its_checkpoint(corpus: Path, tiny_data: Path, tmp_path: Path) -> None:
    pre = PretrainConfig(valid_pairs=20)
    pretrain(tiny_config(max_steps=20, eval_every=10), pre, corpus, tmp_path, names_data=tiny_data, progress=False)
    tokenizer = (tmp_path / "tokenizer.json").read_text()
    result = pretrain(tiny_config(max_steps=30, eval_every=10), pre, corpus, tmp_path, resume=True, progress=False)
    assert result.steps == 30 and (tmp_path / "tokenizer.json").read_text() == tokenizer
    steps = [json.loads(line)["step"] for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert steps == sorted(steps) and steps[-1] == 30


@pytest.mark.slow
def test_pretrain_under_torchrun_two_processes_one_writer(corpus: Path, tiny_data: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    config = {**tiny_config(max_steps=12, eval_every=6, log_every=3).to_dict(), "pretrain": {"valid_pairs": 20}}
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    out = tmp_path / "pre"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "GLOO_SOCKET_IFNAME": os.environ.get("GLOO_SOCKET_IFNAME", "lo")}
    command = [
        *(sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "-m", "filedesc"),
        *("train", "--stage", "pretrain", "--data", str(corpus), "--names-data", str(tiny_data)),
        *("--out", str(out), "--config", str(path), "--no-progress"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len([line for line in done.stdout.splitlines() if line.startswith("{")]) == 1
    report = json.loads((out / "train_result.json").read_text())
    assert report["result"]["processes"] == 2 and report["result"]["ranks_agree"] is True
    assert report["pretrain"]["valid_pairs"] == 20
    rows = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in rows if "loss" in r] == [3, 6, 9, 12]
