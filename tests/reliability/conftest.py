"""Fixtures for the reliability suite: the tiny trained model and its export, and raw server clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.rpc import RawClient, server_env
from tests.training.conftest import tiny_data, tiny_export, tiny_run  # noqa: F401  (fixtures, shared)

ClientFactory = Callable[..., RawClient]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    return root


@pytest.fixture
def server_cache(tmp_path: Path) -> Path:
    return tmp_path / "server-cache"


@pytest.fixture
def start_server(workspace: Path, server_cache: Path) -> Iterator[ClientFactory]:
    """Start initialised servers (``options`` become ``initializationOptions``); every one is reaped afterwards."""
    started: list[RawClient] = []

    def start(options: dict[str, Any] | None = None, *, env: dict[str, str] | None = None, **kw: Any) -> RawClient:
        client = RawClient(server_cache, env=env or server_env(server_cache, **kw))
        started.append(client)
        response = client.initialize(workspace, options)
        assert "result" in response, response
        return client

    yield start
    for client in started:
        if client.alive():
            client.proc.kill()
        client.reap(10)
