"""Test-only backends, put on the server's PYTHONPATH with a dist-info so its entry point is found.

- ``flaky``: raises for names starting with ``boom``, hangs for names starting with ``hang``, takes 20 ms for
  names starting with ``slow``, else echoes; it also prints to stdout, which must not reach the protocol.
- ``broken``: its factory fails as a missing model would.
- ``draftecho`` / ``draftecho-off``: a ``draft``-format model (or one of another format) that says which draft it
  was handed: ``fr draft for NAME: DRAFT``, or ``fr no draft for NAME``.
All rank below ``rules``, so the default backend stays the real one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import filedesc
from filedesc.errors import ModelFileError
from filedesc.plugins.backend import BackendOptions, BackendSpec, RegisterBackend


class FlakyBackend:
    name = "flaky"
    model_id = "flaky@1"

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        print(f"noise on stdout from a careless plugin: {len(names)} names")
        out = []
        for name in names:
            if name.startswith("slow"):
                time.sleep(0.02)
            if name.startswith("boom"):
                raise RuntimeError(f"kaboom on {name}")
            if name.startswith("hang"):
                time.sleep(60)
            out.append(f"flaky {lang} description of {name}")
        return out


class DraftEchoBackend:
    """Echoes the draft each name was given (``takes_drafts`` false: a model without the draft slot)."""

    def __init__(self, takes_drafts: bool) -> None:
        self.name = "draftecho" if takes_drafts else "draftecho-off"
        self.model_id = f"{self.name}@1"
        self.takes_drafts = takes_drafts

    def describe(self, names: Sequence[str], lang: str) -> list[str]:
        return [f"{lang} no draft for {name}" for name in names]

    def describe_drafted(self, names: Sequence[str], lang: str, drafts: Sequence[str | None]) -> list[str]:
        if not self.takes_drafts:
            raise AssertionError("a model without the draft slot was handed drafts")
        return [
            f"{lang} draft for {name}: {draft}" if draft else f"{lang} no draft for {name}"
            for name, draft in zip(names, drafts, strict=True)
        ]


def _flaky(options: BackendOptions) -> FlakyBackend:
    del options
    return FlakyBackend()


def _draftecho(options: BackendOptions) -> DraftEchoBackend:
    del options
    return DraftEchoBackend(True)


def _draftecho_off(options: BackendOptions) -> DraftEchoBackend:
    del options
    return DraftEchoBackend(False)


def _broken(options: BackendOptions) -> FlakyBackend:
    raise ModelFileError(options.model_path or "/nonexistent/model", "no model here", "install the model first")


@filedesc.hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    register(BackendSpec(name="flaky", factory=_flaky, summary="test: raises, hangs or echoes", priority=-200))
    register(BackendSpec(name="broken", factory=_broken, summary="test: cannot be built", priority=-300))
    register(BackendSpec(name="draftecho", factory=_draftecho, summary="test: echoes its draft", priority=-400))
    register(BackendSpec(name="draftecho-off", factory=_draftecho_off, summary="test: no draft slot", priority=-400))
