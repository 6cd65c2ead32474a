"""Test-only backends for the reliability suite, found by the server through this folder's dist-info.

Put this folder on ``PYTHONPATH``: ``importlib.metadata`` then sees the ``filedesc`` entry point and the plugin
manager loads it like any installed plugin. Every backend ranks below ``rules``, so the default stays real.

- ``rel-raise``: raises ``RuntimeError`` on every call.
- ``rel-hang``: sleeps ``REL_HANG_SECONDS`` (default 120) for names starting with ``hang``, else echoes.
- ``rel-slow``: sleeps 0.25 s per batch, then echoes (a long request that can be cancelled mid-flight).
- ``rel-short``: returns one description too few (a backend that breaks the contract).
- ``rel-print``: writes to ``sys.stdout`` with print() on every call (a careless plugin).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

import filedesc
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend


class _Echo:
    model_id = "rel@1"

    def __init__(self, name: str) -> None:
        self.name = name

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        return [f"{self.name} {lang} description of {name}" for name in names]


class _Raise(_Echo):
    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        raise RuntimeError(f"rel-raise exploded on {len(names)} names")


class _Hang(_Echo):
    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        if any(name.startswith("hang") for name in names):
            time.sleep(float(os.environ.get("REL_HANG_SECONDS", "120")))
        return super().describe(names, lang)


class _Slow(_Echo):
    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        time.sleep(0.25)
        return super().describe(names, lang)


class _Short(_Echo):
    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        return super().describe(names, lang)[:-1]


class _Print(_Echo):
    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        print("stray output from a careless plugin")
        sys.stdout.write("more stray output\n")
        return super().describe(names, lang)


_KINDS = {"rel-raise": _Raise, "rel-hang": _Hang, "rel-slow": _Slow, "rel-short": _Short, "rel-print": _Print}


def _factory(name: str) -> object:
    def build(options: BackendOptions) -> _Echo:
        del options
        return _KINDS[name](name)

    return build


@filedesc.hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    for name in _KINDS:
        register(BackendSpec(name=name, factory=_factory(name), summary=f"test: {name}", priority=-500))  # type: ignore[arg-type]
