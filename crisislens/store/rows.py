"""A contract Document as table rows: one article row plus rows for each of its layers.

Spans are kept as JSON `[[start, end], ...]` so that any stored field can be shown, highlighted,
in the stored article text.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, datetime
from typing import Any

from crisislens.schema import Actor, Document, Event, Span

ARTICLE_COLUMNS = ("id", "doc_id", "url", "content_hash", "title", "source", "published_at", "language",
                   "country", "text", "error", "warnings", "ingested_at")
EVENT_COLUMNS = ("id", "article_id", "idx", "kind", "event_type", "sub_event_type", "cameo", "event_date",
                 "date_precision", "fatalities", "fatalities_low", "fatalities_high", "modality", "confidence",
                 "actor1", "actor1_type", "inter1", "assoc_actor_1", "actor2", "actor2_type", "inter2",
                 "assoc_actor_2", "location", "country_code", "admin1", "admin2", "latitude", "longitude",
                 "geo_precision", "geonameid", "claimant", "reason", "spans",
                 "source", "url", "title", "published_at",  # the article's, copied for list pages
                 "statements")
ACTOR_COLUMNS = ("article_id", "idx", "name", "type", "inter", "country", "aliases", "associated", "mentions",
                 "reason")
PLACE_COLUMNS = ("article_id", "idx", "name", "country_code", "admin1", "admin2", "latitude", "longitude",
                 "geonameid", "precision", "feature", "role", "mentions", "reason")
QUANTITY_COLUMNS = ("article_id", "idx", "event_id", "value", "low", "high", "category", "approximate", "text",
                    "span_start", "span_end", "source")
QUOTE_COLUMNS = ("article_id", "idx", "text", "span_start", "span_end", "speaker_name", "speaker_role",
                 "speaker_organization", "speaker_start", "speaker_end", "outlet", "kind")


def content_hash(text: str) -> str:
    """The identity of an article's text: the same text from two files is one article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def article_key(text: str) -> str:
    """A stable article id derived from its text."""
    return "a" + content_hash(text)[:15]


def spans_json(spans: list[Span] | None) -> str:
    return json.dumps([[s.start, s.end] for s in spans or []])


def _assoc(actor: Actor | None) -> str | None:
    return "; ".join(actor.associated) if actor and actor.associated else None


def _event_spans(event: Event) -> str:
    """Which words each field was read from: evidence, trigger, actors, location, figures."""
    spans: dict[str, list[list[int]]] = {"evidence": [[s.start, s.end] for s in event.evidence]}
    if event.trigger:
        spans["trigger"] = [[event.trigger.start, event.trigger.end]]
    for name, actor in (("actor1", event.actor1), ("actor2", event.actor2)):
        if actor and actor.mentions:
            spans[name] = [[s.start, s.end] for s in actor.mentions]
    if event.location and event.location.mentions:
        spans["location"] = [[s.start, s.end] for s in event.location.mentions]
    killed = [q.span for q in event.counts if q.category == "killed"]
    if killed:
        spans["fatalities"] = [[s.start, s.end] for s in killed]
    if event.statements:
        spans["statements"] = [[st.span.start, st.span.end] for st in event.statements]
    return json.dumps(spans)


def _event_statements(event: Event) -> str | None:
    """Each party's account, so an analyst sees who says what when sources disagree."""
    if not event.statements:
        return None
    return json.dumps([{"speaker": {"name": st.speaker.name, "role": st.speaker.role,
                                    "organization": st.speaker.organization},
                        "stance": st.stance, "text": st.text, "span": [st.span.start, st.span.end],
                        "fatalities": st.fatalities} for st in event.statements])


def event_row(article_id: str, idx: int, event: Event, doc: Document | None = None) -> tuple[Any, ...]:
    """An events row; `doc` gives the article fields that list pages show beside each event."""
    a1, a2, loc = event.actor1, event.actor2, event.location
    return (
        f"{article_id}-{idx}", article_id, idx, event.kind, event.event_type, event.sub_event_type, event.cameo,
        event.date, event.date_precision, event.fatalities, event.fatalities_low, event.fatalities_high,
        event.modality, event.confidence,
        a1.name if a1 else None, a1.type if a1 else None, a1.inter if a1 else None, _assoc(a1),
        a2.name if a2 else None, a2.type if a2 else None, a2.inter if a2 else None, _assoc(a2),
        loc.name if loc else None, loc.country_code if loc else None, loc.admin1 if loc else None,
        loc.admin2 if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        loc.precision if loc else None, loc.geonameid if loc else None,
        event.claimant, event.reason, _event_spans(event),
        doc.source if doc else None, doc.url if doc else None, doc.title if doc else None,
        doc.published_at if doc else None, _event_statements(event),
    )


def document_rows(doc: Document, article_id: str, digest: str) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every table, keyed by table name."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [(article_id, doc.id, doc.url, digest, doc.title, doc.source, doc.published_at,
                      doc.language, doc.country, doc.text, doc.error, json.dumps(doc.warnings), now)],
        "events": [event_row(article_id, i, e, doc) for i, e in enumerate(doc.events)],
        "actors": [(article_id, i, a.name, a.type, a.inter, a.country, json.dumps(a.aliases),
                    json.dumps(a.associated), spans_json(a.mentions), a.reason) for i, a in enumerate(doc.actors)],
        "places": [(article_id, i, p.name, p.country_code, p.admin1, p.admin2, p.lat, p.lon, p.geonameid,
                    p.precision, p.feature, p.role, spans_json(p.mentions), p.reason)
                   for i, p in enumerate(doc.places)],
        "quotes": [(article_id, i, q.text, q.span.start, q.span.end, q.speaker.name, q.speaker.role,
                    q.speaker.organization, q.speaker.span.start if q.speaker.span else None,
                    q.speaker.span.end if q.speaker.span else None, q.outlet, q.kind)
                   for i, q in enumerate(doc.quotes)],
    }
    quantities: list[tuple[Any, ...]] = []
    for q in doc.quantities:
        quantities.append(_quantity_row(article_id, len(quantities), None, q))
    for i, event in enumerate(doc.events):  # figures tied to an event, kept with their event
        for q in event.counts:
            quantities.append(_quantity_row(article_id, len(quantities), f"{article_id}-{i}", q))
    rows["quantities"] = quantities
    return {table: [_storable(row) for row in table_rows] for table, table_rows in rows.items()}


INT_MAX = 2**31 - 1  # INTEGER columns are 32-bit on both databases


def _storable(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row every column type accepts: a count too large for INTEGER, or a NaN or infinite figure
    (an absurd number in an article), is stored as unknown rather than failing the whole article."""
    return tuple(None if (isinstance(v, int) and not isinstance(v, bool) and abs(v) > INT_MAX)
                 or (isinstance(v, float) and not math.isfinite(v)) else v for v in row)


def _quantity_row(article_id: str, idx: int, event_id: str | None, q) -> tuple[Any, ...]:
    return (article_id, idx, event_id, q.value, q.low, q.high, q.category, q.approximate, q.text,
            q.span.start, q.span.end, q.source)


COLUMNS = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "actors": ACTOR_COLUMNS,
           "places": PLACE_COLUMNS, "quantities": QUANTITY_COLUMNS, "quotes": QUOTE_COLUMNS}
