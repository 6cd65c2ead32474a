"""Work-done progress for long batches, reported from worker threads without racing the ``end``.

Reports are computed in the worker that runs the batch and sent from the event loop (``call_soon_threadsafe``);
``end`` is sent from the loop too and marks the token closed, so a report that was queued (or produced by a batch
that keeps running until its next cancellation check) is dropped instead of arriving after the ``end``.
"""

from __future__ import annotations

import asyncio
import math
import threading

from lsprotocol import types
from pygls.progress import Progress

STEP = 5
"""Report at most every this many percent: a progress bar needs no more, and each report is a message."""


class BatchProgress:
    """A thread-safe ``on_progress(done, total)`` for one token; does nothing without a token."""

    def __init__(self, progress: Progress, token: str | int | None, loop: asyncio.AbstractEventLoop | None) -> None:
        self._progress = progress
        self._token = token
        self._loop = loop
        self._last = -STEP
        self._lock = threading.Lock()
        self.ended = False

    def __call__(self, done: int, total: int) -> None:
        """Queue a report when the percentage moved by ``STEP`` (or the batch is complete)."""
        if self._token is None or self._loop is None:
            return
        percentage = 100 if total == 0 else math.floor(100 * done / total)
        with self._lock:
            if percentage < self._last + STEP and done < total:
                return
            self._last = percentage
        value = types.WorkDoneProgressReport(message=f"{done}/{total} names", percentage=percentage)
        self._loop.call_soon_threadsafe(self._send, value)

    def _send(self, value: types.WorkDoneProgressReport) -> None:
        if not self.ended and self._token is not None:
            self._progress.report(self._token, value)

    def end(self, message: str = "done") -> None:
        """Close the token (on the event loop); later reports are dropped."""
        if self._token is not None and not self.ended:
            self.ended = True
            self._progress.end(self._token, types.WorkDoneProgressEnd(message=message))
