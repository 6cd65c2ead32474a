"""Test-only backends, put on the server's PYTHONPATH with a dist-info so its entry point is found.

- ``flaky``: raises for names starting with ``boom``, hangs for names starting with ``hang``, takes 20 ms for
  names starting with ``slow``, else echoes; it also prints to stdout, which must not reach the protocol.
- ``broken``: its factory fails as a missing model would.
Both rank below ``rules``, so the default backend stays the real one.
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


def _flaky(options: BackendOptions) -> FlakyBackend:
    del options
    return FlakyBackend()


def _broken(options: BackendOptions) -> FlakyBackend:
    raise ModelFileError(options.model_path or "/nonexistent/model", "no model here", "install the model first")


@filedesc.hookimpl
def filedesc_register_backends(register: RegisterBackend) -> None:
    register(BackendSpec(name="flaky", factory=_flaky, summary="test: raises, hangs or echoes", priority=-200))
    register(BackendSpec(name="broken", factory=_broken, summary="test: cannot be built", priority=-300))
