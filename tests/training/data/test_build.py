from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from filedesc.errors import FiledescError
from filedesc.lexicon import Lexicon
from filedesc.training.data.build import BuildConfig, BuildResult, build
from filedesc.training.data.exclusions import Exclusions
from filedesc.training.data.split import SPLITS, shared_stems
from filedesc.training.data.styles import STYLES

from .conftest import corpus_line, needs_dictionaries

pytestmark = needs_dictionaries


def _build(out: Path, lexicon: Lexicon, empty: Lexicon, corpus: Path, excl: Exclusions, seed: int = 0,
           corpus_weight: int = 4) -> BuildResult:
    config = BuildConfig(out=out, size=1500, seed=seed, mined=False, corpus_dir=corpus, lexicon=lexicon,
                         core_lexicon=empty, exclusions=excl, corpus_weight=corpus_weight)
    return build(config)


@pytest.fixture()
def built(tmp_path: Path, lexicon: Lexicon, empty_lexicon: Lexicon, small_corpus: Path,
          exclusions: Exclusions) -> tuple[Path, BuildResult]:
    out = tmp_path / "ds"
    return out, _build(out, lexicon, empty_lexicon, small_corpus, exclusions)


def test_files_and_line_format(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    for split in SPLITS:
        lines = (out / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        assert lines, split
        for line in lines:
            row = json.loads(line)
            assert list(row) == ["name", "lang", "description", "source"]
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["splits"]["train"]["lines"] > 1000
    card = (out / "DATASET.md").read_text(encoding="utf-8")
    assert "## 30 random examples" in card and "## Known weaknesses" in card


def test_deterministic_for_a_seed(tmp_path: Path, built: tuple[Path, BuildResult], lexicon: Lexicon,
                                  empty_lexicon: Lexicon, small_corpus: Path, exclusions: Exclusions) -> None:
    out, _ = built
    again = tmp_path / "again"
    _build(again, lexicon, empty_lexicon, small_corpus, exclusions)
    for name in [*(f"{s}.jsonl" for s in SPLITS), "stats.json", "DATASET.md"]:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name
    other = tmp_path / "other"
    _build(other, lexicon, empty_lexicon, small_corpus, exclusions, seed=1)
    assert (out / "train.jsonl").read_bytes() != (other / "train.jsonl").read_bytes()


def test_balance_styles_and_no_leakage(built: tuple[Path, BuildResult], lexicon: Lexicon) -> None:
    _, result = built
    everything = [e for items in result.splits.values() for e in items]
    langs = Counter(e.lang for e in everything)
    assert min(langs["en"], langs["fr"]) / len(everything) >= 0.4
    assert set(STYLES) <= {e.style for e in result.splits["train"]}
    assert shared_stems(result.splits, lexicon.extensions.keys()) == {}
    assert {e.origin for e in result.splits["corpus_test"]} == {"corpus"}
    assert result.splits["test_unseen"]


def test_every_source_is_recorded(built: tuple[Path, BuildResult]) -> None:
    _, result = built
    for items in result.splits.values():
        for example in items:
            assert example.source.startswith(("generated:", "github:", "pypi:", "debian:", "ecosystem:"))


def _wide_corpus(folder: Path) -> Path:
    """Thirty files from thirty repositories, so that some land in train whatever the hash split does."""
    folder.mkdir()
    rows = []
    words = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
             "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
             "whiskey", "xray", "yankee", "zulu", "amber", "basalt", "cobalt", "dune")
    for index, word in enumerate(words):
        name = f"sync_{word}_stock.py"
        source = f"github:owner{index}/repo{index}@0123456789abcdef0123456789abcdef01234567:src/{name}"
        rows.append(corpus_line(name, "en", "Python module that synchronises the stock with the warehouse.", source))
        rows.append(corpus_line(name, "fr", "Module Python qui synchronise le stock avec l'entrepôt.", source))
    (folder / "part.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_corpus_weight_repeats_or_drops_the_corpus_in_train(
    tmp_path: Path, lexicon: Lexicon, empty_lexicon: Lexicon, exclusions: Exclusions
) -> None:
    corpus = _wide_corpus(tmp_path / "corpus")
    weighted = _build(tmp_path / "weighted", lexicon, empty_lexicon, corpus, exclusions, corpus_weight=3)
    corpus_in = Counter(e.name for e in weighted.splits["train"] if e.origin == "corpus")
    assert corpus_in and all(count % 3 == 0 for count in corpus_in.values())
    without = _build(tmp_path / "without", lexicon, empty_lexicon, corpus, exclusions, corpus_weight=0)
    assert [e for e in without.splits["train"] if e.origin == "corpus"] == []
    assert without.splits["corpus_test"] == weighted.splits["corpus_test"]
    stats = json.loads((tmp_path / "without" / "stats.json").read_text(encoding="utf-8"))
    assert stats["corpus_weight"] == 0 and stats["corpus_train_lines"] == 0
    with pytest.raises(FiledescError, match="corpus-weight"):
        BuildConfig(out=tmp_path / "bad", corpus_weight=-1)


def test_corpus_leave_out_drops_a_part_from_train_only(
    tmp_path: Path, lexicon: Lexicon, empty_lexicon: Lexicon, exclusions: Exclusions
) -> None:
    corpus = _wide_corpus(tmp_path / "corpus")
    rows = (corpus / "part.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "part.jsonl").write_text("\n".join(rows[:30]) + "\n", encoding="utf-8")
    (corpus / "new.jsonl").write_text("\n".join(rows[30:]) + "\n", encoding="utf-8")
    new_sources = {json.loads(row)["source"] for row in rows[30:]}
    common = {"size": 1500, "mined": False, "corpus_dir": corpus, "lexicon": lexicon, "core_lexicon": empty_lexicon,
              "exclusions": exclusions}
    full = build(BuildConfig(out=tmp_path / "full", **common))  # type: ignore[arg-type]
    without = build(BuildConfig(out=tmp_path / "without", corpus_leave_out=("new",), **common))  # type: ignore[arg-type]
    assert any(e.source in new_sources for e in full.splits["train"])
    assert not any(e.source in new_sources for e in without.splits["train"])
    kept = [e for e in without.splits["train"] if e.origin == "corpus"]
    old_in_full = [e for e in full.splits["train"] if e.origin == "corpus" and e.source not in new_sources]
    assert kept and len(kept) == len(old_in_full)
    for split in ("valid", "test", "corpus_test"):
        assert without.splits[split] == full.splits[split]
    stats = json.loads((tmp_path / "without" / "stats.json").read_text(encoding="utf-8"))
    assert stats["corpus_left_out"] == ["new"]
    with pytest.raises(FiledescError, match="among: new, part"):
        BuildConfig(out=tmp_path / "bad", corpus_dir=corpus, corpus_leave_out=("nope",))
