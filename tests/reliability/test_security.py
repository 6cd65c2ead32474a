"""Security posture: no pickle is ever loaded, no remote code, no network at run time, and the content-aware hover
reads only regular files inside the workspace.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from filedesc.errors import FiledescError
from filedesc.header import MAX_BYTES, describe_from_file, resolve_in_workspace
from filedesc.service import Describer
from tests.reliability.conftest import ClientFactory
from tests.reliability.rpc import server_env

SRC = Path(__file__).resolve().parents[2] / "src" / "filedesc"
RUNTIME_CODE = [p for p in SRC.rglob("*.py") if "training" not in p.parts]


class _Boom:
    """Unpickling this creates ``marker``: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (os.system, (f"touch {self.marker}",))


def _plant_pickle(path: Path, marker: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(_Boom(marker)))


# -- pickle and remote code -------------------------------------------------------------------------------------
def test_runtime_code_never_unpickles_or_trusts_remote_code() -> None:
    forbidden = re.compile(
        r"\bpickle\.loads?\b|\btorch\.load\(|allow_pickle\s*=\s*True|trust_remote_code\s*=\s*True|\bjoblib\.load"
        r"|\bdill\b|\bcloudpickle\b|(?<![.\w])eval\(|(?<![.\w])exec\("
    )
    hits = [
        f"{p}:{i}"
        for p in RUNTIME_CODE
        for i, line in enumerate(p.read_text().splitlines(), 1)
        if forbidden.search(line)
    ]
    assert not hits, hits


@pytest.mark.slow
def test_a_pickle_where_torch_weights_belong_is_refused(tiny_run: Path, tmp_path: Path) -> None:
    folder, marker = tmp_path / "model", tmp_path / "PWNED"
    shutil.copytree(tiny_run / "model", folder)
    (folder / "model.safetensors").unlink()
    _plant_pickle(folder / "pytorch_model.bin", marker)
    describer = Describer("torch", model_path=folder, cache=False)
    with pytest.raises(FiledescError, match="model.safetensors"):
        describer.describe(["a.py"], "en")
    with pytest.raises(FiledescError, match="model.safetensors"):
        from filedesc.plugins.torch_backend import TorchBackend

        TorchBackend(folder)
    assert not marker.exists()


@pytest.mark.slow
def test_safetensors_win_over_a_planted_pickle(tiny_run: Path, tmp_path: Path) -> None:
    folder, marker = tmp_path / "model", tmp_path / "PWNED"
    shutil.copytree(tiny_run / "model", folder)
    _plant_pickle(folder / "pytorch_model.bin", marker)
    _plant_pickle(folder / "training_args.bin", marker)
    out = Describer("torch", model_path=folder, cache=False).describe(["a.py"], "en")
    assert out[0].description and not marker.exists()


@pytest.mark.slow
def test_a_pickled_lora_adapter_is_not_executed(tiny_run: Path, tmp_path: Path) -> None:
    folder, marker = tmp_path / "model", tmp_path / "PWNED"
    shutil.copytree(tiny_run / "model", folder)
    config = {"peft_type": "LORA", "task_type": "SEQ_2_SEQ_LM", "r": 4, "lora_alpha": 8, "target_modules": ["q", "v"]}
    (folder / "adapter").mkdir()
    (folder / "adapter" / "adapter_config.json").write_text(json.dumps(config))
    _plant_pickle(folder / "adapter" / "adapter_model.bin", marker)
    try:
        Describer("torch", model_path=folder, cache=False).describe(["a.py"], "en")
    except FiledescError:
        pass  # refusing the adapter is right; running it is not
    assert not marker.exists()


# -- no network -------------------------------------------------------------------------------------------------
class _NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make every attempt to reach the network raise, and record it (local AF_UNIX pairs stay allowed)."""
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                attempts.append(f"socket({family})")
                raise _NetworkAttempt("network access at run time")
            super().__init__(family, *args, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(f"resolve {args[:1]}")
        raise _NetworkAttempt("network access at run time")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    yield attempts


def test_describe_with_rules_never_touches_the_network(no_network: list[str]) -> None:
    from filedesc.cli import main

    assert main(["describe", "--backend", "rules", "--lang", "fr", "analyser_logs.py", "getUserInfo.ts"]) == 0
    assert no_network == []


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["onnx-int8", "onnx-int4", "torch"])
def test_model_backends_never_touch_the_network(
    backend: str, tiny_run: Path, tiny_export: Path, no_network: list[str]
) -> None:
    path = tiny_run / "model" if backend == "torch" else tiny_export
    out = Describer(backend, model_path=path, cache=False).describe(["extract_logs.sh"], "en")
    assert out[0].backend == backend and no_network == []


SITECUSTOMIZE = """
import socket, sys
_real = socket.socket
class _Guarded(_real):
    def __init__(self, family=-1, *a, **k):
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            sys.stderr.write("NETWORK-ATTEMPT socket\\n"); sys.stderr.flush()
            raise OSError("network disabled by the test")
        super().__init__(family, *a, **k)
