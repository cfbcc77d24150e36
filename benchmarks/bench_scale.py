"""Scaling: 2 local processes vs 1, and 2 Ray workers vs 1, with start-up kept apart.

    python benchmarks/bench_scale.py [--docs 3000] [--rounds 3] [--skip-ray] [--skip-processes]

Made to survive a shared machine:
- start-up (imports, model, lexicons, gazetteer) is paid before the clock starts (processes:
  `ProcessRunner.warm`) or timed apart (Ray: the actors load while the first batch waits, so
  throughput is counted from the first document returned to the last) and reported separately,
  as a long-lived pool or a cluster amortises it;
- the configurations are timed in turn, `--rounds` times (1, 2, 1, 2, ...), and the medians
  of the paired per-round speedups are reported, with the load average of each round;
- the CPU time the workers themselves used is read from /proc, to show that two workers do
  the same total work as one (nothing duplicated) and how evenly it is split; from it comes
  `speedup_bound_free_cores`, what the same work would give on two idle cores.
The wall-clock speedup is the real figure only when the load average stays below the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from _machine import describe_machine, load_average
from bench_extract import articles_of, load_texts

from crisislens.pipeline import ProcessRunner
from crisislens.resources import Settings

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a live process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_peak(pid: int) -> None:
    """Start the process's VmHWM afresh (Linux: 5 to clear_refs), so the peak read later is that
    of extraction, not of start-up (a missing gazetteer index is built in the worker, ~1 GB)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


