"""The API under load: a fixed rate of mixed event queries against 1M synthetic events.

    .venv/bin/python benchmarks/bench_api_load.py [--rate 200] [--duration 30] [--workers 2]

`crisislens serve` runs in its own processes on 127.0.0.1 over a DuckDB file filled in SQL (kept
under ~/.cache/crisislens/bench, so a rerun starts at once). The generator is a lean asyncio
HTTP/1.1 client over keep-alive connections, open loop: request i is due at start + i/rate
whatever happened before, and its latency runs from when it was due, so a queue (the server's,
the connection pool's, the generator's own lateness) shows instead of being left out
(coordinated omission). Target (issue 8): 200 requests/s, p95 < 100 ms, no errors. Prints JSON
lines: the machine with its load average (it may be shared), then the figures overall (with the
server's and the generator's own CPU per request) and per request kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe_machine  # noqa: E402
from _synthetic import COUNTRIES, LAYOUT, TYPES, fill  # noqa: E402

from crisislens.store import Store  # noqa: E402

CLI = Path(sys.executable).with_name("crisislens")


def _day(rng: random.Random, width: int) -> tuple[str, str]:
    start = rng.randrange(0, 1826 - width)
    fmt = lambda d: time.strftime("%Y-%m-%d", time.gmtime(1577836800 + d * 86400))  # noqa: E731
    return fmt(start), fmt(start + width)


def requests(rng: random.Random, n: int, event_ids: int) -> list[tuple[str, str]]:
    """(kind, path) for n requests: the mix a dashboard and API clients send."""
    out = []
    for _ in range(n):
        lon, lat = rng.uniform(10, 46), rng.uniform(-10, 16)
        box = f"{lon:.2f},{lat:.2f},{lon + 4:.2f},{lat + 4:.2f}"
        d0, d1 = _day(rng, 90)
        roll = rng.random()
        if roll < 0.40:
            out.append(("events map+dates", f"/api/events?bbox={box}&date_from={d0}&date_to={d1}&limit=100"))
        elif roll < 0.60:
            etype = rng.choice(TYPES)[0].replace(" ", "+").replace("/", "%2F")
            out.append(("events country+type+dates", f"/api/events?country={rng.choice(COUNTRIES)}"
                        f"&event_type={etype}&date_from={d0}&date_to={d1}&limit=50"))
        elif roll < 0.75:
            out.append(("stats map+dates", f"/api/stats?bbox={box}&date_from={d0}&date_to={d1}"))
        elif roll < 0.90:
            out.append(("incidents map+dates", f"/api/incidents?bbox={box}&date_from={d0}&date_to={d1}&limit=100"))
        else:
            out.append(("event detail", f"/api/events/e{rng.randrange(event_ids)}"))
    return out


class _Pool:
    """`size` keep-alive HTTP/1.1 connections to one host, opened before the clock starts and
    taken in turn (first idle, first used), so every connection, and so every server process
    that accepted one, carries its share; a request finding none free waits for one, and the
    wait counts in its latency."""

    def __init__(self, host: str, port: int, size: int) -> None:
        self.host, self.port, self.size = host, port, size
        self.idle: deque[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = deque()
        self.free = asyncio.Semaphore(size)

    async def open(self) -> None:
        self.idle.extend(await asyncio.gather(*(asyncio.open_connection(self.host, self.port)
                                                for _ in range(self.size))))

    async def get(self, path: str) -> int:
        """The status of GET path, its body read in full; 0 when the connection failed."""
        async with self.free:
            reader, writer = self.idle.popleft() if self.idle else await asyncio.open_connection(self.host, self.port)
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("latin-1"))
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                writer.close()
                return 0
            if b"connection: close" in head.lower():
                writer.close()
            else:
                self.idle.append((reader, writer))
            return status

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def drive(host: str, port: int, plan: list[tuple[str, str]], rate: float,
                connections: int = 64) -> list[tuple[str, float, int]]:
    """Send plan[i] at start + i/rate whatever happened before (open loop); (kind, ms, status)
    for each, the time counted from when the request was due, so a queue anywhere (the server's,
    the pool's, this loop's own lateness) shows in the latency instead of being left out."""
    pool = _Pool(host, port, connections)
    await pool.open()
    results: list[tuple[str, float, int]] = []

    async def one(kind: str, path: str, due: float) -> None:
        status = await pool.get(path)
        results.append((kind, (time.perf_counter() - due) * 1000, status))

    start = time.perf_counter() + 0.2
    tasks = []
    for i, (kind, path) in enumerate(plan):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(kind, path, due)))
    await asyncio.gather(*tasks)
    pool.close()
    return results


def _run(coro: Any) -> Any:
    """Run on uvloop when it is installed (less of the generator's own CPU), else asyncio's loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def _pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return round(values[0], 1) if values else 0.0
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1], 1)


