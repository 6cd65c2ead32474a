"""Header sentences are plain words: reStructuredText, Markdown and JSDoc markup stripped, for tree and hovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from filedesc.header import first_sentence, header_description, plain_text
from filedesc.server.features import hover_markdown
from filedesc.service import Describer, Description
from filedesc.tree import describe_tree

SRC = Path(__file__).resolve().parents[1] / "src" / "filedesc"


@pytest.mark.parametrize(
    ("marked", "plain"),
    [
        ("``filedesc tree``: the tree", "filedesc tree: the tree"),
        ("Renders a :class:`~filedesc.grammar.meaning.Meaning` here", "Renders a Meaning here"),
        ("Calls :py:func:`load` and :meth:`!Cache.get`", "Calls load and Cache.get"),
        ("See :ref:`the setup guide <setup>` and :envvar:`FILEDESC_LANG`", "See the setup guide and FILEDESC_LANG"),
        ("Read `the docs <https://example.org/a.html>`_ and `Usage`_ first", "Read the docs and Usage first"),
        ("Use `npm run build` then *really* **test**", "Use npm run build then really test"),
        ('A [guide](https://x.org/g.md "Guide"), ![logo](logo.png) and [API][api]', "A guide, logo and API"),
        (
            "Mail <mailto:me@example.org> or see <https://example.org>",
            "Mail mailto:me@example.org or see https://example.org",
        ),
        ("Wraps {@link Client} and {@link Pool|the pool}", "Wraps Client and the pool"),
        ("The <code>main</code> entry, <b>bold</b>", "The main entry, bold"),
    ],
)
def test_markup_is_stripped_and_the_words_kept(marked: str, plain: str) -> None:
    assert plain_text(marked) == plain


@pytest.mark.parametrize(
    "text",
    [
        "Handles __init__.py, _private names and snake_case_words.",
        "Takes *args and **kwargs like any wrapper.",
        "Globs *.py and *.sh files; 2 * 3 * 4 is arithmetic.",
        "Compares a < b and b > c, then x|y.",
        "C:\\Users\\me\\run.ps1 stays a path.",
    ],
)
def test_text_that_only_looks_like_markup_is_left_alone(text: str) -> None:
    assert plain_text(text) == text


def test_a_sentence_opening_with_a_literal_keeps_its_case() -> None:
    assert first_sentence("``npm`` scripts that build the site. More.") == "npm scripts that build the site."
    assert first_sentence("*Fast* loader for the *user* table.") == "Fast loader for the user table."
    assert first_sentence("the ``users`` table loader, in one module") == "The users table loader, in one module."


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("cli/adapt.py", ["filedesc adapt REPO: mine a repository's own descriptions"]),
        ("grammar/render.py", ["a Meaning as"]),
        ("__main__.py", ["python -m filedesc", "the filedesc command"]),
    ],
)
def test_real_docstrings_of_this_repository(relative: str, words: list[str]) -> None:
    text = (SRC / relative).read_text(encoding="utf-8")
    found = header_description(text)
    assert found is not None and "`" not in found and ":class:" not in found and "~" not in found, found
    assert all(w in found for w in words), found


def test_markdown_front_matter_and_jsdoc_headers() -> None:
    markdown = '---\ndescription: "How to run **filedesc** with [Neovim](https://neovim.io)."\n---\n'
    assert header_description(markdown) == "How to run filedesc with Neovim."
    jsdoc = "/**\n * @file Talks to the {@link LanguageClient} for the `explorer` view.\n */\n"
    assert header_description(jsdoc) == "Talks to the LanguageClient for the explorer view."


def test_tree_and_hover_show_plain_sentences(tmp_path: Path) -> None:
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "deploy_site.py").write_text(
        '"""``deploy-site``: push the built pages to the :class:`~web.Server` over SSH."""\n', encoding="utf-8"
    )
    [_, entry] = describe_tree(tmp_path, "en", Describer("rules", cache=False))
    assert entry.source == "header"
    assert entry.description == "deploy-site: push the built pages to the Server over SSH."
    item = Description("deploy_site.py", "Python module that deploys the site.", "en", "rules", False, "deploy_site.py")
    own = (tmp_path / "cli" / "deploy_site.py", entry.description)
    hover = hover_markdown("cli/deploy_site.py", item, own)
    assert "``" not in hover and ":class:" not in hover
