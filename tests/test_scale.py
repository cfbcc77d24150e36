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
