"""The hooks a filedesc plugin can implement.

A plugin is a module or object with functions decorated by ``@filedesc.hookimpl``, made known through an entry
point in the ``filedesc`` group::

    [project.entry-points.filedesc]
    mybackend = "mypackage.filedesc_plugin"

Every hook is prefixed ``filedesc_``; their call semantics are given in each docstring.
"""

from __future__ import annotations

import pluggy

from filedesc import PROJECT
from filedesc.plugins.backend import RegisterBackend

hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def filedesc_register_backends(register: RegisterBackend) -> None:
    """Register backend factories by name.

    Called once per plugin when the backend registry is built. Call ``register(BackendSpec(...))`` for each
    backend the plugin provides; the factory is called only if that backend is selected, so registering is cheap.

    Args:
        register: Callable taking a ``filedesc.plugins.backend.BackendSpec``.
    """


@hookspec(firstresult=True)
def filedesc_normalize_name(name: str) -> str | None:
    """Turn a path or raw name into what the model sees (base name, NFC, control characters out, length cap).

    Stops at the first non-``None`` result; the built-in implementation (``filedesc.prompt.normalize_name``) runs
    last. A plugin may return a different string (e.g. strip a project prefix) or ``None`` to defer.

    Args:
        name: The name or path as the user gave it.

    Returns:
        The normalised name (may be empty: the caller then reports invalid input), or ``None`` to defer.
    """


@hookspec(firstresult=True)
def filedesc_postprocess(description: str, name: str, lang: str) -> str | None:
    """Give a description its final touch (capital letter, final period, spacing before French punctuation).

    Stops at the first non-``None`` result; the built-in implementation runs last. To edit what the built-in one
    produces instead of replacing it, implement this hook as a wrapper (``@hookimpl(wrapper=True)``) and change the
    value the ``yield`` returns.

    Args:
        description: The backend's raw output.
        name: The normalised name it describes.
        lang: ``"en"`` or ``"fr"``.

    Returns:
        The final description, or ``None`` to defer.
    """
