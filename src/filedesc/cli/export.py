"""``filedesc export``: a trained model to ONNX folders (fp32, int8, int4) the ONNX backends load."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

QUANTS = ("fp32", "int8", "int4")


def register(subparsers: Any) -> None:
    """Add the ``export`` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="export a trained model to ONNX, int8 and int4 (needs filedesc[train])",
        description="Export the model/ folder of a `filedesc train` run to one folder per quantization "
        "(OUT/fp32, OUT/int8, OUT/int4), each with generation.onnx (the whole generation in one ONNX Runtime call), "
        "encoder.onnx, decoder.onnx, tokenizer.json and config.json. Use them with "
        "`filedesc describe --backend onnx-int8 --model OUT`.",
    )
    parser.add_argument("--model", type=Path, required=True, help="the model/ folder written by `filedesc train`")
    parser.add_argument("--out", type=Path, required=True, help="output root folder")
    parser.add_argument("--quant", default="fp32,int8,int4", help="comma-separated subset of fp32,int8,int4")
    parser.add_argument("--no-check", action="store_true", help="skip the parity check against PyTorch")
    parser.add_argument(
        "--runtime-only",
        action="store_true",
        help="keep only generation.onnx, tokenizer.json and config.json (what ships in the package)",
    )
    parser.add_argument(
        "--torch-graphs",
        action="store_true",
        help="export the graphs with torch.onnx instead of ONNX Runtime's fused operators (slower; the reference)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export, check parity, print the folder sizes."""
    quants = [q.strip() for q in args.quant.split(",") if q.strip()]
    unknown = sorted(set(quants) - set(QUANTS))
    if unknown or not quants:
        print(
            f"filedesc: error: --quant takes a comma-separated subset of {','.join(QUANTS)}, got {args.quant!r}",
            file=sys.stderr,
        )
        return 2
    from filedesc.training.export import export_model
    from filedesc.training.parity import check_parity, folder_size

    folders = export_model(args.model, args.out, quants, runtime_only=args.runtime_only, fused=not args.torch_graphs)
    for quant, folder in folders.items():
        sys.stdout.write(f"{quant}: {folder} ({folder_size(folder) / 1e6:.1f} MB)\n")
    if not args.no_check and "fp32" in folders:
        report = check_parity(args.model, folders)
        for line in report:
            sys.stdout.write(line + "\n")
    return 0
