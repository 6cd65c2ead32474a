"""Parity checks: the fp32 export against PyTorch token for token, and int8/int4 agreement with fp32."""

from __future__ import annotations

from pathlib import Path

PROBE_NAMES = [
    "extract_window_events.sh",
    "analyser_logs.py",
    "getUserInfo.ts",
    "docker-compose.yml",
    "README.md",
    "0001_initial.py",
    "test_parser.py",
    "calcul_impot_revenu.R",
    "build-release.yml",
    "UserProfileCard.tsx",
]


def folder_size(folder: Path) -> int:
    """Bytes of the files a backend loads (generation.onnx is enough for the default path)."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def torch_greedy(model_dir: Path, names: list[str], lang: str) -> list[str]:
    """Reference outputs from ``transformers``' ``generate`` (the model alone: no curated answers)."""
    from filedesc.plugins.torch_backend import TorchBackend

    return TorchBackend(model_dir).model_outputs(names, lang)


def check_parity(model_dir: Path, folders: dict[str, Path], names: list[str] | None = None) -> list[str]:
    """Lines of report: fp32 vs torch (exact), then each quantization vs fp32 (exact-match rate and chrF)."""
    import sacrebleu

    from filedesc.runtime.onnx_seq2seq import OnnxSeq2Seq

    names = names or PROBE_NAMES
    lines: list[str] = []
    for lang in ("en", "fr"):
        reference = torch_greedy(model_dir, names, lang)
        outputs = {q: OnnxSeq2Seq(f).generate(names, [lang] * len(names)) for q, f in folders.items()}
        if "fp32" in outputs:
            same = sum(a == b for a, b in zip(outputs["fp32"], reference, strict=True))
            lines.append(f"{lang}: fp32 ONNX equals PyTorch on {same}/{len(names)} names")
        for quant, out in outputs.items():
            if quant == "fp32" or "fp32" not in outputs:
                continue
            same = sum(a == b for a, b in zip(out, outputs["fp32"], strict=True))
            chrf = sacrebleu.corpus_chrf(out, [outputs["fp32"]]).score
            lines.append(f"{lang}: {quant} equals fp32 on {same}/{len(names)} names, chrF {chrf:.1f}")
    return lines
