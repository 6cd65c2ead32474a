"""The real server over stdio under faults: broken messages, unknown methods, wrong params, cancellation, failing
and hanging backends, careless plugins, and clients that hang up. The server must keep serving, answer every
request it can parse, and write nothing on stdout but framed JSON-RPC messages.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import ClientFactory
from tests.reliability.rpc import RawClient, frame, server_env

REQUEST_FAILED = -32803
REQUEST_CANCELLED = -32800
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602


def _alive_and_serving(client: RawClient) -> None:
    response = client.describe(["still_alive.py"], timeout=15)
    assert response["result"]["items"][0]["description"], response
    assert client.alive()
    client.assert_clean_stdout()


def test_broken_frames_and_bodies_do_not_kill_the_server(start_server: ClientFactory) -> None:
    client = start_server()
    bodies = [
        b"{not json",
        b"[1, 2]",
        b"42",
        b"null",
        b'{"id": 99, "method": "initialize"}',
        b'{"jsonrpc": "2.0", "id": 100, "method": 5}',
        b'{"jsonrpc": "2.0", "id": 101}',
        b'\xff\xfe{"a": 1}',
        "\u00e9\u202e\u0000".encode(),
        b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 5}}}',
    ]
    for body in bodies:
        client.send_bytes(frame(body))
    client.send_bytes(b"X-Nonsense: 1\r\n\r\n")  # a header block without Content-Length
    _alive_and_serving(client)
    assert client.close() == 0


def test_unknown_methods(start_server: ClientFactory) -> None:
    client = start_server()
    response = client.call("filedesc/noSuchMethod", {"x": 1})
    assert response["error"]["code"] == METHOD_NOT_FOUND
    client.notify("filedesc/noSuchNotification", {})
    client.notify("$/noSuchThing", {})
    response = client.call("workspace/executeCommand", {"command": "filedesc.noSuchCommand", "arguments": []})
    assert "error" in response
    _alive_and_serving(client)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("filedesc/describe", {"names": {"a.py": 1}}),
        ("filedesc/describe", {"names": "a.py"}),
        ("filedesc/describe", [1, 2, 3]),
        ("filedesc/describe", {"names": ["a.py"], "lang": 12}),
        ("workspace/executeCommand", {"command": "filedesc.regenerate", "arguments": [5]}),
        ("workspace/executeCommand", {"command": "filedesc.regenerate", "arguments": ["a.py", "de"]}),
        (
            "codeLens/resolve",
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "data": 5},
        ),
    ],
)
def test_wrong_parameter_types_get_an_error_response(start_server: ClientFactory, method: str, params: object) -> None:
    client = start_server()
    response = client.call(method, params, timeout=15)
    assert response["error"]["code"] == INVALID_PARAMS, response
    _alive_and_serving(client)


def test_describe_items_of_every_type_are_answered_one_by_one(start_server: ClientFactory) -> None:
    client = start_server()
    names: list[object] = [
        None,
        [],
        {},
        1.5,
        True,
        "",
        "\x00\x01",
        "ok.py",
        "é" * 5000,
        "../../etc/passwd",
        "C:\\x\\y.ps1",
        "\udcff.py",
    ]
    items = client.describe(names)["result"]["items"]
    assert len(items) == len(names)
    assert [("error" in item) for item in items] == [True] * 7 + [False, True, False, False, False]
    _alive_and_serving(client)


def test_lsp_requests_with_ill_typed_params_get_an_answer(start_server: ClientFactory, workspace: Path) -> None:
    client = start_server()
    uri = client.open(workspace / "a.txt", "see deploy.sh\n")
    response = client.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": "x"}, timeout=5)
    assert response["error"]["code"] == INVALID_PARAMS


def test_odd_hover_positions(start_server: ClientFactory, workspace: Path) -> None:
    client = start_server()
    uri = client.open(workspace / "a.txt", "see deploy.sh\n\U0001f600 run.sh\n")
    for line, character in [(99, 0), (0, 10**9), (1, 1), (1, 3), (0, 0)]:
        response = client.hover(uri, line, character)
        assert "result" in response, (line, character, response)
    _alive_and_serving(client)


def test_request_cancelled_mid_flight_stops_the_work(start_server: ClientFactory) -> None:
    client = start_server({"backend": "rel-slow"})
    request_id = client.request("filedesc/describe", {"names": [f"name_{i}.py" for i in range(2000)], "lang": "en"})
    time.sleep(0.6)
    client.notify("$/cancelRequest", {"id": request_id})
    response = client.wait(request_id, timeout=5)
    assert response["error"]["code"] == REQUEST_CANCELLED
    started = time.monotonic()
    _alive_and_serving(client)  # the abandoned batch stops at its next check instead of holding the backend 8 s
    assert time.monotonic() - started < 3


def test_a_backend_that_raises(start_server: ClientFactory, workspace: Path) -> None:
    client = start_server({"backend": "rel-raise"})
    response = client.describe(["a.py"])
    assert response["error"]["code"] == REQUEST_FAILED
    assert "rel-raise exploded" in response["error"]["message"]
    uri = client.open(workspace / "a.txt", "see deploy.sh\n")
    assert "error" in client.hover(uri, 0, 6)
    client.notify("workspace/didChangeConfiguration", {"settings": {"filedesc": {"backend": "rules"}}})
    _alive_and_serving(client)


def test_a_backend_that_breaks_the_contract(start_server: ClientFactory) -> None:
    client = start_server({"backend": "rel-short"})
    response = client.describe(["a.py", "b.py"])
    assert (
        response["error"]["code"] == REQUEST_FAILED and "returned 1 descriptions for 2" in response["error"]["message"]
    )
    assert client.alive()


def test_a_backend_that_hangs_times_out_and_the_server_recovers(start_server: ClientFactory, workspace: Path) -> None:
    client = start_server({"backend": "rel-hang", "requestTimeout": 1})
    uri = client.open(workspace / "a.txt", "run hang_forever.sh\n")
    started = time.monotonic()
    response = client.hover(uri, 0, 8)
    assert response["error"]["code"] == REQUEST_FAILED and "requestTimeout" in response["error"]["message"]
    assert time.monotonic() - started < 6
    response = client.describe(["hang_again.py"])
    assert "error" in response  # a second hang is bounded too
    items = client.describe(["fine.py"])["result"]["items"]
    assert items[0]["description"].startswith("Rel-hang en description")
    client.assert_clean_stdout()


def test_a_plugin_that_prints_cannot_corrupt_the_protocol(start_server: ClientFactory) -> None:
    client = start_server({"backend": "rel-print"})
    for _ in range(3):
        assert client.describe(["a.py", "b.sh"])["result"]["items"][0]["backend"] == "rel-print"
    client.assert_clean_stdout()  # the stray text may go to stderr or be dropped, never to the protocol stream


def test_verbose_logging_stays_off_stdout(server_cache: Path, workspace: Path) -> None:
    client = RawClient(server_cache, args=["-vv"])
    try:
        client.initialize(workspace, {"backend": "no-such-backend", "language": "de"})
        client.describe(["a.py"])
        client.assert_clean_stdout()
        assert "DEBUG" in client.stderr() or "INFO" in client.stderr()
    finally:
        assert client.close() == 0


def test_client_that_hangs_up_ends_the_server(start_server: ClientFactory) -> None:
    client = start_server()
    client.describe(["a.py"])
    assert client.proc.stdin is not None
    client.proc.stdin.close()  # no shutdown, no exit: the editor crashed
    status = client.reap(15)
    assert status != -9, "the server did not notice its client was gone"
    assert "Traceback" not in client.stderr()


def test_client_that_hangs_up_during_a_hung_request_ends_the_server(server_cache: Path, workspace: Path) -> None:
    env = server_env(server_cache)
    env["REL_HANG_SECONDS"] = "30"
    client = RawClient(server_cache, env=env)
    client.initialize(workspace, {"backend": "rel-hang", "requestTimeout": 120})
    client.request("filedesc/describe", {"names": ["hang.py"], "lang": "en"})
    time.sleep(0.5)
    assert client.proc.stdin is not None
    client.proc.stdin.close()
    started = time.monotonic()
    status = client.reap(8)
    assert status != -9 and time.monotonic() - started < 8, "a hung backend thread kept the server alive"


def test_client_that_stops_reading_does_not_spin_the_server(server_cache: Path, workspace: Path) -> None:
    client = RawClient(server_cache)
    client.initialize(workspace)
    assert client.proc.stdout is not None
    os.close(client.proc.stdout.fileno())  # answers now fail with a broken pipe
    for i in range(5):
        try:
            client.request("filedesc/describe", {"names": [f"x{i}.py"]})
        except OSError:
            break
    time.sleep(1)
    if client.proc.stdin is not None:
        client.proc.stdin.close()
    assert client.reap(15) != -9


def test_exit_without_shutdown_is_an_error_status(start_server: ClientFactory) -> None:
    client = start_server()
    client.notify("exit")
    assert client.reap(15) == 1


def test_hover_on_an_unopened_document_outside_the_workspace_reads_nothing(
    start_server: ClientFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret_tool.sh\n")
    client = start_server()
    response = client.hover(outside.as_uri(), 0, 3)
    assert response.get("result") is None and "secret" not in str(response)


def test_hover_on_an_unopened_fifo_does_not_block_the_server(start_server: ClientFactory, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    client = start_server()
    client.request(
        "textDocument/hover", {"textDocument": {"uri": fifo.as_uri()}, "position": {"line": 0, "character": 0}}
    )
    try:
        response = client.describe(["a.py"], timeout=5)
        assert "result" in response
    finally:
        client.proc.kill()
