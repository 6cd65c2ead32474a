"""Debian's translated package descriptions: the ``*_i18n_Translation-{fr,en}.lz4`` apt lists.

Each list holds blocks separated by blank lines: ``Package:``, ``Description-md5:``, ``Description-<lang>:`` whose
first line is the short description and whose following lines (each starting with a space, `` .`` between
paragraphs) are the long one. A French and an English block describe the same text when they share
(``Package``, ``Description-md5``). The image's apt configuration fetches no translations by default, hence
:data:`UPDATE_HINT`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filedesc.errors import FiledescError

APT_LISTS = Path("/var/lib/apt/lists")
UPDATE_HINT = "apt-get update -o Acquire::Languages=fr,en"
LICENCE = "Debian archive metadata (package description; French by the Debian Description Translation Project)"


class AptListMissingError(FiledescError, FileNotFoundError):
    """The translated description lists are not on this machine."""


@dataclass(frozen=True)
class Description:
    """One package description in one language: the short line and the paragraphs of the long one."""

    package: str
    md5: str
    short: str
    paragraphs: tuple[str, ...]


def translation_files(lang: str, lists: Path = APT_LISTS) -> list[Path]:
    """The main-component translation lists of ``lang``, or an error that names the apt command to run."""
    found = sorted(lists.glob(f"*_main_i18n_Translation-{lang}*"))
    found = [p for p in found if p.suffix in {".lz4", ".gz", ".xz", ""} and not p.name.endswith(".diff")]
    if not found:
        raise AptListMissingError(
            f"no Translation-{lang} list in {lists}: run `{UPDATE_HINT}` (as root) to fetch the translated "
            "package descriptions"
        )
    return found


def read_text(path: Path) -> str:
    """Read an apt list, decompressing lz4, gzip or xz by its suffix."""
    if path.suffix == ".lz4":
        import lz4.frame

        with lz4.frame.open(path, "rb") as fh:
            data: bytes = fh.read()
        return data.decode("utf-8", errors="replace")
    if path.suffix == ".gz":
        import gzip

        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    if path.suffix == ".xz":
        import lzma

        return lzma.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return path.read_text(encoding="utf-8", errors="replace")


def file_facts(path: Path) -> dict[str, str | int]:
    """Date, size and SHA-256 of one list, for ``stats.json`` (the lists change with every archive update)."""
    import datetime

    data = path.read_bytes()
    mtime = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)
    return {"file": path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "modified": mtime.isoformat(timespec="seconds")}


def parse_descriptions(text: str, lang: str) -> Iterator[Description]:
    """Yield each block of one list; blocks without a description of ``lang`` are skipped."""
    field = f"Description-{lang}:"
    for block in text.split("\n\n"):
        package = md5 = ""
        short = ""
        body: list[str] = []
        in_desc = False
        for line in block.splitlines():
            if line.startswith("Package:"):
                package, in_desc = line.split(":", 1)[1].strip(), False
            elif line.startswith("Description-md5:"):
                md5, in_desc = line.split(":", 1)[1].strip(), False
            elif line.startswith(field):
                short, in_desc = line[len(field):].strip(), True
            elif in_desc and line.startswith(" "):
                body.append(line[1:])
            else:
                in_desc = False
        if package and short:
            yield Description(package, md5, short, _paragraphs(body))


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Join the long description's lines into paragraphs (a line of ``.`` separates them)."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip() == ".":
            if current:
                out.append(" ".join(current))
            current = []
        else:
            current.append(line.strip())
    if current:
        out.append(" ".join(current))
    return tuple(" ".join(p.split()) for p in out)


def read_lang(lang: str, lists: Path = APT_LISTS) -> dict[tuple[str, str], Description]:
    """Every description of ``lang``, keyed by (package, md5)."""
    out: dict[tuple[str, str], Description] = {}
    for path in translation_files(lang, lists):
        for desc in parse_descriptions(read_text(path), lang):
            out.setdefault((desc.package, desc.md5), desc)
    return out
