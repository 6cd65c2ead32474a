"""Fixtures of the data-pipeline tests: a tiny lexicon, a tiny corpus, and a skip when hunspell is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from filedesc.lexicon import Lexicon, load_lexicon_dirs
from filedesc.training.data.exclusions import Exclusions
from filedesc.training.data.spelling import INSTALL_HINT, dictionaries_available

FIXTURES = Path(__file__).parent / "fixtures"

needs_dictionaries = pytest.mark.skipif(
    not dictionaries_available(), reason=f"hunspell dictionaries for fr and en_US are missing: {INSTALL_HINT}"
)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon_dirs(FIXTURES / "lexicon")


@pytest.fixture(scope="session")
def empty_lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    return load_lexicon_dirs(tmp_path_factory.mktemp("empty-lexicon"))


@pytest.fixture()
def exclusions() -> Exclusions:
    return Exclusions(holdout_repos=frozenset({"betagouv/pitchou"}), dev_names=frozenset({"getUserInfo.ts"}),
                      found=True)


def corpus_line(name: str, lang: str, description: str, source: str, category: str = "module") -> str:
    return json.dumps({"name": name, "lang": lang, "description": description, "name_lang": "en", "source": source,
                       "category": category}, ensure_ascii=False)


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    """Six real-looking files from four repositories, all valid."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = []
    for index, repo in enumerate(("acme/tools", "acme/site", "zeta/lib", "omega/app")):
        for stem, en, fr in (
            (f"sync_inventory_{index}", "Python module that synchronises the inventory with the warehouse.",
             "Module Python qui synchronise l'inventaire avec l'entrepôt."),
        ):
            source = f"github:{repo}@0123456789abcdef0123456789abcdef01234567:src/{stem}.py"
            rows.append(corpus_line(f"{stem}.py", "en", en, source))
            rows.append(corpus_line(f"{stem}.py", "fr", fr, source))
    (folder / "part.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
