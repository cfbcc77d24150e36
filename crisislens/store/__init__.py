"""The event database: articles, events and their layers, incidents; DuckDB or PostgreSQL.

    store = Store.open("crisislens.duckdb")        # or "postgresql://user@host/db"
    store.save(document)                            # idempotent: same text twice is stored once
    total, events = store.events(Filters(country="KE"), limit=50)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass
from typing import Any

from crisislens.schema import Document
from crisislens.store import queries
from crisislens.store.backends import Backend, connect
from crisislens.store.cache import ResultCache
from crisislens.store.migrations import MIGRATIONS, migrate
from crisislens.store.queries import Filters
from crisislens.store.rows import COLUMNS, article_key, content_hash, document_rows

__all__ = ["Filters", "IngestReport", "Store", "content_hash"]
log = logging.getLogger(__name__)
CHILD_TABLES = ("events", "actors", "places", "quantities", "quotes")


@dataclass(slots=True)
class IngestReport:
    inserted: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0


class Store:
    """One database, migrated to the current schema on open."""

    def __init__(self, db: Backend, target: str, migrated: bool = False) -> None:
        self.db = db
        self.target = target
        self.version = len(MIGRATIONS) if migrated else migrate(db)
        # stats answers: kept until this store writes; at most 10 s when another process could write
        self._stats = ResultCache(size=256, ttl=None if getattr(db, "read_only", False) else 10.0)

    @classmethod
    def open(cls, target: str, read_only: bool = False, threads: int | None = None) -> Store:
        """A DuckDB path (created when missing) or a `postgresql://` URL. A read-only DuckDB store
        lets other processes (an export, another server) open the same file at the same time;
        `threads` bounds DuckDB's threads per query (a server answering many small ones: 1)."""
        if read_only and not target.startswith(("postgresql://", "postgres://")):
            import os

            if not os.path.exists(target) or target == ":memory:":
                Store(connect(target), target).close()  # create and migrate it first
            db = connect(target, read_only=True, threads=threads)
            version = int(db.query("SELECT MAX(version) FROM schema_version")[0][0] or 0)
            if version < len(MIGRATIONS):
                db.close()
                raise RuntimeError(f"{target} has schema version {version}; open it once for writing to migrate it")
            return cls(db, target, migrated=True)
        return cls(connect(target, threads=threads), target)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes --------------------------------------------------------------------------

    def lookup(self, text: str, url: str | None) -> tuple[str, str | None]:
        """("same", id) when this text is stored, ("changed", id) when its URL holds another text, else ("new", None)."""
        digest = content_hash(text)
        rows = self.db.query("SELECT id FROM articles WHERE content_hash = ?", [digest])
        if rows:
            return "same", rows[0][0]
        if url:
            rows = self.db.query("SELECT id FROM articles WHERE url = ? ORDER BY ingested_at DESC", [url])
            if rows:
                return "changed", rows[0][0]
        return "new", None

    def save(self, doc: Document) -> str:
        """Store a Document with all its layers in one transaction: "inserted", "updated" or "skipped"."""
        with self.db.transaction():
            status, existing = self.lookup(doc.text, doc.url)
            if status == "same":
                return "skipped"
            article_id = existing or article_key(doc.text)
            if existing:
                self._delete_article(existing)
            for table, rows in document_rows(doc, article_id, content_hash(doc.text)).items():
                columns = COLUMNS[table]
                marks = ", ".join("?" for _ in columns)
                self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        self._stats.clear()
        return "updated" if existing else "inserted"

    def _delete_article(self, article_id: str) -> None:
        self.db.execute("DELETE FROM incident_reports WHERE event_id IN (SELECT id FROM events WHERE article_id = ?)",
                        [article_id])
        for table in CHILD_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])

    def ingest(self, articles: Iterable[Any], pipeline: Any,
               on_article: Callable[[str], None] | None = None) -> IngestReport:
        """Extract and store articles not stored yet; each article is committed on its own, so a
        crash loses nothing already done and a rerun resumes where it stopped."""
        report = IngestReport()
        todo = []
        for article in articles:
            if article.error or not article.text.strip():
                report.failed += 1
                log.warning("article %s not ingested: %s", article.id, article.error or "text is empty")
                _call(on_article, "failed")
                continue
            if self.lookup(article.text, article.url)[0] == "same":
                report.skipped += 1
                _call(on_article, "skipped")
                continue
            todo.append(article)
        for doc in pipeline.run(todo):
            status = self.save(doc)
            setattr(report, status, getattr(report, status) + 1)
            log.info("article %s %s", doc.id, status)
            report.events += len(doc.events) if status != "skipped" else 0
            _call(on_article, status)
        return report

    def rebuild_incidents(self) -> int:
        """Recluster every stored event into incidents; returns the number of incidents. Each event
        row then gets its incident id, which list pages show without a join."""
        from crisislens.dedup import rebuild

        with self.db.transaction():
            n = rebuild(self)
            self.db.execute("UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL AND NOT EXISTS"
                            " (SELECT 1 FROM incident_reports r WHERE r.event_id = events.id)")
            self.db.execute("UPDATE events SET incident_id = r.incident_id FROM incident_reports r"
                            " WHERE r.event_id = events.id AND events.incident_id IS DISTINCT FROM r.incident_id")
        self._stats.clear()
        return n

    # --- reads ---------------------------------------------------------------------------

    def events(self, filters: Filters | None = None, limit: int | None = 100, offset: int = 0,
               spans: bool = True) -> tuple[int, list[dict]]:
        """(total, page of events); `spans=False` leaves out the evidence spans and statements (list pages)."""
        return queries.list_events(self.db, filters or Filters(), limit, offset, spans=spans)

    def event(self, event_id: str) -> dict | None:
        return queries.get_event(self.db, event_id)

    def article(self, article_id: str) -> dict | None:
        return queries.get_article(self.db, article_id)

    def incidents(self, filters: Filters | None = None, limit: int | None = 100, offset: int = 0):
        return queries.list_incidents(self.db, filters or Filters(), limit, offset)

    def incident(self, incident_id: str) -> dict | None:
        return queries.get_incident(self.db, incident_id)

    def stats(self, filters: Filters | None = None) -> dict:
        """Per-day and per-type counts; repeated questions are answered from a small cache."""
        f = filters or Filters()
        return self._stats.get(astuple(f), lambda: queries.stats(self.db, f))

    def count(self, table: str) -> int:
        if table not in COLUMNS and table not in ("incidents", "incident_reports"):
            raise ValueError(f"unknown table {table!r}")
        return int(self.db.query(f"SELECT COUNT(*) FROM {table}")[0][0])


def _call(callback: Callable[[str], None] | None, status: str) -> None:
    if callback:
        callback(status)
