r"""File names as bytes: what to show and what to describe, for names in any encoding.

Linux file names are bytes. Most are UTF-8, but old shares, archives and Windows-era disks hold names written in
Latin-1 or Windows-1252 (``caf\xe9_menu.py``). Python hands such names over with their undecodable bytes
smuggled in as lone surrogates (``sys.argv``, ``os.listdir``, ``os.scandir``, ``git ls-files`` read with
``surrogateescape``; ``"caf\udce9_menu.py"``); the Python API may also get them as ``bytes``
(``os.fsencode``) or as ``pathlib`` paths. Every entry point (``describe`` arguments and ``--stdin``, ``tree``,
the server's batch request, the Python API) goes through :func:`decode_name`, which gives two strings:

- ``text``, the name to describe: the bytes decoded as UTF-8 and, where that fails, byte by byte as Windows-1252
  (:data:`FALLBACK_ENCODING`; its five unassigned bytes as Latin-1), so ``caf\xe9_menu.py`` is described as
  ``café_menu.py``. A byte sequence that happens to be valid UTF-8 is read as UTF-8: that is the usual guess, and
  the right one for nearly every name;
- ``display``, the name as the user wrote it, printable: an undecodable byte is shown as ``\xNN``, and control,
  line-separator, bidirectional-override and zero-width characters (which would break a ``NAME<TAB>DESCRIPTION``
  line or a tree drawing, or hide what the name says) as Python escapes (``\t``, ``\x1b``, ``\u202e``). A name
  that needs no escape is shown unchanged. Backslashes are not doubled, so Windows paths read as written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TypeAlias

AnyName: TypeAlias = str | bytes | os.PathLike[str] | os.PathLike[bytes]
"""What the entry points accept as one name."""

FALLBACK_ENCODING = "cp1252"
"""How a byte that is not part of valid UTF-8 is read (Windows-1252, a superset of Latin-1's printable range)."""

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
"""A byte that ``surrogateescape`` could not decode as UTF-8 (U+DC80..U+DCFF stands for byte 0x80..0xFF)."""

_STRAY_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
"""Any other lone surrogate: never part of a real name (a broken JSON string), dropped from the text."""

_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
"""What ``display`` escapes: controls, line separators, zero-width and bidirectional marks, and lone surrogates."""

_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _fallback_char(byte: int) -> str:
    try:
        return bytes([byte]).decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d have no Windows-1252 character
        return chr(byte)


_FALLBACK = {chr(0xDC00 + byte): _fallback_char(byte) for byte in range(0x80, 0x100)}


@dataclass(frozen=True)
class DecodedName:
    """One name, decoded.

    Attributes:
        display: the name as given, with escapes where it cannot be shown (see the module docstring).
        text: the name to describe, a proper Unicode string (no lone surrogates).
        fallback: True when some bytes were not UTF-8 and were read as :data:`FALLBACK_ENCODING`.
    """

    display: str
    text: str
    fallback: bool


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def decode_text(data: bytes) -> str:
    """``data`` as UTF-8, any byte that is not UTF-8 as Windows-1252: names, and the headers of files on old shares."""
    return _ESCAPED_BYTE.sub(lambda m: _FALLBACK[m.group()], data.decode("utf-8", "surrogateescape"))


def decode_name(name: AnyName) -> DecodedName:
    """Decode a name given as ``str`` (possibly surrogate-escaped), ``bytes`` or a path object.

    Raises:
        TypeError: ``name`` is none of those (the message names the type).
    """
    try:
        value = os.fspath(name)
    except TypeError:
        raise TypeError(f"a file name must be str, bytes or a path, not {type(name).__name__}") from None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "surrogateescape")
    display = _UNSHOWABLE.sub(_shown, value)
    if not _ESCAPED_BYTE.search(value):
        return DecodedName(display, _STRAY_SURROGATE.sub("", value), False)
    text = _ESCAPED_BYTE.sub(lambda m: _FALLBACK[m.group()], _STRAY_SURROGATE.sub("", value))
    return DecodedName(display, text, True)


def display_name(name: AnyName) -> str:
    """The printable form of ``name`` (see :func:`decode_name`)."""
    return decode_name(name).display
