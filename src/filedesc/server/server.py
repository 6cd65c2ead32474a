"""The Language Server: a module-level ``server`` and short handlers that delegate to plain functions.

Features: hover on file names, code lenses (ranges first, text on resolve), the ``filedesc/describe`` batch
request, the ``filedesc.regenerate`` command, and live settings. Model work runs in worker threads through
``Engine``; failures become JSON-RPC errors and the server keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import math
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcRequestCancelled
from pygls.lsp.server import LanguageServer

from filedesc import __version__
from filedesc.errors import FiledescError
from filedesc.header import describe_from_file
from filedesc.server.batch import BatchParamsError, describe_batch, name_problem, parse_batch
from filedesc.server.engine import Engine
from filedesc.server.features import hover_markdown, lens_targets, lens_title, plain, uri_to_path
from filedesc.server.names import NameMatch, name_at
from filedesc.server.progress import BatchProgress
from filedesc.server.protocol import FiledescProtocol
from filedesc.server.settings import SECTION, parse_settings, section_of
from filedesc.service import BATCH_SIZE, CancelCheck, Cancelled, Description

log = logging.getLogger(__name__)

DESCRIBE_METHOD = "filedesc/describe"
REGENERATE_COMMAND = "filedesc.regenerate"
REQUEST_FAILED = -32803
"""LSP's RequestFailed: the request was well formed but could not be answered (backend error, timeout)."""

PROGRESS_MIN_NAMES = BATCH_SIZE
"""Batches smaller than one backend call finish too fast for a progress bar."""


class FiledescServer(LanguageServer):
    """The pygls server plus the ``Engine`` and the helpers the handlers share."""

    def __init__(self) -> None:
        super().__init__("filedesc", __version__, protocol_cls=FiledescProtocol)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.pending_messages: list[str] = []
        self.shutdown_requested = False
        self.engine = Engine(notify=self.warn_threadsafe)

    def warn(self, message: str) -> None:
        """Tell the user something they must act on (a bad setting, a backend replaced by ``rules``)."""
        log.warning("%s", message)
        if self.loop is None:
            self.pending_messages.append(message)
            return
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))

    def warn_threadsafe(self, message: str) -> None:
        """``warn`` from any thread (the engine calls it from worker threads)."""
        if self.loop is None or not self.loop.is_running():
            self.warn(message)
        else:
            self.loop.call_soon_threadsafe(self.warn, message)

    @property
    def roots(self) -> list[Path]:
        """The workspace folders on disk (the only places content-aware descriptions may read)."""
        found = [uri_to_path(folder.uri) for folder in self.workspace.folders.values()]
        if self.workspace.root_path:
            found.append(Path(self.workspace.root_path))
        return list(dict.fromkeys(path for path in found if path is not None))

    def client_supports(self, *path: str) -> bool:
        """Follow a capability path (``"workspace", "configuration"``): a missing part means unsupported."""
        node: Any = self.client_capabilities
        for part in path:
            node = getattr(node, part, None)
        return bool(node)

    async def run_described(self, work: Callable[[CancelCheck], Any], timeout: float | None = None) -> Any:
        """Run model work through the engine, turning failures into JSON-RPC errors."""
        try:
            return await self.engine.run(work, timeout)
        except Cancelled:
            raise JsonRpcRequestCancelled("the request was cancelled") from None
        except FiledescError as exc:
            raise JsonRpcException(str(exc), code=REQUEST_FAILED) from exc

    async def pull_settings(self) -> None:
        """Ask the client for the ``filedesc`` section when it supports ``workspace/configuration``."""
        if not self.client_supports("workspace", "configuration"):
            return
        try:
            params = types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            result = await asyncio.wait_for(self.workspace_configuration_async(params), 10)
        except Exception as exc:  # a client that fails this request must not stop the server
            log.warning("workspace/configuration failed: %s", exc)
            return
        if result and result[0] is not None:
            self.apply_settings({SECTION: plain(result[0])})

    def find_workspace_model(self) -> Path | None:
        """The first workspace root holding a model made by ``filedesc adapt`` (``.filedesc/model``)."""
        for root in self.roots:
            folder = root / ".filedesc" / "model"
            if (folder / "int8" / "config.json").is_file() or (folder / "config.json").is_file():
                return folder
        return None

    def apply_settings(self, raw: Any) -> None:
        """Parse, report problems, apply, and refresh the lenses whose text may have changed."""
        settings, problems = parse_settings(raw, self.engine.settings)
        for problem in problems:
            self.warn(problem)
        self.engine.workspace_model = self.find_workspace_model()
        self.engine.apply(settings)
        self.refresh_code_lenses()

    def refresh_code_lenses(self) -> None:
        """Ask the client to re-request lenses, once initialised and only if it supports it."""
        if self.loop is not None and self.client_supports("workspace", "code_lens", "refresh_support"):
            self.workspace_code_lens_refresh(None)

    async def start_progress(self, title: str, token: Any) -> str | int | None:
        """Open a work-done progress (the client's token, else a new one) when the client supports it."""
        if token is None:
            if not self.client_supports("window", "work_done_progress"):
                return None
            token = str(uuid.uuid4())
            try:
                await asyncio.wait_for(self.work_done_progress.create_async(token), 5)
            except Exception as exc:
                log.info("no work-done progress: %s", exc)
                return None
        if not isinstance(token, str | int):
            return None
        begin = types.WorkDoneProgressBegin(title=title, cancellable=False, percentage=0)
        self.work_done_progress.begin(token, begin)
        return token


