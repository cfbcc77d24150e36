"""Extraction on many processes and on a local Ray instance gives what one process gives."""

import pytest

from crisislens.ingest import Article
from crisislens.pipeline import ProcessRunner
from crisislens.resources import Settings

TEXTS = [
    "Gunmen killed three villagers near Lamu on Tuesday, police said.",
    "Thousands of students marched through Dhaka on Sunday demanding lower fees.",
    "An improvised explosive device struck a police vehicle on the road to Mandera.",
    "",
    "Police fired tear gas to disperse traders protesting in Nakuru.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=text, published_at="2024-03-07",
                    error=None if text else "text is empty") for i, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def in_process(pipeline) -> list[dict]:
    return [doc.to_dict() for doc in pipeline.run(_articles())]


def test_two_processes_match_one(in_process):
    with ProcessRunner(Settings(batch_size=2), processes=2) as runner:
        assert list(runner.run(_articles())) == in_process


def test_ray_workers_match_one(in_process):
    import ray

    from crisislens.scale.ray_runner import run_ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        assert list(run_ray(_articles(), Settings(batch_size=2), workers=2)) == in_process
    finally:
        ray.shutdown()


def _ingest(tmp_path, name: str, *options: str) -> int:
    import subprocess
    import sys
    from pathlib import Path

    from crisislens.store import Store

    source = tmp_path / "articles"
    if not source.exists():
        source.mkdir()
        for i, text in enumerate(t for t in TEXTS if t):
            (source / f"a{i}.txt").write_text(f"Published: 2024-03-07\n\n{text}\n", encoding="utf-8")
    db = tmp_path / f"{name}.duckdb"
    cli = Path(sys.executable).with_name("crisislens")
    subprocess.run([str(cli), "ingest", str(source), "--db", str(db), *options], check=True,
                   capture_output=True, timeout=600)
    with Store.open(str(db), read_only=True) as store:
        return store.count("events"), store.count("articles")


def test_ingest_on_ray_stores_what_local_ingest_stores(tmp_path):
    local = _ingest(tmp_path, "local")
    assert local[1] == 4
    assert _ingest(tmp_path, "ray", "--engine", "ray", "--processes", "2") == local


def test_ingest_on_two_processes_stores_what_one_stores(tmp_path):
    assert _ingest(tmp_path, "pool", "--processes", "2") == _ingest(tmp_path, "local")


def test_warmed_workers_each_report_once_and_lines_match_one_process(in_process):
    import json

    with ProcessRunner(Settings(batch_size=2), processes=2) as runner:
        assert len(set(runner.warm())) == 2
        lines = list(runner.run_json(_articles()))
    assert [json.loads(line) for line, _ in lines] == in_process
    assert [skipped for _, skipped in lines] == [bool(d.get("skipped")) for d in in_process]
