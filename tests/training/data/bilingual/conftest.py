"""Small dictionaries and sources for the bilingual tests: no apt, no network, no installed dictionary."""

from __future__ import annotations

import gzip
from pathlib import Path

import lz4.frame
import pytest

from filedesc.training.data.bilingual.checks import Vocabulary, vocabulary_from
from filedesc.training.data.bilingual.morph import EnglishMorph, FrenchMorph
from filedesc.training.data.hunspell_morph import read_hunspell

FIXTURES = Path(__file__).parent / "fixtures"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@pytest.fixture(scope="session")
def fr_morph() -> FrenchMorph:
    return FrenchMorph(read_hunspell(FIXTURES / "fr"))


@pytest.fixture(scope="session")
def en_morph() -> EnglishMorph:
    return EnglishMorph(read_hunspell(FIXTURES / "en_US"))


@pytest.fixture(scope="session")
def vocab(fr_morph: FrenchMorph, en_morph: EnglishMorph) -> Vocabulary:
    """The fixture dictionaries' forms plus the function words the fixture sentences use."""
    extra_fr = "de la le les un une des du cet outil calcule calculateur il vieux en ligne commande gestionnaire gère"
    extra_en = ("this tool computes of a an it files old calculator command line manager package without french "
                "description open the")
    return vocabulary_from([*fr_morph.by_form, *extra_fr.split()], [*en_morph.by_form, *extra_en.split()])


def _b64(value: int) -> str:
    out = ""
    while True:
        out = _B64[value % 64] + out
        value //= 64
        if value == 0:
            return out


def write_freedict(folder: Path, name: str, articles: list[tuple[str, str]]) -> None:
    """Write a dictd index and a gzip body (dictzip is gzip) holding ``articles`` (headword, article text)."""
    folder.mkdir(parents=True, exist_ok=True)
    body = b""
    index = ["00databaseurl\tA\tB"]
    body += b"x"
    for head, text in articles:
        data = text.encode("utf-8")
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(data))}")
        body += data
    (folder / f"freedict-{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(body))


def write_apt_lists(folder: Path) -> None:
    """The fixture Translation lists, lz4-compressed as apt stores them."""
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        text = (FIXTURES / f"Translation-{lang}").read_bytes()
        target = folder / f"deb.debian.org_debian_dists_bookworm_main_i18n_Translation-{lang}.lz4"
        target.write_bytes(lz4.frame.compress(text))


def write_mo(path: Path, messages: list[tuple[str, str]]) -> None:
    """A French ``.mo`` catalog of (msgid, msgstr) messages."""
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in messages:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save_as_mofile(str(path))
