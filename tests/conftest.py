"""Shared fixtures: every test gets its own cache folder, no language or backend from the environment, and a
fresh plugin manager."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import filedesc
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend
from filedesc.plugins.manager import get_plugin_manager, reset_plugin_manager
from filedesc.service import _default


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("FILEDESC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for var in ("FILEDESC_LANG", "FILEDESC_BACKEND", "FILEDESC_NO_CACHE", "FILEDESC_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    reset_plugin_manager()
    _default.clear()
    yield
    reset_plugin_manager()
    _default.clear()


class EchoBackend:
    """A test backend whose output depends on its input, so caching and ordering are visible."""

    def __init__(self, name: str = "echo", model_id: str = "echo@1") -> None:
        self.name = name
        self.model_id = model_id
        self.calls: list[tuple[list[str], str]] = []

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        self.calls.append((list(names), lang))
        return [f"{lang} description of {name}" for name in names]


class EchoPlugin:
    """Registers ``echo`` (built once per plugin instance, so tests can inspect its calls)."""

    def __init__(self, priority: int = 0) -> None:
        self.backend = EchoBackend()
        self.priority = priority

    @filedesc.hookimpl
    def filedesc_register_backends(self, register: RegisterBackend) -> None:
        def factory(options: BackendOptions) -> EchoBackend:
            del options
            return self.backend

        register(BackendSpec(name="echo", factory=factory, summary="test echo", priority=self.priority))


@pytest.fixture
def echo_plugin() -> Iterator[EchoPlugin]:
    """Register the echo backend in the process-wide plugin manager; unregister it afterwards."""
    plugin = EchoPlugin()
    pm = get_plugin_manager()
    pm.register(plugin, name="echo-plugin")
    try:
        yield plugin
    finally:
        pm.unregister(name="echo-plugin")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"
