"""Logging for the command line: filedesc's own messages on stderr, other libraries' only when asked (``-v``).

ONNX Runtime's quantizer ("Please consider to run pre-processing before quantization", opset and IR upgrade
notices, through the root logger), bitsandbytes, transformers and Python warnings all speak while ``filedesc
export``, ``train`` and ``adapt`` run. That is advice to library developers, not to someone exporting a model, so
the terminal keeps filedesc's progress and report, and every other library is one step quieter than filedesc:

=========  ==================  ========================
 flag       filedesc shows      other libraries show
=========  ==================  ========================
 (none)     warnings, errors    errors
 ``-v``     info                warnings
 ``-vv``    debug               info
 ``-vvv``   debug               debug
=========  ==================  ========================

A library's record is labelled with its package (``[onnxruntime]``), so nobody takes it for filedesc's.
"""

from __future__ import annotations

import logging
import os
import re
import sys

OWN = "filedesc"
"""The logger (and its children) whose records are filedesc's own."""

_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG, logging.DEBUG)
_OTHER_LEVELS = (logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG)
_PACKAGE = re.compile(r"[\\/](?:site|dist)-packages[\\/]([A-Za-z_][\w]*)")


def own_record(record: logging.LogRecord) -> bool:
    """Whether ``record`` comes from filedesc's loggers."""
    return record.name == OWN or record.name.startswith(OWN + ".")


def source_label(record: logging.LogRecord) -> str:
    """The library a record comes from: its logger's top package, or for the root logger the file's package."""
    if record.name not in ("root", "py.warnings"):
        return record.name.split(".", 1)[0]
    where = record.getMessage() if record.name == "py.warnings" else record.pathname  # "/.../torch/x.py:3: ..."
    found = _PACKAGE.search(where or "")
    return found.group(1) if found else ("warnings" if record.name == "py.warnings" else record.module)


class OriginFilter(logging.Filter):
    """Lets filedesc's records through from ``own_level`` and the others' from ``other_level``."""

    def __init__(self, own_level: int, other_level: int) -> None:
        super().__init__()
        self.own_level = own_level
        self.other_level = other_level

    def filter(self, record: logging.LogRecord) -> bool:
        """True when the record is loud enough for its origin."""
        return record.levelno >= (self.own_level if own_record(record) else self.other_level)


class OriginFormatter(logging.Formatter):
    """``filedesc: LEVEL: message``, with ``[library]`` before the message of another library's record."""

    def __init__(self) -> None:
        super().__init__("filedesc: %(levelname)s: %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        """Prefix the message of a record that is not filedesc's with its library."""
        text = super().formatMessage(record)
        if own_record(record):
            return text
        head = f"filedesc: {record.levelname}: "
        message = text[len(head) :].strip()
        if record.name == "py.warnings":
            message = message.splitlines()[0]  # "FILE:LINE: Category: text", without the quoted source line
        return f"{head}[{source_label(record)}] {message}"


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record comes (a test's capture, a redirected stream)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> object:
        """The current ``sys.stderr``."""
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        del value  # logging.StreamHandler sets it once; the property always answers sys.stderr


def configure(verbosity: int) -> None:
    """Send log records to stderr, filtered by origin and ``verbosity`` (the number of ``-v``).

    Other handlers on the root logger (a host program's, pytest's) are left in place; a handler from an earlier
    call is replaced, so calling ``main`` twice does not print twice.
    """
    index = max(0, min(verbosity, len(_LEVELS) - 1))
    own_level, other_level = _LEVELS[index], _OTHER_LEVELS[index]
    handler = StderrHandler()
    handler.setFormatter(OriginFormatter())
    handler.addFilter(OriginFilter(own_level, other_level))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(min(own_level, other_level))
    logging.captureWarnings(True)  # warnings.warn() from any library becomes a py.warnings record
    # transformers logs through its own stderr handler, not the root logger: give it the same threshold.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", logging.getLevelName(other_level).lower())
