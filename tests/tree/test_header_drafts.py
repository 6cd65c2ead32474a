"""``filedesc tree`` hands a header written in the other language to a draft model as that file's draft.

Run on this repository's own ``src/filedesc`` (read only): its docstrings are English.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import filedesc
from filedesc.header import MAX_DRAFT_CHARS, other_language_draft
from filedesc.lexicon import load_lexicon
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend
from filedesc.plugins.manager import get_plugin_manager
from filedesc.service import Describer
from filedesc.tree import describe_tree

SRC = Path(__file__).resolve().parents[2] / "src" / "filedesc"
SENTENCE = "Content-aware descriptions: what a file says about itself in its first lines."


class DraftEcho:
    """Records what it was handed and echoes the draft."""

    def __init__(self, takes_drafts: bool) -> None:
        self.name = "draft-echo"
        self.model_id = "draft-echo@1"
        self.takes_drafts = takes_drafts
        self.calls: list[tuple[list[str], list[str | None] | None]] = []

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        self.calls.append((list(names), None))
        return [f"{name} from the rules." for name in names]

    def describe_drafted(self, names: Sequence[str], lang: str, drafts: Sequence[str | None]) -> list[str]:
        self.calls.append((list(names), list(drafts)))
        return [f"{name} from {draft or 'the rules'}" for name, draft in zip(names, drafts, strict=True)]

    def handed(self, name: str) -> list[str | None]:
        """Every draft ``name`` was handed (None: called without one)."""
        out: list[str | None] = []
        for names, drafts in self.calls:
            out += [drafts[i] if drafts else None for i, n in enumerate(names) if n == name]
        return out


class Plugin:
    def __init__(self, backend: DraftEcho) -> None:
        self.backend = backend

    @filedesc.hookimpl
    def filedesc_register_backends(self, register: RegisterBackend) -> None:
        def factory(options: BackendOptions) -> DraftEcho:
            del options
            return self.backend

        register(BackendSpec(name="draft-echo", factory=factory, summary="test"))


@pytest.fixture(params=[True, False], ids=["draft-model", "other-model"])
def backend(request: pytest.FixtureRequest) -> Iterator[DraftEcho]:
    echo = DraftEcho(takes_drafts=request.param)
    pm = get_plugin_manager()
    pm.register(Plugin(echo), name="tree-draft-echo-plugin")
    try:
        yield echo
    finally:
        pm.unregister(name="tree-draft-echo-plugin")


def test_an_english_header_asked_in_french_is_the_draft(backend: DraftEcho) -> None:
    entries = {e.path: e for e in describe_tree(SRC, "fr", Describer("draft-echo", cache=False), depth=1)}
    header_py = entries["header.py"]
    if backend.takes_drafts:
        assert backend.handed("header.py") == [SENTENCE]
        assert header_py.source == "draft-echo"
        assert "what a file says about itself in its first lines" in (header_py.description or "")
    else:  # a model without the draft slot is called as always, without one
        assert backend.handed("header.py") == [None]
        assert all(drafts is None for _, drafts in backend.calls)
        assert header_py.description == "Header.py from the rules."


def test_the_same_file_asked_in_english_shows_its_header(backend: DraftEcho) -> None:
    entries = {e.path: e for e in describe_tree(SRC, "en", Describer("draft-echo", cache=False), depth=1)}
    assert entries["header.py"].source == "header"
    assert "content-aware descriptions" in (entries["header.py"].description or "").lower()
    assert backend.handed("header.py") == []  # never sent to the model
    assert all(not drafts or not any(drafts) for _, drafts in backend.calls)


def test_files_with_one_name_keep_their_own_drafts(backend: DraftEcho) -> None:
    """Every ``__init__.py`` of the package has its own header: each one is its own draft."""
    describe_tree(SRC, "fr", Describer("draft-echo", cache=False), depth=2)
    handed = backend.handed("__init__.py")
    if backend.takes_drafts:
        assert len(handed) > 3 and len(set(handed)) == len(handed)
        assert "Filedesc: what a file is for, from its name alone, in French or English." in handed
    else:
        assert set(handed) == {None}


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        (SENTENCE, "fr", SENTENCE),
        (SENTENCE, "en", None),  # already in the asked language: shown as it is, no draft
        ("Lit la configuration du serveur et la valide.", "en", "Lit la configuration du serveur et la valide."),
        ("Lit la configuration du serveur et la valide.", "fr", None),
        ("PyTorch BERT.", "fr", None),  # no clue to its language: no draft
        ("Reads the ``settings`` of the :class:`~a.b.Server`.", "fr", "Reads the settings of the Server."),
    ],
)
def test_only_a_header_in_the_other_language_is_a_draft(sentence: str, lang: str, expected: str | None) -> None:
    assert other_language_draft(sentence, lang, load_lexicon()) == expected


def test_a_long_header_is_cut_at_a_word_to_fit_the_prompt() -> None:
    long = "Reads the configuration of the server " + "and checks every value of it " * 20 + "at start."
    draft = other_language_draft(long, "fr")
    assert draft is not None and len(draft) <= MAX_DRAFT_CHARS and long.startswith(draft)
    assert not draft.endswith(" ") and long[len(draft)] == " "
