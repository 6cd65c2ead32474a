"""``Describer.describe(..., drafts=...)``: a given draft (a header in the other language) reaches a draft model."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import filedesc
from filedesc.cache import DescriptionCache
from filedesc.plugins.backend import BackendOptions, BackendSpec, DraftBackend, RegisterBackend
from filedesc.plugins.manager import get_plugin_manager
from filedesc.service import Describer


class DraftEcho:
    """Echoes the draft it was given, so the test sees what reached the model."""

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
        return [f"{name} from {draft or 'the rules'}." for name, draft in zip(names, drafts, strict=True)]


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
    pm.register(Plugin(echo), name="draft-echo-plugin")
    try:
        yield echo
    finally:
        pm.unregister(name="draft-echo-plugin")


def test_the_protocol_recognises_a_draft_backend(backend: DraftEcho) -> None:
    assert isinstance(backend, DraftBackend)


def test_given_drafts_reach_a_draft_model_and_are_cached_apart(backend: DraftEcho, tmp_path: Path) -> None:
    d = Describer("draft-echo", cache=DescriptionCache(tmp_path))
    header = "Lit la configuration du serveur"
    out = d.describe(["src/conf.py", "b.py"], "en", drafts=[header, None])
    plain = d.describe(["conf.py"], "en")[0]
    again = d.describe(["conf.py"], "en", drafts=[header])[0]
    other = d.describe(["conf.py"], "en", drafts=["Another header"])[0]
    if backend.takes_drafts:
        assert backend.calls[0] == (["conf.py", "b.py"], [header, None])
        assert out[0].description == f"Conf.py from {header}."
        assert not plain.cached and plain.description == "Conf.py from the rules."  # never the drafted answer
        assert again.cached and again.description == out[0].description
        assert not other.cached and other.description == "Conf.py from Another header."
    else:  # a model without the draft slot ignores drafts and keeps its usual cache entries
        assert backend.calls == [(["conf.py", "b.py"], None)]
        assert plain.cached and again.cached and other.cached


def test_drafts_must_match_the_names(backend: DraftEcho) -> None:
    d = Describer("draft-echo", cache=False)
    if backend.takes_drafts:
        with pytest.raises(ValueError, match="one per name"):
            d.describe(["a.py", "b.py"], "en", drafts=["x"])
    d.describe(["a.py"], "fr", drafts=["  "])  # a blank draft is no draft
    assert backend.calls[-1][1] in (None, [None])


def test_names_alike_with_their_own_drafts_are_described_apart(backend: DraftEcho, tmp_path: Path) -> None:
    """Two ``__init__.py`` with their own headers: each answer comes from its own draft, and is cached apart."""
    d = Describer("draft-echo", cache=DescriptionCache(tmp_path))
    out = d.describe(
        ["a/__init__.py", "b/__init__.py", "c/__init__.py", "d/__init__.py"], "en", drafts=["A", "B", None, "A"]
    )
    if backend.takes_drafts:
        assert backend.calls == [(["__init__.py"] * 3, ["A", "B", None])]
        assert [o.description for o in out] == [f"__init__.py from {x}." for x in ("A", "B", "the rules", "A")]
        again = d.describe(["e/__init__.py"], "en", drafts=["B"])[0]
        assert again.cached and again.description == "__init__.py from B."
    else:
        assert backend.calls == [(["__init__.py"], None)]
        assert len({o.description for o in out}) == 1


def test_regenerate_keeps_the_draft_and_refreshes_the_cache(backend: DraftEcho, tmp_path: Path) -> None:
    """Regenerating a hover made from a header must come from that header again, not fall back to the rules."""
    d = Describer("draft-echo", cache=DescriptionCache(tmp_path))
    first = d.describe(["conf.py"], "en", drafts=["Reads the configuration"])[0]
    again = d.regenerate("conf.py", "en", draft="Reads the configuration")
    assert not again.cached and again.description == first.description
    assert d.describe(["conf.py"], "en", drafts=["Reads the configuration"])[0].cached
    if backend.takes_drafts:
        assert backend.calls[-1] == (["conf.py"], ["Reads the configuration"])
        assert again.description == "Conf.py from Reads the configuration."
    else:
        assert backend.calls[-1] == (["conf.py"], None)
