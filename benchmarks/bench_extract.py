"""Extraction speed against its ceiling, scaling over processes and Ray workers, memory.

    python benchmarks/bench_extract.py [--notes 1000] [--rounds 3] [--skip-ray] [--skip-processes]

The ceiling is a bare parse of the same texts with the same spaCy model, untouched, batch
64, timed in the same run and interleaved with extraction (as ../shared/eval/ceiling.py
does), so the ratio does not depend on the machine's mood; the median of several rounds is
reported, in wall time and in CPU time. Peak memory per worker is read from the joined
ProcessRunner workers. Reads the development data beside the project (never copied into it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import time
from collections import deque
from pathlib import Path

from _machine import describe_machine
from spacy.language import Language

from crisislens.ingest import Article
from crisislens.nlp import load_model
from crisislens.pipeline import Pipeline, ProcessRunner
from crisislens.resources import Settings

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "data"


def load_texts(name: str, limit: int) -> list[dict]:
    rows = [json.loads(line) for line in (EVAL / name).open(encoding="utf-8") if line.strip()]
    if limit and limit < len(rows):
        rows = random.Random(13).sample(rows, limit)
    return [{"id": r["id"], "text": r["text"], "published_at": r.get("published_at")} for r in rows]


def articles_of(rows: list[dict]) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], published_at=r["published_at"]) for r in rows]


def ratio_to_parse(pipeline: Pipeline, ceiling: Language, rows: list[dict], rounds: int = 3) -> dict:
    """Bare parse (the official ceiling: the untouched model, batch 64) vs. full extraction,
    interleaved `rounds` times; the median of the per-round ratios, in wall and in CPU time.

    CPU time (this process only) is the steadier figure on a machine other jobs share."""
    texts = [r["text"] for r in rows]
    wall: dict[str, list[float]] = {"parse": [], "own_parse": [], "extract": []}
    cpu: dict[str, list[float]] = {"parse": [], "own_parse": [], "extract": []}

    def timed(name: str, work) -> None:
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall[name].append(time.perf_counter() - started)
        cpu[name].append(time.process_time() - started_cpu)

    for _ in range(rounds):
        timed("parse", lambda: deque(ceiling.pipe(texts, batch_size=64), maxlen=0))
        timed("own_parse", lambda: deque(pipeline.nlp.pipe(texts, batch_size=64), maxlen=0))
        timed("extract", lambda: deque((json.dumps(d.to_dict()) for d in pipeline.run(articles_of(rows))), maxlen=0))

    def ratio(times: dict[str, list[float]], over: str = "parse") -> float:
        return round(statistics.median(a / b for a, b in zip(times[over], times["extract"], strict=True)), 3)

    return {"documents": len(rows), "rounds": rounds,
            "parse_docs_per_s": round(len(rows) / statistics.median(wall["parse"]), 1),
            "extract_docs_per_s": round(len(rows) / statistics.median(wall["extract"]), 1),
            "ratio_to_parse": ratio(wall), "ratio_to_parse_cpu": ratio(cpu),
            "ratio_to_own_parse_cpu": ratio(cpu, "own_parse"),
            "per_round": [round(a / b, 3) for a, b in zip(wall["parse"], wall["extract"], strict=True)],
            "load_average": round(os.getloadavg()[0], 1)}


def process_scaling(rows: list[dict], processes: int) -> dict:
    settings = Settings()
    with ProcessRunner(settings, processes) as runner:
        list(runner.run(articles_of(rows[:64 * processes])))  # warm every worker
        started = time.perf_counter()
        list(runner.run(articles_of(rows)))
        seconds = time.perf_counter() - started
        worker_mb = _children_peak_mb()
    return {"processes": processes, "docs_per_s": round(len(rows) / seconds, 1),
            "peak_worker_mb": round(worker_mb), "load_average": round(os.getloadavg()[0], 1)}


def _children_peak_mb() -> float:
    """The largest peak resident memory (VmHWM) among this process's live children.

    Not getrusage(RUSAGE_CHILDREN): on Linux a child's maxrss starts from the parent's
    resident size at fork, so it would report this (two-model) process instead."""
    peak = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != os.getpid():
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak / 1024


def ray_scaling(rows: list[dict], workers: int) -> dict:
    import ray

    from crisislens.scale.ray_runner import run_ray

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        list(run_ray(articles_of(rows[:200]), Settings(), workers=workers))  # start the actors
        started = time.perf_counter()
        list(run_ray(articles_of(rows), Settings(), workers=workers))
        seconds = time.perf_counter() - started
    finally:
        ray.shutdown()
    return {"ray_workers": workers, "docs_per_s": round(len(rows) / seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="interleaved parse/extract rounds per corpus")
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-processes", action="store_true")
    args = ap.parse_args()
    print(json.dumps({"machine": describe_machine()}))
    notes = load_texts("acled_notes.dev.jsonl", args.notes)
    articles = load_texts("wikievents.dev.jsonl", 0)
    pipeline = Pipeline()
    ceiling = load_model(pipeline.settings.model, fast=False)  # as ../shared/eval/ceiling.py loads it
    list(pipeline.run(articles_of(notes[:50])))  # load lexicons and the gazetteer first
    deque(ceiling.pipe([r["text"] for r in notes[:50]]), maxlen=0)
    for corpus, rows in (("acled_notes", notes), ("wikievents", articles)):
        print(json.dumps({"bench": "ratio_to_parse", "corpus": corpus,
                          **ratio_to_parse(pipeline, ceiling, rows, args.rounds)}), flush=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "peak_memory_this_process_mb", "value": round(rss_mb),
                      "note": "holds two models: the pipeline's and the untouched ceiling"}), flush=True)
    big = load_texts("acled_notes.dev.jsonl", 0)[:3000]
    if not args.skip_processes:
        one, two = process_scaling(big, 1), process_scaling(big, 2)
        print(json.dumps({"bench": "processes", "one": one, "two": two,
                          "speedup": round(two["docs_per_s"] / one["docs_per_s"], 2)}), flush=True)
    if not args.skip_ray:
        r1, r2 = ray_scaling(big, 1), ray_scaling(big, 2)
        print(json.dumps({"bench": "ray", "one": r1, "two": r2,
                          "speedup": round(r2["docs_per_s"] / r1["docs_per_s"], 2)}))


if __name__ == "__main__":
    main()
