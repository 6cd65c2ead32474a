"""``filedesc tree``: the project's directory tree with each file's description beside it.

    filedesc tree [DIR] [--lang fr] [--depth N] [--json | --markdown]

Files come from :func:`filedesc.adapt.files.project_files` (``git ls-files``, or a ``.gitignore``-aware walk), so
ignored files never show. A file whose header says what it is for (docstring, header comment, front matter; read
by :mod:`filedesc.header`, at most 4 KB, inside DIR only) is described by that sentence, put in the house style,
when it is written in the requested language; every other file is described from its name through the
``Describer``, in batches, so the cache, the backend choice and the plugins behave as everywhere else. When the
backend takes drafts, a header in the other language goes into the model's draft slot for that file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from filedesc import header
from filedesc.adapt.files import project_files
from filedesc.adapt.language import detect_language
from filedesc.adapt.mine import is_boilerplate, kind_for
from filedesc.adapt.style import restyle
from filedesc.filenames import display_name
from filedesc.lexicon import load_lexicon
from filedesc.service import Describer

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class TreeEntry:
    r"""One line of the tree: a folder (no description) or a file and its description.

    ``path`` and ``name`` are printable (:func:`filedesc.filenames.display_name`): a byte that is not UTF-8 shows
    as ``\xNN``, while the description reads it as Windows-1252.
    """

    path: str
    name: str
    is_dir: bool
    depth: int
    description: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (``type`` is ``file`` or ``dir``)."""
        data = asdict(self)
        data["type"] = "dir" if data.pop("is_dir") else "file"
        return data


def list_tree(root: Path, depth: int | None = None) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
    """``(folders, files)`` of the project at ``root`` down to ``depth`` levels (``tree -L``), in tree order."""
    files = [PurePosixPath(p.as_posix()) for p in project_files(root)]
    folders: set[PurePosixPath] = set()
    for file in files:
        folders.update(p for p in file.parents if p != PurePosixPath("."))
    if depth is not None:
        files = [f for f in files if len(f.parts) <= depth]
        folders = {d for d in folders if len(d.parts) <= depth}
    return sorted(folders), sorted(files)


def header_descriptions(root: Path, files: list[PurePosixPath], lang: str) -> dict[PurePosixPath, str]:
    """The content-aware description of each file whose header is written in ``lang`` (house style when possible)."""
    return read_headers(root, files, lang)[0]


def read_headers(
    root: Path, files: list[PurePosixPath], lang: str
) -> tuple[dict[PurePosixPath, str], dict[PurePosixPath, str]]:
    """``(shown, drafts)`` of the files whose header says what they are for.

    ``shown``: the description of each file whose header is in ``lang``; ``drafts``: the draft (the header's plain
    first sentence, :func:`filedesc.header.other_language_draft`) of each file whose header is in the other one.
    """
    lexicon = load_lexicon()
    found: dict[PurePosixPath, str] = {}
    drafts: dict[PurePosixPath, str] = {}
    for file in files:
        resolved = header.describe_from_file(str(file), None, [root])
        if resolved is None:
            continue
        sentence = resolved[1]
        if is_boilerplate(sentence):
            continue
        if detect_language(sentence, lexicon) != lang:
            draft = header.other_language_draft(sentence, lang, lexicon)
            if draft:
                drafts[file] = draft
            continue
        kind = kind_for(file.name, header.read_head(resolved[0]), lexicon)
        found[file] = (restyle(sentence, lang, kind, lexicon) if kind else None) or sentence
    return found, drafts


def describe_tree(
    root: Path,
    lang: str,
    describer: Describer,
    *,
    depth: int | None = None,
    use_headers: bool = True,
    on_progress: ProgressCallback | None = None,
) -> list[TreeEntry]:
    """Every folder and file of the tree, in display order, files with their descriptions.

    A file whose header is in the other language is described by the model with that header in its draft slot
    when the backend takes drafts (a ``draft``-format model): its description is then a condensed translation.
    """
    folders, files = list_tree(root, depth)
    from_headers, drafts = read_headers(root, files, lang) if use_headers else ({}, {})
    todo = [f for f in files if f not in from_headers]
    given = [drafts.get(f) for f in todo] if drafts and describer.accepts_drafts() else None
    described = describer.describe([f.name for f in todo], lang, on_progress=on_progress, drafts=given) if todo else []
    by_file: dict[PurePosixPath, tuple[str, str]] = {f: (d, "header") for f, d in from_headers.items()}
    by_file.update({f: (d.description, d.backend) for f, d in zip(todo, described, strict=True)})
    entries = [TreeEntry(display_name(str(d)), display_name(d.name), True, len(d.parts)) for d in folders]
    entries += [TreeEntry(display_name(str(f)), display_name(f.name), False, len(f.parts), *by_file[f]) for f in files]
    return sorted(entries, key=_tree_order)


def _tree_order(entry: TreeEntry) -> tuple[tuple[int, str], ...]:
    """Folders before files at each level, then by name (what ``tree --dirsfirst`` shows)."""
    parts = PurePosixPath(entry.path).parts
    keys = [(0, part.lower()) for part in parts[:-1]]
    keys.append((0 if entry.is_dir else 1, parts[-1].lower()))
    return tuple(keys)


def render_text(entries: list[TreeEntry], root_label: str, width: int = 44) -> str:
    """A ``tree``-style drawing with each description in a column to the right."""
    last = _last_in_folder(entries)
    lines = [root_label]
    open_levels: dict[int, bool] = {}
    for entry, is_last in zip(entries, last, strict=True):
        open_levels[entry.depth] = not is_last
        prefix = "".join("│   " if open_levels.get(level) else "    " for level in range(1, entry.depth))
        label = f"{prefix}{'└── ' if is_last else '├── '}{entry.name}{'/' if entry.is_dir else ''}"
        if entry.description:
            label = f"{label.ljust(width)}  {entry.description}"
        lines.append(label)
    return "\n".join(lines) + "\n"


def _last_in_folder(entries: list[TreeEntry]) -> list[bool]:
    """For each entry (in tree order), whether it is the last one of its folder; one pass from the end."""
    seen: dict[int, bool] = {}
    out = [False] * len(entries)
    for index in range(len(entries) - 1, -1, -1):
        depth = entries[index].depth
        out[index] = not seen.get(depth, False)
        seen[depth] = True
        for deeper in [d for d in seen if d > depth]:
            del seen[deeper]
    return out


def render_markdown(entries: list[TreeEntry]) -> str:
    """A README-ready table of the files: path and description."""
    lines = ["| File | Description |", "|---|---|"]
    for entry in entries:
        if not entry.is_dir:
            text = (entry.description or "").replace("|", "\\|")
            lines.append(f"| `{entry.path}` | {text} |")
    return "\n".join(lines) + "\n"


def render_json(entries: list[TreeEntry], root: Path, lang: str) -> str:
    """``{"root", "lang", "items": [...]}``: a list of objects, never a dict keyed by file names."""
    body = {"root": display_name(str(root)), "lang": lang, "items": [e.to_dict() for e in entries]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
