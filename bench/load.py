"""Load benchmark for the filedesc Language Server: many hovers and big batch requests, up to N in flight.

Starts ``python -m filedesc serve`` (stdio by default, or ``--tcp 127.0.0.1:PORT``), opens a document full of
file names, then sends ``--hovers`` hover requests and ``--batches`` ``filedesc/describe`` requests of
``--batch-size`` distinct names, keeping at most ``--concurrency`` requests in flight. Prints a table of latency
percentiles, errors (must be 0) and the server's resident memory after warm-up and at the end (must be flat).

    python bench/load.py                                   # rules backend, stdio
    python bench/load.py --backend onnx-int8 --model EXPORT_DIR
    python bench/load.py --tcp 127.0.0.1:2087 --hovers 2000 --batches 10

Exit status: 0 when there was no error and memory grew by less than ``--max-growth-mb`` after warm-up, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

VERBS = ["get", "parse", "load", "send", "build", "extract", "check", "render", "sync", "clean"]
NOUNS = ["user", "log", "event", "config", "report", "cache", "token", "window", "order", "image"]
EXTS = ["py", "sh", "ts", "js", "go", "rs", "yaml", "json", "md", "sql"]


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body


class Client:
    """A minimal asyncio JSON-RPC client: requests by id, answers the server's own requests with null."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.next_id = 0
        self.notifications = 0
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        while True:
            length = None
            while True:
                line = await self.reader.readline()
                if not line:
                    for future in self.pending.values():
                        if not future.done():
                            future.set_exception(ConnectionError("server closed the stream"))
                    return
                if line in (b"\r\n", b"\n"):
                    break
                key, _, value = line.decode("ascii").partition(":")
                if key.lower() == "content-length":
                    length = int(value)
            if length is None:
                raise ConnectionError("a message without Content-Length: stdout is corrupted")
            message = json.loads(await self.reader.readexactly(length))
            if "method" in message and "id" in message:
                self.writer.write(frame({"jsonrpc": "2.0", "id": message["id"], "result": None}))
            elif "method" in message:
                self.notifications += 1
            elif message.get("id") in self.pending:
                self.pending.pop(message["id"]).set_result(message)

    async def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        self.writer.write(frame({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}))
        await self.writer.drain()
        return await future

    def notify(self, method: str, params: Any) -> None:
        self.writer.write(frame({"jsonrpc": "2.0", "method": method, "params": params}))


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0, "max": 0.0, "mean": 0.0}

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {
        "p50": pick(0.5),
        "p90": pick(0.9),
        "p99": pick(0.99),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


async def run_phase(
    client: Client, requests: list[tuple[str, Any]], concurrency: int, check: Any
) -> tuple[list[float], int, list[str], float]:
    """Send ``requests`` with at most ``concurrency`` in flight; returns latencies (ms), errors, samples, wall s."""
    latencies: list[float] = []
    errors: list[str] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(method: str, params: Any) -> None:
        async with gate:
            started = time.perf_counter()
            try:
                response = await client.request(method, params)
            except Exception as exc:
                errors.append(repr(exc))
                return
            latencies.append(1000 * (time.perf_counter() - started))
            problem = check(response)
            if problem:
                errors.append(problem)

    started = time.perf_counter()
    await asyncio.gather(*(one(m, p) for m, p in requests))
    return latencies, len(errors), errors[:3], time.perf_counter() - started


def hover_check(response: dict[str, Any]) -> str | None:
    if "error" in response:
        return str(response["error"])[:200]
    if response.get("result") is None:
        return "hover without a result"
    return None


def batch_check(size: int) -> Any:
    def check(response: dict[str, Any]) -> str | None:
        if "error" in response:
            return str(response["error"])[:200]
        items = response["result"]["items"]
        if len(items) != size or any("error" in item or not item.get("description") for item in items):
            return f"batch answered {len(items)} items, some without a description"
        return None

    return check


def rss_mb(process: psutil.Process) -> float:
    """Resident memory of the server and its children, in MB."""
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return float(total) / 1e6


def make_document(lines: int) -> tuple[str, list[tuple[int, int]]]:
    rows, positions = [], []
    for i in range(lines):
        name = f"{VERBS[i % 10]}_{NOUNS[(i // 10) % 10]}_{i // 100}.{EXTS[(i * 7) % 10]}"
        rows.append(f"run {name} now")
        positions.append((i, 4 + len(name) // 2))
    return "\n".join(rows) + "\n", positions


async def connect(args: argparse.Namespace, env: dict[str, str]) -> tuple[Client, asyncio.subprocess.Process]:
    command = [sys.executable, "-m", "filedesc", "serve"]
    if args.tcp:
        proc = await asyncio.create_subprocess_exec(
            *command, "--tcp", args.tcp, env=env, stdin=asyncio.subprocess.DEVNULL
        )
        host, _, port = args.tcp.rpartition(":")
        for _ in range(100):
            try:
                reader, writer = await asyncio.open_connection(host.strip("[]"), int(port))
                break
            except OSError:
                await asyncio.sleep(0.1)
        else:
            raise SystemExit(f"could not connect to the server on {args.tcp}")
    else:
        proc = await asyncio.create_subprocess_exec(
            *command, env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**24
        )
        assert proc.stdout is not None and proc.stdin is not None
        reader, writer = proc.stdout, proc.stdin  # type: ignore[assignment]
    return Client(reader, writer), proc


async def main_async(args: argparse.Namespace) -> int:
    cache_dir = Path(args.cache_dir or tempfile.mkdtemp(prefix="filedesc-load-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FILEDESC_")}
    env.update(FILEDESC_CACHE_DIR=str(cache_dir), LANG="en_US.UTF-8")
    if args.threads:
        env["FILEDESC_THREADS"] = str(args.threads)
    workspace = Path(tempfile.mkdtemp(prefix="filedesc-ws-"))
    client, proc = await connect(args, env)
    server = psutil.Process(proc.pid)
    options: dict[str, Any] = {"backend": args.backend, "requestTimeout": 600}
    if args.model:
        options["modelPath"] = str(Path(args.model).resolve())
    started = time.perf_counter()
    init = {
        "processId": os.getpid(),
        "rootUri": workspace.as_uri(),
        "capabilities": {},
        "initializationOptions": options,
    }
    await client.request("initialize", init)
    client.notify("initialized", {})
    check = await client.request("filedesc/describe", {"names": ["warm_up.py"], "lang": "en"})
    backend = check["result"]["items"][0]["backend"] if "result" in check else f"ERROR {check.get('error')}"
    startup = time.perf_counter() - started
    if args.backend and backend != args.backend:
        print(f"warning: asked for {args.backend}, the server uses {backend}", file=sys.stderr)

    text, positions = make_document(args.document_lines)
    uri = (workspace / "names.txt").as_uri()
    client.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}
    )
    hovers = [
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": char}})
        for line, char in (positions[i % len(positions)] for i in range(args.hovers))
    ]
    warm = max(1, args.hovers // 10)
    await run_phase(client, hovers[:warm], args.concurrency, hover_check)  # warm-up: not measured
    rss_warm = rss_mb(server)
    lat_h, err_h, sample_h, wall_h = await run_phase(client, hovers[warm:], args.concurrency, hover_check)
    rss_hover = rss_mb(server)

    pool = read_names(args.names_file) if args.names_file else []
    batches = []
    for b in range(args.batches):
        names = [
            f"{VERBS[i % 10]}_{NOUNS[(i // 10) % 10]}_{b}_{i}.{EXTS[(i // 100) % 10]}" for i in range(args.batch_size)
        ]
        if pool:  # real names, each batch starting where the last ended (cached only once the pool wraps round)
            names = [pool[(b * args.batch_size + i) % len(pool)] for i in range(args.batch_size)]
        batches.append(("filedesc/describe", {"names": names, "lang": "fr" if b % 2 else "en"}))
    lat_b, err_b, sample_b, wall_b = await run_phase(client, batches, args.concurrency, batch_check(args.batch_size))
    rss_end = rss_mb(server)

    await client.request("shutdown", None)
    client.notify("exit", None)
    try:
        await asyncio.wait_for(proc.wait(), 15)
    except asyncio.TimeoutError:
        proc.kill()

    growth = rss_end - rss_warm
    rows = [
        ("hover", len(lat_h), err_h, percentiles(lat_h), len(lat_h) / wall_h if wall_h else 0.0),
        (
            f"batch x{args.batch_size}",
            len(lat_b),
            err_b,
            percentiles(lat_b),
            len(lat_b) * args.batch_size / wall_b if wall_b else 0.0,
        ),
    ]
    print(
        f"\nfiledesc load: backend={backend} transport={'tcp ' + args.tcp if args.tcp else 'stdio'} "
        f"in-flight<={args.concurrency} startup={startup:.2f}s cpus={os.cpu_count()}"
    )
    print(
        f"{'request':<14}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'throughput':>16}"
    )
    for name, count, errors, p, rate in rows:
        unit = "names/s" if name.startswith("batch") else "req/s"
        print(
            f"{name:<14}{count:>7}{errors:>8}{p['p50']:>9.1f}{p['p90']:>9.1f}{p['p99']:>9.1f}{p['max']:>9.1f}"
            f"{rate:>10.0f} {unit}"
        )
    print(
        f"server RSS: {rss_warm:.1f} MB after warm-up, {rss_hover:.1f} MB after hovers, {rss_end:.1f} MB at the end "
        f"(growth {growth:+.1f} MB; limit {args.max_growth_mb:g} MB)"
    )
    for sample in sample_h + sample_b:
        print(f"error: {sample}", file=sys.stderr)
    ok = err_h == 0 and err_b == 0 and growth < args.max_growth_mb
    print("result:", "OK" if ok else "FAILED")
    return 0 if ok else 1


def read_names(path: Path) -> list[str]:
    """Distinct non-empty lines of ``path``, in order."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return list(dict.fromkeys(line for line in lines if line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default="rules", help="backend the server uses (default: rules)")
    parser.add_argument("--model", default=None, help="model folder (an export root or one quantization folder)")
    parser.add_argument("--tcp", default=None, metavar="HOST:PORT", help="serve and connect over TCP instead of stdio")
    parser.add_argument("--hovers", type=int, default=10_000)
    parser.add_argument("--batches", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--names-file", type=Path, default=None, help="batch names from this file (one a line) instead of made-up ones"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at most")
    parser.add_argument("--document-lines", type=int, default=2000, help="distinct names in the hovered document")
    parser.add_argument("--cache-dir", default=None, help="cache folder (default: a fresh empty one)")
    parser.add_argument("--threads", type=int, default=None, help="FILEDESC_THREADS for ONNX Runtime")
    parser.add_argument("--max-growth-mb", type=float, default=50.0, help="memory growth after warm-up that fails")
    return asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
