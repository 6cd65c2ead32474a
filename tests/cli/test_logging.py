"""The command line's logging: filedesc's own messages on stderr, other libraries' only with ``-v``, labelled."""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from filedesc.cli import main
from filedesc.cli._logs import StderrHandler, configure, source_label

ORT_FILE = "/venv/lib/python3.11/site-packages/onnxruntime/quantization/quantize.py"


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, transformers = root.level, os.environ.get("TRANSFORMERS_VERBOSITY")
    os.environ.pop("TRANSFORMERS_VERBOSITY", None)
    yield
    for handler in [h for h in root.handlers if isinstance(h, StderrHandler)]:
        root.removeHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(False)
    os.environ.pop("TRANSFORMERS_VERBOSITY", None)
    if transformers is not None:
        os.environ["TRANSFORMERS_VERBOSITY"] = transformers


def _root_record(message: str, level: int = logging.WARNING) -> None:
    """What ONNX Runtime's quantizer does: ``logging.warning(...)`` on the root logger, from its own file."""
    record = logging.LogRecord("root", level, ORT_FILE, 1, message, None, None)
    logging.getLogger().handle(record)


def test_by_default_only_filedesc_speaks(capsys: pytest.CaptureFixture[str]) -> None:
    configure(0)
    _root_record("Please consider to run pre-processing before quantization.")
    logging.getLogger("bitsandbytes.cextension").warning("Failed to load CPU gemm_4bit_forward")
    logging.getLogger("filedesc.training.export").info("an info nobody asked for")
    logging.getLogger("filedesc.training.export").warning("int4 parity is low")
    logging.getLogger("onnxruntime").error("the model is invalid")
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "filedesc: WARNING: int4 parity is low",
        "filedesc: ERROR: [onnxruntime] the model is invalid",
    ]


def test_verbose_shows_other_libraries_warnings_with_their_name(capsys: pytest.CaptureFixture[str]) -> None:
    configure(1)
    _root_record("Please consider to run pre-processing before quantization.")
    _root_record("Quantization parameters for tensor x not specified", logging.INFO)
    logging.getLogger("filedesc.adapt").info("mined 53 pairs")
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "filedesc: WARNING: [onnxruntime] Please consider to run pre-processing before quantization.",
        "filedesc: INFO: mined 53 pairs",
    ]
    configure(2)
    _root_record("Quantization parameters for tensor x not specified", logging.INFO)
    assert capsys.readouterr().err.count("[onnxruntime]") == 1


def test_python_warnings_of_libraries_are_logged_like_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    for verbosity in (0, 1):
        configure(verbosity)
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("torch.jit.script_method is deprecated", UserWarning, stacklevel=1)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("filedesc: WARNING: [") and "script_method is deprecated" in err[0]


def test_labels() -> None:
    def label(name: str, path: str) -> str:
        return source_label(logging.LogRecord(name, logging.WARNING, path, 1, "m", None, None))

    assert label("root", ORT_FILE) == "onnxruntime"
    assert label("transformers.modeling_utils", "/x.py") == "transformers"
    assert label("py.warnings", "/usr/lib/python3/warnings.py") == "warnings"
    torch_warning = logging.LogRecord(
        "py.warnings", 30, "/w.py", 1, "/v/site-packages/torch/jit/_script.py:365: DeprecationWarning: x", None, None
    )
    assert source_label(torch_warning) == "torch"


def test_main_twice_keeps_one_handler_and_the_host_s_handlers(capsys: pytest.CaptureFixture[str]) -> None:
    host = logging.NullHandler()
    logging.getLogger().addHandler(host)
    try:
        for _ in range(2):
            assert main(["backends"]) == 0
        handlers = logging.getLogger().handlers
        assert sum(isinstance(h, StderrHandler) for h in handlers) == 1 and host in handlers
    finally:
        logging.getLogger().removeHandler(host)
    capsys.readouterr()


def test_real_onnx_runtime_quantizer_is_quiet_unless_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    onnx = pytest.importorskip("onnx")
    numpy = pytest.importorskip("numpy")
    from onnx import TensorProto, helper, numpy_helper

    from filedesc.training.quantize import quantize_int8

    weight = numpy_helper.from_array(numpy.ones((64, 64), dtype=numpy.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 64])],
        [weight],
    )
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), tmp_path / "m.onnx")
    configure(0)
    quantize_int8(tmp_path / "m.onnx", tmp_path / "q0.onnx")
    quiet = capsys.readouterr()
    assert quiet.out == "" and quiet.err == ""
    configure(1)
    quantize_int8(tmp_path / "m.onnx", tmp_path / "q1.onnx")
    assert "filedesc: WARNING: [onnxruntime] Please consider to run pre-processing" in capsys.readouterr().err
