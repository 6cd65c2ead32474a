"""Every backend through the same contract, and the errors a broken model folder gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from filedesc.errors import FiledescError, ModelFileError
from filedesc.service import Describer

pytestmark = pytest.mark.slow

BACKENDS = ["rules", "retrieval", "torch", "onnx-fp32", "onnx-int8", "onnx-int4"]


def _model_path(backend: str, tiny_run: Path, export: Path) -> Path | None:
    if backend == "rules":
        return None
    if backend == "torch":
        return tiny_run / "model"
    if backend == "retrieval":
        return tiny_run  # `filedesc train` writes retrieval.jsonl.gz there
    return export


@pytest.mark.parametrize("backend", BACKENDS)
def test_backend_contract(backend: str, tiny_run: Path, tiny_export: Path) -> None:
    d = Describer(backend, model_path=_model_path(backend, tiny_run, tiny_export), cache=False)
    b = d.backend()
    assert b.name == backend and b.model_id
    names = ["extract_logs.sh", "README.md", "x" * 300 + ".py", "évènements_récents.csv", "a"]
    for lang in ("en", "fr"):
        out = d.describe(names, lang)
        assert [o.name for o in out] == names
        assert all(o.description and o.description.endswith((".", "!", "?")) for o in out), out
        assert all(o.backend == backend and o.lang == lang for o in out)
    assert d.describe([], "en") == []


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda f: (f / "generation.onnx").write_bytes(b"\x08\x01garbage" * 10), "generation.onnx"),
        (lambda f: (f / "generation.onnx").write_bytes(b""), "generation.onnx: empty"),
        (lambda f: (f / "config.json").unlink(), "config.json: missing"),
        (lambda f: (f / "config.json").write_text("{not json"), "config.json: not valid JSON"),
        (lambda f: (f / "config.json").write_text(json.dumps({"format": "x"})), "config.json: lacks"),
        (lambda f: (f / "tokenizer.json").write_text("[]"), "tokenizer.json"),
    ],
)
def test_broken_model_files_name_the_file_and_fix(
    tiny_export: Path,
    tmp_path: Path,
    damage: object,
    expected: str,
) -> None:
    folder = _copy(tiny_export / "int8", tmp_path / "int8")
    damage(folder)  # type: ignore[operator]
    with pytest.raises(FiledescError) as info:  # ModelFileError, or "unavailable" when config.json is gone
        Describer("onnx-int8", model_path=folder, cache=False).describe(["a.py"], "en")
    message = str(info.value)
    assert expected in message and "filedesc export" in message


def test_tokenizer_of_another_model_is_refused(tiny_export: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_export / "int8", tmp_path / "int8")
    config = json.loads((folder / "config.json").read_text())
    config["vocab_size"] = 50
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelFileError, match="does not belong to this model"):
        Describer("onnx-int8", model_path=folder, cache=False).describe(["a.py"], "en")


def test_missing_model_is_unavailable_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(FiledescError, match="filedesc export"):
        Describer("onnx-int8", model_path=tmp_path / "nowhere", cache=False).describe(["a.py"], "en")


@pytest.mark.parametrize("words_only", ["", "1"], ids=["greedy", "words-only"])
def test_onnx_describe_never_imports_torch(tiny_export: Path, words_only: str) -> None:
    code = (
        "import sys; from filedesc.cli import main; "
        f"rc = main(['describe', '--backend', 'onnx-int8', '--model', {str(tiny_export)!r}, '--lang', 'fr', "
        "'extract_logs.sh']); "
        "bad = [m for m in ('torch', 'transformers', 'filedesc.training') if m in sys.modules]; "
        "print('LOADED', bad, file=sys.stderr); sys.exit(rc or (3 if bad else 0))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FILEDESC_NO_CACHE": "1", "FILEDESC_WORDS_ONLY": words_only},
    )
    assert proc.returncode == 0, proc.stderr
    assert "LOADED []" in proc.stderr
    assert proc.stdout.startswith("Script shell")
