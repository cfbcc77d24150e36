"""Serving reads fast: list pages from the events row alone, parallel readers, cached stats."""

from __future__ import annotations

import threading

import pytest
from store_data import coded_document, coded_documents

from crisislens.store import Filters, Store
from crisislens.store.backends import connect
from crisislens.store.migrations import MIGRATIONS, migrate


@pytest.fixture
def filled(target):
    with Store.open(target) as store:
        for doc in coded_documents():
            store.save(doc)
        store.rebuild_incidents()
        yield store


def _article(store: Store, article_id: str) -> tuple:
    return tuple(store.db.query("SELECT source, url, title, published_at FROM articles WHERE id = ?",
                                [article_id])[0])


def test_list_rows_carry_their_articles_fields(filled):
    _, events = filled.events()
    assert all((e["source"], e["url"], e["title"], e["published_at"]) == _article(filled, e["article_id"])
               for e in events)


def test_list_rows_carry_their_incident(filled):
    _, events = filled.events()
    reports = dict(filled.db.query("SELECT event_id, incident_id FROM incident_reports"))
    assert {e["id"]: e["incident_id"] for e in events} == reports


def test_an_event_saved_after_the_merge_has_no_incident_until_the_next(filled):
    doc = coded_document("wire_a.txt")
    doc.text += "\nA later paragraph changes the article."
    filled.save(doc)
    _, events = filled.events()
    assert any(e["incident_id"] is None for e in events)


@pytest.mark.parametrize("limit, offset", [(100, 0), (2, 0), (2, 2), (3, 3), (2, 10)])
def test_the_total_is_right_for_short_and_full_pages(filled, limit, offset):
    assert filled.events(limit=limit, offset=offset)[0] == 4


def test_list_pages_without_spans_are_the_same_events(filled):
    with_spans = filled.events()[1]
    without = filled.events(spans=False)[1]
    assert [{k: v for k, v in e.items() if k not in ("spans", "statements")} for e in with_spans] == without


def test_stats_follow_a_write(filled):
    before = filled.stats()["events"]
    doc = coded_document("wire_a.txt")
    doc.text, doc.url = doc.text + "\nAnother telling of it.", "https://example.org/another"
    filled.save(doc)
    assert filled.stats()["events"] == before + len(doc.events)


def test_repeated_stats_are_answered_from_the_cache(filled):
    filled.stats(Filters(country="KE"))
    hits = filled._stats.hits
    filled.stats(Filters(country="KE"))
    assert filled._stats.hits == hits + 1


def test_migrating_a_version_3_database_fills_the_list_fields(tmp_path):
    path = str(tmp_path / "old.duckdb")
    db = connect(path)
    original = MIGRATIONS
    try:
        import crisislens.store.migrations as m

        m.MIGRATIONS = original[:3]
        migrate(db)
        db.execute("INSERT INTO articles (id, content_hash, source, url, title, published_at)"
                   " VALUES ('a1', 'h', 'Wire', 'https://example.org/1', 'Title', '2024-05-07')")
        db.execute("INSERT INTO events (id, article_id, idx) VALUES ('a1-0', 'a1', 0)")
        db.execute("INSERT INTO incident_reports (event_id, incident_id) VALUES ('a1-0', 'i1')")
    finally:
        m.MIGRATIONS = original
        db.close()
    with Store.open(path) as store:
        [event] = store.events()[1]
    assert (event["source"], event["url"], event["title"], event["published_at"], event["incident_id"]) == (
        "Wire", "https://example.org/1", "Title", "2024-05-07", "i1")


def test_a_read_does_not_wait_for_another_threads_write_transaction(tmp_path):
    with Store.open(str(tmp_path / "events.duckdb")) as store:
        store.save(coded_document("wire_a.txt"))
        inside, release, answers = threading.Event(), threading.Event(), []

        def writer() -> None:
            with store.db.transaction():
                store.db.execute("DELETE FROM quotes")
                inside.set()
                release.wait(10)

        def reader() -> None:
            answers.append(store.count("events"))

        w = threading.Thread(target=writer)
        w.start()
        inside.wait(10)
        r = threading.Thread(target=reader)
        r.start()
        r.join(5)
        finished_during_write = not r.is_alive()
        release.set()
        w.join(10)
        r.join(10)
    assert (finished_during_write, answers) == (True, [1])


def test_parallel_readers_get_the_same_answers_as_one(filled):
    expected = filled.events(Filters(country="KE"))
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(filled.events(Filters(country="KE"))))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers == [expected] * 8


