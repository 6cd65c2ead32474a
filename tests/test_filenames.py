"""File names in any encoding: decoding, the printable name, and every entry point on real byte names on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import filedesc
from filedesc.cli import main
from filedesc.filenames import FALLBACK_ENCODING, decode_name, display_name
from filedesc.server.batch import describe_batch
from filedesc.service import Describer
from filedesc.tree import describe_tree
from tests.conftest import EchoPlugin

LATIN1 = b"caf\xe9_menu.py"
"""``café_menu.py`` saved by a Latin-1 system: not valid UTF-8."""
SHOWN = "caf\\xe9_menu.py"
TEXT = "café_menu.py"


def test_utf8_bytes_and_plain_names_are_unchanged() -> None:
    assert decode_name("café_menu.py") == decode_name("café_menu.py".encode()) == (decode_name(Path("café_menu.py")))
    plain = decode_name("src/extract_window_events.sh")
    assert plain.display == plain.text == "src/extract_window_events.sh" and not plain.fallback


@pytest.mark.parametrize(
    "given_name",
    [
        LATIN1,
        os.fsdecode(LATIN1),
        Path(os.fsdecode(LATIN1)),
        Path(os.fsdecode(LATIN1)).as_posix().encode("utf-8", "surrogateescape"),
    ],
    ids=["bytes", "surrogateescape-str", "path", "fsencoded"],
)
def test_latin1_names_are_described_as_latin1_and_shown_with_escapes(given_name: object) -> None:
    decoded = decode_name(given_name)  # type: ignore[arg-type]
    assert decoded.text == TEXT and decoded.display == SHOWN and decoded.fallback


def test_windows_1252_and_its_holes() -> None:
    assert decode_name(b"\x93quoted\x94_r\xe9sum\xe9.txt").text == "\u201cquoted\u201d_résumé.txt"
    assert FALLBACK_ENCODING == "cp1252"
    hole = decode_name(b"a\x81b.txt")  # no Windows-1252 character: read as Latin-1 (a C1 control)
    assert hole.text == "a\x81b.txt" and hole.display == "a\\x81b.txt"


def test_a_name_mixing_utf8_and_latin1_keeps_both() -> None:
    decoded = decode_name("été_".encode() + b"caf\xe9.md")
    assert decoded.text == "été_café.md" and decoded.display == "été_caf\\xe9.md"


def test_controls_and_stray_surrogates_are_escaped_for_display_only() -> None:
    decoded = decode_name("a\tb\x1b[31m\u202egnp.sh\ud800")
    assert decoded.display == "a\\tb\\x1b[31m\\u202egnp.sh\\ud800"
    assert decoded.text == "a\tb\x1b[31m\u202egnp.sh" and not decoded.fallback


def test_anything_else_is_a_type_error_naming_the_type() -> None:
    with pytest.raises(TypeError, match="not int"):
        decode_name(3)  # type: ignore[arg-type]


@given(st.binary(max_size=60))
def test_any_bytes_give_a_writable_text_and_a_printable_display(raw: bytes) -> None:
    decoded = decode_name(raw)
    decoded.text.encode("utf-8")  # no lone surrogate is left to fail sqlite or stdout
    hidden = {"Cc", "Cs", "Zl", "Zp"}
    assert not any(unicodedata.category(c) in hidden or 0x202A <= ord(c) <= 0x202E for c in decoded.display)
    assert decode_name(os.fsdecode(raw)) == decoded
    if raw.isascii() and raw.decode().isprintable():
        assert decoded.display == decoded.text == raw.decode()


# Real byte names on disk, through every entry point.


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    (root / os.fsdecode(b"r\xe9pertoire")).mkdir(parents=True)
    (root / os.fsdecode(LATIN1)).write_bytes(b"x = 1\n")
    (root / os.fsdecode(b"r\xe9pertoire/liste_\xe9l\xe8ves.csv")).write_bytes(b"a,b\n")
    (root / "plain_report.sh").write_bytes(b"echo\n")
    assert LATIN1 in os.listdir(os.fsencode(root))
    return root


def _cli(args: list[str | bytes], stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "LANG": "C.UTF-8", "FILEDESC_NO_CACHE": "1"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "filedesc", *args], input=stdin, capture_output=True, timeout=120, env=env, cwd=cwd
    )


def test_cli_argument_with_a_latin1_name(folder: Path) -> None:
    [raw] = [n for n in os.listdir(os.fsencode(folder)) if n == LATIN1]
    done = _cli(["describe", "--backend", "rules", "--lang", "en", "--json", raw])
    assert done.returncode == 0, done.stderr
    item = json.loads(done.stdout)
    assert item["name"] == SHOWN and item["normalized"] == TEXT and item["description"], item


def test_cli_stdin_with_latin1_and_utf8_lines(folder: Path) -> None:
    names = sorted(os.listdir(os.fsencode(folder)))
    done = _cli(["describe", "--stdin", "--json", "--backend", "rules", "--lang", "fr"], b"\n".join(names) + b"\n")
    assert done.returncode == 0, done.stderr
    seen = {item["name"]: item["normalized"] for item in map(json.loads, done.stdout.splitlines())}
    assert seen == {SHOWN: TEXT, "plain_report.sh": "plain_report.sh", "r\\xe9pertoire": "répertoire"}
    assert done.stderr == b""


def test_cli_tree_shows_escaped_names_and_describes_decoded_ones(
    folder: Path, echo_plugin: EchoPlugin, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tree", str(folder), "--backend", "echo", "--lang", "en", "--no-headers", "--no-cache"]) == 0
    text = capsys.readouterr().out
    assert "r\\xe9pertoire/" in text and "liste_\\xe9l\\xe8ves.csv" in text
    assert f"{SHOWN}  " in text and "En description of café_menu.py." in text
    assert "En description of liste_élèves.csv." in text
    assert main(["tree", str(folder), "--backend", "echo", "--lang", "en", "--json", "--no-cache"]) == 0
    paths = {item["path"]: item for item in json.loads(capsys.readouterr().out)["items"]}
    assert paths["r\\xe9pertoire/liste_\\xe9l\\xe8ves.csv"]["name"] == "liste_\\xe9l\\xe8ves.csv"


def test_tree_api_on_a_git_listed_folder(folder: Path, echo_plugin: EchoPlugin) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)
    entries = {e.path: e for e in describe_tree(folder, "en", Describer("echo", cache=False), use_headers=False)}
    assert entries[SHOWN].description == "En description of café_menu.py."


def test_python_api_takes_bytes_paths_and_listdir_names(folder: Path, echo_plugin: EchoPlugin) -> None:
    assert filedesc.describe(LATIN1, lang="en", backend="echo") == "En description of café_menu.py."
    assert filedesc.describe(folder / os.fsdecode(LATIN1), lang="en", backend="echo").endswith("café_menu.py.")
    described = Describer("echo", cache=False).describe(sorted(os.listdir(folder)), "en")
    assert [d.name for d in described] == ["caf\\xe9_menu.py", "plain_report.sh", "r\\xe9pertoire"]
    assert described[0].normalized == TEXT
    assert Describer("echo", cache=False).normalize(os.fsencode(folder / os.fsdecode(LATIN1))) == TEXT


def test_describer_caches_a_byte_name_under_its_decoded_text() -> None:
    describer = Describer("rules")
    first = describer.describe([LATIN1], "en")[0]
    again = describer.describe([TEXT], "en")[0]
    assert not first.cached and again.cached and again.description == first.description


def test_server_batch_echoes_names_and_describes_surrogate_escaped_ones(echo_plugin: EchoPlugin) -> None:
    describer = Describer("echo", cache=False)
    sent = [os.fsdecode(LATIN1), "plain_report.sh"]
    items = describe_batch(
        sent, describer.normalize, lambda names, c, p: describer.describe(names, "en"), lambda: False, lambda d, t: None
    )
    assert [item["name"] for item in items] == sent  # explorers find their item by the name they sent
    assert items[0]["description"] == "En description of café_menu.py."
    json.dumps(items).encode("utf-8")  # pygls writes ASCII JSON: the halves travel as \\udce9 escapes


def test_display_name_of_a_path_object() -> None:
    assert display_name(Path(os.fsdecode(b"dir/\xff.txt"))) == "dir/\\xff.txt"


async def test_real_server_batch_with_a_surrogate_escaped_name(tmp_path: Path) -> None:
    from tests.server.lsp_client import describe, lsp_session

    async with lsp_session(tmp_path, tmp_path / "cache", init={"backend": "flaky"}, test_backends=True) as lsp:
        items = await describe(lsp, [os.fsdecode(LATIN1), "b\udcff\ud800.sh"], "en")
    assert [item["name"] for item in items] == [os.fsdecode(LATIN1), "b\udcff\ud800.sh"]
    assert [item["description"] for item in items] == [
        "Flaky en description of café_menu.py.",
        "Flaky en description of bÿ.sh.",
    ]


def test_a_latin1_header_is_read_as_latin1(tmp_path: Path) -> None:
    from filedesc.header import header_description, read_head

    path = tmp_path / os.fsdecode(LATIN1)
    path.write_bytes(b'"""Affiche le menu du caf\xe9 et ses pr\xe9parations."""\n')
    assert header_description(read_head(path)) == "Affiche le menu du café et ses préparations."
    [entry] = describe_tree(tmp_path, "fr", Describer("rules", cache=False))
    assert entry.name == SHOWN and entry.source == "header" and "café" in (entry.description or "")
