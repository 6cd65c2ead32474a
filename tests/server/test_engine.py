"""The engine: worker threads, cancellation, timeouts, live backend switches and the ``rules`` fallback."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator, Sequence

import pytest

import filedesc
from filedesc.errors import ModelFileError
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend
from filedesc.plugins.manager import get_plugin_manager
from filedesc.plugins.ship import shipped_default
from filedesc.server.engine import Engine, RequestTimeout
from filedesc.server.settings import Settings
from filedesc.service import BATCH_SIZE, Describer


class SlowBackend:
    name = "slow"
    model_id = "slow@1"

    def __init__(self) -> None:
        self.calls = 0
        self.release = threading.Event()

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        self.calls += 1
        if any(n.startswith("hang") for n in names):
            self.release.wait(10)
        else:
            time.sleep(0.1)
        return [f"{lang}: {n}" for n in names]


class SlowPlugin:
    def __init__(self) -> None:
        self.slow = SlowBackend()

    @filedesc.hookimpl
    def filedesc_register_backends(self, register: RegisterBackend) -> None:
        def broken(options: BackendOptions) -> SlowBackend:
            raise ModelFileError("/nowhere", "no model files", "install a model")

        register(BackendSpec(name="slow", factory=lambda _o: self.slow, summary="slow", priority=-500))
        register(BackendSpec(name="broken", factory=broken, summary="broken", priority=-600))


@pytest.fixture
def plugin() -> Iterator[SlowPlugin]:
    plugin = SlowPlugin()
    get_plugin_manager().register(plugin, name="engine-test")
    try:
        yield plugin
    finally:
        plugin.slow.release.set()
        get_plugin_manager().unregister(name="engine-test")


def _engine(messages: list[str]) -> Engine:
    return Engine(lambda: Describer(cache=False), notify=messages.append)


async def test_cancelling_a_request_stops_its_work(plugin: SlowPlugin) -> None:
    engine = _engine([])
    engine.apply(Settings(backend="slow"))
    names = [f"name_{i}.py" for i in range(BATCH_SIZE * 5)]
    task = asyncio.create_task(engine.describe(names, "en"))
    await asyncio.sleep(0.15)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.4)
    assert plugin.slow.calls <= 3


async def test_a_hung_backend_times_out_and_the_engine_keeps_serving(plugin: SlowPlugin) -> None:
    engine = _engine([])
    engine.apply(Settings(backend="slow", request_timeout=0.3))
    started = time.monotonic()
    with pytest.raises(RequestTimeout, match="requestTimeout"):
        await engine.describe(["hang.py"], "en")
    assert time.monotonic() - started < 2
    assert engine.abandoned == 1
    assert [d.description for d in await engine.describe(["ok.py"], "fr")] == ["Fr : ok.py."]  # post-processed


async def test_backend_switch_and_fallback_to_rules(plugin: SlowPlugin) -> None:
    messages: list[str] = []
    engine = _engine(messages)
    assert (await engine.describe(["deploy.sh"], "en"))[0].backend == shipped_default()  # the ship record's choice
    engine.apply(Settings(backend="slow"))
    assert (await engine.describe(["deploy.sh"], "en"))[0].backend == "slow"
    engine.apply(Settings(backend="broken"))
    assert (await engine.describe(["deploy.sh"], "en"))[0].backend == "rules"
    engine.apply(Settings(backend="missing"))
    assert (await engine.describe(["deploy.sh"], "en"))[0].backend == "rules"
    assert any("no model files" in m for m in messages) and any("'missing'" in m for m in messages)
    engine.shutdown()


async def test_describe_runs_off_the_event_loop(plugin: SlowPlugin) -> None:
    engine = _engine([])
    engine.apply(Settings(backend="slow"))
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    tick_task = asyncio.create_task(ticker())
    await engine.describe([f"n{i}.py" for i in range(BATCH_SIZE * 3)], "en")
    tick_task.cancel()
    assert ticks >= 10
