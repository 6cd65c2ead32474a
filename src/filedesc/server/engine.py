"""The server's working core: the describer, its settings, and running it off the event loop.

Handlers stay short by delegating here. Every call to the backend runs in a worker thread (the event loop only
waits), can be cancelled (the ``cancelled`` callback the describer checks between batches), and is bounded by
``requestTimeout``. A backend that hangs past it is abandoned: the request fails, a fresh describer replaces the
stuck one (the stuck one still holds its lock), and the server keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from filedesc.defaults import resolve_lang
from filedesc.errors import FiledescError
from filedesc.header import other_language_draft
from filedesc.lexicon import load_lexicon
from filedesc.server.settings import Settings, effective_language
from filedesc.service import CancelCheck, Describer, Description, ProgressCallback

log = logging.getLogger(__name__)

FALLBACK_BACKEND = "rules"
WORKERS = 8
"""Worker threads: enough that a few abandoned (hung) backend calls do not starve the others."""

T = TypeVar("T")
Notify = Callable[[str], None]


class RequestTimeout(FiledescError, TimeoutError):
    """A description took longer than ``requestTimeout``."""


def _log_notice(message: str) -> None:
    log.warning("%s", message)


class Engine:
    """Owns the ``Describer`` and the settings; runs descriptions in worker threads.

    Args:
        describer_factory: Builds a describer (tests pass one with a fake backend or no cache).
        notify: Shows a warning to the user; called from worker threads too, so it must be thread-safe.
    """

    def __init__(
        self,
        describer_factory: Callable[[], Describer] | None = None,
        notify: Notify | None = None,
    ) -> None:
        self._factory = describer_factory or Describer
        self.notify: Notify = notify or _log_notice
        self.settings = Settings()
        self.client_locale: str | None = None
        self.workspace_model: Path | None = None
        """An adapted model found in the workspace (``.filedesc/model``), used when ``modelPath`` is not set."""
        self._describer: Describer | None = None
        self._build_lock = threading.Lock()
        self.abandoned = 0
        """Backend calls that timed out and may still occupy a worker thread."""
        self._running = 0
        self._running_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="filedesc-describe")

    @property
    def describer(self) -> Describer:
        """The describer in use, built on first use with the current backend settings."""
        with self._build_lock:
            if self._describer is None:
                describer = self._factory()
                self._set_backend(describer, self.settings)
                self._describer = describer
            return self._describer

    @property
    def language(self) -> str:
        """The language used when a request does not name one."""
        return effective_language(self.settings, self.client_locale)

    @property
    def model_path(self) -> Path | None:
        """The model folder in use (see :meth:`_model_path_for`)."""
        return self._model_path_for(self.settings)

    def _model_path_for(self, settings: Settings) -> Path | None:
        """``modelPath`` when set, else the workspace's adapted model, else None (the shipped one)."""
        return settings.model_path or self.workspace_model

    def _set_backend(self, describer: Describer, settings: Settings) -> None:
        model_path = self._model_path_for(settings)
        try:
            describer.set_backend(settings.backend, model_path)
        except FiledescError as exc:
            self.notify(f"filedesc: {exc}; using the {FALLBACK_BACKEND!r} backend instead")
            describer.set_backend(FALLBACK_BACKEND, model_path)

    def apply(self, settings: Settings) -> None:
        """Use ``settings`` from the next request on (a backend switch needs no restart)."""
        self.settings = settings
        if self._describer is not None:
            self._set_backend(self._describer, settings)

    def fall_back(self, describer: Describer, exc: FiledescError) -> bool:
        """After a backend failed to build, switch to ``rules`` and say so; False when already on it."""
        if describer.backend_name == FALLBACK_BACKEND:
            return False
        self.notify(f"filedesc: {exc}; using the {FALLBACK_BACKEND!r} backend instead")
        describer.set_backend(FALLBACK_BACKEND, self.model_path)
        return True

    def prepare_backend(self, describer: Describer | None = None) -> str:
        """Build the backend now (call from a worker thread), falling back to ``rules``; returns its name."""
        describer = describer or self.describer
        try:
            return describer.backend().name
        except FiledescError as exc:
            if not self.fall_back(describer, exc):
                raise
            return describer.backend().name

    def takes_drafts(self) -> bool:
        """Whether the backend in use fills a draft slot (call from a worker thread: it builds the backend)."""
        describer = self.describer
        self.prepare_backend(describer)
        return describer.accepts_drafts()

    def describe_sync(
        self,
        names: Sequence[str],
        lang: str | None,
        *,
        cancelled: CancelCheck | None = None,
        on_progress: ProgressCallback | None = None,
        regenerate: bool = False,
        headers: Sequence[str | None] | None = None,
    ) -> list[Description]:
        """Describe in the calling thread (a worker), building the backend and falling back if it cannot be.

        ``headers`` (one per name, None where the file has none) are the files' own header sentences: one written
        in the other language than ``lang`` goes into the draft slot of a backend that takes drafts
        (:func:`filedesc.header.other_language_draft`); other backends never see them.
        """
        describer = self.describer
        self.prepare_backend(describer)
        lang = lang or self.language
        drafts = None
        if headers is not None and any(headers) and describer.accepts_drafts():
            lexicon = load_lexicon()
            asked = resolve_lang(lang)
            drafts = [other_language_draft(h, asked, lexicon) if h else None for h in headers]
        if regenerate:  # the same draft as the hover's: a regenerated answer is not a different kind of answer
            given = drafts or [None] * len(names)
            return [describer.regenerate(name, lang, draft) for name, draft in zip(names, given, strict=True)]
        return describer.describe(names, lang, cancelled=cancelled, on_progress=on_progress, drafts=drafts)

    async def run(self, work: Callable[[CancelCheck], T], timeout: float | None = None) -> T:
        """Run ``work(cancelled)`` in a worker thread and wait for it without blocking the event loop.

        ``cancelled()`` turns true when the awaiting request is cancelled or times out, so the work stops at its
        next check.

        Raises:
            RequestTimeout: The work ran past ``timeout`` (default: the ``requestTimeout`` setting).
            asyncio.CancelledError: The request was cancelled.
        """
        stop = threading.Event()
        timeout = self.settings.request_timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, self._counted, work, stop.is_set)
        try:
            return await asyncio.wait_for(future, timeout)
        except asyncio.TimeoutError:
            stop.set()
            self._abandon_describer()
            raise RequestTimeout(
                f"the description took longer than {timeout:g} s (filedesc.requestTimeout): the backend was "
                "abandoned; raise the timeout or choose a faster backend"
            ) from None
        except asyncio.CancelledError:
            stop.set()
            raise

    def _counted(self, work: Callable[[CancelCheck], T], cancelled: CancelCheck) -> T:
        with self._running_lock:
            self._running += 1
        try:
            return work(cancelled)
        finally:
            with self._running_lock:
                self._running -= 1

    @property
    def busy(self) -> bool:
        """Whether a worker thread is still running backend work (a hung call, or one the client left)."""
        with self._running_lock:
            return self._running > 0

    def _abandon_describer(self) -> None:
        """Replace a describer whose backend may be stuck holding its lock; the cache is on disk and survives."""
        log.warning("a backend call timed out: building a fresh describer")
        self.abandoned += 1
        self._describer = None

    async def describe(
        self,
        names: Sequence[str],
        lang: str | None = None,
        *,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
        regenerate: bool = False,
    ) -> list[Description]:
        """Describe ``names`` off the event loop (see ``run``)."""
        names = list(names)

        def work(cancelled: CancelCheck) -> list[Description]:
            return self.describe_sync(names, lang, cancelled=cancelled, on_progress=on_progress, regenerate=regenerate)

        return await self.run(work, timeout)

    def shutdown(self) -> None:
        """Stop the worker threads (without waiting for abandoned ones)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
