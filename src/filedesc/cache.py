"""A persistent cache of descriptions: sqlite in the user cache folder, shared safely by several processes.

Key: (normalised name, language, backend, model id), so switching backend or shipping a new model never serves a
stale answer. sqlite in WAL mode lets two servers and a command line read and write at once; each batch is one
transaction, so an entry is either whole or absent.

Nothing here is ever fatal: a corrupt database file is moved aside (``cache.sqlite3.corrupt-<time>``) and rebuilt;
a read-only or full cache folder turns the cache off for this process with one warning, and descriptions are still
computed.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

from filedesc import PROJECT

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "FILEDESC_CACHE_DIR"
NO_CACHE_ENV = "FILEDESC_NO_CACHE"
FILE_NAME = "cache.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS descriptions (
    name TEXT NOT NULL,
    lang TEXT NOT NULL,
    backend TEXT NOT NULL,
    model_id TEXT NOT NULL,
    description TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (name, lang, backend, model_id)
) WITHOUT ROWID
"""

T = TypeVar("T")

_CORRUPTION_MARKERS = ("malformed", "not a database", "file is encrypted", "disk image")
_BUSY_MARKERS = ("locked", "busy")


@dataclass(frozen=True)
class CacheKey:
    """What a cached description depends on."""

    name: str
    lang: str
    backend: str
    model_id: str


def default_cache_dir() -> Path:
    """``FILEDESC_CACHE_DIR`` if set, else the platform's user cache folder for filedesc."""
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir(PROJECT))


def cache_disabled_by_env() -> bool:
    """True when ``FILEDESC_NO_CACHE`` is set to a true value."""
    return os.environ.get(NO_CACHE_ENV, "").lower() in ("1", "true", "yes", "on")


def _is_corruption(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and any(m in str(exc).lower() for m in _CORRUPTION_MARKERS)


def _is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(m in str(exc).lower() for m in _BUSY_MARKERS)


class DescriptionCache:
    """Thread-safe sqlite cache of descriptions. Use ``get_many`` / ``put_many`` for batches."""

    def __init__(self, directory: Path | None = None, *, timeout: float = 10.0) -> None:
        self.path = (directory or default_cache_dir()) / FILE_NAME
        self._timeout = timeout
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self.disabled_reason: str | None = None

    @property
    def enabled(self) -> bool:
        """False once the cache has been turned off for this process (read-only or full folder, ...)."""
        return self.disabled_reason is None

    def _connect(self) -> sqlite3.Connection:
        """Open (creating if needed) the database; retried while another process holds it.

        Switching a new file to WAL does not wait on sqlite's busy timeout: two processes creating the cache at
        once could see "database is locked" here, which used to turn the cache off for one of them and lose all
        its writes. That error is retried until ``timeout``.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self._timeout
        while True:
            conn = sqlite3.connect(self.path, timeout=self._timeout, check_same_thread=False, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("SELECT 1 FROM descriptions LIMIT 1").fetchall()
                return conn
            except BaseException as exc:
                conn.close()
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(0.02)

    def _quarantine(self) -> None:
        """Move a corrupt database (and its WAL files) aside so that a fresh one can be built."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                dest = src.with_name(f"{src.name}.corrupt-{stamp}-{os.getpid()}")
                try:
                    src.replace(dest)
                except OSError as exc:
                    log.warning("could not move corrupt cache file %s aside: %s", src, exc)
        log.warning("cache %s was corrupt: moved aside and rebuilt", self.path)

    def _disable(self, exc: BaseException) -> None:
        self.disabled_reason = f"{self.path}: {exc}"
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        log.warning(
            "description cache turned off for this session (%s); descriptions are still computed. "
            "Fix: make %s writable, free disk space, or set %s to another folder.",
            exc,
            self.path.parent,
            CACHE_DIR_ENV,
        )

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run ``work(conn)`` under the lock, repairing corruption once and disabling the cache on I/O errors."""
        with self._lock:
            if not self.enabled:
                return None
            for attempt in (1, 2):
                try:
                    if self._conn is None:
                        self._conn = self._connect()
                    return work(self._conn)
                except sqlite3.Error as exc:
                    if _is_corruption(exc) and attempt == 1:
                        self._quarantine()
                        continue
                    self._disable(exc)
                    return None
                except OSError as exc:
                    self._disable(exc)
                    return None
            return None

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, str]:
        """Return the cached descriptions among ``keys`` (missing keys are absent from the result)."""
        if not keys:
            return {}

        def work(conn: sqlite3.Connection) -> dict[CacheKey, str]:
            found: dict[CacheKey, str] = {}
            for key in keys:
                row = conn.execute(
                    "SELECT description FROM descriptions WHERE name=? AND lang=? AND backend=? AND model_id=?",
                    (key.name, key.lang, key.backend, key.model_id),
                ).fetchone()
                if row is not None:
                    found[key] = row[0]
            return found

        return self._run(work) or {}

    def put_many(self, items: Iterable[tuple[CacheKey, str]]) -> None:
        """Store descriptions, all in one transaction (all or nothing)."""
        rows = [(k.name, k.lang, k.backend, k.model_id, d, time.time()) for k, d in items]
        if not rows:
            return

        def work(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR REPLACE INTO descriptions VALUES (?, ?, ?, ?, ?, ?)", rows)

        self._run(work)

    def delete(self, name: str, lang: str | None = None) -> int:
        """Drop the cached descriptions of ``name`` (every language, or one). Returns how many were dropped."""

        def work(conn: sqlite3.Connection) -> int:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                if lang is None:
                    cur = conn.execute("DELETE FROM descriptions WHERE name=?", (name,))
                else:
                    cur = conn.execute("DELETE FROM descriptions WHERE name=? AND lang=?", (name, lang))
                return cur.rowcount

        return self._run(work) or 0

    def clear(self) -> None:
        """Drop every entry."""

        def work(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("DELETE FROM descriptions")

        self._run(work)

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
