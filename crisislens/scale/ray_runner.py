"""Extraction on a Ray cluster: ray.data with an actor pool that loads the model once per worker.

    crisislens ingest articles/ --engine ray --address ray://head:10001 --workers 8

Each actor builds one Pipeline (spaCy model, lexicons, gazetteer) in its constructor and
then extracts batch after batch; articles go in and documents come back as JSON strings,
so that Arrow never infers a schema (it would turn a missing `error` into NaN). Input order is preserved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from crisislens.ingest.article import Article
from crisislens.resources import Settings


class _Extractor:
    """One per Ray worker: the model is loaded here, once."""

    def __init__(self, settings: Settings, include_text: bool) -> None:
        from crisislens.pipeline import Pipeline

        self.pipeline = Pipeline(settings)
        self.include_text = include_text

    def __call__(self, batch: dict) -> dict:
        articles = [Article(**json.loads(str(item))) for item in batch["article"]]
        docs = self.pipeline.run(articles)
        return {"doc": [json.dumps(doc.to_dict(self.include_text), ensure_ascii=False) for doc in docs]}


def run_ray(articles: Iterable[Article], settings: Settings, workers: int = 2,
            address: str | None = None, include_text: bool = False) -> Iterator[dict]:
    """Contract dicts in input order, extracted by `workers` Ray actors."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    items = [{"article": json.dumps(asdict(article), ensure_ascii=False)} for article in articles]
    if not items:
        return iter(())
    dataset = ray.data.from_items(items).map_batches(
        _Extractor, fn_constructor_kwargs={"settings": settings, "include_text": include_text}, batch_size=settings.batch_size,
        compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1, batch_format="numpy",
    )
    return (json.loads(row["doc"]) for row in dataset.iter_rows())
