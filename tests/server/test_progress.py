"""Batch progress: throttled, sent from the event loop, and never after its end."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from filedesc.server.progress import BatchProgress


class FakeProgress:
    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    def report(self, token: Any, value: Any) -> None:
        self.sent.append(("report", value.percentage))

    def end(self, token: Any, value: Any) -> None:
        self.sent.append(("end", None))


async def test_reports_are_throttled_and_none_arrive_after_the_end() -> None:
    fake = FakeProgress()
    progress = BatchProgress(fake, "tok", asyncio.get_running_loop())  # type: ignore[arg-type]

    def run_batch() -> None:
        for done in range(0, 1001, 10):
            progress(done, 1000)

    worker = threading.Thread(target=run_batch)
    worker.start()
    worker.join()
    await asyncio.sleep(0.05)
    percentages = [p for kind, p in fake.sent if kind == "report"]
    assert percentages[0] == 0 and percentages[-1] == 100 and len(percentages) == 21
    progress.end()
    progress(1000, 1000)
    threading.Thread(target=progress, args=(1000, 1000)).start()
    await asyncio.sleep(0.05)
    assert fake.sent[-1] == ("end", None)
    progress.end()
    assert [kind for kind, _ in fake.sent].count("end") == 1


async def test_without_a_token_nothing_is_sent() -> None:
    fake = FakeProgress()
    progress = BatchProgress(fake, None, asyncio.get_running_loop())  # type: ignore[arg-type]
    progress(5, 10)
    progress.end()
    await asyncio.sleep(0.01)
    assert fake.sent == []
