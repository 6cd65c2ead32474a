"""The pair record every reader yields, and the licence look-up shared by the readers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOC_DIR = Path("/usr/share/doc")
_LICENSE = re.compile(r"^License:\s*(\S.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Pair:
    """One English/French pair with where it came from (``source``: apt-short, apt-long, gettext, freedict)."""

    en: str
    fr: str
    source: str
    package: str
    licence: str

    def as_json(self) -> dict[str, str]:
        """The JSONL line of the corpus."""
        return {"en": self.en, "fr": self.fr, "source": self.source, "package": self.package, "licence": self.licence}


def package_licence(package: str, doc_dir: Path = DOC_DIR) -> str:
    """The first ``License:`` of the package's machine-readable copyright file, else a pointer to that file."""
    path = doc_dir / package / "copyright"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"see {path}"
    found = _LICENSE.search(text)
    return found.group(1).strip() if found else f"see {path}"
