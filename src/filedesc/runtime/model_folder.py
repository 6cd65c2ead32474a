"""Model folders: where the shipped ones are, what files each kind needs, and a cheap fingerprint for cache keys.

Every problem is a ``ModelFileError`` naming the file and the fix, so a broken model never surfaces as a stack trace.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from filedesc.errors import ModelFileError

DEFAULT_MODEL = "filedesc-small"
RETRAIN_FIX = "Reinstall filedesc, or rebuild the folder with `filedesc export` (see MODEL_CARD.md)."


def shipped_model_dir(variant: str, name: str = DEFAULT_MODEL) -> Path:
    """The folder of a model shipped inside the package, e.g. ``models/filedesc-small-int8``."""
    return Path(str(files("filedesc") / "models" / f"{name}-{variant}"))


def require_files(folder: Path, names: tuple[str, ...], fix: str = RETRAIN_FIX) -> None:
    """Raise ``ModelFileError`` for the first of ``names`` missing or empty in ``folder``."""
    if not folder.is_dir():
        raise ModelFileError(folder, "model folder not found", fix)
    for name in names:
        path = folder / name
        if not path.is_file():
            raise ModelFileError(path, "missing", fix)
        if path.stat().st_size == 0:
            raise ModelFileError(path, "empty (truncated download or copy?)", fix)


def read_json(path: Path, fix: str = RETRAIN_FIX) -> dict[str, Any]:
    """Read a JSON object, or raise ``ModelFileError`` saying what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(path, "missing", fix) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(path, f"not valid JSON ({exc})", fix) from None
    if not isinstance(data, dict):
        raise ModelFileError(path, "must hold a JSON object", fix)
    return data


def fingerprint(folder: Path, names: tuple[str, ...]) -> str:
    """A short hash of the files' names, sizes and first 64 KB: changes whenever the model does."""
    digest = hashlib.sha256()
    for name in names:
        path = folder / name
        if path.is_file():
            digest.update(f"{name}:{path.stat().st_size}".encode())
            with path.open("rb") as handle:
                digest.update(handle.read(65536))
    return digest.hexdigest()[:12]
