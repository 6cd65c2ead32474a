"""The ``filedesc`` command line.

Each subcommand is a module of this package exposing ``register(subparsers)`` (adds its parser and sets
``func=run``) and ``run(args) -> int``. ``main`` finds them by listing the package, so adding a command is adding a
module; heavy imports stay inside each ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from filedesc import __version__
from filedesc.cli._logs import configure as configure_logging
from filedesc.errors import FiledescError

log = logging.getLogger("filedesc")

EXAMPLES = """examples:
  filedesc describe extract_window_events.sh
  filedesc describe --lang fr analyser_logs.py getUserInfo.ts README.md
  find . -type f | filedesc describe --stdin --json
  filedesc backends
  filedesc serve                       # Language Server over stdio, for editors
"""


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand module found in this package."""
    parser = argparse.ArgumentParser(
        prog="filedesc",
        description="Say what a file is for, from its name alone, in French or English.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"filedesc {__version__}")
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log more on stderr: -v info and other libraries' warnings (ONNX Runtime, torch...), -vv debug",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 an error the user can fix, 2 bad usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status = func(args)
    except FiledescError as exc:
        print(f"filedesc: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("filedesc: interrupted", file=sys.stderr)
        return 130
    return int(status or 0)
