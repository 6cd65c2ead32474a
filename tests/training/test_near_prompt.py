"""The ``near`` prompt: the draft prompt plus the nearest real file of the written corpus (issue 18, item 1).

What must hold: training never shows a pair an example from its own repository (the test split's repositories are
absent from training, so a same-project example would teach the model to over-trust examples); serving finds the
example in the file shipped beside the tokenizer, and builds the very prompt training built; a folder without that
file says how to get it back.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from filedesc.errors import ModelFileError
from filedesc.prompt import DRAFT_SEPARATOR, NEAR_SEPARATOR, build_prompt, neighbour_hint, rules_draft
from filedesc.runtime.retrieval_index import NEIGHBOURS_FILE, RetrievalIndex
from filedesc.runtime.tokenizer import PromptTokenizer
from filedesc.training.examples import Pair, attach_drafts, attach_hints, encode_pairs, neighbour_index, read_pairs
from filedesc.training.retrieval_build import write_rows
from filedesc.training.tokenizer import train_tokenizer

from .conftest import make_rows, tiny_config, write_jsonl

REAL = [
    (
        "export_users.py",
        "en",
        "Python module that exports the users to CSV.",
        "github:acme/app@abc:export_users.py",
    ),
    ("export_user.py", "en", "Python module that exports one user record.", "github:other/tool@def:export_user.py"),
    ("parse_logs.sh", "en", "Shell script that parses the server logs.", "debian:logtools:/usr/bin/parse_logs.sh"),
    (
        "export_users.py",
        "fr",
        "Module Python qui exporte les usagers en CSV.",
        "github:acme/app@abc:export_users.py",
    ),
]


def _pairs(rows: list[tuple[str, str, str, str]], path: Path) -> list[Pair]:
    records = [{"name": n, "lang": lang, "description": d, "source": s} for n, lang, d, s in rows]
    write_jsonl(path, records)
    return read_pairs(path)


def test_near_prompt_is_the_draft_prompt_then_the_example() -> None:
    hint = neighbour_hint("exportUsers.ts", "TypeScript module that exports the users.")
    assert hint == "export Users . ts : TypeScript module that exports the users."
    prompt = build_prompt("export_users.py", "en", "near", hint=hint)
    sentence = rules_draft("export_users.py", "en")
    assert prompt == f"<en> export _ users . py {DRAFT_SEPARATOR} {sentence} {NEAR_SEPARATOR} {hint}"
    assert build_prompt("x.py", "en", "near", "A draft.") == f"<en> x . py {DRAFT_SEPARATOR} A draft. {NEAR_SEPARATOR}"


def test_source_groups_are_repositories_and_packages(tmp_path: Path) -> None:
    pairs = _pairs(REAL, tmp_path / "real.jsonl")
    assert [p.group for p in pairs] == ["github:acme/app", "github:other/tool", "debian:logtools", "github:acme/app"]
    generated = _pairs([("a.py", "en", "x.", "generated:grammar"), ("b.py", "en", "y.", "t")], tmp_path / "g.jsonl")
    assert [p.group for p in generated] == ["", ""]


def test_training_leaves_the_whole_repository_out(tmp_path: Path) -> None:
    pairs = _pairs(REAL, tmp_path / "real.jsonl")
    index = neighbour_index(pairs)
    hinted = attach_hints(pairs, index)
    # export_users.py (acme/app) would find itself; it gets the other repository's export_user.py instead
    assert hinted[0].hint == neighbour_hint("export_user.py", "Python module that exports one user record.")
    assert hinted[1].hint == neighbour_hint("export_users.py", "Python module that exports the users to CSV.")
    # the French line of acme/app has no French example outside acme/app: the slot stays empty
    assert hinted[3].hint == ""
    # a generated pair (no group) may take any real example, its own name included
    generated = attach_hints([Pair("export_users.py", "en", "x.")], index)[0]
    assert generated.hint == neighbour_hint("export_users.py", "Python module that exports the users to CSV.")


def test_nearest_without_a_shared_ngram_is_none() -> None:
    index = RetrievalIndex([("abc.py", "en", "A.")], ["github:a/b"])
    assert index.nearest("zzz", "en") is None
    assert index.nearest("abc.py", "fr") is None
    assert index.nearest("abc.py", "en", "github:a/b") is None
    assert index.nearest("abc.py", "en") == ("abc.py", "A.")


@pytest.fixture()
def near_folder(tmp_path: Path) -> Path:
    pairs = attach_drafts(_pairs(REAL, tmp_path / "real.jsonl"))
    index = neighbour_index(pairs)
    texts = [build_prompt(p.name, p.lang, "near", p.draft, p.hint) for p in attach_hints(pairs, index)]
    train_tokenizer([*texts, *(p.description for p in pairs)] * 20, 400, tmp_path / "tok", prompt_format="near")
    write_rows(index.rows(), tmp_path / "tok" / NEIGHBOURS_FILE)
    return tmp_path / "tok"


def test_serving_builds_the_prompt_training_built(near_folder: Path, tmp_path: Path) -> None:
    tokenizer = PromptTokenizer.from_file(near_folder / "tokenizer.json")
    assert tokenizer.prompt_format == "near"
    assert tokenizer.tokenizer.token_to_id(NEAR_SEPARATOR) is not None
    # a name from a repository absent from the examples (as corpus_test's and a user's names are)
    unseen = attach_drafts(_pairs([("export_userz.py", "en", "x.", "github:new/repo@1:a.py")], tmp_path / "u.jsonl"))
    index = RetrievalIndex.load(near_folder / NEIGHBOURS_FILE)
    trained = encode_pairs(attach_hints(unseen, index), tokenizer, 128, 48).inputs[0]
    served = tokenizer.encode_prompt("export_userz.py", "en", 128)
    assert trained == served
    assert tokenizer.tokenizer.token_to_id(NEAR_SEPARATOR) in served
    assert "exports the users" in tokenizer.decode(served) or "exports one user" in tokenizer.decode(served)


def test_a_near_folder_without_its_examples_names_the_fix(near_folder: Path) -> None:
    (near_folder / NEIGHBOURS_FILE).unlink()
    tokenizer = PromptTokenizer.from_file(near_folder / "tokenizer.json")
    with pytest.raises(ModelFileError, match="neighbours.jsonl.gz.*re-export"):
        tokenizer.encode_prompt("a.py", "en", 128)


def test_a_damaged_examples_file_names_the_fix(near_folder: Path) -> None:
    (near_folder / NEIGHBOURS_FILE).write_bytes(gzip.compress(b"{not json"))
    with pytest.raises(ModelFileError, match="cannot be read"):
        PromptTokenizer.from_file(near_folder / "tokenizer.json").encode_prompt("a.py", "en", 128)


def test_config_wants_room_for_the_example() -> None:
    with pytest.raises(ValueError, match="max_input_length >= 96"):
        tiny_config(prompt_format="near", max_input_length=64)


@pytest.mark.slow
def test_a_near_model_trains_exports_and_serves_its_examples(tmp_path: Path) -> None:
    from filedesc.runtime.onnx_seq2seq import OnnxSeq2Seq
    from filedesc.service import Describer
    from filedesc.training.export import export_model
    from filedesc.training.parity import torch_greedy
    from filedesc.training.train import train

    data = tmp_path / "data"
    data.mkdir()
    rows = make_rows(300, 1)
    for number, row in enumerate(rows):  # real files of ten repositories
        row["source"] = f"github:org/repo{number % 10}@c0ffee:{row['name']}"
    write_jsonl(data / "train.jsonl", rows)
    write_jsonl(data / "valid.jsonl", make_rows(30, 2))
    run = tmp_path / "run"
    train(tiny_config(prompt_format="near", max_input_length=128, max_steps=30), data, run, progress=False)
    shipped = run / "model" / NEIGHBOURS_FILE
    with gzip.open(shipped, "rt", encoding="utf-8") as handle:
        examples = [json.loads(line) for line in handle]
    assert {(e["name"], e["lang"], e["description"]) for e in examples} == {
        (r["name"], r["lang"], r["description"]) for r in rows
    }
    export_model(run / "model", tmp_path / "export", ["fp32"])
    folder = tmp_path / "export" / "fp32"
    assert (folder / NEIGHBOURS_FILE).read_bytes() == shipped.read_bytes()
    names = ["extract_logs.sh", "loadUsers.sh", "README.md"]
    model = OnnxSeq2Seq(folder)
    assert model.tokenizer.prompt_format == "near"
    assert model.generate(names, ["fr"] * 3) == torch_greedy(run / "model", names, "fr")
    describer = Describer("onnx-fp32", model_path=tmp_path / "export", cache=False)
    assert describer.backend().takes_drafts  # type: ignore[attr-defined]
    assert all(d.description for d in describer.describe(names, "en"))
    (folder / NEIGHBOURS_FILE).unlink()
    with pytest.raises(ModelFileError, match="neighbours"):
        OnnxSeq2Seq(folder).generate(names, ["en"] * 3)
