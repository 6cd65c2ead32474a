"""The server's settings (section ``filedesc``): parsing, checking and the language they lead to.

Settings arrive from ``initializationOptions``, from ``workspace/didChangeConfiguration`` and from
``workspace/configuration``, in nested (``{"codeLens": {"enabled": true}}``) or dotted (``{"codeLens.enabled":
true}``) form, possibly wrapped in ``{"filedesc": {...}}``. A bad value never stops the server: it is replaced by
the default and named in a problem message that the server shows to the user.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from filedesc.defaults import locale_language, resolve_lang
from filedesc.prompt import LANGUAGES

SECTION = "filedesc"

LANGUAGE_CHOICES = ("auto", *LANGUAGES)
MAX_TIMEOUT = 3600.0


@dataclass(frozen=True)
class Settings:
    """Every setting the server reads, with its default.

    Attributes:
        backend: A backend name, or None for the best available one (``"auto"`` in the client).
        language: ``auto`` (follow the client's locale), ``en`` or ``fr``.
        model_path: A model folder to load instead of the shipped one.
        code_lens_enabled: Show a lens at the top of each document describing its own file.
        code_lens_references: Also show a lens on each line that names other files.
        hover_enabled: Describe file names on hover.
        request_timeout: Seconds a description may take before the request fails.
    """

    backend: str | None = None
    language: str = "auto"
    model_path: Path | None = None
    code_lens_enabled: bool = True
    code_lens_references: bool = False
    hover_enabled: bool = True
    request_timeout: float = 10.0


_KEYS: dict[str, str] = {
    "backend": "backend",
    "language": "language",
    "modelPath": "model_path",
    "codeLens.enabled": "code_lens_enabled",
    "codeLens.references": "code_lens_references",
    "hover.enabled": "hover_enabled",
    "requestTimeout": "request_timeout",
}
"""Client setting names (camelCase, dotted) to ``Settings`` fields."""


def _flatten(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and name not in _KEYS:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("expected true or false")


def _as_backend(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 100:
        raise ValueError('expected a backend name such as "rules", or "auto"')
    value = value.strip()
    return None if value in ("", "auto", "default") else value


def _as_language(value: Any) -> str:
    if value is None:
        return "auto"
    if not isinstance(value, str) or value.strip().lower() not in LANGUAGE_CHOICES:
        raise ValueError(f"expected one of {', '.join(LANGUAGE_CHOICES)}")
    return value.strip().lower()


def _as_path(value: Any) -> Path | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or "\0" in value:
        raise ValueError("expected a folder path as a string")
    return Path(value).expanduser()


def _as_timeout(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number of seconds")
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise ValueError(f"expected a number of seconds between 0 and {MAX_TIMEOUT:g}")
    return float(value)


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "backend": _as_backend,
    "language": _as_language,
    "model_path": _as_path,
    "code_lens_enabled": _as_bool,
    "code_lens_references": _as_bool,
    "hover_enabled": _as_bool,
    "request_timeout": _as_timeout,
}


def section_of(raw: Any) -> Mapping[str, Any] | None:
    """The ``filedesc`` section of a settings payload (wrapped or not); None when there is none to read."""
    if not isinstance(raw, Mapping):
        return None
    inner = raw.get(SECTION)
    if isinstance(inner, Mapping):
        return inner
    return raw


def parse_settings(raw: Any, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Read ``raw`` on top of ``base`` (default: all defaults).

    Keys absent from ``raw`` keep their ``base`` value; keys with a bad value take the default and add a problem;
    unknown keys are ignored (clients send other extensions' settings too).

    Returns:
        The settings and the problems found, each a sentence naming the setting and the fix.
    """
    base = base or Settings()
    section = section_of(raw)
    if raw is not None and section is None:
        return base, [f"filedesc settings must be an object, got {type(raw).__name__}: ignored"]
    defaults = Settings()
    changes: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in _flatten(section or {}).items():
        field_name = _KEYS.get(key)
        if field_name is None:
            continue
        try:
            changes[field_name] = _CONVERTERS[field_name](value)
        except ValueError as exc:
            default = getattr(defaults, field_name)
            changes[field_name] = default
            problems.append(f"setting filedesc.{key} = {value!r} is invalid ({exc}): using {default!r}")
    return replace(base, **changes), problems


def setting_names() -> list[str]:
    """The client-side names of every setting (for docs and tests)."""
    return list(_KEYS)


def effective_language(settings: Settings, client_locale: str | None) -> str:
    """The description language: the setting, else the client's locale (``initialize``), else the user's locale."""
    if settings.language in LANGUAGES:
        return settings.language
    if client_locale:
        return locale_language(client_locale)
    return resolve_lang(None)
