"""The contract every backend meets, and what a plugin hands over to register one.

A backend turns a batch of normalised names into descriptions in one language. It is built lazily by a factory,
so listing backends (``filedesc backends``) never loads a model, and a backend whose dependencies are missing is
still listed, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class Backend(Protocol):
    """A built backend: describes batches of names.

    Attributes:
        name: The registered name (``"rules"``, ``"onnx-int8"``).
        model_id: Identifies the model and its version (``"filedesc-small@0.1.0+int8"``); the cache key includes
            it, so a new model never serves an old model's cached answers.

    A backend may also set ``batch_size`` (an int): the most names ``Describer`` hands it per call (default
    ``filedesc.service.BATCH_SIZE``); one that runs a call's names on several cores asks for more.
    """

    name: str
    model_id: str

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        """Return one description per name, in order. ``names`` are already normalised and non-empty."""
        ...


@runtime_checkable
class DraftBackend(Protocol):
    """A backend whose model post-edits a draft (the ``draft`` prompt format) and can be handed one per name.

    The draft slot holds the rules' sentence by default; a caller that knows better (a file's header written in the
    other language, so that the description is a condensed translation) passes it through
    ``Describer.describe(..., drafts=...)``. ``takes_drafts`` is false when the loaded model has another format.
    """

    takes_drafts: bool

    def describe_drafted(self, names: Sequence[str], lang: str, drafts: Sequence[str | None]) -> list[str]:
        """Like ``describe``, with ``drafts[i]`` in the draft slot of ``names[i]`` (``None``: the rules' sentence)."""
        ...


@dataclass(frozen=True)
class Availability:
    """Whether a backend can run here and, if not, why (with the fix)."""

    available: bool
    reason: str = ""

    @classmethod
    def yes(cls) -> Availability:
        """The backend can run."""
        return cls(True, "")

    @classmethod
    def no(cls, reason: str) -> Availability:
        """The backend cannot run, because of ``reason``."""
        return cls(False, reason)


@dataclass(frozen=True)
class BackendOptions:
    """Settings a factory receives. ``model_path`` overrides the shipped model folder."""

    model_path: Path | None = None
    threads: int | None = None
    extra: Mapping[str, object] = field(default_factory=dict)


BackendFactory = Callable[[BackendOptions], Backend]
"""Builds a backend; may raise ``filedesc.errors.FiledescError`` (missing model, bad files)."""


def _always() -> Availability:
    return Availability.yes()


@dataclass(frozen=True)
class BackendSpec:
    """What a plugin registers: a name, a factory, a one-line summary and an availability check.

    ``availability`` must be cheap (look for a module or a file, never load a model): it runs for
    ``filedesc backends`` and to pick the default backend.
    """

    name: str
    factory: BackendFactory
    summary: str
    availability: Callable[[BackendOptions], Availability] = field(default=lambda _options: _always())
    priority: int = 0
    """Higher wins when choosing the default backend among the available ones."""


class RegisterBackend(Protocol):
    """The ``register`` callable handed to ``filedesc_register_backends``."""

    def __call__(self, spec: BackendSpec) -> None:
        """Register ``spec``; a later registration of the same name replaces the earlier one."""
        ...
