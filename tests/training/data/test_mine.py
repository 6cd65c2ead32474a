from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.lexicon import Lexicon
from filedesc.training.data.mine import _script_header, describe, first_sentence, restyle
from filedesc.training.data.spelling import SpellChecker

from .conftest import needs_dictionaries


def test_first_sentence_skips_titles() -> None:
    doc = "requests.api\n~~~~~~~~~~~~\n\nThis module implements the Requests API.\n\nMore text."
    assert first_sentence(doc) == "This module implements the Requests API"
    assert first_sentence("Parse the config files. Then more.") == "Parse the config files"


def test_restyle_shapes(lexicon: Lexicon) -> None:
    assert restyle("This module provides helpers for JSON", "Python module", lexicon) == (
        "Python module that provides helpers for JSON"
    )
    assert restyle("Module for loading user reports", "Python module", lexicon) == (
        "Python module for loading user reports"
    )
    assert restyle("Parses the log files of the server", "Python module", lexicon) == (
        "Python module that parses the log files of the server"
    )
    assert restyle("Utilities for working with tables", "Python module", lexicon) == (
        "Python module with utilities for working with tables"
    )
    assert restyle("Requests is an HTTP library", "Python module", lexicon) is None


@needs_dictionaries
def test_describe_filters_boilerplate_code_and_unsupported_names(lexicon: Lexicon) -> None:
    checker = SpellChecker()
    ok = describe("log_parser.py", "Parse the log files of the web server.", "Python module", "weblogs", lexicon,
                  checker)
    assert ok == "Python module that parses the log files of the web server."
    for text in ("Copyright 2020 ACME, licensed under the MIT License.",
                 "Parse the log files with parse_log(path) and friends.",
                 "Loads the image tables of the screen."):
        assert describe("log_parser.py", text, "Python module", "weblogs", lexicon, checker) is None


def test_script_header(tmp_path: Path) -> None:
    script = tmp_path / "rotate-logs"
    script.write_text("#!/bin/sh\n# rotate-logs - rotate and compress the old log files\n# Copyright 2001\nset -e\n")
    assert _script_header(script) == ("shell script", "sh", "rotate-logs - rotate and compress the old log files\n"
                                      "Copyright 2001")
    binary = tmp_path / "tool"
    binary.write_bytes(b"\x7fELF\x00\x00")
    assert _script_header(binary) is None


@pytest.mark.parametrize("name", ["__init__.py"])
def test_dunder_files_are_never_mined(name: str) -> None:
    assert name.startswith("__")
