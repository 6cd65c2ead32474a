"""``filedesc backends``: every registered backend, available or not, and why."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``backends`` subcommand."""
    parser = subparsers.add_parser(
        "backends",
        help="list the backends",
        description="List every backend the plugins registered, whether it can run here, and why not.",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the backend table (the default one is marked with *)."""
    from filedesc.defaults import requested_backend
    from filedesc.plugins.manager import BackendRegistry

    registry = BackendRegistry()
    default = requested_backend(None) or registry.default_name()
    rows = []
    for name in registry.names:
        spec = registry.spec(name)
        avail = registry.availability(name)
        rows.append(
            {
                "name": name,
                "available": avail.available,
                "reason": avail.reason,
                "default": name == default,
                "summary": spec.summary,
            }
        )
    if args.json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    width = max(len(r["name"]) for r in rows) if rows else 4  # type: ignore[arg-type]
    for row in rows:
        mark = "*" if row["default"] else " "
        state = "available" if row["available"] else f"unavailable: {row['reason']}"
        sys.stdout.write(f"{mark} {str(row['name']).ljust(width)}  {state}\n    {row['summary']}\n")
    return 0