def descendants(root: int) -> list[int]:
    """Every live process below `root` (Ray's daemons and workers are below the driver)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _median(values: list[float], digits: int = 2) -> float:
    return round(statistics.median(values), digits)


def process_scaling(rows: list[dict], configs: tuple[int, ...], rounds: int) -> dict:
    settings = Settings()
    runners: dict[int, ProcessRunner] = {}
    try:
        startup, pids, startup_peak = {}, {}, {}
        for n in configs:  # one pool after the other, so each start-up is timed alone
            started = time.perf_counter()
            runner = runners[n] = ProcessRunner(settings, n)
            pids[n] = runner.warm()
            startup[n] = round(time.perf_counter() - started, 2)
            for _ in runner.run_json(articles_of(rows[:settings.batch_size * n])):  # one real batch each
                pass
            startup_peak[n] = round(max(peak_mb(pid) for pid in pids[n]))
            for pid in pids[n]:
                reset_peak(pid)
        runs: dict[int, list[dict]] = {n: [] for n in configs}
        for _ in range(rounds):
            for n, runner in runners.items():
                before = {pid: cpu_seconds(pid) for pid in pids[n]}
                started, started_cpu = time.perf_counter(), time.process_time()
                for _ in runner.run_json(articles_of(rows)):
                    pass
                runs[n].append({"wall": time.perf_counter() - started, "parent_cpu": time.process_time() - started_cpu,
                                "workers_cpu": [cpu_seconds(pid) - before[pid] for pid in pids[n]],
                                "load": os.getloadavg()[0]})
        peak = {n: round(max(peak_mb(pid) for pid in pids[n])) for n in configs}
    finally:
        for runner in runners.values():
            runner.close()
    out: dict = {"bench": "processes", "documents": len(rows), "rounds": rounds}
    for n in configs:
        walls = [r["wall"] for r in runs[n]]
        out[f"p{n}"] = {
            "docs_per_s": round(len(rows) / statistics.median(walls), 1),
            "wall_s": [round(w, 2) for w in walls],
            "workers_cpu_s": _median([sum(r["workers_cpu"]) for r in runs[n]]),
            "busiest_worker_cpu_s": _median([max(r["workers_cpu"]) for r in runs[n]]),
            "parent_cpu_s": _median([r["parent_cpu"] for r in runs[n]]),
            "startup_s": startup[n], "peak_worker_mb": peak[n], "peak_worker_mb_startup": startup_peak[n],
            "load_average": [round(r["load"], 1) for r in runs[n]],
        }
    if len(configs) == 2:
        one, two = configs
        a, b = out[f"p{one}"], out[f"p{two}"]
        out["speedup"] = _median([x["wall"] / y["wall"] for x, y in zip(runs[one], runs[two], strict=True)])
        out["speedup_per_round"] = [round(x["wall"] / y["wall"], 2) for x, y in zip(runs[one], runs[two], strict=True)]
        out["work_ratio"] = round(b["workers_cpu_s"] / a["workers_cpu_s"], 3)  # ~1.0: nothing duplicated
        # On `two` idle cores the run can be no shorter than its busiest worker, nor than all
        # the CPU it needs (workers + parent) spread over the cores.
        bound_one = max(a["workers_cpu_s"], a["parent_cpu_s"])
        bound_two = max(b["busiest_worker_cpu_s"], (b["workers_cpu_s"] + b["parent_cpu_s"]) / two)
        out["speedup_bound_free_cores"] = round(bound_one / bound_two, 2)
    return out


def ray_scaling(rows: list[dict], configs: tuple[int, ...], rounds: int) -> dict:
    import ray

    from crisislens.scale.ray_runner import run_ray

    settings = Settings()
    ray.init(num_cpus=max(configs), include_dashboard=False, log_to_driver=False)
    runs: dict[int, list[dict]] = {n: [] for n in configs}
    try:
        list(run_ray(articles_of(rows[:settings.batch_size]), settings, workers=1))  # Ray's own warm-up
        for _ in range(rounds):
            for n in configs:
                runs[n].append(_ray_run(run_ray, rows, settings, n))
    finally:
        ray.shutdown()
    out: dict = {"bench": "ray", "documents": len(rows), "rounds": rounds}
    for n in configs:
        out[f"w{n}"] = {
            "docs_per_s_steady": round(statistics.median(r["steady"] for r in runs[n]), 1),
            "docs_per_s_with_startup": round(len(rows) / statistics.median(r["wall"] for r in runs[n]), 1),
            "first_document_s": _median([r["first"] for r in runs[n]]),
            "ray_processes_cpu_s": _median([r["cpu"] for r in runs[n]]),
            "ray_processes_cpu_after_first_s": _median([r["cpu_steady"] for r in runs[n]]),
            "load_average": [round(r["load"], 1) for r in runs[n]],
        }
    if len(configs) == 2:
        one, two = configs
        pairs = list(zip(runs[one], runs[two], strict=True))
        out["speedup_steady"] = _median([y["steady"] / x["steady"] for x, y in pairs])
        out["speedup_steady_per_round"] = [round(y["steady"] / x["steady"], 2) for x, y in pairs]
        out["speedup_with_startup"] = _median([x["wall"] / y["wall"] for x, y in pairs])
        out["work_ratio_after_first"] = round(
            out[f"w{two}"]["ray_processes_cpu_after_first_s"] / out[f"w{one}"]["ray_processes_cpu_after_first_s"], 3)
    return out


def _ray_run(run_ray, rows: list[dict], settings: Settings, workers: int) -> dict:
    """One run: wall time, time to the first document (actor start-up + one batch), the steady
    rate after it, and the CPU all Ray processes used (sampled before the actors are torn down)."""
    me = os.getpid()
    before = {pid: cpu_seconds(pid) for pid in descendants(me)}
    started = time.perf_counter()
    first = last = started
    seen = 0
    cpu = cpu_first = 0.0
    for _ in run_ray(articles_of(rows), settings, workers=workers):
        seen += 1
        if seen == settings.batch_size:
            first = time.perf_counter()
            cpu_first = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in descendants(me))
        if seen == len(rows):
            last = time.perf_counter()
            cpu = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in descendants(me))
    wall = time.perf_counter() - started
    steady = (len(rows) - settings.batch_size) / max(last - first, 1e-9)
    return {"wall": wall, "first": first - started, "steady": steady, "cpu": cpu, "cpu_steady": cpu - cpu_first,
            "load": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000, help="ACLED dev notes per timed run")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-processes", action="store_true")
    args = ap.parse_args()
    print(json.dumps({"machine": describe_machine()}), flush=True)
    rows = load_texts("acled_notes.dev.jsonl", 0)[:args.docs]
    if not args.skip_processes:
        print(json.dumps(process_scaling(rows, (1, 2), args.rounds)), flush=True)
    if not args.skip_ray:
        print(json.dumps(ray_scaling(rows, (1, 2), args.rounds)), flush=True)
    print(json.dumps({"load_average_at_end": load_average()}), flush=True)


if __name__ == "__main__":
    main()
