"""The load generator of benchmarks/bench_api_load.py measures what a user waits for."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_api_load import drive  # noqa: E402


async def _serve_and_drive(stall: float, n: int, rate: float, connections: int) -> list[tuple[str, float, int]]:
    """A loopback server answering each GET in turn on its connection, the first after `stall`
    seconds; the generator sends n requests at `rate` per second over `connections`."""
    answered = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal answered
        while True:
            try:
                await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            answered += 1
            if answered == 1:
                await asyncio.sleep(stall)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        plan = [(f"k{i % 2}", f"/x?{i}") for i in range(n)]
        return await drive("127.0.0.1", port, plan, rate, connections)
    finally:
        server.close()
        await server.wait_closed()


def test_every_request_is_answered_and_counted():
    rows = asyncio.run(_serve_and_drive(stall=0.0, n=40, rate=200, connections=4))
    assert (len(rows), {status for _, _, status in rows}) == (40, {200})


def test_a_queue_behind_a_slow_answer_counts_in_the_latency():
    # One connection, a 300 ms stall on the first answer: the requests due meanwhile wait, and
    # that wait is theirs (measured from when each was due, not from when it could be sent).
    rows = asyncio.run(_serve_and_drive(stall=0.3, n=10, rate=100, connections=1))
    waited = sorted(ms for _, ms, _ in rows)
    assert waited[len(waited) // 2] > 150


@pytest.mark.parametrize("connections", [1, 3])
def test_the_schedule_does_not_wait_for_answers(connections):
    # Open loop: 20 requests at 100/s take about 0.2 s to send whatever the server does.
    import time

    started = time.perf_counter()
    asyncio.run(_serve_and_drive(stall=0.0, n=20, rate=100, connections=connections))
    assert time.perf_counter() - started < 2.0
