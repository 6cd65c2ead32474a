"""A header in the other language is a draft model's draft in hovers, code lenses and the batch request.

The workspace is this repository's own ``src/filedesc`` (read, never written): ``header.py``'s docstring is
English, so asked in French a draft-format model is handed its first sentence; asked in English it is not (the
header is shown as it is), and a model without the draft slot is never handed one.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from filedesc.header import describe_from_file
from tests.server.lsp_client import describe, hover_text, lsp_session, open_document

SRC = Path(__file__).resolve().parents[2] / "src" / "filedesc"
SENTENCE = "Content-aware descriptions: what a file says about itself in its first lines."


def same(text: str) -> str:
    """Undo the French typography the post-processing adds (``Fr``, ``draft :``, a final period) to compare echoes."""
    return re.sub(r"\s+([:;!?])", r"\1", text).lower().rstrip(".")


def test_the_repository_file_has_the_english_header_the_tests_expect() -> None:
    found = describe_from_file("header.py", None, [SRC])
    assert found is not None and found[1] == SENTENCE


async def test_a_draft_model_gets_the_english_header_when_asked_in_french(tmp_path: Path) -> None:
    init = {"backend": "draftecho", "language": "fr", "codeLens": {"references": True}}
    async with lsp_session(SRC, tmp_path / "cache", init=init, test_backends=True) as lsp:
        items = await describe(lsp, ["header.py", "no_such_file.py"], "fr")
        assert same(items[0]["description"]) == same(f"fr draft for header.py: {SENTENCE}")
        assert same(items[1]["description"]) == "fr no draft for no_such_file.py"
        english = await describe(lsp, ["header.py"], "en")  # the header is already in the asked language
        assert same(english[0]["description"]) == "en no draft for header.py"
        params = types.ExecuteCommandParams(command="filedesc.regenerate", arguments=["header.py", "fr"])
        again = await lsp.workspace_execute_command_async(params)  # regenerated from the same header
        assert again is not None and not again["cached"]
        assert same(again["description"]) == same(f"fr draft for header.py: {SENTENCE}")

        uri = open_document(lsp, SRC / "notes.md", "See header.py and tree.py.\n", "markdown")
        value = same(await hover_text(lsp, uri, 0, 6) or "")
        assert same(f"fr draft for header.py: {SENTENCE}") in value
        assert value.index("(from header.py)") < value.index("fr draft for header.py")

        own = open_document(lsp, SRC / "header.py", (SRC / "header.py").read_text(encoding="utf-8"), "python")
        lenses = await lsp.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=own))
        )
        assert lenses
        resolved = await lsp.code_lens_resolve_async(lenses[0])
        assert resolved.command is not None
        assert same(resolved.command.title) == same(f"fr draft for header.py: {SENTENCE}")
        lenses = await lsp.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert lenses
        refs = await lsp.code_lens_resolve_async(lenses[-1])
        assert refs.command is not None
        assert same(f"header.py: fr draft for header.py: {SENTENCE}") in same(refs.command.title)


async def test_a_model_without_the_draft_slot_is_never_handed_a_draft(tmp_path: Path) -> None:
    async with lsp_session(SRC, tmp_path / "cache", init={"backend": "draftecho-off"}, test_backends=True) as lsp:
        items = await describe(lsp, ["header.py"], "fr")
        assert same(items[0]["description"]) == "fr no draft for header.py"
        uri = open_document(lsp, SRC / "notes.md", "See header.py.\n", "markdown")
        value = same(await hover_text(lsp, uri, 0, 6) or "")
        assert "en no draft for header.py" in value  # the server's language: the test locale's English
