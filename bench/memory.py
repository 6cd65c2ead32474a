"""Where a serving process's resident memory goes, stage by stage (issue 19: RSS <= 150 MB without torch).

    python bench/memory.py [--backends rules,onnx-int8,onnx-int4] [--names FILE] [--workers 1,2] [--chunks 8]

Each (backend, workers, chunk size) runs in a fresh subprocess that records its RSS after each stage:

- ``imports``: numpy, onnxruntime, tokenizers, pygls and filedesc imported (what ``filedesc serve`` imports);
- ``backend``: the backend built (for a model: the ONNX Runtime session);
- ``first``: one name described (the lexicon's first look-ups);
- ``batch``: every name of ``--names`` described in English then French, in calls of 256 (as ``Describer`` does);
- ``again``: the same once more (a leak grows here; buffers that reached their size do not);
- ``trimmed``: after glibc's ``malloc_trim(0)`` (freed native memory given back; Linux only).

Names default to 1,000 made-up ones; pass real names (one a line) for the numbers that matter. Prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

STAGES = ("imports", "backend", "first", "batch", "again", "trimmed")
VERBS = ["get", "parse", "load", "send", "build", "extract", "check", "render", "sync", "clean"]
NOUNS = ["user", "log", "event", "config", "report", "cache", "token", "window", "order", "image"]
EXTS = ["py", "sh", "ts", "js", "go", "rs", "yaml", "json", "md", "sql"]


def made_up_names(count: int) -> list[str]:
    """Distinct names in the usual styles (snake, camel, kebab)."""
    names = []
    for i in range(count):
        verb, noun, ext = VERBS[i % 10], NOUNS[(i // 10) % 10], EXTS[(i // 100) % 10]
        stems = (f"{verb}_{noun}_{i}", f"{verb}{noun.title()}{i}", f"{verb}-{noun}-{i}")
        stem = stems[i % 3]
        names.append(f"{stem}.{ext}")
    return names


def child(backend: str, workers: int, chunk: int, names_file: str) -> None:
    """Run the stages in this process and print their RSS (MB) as JSON."""
    import psutil

    process = psutil.Process()
    rss: dict[str, float] = {}

    def mark(stage: str) -> None:
        rss[stage] = round(process.memory_info().rss / 2**20, 1)

    import numpy  # noqa: F401
    import onnxruntime  # noqa: F401
    import pygls.server  # noqa: F401
    import tokenizers  # noqa: F401

    from filedesc.service import Describer

    os.environ["FILEDESC_THREADS"] = str(workers)
    mark("imports")
    describer = Describer(backend, cache=False)
    model = getattr(describer.backend(), "model", None)
    if model is not None:
        model.chunk_size = chunk  # rows per generation call (OnnxSeq2Seq)
    mark("backend")
    describer.describe(["extract_window_events.sh"], "en")
    mark("first")
    names = Path(names_file).read_text(encoding="utf-8").split()
    for stage in ("batch", "again"):
        for lang in ("en", "fr"):
            for start in range(0, len(names), 256):
                describer.describe(names[start : start + 256], lang)
        mark(stage)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
        mark("trimmed")
    except (OSError, AttributeError):
        rss["trimmed"] = rss["again"]
    print(json.dumps(rss))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="rules,onnx-int8,onnx-int4")
    parser.add_argument("--names", type=Path, default=None, help="names to describe, one a line")
    parser.add_argument("--workers", default="2", help="FILEDESC_THREADS values to try, comma-separated")
    parser.add_argument("--chunks", default="8", help="chunk sizes (rows per generation call) to try")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        backend, workers, chunk, names_file = args.child
        child(backend, int(workers), int(chunk), names_file)
        return 0
    names_file = args.names
    if names_file is None:
        import tempfile

        handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
        handle.write("\n".join(made_up_names(1000)) + "\n")
        handle.close()
        names_file = Path(handle.name)
    count = len(names_file.read_text(encoding="utf-8").split())
    print(f"filedesc memory: {count} names from {args.names or 'made-up names'}; RSS in MB after each stage")
    print(f"{'backend':<11} {'workers':>7} {'chunk':>5} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'growth':>7}")
    for backend in args.backends.split(","):
        model = backend.startswith("onnx")
        for workers in args.workers.split(",") if model else ["1"]:
            for chunk in args.chunks.split(",") if model else ["8"]:
                run = subprocess.run(
                    [sys.executable, __file__, "--child", backend, workers, chunk, str(names_file)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if run.returncode != 0:
                    print(f"{backend:<11} failed: {run.stderr.strip().splitlines()[-1:]}")
                    continue
                rss = json.loads(run.stdout.strip().splitlines()[-1])
                cells = " ".join(f"{rss[s]:>8}" for s in STAGES)
                shown_chunk = chunk if model else "-"
                print(
                    f"{backend:<11} {workers if model else '-':>7} {shown_chunk:>5} {cells} "
                    f"{rss['again'] - rss['first']:>+7.1f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
