"""``python -m filedesc.server`` (and ``filedesc serve``): start the Language Server.

Usage::

    filedesc serve                          # stdio, what editors use
    filedesc serve --tcp 127.0.0.1:2087     # TCP, for debugging
    filedesc serve --log-file /tmp/filedesc.log -v
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from filedesc import __version__

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The server's options, shared by ``filedesc serve`` and ``python -m filedesc.server``."""
    parser.add_argument("--tcp", metavar="HOST:PORT", default=None, help="listen on TCP instead of stdio")
    parser.add_argument(
        "--stdio", action="store_true", help="talk over stdin/stdout (the default; accepted since clients pass it)"
    )
    parser.add_argument("--log-file", type=Path, default=None, help="write the log there instead of stderr")
    parser.add_argument(
        "-v", "--verbose", dest="server_verbose", action="count", default=0, help="log more (-vv for debug)"
    )


def parse_tcp(value: str) -> tuple[str, int]:
    """Split ``HOST:PORT`` (``[::1]:2087`` for IPv6).

    Raises:
        ValueError: The value is not HOST:PORT with a port between 1 and 65535.
    """
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--tcp {value!r}: expected HOST:PORT, for example 127.0.0.1:2087")
    return host.strip("[]"), int(port)


def configure_logging(verbosity: int, log_file: Path | None) -> None:
    """Log to ``log_file`` or stderr, never stdout (stdout carries the protocol)."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("pygls").setLevel(max(level, logging.INFO) if verbosity < 2 else logging.DEBUG)


def run(args: Any) -> int:
    """Start the server with parsed options; returns when the client disconnects."""
    tcp = parse_tcp(args.tcp) if args.tcp else None
    configure_logging(max(getattr(args, "verbose", 0), args.server_verbose), args.log_file)
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() anywhere must not corrupt the protocol stream
    from filedesc.server.server import server

    logging.getLogger(__name__).info("filedesc %s language server starting", __version__)
    try:
        if tcp:
            server.start_tcp(*tcp)
        else:
            server.start_io(sys.stdin.buffer, protocol_out)
    except SystemExit:
        pass  # pygls ends the loop with sys.exit() on "exit": the status is decided below
    finally:
        server.engine.shutdown()
    status = 0 if server.shutdown_requested else 1  # LSP: "exit" without "shutdown" (or a lost client) is 1
    if server.engine.busy:
        # A hung backend call cannot be interrupted, and Python would wait for its thread at exit, keeping a
        # server alive after its client left: leave now.
        logging.getLogger(__name__).warning("leaving with backend work still running")
        logging.shutdown()
        os._exit(status)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the server."""
    parser = argparse.ArgumentParser(prog="filedesc-server", description="The filedesc Language Server.")
    parser.add_argument("--version", action="version", version=f"filedesc {__version__}")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ValueError as exc:
        parser.error(str(exc))
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
