"""``filedesc tree [DIR]``: the directory tree with a description beside each file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from filedesc.prompt import LANGUAGES

PROGRESS_FROM = 200
"""Files from which a progress bar is shown on stderr (smaller trees finish before it would help)."""


def register(subparsers: Any) -> None:
    """Add the ``tree`` subcommand."""
    parser = subparsers.add_parser(
        "tree",
        help="print the project tree with each file's description",
        description="Print DIR (default: .) like `tree`, each file with one sentence saying what it is for. Files "
        "git ignores are left out (.gitignore is read outside a git repository). A file whose docstring, header "
        "comment or front matter describes it in the requested language is described by that; the others by the "
        "model, from their names.",
    )
    parser.add_argument("root", nargs="?", type=Path, default=Path("."), metavar="DIR", help="folder to show")
    parser.add_argument("--lang", choices=[*LANGUAGES, "auto"], default=None, help="description language")
    parser.add_argument("--depth", "-L", type=int, default=None, help="descend at most N levels")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="a JSON object with the list of entries")
    output.add_argument("--markdown", action="store_true", help="a README-ready Markdown table of the files")
    parser.add_argument("--backend", default=None, help="backend to use (see `filedesc backends`)")
    parser.add_argument("--model", type=Path, default=None, help="model folder (e.g. REPO/.filedesc/model)")
    parser.add_argument("--no-headers", action="store_true", help="describe every file from its name only")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the description cache")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Collect, describe and print the tree."""
    from filedesc.defaults import resolve_lang
    from filedesc.filenames import display_name
    from filedesc.service import Describer
    from filedesc.tree import describe_tree, list_tree, render_json, render_markdown, render_text

    root: Path = args.root
    if not root.is_dir():
        shown = display_name(str(root))
        print(f"filedesc: error: {shown} is not a folder: pass a directory, e.g. `filedesc tree .`", file=sys.stderr)
        return 2
    if args.depth is not None and args.depth < 1:
        print("filedesc: error: --depth must be at least 1", file=sys.stderr)
        return 2
    lang = resolve_lang(args.lang)
    describer = Describer(args.backend, model_path=args.model, cache=not args.no_cache)
    total = len(list_tree(root, args.depth)[1])
    bar = None
    if not args.no_progress and total >= PROGRESS_FROM:
        try:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="describing", unit="file", file=sys.stderr, leave=False)
        except ImportError:
            bar = None

    def progress(done: int, count: int) -> None:
        if bar is not None:
            bar.total = count
            bar.n = done
            bar.refresh()

    try:
        entries = describe_tree(
            root, lang, describer, depth=args.depth, use_headers=not args.no_headers, on_progress=progress
        )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        sys.stdout.write(render_json(entries, root, lang))
    elif args.markdown:
        sys.stdout.write(render_markdown(entries))
    else:
        sys.stdout.write(render_text(entries, display_name(str(root))))
    return 0
