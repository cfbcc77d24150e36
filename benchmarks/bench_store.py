"""Store figures: insert rate, map-window + date-range query latency at 1M events (DuckDB), and
incident merging time at 100k and 1M reports, with loading and writing back measured apart.

    .venv/bin/python benchmarks/bench_store.py [--events 1000000] [--queries 300]

Targets (issue 7): query p95 <= 50 ms at 1M events; merging 1M reports <= 60 s.
Prints one JSON line per figure, and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe_machine  # noqa: E402
from _synthetic import fill  # noqa: E402

from crisislens import dedup  # noqa: E402
from crisislens.schema import Actor, Document, Event, Place, Quantity, Quote, Span, Speaker  # noqa: E402
from crisislens.store import Filters, Store  # noqa: E402


def _document(i: int) -> Document:
    """A stored-looking article with two events, its places, figures and a quote."""
    text = (f"Gunmen killed {i % 50 + 2} villagers near Town{i} on Monday, police said. "
            f"Protesters marched in City{i} on Tuesday. \"We are afraid,\" said Resident{i}, a trader.")
    doc = Document(id=f"doc{i}", text=text, published_at="2024-05-08", url=f"https://news.example/{i}",
                   title=f"Report {i}", source=f"Source {i % 40}")
    for n, (etype, sub, day) in enumerate((("Violence against civilians", "Attack", "2024-05-06"),
                                           ("Protests", "Peaceful protest", "2024-05-07"))):
        place = Place(name=f"Town{i}", country_code="KE", admin1="Garissa", lat=-0.45 + n * 0.01, lon=39.6,
                      precision=1, mentions=[Span(0, 6)])
        count = Quantity(value=i % 50 + 2, category="killed", span=Span(14, 16), text=str(i % 50 + 2))
        doc.events.append(Event(event_type=etype, sub_event_type=sub, evidence=[Span(0, 40)], date=day,
                                date_precision=1, fatalities=i % 50 + 2 if n == 0 else None, location=place,
                                actor1=Actor(name="Unidentified gunmen", type="rebel_group", inter=3),
                                counts=[count] if n == 0 else [], confidence=0.8))
        doc.places.append(place)
    doc.quotes.append(Quote(text='"We are afraid,"', span=Span(100, 116), speaker=Speaker(name=f"Resident{i}")))
    return doc


def insert_rate(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "insert.duckdb")) as store:
        docs = [_document(i) for i in range(n)]
        started = time.perf_counter()
        for doc in docs:
            store.save(doc)
        seconds = time.perf_counter() - started
    return {"figure": "insert (Store.save, one transaction per article)", "articles": n,
            "articles_per_s": round(n / seconds, 1), "events_per_s": round(2 * n / seconds, 1)}


def _pct(values: list[float], p: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1], 2)


def query_latency(store: Store, n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    times, totals = [], []
    for _ in range(n):
        lon, lat = rng.uniform(10, 46), rng.uniform(-10, 16)
        day = rng.randrange(0, 1700)
        start = time.strftime("%Y-%m-%d", time.gmtime(1577836800 + day * 86400))
        end = time.strftime("%Y-%m-%d", time.gmtime(1577836800 + (day + 90) * 86400))
        f = Filters(bbox=(lon, lat, lon + 4, lat + 4), date_from=start, date_to=end)
        began = time.perf_counter()
        total, _ = store.events(f, limit=100)
        times.append((time.perf_counter() - began) * 1000)
        totals.append(total)
    return {"figure": "map window (4x4 deg) + 90-day range, count + page of 100", "queries": n,
            "p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95), "max_ms": round(max(times), 2),
            "mean_matches": round(statistics.mean(totals), 1), "target_p95_ms": 50, "load_average": os.getloadavg()}


def merge_time(store: Store) -> dict:
    """dedup.rebuild in its phases: load from the database, cluster, build incidents, write back."""
    t0 = time.perf_counter()
    reports = dedup.load_reports(store)
    t1 = time.perf_counter()
    labels = dedup.cluster(reports)
    t2 = time.perf_counter()
    table, links = dedup.incidents(reports, labels)
    t3 = time.perf_counter()
    with store.db.transaction():
        store.db.execute("DELETE FROM incident_reports")
        store.db.execute("DELETE FROM incidents")
        table = table.astype(object).where(table.notna(), None)
        store.db.insert_frame("incidents", table)
        store.db.insert_frame("incident_reports", links)
    t4 = time.perf_counter()
    return {"figure": "incident merging", "reports": len(reports), "incidents": len(table),
            "load_s": round(t1 - t0, 2), "cluster_s": round(t2 - t1, 2), "build_s": round(t3 - t2, 2),
            "write_s": round(t4 - t3, 2), "merge_only_s": round(t3 - t1, 2), "total_s": round(t4 - t0, 2),
            "target_1m_s": 60}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--inserts", type=int, default=2000)
    args = parser.parse_args()
    print(json.dumps({"machine": describe_machine(), "load_average": os.getloadavg()}), flush=True)
    print(json.dumps(insert_rate(args.inserts)), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted({min(100_000, args.events), args.events}):
            with Store.open(str(Path(tmp) / f"store{n}.duckdb")) as store:
                print(json.dumps({"figure": "bulk fill (SQL)"} | fill(store, n)), flush=True)
                store.db.execute("CHECKPOINT")
                if n == args.events:
                    print(json.dumps(query_latency(store, args.queries)), flush=True)
                print(json.dumps(merge_time(store)), flush=True)


if __name__ == "__main__":
    main()
