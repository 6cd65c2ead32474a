"""The editors' own tests, run by the normal test command: VS Code (code-server + Chromium) and Neovim (headless).

``scripts/editor-tests`` installs what they need on first use (Node 24, code-server, nvim, Debian packages; stamped so
later runs skip it) and runs them against the real server. A failure there fails here: set
``FILEDESC_SKIP_EDITOR_TESTS=1`` to leave the editors out, e.g. on a machine without network for the first install.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "editor-tests"
TIMEOUT_S = 45 * 60
"""A fresh install takes a few minutes and a warm run under a minute; this only stops a hung editor."""


@pytest.mark.editor
def test_editor_integrations() -> None:
    if os.environ.get("FILEDESC_SKIP_EDITOR_TESTS") == "1":
        pytest.skip("FILEDESC_SKIP_EDITOR_TESTS=1")
    assert SCRIPT.is_file(), f"{SCRIPT} is missing"
    try:
        result = subprocess.run(
            ["bash", str(SCRIPT)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout if isinstance(exc.stdout, str) else (exc.stdout or b"").decode(errors="replace")
        pytest.fail(f"scripts/editor-tests ran past {TIMEOUT_S} s:\n{output[-8000:]}")
    if result.returncode != 0:
        pytest.fail(f"scripts/editor-tests failed (exit {result.returncode}):\n{result.stdout[-12000:]}")
    assert "editor-tests: all editor tests passed" in result.stdout
