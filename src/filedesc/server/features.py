"""Plain functions behind the hover and the code lenses: what to describe, and how to show it.

Nothing here touches the protocol objects' transport or the backend, so the tests call these directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from filedesc.server.names import find_names
from filedesc.service import Description

MAX_REFERENCE_LINES = 20_000
"""Reference lenses are found on the event loop (ranges only): past this many lines a document gets none more."""

SELF = "self"
REFERENCE = "reference"


@dataclass(frozen=True)
class LensTarget:
    """Where a code lens goes and what it describes (``kind`` is ``self`` or ``reference``)."""

    line: int
    start: int
    end: int
    names: tuple[str, ...]
    kind: str


def uri_to_path(uri: str) -> Path | None:
    """The local path of a ``file:`` URI, or None for other schemes (``untitled:``)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if re.match(r"^/[A-Za-z]:/", path):
        path = path[1:]  # file:///C:/x on Windows
    return Path(path)


def document_file_name(uri: str) -> str | None:
    """The document's own file name (from its URI), or None when it has none (an unsaved buffer)."""
    path = uri_to_path(uri)
    return path.name if path and path.name else None


def lens_targets(uri: str, lines: Sequence[str], references: bool) -> list[LensTarget]:
    """The lenses of a document: its own file on line 0, and with ``references`` one per line naming files."""
    targets: list[LensTarget] = []
    own = document_file_name(uri)
    if own:
        targets.append(LensTarget(0, 0, 0, (own,), SELF))
    if references:
        for number, line in enumerate(lines[:MAX_REFERENCE_LINES]):
            found = find_names(line)
            if found:
                names = tuple(dict.fromkeys(match.base for match in found))
                targets.append(LensTarget(number, found[0].start, found[-1].end, names, REFERENCE))
    return targets


def lens_title(kind: str, names: Sequence[str], descriptions: Sequence[Description]) -> str:
    """A lens's text: the description alone for the document itself, ``name: description`` per reference."""
    if kind == SELF and descriptions:
        return descriptions[0].description
    return " · ".join(f"{name}: {item.description}" for name, item in zip(names, descriptions, strict=True))


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def hover_markdown(written: str, description: Description, own: tuple[Path, str] | None = None) -> str:
    """The hover text: the name in bold, the file's own description first when there is one, then the backend's.

    Args:
        written: The name as written in the document (a path, maybe).
        description: The backend's description of the base name.
        own: The file found in the workspace and the sentence its header gives, if any.
    """
    parts = [f"**{_escape(written)}**", ""]
    if own is not None:
        path, sentence = own
        parts += [f"{_escape(sentence)} *(from {_escape(path.name)})*", ""]
    parts += [_escape(description.description), ""]
    cached = ", cached" if description.cached else ""
    # Small print in plain Markdown italics: every client renders it (Neovim shows raw HTML such as <sub>).
    parts.append(f"_filedesc · {_escape(description.backend)} · {description.lang}{cached}_")
    return "\n".join(parts)


def plain(value: Any) -> Any:
    """Turn pygls' namedtuple params (and nested lists of them) into dicts and lists."""
    if hasattr(value, "_asdict"):
        return {key: plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value
