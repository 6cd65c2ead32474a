"""What must never reach training data: held-out repositories, evaluation names, the Python standard library.

The shared evaluation material lives outside the repository (``../shared/data/`` relative to the repository root,
or the folder named by ``FILEDESC_SHARED_DIR``). Keeping every exclusion rule here means the miner, the corpus
checker and the build all apply the same ones.
"""

from __future__ import annotations

import json
import os
import re
import sysconfig
from dataclasses import dataclass
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[4]
_STDLIB_COPY = re.compile(r"/lib/python3(?:\.\d+)?/(?!dist-packages/|site-packages/)")
_GITHUB = re.compile(r"^github:([^/@:\s]+/[^/@:\s]+)@")


def shared_dir() -> Path | None:
    """Return the shared data folder (``FILEDESC_SHARED_DIR``, else ``<repo>/../shared/data``), or None."""
    env = os.environ.get("FILEDESC_SHARED_DIR")
    candidates = [Path(env), Path(env) / "data"] if env else []
    candidates.append(_REPO_ROOT.parent / "shared" / "data")
    for folder in candidates:
        if (folder / "holdout-repos.txt").is_file() or (folder / "real-dev.jsonl").is_file():
            return folder
    return None


def stdlib_paths() -> tuple[str, ...]:
    """The standard library folders of the running interpreter (and its platform-specific twin)."""
    paths = sysconfig.get_paths()
    found = {str(Path(paths[k]).resolve()) for k in ("stdlib", "platstdlib") if k in paths}
    return tuple(sorted(found))


def is_stdlib_path(path: str) -> bool:
    """True for a file of the Python standard library: ours, Debian's ``/usr/lib/python3.X``, or a bundled copy."""
    if "/site-packages/" in path or "/dist-packages/" in path:
        return False
    if _STDLIB_COPY.search(path):
        return True
    try:
        resolved = str(Path(path).resolve())
    except OSError:
        resolved = path
    return any(resolved == root or resolved.startswith(root + os.sep) for root in stdlib_paths())


def repository_of(source: str) -> str:
    """The repository (or package) a source belongs to: ``github:OWNER/REPO``, ``pypi:PKG``, ``debian:PKG``."""
    match = _GITHUB.match(source)
    if match:
        return "github:" + match.group(1).lower()
    head, _, rest = source.partition(":")
    if head in ("pypi", "debian", "ecosystem"):
        return f"{head}:{rest.split(':', 1)[0].lower()}"
    return source


@dataclass(frozen=True)
class Exclusions:
    """The loaded exclusion lists; empty when the shared folder is absent (the build then warns)."""

    holdout_repos: frozenset[str]
    dev_names: frozenset[str]
    found: bool

    def holdout(self, source: str) -> bool:
        """True when ``source`` is a file of a held-out public repository."""
        match = _GITHUB.match(source)
        return match is not None and match.group(1).lower() in self.holdout_repos

    def stdlib(self, source: str) -> bool:
        """True when ``source`` points into the Python standard library."""
        head, _, rest = source.partition(":")
        if head == "github":
            return rest.lower().startswith("python/cpython@")
        if head == "pypi":
            package, _, path = rest.partition(":")
            return package.lower() in ("python", "cpython", "stdlib") or is_stdlib_path(path)
        if head == "debian":
            return is_stdlib_path(rest.partition(":")[2])
        return False

    def reason(self, name: str, source: str) -> str | None:
        """Why this (name, source) must be left out, or None when it may be used."""
        if self.holdout(source):
            return "held-out repository"
        if name in self.dev_names:
            return "name of real-dev.jsonl"
        if self.stdlib(source):
            return "Python standard library"
        return None


def load_exclusions(folder: Path | None = None) -> Exclusions:
    """Read ``holdout-repos.txt`` and the names of ``real-dev.jsonl`` from ``folder`` (default :func:`shared_dir`)."""
    folder = folder if folder is not None else shared_dir()
    if folder is None:
        return Exclusions(frozenset(), frozenset(), found=False)
    repos: set[str] = set()
    holdout = folder / "holdout-repos.txt"
    if holdout.is_file():
        for line in holdout.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                repos.add(line.lower())
    names: set[str] = set()
    dev = folder / "real-dev.jsonl"
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                names.add(str(json.loads(line)["name"]))
    return Exclusions(frozenset(repos), frozenset(names), found=True)
