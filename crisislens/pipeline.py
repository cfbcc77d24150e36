"""Runs the stages in order over one spaCy parse per article.

ingest (Article) → nlp (one parse) → actors · places · times · quantities · quotes · events
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from types import ModuleType

from crisislens.ingest.article import Article, clean_text
from crisislens.language import guess_language
from crisislens.nlp import load_model, remember_text
from crisislens.relevance import is_relevant
from crisislens.resources import Resources, Settings
from crisislens.schema import Document, failed
from crisislens.stages import STAGES

log = logging.getLogger(__name__)


class Pipeline:
    """A loaded model and its knowledge, reusable across any number of batches."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[ModuleType] = STAGES) -> None:
        self.settings = settings or Settings()
        self.nlp = load_model(self.settings.model)
        self.resources = Resources(self.settings)
        self.stages = tuple(stages)

    def extract(self, text: str, published_at: str | None = None, id: str = "doc") -> Document:
        """One text in, one contract Document out."""
        from crisislens.ingest.article import check_text, normalize_date

        published, warning = normalize_date(published_at)
        article = Article(id=id, text=text if isinstance(text, str) else "", published_at=published)
        if warning:
            article.warnings.append(warning)
        article.error = check_text(article.text, self.settings.max_chars) if isinstance(text, str) \
            else f"'text' must be a string, got {type(text).__name__}"
        return next(self.run([article]))

    def run(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Documents in input order; a bad article yields a Document with `error`, never a raise."""
        for batch in _batches(articles, self.settings.batch_size):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> list[Document]:
        docs: list[Document] = []
        todo: list[tuple[Document, str]] = []
        for article in batch:
            doc = self._start(article)
            docs.append(doc)
            if doc.error is None and not doc.skipped:
                todo.append((doc, clean_text(article.text)))
        parses = self.nlp.pipe((text for _, text in todo), batch_size=self.settings.batch_size)
        for (doc, text), parsed in zip(todo, parses, strict=True):
            remember_text(parsed, text)
            self._apply_stages(doc, parsed)
        return docs

    def _start(self, article: Article) -> Document:
        if article.error:
            doc = failed(article.id, article.error, article.published_at)
            doc.warnings.extend(article.warnings)
            return doc
        doc = Document(id=article.id, text=article.text, published_at=article.published_at,
                       title=article.title, url=article.url, source=article.source,
                       warnings=list(article.warnings))
        doc.language = guess_language(article.text)
        if doc.language != "en":
            doc.error = "text does not look like English; crisislens reads English news only"
        elif self.settings.relevance_gate and not is_relevant(article.text):
            doc.skipped = True
            doc.warnings.append("skipped by the relevance gate: no conflict or crisis words")
        return doc

    def _apply_stages(self, doc: Document, parsed) -> None:
        for stage in self.stages:
            try:
                stage.process(doc, parsed, self.resources)
            except Exception as exc:  # one stage's bug must not lose the other layers
                name = stage.__name__.rsplit(".", 1)[-1]
                log.exception("stage %s failed on %s", name, doc.id)
                doc.warnings.append(f"stage '{name}' failed: {type(exc).__name__}: {exc}")


# --- many processes -------------------------------------------------------------------------

_WORKER: dict[str, Pipeline] = {}  # set once per worker process by its initializer, read by _work


def _init_worker(settings: Settings) -> None:
    _WORKER["pipeline"] = Pipeline(settings)


def _work(job: tuple[list[Article], bool]) -> list[dict]:
    batch, include_text = job
    return [doc.to_dict(include_text) for doc in _WORKER["pipeline"].run(batch)]


def _work_json(job: tuple[list[Article], bool]) -> list[tuple[str, bool]]:
    """(JSON line, skipped) per document: the worker serialises, so the parent process (a third
    consumer of the same cores) only writes strings instead of unpickling and dumping dicts."""
    batch, include_text = job
    return [(json.dumps(doc.to_dict(include_text), ensure_ascii=False), doc.skipped)
            for doc in _WORKER["pipeline"].run(batch)]


_WARM_TEXT = "Police said gunmen killed two people and injured five in Nairobi on Monday, 3 March 2024."


def _ready(_: int) -> int:
    """Extract one short report (the lazily loaded lexicons and gazetteer open) and say who did."""
    _WORKER["pipeline"].extract(_WARM_TEXT, "2024-03-05")
    return os.getpid()


class ProcessRunner:
    """A pool of worker processes that each load the model once; reusable across runs.

    `spawn`, not `fork`: a forked copy of a process that already holds a model (or a Ray or
    database client) inherits threads and locks it cannot use safely.
    """

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings, self.processes = settings, processes
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(processes, initializer=_init_worker, initargs=(settings,))

    def warm(self, timeout: float = 300.0) -> list[int]:
        """Wait until every worker has loaded its model and extracted a first text; their pids.

        Start-up (imports, model, lexicons, gazetteer) is paid once per worker and a long-lived
        pool or a cluster amortises it, so benchmarks call this before they start the clock."""
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.processes and time.monotonic() < deadline:
            seen.update(self._pool.map(_ready, range(self.processes), chunksize=1))
        return sorted(seen)

    def run(self, articles: Iterable[Article], on_batch: Callable[[int], None] | None = None,
            include_text: bool = False) -> Iterator[dict]:
        """Contract dicts in input order."""
        jobs = ((batch, include_text) for batch in _batches(articles, self.settings.batch_size))
        for result in self._pool.imap(_work, jobs):
            if on_batch:
                on_batch(len(result))
            yield from result

    def run_json(self, articles: Iterable[Article], on_batch: Callable[[int], None] | None = None,
                 include_text: bool = False) -> Iterator[tuple[str, bool]]:
        """(contract JSON line, skipped) in input order, serialised in the workers."""
        jobs = ((batch, include_text) for batch in _batches(articles, self.settings.batch_size))
        for result in self._pool.imap(_work_json, jobs):
            if on_batch:
                on_batch(len(result))
            yield from result

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ProcessRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.terminate() if exc[0] else self.close()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def run_parallel(articles: Iterable[Article], settings: Settings, processes: int,
                 on_batch: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Contract dicts in input order, extracted by `processes` workers."""
    with ProcessRunner(settings, processes) as runner:
        yield from runner.run(articles, on_batch)


def run_parallel_json(articles: Iterable[Article], settings: Settings, processes: int,
                      on_batch: Callable[[int], None] | None = None) -> Iterator[tuple[str, bool]]:
    """(contract JSON line, skipped) in input order, extracted and serialised by `processes` workers."""
    with ProcessRunner(settings, processes) as runner:
        yield from runner.run_json(articles, on_batch)