server = FiledescServer()


def _workspace_lines(ls: FiledescServer, uri: str) -> tuple[Any, Sequence[str]]:
    """The open document and its lines; a document the client never opened has none.

    pygls would read an unopened URI from disk, whole, wherever it points (outside the workspace, a FIFO that
    blocks the event loop): never let it.
    """
    if uri not in ls.workspace.text_documents:
        log.info("request on a document that is not open, ignored: %s", uri)
        return None, []
    document = ls.workspace.get_text_document(uri)
    return document, document.lines


@server.feature(types.INITIALIZE)
def on_initialize(ls: FiledescServer, params: types.InitializeParams) -> None:
    """Read the client's locale and the ``initializationOptions``."""
    ls.engine.client_locale = params.locale
    ls.apply_settings(plain(params.initialization_options))


@server.feature(types.SHUTDOWN)
def on_shutdown(ls: FiledescServer, params: None) -> None:
    """Remember the orderly shutdown, so that ``exit`` ends with status 0 (1 without it, as LSP says)."""
    del params
    ls.shutdown_requested = True


@server.feature(types.INITIALIZED)
async def on_initialized(ls: FiledescServer, params: types.InitializedParams) -> None:
    """Show the problems found so far, pull the settings, and build the backend before the first hover."""
    del params
    ls.loop = asyncio.get_running_loop()
    for message in ls.pending_messages:
        ls.warn(message)
    ls.pending_messages.clear()
    await ls.pull_settings()
    try:
        name = await ls.engine.run(lambda _cancelled: ls.engine.prepare_backend(), timeout=300)
        log.info("backend %s ready", name)
    except FiledescError as exc:
        ls.warn(f"filedesc: no backend could be built: {exc}")


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def on_change_configuration(ls: FiledescServer, params: types.DidChangeConfigurationParams) -> None:
    """Apply pushed settings, or pull them when the push carries none (VS Code's style)."""
    raw = plain(params.settings)
    inner = section_of(raw)
    if isinstance(raw, dict) and inner is not None and (SECTION in raw or any(key in raw for key in _KNOWN)):
        ls.apply_settings(raw)
    else:
        await ls.pull_settings()


def header_sentences(
    ls: FiledescServer, names: Sequence[str], document_dir: Path | None, roots: Sequence[Path]
) -> list[str | None] | None:
    """Each name's header sentence, or None for all when the backend takes no drafts (nothing is then read).

    None where the file is not in the workspace or its header says nothing. A header in the other language is
    then the file's draft (:meth:`Engine.describe_sync`). Call from a worker thread: it may build the backend.
    """
    if not ls.engine.takes_drafts():
        return None
    return [found[1] if (found := describe_from_file(name, document_dir, roots)) else None for name in names]


_KNOWN = ("backend", "language", "modelPath", "codeLens", "hover", "requestTimeout")


def _hover_target(
    document: Any, lines: Sequence[str], position: types.Position
) -> tuple[NameMatch, types.Range] | None:
    if position.line >= len(lines):
        return None
    server_position = document.position_codec.position_from_client_units(lines, position)
    match = name_at(lines[position.line].rstrip("\r\n"), server_position.character)
    if match is None:
        return None
    where = types.Range(types.Position(position.line, match.start), types.Position(position.line, match.end))
    return match, document.position_codec.range_to_client_units(lines, where)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def on_hover(ls: FiledescServer, params: types.HoverParams) -> types.Hover | None:
    """Describe the file name under the cursor; the file's own header first when it is in the workspace."""
    if not ls.engine.settings.hover_enabled:
        return None
    document, lines = _workspace_lines(ls, params.text_document.uri)
    target = _hover_target(document, lines, params.position) if document is not None else None
    if target is None:
        return None
    match, where = target
    doc_path = uri_to_path(params.text_document.uri)
    roots = ls.roots

    def work(cancelled: CancelCheck) -> tuple[Description, tuple[Path, str] | None]:
        own = describe_from_file(match.text, doc_path.parent if doc_path else None, roots)
        headers = [own[1]] if own else None  # a header in the other language becomes a draft model's draft
        item = ls.engine.describe_sync([match.base], None, cancelled=cancelled, headers=headers)[0]
        return item, own

    item, own = await ls.run_described(work)
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(match.text, item, own))
    return types.Hover(contents=content, range=where)


