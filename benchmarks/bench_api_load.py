"""The API under load: a fixed rate of mixed event queries against 1M synthetic events.

    .venv/bin/python benchmarks/bench_api_load.py [--rate 200] [--duration 30] [--events 1000000] [--workers 1]

`crisislens serve` runs in its own process on 127.0.0.1 over a DuckDB file filled in SQL; an
open-loop generator (asyncio + httpx) sends requests on a fixed schedule, so a slow answer does
not slow the schedule (no coordinated omission). Target (issue 8): 200 requests/s, p95 < 100 ms,
no errors. Prints JSON lines: the machine (with its load average: the machine may be shared), then
the figures per request kind and overall.
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
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe_machine  # noqa: E402
from _synthetic import COUNTRIES, TYPES, fill  # noqa: E402

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


async def drive(base: str, plan: list[tuple[str, str]], rate: float) -> list[tuple[str, float, int]]:
    """Send plan[i] at start + i/rate whatever happened before; (kind, ms, status) for each."""
    import httpx

    results: list[tuple[str, float, int]] = []
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def one(kind: str, path: str, due: float) -> None:
            try:
                response = await client.get(path)
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            results.append((kind, (time.perf_counter() - due) * 1000, status))

        start = time.perf_counter() + 0.5
        tasks = []
        for i, (kind, path) in enumerate(plan):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(kind, path, due)))
        await asyncio.gather(*tasks)
    return results


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="a DuckDB file to fill (or reuse when it holds --events events)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (crisislens serve --workers)")
    args = parser.parse_args()
    print(json.dumps({"machine": describe_machine(), "load_average": os.getloadavg()}), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.duckdb")
        print(json.dumps(prepare(db, args.events)), flush=True)
        port = _free_port()
        server = subprocess.Popen([str(CLI), "serve", "--db", db, "--port", str(port), "--workers", str(args.workers)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(port, server)
            rng = random.Random(20240601)
            base = f"http://127.0.0.1:{port}"
            asyncio.run(drive(base, requests(rng, 50, args.events), 20))  # warm up
            plan = requests(rng, int(args.rate * args.duration), args.events)
            began = time.perf_counter()
            rows = asyncio.run(drive(base, plan, args.rate))
            elapsed = time.perf_counter() - began - 0.5
        finally:
            server.terminate()
            server.wait(timeout=30)
    overall = _summary(rows) | {"figure": "overall", "target_rate": args.rate, "workers": args.workers,
                                "achieved_rate": round(len(rows) / elapsed, 1), "target_p95_ms": 100,
                                "load_average_after": os.getloadavg()}
    print(json.dumps(overall), flush=True)
    for kind in sorted({r[0] for r in rows}):
        print(json.dumps({"figure": kind} | _summary([r for r in rows if r[0] == kind])), flush=True)


if __name__ == "__main__":
    main()
