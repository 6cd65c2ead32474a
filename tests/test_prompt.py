from __future__ import annotations

import unicodedata

import pytest

from filedesc.prompt import MAX_NAME_CHARS, base_name, build_prompt, normalize_name, words_view


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
    assert build_prompt("getUserInfo.ts", "en", "words") == "<en> get User Info . ts"
    with pytest.raises(ValueError):
        build_prompt("main.py", "de")
    with pytest.raises(ValueError, match="prompt format"):
        build_prompt("main.py", "fr", "letters")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("send_welcome_email.py", "send _ welcome _ email . py"),
        ("getUserInfo.ts", "get User Info . ts"),
        ("HTTPResponse2.java", "HTTP Response 2 . java"),
        ("docker-compose.yml", "docker - compose . yml"),
        ("20220111_conversionEmailsEnMinuscules.js", "20220111 _ conversion Emails En Minuscules . js"),
        ("Écrire_Données.R", "Écrire _ Données . R"),
        (".gitignore", ". gitignore"),
        ("README", "README"),
    ],
)
def test_words_view_splits_every_naming_style(name: str, words: str) -> None:
    assert words_view(name) == words
