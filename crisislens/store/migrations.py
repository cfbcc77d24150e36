"""The database schema as ordered migration steps, the same SQL on DuckDB and PostgreSQL.

`schema_version` records each applied step; `migrate` applies the missing ones in order,
each in its own transaction, so opening a database twice (or an old one) is always safe.
Types are the common subset of both: TEXT, INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN.
Dates are ISO `YYYY-MM-DD` TEXT, which sorts and compares correctly on both.
JSON-valued columns (spans, aliases, statements) are TEXT holding JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime

from crisislens.store.backends import Backend

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("articles, events and their layers", (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, doc_id TEXT, url TEXT, content_hash TEXT NOT NULL,
            title TEXT, source TEXT, published_at TEXT, language TEXT, country TEXT,
            text TEXT, error TEXT, warnings TEXT, ingested_at TEXT)""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT,
            event_type TEXT, sub_event_type TEXT, cameo TEXT,
            event_date TEXT, date_precision INTEGER,
            fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
            modality TEXT, confidence DOUBLE PRECISION,
            actor1 TEXT, actor1_type TEXT, inter1 INTEGER, assoc_actor_1 TEXT,
            actor2 TEXT, actor2_type TEXT, inter2 INTEGER, assoc_actor_2 TEXT,
            location TEXT, country_code TEXT, admin1 TEXT, admin2 TEXT,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER, geonameid BIGINT,
            claimant TEXT, reason TEXT, spans TEXT)""",
        """CREATE TABLE actors (
            article_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT, type TEXT, inter INTEGER,
            country TEXT, aliases TEXT, associated TEXT, mentions TEXT, reason TEXT,
            PRIMARY KEY (article_id, idx))""",
        """CREATE TABLE places (
            article_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT, country_code TEXT,
            admin1 TEXT, admin2 TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
            geonameid BIGINT, precision INTEGER, feature TEXT, role TEXT, mentions TEXT, reason TEXT,
            PRIMARY KEY (article_id, idx))""",
        """CREATE TABLE quantities (
            article_id TEXT NOT NULL, idx INTEGER NOT NULL, event_id TEXT, value DOUBLE PRECISION,
            low DOUBLE PRECISION, high DOUBLE PRECISION, category TEXT, approximate BOOLEAN,
            text TEXT, span_start INTEGER, span_end INTEGER, source TEXT,
            PRIMARY KEY (article_id, idx))""",
        """CREATE TABLE quotes (
            article_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT, span_start INTEGER,
            span_end INTEGER, speaker_name TEXT, speaker_role TEXT, speaker_organization TEXT,
            speaker_start INTEGER, speaker_end INTEGER, outlet TEXT, kind TEXT,
            PRIMARY KEY (article_id, idx))""",
    )),
    ("incidents: events from many articles merged", (
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY, event_type TEXT, sub_event_type TEXT,
            date_start TEXT, date_end TEXT, country_code TEXT, admin1 TEXT, location TEXT,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
            n_reports INTEGER, n_sources INTEGER,
            fatalities_best INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
            actor1 TEXT, actor2 TEXT)""",
        """CREATE TABLE incident_reports (
            event_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL)""",
    )),
    ("indexes for the API's filters", (
        "CREATE INDEX events_date ON events (event_date)",
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX events_country ON events (country_code)",
        "CREATE INDEX articles_hash ON articles (content_hash)",
        "CREATE INDEX articles_url ON articles (url)",
        "CREATE INDEX incident_reports_incident ON incident_reports (incident_id)",
        "CREATE INDEX incidents_date ON incidents (date_start)",
    )),
    ("events carry what a list of events shows, so a page is read from one table", (
        # the article's source, url, title and date (written with the event) and the event's incident
        # (written by rebuild_incidents): the joins that added them cost more than the page itself
        "ALTER TABLE events ADD COLUMN source TEXT",
        "ALTER TABLE events ADD COLUMN url TEXT",
        "ALTER TABLE events ADD COLUMN title TEXT",
        "ALTER TABLE events ADD COLUMN published_at TEXT",
        "ALTER TABLE events ADD COLUMN incident_id TEXT",
        """UPDATE events SET source = a.source, url = a.url, title = a.title, published_at = a.published_at
           FROM articles a WHERE a.id = events.article_id""",
        "UPDATE events SET incident_id = r.incident_id FROM incident_reports r WHERE r.event_id = events.id",
        "CREATE INDEX quotes_article ON quotes (article_id)",
        "CREATE INDEX quantities_article ON quantities (article_id)",
    )),
    ("events keep each party's statements about them", (
        # JSON [{speaker, stance, text, span, fatalities}]: who asserts, claims, denies or disputes it
        "ALTER TABLE events ADD COLUMN statements TEXT",
    )),
)


def current_version(db: Backend) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    rows = db.query("SELECT MAX(version) FROM schema_version")
    return int(rows[0][0] or 0)


def migrate(db: Backend) -> int:
    """Apply every step newer than the database's version; returns the resulting version."""
    version = current_version(db)
    for number, (name, statements) in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with db.transaction():
            for statement in statements:
                db.execute(statement)
            db.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                       (number, name, datetime.now(UTC).isoformat(timespec="seconds")))
        version = number
    return version
