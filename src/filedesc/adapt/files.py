"""The files of a project as git sees them: ``git ls-files`` in a repository, else a ``.gitignore``-aware walk.

Mining and ``filedesc tree`` must never read what a team told git to ignore (build outputs, virtual environments,
secrets in ``.env``), so both list files through :func:`project_files`. The walk understands the common part of
the gitignore syntax (``#`` comments, ``!`` negation, ``/`` anchoring, trailing ``/`` for folders, ``*``, ``?``,
``[...]`` and ``**``), in every folder's ``.gitignore``, which is what hand-written ignore files use.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

ALWAYS_SKIPPED = frozenset(
    {".git", ".hg", ".svn", ".filedesc", "__pycache__", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
)
"""Folders never listed, ignore file or not: version-control internals, caches and our own output folder."""


@dataclass(frozen=True)
class IgnoreRule:
    """One line of a ``.gitignore``: a compiled pattern relative to the folder holding the file."""

    regex: re.Pattern[str]
    negated: bool
    dir_only: bool


def _translate(glob: str) -> str:
    """A gitignore glob (no leading/trailing slash) as a regular expression over a relative POSIX path."""
    out: list[str] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 1 :]:
            end = glob.index("]", i + 1)
            body = glob[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[IgnoreRule]:
    """Compile the lines of a ``.gitignore`` file (blank lines and comments dropped)."""
    rules: list[IgnoreRule] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line.removeprefix("\\")
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        prefix = "" if anchored else "(?:.*/)?"
        rules.append(IgnoreRule(re.compile(f"^{prefix}{_translate(line)}$"), negated, dir_only))
    return rules


def is_ignored(relative: str, is_dir: bool, rules: list[IgnoreRule]) -> bool:
    """Whether the last matching rule ignores ``relative`` (a POSIX path relative to the rules' folder)."""
    ignored = False
    for rule in rules:
        if rule.dir_only and not is_dir:
            continue
        if rule.regex.match(relative):
            ignored = not rule.negated
    return ignored


def walk_files(root: Path) -> Iterator[Path]:
    """Regular files under ``root`` (relative paths, sorted), skipping what ``.gitignore`` files ignore.

    Symbolic links are not followed out of the tree: a link to a folder is not entered.
    """
    stack: list[tuple[Path, list[tuple[Path, list[IgnoreRule]]]]] = [(root, [])]
    found: list[Path] = []
    while stack:
        folder, inherited = stack.pop()
        scopes = inherited
        ignore_file = folder / ".gitignore"
        if ignore_file.is_file():
            try:
                scopes = [
                    *inherited,
                    (folder, parse_gitignore(ignore_file.read_text(encoding="utf-8", errors="replace"))),
                ]
            except OSError as exc:
                log.debug("cannot read %s: %s", ignore_file, exc)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            log.debug("cannot list %s: %s", folder, exc)
            continue
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if entry.name in ALWAYS_SKIPPED or any(
                is_ignored(path.relative_to(base).as_posix(), is_dir, rules) for base, rules in scopes
            ):
                continue
            if is_dir:
                stack.append((path, scopes))
            elif entry.is_file(follow_symlinks=False):
                found.append(path.relative_to(root))
    yield from sorted(found, key=lambda p: p.as_posix())


def git_files(root: Path) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files under ``root`` by git, or None when it is not a git work tree."""
    git = shutil.which("git")
    if git is None or (not (root / ".git").exists() and not _inside_git(git, root)):
        return None
    if (
        subprocess.run([git, "-C", str(root), "check-ignore", "-q", "."], capture_output=True, timeout=10).returncode
        == 0
    ):
        return None  # an ignored folder inside a work tree (a virtualenv's packages): git lists nothing there
    try:
        done = subprocess.run(
            [git, "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("git ls-files failed in %s: %s", root, exc)
        return None
    names = {n for n in done.stdout.decode("utf-8", errors="surrogateescape").split("\0") if n}
    paths = [Path(n) for n in sorted(names)]
    return [p for p in paths if not ALWAYS_SKIPPED.intersection(p.parts) and (root / p).is_file()]


def _inside_git(git: str, root: Path) -> bool:
    try:
        done = subprocess.run(
            [git, "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip() == b"true"


def project_files(root: Path) -> list[Path]:
    """The files of the project at ``root`` (paths relative to it, sorted), never those git ignores."""
    listed = git_files(root)
    return listed if listed is not None else list(walk_files(root))
