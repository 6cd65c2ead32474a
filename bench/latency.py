"""Size, load time, latency, throughput and memory of every backend, beside the flan-t5-small architecture anchor.

    python bench/latency.py [--model-root DIR] [--torch-model DIR] [--tokens 16] [--runs 200]
    python bench/latency.py --real-names [--corpus-test data/ds/corpus_test.jsonl] [--model-root DIR]

Each backend runs in a fresh subprocess (so load time and peak RSS are its own), one intra-op thread, greedy.
Model backends decode exactly ``--tokens`` tokens (min = max length), and so does the anchor: a T5 with
flan-t5-small's sizes (8+8 layers, d_model 512, gated-gelu, vocab 32128) and random weights, exported and quantized
by our own `filedesc export` code, so the ratio compares architectures, not training. Prints one table.

``--real-names``: the names a file explorer sends instead: those of ``../shared/data/real-dev.jsonl`` and of a
dataset's ``corpus_test`` split (``filedesc data build``), natural lengths, no forced token count. For each ONNX
backend: the single-name p50 / p95 over those names, and names/s through the Python API (``Describer``, cache off,
English) with 1 and with 2 threads (FILEDESC_THREADS), the median of ``--repeats`` passes over every name.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

NAMES = [
    "extract_window_events.sh",
    "analyser_logs.py",
    "getUserInfo.ts",
    "docker-compose.yml",
    "0003_add_invoice_status.py",
    "UserProfileCard.tsx",
    "calcul_impot_revenu.R",
    "release-notes.md",
]


def folder_bytes(path: Path) -> int:
    """Bytes a backend loads: ``generation.onnx`` + tokenizer + config for ONNX folders, else every file."""
    if path.is_file():
        return path.stat().st_size
    if not path.is_dir():
        return 0
    if (path / "generation.onnx").is_file():
        return sum((path / n).stat().st_size for n in ("generation.onnx", "tokenizer.json", "config.json"))
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(backend: str, model: str | None, tokens: int, runs: int) -> dict[str, float]:
    """Run inside the child process: load, warm up, time one name and a batch of 256."""
    os.environ.setdefault("FILEDESC_THREADS", "1")
    started = time.perf_counter()
    if backend.startswith("onnx-") or backend == "anchor":
        from filedesc.runtime.onnx_seq2seq import OnnxSeq2Seq

        assert model is not None
        runner = OnnxSeq2Seq(Path(model), threads=1)

        def run(names: list[str]) -> object:
            return runner.generate(names, ["en"] * len(names), min_tokens=tokens, max_tokens=tokens)
    else:
        from filedesc.plugins.backend import BackendOptions
        from filedesc.plugins.manager import BackendRegistry

        built = BackendRegistry().create(backend, BackendOptions(model_path=Path(model) if model else None, threads=1))

        def run(names: list[str]) -> object:
            return built.describe(names, "en")

    load = time.perf_counter() - started
    run(NAMES[:1])
    single = []
    for i in range(runs):
        t = time.perf_counter()
        run([NAMES[i % len(NAMES)]])
        single.append(time.perf_counter() - t)
    batch = [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f"_{i}") for i in range(256)]
    t = time.perf_counter()
    run(batch)
    batch_seconds = time.perf_counter() - t
    single.sort()
    return {
        "load_s": load,
        "p50_ms": 1000 * statistics.median(single),
        "p95_ms": 1000 * single[int(0.95 * (len(single) - 1))],
        "batch_names_per_s": 256 / batch_seconds,
        "peak_rss_mb": peak_rss_mb(),
    }


def real_names(real_dev: Path, corpus_test: Path | None) -> list[str]:
    """The distinct names of real-dev and corpus_test, in a fixed shuffled order (as a folder listing would mix)."""
    import random

    names: set[str] = set()
    for path in (real_dev, corpus_test):
        if path is not None and path.is_file():
            names |= {json.loads(line)["name"] for line in path.read_text(encoding="utf-8").splitlines() if line}
    ordered = sorted(names)
    random.Random(19).shuffle(ordered)
    return ordered


def measure_real(backend: str, model: str, names: list[str], runs: int, repeats: int) -> dict[str, float]:
    """Run inside the child process: single real names, then every name through the Python API."""
    from filedesc.service import Describer

    started = time.perf_counter()
    describer = Describer(backend, model_path=Path(model), cache=False)
    describer.describe(names[:1], "en")
    load = time.perf_counter() - started
    single = []
    for i in range(runs):
        t = time.perf_counter()
        describer.describe([names[i % len(names)]], "en")
        single.append(time.perf_counter() - t)
    passes = []
    for _ in range(repeats):
        t = time.perf_counter()
        describer.describe(names, "en")
        passes.append(time.perf_counter() - t)
    single.sort()
    return {
        "load_s": load,
        "p50_ms": 1000 * statistics.median(single),
        "p95_ms": 1000 * single[int(0.95 * (len(single) - 1))],
        "names_per_s": len(names) / statistics.median(passes),
        "peak_rss_mb": peak_rss_mb(),
    }


def real_names_table(args: argparse.Namespace, folders: list[tuple[str, Path]]) -> None:
    """The ``--real-names`` table: every folder at 1 and 2 threads, each in its own process."""
    names = real_names(args.real_dev, args.corpus_test)
    if not names:
        raise SystemExit(f"no names: neither {args.real_dev} nor {args.corpus_test} exists")
    print(
        f"{len(names)} real names (real-dev + corpus_test), English, natural lengths; "
        f"single-name p50 over {args.runs} names; names/s: median of {args.repeats} passes through Describer"
    )
    print(
        f"{'backend':<10} {'threads':>7} {'load s':>7} {'p50 ms':>8} {'p95 ms':>8} {'names/s':>8} {'RSS MB':>7}  model"
    )
    names_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"filedesc-bench-names-{os.getpid()}.json"
    names_file.write_text(json.dumps(names), encoding="utf-8")
    try:
        for name, model in folders:
            for threads in (1, 2):
                cmd = [sys.executable, __file__, "--child-real", name, str(model), str(names_file)]
                cmd += ["--runs", str(args.runs), "--repeats", str(args.repeats)]
                env = {**os.environ, "FILEDESC_NO_CACHE": "1", "FILEDESC_THREADS": str(threads)}
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, env=env)
                if proc.returncode != 0:
                    print(f"{name:<10} {threads:>7} failed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
                    continue
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                print(
                    f"{name:<10} {threads:>7} {r['load_s']:>8.2f} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} "
                    f"{r['names_per_s']:>8.0f} {r['peak_rss_mb']:>8.0f}  {model}"
                )
    finally:
        names_file.unlink(missing_ok=True)


def make_anchor(out: Path, tokenizer_dir: Path) -> Path:
    """Export the flan-t5-small architecture (random weights) with our code; returns its int8 folder."""
    if (out / "int8" / "config.json").is_file():
        return out / "int8"
    import shutil

    from transformers import T5Config, T5ForConditionalGeneration

    from filedesc.training.export import export_model

    config = T5Config(
        vocab_size=32128,
        d_model=512,
        d_kv=64,
        d_ff=1024,
        num_layers=8,
        num_decoder_layers=8,
        num_heads=6,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    model_dir = out / "model"
    model = T5ForConditionalGeneration(config)
    model.eval()
    model.save_pretrained(str(model_dir), safe_serialization=True)
    shutil.copy(tokenizer_dir / "tokenizer.json", model_dir / "tokenizer.json")
    export_model(model_dir, out, ["int8"])
    return out / "int8"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--model-root", type=Path, default=None, help="folder with int8/int4/fp32 exports (default: the shipped models)"
    )
    parser.add_argument("--torch-model", type=Path, default=None, help="model folder for the torch backend")
    parser.add_argument("--retrieval", type=Path, default=None, help="folder holding retrieval.jsonl.gz")
    parser.add_argument("--anchor-dir", type=Path, default=Path("/tmp/filedesc-anchor"))
    parser.add_argument("--tokens", type=int, default=16)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--real-names", action="store_true", help="real names, natural lengths, 1 and 2 threads")
    parser.add_argument("--real-dev", type=Path, default=Path("../shared/data/real-dev.jsonl"))
    parser.add_argument("--corpus-test", type=Path, default=Path("data/ds/corpus_test.jsonl"))
    parser.add_argument("--repeats", type=int, default=3, help="passes over every real name (--real-names)")
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "MODEL"), help=argparse.SUPPRESS)
    parser.add_argument("--child-real", nargs=3, metavar=("BACKEND", "MODEL", "NAMES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        backend, model = args.child
        print(json.dumps(measure(backend, None if model == "-" else model, args.tokens, args.runs)))
        return
    if args.child_real:
        backend, model, names_path = args.child_real
        names = json.loads(Path(names_path).read_text(encoding="utf-8"))
        print(json.dumps(measure_real(backend, model, names, args.runs, args.repeats)))
        return
    from filedesc.runtime.model_folder import shipped_model_dir

    def onnx_dir(quant: str) -> Path:
        return args.model_root / quant if args.model_root else shipped_model_dir(quant)

    if args.real_names:
        real_names_table(args, [(f"onnx-{q}", onnx_dir(q)) for q in ("int8", "int4")])
        return

    rows: list[tuple[str, Path | None]] = [("rules", None), ("retrieval", args.retrieval)]
    rows += [(f"onnx-{q}", onnx_dir(q)) for q in ("int8", "int4", "fp32")]
    rows += [("torch", args.torch_model or shipped_model_dir("torch"))]
    rows += [("anchor", make_anchor(args.anchor_dir, onnx_dir("int8")))]
    results: dict[str, dict[str, float]] = {}
    header = (
        f"{'backend':<22} {'size MB':>8} {'load s':>7} {'p50 ms':>8} {'p95 ms':>8} {'names/s@256':>12} "
        f"{'peak RSS MB':>12} {'p50 vs anchor':>14}"
    )
    print(f"one thread, greedy, {args.tokens} tokens decoded by every model backend; {args.runs} single-name runs")
    print(header)
    for name, model in rows:
        if model is not None and not model.exists():
            print(f"{name:<22} (no model at {model})")
            continue
        cmd = [
            sys.executable,
            __file__,
            "--child",
            name,
            str(model) if model else "-",
            "--tokens",
            str(args.tokens),
            "--runs",
            str(args.runs),
        ]
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, "FILEDESC_NO_CACHE": "1", "FILEDESC_THREADS": "1"},
        )
        if proc.returncode != 0:
            print(f"{name:<22} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else '?'}")
            continue
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    anchor = results.get("anchor", {}).get("p50_ms")
    for name, model in rows:
        if name not in results:
            continue
        r = results[name]
        label = "anchor (flan-t5-small)" if name == "anchor" else name
        size = folder_bytes(model) / 1e6 if model else 0.0
        ratio = f"{anchor / r['p50_ms']:.1f}x faster" if anchor and name != "anchor" else "-"
        print(
            f"{label:<22} {size:>8.1f} {r['load_s']:>7.2f} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} "
            f"{r['batch_names_per_s']:>12.0f} {r['peak_rss_mb']:>12.0f} {ratio:>14}"
        )


if __name__ == "__main__":
    main()
