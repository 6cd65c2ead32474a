"""Model backends (the tiny trained model and its ONNX exports) under hostile names and broken model folders.

Every model backend answers every name that survives normalisation, and what it encodes is bounded: names are cut
to ``MAX_NAME_CHARS`` before the tokenizer, and ids to the model's input length. A broken folder gives a
``FiledescError`` naming the file at fault and the fix; the server then falls back to ``rules`` and says so.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filedesc.errors import FiledescError
from filedesc.filenames import decode_name
from filedesc.plugins.backend import Backend, BackendOptions
from filedesc.prompt import MAX_NAME_CHARS, normalize_name
from filedesc.service import Describer
from tests.reliability.conftest import ClientFactory
from tests.reliability.strategies import SPECIMENS, hostile_names

pytestmark = pytest.mark.slow

ONNX = ["onnx-int8", "onnx-int4", "onnx-fp32"]
FIX_WORDS = ("filedesc export", "Re-export", "Reinstall")


def _model_path(backend: str, tiny_run: Path, tiny_export: Path) -> Path:
    return tiny_run / "model" if backend == "torch" else tiny_export


class _Spy:
    """Wraps a tokenizer's ``encode_prompts`` to record the names and the id lengths a backend encodes."""

    def __init__(self, tokenizer: Any) -> None:
        self.names: list[str] = []
        self.lengths: list[int] = []
        self._inner = tokenizer.encode_prompts

    def __call__(self, names: Any, langs: Any, max_length: int, drafts: Any = None) -> list[list[int]]:
        rows: list[list[int]] = self._inner(names, langs, max_length, drafts)
        self.names.extend(names)
        self.lengths.extend(len(r) for r in rows)
        return rows


@pytest.fixture(scope="module", params=[*ONNX, "torch"])
def model_describer(
    request: pytest.FixtureRequest, tiny_run: Path, tiny_export: Path
) -> Iterator[tuple[Describer, _Spy, int]]:
    backend_name: str = request.param
    describer = Describer(backend_name, model_path=_model_path(backend_name, tiny_run, tiny_export), cache=False)
    backend: Any = describer.backend()
    if backend_name == "torch":
        from filedesc.plugins.torch_backend import MAX_INPUT

        tokenizer, limit = backend.tokenizer, MAX_INPUT
    else:
        tokenizer, limit = backend.model.tokenizer, int(backend.model.config["max_input_length"])
    spy = _Spy(tokenizer)
    tokenizer.encode_prompts = spy
    yield describer, spy, limit


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(hostile_names(), min_size=1, max_size=4), lang=st.sampled_from(["en", "fr"]))
def test_model_backends_answer_hostile_names_within_bounds(
    model_describer: tuple[Describer, _Spy, int], names: list[str], lang: str
) -> None:
    describer, spy, limit = model_describer
    names = [n for n in names if normalize_name(n)] or ["fallback.py"]
    out = describer.describe(names, lang)
    assert [o.name for o in out] == [decode_name(n).display for n in names]  # control characters shown escaped
    assert all(isinstance(o.description, str) for o in out)
    assert spy.names and all(0 < len(n) <= MAX_NAME_CHARS for n in spy.names)
    assert all(length <= limit for length in spy.lengths), (max(spy.lengths), limit)


def test_model_backends_take_every_specimen_in_one_batch(model_describer: tuple[Describer, _Spy, int]) -> None:
    describer, spy, limit = model_describer
    names = [n for n in SPECIMENS if normalize_name(n)]
    out = describer.describe(names, "fr")
    assert len(out) == len(names)
    assert max(spy.lengths) <= limit and max(len(n) for n in spy.names) <= MAX_NAME_CHARS


# -- broken model folders ---------------------------------------------------------------------------------------
Damage = Callable[[Path], None]


def _truncate(name: str) -> Damage:
    def damage(folder: Path) -> None:
        path = folder / name
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    return damage


def _edit_config(**changes: Any) -> Damage:
    def damage(folder: Path) -> None:
        config = json.loads((folder / "config.json").read_text())
        config.update(changes)
        (folder / "config.json").write_text(json.dumps(config))

    return damage


