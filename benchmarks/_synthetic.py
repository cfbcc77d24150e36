"""Synthetic stored events for the store and API benchmarks, generated in SQL in seconds.

Reports come three to an incident (three articles reporting one event: same type, dates a day
apart, places within a kilometre), four events to an article, dates rising with the event
number as a live ingest's would, places spread over East Africa and the Sahel.
"""

from __future__ import annotations

import time

TYPES = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Riots", "Mob violence"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Strategic developments", "Arrests")]
COUNTRIES = ["KE", "SO", "ET", "SD", "SS", "CD", "NG", "ML", "BF", "NE"]
DAYS = 1826  # five years
LAYOUT = 1  # bumped when the generated data changes, so a kept benchmark database is rebuilt


def fill(store, n_events: int) -> dict:
    """Insert `n_events` events (and their articles) straight into the store's tables."""
    db = store.db
    n_articles = max(1, n_events // 4)
    types = "[" + ", ".join(f"'{t}'" for t, _ in TYPES) + "]"
    subs = "[" + ", ".join(f"'{s}'" for _, s in TYPES) + "]"
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    started = time.perf_counter()
    db.execute(f"""
        INSERT INTO articles (id, doc_id, url, content_hash, title, source, published_at, language, country,
                              text, error, warnings, ingested_at)
        SELECT 'a' || j, 'doc' || j, 'https://news.example/' || j, md5('a' || j), 'Report ' || j,
               'Source ' || (j % 60), strftime(DATE '2020-01-01' + CAST(j * {DAYS} // {n_articles} AS INTEGER),
               '%Y-%m-%d'), 'en', 'KE', 'Synthetic article number ' || j || ' about an incident.', NULL, '[]',
               '2025-01-01T00:00:00'
        FROM range({n_articles}) t(j)""")
    db.execute(f"""
        INSERT INTO events (id, article_id, idx, kind, event_type, sub_event_type, cameo, event_date,
            date_precision, fatalities, fatalities_low, fatalities_high, modality, confidence, actor1, actor1_type,
            inter1, assoc_actor_1, actor2, actor2_type, inter2, assoc_actor_2, location, country_code, admin1,
            admin2, latitude, longitude, geo_precision, geonameid, claimant, reason, spans,
            source, url, title, published_at)
        SELECT 'e' || i, 'a' || (i % {n_articles}), i // {n_articles}, 'acled',
               {types}[1 + k % 6], {subs}[1 + k % 6], NULL,
               strftime(DATE '2020-01-01' + CAST(k * {DAYS} // {max(1, n_events // 3)} + i % 3 // 2 AS INTEGER),
                        '%Y-%m-%d'),
               1, k % 17, NULL, NULL, 'asserted', 0.8, 'Group ' || (k % 300), 'rebel_group', 2, NULL,
               'Civilians (' || {countries}[1 + k % 10] || ')', 'civilians', 7, NULL,
               'Town ' || (k % 5000), {countries}[1 + k % 10], 'Region ' || (k % 40), NULL,
               -10 + ((k * 7727) % 3000) / 100.0 + (i % 3) * 0.002, 10 + ((k * 1931) % 4000) / 100.0,
               1, NULL, NULL, 'synthetic', '{{"evidence": [[0, 9]]}}',
               'Source ' || (j % 60), 'https://news.example/' || j, 'Report ' || j,
               strftime(DATE '2020-01-01' + CAST(j * {DAYS} // {n_articles} AS INTEGER), '%Y-%m-%d')
        FROM (SELECT i, i // 3 AS k, i % {n_articles} AS j FROM range({n_events}) t(i))""")
    seconds = time.perf_counter() - started
    return {"events": n_events, "articles": n_articles, "seconds": round(seconds, 2),
            "events_per_s": round(n_events / seconds)}
