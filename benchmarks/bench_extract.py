"""Extraction speed against its ceiling, scaling over processes and Ray workers, memory.

    python benchmarks/bench_extract.py [--notes 1000] [--skip-ray]

The ceiling is a bare parse of the same texts with the same spaCy model, timed in the same
run (as ../shared/eval/ceiling.py does), so the ratio does not depend on the machine's
mood. Reads the development data beside the project (never copied into it).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

from _machine import describe_machine

from crisislens.ingest import Article
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


def ratio_to_parse(pipeline: Pipeline, rows: list[dict], rounds: int = 2) -> dict:
    """Best-of-`rounds` bare parse vs. best-of-`rounds` full extraction, interleaved."""
    texts = [r["text"] for r in rows]
    parse_s, extract_s = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in pipeline.nlp.pipe(texts, batch_size=pipeline.settings.batch_size):
            pass
        parse_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        for doc in pipeline.run(articles_of(rows)):
            json.dumps(doc.to_dict())
        extract_s.append(time.perf_counter() - started)
    parse, extract = min(parse_s), min(extract_s)
    return {"documents": len(rows), "parse_docs_per_s": round(len(rows) / parse, 1),
            "extract_docs_per_s": round(len(rows) / extract, 1), "ratio_to_parse": round(parse / extract, 3)}


def process_scaling(rows: list[dict], processes: int) -> dict:
    settings = Settings()
    with ProcessRunner(settings, processes) as runner:
        list(runner.run(articles_of(rows[:64 * processes])))  # warm every worker
        started = time.perf_counter()
        list(runner.run(articles_of(rows)))
        seconds = time.perf_counter() - started
    return {"processes": processes, "docs_per_s": round(len(rows) / seconds, 1)}


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
    ap.add_argument("--skip-ray", action="store_true")
    args = ap.parse_args()
    print(json.dumps({"machine": describe_machine()}))
    notes = load_texts("acled_notes.dev.jsonl", args.notes)
    articles = load_texts("wikievents.dev.jsonl", 0)
    pipeline = Pipeline()
    list(pipeline.run(articles_of(notes[:50])))  # load lexicons and the gazetteer first
    print(json.dumps({"bench": "ratio_to_parse", "corpus": "acled_notes", **ratio_to_parse(pipeline, notes)}))
    print(json.dumps({"bench": "ratio_to_parse", "corpus": "wikievents", **ratio_to_parse(pipeline, articles)}))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "peak_memory_one_worker_mb", "value": round(rss_mb)}))
    big = load_texts("acled_notes.dev.jsonl", 0)[:3000]
    one, two = process_scaling(big, 1), process_scaling(big, 2)
    print(json.dumps({"bench": "processes", "one": one, "two": two,
                      "speedup": round(two["docs_per_s"] / one["docs_per_s"], 2)}))
    if not args.skip_ray:
        r1, r2 = ray_scaling(big, 1), ray_scaling(big, 2)
        print(json.dumps({"bench": "ray", "one": r1, "two": r2,
                          "speedup": round(r2["docs_per_s"] / r1["docs_per_s"], 2)}))


if __name__ == "__main__":
    main()
