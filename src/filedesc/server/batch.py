r"""The ``filedesc/describe`` batch request for file explorers: checking params, and one item per name.

Params: ``{"names": [...], "lang": "fr" | "en" | null}``. Result: ``{"items": [{"name", "description", "lang",
"backend", "cached"}]}`` in the order of ``names``. A name that cannot be described (not a string, empty once
cleaned, absurdly long) gets ``{"name", "error"}`` instead, and the rest of the batch is still answered.

A name is decoded like every other entry point's (:mod:`filedesc.filenames`): a client that lists a directory in
Python may send undecodable bytes as ``surrogateescape`` halves (JSON ``"caf\udce9_menu.py"``); the name is then
described as ``café_menu.py`` (UTF-8, else Windows-1252). ``name`` in the answer is always the string as sent,
because explorers find their item by it; JSON's ``\uXXXX`` escapes carry such halves back intact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from filedesc.prompt import LANGUAGES
from filedesc.service import CancelCheck, Description, ProgressCallback

MAX_NAMES = 100_000
"""More names than this in one request is a client bug, not an explorer: refuse the request."""

MAX_NAME_CHARS = 4096
"""Longer than any real path (PATH_MAX): such an item gets an error, the batch goes on."""


class BatchParamsError(ValueError):
    """The params of a ``filedesc/describe`` request are not what the request takes."""


@dataclass(frozen=True)
class BatchRequest:
    """Checked params: the names as given and the language (None: the server's setting)."""

    names: list[Any]
    lang: str | None


def parse_batch(params: Any) -> BatchRequest:
    """Check ``{"names": [...], "lang": ...}`` (already turned into plain dicts and lists).

    Raises:
        BatchParamsError: ``names`` is missing or not a list, is too long, or ``lang`` is not supported.
    """
    if not isinstance(params, dict):
        raise BatchParamsError('params must be an object: {"names": [...], "lang": "en" | "fr" | null}')
    names = params.get("names")
    if not isinstance(names, list):
        raise BatchParamsError('"names" must be a list of file names')
    if len(names) > MAX_NAMES:
        raise BatchParamsError(f'"names" holds {len(names)} names: send at most {MAX_NAMES} per request')
    lang = params.get("lang")
    if lang is not None and (not isinstance(lang, str) or lang.lower() not in (*LANGUAGES, "auto")):
        raise BatchParamsError(f'"lang" must be one of {", ".join(LANGUAGES)}, "auto" or null, not {lang!r}')
    return BatchRequest(names, None if lang in (None, "auto") else lang.lower())


def name_problem(name: Any, normalize: Callable[[str], str]) -> str | None:
    """Why ``name`` cannot be described, or None when it can."""
    if not isinstance(name, str):
        return f"a file name must be a string, not {type(name).__name__}"
    if len(name) > MAX_NAME_CHARS:
        return f"name is {len(name)} characters long: at most {MAX_NAME_CHARS} are accepted"
    if not normalize(name):
        return "no file name left after cleaning: give a file name such as 'main.py'"
    return None


def describe_batch(
    names: Sequence[Any],
    normalize: Callable[[str], str],
    describe: Callable[[list[str], CancelCheck, ProgressCallback], list[Description]],
    cancelled: CancelCheck,
    on_progress: ProgressCallback,
) -> list[dict[str, Any]]:
    """Describe the valid names in one call and answer every name, valid or not, in order."""
    problems = [name_problem(name, normalize) for name in names]
    valid = [str(name) for name, problem in zip(names, problems, strict=True) if problem is None]
    described = iter(describe(valid, cancelled, on_progress) if valid else [])
    items: list[dict[str, Any]] = []
    for name, problem in zip(names, problems, strict=True):
        if problem is not None:
            shown = name[:200] + "…" if isinstance(name, str) and len(name) > 200 else name
            items.append({"name": shown if isinstance(shown, str) else repr(shown)[:200], "error": problem})
            continue
        item = next(described)
        items.append(
            {
                "name": name,
                "description": item.description,
                "lang": item.lang,
                "backend": item.backend,
                "cached": item.cached,
            }
        )
    return items
