"""A small repository made on the fly: scripts with header comments, Python docstrings, manifests, a French file,
ignored files, and pairs worded the way one (imaginary) billing team writes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.training.conftest import NOUNS, VERBS, tiny_data, tiny_run

__all__ = ["tiny_data", "tiny_run"]  # the tiny base model, shared with the training tests' fixtures

TEAM_SUFFIX = "for the billing team"


def team_scripts() -> dict[str, str]:
    """``name -> header sentence``: every verb x noun script, worded with the team's suffix."""
    out = {}
    for verb in VERBS:
        for noun in NOUNS:
            out[f"{verb[0]}_{noun[1]}.sh"] = f"{verb[1].capitalize()} the {noun[1]} {TEAM_SUFFIX}."
    return out


def write_repo(root: Path) -> Path:
    """Write the test repository under ``root`` (not yet a git repository)."""
    files = {
        "src/billing/invoices.py": '"""Invoice totals and the tax lines of each invoice."""\n\nX = 1\n',
        "src/billing/parse_orders.py": '#!/usr/bin/env python3\n"""Parse the orders exported by the shop."""\n',
        "src/billing/analyse_factures.py": '"""Analyse les factures du mois et calcule les totaux."""\n',
        "src/billing/noisy.py": '"""Copyright 2024 ACME. All rights reserved."""\n',
        "docs/setup_guide.md": "---\ntitle: Setup\ndescription: Steps to set up the billing guide on a laptop.\n---\n",
        "package.json": json.dumps({"name": "billing", "description": "A small billing toolkit for invoices."}),
        "pyproject.toml": '[project]\nname = "billing"\ndescription = "Computes invoices and taxes."\n',
        "build/generated_report.py": '"""Report of the build output."""\n',
        "secret_notes.py": '"""Notes that the secret file keeps."""\n',
        ".gitignore": "build/\nsecret_*.py\n",
    }
    for name, sentence in team_scripts().items():
        files[f"scripts/{name}"] = f"#!/bin/sh\n# {sentence}\n\necho ok\n"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def plain_repo(tmp_path: Path) -> Path:
    """The repository as a plain folder (the .gitignore-aware walk lists it)."""
    return write_repo(tmp_path / "plain")


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """The repository under git (``git ls-files`` lists it), with one untracked, not ignored file."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = write_repo(tmp_path / "gitrepo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    (root / "src" / "billing" / "untracked_tool.py").write_text('"""Tool that checks the untracked files."""\n')
    return root
