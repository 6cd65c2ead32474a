"""``filedesc serve``: the Language Server for editors (stdio by default)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``serve`` subcommand."""
    from filedesc.server.__main__ import add_arguments

    parser = subparsers.add_parser(
        "serve",
        help="run the Language Server (for editors)",
        description="Run the filedesc Language Server over stdio (or TCP): hovers on file names, code lenses, "
        "and the filedesc/describe batch request. Logs go to stderr or --log-file, never stdout.",
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the server; returns when the client disconnects."""
    from filedesc.server.__main__ import run as run_server

    try:
        return run_server(args)
    except ValueError as exc:
        print(f"filedesc: error: {exc}", file=sys.stderr)
        return 2
