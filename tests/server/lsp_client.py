"""Start the real server (``python -m filedesc serve``) over stdio and drive it with pytest-lsp's client."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER_COMMAND = [sys.executable, "-m", "filedesc", "serve"]
PLUGIN_SITE = Path(__file__).parent / "plugin_site"


def server_env(cache_dir: Path, *, test_backends: bool = False) -> dict[str, str]:
    """The server's environment: its own cache, English locale, no filedesc variables from outside."""
    keep = () if test_backends else ("FILEDESC_DISABLE_PLUGINS",)  # '*' would block the test backends' plugin
    env = {
        k: v
        for k, v in os.environ.items()
        if (k in keep or not k.startswith("FILEDESC_")) and k not in ("LC_ALL", "LANGUAGE")
    }
    env.update(FILEDESC_CACHE_DIR=str(cache_dir), LANG="en_US.UTF-8", PYTHONUNBUFFERED="1")
    if test_backends:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PLUGIN_SITE), env.get("PYTHONPATH")]))
    return env


@asynccontextmanager
async def lsp_session(
    workspace: Path,
    cache_dir: Path,
    *,
    init: dict[str, Any] | None = None,
    locale: str | None = None,
    test_backends: bool = False,
    client: str = "visual-studio-code",
) -> AsyncIterator[LanguageClient]:
    """A client connected to a fresh server, initialised on ``workspace``; shut down on exit."""
    command = list(SERVER_COMMAND)
    if os.environ.get("FILEDESC_TEST_SERVER_LOG"):  # debugging aid: the server's own log, appended
        command += ["-vv", "--log-file", os.environ["FILEDESC_TEST_SERVER_LOG"]]
    config = ClientServerConfig(server_command=command, server_env=server_env(cache_dir, test_backends=test_backends))
    lsp = await config.start()
    assert isinstance(lsp, LanguageClient)
    try:
        await lsp.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(client),
                initialization_options=init,
                locale=locale,
                root_uri=workspace.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
            )
        )
        yield lsp
        await asyncio.wait_for(lsp.shutdown_session(), 30)
    finally:
        process = lsp._server
        if process is not None and process.returncode is None:
            process.kill()  # the test failed before a clean shutdown: do not wait for an exit that never comes
        await asyncio.wait_for(lsp.stop(), 30)  # type: ignore[no-untyped-call]


def open_document(lsp: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    """Open ``text`` as the document at ``path`` (nothing is written to disk); returns its URI."""
    uri = path.as_uri()
    lsp.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


async def hover_text(lsp: LanguageClient, uri: str, line: int, character: int) -> str | None:
    """The hover's Markdown at a position, or None when the server gives no hover."""
    result = await lsp.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character))
    )
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def describe(lsp: LanguageClient, names: list[Any], lang: str | None = None) -> list[dict[str, Any]]:
    """Send ``filedesc/describe`` and return its items as plain dicts."""
    result = await request(lsp, "filedesc/describe", {"names": names, "lang": lang})
    return [_plain(item) for item in result.items]


async def request(lsp: LanguageClient, method: str, params: Any) -> Any:
    """Send any request, custom or malformed, and return its raw result."""
    return await lsp.protocol.send_request_async(method, params)  # type: ignore[no-untyped-call]


async def raw_request(lsp: LanguageClient, method: str, params: Any, msg_id: str) -> Any:
    """Send a request as raw JSON, bypassing the client's typing (to send malformed standard requests)."""
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    lsp.protocol._request_futures[msg_id] = future
    lsp.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wait_for(asyncio.wrap_future(future), 30)


def _plain(value: Any) -> Any:
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    return value


def change_settings(lsp: LanguageClient, settings: dict[str, Any]) -> None:
    """Push new ``filedesc`` settings (Neovim's way) with ``workspace/didChangeConfiguration``."""
    lsp.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"filedesc": settings}))
