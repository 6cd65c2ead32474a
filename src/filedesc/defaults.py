"""How the language and the backend are chosen when the caller does not say: flags, then environment, then locale."""

from __future__ import annotations

import locale
import os

from filedesc.errors import UnknownLanguageError
from filedesc.prompt import LANGUAGES

LANG_ENV = "FILEDESC_LANG"
BACKEND_ENV = "FILEDESC_BACKEND"
MODEL_ENV = "FILEDESC_MODEL"


def locale_language(locale_name: str | None = None) -> str:
    """Map a locale name (``fr_FR.UTF-8``, ``fr-CA``, ``en_US``) to ``fr`` or ``en``; anything else gives ``en``."""
    if locale_name is None:
        for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
            value = os.environ.get(var)
            if value:
                locale_name = value.split(":")[0]
                break
        else:
            locale_name = locale.getlocale()[0] or ""
    return "fr" if locale_name.lower().replace("-", "_").startswith("fr") else "en"


def resolve_lang(lang: str | None) -> str:
    """Return the description language: ``lang``, else ``FILEDESC_LANG``, else the user's locale.

    ``auto`` means "follow the locale". An unsupported value raises ``UnknownLanguageError`` naming the choices.
    """
    value = (lang or os.environ.get(LANG_ENV) or "auto").strip().lower()
    if value == "auto":
        return locale_language()
    if value not in LANGUAGES:
        raise UnknownLanguageError(value, LANGUAGES)
    return value


def requested_backend(backend: str | None) -> str | None:
    """The backend the user asked for (argument, else ``FILEDESC_BACKEND``), or ``None`` for the best available."""
    value = backend or os.environ.get(BACKEND_ENV) or None
    return None if value in (None, "", "auto", "default") else value
