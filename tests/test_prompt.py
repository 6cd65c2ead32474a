from __future__ import annotations

import unicodedata

import pytest

from filedesc.prompt import MAX_NAME_CHARS, base_name, build_prompt, normalize_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("extract_window_events.sh", "extract_window_events.sh"),
        ("scripts/analyser_logs.py", "analyser_logs.py"),
        ("./src/utils/date-helpers.ts", "date-helpers.ts"),
        ("C:\\tools\\run.bat", "run.bat"),
        ("src/pkg/", "pkg"),
        ("https://example.org/a/b/config.yml?ref=main#L3", "config.yml"),
        ("  spaced   name.txt  ", "spaced name.txt"),
        ("bad\x00name\x07.py", "badname.py"),
        ("evil\u202egnp.exe", "evilgnp.exe"),
        ("..", ""),
        ("", ""),
        ("/", ""),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


def test_base_name_keeps_dotfiles() -> None:
    assert base_name("repo/.github/workflows/ci.yml") == "ci.yml"
    assert base_name(".gitignore") == ".gitignore"


def test_normalize_composes_accents() -> None:
    decomposed = unicodedata.normalize("NFD", "résumé_données.py")
    assert decomposed != "résumé_données.py"
    assert normalize_name(decomposed) == "résumé_données.py"


def test_long_names_are_cut_keeping_the_extension() -> None:
    name = "a" * 10_000 + ".py"
    out = normalize_name(name)
    assert len(out) == MAX_NAME_CHARS
    assert out.endswith(".py")
    assert len(normalize_name("b" * 5000)) == MAX_NAME_CHARS


def test_build_prompt() -> None:
    assert build_prompt("main.py", "fr") == "<fr> main.py"
    with pytest.raises(ValueError):
        build_prompt("main.py", "de")
