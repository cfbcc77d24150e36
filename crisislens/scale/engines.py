"""Where extraction runs for `ingest`: in this process, in a local pool, or on a Ray cluster.

Each engine has the Pipeline's own `run(articles) -> Documents` shape, so the store takes
any of them without knowing which.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from crisislens.ingest.article import Article
from crisislens.resources import Settings
from crisislens.schema import Document

ENGINES = ("local", "ray")


class ProcessEngine:
    """`processes` local workers, each with its own model."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings, self.processes = settings, processes

    def run(self, articles: Iterable[Article]) -> Iterator[Document]:
        from crisislens.pipeline import ProcessRunner

        with ProcessRunner(self.settings, self.processes) as runner:
            for record in runner.run(articles, include_text=True):
                yield Document.from_dict(record)


class RayEngine:
    """Ray workers (a local instance, or the cluster at `address`)."""

    def __init__(self, settings: Settings, workers: int, address: str | None = None) -> None:
        self.settings, self.workers, self.address = settings, workers, address

    def run(self, articles: Iterable[Article]) -> Iterator[Document]:
        from crisislens.scale.ray_runner import run_ray

        for record in run_ray(articles, self.settings, self.workers, self.address, include_text=True):
            yield Document.from_dict(record)


def make_engine(kind: str, settings: Settings, processes: int = 1, address: str | None = None):
    """The Pipeline itself for one local process; a pool or Ray otherwise."""
    if kind == "ray":
        return RayEngine(settings, processes, address)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r}; choose one of {', '.join(ENGINES)}")
    if processes > 1:
        return ProcessEngine(settings, processes)
    from crisislens.pipeline import Pipeline

    return Pipeline(settings)
