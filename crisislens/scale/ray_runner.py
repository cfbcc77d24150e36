"""Extraction on a Ray cluster: ray.data with an actor pool that loads the model once per worker.

    crisislens ingest articles/ --engine ray --address ray://head:10001 --workers 8

Each actor builds one Pipeline (spaCy model, lexicons, gazetteer) in its constructor and
then extracts batch after batch; documents come back as JSON strings so that Arrow never
has to infer a schema for the nested contract. Input order is preserved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from crisislens.ingest.article import Article
from crisislens.resources import Settings


class _Extractor:
    """One per Ray worker: the model is loaded here, once."""

    def __init__(self, settings: Settings) -> None:
        from crisislens.pipeline import Pipeline

        self.pipeline = Pipeline(settings)

    def __call__(self, batch: dict) -> dict:
        keys = list(batch)
        rows = [dict(zip(keys, values, strict=True)) for values in zip(*(batch[k] for k in keys), strict=True)]
        articles = [Article(**{k: _plain(v) for k, v in row.items()}) for row in rows]
        docs = self.pipeline.run(articles)
        return {"doc": [json.dumps(doc.to_dict(), ensure_ascii=False) for doc in docs]}


def _plain(value):
    """numpy scalars and arrays from Arrow back to Python values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def run_ray(articles: Iterable[Article], settings: Settings, workers: int = 2,
            address: str | None = None) -> Iterator[dict]:
    """Contract dicts in input order, extracted by `workers` Ray actors."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    items = [asdict(article) for article in articles]
    if not items:
        return iter(())
    dataset = ray.data.from_items(items).map_batches(
        _Extractor, fn_constructor_kwargs={"settings": settings}, batch_size=settings.batch_size,
        concurrency=workers, num_cpus=1, batch_format="numpy",
    )
    return (json.loads(row["doc"]) for row in dataset.iter_rows())
