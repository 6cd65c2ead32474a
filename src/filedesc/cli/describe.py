"""``filedesc describe``: one line per name, or JSON lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from filedesc.prompt import LANGUAGES


def register(subparsers: Any) -> None:
    """Add the ``describe`` subcommand."""
    parser = subparsers.add_parser(
        "describe",
        help="describe file names",
        description="Print one sentence per file name saying what the file is for. Only the name is used: "
        "nothing is read from disk. With several names each line is NAME<TAB>DESCRIPTION. Names are read as "
        "UTF-8, and bytes that are not UTF-8 as Windows-1252 (Latin-1); NAME shows such bytes as \\xNN.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="file names or paths")
    parser.add_argument(
        "--lang",
        choices=[*LANGUAGES, "auto"],
        default=None,
        help="description language (default: $FILEDESC_LANG, else your locale: fr_* gives fr, else en)",
    )
    parser.add_argument(
        "--backend",
        default=None,
        help="backend to use (default: $FILEDESC_BACKEND, else the best available; see `filedesc backends`)",
    )
    parser.add_argument("--model", type=Path, default=None, help="model folder to load instead of the shipped one")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--stdin", action="store_true", help="also read names from standard input, one per line")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the description cache")
    parser.set_defaults(func=run)


def read_stdin_names() -> list[bytes]:
    """Read names, one per line, from stdin as bytes: the describer decodes them (UTF-8, else Windows-1252)."""
    return [line.strip() for line in sys.stdin.buffer.read().splitlines() if line.strip()]


def run(args: argparse.Namespace) -> int:
    """Describe the names and print them; names that cannot be described are reported on stderr."""
    from filedesc.filenames import display_name
    from filedesc.service import Describer

    names: list[str | bytes] = list(args.names)  # argv: str, undecodable bytes surrogate-escaped
    if args.stdin:
        names.extend(read_stdin_names())
    if not names:
        print("filedesc: error: no file name given: pass names as arguments or use --stdin", file=sys.stderr)
        return 2
    describer = Describer(args.backend, model_path=args.model, cache=not args.no_cache)
    valid: list[str | bytes] = []
    for name in names:
        if describer.normalize(name):
            valid.append(name)
        else:
            shown = display_name(name)
            print(f"filedesc: error: '{shown}' has no file name left after cleaning: skipped", file=sys.stderr)
    results = describer.describe(valid, args.lang) if valid else []
    out = sys.stdout
    for item in results:
        if args.json:
            out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        elif len(names) == 1:
            out.write(item.description + "\n")
        else:
            out.write(f"{item.name}\t{item.description}\n")
    out.flush()
    return 0 if len(valid) == len(names) else 1
