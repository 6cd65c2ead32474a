"""Errors meant for the user: each names the thing at fault (a path, a flag, a setting) and the fix.

Every error the command line, the server or the Python API lets out is a ``FiledescError``: callers catch one type,
and the message is ready to show as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class FiledescError(Exception):
    """Base class: a problem the user can fix; ``str(error)`` says how."""


class InvalidNameError(FiledescError, ValueError):
    """The input is not a usable file name (empty once cleaned, for instance)."""


class UnknownLanguageError(FiledescError, ValueError):
    """A language other than the supported ones was asked for."""

    def __init__(self, lang: str, supported: Iterable[str]) -> None:
        choices = ", ".join(sorted(supported))
        super().__init__(f"unknown language {lang!r}: use one of {choices} (or leave it unset to follow the locale)")


class UnknownBackendError(FiledescError, LookupError):
    """A backend name that no plugin registered."""

    def __init__(self, name: str, available: Iterable[str]) -> None:
        choices = ", ".join(sorted(available)) or "none"
        super().__init__(f"unknown backend {name!r}: registered backends are {choices} (see `filedesc backends`)")


class BackendUnavailableError(FiledescError, RuntimeError):
    """A registered backend that cannot run here (a missing dependency or model)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"backend {name!r} is not available: {reason}")


class ModelFileError(FiledescError, OSError):
    """A model folder or file that is missing, truncated, corrupt or inconsistent."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        super().__init__(f"{path}: {problem}. {fix}")
        self.path = Path(path)


class BackendError(FiledescError, RuntimeError):
    """A backend failed while describing names (the message keeps the backend's own words)."""
