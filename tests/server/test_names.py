"""Finding file names in text: the rule, and its false positives."""

from __future__ import annotations

import pytest

from filedesc.server.names import MAX_NAME_CHARS, find_names, is_file_name, name_at


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("bash extract_window_events.sh --fast", ["extract_window_events.sh"]),
        ("python scripts/analyser_logs.py.", ["scripts/analyser_logs.py"]),
        ("import x from './src/utils/date-helpers.ts';", ["./src/utils/date-helpers.ts"]),
        ("import x from './src/utils/date-helpers';", ["./src/utils/date-helpers"]),
        (r"C:\tools\run.bat /q", [r"C:\tools\run.bat"]),
        ("source ./lib/common.sh", ["./lib/common.sh"]),
        ("include ../config.mk", ["../config.mk"]),
        ("[guide](docs/guide.md) and [api](api.rst)", ["docs/guide.md", "api.rst"]),
        ("  script: scripts/deploy.sh", ["scripts/deploy.sh"]),
        ("build: src/main.c src/util.h", ["src/main.c", "src/util.h"]),
        ('open("data/input.csv")', ["data/input.csv"]),
        ("#include <stdio.h>", ["stdio.h"]),
        ("See the Makefile and Dockerfile, README too.", ["Makefile", "Dockerfile", "README"]),
        ("see .gitignore and archive.tar.gz", [".gitignore", "archive.tar.gz"]),
        ("https://example.com/docs/install.sh", ["/docs/install.sh"]),
        ("analyser_événements.py", ["analyser_événements.py"]),
        ("notes.org", ["notes.org"]),
    ],
)
def test_finds_file_names(line: str, expected: list[str]) -> None:
    assert [match.text for match in find_names(line)] == expected


@pytest.mark.parametrize(
    "line",
    [
        "file.close()",
        "os.path.join(a, b)",
        "e.g. this, i.e. that, etc.",
        "version 1.2.3 and v2.0 and 3.11",
        "self.name = x; this.config.json = y",
        "console.log('x'); math.log(2)",
        "visit www.example.com, docs.python.org or mail me@example.org",
        "https://example.com",
        "from filedesc.server import names",
        "and/or input/output",
        "process.env.HOME",
        "src/utils/",
        "</div>",
        "the readme and the license in prose",
        "",
    ],
)
def test_ignores_ordinary_words(line: str) -> None:
    assert find_names(line) == []


def test_name_at_cursor_including_the_end_of_the_word() -> None:
    line = "run deploy.sh now"
    assert name_at(line, 3) is None
    assert name_at(line, 4) is not None
    match = name_at(line, 13)
    assert match is not None and (match.start, match.end, match.base) == (4, 13, "deploy.sh")
    assert name_at(line, 15) is None


def test_url_host_is_never_a_name() -> None:
    line = "https://files.example.com/pub/setup.sh"
    assert name_at(line, 12) is None
    match = name_at(line, 33)
    assert match is not None and match.base == "setup.sh"


def test_overlong_runs_are_not_names() -> None:
    assert not is_file_name("a" * MAX_NAME_CHARS + ".py")
    assert find_names("x" * 100_000 + ".py") == []
