"""A raw JSON-RPC client for the server over stdio: it can send anything, bytes included, and it checks that
every byte the server writes on stdout is a well-framed protocol message.

pytest-lsp always sends well-formed requests; these tests need to send broken ones, cancel requests, and hang up,
so they speak the framing themselves (``Content-Length: N\\r\\n\\r\\n`` + N bytes of JSON).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
PLUGIN_SITE = HERE / "plugin_site"
SERVER_COMMAND = [sys.executable, "-m", "filedesc", "serve"]


def server_env(cache_dir: Path, *, plugins: bool = True, extra_path: Path | None = None) -> dict[str, str]:
    """The server's environment: its own cache, English, the test plugins on ``PYTHONPATH``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FILEDESC_") and k not in ("LC_ALL", "LANGUAGE")}
    env.update(FILEDESC_CACHE_DIR=str(cache_dir), LANG="en_US.UTF-8", PYTHONUNBUFFERED="1")
    paths = [str(p) for p in (extra_path, PLUGIN_SITE if plugins else None) if p is not None]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [*paths, env.get("PYTHONPATH", "")]))
    return env


def frame(payload: bytes) -> bytes:
    """Wrap a body in the LSP base-protocol header."""
    return b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload


class StdoutCorrupted(AssertionError):
    """The server wrote something on stdout that is not a framed JSON-RPC message."""


class RawClient:
    """One server process and a reader thread that parses (and polices) its stdout."""

    def __init__(self, cache_dir: Path, *, env: dict[str, str] | None = None, args: list[str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [*SERVER_COMMAND, *(args or [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env or server_env(cache_dir),
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.responses: dict[Any, dict[str, Any]] = {}
        self.corruption: list[bytes] = []
        self.stderr_chunks: list[bytes] = []
        self._next_id = 0
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._err = threading.Thread(target=self._read_err, daemon=True)
        self._err.start()

    # -- transport ---------------------------------------------------------------------------------------------
    def _read_err(self) -> None:
        stream: Any = self.proc.stderr
        try:
            for chunk in iter(lambda: stream.read1(65536), b""):
                self.stderr_chunks.append(chunk)
        except (OSError, ValueError):
            return

    def _read(self) -> None:
        try:
            self._read_messages()
        except (OSError, ValueError):  # the test closed the pipe on purpose
            self._wake()

    def _read_messages(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    if header.strip():
                        self.corruption.append(header)
                    self._wake()
                    return
                header += byte
                if len(header) > 4096:
                    self.corruption.append(header)
                    self._wake()
                    return
            length = None
            for line in header.decode("ascii", errors="replace").split("\r\n"):
                key, _, value = line.partition(":")
                if key.strip().lower() == "content-length" and value.strip().isdigit():
                    length = int(value.strip())
                elif line and key.strip().lower() not in ("content-length", "content-type"):
                    self.corruption.append(header)
            if length is None:
                self.corruption.append(header)
                self._wake()
                return
            body = out.read(length)
            try:
                message = json.loads(body)
            except ValueError:
                self.corruption.append(body)
                continue
            if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
                self.corruption.append(body)
                continue
            self._dispatch(message)

    def _wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:
            self._answer_server_request(message)
        elif "method" in message:
            self.notifications.append(message)
        with self._cond:
            if "id" in message and "method" not in message:
                self.responses[message["id"]] = message
            self._cond.notify_all()

    def _answer_server_request(self, message: dict[str, Any]) -> None:
        """Answer what the server asks the client (configuration, progress tokens, refreshes)."""
        method = message["method"]
        result: Any = None
        if method == "workspace/configuration":
            result = [None for _ in message.get("params", {}).get("items", [])]
        self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def send_bytes(self, data: bytes) -> None:
        """Write raw bytes to the server's stdin."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        """Send one JSON-RPC message, framed."""
        self.send_bytes(frame(json.dumps(message).encode("utf-8")))

    # -- requests ----------------------------------------------------------------------------------------------
    def request(self, method: str, params: Any = None) -> int:
        """Send a request and return its id (read the answer with ``wait``)."""
        self._next_id += 1
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": self._next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self._next_id

    def notify(self, method: str, params: Any = None) -> None:
        """Send a notification."""
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def wait(self, request_id: Any, timeout: float = 30.0) -> dict[str, Any]:
        """The response to ``request_id``; fails when none comes within ``timeout`` or the server died."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while request_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no answer to request {request_id} in {timeout} s; stderr: {self.stderr()}")
                if self.proc.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(f"server exited ({self.proc.returncode}); stderr: {self.stderr()}")
                self._cond.wait(min(left, 0.2))
            return self.responses.pop(request_id)

    def call(self, method: str, params: Any = None, timeout: float = 30.0) -> dict[str, Any]:
        """Send a request and wait for its response (a dict with ``result`` or ``error``)."""
        return self.wait(self.request(method, params), timeout)

    def initialize(self, root: Path, options: dict[str, Any] | None = None) -> dict[str, Any]:
        """The initialize handshake, with a workspace folder and ``initializationOptions``."""
        params = {
            "processId": os.getpid(),
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": "ws"}],
            "capabilities": {"window": {"workDoneProgress": True}},
            "initializationOptions": options or {},
        }
        response = self.call("initialize", params, timeout=60)
        self.notify("initialized", {})
        return response

    def open(self, path: Path, text: str) -> str:
        """Open a document (nothing written to disk); returns its URI."""
        uri = path.as_uri()
        item = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})
        return uri

    def hover(self, uri: str, line: int, character: int, timeout: float = 30.0) -> dict[str, Any]:
        """Send a hover and wait for the response."""
        position = {"line": line, "character": character}
        return self.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": position}, timeout)

    def describe(self, names: list[Any], lang: str | None = "en", timeout: float = 30.0) -> dict[str, Any]:
        """Send ``filedesc/describe`` and wait for the response."""
        return self.call("filedesc/describe", {"names": names, "lang": lang}, timeout)

    def shown_messages(self) -> list[str]:
        """The text of every ``window/showMessage`` and ``window/logMessage`` so far."""
        return [
            str(n.get("params", {}).get("message", ""))
            for n in list(self.notifications)
            if n.get("method") in ("window/showMessage", "window/logMessage")
        ]

    def stderr(self) -> str:
        """What the server wrote on stderr so far."""
        return b"".join(self.stderr_chunks).decode("utf-8", errors="replace")

    def alive(self) -> bool:
        """True while the server process runs."""
        return self.proc.poll() is None

    # -- ending ------------------------------------------------------------------------------------------------
    def close(self, timeout: float = 15.0) -> int:
        """Shut down politely (shutdown + exit), then make sure the process is gone; returns its exit status."""
        if self.alive():
            try:
                self.call("shutdown", None, timeout=10)
                self.notify("exit")
            except (OSError, TimeoutError, AssertionError):
                pass
        return self.reap(timeout)

    def reap(self, timeout: float = 15.0) -> int:
        """Wait for the process to end (killing it after ``timeout``); returns its exit status, -9 if killed."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            return -9
        finally:
            self._reader.join(5)
            self._err.join(5)
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass

    def assert_clean_stdout(self) -> None:
        """Fail if anything but framed JSON-RPC messages appeared on stdout."""
        if self.corruption:
            raise StdoutCorrupted(f"non-protocol bytes on stdout: {self.corruption[:3]!r}")