def _write(name: str, data: bytes) -> Damage:
    def damage(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return damage


def _step_graphs_only(folder: Path) -> None:
    (folder / "generation.onnx").unlink()
    _truncate("decoder.onnx")(folder)


def _remove(name: str) -> Damage:
    def damage(folder: Path) -> None:
        (folder / name).unlink()

    return damage


def _foreign_tokenizer(folder: Path) -> None:
    from tokenizers import Tokenizer, models, pre_tokenizers

    tok = Tokenizer(models.WordLevel({"<unk>": 0, "hello": 1}, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.save(str(folder / "tokenizer.json"))


ONNX_DAMAGE: dict[str, tuple[Damage, str]] = {
    "truncated generation.onnx": (_truncate("generation.onnx"), "generation.onnx"),
    "truncated tokenizer.json": (_truncate("tokenizer.json"), "tokenizer.json"),
    "config is a list": (_write("config.json", b"[1, 2]"), "config.json"),
    "config in latin-1": (_write("config.json", b'{"name": "\xe9"}'), "config.json"),
    "newer format": (_edit_config(format_version=99), "config.json"),
    "other format": (_edit_config(format="hf-t5"), "config.json"),
    "tokenizer of another model": (_foreign_tokenizer, "tokenizer.json"),
    "vocab smaller than tokenizer": (_edit_config(vocab_size=10), "tokenizer.json"),
    "step graphs only, decoder truncated": (_step_graphs_only, "decoder.onnx"),
}


@pytest.mark.parametrize("case", list(ONNX_DAMAGE))
def test_broken_onnx_folder_names_the_file_and_the_fix(tiny_export: Path, tmp_path: Path, case: str) -> None:
    damage, file_name = ONNX_DAMAGE[case]
    folder = tmp_path / "int8"
    shutil.copytree(tiny_export / "int8", folder)
    damage(folder)
    with pytest.raises(FiledescError) as info:
        Describer("onnx-int8", model_path=folder, cache=False).describe(["a.py"], "en")
    message = str(info.value)
    assert file_name in message and str(folder) in message, message
    assert any(word in message for word in FIX_WORDS), message


TORCH_DAMAGE: dict[str, tuple[Damage, str]] = {
    "no safetensors": (_remove("model.safetensors"), "model.safetensors"),
    "truncated safetensors": (_truncate("model.safetensors"), "model.safetensors"),
    "garbage config": (_write("config.json", b"{oops"), "config.json"),
    "empty tokenizer": (_write("tokenizer.json", b""), "tokenizer.json"),
}


@pytest.mark.parametrize("case", list(TORCH_DAMAGE))
def test_broken_torch_folder_names_the_file(tiny_run: Path, tmp_path: Path, case: str) -> None:
    damage, file_name = TORCH_DAMAGE[case]
    folder = tmp_path / "model"
    shutil.copytree(tiny_run / "model", folder)
    damage(folder)
    with pytest.raises(FiledescError) as info:
        Describer("torch", model_path=folder, cache=False).describe(["a.py"], "en")
    assert file_name in str(info.value), str(info.value)


def test_a_plugin_factory_that_fails_oddly_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    describer = Describer("rules", cache=False)

    def explode(options: BackendOptions) -> Backend:
        raise KeyError("weights")

    spec = dataclasses.replace(describer.registry.spec("rules"), factory=explode)
    monkeypatch.setitem(describer.registry._specs, "rules", spec)
    with pytest.raises(FiledescError, match="could not be built"):
        describer.describe(["a.py"], "en")


@pytest.mark.parametrize("case", ["truncated generation.onnx", "tokenizer of another model", "newer format"])
def test_server_falls_back_to_rules_and_warns(
    start_server: ClientFactory, tiny_export: Path, tmp_path: Path, case: str
) -> None:
    damage, file_name = ONNX_DAMAGE[case]
    folder = tmp_path / "int8"
    shutil.copytree(tiny_export / "int8", folder)
    damage(folder)
    client = start_server({"backend": "onnx-int8", "modelPath": str(folder)})
    items = client.describe(["extract_window_events.sh"])["result"]["items"]
    assert items[0]["backend"] == "rules" and items[0]["description"].startswith("Shell script")
    warnings = [m for m in client.shown_messages() if file_name in m]
    assert warnings and "'rules'" in warnings[0], client.shown_messages()
    client.assert_clean_stdout()


def test_server_uses_the_tiny_int8_export(start_server: ClientFactory, tiny_export: Path) -> None:
    client = start_server({"backend": "onnx-int8", "modelPath": str(tiny_export)})
    items = client.describe(["extract_logs.sh", "x" * 4000 + ".py"])["result"]["items"]
    assert all(item["backend"] == "onnx-int8" for item in items), items
    client.assert_clean_stdout()