def _summary(rows: list[tuple[str, float, int]]) -> dict:
    ms = [r[1] for r in rows]
    return {"requests": len(rows), "errors": sum(1 for r in rows if r[2] != 200), "p50_ms": _pct(ms, 50),
            "p95_ms": _pct(ms, 95), "p99_ms": _pct(ms, 99), "max_ms": round(max(ms), 1)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server exited")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("the server did not start")


def prepare(path: str, events: int) -> dict:
    with Store.open(path) as store:
        if store.count("events") == events:
            return {"figure": "database reused", "events": events}
        filled = fill(store, events)
        started = time.perf_counter()
        incidents = store.rebuild_incidents()
        store.db.execute("CHECKPOINT")
        return {"figure": "database filled"} | filled | {"incidents": incidents,
                                                           "merge_s": round(time.perf_counter() - started, 1)}


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and every process under it."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as handle:
                todo += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def default_db(events: int) -> Path:
    """Where the filled database is kept between runs (filling 1M events and merging them takes
    about half a minute); the name carries the synthetic data's layout version."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "crisislens" / "bench"
    base.mkdir(parents=True, exist_ok=True)
    return base / f"load-v{LAYOUT}-{events}.duckdb"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="a DuckDB file to fill (or reuse when it holds --events events); "
                                     "default: one kept under ~/.cache/crisislens/bench")
    parser.add_argument("--workers", type=int, default=2, help="server processes (crisislens serve --workers)")
    parser.add_argument("--db-threads", type=int, default=1, help="DuckDB threads per query (serve --db-threads)")
    parser.add_argument("--warmup", type=float, default=10.0,
                        help="seconds of the same mix at the same rate, sent and discarded before measuring: each "
                             "worker's DuckDB reads its columns from disk once (a server that has run a while has)")
    parser.add_argument("--connections", type=int, default=64,
                        help="keep-alive connections the generator opens (at most this many requests in flight)")
    args = parser.parse_args()
    print(json.dumps({"machine": describe_machine(), "load_average": os.getloadavg()}), flush=True)
    db = args.db or str(default_db(args.events))
    print(json.dumps(prepare(db, args.events)), flush=True)
    port = _free_port()
    server = subprocess.Popen([str(CLI), "serve", "--db", db, "--port", str(port), "--workers", str(args.workers),
                               "--db-threads", str(args.db_threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port, server)
        rng = random.Random(20240601)
        _run(drive("127.0.0.1", port, requests(rng, max(200, int(args.rate * args.warmup)), args.events),
                   args.rate, args.connections))  # warm up every worker, discarded
        plan = requests(rng, int(args.rate * args.duration), args.events)
        server_cpu, own_cpu, began = _tree_cpu(server.pid), time.process_time(), time.perf_counter()
        rows = _run(drive("127.0.0.1", port, plan, args.rate, args.connections))
        elapsed = time.perf_counter() - began - 0.2
        server_cpu, own_cpu = _tree_cpu(server.pid) - server_cpu, time.process_time() - own_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    overall = _summary(rows) | {
        "figure": "overall", "target_rate": args.rate, "warmup_s": args.warmup, "workers": args.workers,
        "db_threads": args.db_threads,
        "achieved_rate": round(len(rows) / elapsed, 1), "target_p95_ms": 100,
        "server_cpu_ms_per_request": round(1000 * server_cpu / len(rows), 2),
        "generator_cpu_ms_per_request": round(1000 * own_cpu / len(rows), 2),
        "server_cores_busy": round(server_cpu / elapsed, 2), "generator_cores_busy": round(own_cpu / elapsed, 2),
        "load_average_after": os.getloadavg()}
    print(json.dumps(overall), flush=True)
    for kind in sorted({r[0] for r in rows}):
        print(json.dumps({"figure": kind} | _summary([r for r in rows if r[0] == kind])), flush=True)


if __name__ == "__main__":
    main()