@pytest.mark.parametrize("filters", [Filters(), Filters(event_type="Protests"), Filters(q="mourning")])
def test_stats_agree_with_the_events_themselves(filled, filters):
    _, events = filled.events(filters, limit=None)
    per_day: dict = {}
    for e in events:
        if e["event_date"]:
            n, k = per_day.get(e["event_date"], (0, 0))
            per_day[e["event_date"]] = (n + 1, k + (e["fatalities"] or 0))
    stats = filled.stats(filters)
    assert (stats["events"], stats["fatalities"], stats["articles"],
            {d["date"]: (d["events"], d["fatalities"]) for d in stats["per_day"]},
            sum(t["events"] for t in stats["per_type"])) == (
        len(events), sum(e["fatalities"] or 0 for e in events), len({e["article_id"] for e in events}),
        per_day, len(events))


def test_several_server_processes_refuse_to_write_a_duckdb_file(tmp_path):
    from typer.testing import CliRunner

    from crisislens.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--workers", "2",
                                      "--token", "secret"])
    assert result.exit_code == 2 and "read-only" in result.output


def test_a_worker_process_builds_its_app_from_the_environment(filled, monkeypatch, tmp_path):
    if not filled.target.startswith("postgres"):
        filled.close()  # a worker opens the file read-only, beside no writer
    import json

    from fastapi.testclient import TestClient

    from crisislens.api import SERVE_ENV, app_from_env

    monkeypatch.setenv(SERVE_ENV, json.dumps({"db": filled.target, "db_threads": 1}))
    monkeypatch.delenv("CRISISLENS_API_TOKEN", raising=False)
    app = app_from_env()
    client = TestClient(app)
    threads = 1 if filled.target.startswith("postgres") else app.state.store.db.query(
        "SELECT current_setting('threads')")[0][0]
    assert (client.get("/api/events").json()["total"], int(threads)) == (4, 1)


def _incident_matches(row: dict, f: Filters) -> bool:
    """The filters' meaning written out: a row spans [starts, ends] (an event's one day is both)
    and matches a date window it overlaps."""
    starts = row.get("date_start", row.get("event_date"))
    ends = row.get("date_end", row.get("event_date"))
    lon, lat = row["longitude"], row["latitude"]
    return ((f.bbox is None or (lon is not None and lat is not None and f.bbox[0] <= lon <= f.bbox[2]
                                and f.bbox[1] <= lat <= f.bbox[3]))
            and (f.date_from is None or (ends is not None and ends >= f.date_from))
            and (f.date_to is None or (starts is not None and starts <= f.date_to))
            and (f.event_type is None or f.event_type in (row["event_type"], row["sub_event_type"]))
            and (f.country is None or row["country_code"] == f.country))


FROM_A_ROW = {
    "ends on the first day of the window": lambda r: Filters(date_from=r.get("date_end", r.get("event_date"))),
    "starts on the last day of the window": lambda r: Filters(date_to=r.get("date_start", r.get("event_date"))),
    "one-day window": lambda r: Filters(date_from=r.get("date_end", r.get("event_date")),
                                        date_to=r.get("date_end", r.get("event_date"))),
    "sub-event type": lambda r: Filters(event_type=r["sub_event_type"]),
    "country": lambda r: Filters(country=r["country_code"]),
    "map window": lambda r: Filters(bbox=(r["longitude"] - 0.01, r["latitude"] - 0.01,
                                          r["longitude"] + 0.01, r["latitude"] + 0.01)),
}


@pytest.mark.parametrize("make", FROM_A_ROW.values(), ids=FROM_A_ROW.keys())
@pytest.mark.parametrize("kind", ["events", "incidents"])
def test_events_and_incidents_read_the_same_filters_from_their_own_columns(filled, kind, make):
    read = filled.events if kind == "events" else filled.incidents
    everything = read(limit=None)[1]
    f = make(next(r for r in reversed(everything) if r["latitude"] is not None and r["country_code"]))
    expected = {r["id"] for r in everything if _incident_matches(r, f)}
    assert expected and {r["id"] for r in read(f, limit=None)[1]} == expected


def test_an_incident_matches_an_actor_when_one_of_its_reports_does(filled):
    _, events = filled.events(limit=None)
    word = next(e["actor1"] for e in events if e["actor1"] and e["incident_id"]).split()[-1].lower()
    expected = {e["incident_id"] for e in events if e["incident_id"] and any(
        word in (e[c] or "").lower() for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"))}
    assert expected and {i["id"] for i in filled.incidents(Filters(actor=word), limit=None)[1]} == expected


def test_a_serving_store_runs_each_duckdb_query_on_one_thread(tmp_path):
    with Store.open(str(tmp_path / "one.duckdb"), threads=1) as store:
        assert int(store.db.query("SELECT current_setting('threads')")[0][0]) == 1
