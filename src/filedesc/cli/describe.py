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
        "nothing is read from disk. With several names each line is NAME<TAB>DESCRIPTION.",
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


def read_stdin_names() -> tuple[list[str], list[str]]:
    """Read names, one per line, from stdin as UTF-8. Returns (names, problems) — bad lines are reported, not fatal."""
    names: list[str] = []
    problems: list[str] = []
    for number, raw in enumerate(sys.stdin.buffer.read().splitlines(), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"stdin line {number} is not valid UTF-8 ({exc.reason}): skipped; re-encode it as UTF-8")
            continue
        if line.strip():
            names.append(line.strip())
    return names, problems


def run(args: argparse.Namespace) -> int:
    """Describe the names and print them; names that cannot be described are reported on stderr."""
    from filedesc.service import Describer

    names = list(args.names)
    problems: list[str] = []
    if args.stdin:
        more, problems = read_stdin_names()
        names.extend(more)
    for problem in problems:
        print(f"filedesc: error: {problem}", file=sys.stderr)
    if not names:
        if not problems:
            print("filedesc: error: no file name given: pass names as arguments or use --stdin", file=sys.stderr)
        return 1 if problems else 2
    describer = Describer(args.backend, model_path=args.model, cache=not args.no_cache)
    valid: list[str] = []
    for name in names:
        if describer.normalize(name):
            valid.append(name)
        else:
            print(f"filedesc: error: {name!r} has no file name left after cleaning: skipped", file=sys.stderr)
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
    return 0 if len(valid) == len(names) and not problems else 1
