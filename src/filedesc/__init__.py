"""filedesc: what a file is for, from its name alone, in French or English.

The embedding API is three names::

    from filedesc import describe, Describer, Description

    describe("extract_window_events.sh", lang="fr")
    # 'Script shell qui extrait les événements de la fenêtre.'
    describe(["a.py", "b.sh"], lang="en")          # a list in, a list out (batched)
    Describer(backend="rules").describe(["Makefile"])  # full control, with metadata

Everything heavy (ONNX Runtime sessions, the cache, the plugin manager) is created lazily on first use, so
``import filedesc`` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

import pluggy

PROJECT = "filedesc"
__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marker for plugin implementations: ``@filedesc.hookimpl def filedesc_register_backends(register): ...``."""

if TYPE_CHECKING:
    from filedesc.service import Describer, Description

__all__ = ["PROJECT", "Describer", "Description", "__version__", "describe", "hookimpl"]


_OneName = str | bytes | os.PathLike[str] | os.PathLike[bytes]


@overload
def describe(names: _OneName, lang: str | None = None, backend: str | None = None) -> str: ...  # type: ignore[overload-overlap]


@overload
def describe(names: Sequence[_OneName], lang: str | None = None, backend: str | None = None) -> list[str]: ...


def describe(
    names: _OneName | Sequence[_OneName], lang: str | None = None, backend: str | None = None
) -> str | list[str]:
    """Describe one file name, or a batch of them, in one sentence each.

    Args:
        names: A file name or path (``"scripts/analyser_logs.py"``), or a sequence of them. Only the base name is
            used; nothing is read from disk. ``bytes`` and ``os.fsencode``/``os.listdir`` names in any encoding
            are accepted: UTF-8, else Windows-1252 (:mod:`filedesc.filenames`).
        lang: ``"en"`` or ``"fr"``; ``None`` follows ``FILEDESC_LANG``, then the user's locale.
        backend: A backend name (``"onnx-int8"``, ``"rules"``, ...); ``None`` follows ``FILEDESC_BACKEND``, then
            the best available one.

    Returns:
        The description (a string) for a single name, or a list in the same order for a sequence.

    Raises:
        filedesc.errors.FiledescError: For an empty name, an unknown language or backend, or a broken model;
            the message says what to do.
    """
    from filedesc.service import default_describer

    describer = default_describer(backend)
    if isinstance(names, (str, bytes, os.PathLike)):
        return describer.describe([names], lang)[0].description
    return [item.description for item in describer.describe(list(names), lang)]


def __getattr__(name: str) -> object:
    """Import ``Describer`` and ``Description`` on first access, keeping ``import filedesc`` light."""
    if name in ("Describer", "Description"):
        from filedesc import service as _service_module

        return getattr(_service_module, name)
    raise AttributeError(name)