def _refuse(*a, **k):
    sys.stderr.write("NETWORK-ATTEMPT resolve %r\\n" % (a[:1],)); sys.stderr.flush()
    raise OSError("network disabled by the test")
socket.socket = _Guarded
socket.create_connection = socket.getaddrinfo = socket.gethostbyname = _refuse
"""


@pytest.mark.slow
def test_the_server_never_touches_the_network(
    start_server: ClientFactory, server_cache: Path, tmp_path: Path, workspace: Path, tiny_export: Path
) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = server_env(server_cache, extra_path=guard)
    client = start_server({"backend": "onnx-int8", "modelPath": str(tiny_export)}, env=env)
    uri = client.open(workspace / "notes.txt", "run extract_logs.sh\n")
    assert client.hover(uri, 0, 6)["result"] is not None
    assert client.describe(["a.py", "b.sh"])["result"]["items"][0]["backend"] == "onnx-int8"
    client.notify("workspace/didChangeConfiguration", {"settings": {"filedesc": {"backend": "rules"}}})
    assert client.describe(["c.py"])["result"]["items"][0]["backend"] == "rules"
    assert client.close() == 0
    assert "NETWORK-ATTEMPT" not in client.stderr(), client.stderr()


# -- the content-aware hover reads only the workspace -------------------------------------------------------------
@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "ws", tmp_path / "outside"
    (root / "src").mkdir(parents=True)
    outside.mkdir()
    (root / "src" / "ok.py").write_text('"""Parses the logs of the build farm."""\n')
    (outside / "secret.py").write_text('"""Holds the secret key of production."""\n')
    os.symlink(outside / "secret.py", root / "src" / "link.py")
    os.symlink(outside, root / "src" / "linkdir")
    os.symlink(root / "src" / "loop_a.py", root / "src" / "loop_b.py")
    os.symlink(root / "src" / "loop_b.py", root / "src" / "loop_a.py")
    os.mkfifo(root / "src" / "pipe.py")
    (root / "src" / "folder.py").mkdir()
    return root, outside


@pytest.mark.parametrize(
    "reference",
    [
        "../outside/secret.py",
        "../../outside/secret.py",
        "src/../../outside/secret.py",
        "link.py",
        "src/link.py",
        "linkdir/secret.py",
        "loop_a.py",
        "pipe.py",
        "folder.py",
        "{outside}/secret.py",
        "C:\\Windows\\win.ini",
        "..\\outside\\secret.py",
        "ok.py\x00.txt",
        "",
    ],
)
def test_references_that_leave_the_workspace_are_refused(tree: tuple[Path, Path], reference: str) -> None:
    root, outside = tree
    reference = reference.replace("{outside}", str(outside))
    started = time.monotonic()
    assert resolve_in_workspace(reference, root / "src", [root]) is None
    assert describe_from_file(reference, root / "src", [root]) is None
    assert time.monotonic() - started < 2


def test_references_inside_the_workspace_are_read(tree: tuple[Path, Path]) -> None:
    root, _ = tree
    found = describe_from_file("ok.py", root / "src", [root])
    assert found is not None and found[1] == "Parses the logs of the build farm."
    assert describe_from_file("./src/ok.py", root, [root]) is not None


def test_only_the_head_of_a_huge_file_is_read(tree: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = tree
    big = root / "src" / "big.py"
    big.write_text('"""Builds the giant table of results."""\n' + "x = 1\n" * 2_000_000)
    reads: list[int] = []
    real_open = Path.open

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(n: int = -1) -> Any:
            reads.append(n)
            return real_read(n)

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", spy_open)
    found = describe_from_file("big.py", root / "src", [root])
    assert found is not None and reads and all(0 < n <= MAX_BYTES for n in reads)


def test_the_server_hover_never_shows_what_lies_outside(start_server: ClientFactory, tree: tuple[Path, Path]) -> None:
    root, _ = tree
    text = "see src/link.py\nsee ../outside/secret.py\nsee src/pipe.py\nsee src/ok.py\n"
    client = start_server()
    uri = client.open(root / "notes.md", text)
    shown = [str(client.hover(uri, line, 6, timeout=30).get("result")) for line in range(4)]
    assert not any("secret key" in s for s in shown)
    assert "Parses the logs" in shown[3]
