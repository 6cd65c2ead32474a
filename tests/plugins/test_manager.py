"""Entry-point loading: a broken plugin is blocked and the others keep working."""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint

import pytest

from filedesc.plugins.manager import BackendRegistry, build_plugin_manager

GOOD = """
import filedesc
from filedesc.plugins.backend import BackendSpec

class _B:
    name = "good"
    model_id = "good@1"
    def describe(self, names, lang):
        return ["good" for _ in names]

@filedesc.hookimpl
def filedesc_register_backends(register):
    register(BackendSpec("good", lambda options: _B(), "a good plugin"))
"""


@pytest.fixture
def fake_modules() -> Iterator[None]:
    good = types.ModuleType("fd_good_plugin")
    exec(compile(GOOD, "fd_good_plugin", "exec"), good.__dict__)
    sys.modules["fd_good_plugin"] = good
    try:
        yield
    finally:
        sys.modules.pop("fd_good_plugin", None)


def _eps() -> list[EntryPoint]:
    return [
        EntryPoint("broken", "fd_missing_module_xyz", "filedesc"),
        EntryPoint("good", "fd_good_plugin", "filedesc"),
        EntryPoint("rules", "filedesc.plugins.rules", "filedesc"),
    ]


def test_broken_plugin_is_blocked_and_others_work(
    fake_modules: None, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FILEDESC_DISABLE_PLUGINS", raising=False)  # scripts/test sets '*'
    with caplog.at_level(logging.WARNING, logger="filedesc.plugins.manager"):
        pm = build_plugin_manager(_eps())
    assert pm.is_blocked("broken")
    assert "broken" in caplog.text and "blocked" in caplog.text
    registry = BackendRegistry(pm)
    assert registry.names == ["good", "rules"]
    assert registry.create("good").describe(["a"], "en") == ["good"]


def test_disable_env_blocks_by_name(fake_modules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILEDESC_DISABLE_PLUGINS", "good, broken")  # replaces whatever scripts/test set
    pm = build_plugin_manager(_eps())
    assert pm.is_blocked("good") and pm.is_blocked("broken")
    assert BackendRegistry(pm).names == ["rules"]


def test_disable_star_keeps_only_our_own_distribution(fake_modules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Entry points built by hand have no distribution: with '*' they count as foreign and are skipped.
    monkeypatch.setenv("FILEDESC_DISABLE_PLUGINS", "*")
    pm = build_plugin_manager(_eps())
    assert pm.is_blocked("good")
    installed = build_plugin_manager()  # the real entry points of the installed filedesc
    assert "rules" in BackendRegistry(installed).names


def test_plugin_manager_is_not_built_at_import() -> None:
    import subprocess

    code = (
        "import filedesc, filedesc.service, filedesc.cli, filedesc.plugins.manager as m, sys; "
        "assert m._manager is None; assert 'onnxruntime' not in sys.modules and 'torch' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
