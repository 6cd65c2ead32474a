"""The describe service: order, deduplication, cache, errors, backend switching."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import filedesc
from filedesc.errors import BackendError, InvalidNameError, UnknownBackendError, UnknownLanguageError
from filedesc.plugins.backend import BackendSpec, RegisterBackend
from filedesc.plugins.manager import get_plugin_manager
from filedesc.service import Cancelled, Describer
from tests.conftest import EchoPlugin


def test_order_dedup_and_cache(echo_plugin: EchoPlugin) -> None:
    d = Describer("echo")
    out = d.describe(["b.py", "dir/a.py", "b.py"], "en")
    assert [o.name for o in out] == ["b.py", "dir/a.py", "b.py"]
    assert [o.normalized for o in out] == ["b.py", "a.py", "b.py"]
    assert echo_plugin.backend.calls == [(["b.py", "a.py"], "en")]
    again = Describer("echo").describe(["a.py", "c.py"], "en")
    assert [o.cached for o in again] == [True, False]
    assert echo_plugin.backend.calls[-1] == (["c.py"], "en")
    assert again[0].backend == "echo" and again[0].lang == "en"


def test_languages_are_cached_apart(echo_plugin: EchoPlugin) -> None:
    d = Describer("echo")
    assert d.describe(["a.py"], "en")[0].description.startswith("En")
    assert d.describe(["a.py"], "fr")[0].description.startswith("Fr")


def test_lang_from_env_and_locale(echo_plugin: EchoPlugin, monkeypatch: pytest.MonkeyPatch) -> None:
    d = Describer("echo", cache=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert d.describe(["a.py"])[0].lang == "fr"
    monkeypatch.setenv("FILEDESC_LANG", "en")
    assert d.describe(["a.py"])[0].lang == "en"
    with pytest.raises(UnknownLanguageError, match="en, fr"):
        d.describe(["a.py"], "de")


def test_invalid_names_are_reported_with_position(echo_plugin: EchoPlugin) -> None:
    with pytest.raises(InvalidNameError, match=r"#2 \('\.\.'\).*main\.py"):
        Describer("echo").describe(["ok.py", "..", "x"], "en")


def test_backend_failure_is_wrapped(echo_plugin: EchoPlugin) -> None:
    def boom(names: Sequence[str], lang: str) -> list[str]:
        raise ZeroDivisionError("kaput")

    echo_plugin.backend.describe = boom  # type: ignore[method-assign]
    with pytest.raises(BackendError, match="'echo' failed: kaput"):
        Describer("echo").describe(["a.py"], "en")


def test_wrong_count_from_backend_is_an_error(echo_plugin: EchoPlugin) -> None:
    echo_plugin.backend.describe = lambda names, lang: []  # type: ignore[method-assign]
    with pytest.raises(BackendError, match="0 descriptions for 1 names"):
        Describer("echo").describe(["a.py"], "en")


def test_switch_backend_live(echo_plugin: EchoPlugin) -> None:
    class Other:
        name = "other"
        model_id = "other@1"

        def describe(self, names: Sequence[str], lang: str) -> list[str]:
            return ["other" for _ in names]

    class Plugin:
        @filedesc.hookimpl
        def filedesc_register_backends(self, register: RegisterBackend) -> None:
            register(BackendSpec("other", lambda o: Other(), "other"))

    pm = get_plugin_manager()
    pm.register(Plugin(), name="other-plugin")
    try:
        d = Describer("echo")
        assert d.describe(["a.py"], "en")[0].backend == "echo"
        d.set_backend("other")
        item = d.describe(["a.py"], "en")[0]
        assert (item.backend, item.description, item.cached) == ("other", "Other.", False)
        with pytest.raises(UnknownBackendError):
            d.set_backend("missing")
        assert d.backend_name == "other"
    finally:
        pm.unregister(name="other-plugin")


def test_progress_and_cancellation(echo_plugin: EchoPlugin) -> None:
    seen: list[tuple[int, int]] = []
    names = [f"n{i}.py" for i in range(150)]
    Describer("echo").describe(names, "en", on_progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 150) and seen[-1] == (150, 150) and len(seen) == 4
    with pytest.raises(Cancelled):
        Describer("echo").describe([f"m{i}.py" for i in range(10)], "en", cancelled=lambda: True)


def test_a_backend_may_ask_for_larger_calls(echo_plugin: EchoPlugin) -> None:
    names = [f"n{i}.py" for i in range(300)]
    Describer("echo", cache=False).describe(names, "en")
    assert [len(call[0]) for call in echo_plugin.backend.calls] == [64, 64, 64, 64, 44]
    echo_plugin.backend.calls.clear()
    echo_plugin.backend.batch_size = 128  # type: ignore[attr-defined]
    seen: list[tuple[int, int]] = []
    out = Describer("echo", cache=False).describe(
        names, "en", on_progress=lambda done, total: seen.append((done, total))
    )
    assert [len(call[0]) for call in echo_plugin.backend.calls] == [128, 128, 44]
    assert [d.normalized for d in out] == names and all(n in d.description for n, d in zip(names, out, strict=True))
    assert seen == [(0, 300), (128, 300), (256, 300), (300, 300)]


def test_regenerate_drops_the_cached_entry(echo_plugin: EchoPlugin) -> None:
    d = Describer("echo")
    d.describe(["a.py"], "en")
    assert d.describe(["a.py"], "en")[0].cached
    again = d.regenerate("a.py", "en")
    assert not again.cached
    assert len(echo_plugin.backend.calls) == 2


def test_public_api(echo_plugin: EchoPlugin) -> None:
    assert filedesc.describe("x/a.sh", lang="fr", backend="echo") == "Fr description of a.sh."
    assert filedesc.describe(["a.sh", "b.sh"], lang="en", backend="echo") == [
        "En description of a.sh.",
        "En description of b.sh.",
    ]
    assert filedesc.Describer is Describer
