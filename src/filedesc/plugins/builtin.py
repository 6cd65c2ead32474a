"""Built-in implementations of the text hooks; registered last so that any plugin can override them."""

from __future__ import annotations

import re

from filedesc import hookimpl
from filedesc.prompt import normalize_name

_FRENCH_HIGH_PUNCT = re.compile(r"(?<=\w)\s*([;:!?])(?=\s|$)")
_SPACE_RUN = re.compile(r"\s+")


@hookimpl(trylast=True)
def filedesc_normalize_name(name: str) -> str:
    """Normalise with the shared prompt rules (``filedesc.prompt.normalize_name``)."""
    return normalize_name(name)


@hookimpl(trylast=True)
def filedesc_postprocess(description: str, name: str, lang: str) -> str:
    """Capitalise, fold spaces, end with a period; French gets a space before ``; : ! ?``.

    The first letter is raised only when the second is not a capital, so a sentence that starts with a name such
    as ``iOS`` or ``jQuery`` keeps it as written.
    """
    del name
    text = _SPACE_RUN.sub(" ", description).strip()
    if not text:
        return text
    if lang == "fr":
        text = _FRENCH_HIGH_PUNCT.sub(lambda m: " " + m.group(1), text)
    if text[0].islower() and not (len(text) > 1 and text[1].isupper()):
        text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…":
        text += "."
    return text
