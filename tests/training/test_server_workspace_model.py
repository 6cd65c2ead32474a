"""The server uses a workspace's adapted model (``.filedesc/model``, as `filedesc adapt` writes it) by itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.server.lsp_client import describe, lsp_session

pytestmark = pytest.mark.slow


async def test_server_picks_up_the_workspace_model(tiny_export: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(tiny_export / "int8", workspace / ".filedesc" / "model" / "int8")
    async with lsp_session(workspace, tmp_path / "cache") as lsp:
        items = await describe(lsp, ["extract_logs.sh"], "fr")
    assert items[0]["backend"] == "onnx-int8"
    assert items[0]["description"].startswith("Script shell")


async def test_an_explicit_backend_setting_wins_over_the_workspace_model(tiny_export: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(tiny_export / "int8", workspace / ".filedesc" / "model" / "int8")
    async with lsp_session(workspace, tmp_path / "cache", init={"backend": "rules"}) as lsp:
        items = await describe(lsp, ["extract_logs.sh"], "fr")
    assert items[0]["backend"] == "rules"
