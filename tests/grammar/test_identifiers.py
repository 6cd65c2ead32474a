"""Identifier splitting for every naming style, extensions (compound ones too) and style detection."""

from __future__ import annotations

import pytest

from filedesc.identifiers import detect_style, split_extension, split_name, split_words

KNOWN = {"sh", "py", "ts", "js", "yml", "gz", "tar.gz", "d.ts", "min.js", "spec.ts", "sql"}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("extract_window_events.sh", ("extract", "window", "events")),
        ("extractWindowEvents.sh", ("extract", "window", "events")),
        ("ExtractWindowEvents.sh", ("extract", "window", "events")),
        ("extract-window-events.sh", ("extract", "window", "events")),
        ("EXTRACT_WINDOW_EVENTS.sh", ("extract", "window", "events")),
        ("extract.window.events.sh", ("extract", "window", "events")),
        ("parseHTTPResponse2.py", ("parse", "http", "response", "2")),
        ("XMLHttpRequest.js", ("xml", "http", "request")),
        ("getUserInfo.ts", ("get", "user", "info")),
        ("user_v2.py", ("user", "v2")),
        ("userV2.ts", ("user", "v2")),
        ("0001_initial.py", ("0001", "initial")),
        ("20220111092352_conversionEmailsEnMinuscules.js",
         ("20220111092352", "conversion", "emails", "en", "minuscules")),
        ("V2__add_users.sql", ("v2", "add", "users")),
        ("docker-compose.yml", ("docker", "compose")),
        ("app.module.ts", ("app", "module")),
        ("évènementsÉcran.py", ("évènements", "écran")),
    ],
)
def test_words(name: str, words: tuple[str, ...]) -> None:
    assert split_name(name, KNOWN).words == words


def test_token_kinds_and_attachment() -> None:
    tokens = split_words("parseHTTPResponse2")
    assert [t.kind for t in tokens] == ["word", "word", "word", "number"]
    assert [t.attached for t in tokens] == [False, True, True, True]
    assert [t.kind for t in split_words("user_v2")] == ["word", "version"]
    assert [t.kind for t in split_words("V2__add_users")] == ["version", "word", "word"]
    assert split_words("0001_initial")[0].kind == "number"


@pytest.mark.parametrize(
    ("stem", "pieces"),
    [
        ("lib-1.2.3", [("lib", "word"), ("1.2.3", "version")]),
        ("pg_stat_statements--1.4", [("pg", "word"), ("stat", "word"), ("statements", "word"), ("1.4", "version")]),
        ("seaborn-v0_8-colorblind", [("seaborn", "word"), ("v0_8", "version"), ("colorblind", "word")]),
        ("neovim_v0.10.0", [("neovim", "word"), ("v0.10.0", "version")]),
        # digits without a dot stay numbers; a version glued to a word is no version
        ("2019_01_report", [("2019", "number"), ("01", "number"), ("report", "word")]),
        ("app2.1", [("app", "word"), ("2", "number"), ("1", "number")]),
    ],
)
def test_dotted_versions_are_one_token(stem: str, pieces: list[tuple[str, str]]) -> None:
    assert [(t.text, t.kind) for t in split_words(stem)] == pieces


@pytest.mark.parametrize(
    ("name", "stem", "ext", "hidden"),
    [
        ("jquery.min.js", "jquery", "min.js", False),
        ("types.d.ts", "types", "d.ts", False),
        ("archive.tar.gz", "archive", "tar.gz", False),
        ("user.spec.ts", "user", "spec.ts", False),
        ("app.module.ts", "app.module", "ts", False),
        ("docker-compose.yml", "docker-compose", "yml", False),
        (".gitignore", "gitignore", "", True),
        (".env.example", "env", "example", True),
        ("Makefile", "Makefile", "", False),
        ("notes.2", "notes.2", "", False),
        ("src/lib/getUserInfo.ts", "getUserInfo", "ts", False),
    ],
)
def test_extensions(name: str, stem: str, ext: str, hidden: bool) -> None:
    assert split_extension(name, KNOWN) == (stem, ext, hidden)


def test_compound_extensions_without_lexicon() -> None:
    assert split_extension("backup.tar.gz") == ("backup", "tar.gz", False)
    assert split_extension("user.spec.ts") == ("user.spec", "ts", False)


@pytest.mark.parametrize(
    ("stem", "style"),
    [
        ("user_info", "snake"),
        ("USER_INFO", "upper_snake"),
        ("user-info", "kebab"),
        ("app.module", "dotted"),
        ("userInfo", "camel"),
        ("UserInfo", "pascal"),
        ("userinfo", "lower"),
        ("README", "upper"),
        ("user_info-v2", "mixed"),
        ("conversion_emailsEn", "mixed"),
        ("0001", "none"),
    ],
)
def test_detect_style(stem: str, style: str) -> None:
    assert detect_style(stem) == style


def test_split_name_fields() -> None:
    split = split_name("extract_window_events.sh", KNOWN)
    assert (split.name, split.stem, split.ext, split.hidden, split.style) == (
        "extract_window_events.sh", "extract_window_events", "sh", False, "snake")