@server.feature(types.TEXT_DOCUMENT_CODE_LENS, types.CodeLensOptions(resolve_provider=True))
def on_code_lens(ls: FiledescServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    """Ranges only (cheap): the document's own lens, and reference lenses when enabled."""
    settings = ls.engine.settings
    if not settings.code_lens_enabled:
        return []
    document, lines = _workspace_lines(ls, params.text_document.uri)
    lenses = []
    for target in lens_targets(params.text_document.uri, lines, settings.code_lens_references):
        where = types.Range(types.Position(target.line, target.start), types.Position(target.line, target.end))
        where = document.position_codec.range_to_client_units(lines, where)
        data = {"kind": target.kind, "names": list(target.names), "uri": params.text_document.uri}
        lenses.append(types.CodeLens(range=where, data=data))
    return lenses


@server.feature(types.CODE_LENS_RESOLVE)
async def on_code_lens_resolve(ls: FiledescServer, lens: types.CodeLens) -> types.CodeLens:
    """Compute a lens's text: the descriptions of the names it carries."""
    data = plain(lens.data)
    names = data.get("names") if isinstance(data, dict) else None
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        raise JsonRpcInvalidParams('a filedesc code lens carries data {"kind": ..., "names": [...]}')
    uri = data.get("uri")
    doc_path = uri_to_path(uri) if isinstance(uri, str) else None
    roots = ls.roots

    def work(cancelled: CancelCheck) -> list[Description]:
        headers = header_sentences(ls, names, doc_path.parent if doc_path else None, roots)
        return ls.engine.describe_sync(names, None, cancelled=cancelled, headers=headers)

    items = await ls.run_described(work)
    title = lens_title(str(data.get("kind")), names, items)
    lens.command = types.Command(title=title, command="")
    return lens


@server.feature(DESCRIBE_METHOD)
async def on_describe(ls: FiledescServer, params: Any) -> dict[str, Any]:
    """The batch request: cache first, progress when the client supports it, an error item per bad name."""
    raw = plain(params)
    try:
        request = parse_batch(raw)
    except BatchParamsError as exc:
        raise JsonRpcInvalidParams(str(exc)) from None
    token = None
    if len(request.names) >= PROGRESS_MIN_NAMES:
        token = await ls.start_progress("Describing files", raw.get("workDoneToken"))
    report = BatchProgress(ls.work_done_progress, token, ls.loop)
    timeout = ls.engine.settings.request_timeout * max(1, math.ceil(len(request.names) / BATCH_SIZE))
    roots = ls.roots

    def work(cancelled: CancelCheck) -> list[dict[str, Any]]:
        def run(names: list[str], cancelled: CancelCheck, on_progress: Any) -> list[Description]:
            headers = header_sentences(ls, names, None, roots)
            return ls.engine.describe_sync(
                names, request.lang, cancelled=cancelled, on_progress=on_progress, headers=headers
            )

        return describe_batch(request.names, ls.engine.describer.normalize, run, cancelled, report)

    try:
        items = await ls.run_described(work, timeout)
    finally:
        report.end()
    return {"items": items}


@server.command(REGENERATE_COMMAND)
async def on_regenerate(ls: FiledescServer, *args: Any) -> dict[str, Any]:
    """Drop a name's cached description and compute it again; arguments: the name, then an optional language."""
    values = plain(list(args))
    if not values or len(values) > 2 or (len(values) == 2 and values[1] not in (None, "en", "fr", "auto")):
        raise JsonRpcInvalidParams("filedesc.regenerate takes a file name and an optional language (en or fr)")
    name, lang = values[0], values[1] if len(values) == 2 and values[1] != "auto" else None
    problem = name_problem(name, ls.engine.describer.normalize)
    if problem:
        raise JsonRpcInvalidParams(f"filedesc.regenerate: {problem}")
    roots = ls.roots

    def work(cancelled: CancelCheck) -> list[Description]:
        headers = header_sentences(ls, [name], None, roots)  # the hover's draft, so the answer is of the same kind
        return ls.engine.describe_sync([name], lang, cancelled=cancelled, regenerate=True, headers=headers)

    item = (await ls.run_described(work))[0]
    ls.refresh_code_lenses()
    return dict(item.to_dict())
