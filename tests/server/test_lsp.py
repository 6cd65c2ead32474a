"""End-to-end: the real server over stdio (``python -m filedesc serve``) with the real ``rules`` backend."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcRequestCancelled

from filedesc.plugins.ship import shipped_default
from tests.server.lsp_client import (
    change_settings,
    describe,
    hover_text,
    lsp_session,
    open_document,
    raw_request,
    request,
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "scripts").mkdir(parents=True)
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "server-cache"


DOCUMENTS = [
    ("main.py", "python", 'import os\nsubprocess.run(["bash", "extract_window_events.sh"])\nfile.close()\n'),
    ("run.sh", "shellscript", "#!/bin/sh\nsource ./lib/common.sh\n./extract_window_events.sh --all\n"),
    ("README.md", "markdown", "# Tools\nSee [the extractor](scripts/extract_window_events.sh), e.g. now.\n"),
    ("ci.yml", "yaml", "steps:\n  - run: bash scripts/extract_window_events.sh\n  version: 1.2.3\n"),
    ("notes.txt", "plaintext", "Run extract_window_events.sh then read https://example.com/docs/guide.html\n"),
]


async def test_hover_on_file_names_in_every_kind_of_document(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache) as lsp:
        for file_name, language, text in DOCUMENTS:
            uri = open_document(lsp, workspace / file_name, text, language)
            lines = text.splitlines()
            row = next(i for i, line in enumerate(lines) if "extract_window_events.sh" in line)
            column = lines[row].index("extract_window_events.sh") + 3
            value = await hover_text(lsp, uri, row, column)
            assert value is not None, file_name
            assert "extract\\_window\\_events.sh**" in value
            assert "Shell script" in value and "window events" in value  # from the default backend
            assert str(shipped_default()) in value
        shell = (workspace / "run.sh").as_uri()
        assert "common.sh" in (await hover_text(lsp, shell, 1, 12) or "")


async def test_no_hover_on_ordinary_words(workspace: Path, cache: Path) -> None:
    text = "file.close()\nimport os.path\ne.g. this\nversion 1.2.3\nself.name = x\nsee https://example.com/a\n"
    async with lsp_session(workspace, cache) as lsp:
        uri = open_document(lsp, workspace / "words.txt", text)
        for row, column in [(0, 2), (0, 7), (1, 10), (2, 1), (3, 10), (4, 6), (5, 14), (5, 20)]:
            assert await hover_text(lsp, uri, row, column) is None, (row, column)


async def test_code_lens_of_a_document_and_its_resolve(workspace: Path, cache: Path) -> None:
    text = "#!/bin/sh\necho hello\nbash scripts/deploy.sh && cat config.yaml\n"
    async with lsp_session(workspace, cache, init={"codeLens": {"references": True}}) as lsp:
        uri = open_document(lsp, workspace / "analyser_logs.sh", text, "shellscript")
        params = types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
        lenses = await lsp.text_document_code_lens_async(params)
        assert lenses is not None
        assert [lens.range.start.line for lens in lenses] == [0, 2]
        assert all(lens.command is None for lens in lenses)
        own = await lsp.code_lens_resolve_async(lenses[0])
        assert own.command is not None and own.command.title.startswith("Shell script")
        refs = await lsp.code_lens_resolve_async(lenses[1])
        assert refs.command is not None
        assert "deploy.sh: " in refs.command.title and "config.yaml: " in refs.command.title
        change_settings(lsp, {"codeLens": {"enabled": False}})
        await asyncio.sleep(0.3)
        assert not await lsp.text_document_code_lens_async(params)


async def test_batch_of_2000_names_with_progress_and_cache(workspace: Path, cache: Path) -> None:
    names = [f"{verb}_{noun}_{i}.{ext}" for i, (verb, noun, ext) in enumerate(_combos(2000))]
    async with lsp_session(workspace, cache, init={"backend": "rules"}) as lsp:  # progress and cache under test
        started = time.monotonic()
        items = await describe(lsp, names, "en")
        first = time.monotonic() - started
        assert [item["name"] for item in items] == names
        assert all(item["description"] and item["backend"] == "rules" and item["lang"] == "en" for item in items)
        assert not any(item["cached"] for item in items)
        reports = [r for values in lsp.progress_reports.values() for r in values]
        assert any(isinstance(r, types.WorkDoneProgressBegin) for r in reports)
        assert any(isinstance(r, types.WorkDoneProgressEnd) for r in reports)
        started = time.monotonic()
        again = await describe(lsp, names, "en")
        assert all(item["cached"] for item in again)
        assert time.monotonic() - started < max(first, 1.0)


def _combos(count: int) -> list[tuple[str, str, str]]:
    verbs, nouns, exts = (
        ["get", "parse", "load", "send", "build"],
        ["user", "log", "event", "config"],
        ["py", "sh", "ts"],
    )
    return [(verbs[i % 5], nouns[i % 4], exts[i % 3]) for i in range(count)]


async def test_invalid_names_get_error_items(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache) as lsp:
        items = await describe(lsp, ["ok.py", "", 42, "x" * 100_000, "/", "deploy.sh"], "fr")
        assert [("error" in item) for item in items] == [False, True, True, True, True, False]
        assert items[0]["lang"] == "fr" and items[5]["description"]


async def test_live_backend_switch_and_fallbacks(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache, test_backends=True) as lsp:
        assert (await describe(lsp, ["a.py"]))[0]["backend"] == shipped_default()  # the ship record's choice
        change_settings(lsp, {"backend": "flaky"})
        await asyncio.sleep(0.3)
        item = (await describe(lsp, ["a.py"]))[0]
        assert item["backend"] == "flaky" and item["description"].startswith("Flaky en description")
        change_settings(lsp, {"backend": "no-such-backend"})
        await asyncio.sleep(0.3)
        assert (await describe(lsp, ["a.py"]))[0]["backend"] == "rules"
        change_settings(lsp, {"backend": "broken"})
        await asyncio.sleep(0.3)
        assert (await describe(lsp, ["a.py"]))[0]["backend"] == "rules"
        messages = " | ".join(m.message for m in lsp.messages)
        assert "no-such-backend" in messages and "no model here" in messages


async def test_language_follows_client_locale_then_setting(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache, locale="fr-FR") as lsp:
        item = (await describe(lsp, ["extract_window_events.sh"]))[0]
        assert item["lang"] == "fr" and item["description"].startswith("Script shell")
        change_settings(lsp, {"language": "en"})
        await asyncio.sleep(0.3)
        item = (await describe(lsp, ["extract_window_events.sh"]))[0]
        assert item["lang"] == "en" and item["description"].startswith("Shell script")


async def test_hover_shows_the_files_own_description_first(workspace: Path, cache: Path, tmp_path: Path) -> None:
    (workspace / "scripts" / "deploy.sh").write_text("#!/bin/sh\n# Publishes the site to the staging server.\nset -e\n")
    (tmp_path / "outside.sh").write_text("# Secret outside the workspace, never shown.\n")
    os.symlink(tmp_path / "outside.sh", workspace / "scripts" / "link.sh")
    text = "bash scripts/deploy.sh\nbash ../outside.sh\nbash scripts/link.sh\n"
    async with lsp_session(workspace, cache) as lsp:
        uri = open_document(lsp, workspace / "Makefile", text, "makefile")
        value = await hover_text(lsp, uri, 0, 10) or ""
        assert value.index("Publishes the site to the staging server.") < value.index("Shell script")
        assert "(from deploy.sh)" in value
        for row in (1, 2):
            value = await hover_text(lsp, uri, row, 10) or ""
            assert "Shell script" in value and "Secret" not in value


async def test_regenerate_command(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache) as lsp:
        await describe(lsp, ["get_user.py"], "en")
        assert (await describe(lsp, ["get_user.py"], "en"))[0]["cached"] is True
        params = types.ExecuteCommandParams(command="filedesc.regenerate", arguments=["get_user.py", "en"])
        result = await lsp.workspace_execute_command_async(params)
        assert result is not None
        assert result["cached"] is False and result["description"] and result["lang"] == "en"
        with pytest.raises(JsonRpcException):
            await lsp.workspace_execute_command_async(types.ExecuteCommandParams(command="filedesc.regenerate"))


async def test_malformed_requests_get_errors_and_the_server_keeps_serving(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache) as lsp:
        with pytest.raises(JsonRpcException):
            await request(lsp, "filedesc/nope", {})
        for params in ({"names": "a.py"}, {}, {"names": ["a.py"], "lang": "de"}, [1, 2]):
            with pytest.raises(JsonRpcException):
                await request(lsp, "filedesc/describe", params)
        with pytest.raises(JsonRpcException):
            await raw_request(lsp, "textDocument/hover", {"textDocument": {"uri": 5}}, "bad-hover")
        with pytest.raises(JsonRpcException):
            await raw_request(
                lsp,
                "codeLens/resolve",
                {
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "data": {"names": 3},
                },
                "bad-lens",
            )
        assert await hover_text(lsp, (workspace / "never_opened.txt").as_uri(), 0, 0) is None
        unopened = workspace.parent / "unopened.txt"
        unopened.write_text("secret_tool.sh\n")
        assert await hover_text(lsp, unopened.as_uri(), 0, 3) is None  # never read from disk
        huge = "y" * 1_000_000 + ".py"
        uri = open_document(lsp, workspace / "huge.txt", f"see {huge} and ok.sh\n")
        assert await hover_text(lsp, uri, 0, 100) is None
        assert await hover_text(lsp, uri, 0, len(huge) + 9) is not None
        assert (await describe(lsp, ["still_alive.py"]))[0]["description"]


async def test_failing_and_hanging_backends_give_errors(workspace: Path, cache: Path) -> None:
    init = {"backend": "flaky", "requestTimeout": 3}
    async with lsp_session(workspace, cache, init=init, test_backends=True) as lsp:
        # Warm up first (imports, building the backend), so the timeout below only ever meets the hang.
        assert (await describe(lsp, ["warm.py"]))[0]["description"].startswith("Flaky")
        with pytest.raises(JsonRpcException, match="kaboom"):
            await describe(lsp, ["boom.py"])
        started = time.monotonic()
        with pytest.raises(JsonRpcException, match="requestTimeout"):
            await describe(lsp, ["hang.py"])
        assert time.monotonic() - started < 10
        assert (await describe(lsp, ["fine.py"]))[0]["description"].startswith("Flaky")


async def test_bad_settings_are_reported_and_replaced(workspace: Path, cache: Path) -> None:
    init = {"language": "de", "requestTimeout": -1, "hover": {"enabled": "yes"}}
    async with lsp_session(workspace, cache, init=init) as lsp:
        uri = open_document(lsp, workspace / "a.txt", "run deploy.sh\n")
        assert await hover_text(lsp, uri, 0, 6) is not None
        await asyncio.sleep(0.2)
        text = " | ".join(m.message for m in lsp.messages)
        assert "filedesc.language" in text and "filedesc.requestTimeout" in text and "hover.enabled" in text


async def test_a_cancelled_batch_stops_and_the_server_keeps_serving(workspace: Path, cache: Path) -> None:
    async with lsp_session(workspace, cache, init={"backend": "flaky"}, test_backends=True) as lsp:
        names = [f"slow_{i}.py" for i in range(64 * 20)]  # about 26 s of work if it were not stopped
        pending = asyncio.ensure_future(
            lsp.protocol.send_request_async("filedesc/describe", {"names": names}, msg_id="cancel-me")  # type: ignore[no-untyped-call]
        )
        await asyncio.sleep(0.5)
        lsp.protocol.notify("$/cancelRequest", types.CancelParams(id="cancel-me"))
        with pytest.raises(JsonRpcRequestCancelled):
            await asyncio.wait_for(pending, 10)
        started = time.monotonic()
        assert (await describe(lsp, ["after.py"]))[0]["description"].startswith("Flaky")
        assert time.monotonic() - started < 5
