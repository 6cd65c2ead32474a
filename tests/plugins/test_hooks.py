"""The hooks, exercised through fake plugins registered in fixtures."""

from __future__ import annotations

import inspect
from collections.abc import Generator

import pytest

import filedesc
from filedesc.errors import UnknownBackendError
from filedesc.plugins import hookspecs
from filedesc.plugins.backend import Availability, BackendSpec, RegisterBackend
from filedesc.plugins.manager import BackendRegistry, get_plugin_manager
from filedesc.plugins.ship import shipped_default
from filedesc.service import Describer
from tests.conftest import EchoBackend, EchoPlugin

# Every hook must be listed here with the test that exercises it (checked by the meta-test below).
HOOK_TESTS = {
    "filedesc_register_backends": "test_register_backends_hook",
    "filedesc_normalize_name": "test_normalize_hook_overrides_builtin",
    "filedesc_postprocess": "test_postprocess_wrapper_edits_builtin_result",
}


def test_every_hook_is_documented_and_tested() -> None:
    hooks = {name for name, obj in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("filedesc_")}
    assert hooks == set(HOOK_TESTS)
    for name in hooks:
        doc = inspect.getdoc(getattr(hookspecs, name)) or ""
        assert "Args:" in doc and len(doc) > 80, f"{name} needs a docstring with its arguments"
        assert HOOK_TESTS[name] in globals(), f"{name}'s test {HOOK_TESTS[name]} is missing"


def test_register_backends_hook(echo_plugin: EchoPlugin) -> None:
    registry = BackendRegistry()
    assert "echo" in registry.names and "rules" in registry.names
    backend = registry.create("echo")
    assert backend is echo_plugin.backend
    assert backend.describe(["a.py"], "fr") == ["fr description of a.py"]


def test_unknown_backend_lists_the_known_ones(echo_plugin: EchoPlugin) -> None:
    with pytest.raises(UnknownBackendError) as info:
        BackendRegistry().create("nope")
    assert "echo" in str(info.value) and "rules" in str(info.value) and "filedesc backends" in str(info.value)


def test_default_backend_is_the_highest_priority_available() -> None:
    class Plugin:
        @filedesc.hookimpl
        def filedesc_register_backends(self, register: RegisterBackend) -> None:
            register(BackendSpec("best", lambda o: EchoBackend("best"), "s", priority=500))
            register(
                BackendSpec(
                    "broken",
                    lambda o: EchoBackend("broken"),
                    "s",
                    priority=1000,
                    availability=lambda o: Availability.no("model missing"),
                )
            )

    pm = get_plugin_manager()
    pm.register(Plugin(), name="prio")
    try:
        registry = BackendRegistry()
        assert registry.default_name() == "best"
        assert registry.availability("broken").reason == "model missing"
    finally:
        pm.unregister(name="prio")
    assert BackendRegistry().default_name() == shipped_default()  # the ship record's choice


def test_register_rejects_non_specs() -> None:
    class Bad:
        @filedesc.hookimpl
        def filedesc_register_backends(self, register: RegisterBackend) -> None:
            register("oops")  # type: ignore[arg-type]

    pm = get_plugin_manager()
    pm.register(Bad(), name="bad")
    try:
        with pytest.raises(TypeError, match="BackendSpec"):
            BackendRegistry()
    finally:
        pm.unregister(name="bad")


def test_normalize_hook_overrides_builtin(echo_plugin: EchoPlugin) -> None:
    class StripPrefix:
        @filedesc.hookimpl
        def filedesc_normalize_name(self, name: str) -> str | None:
            return name.removeprefix("acme_") if name.startswith("acme_") else None

    pm = get_plugin_manager()
    pm.register(StripPrefix(), name="strip")
    try:
        d = Describer("echo", cache=False)
        assert d.normalize("acme_report.py") == "report.py"
        assert d.normalize("dir/other.py") == "other.py"  # the plugin defers, the built-in runs
        assert d.describe(["acme_report.py"], "en")[0].description == "En description of report.py."
    finally:
        pm.unregister(name="strip")


def test_postprocess_builtin_capitalises_and_ends_sentences(echo_plugin: EchoPlugin) -> None:
    d = Describer("echo", cache=False)
    out = d.describe(["x.py"], "fr")[0].description
    assert out == "Fr description of x.py."


def test_postprocess_wrapper_edits_builtin_result(echo_plugin: EchoPlugin) -> None:
    class Shout:
        @filedesc.hookimpl(wrapper=True)
        def filedesc_postprocess(self, description: str, name: str, lang: str) -> Generator[None, str, str]:
            result = yield
            return result.upper()

    pm = get_plugin_manager()
    pm.register(Shout(), name="shout")
    try:
        out = Describer("echo", cache=False).describe(["x.py"], "en")[0].description
        assert out == "EN DESCRIPTION OF X.PY."
    finally:
        pm.unregister(name="shout")


@pytest.mark.parametrize(
    ("raw", "lang", "expected"),
    [
        ("  script shell   qui extrait les logs ", "fr", "Script shell qui extrait les logs."),
        ("iOS app build script", "en", "iOS app build script."),
        ("Règles pour make: cibles", "fr", "Règles pour make : cibles."),
        ("Done!", "en", "Done!"),
        ("", "en", ""),
    ],
)
def test_builtin_postprocess_cases(raw: str, lang: str, expected: str) -> None:
    from filedesc.plugins.builtin import filedesc_postprocess

    assert filedesc_postprocess(raw, "n", lang) == expected
