"""The event database on a DuckDB file and on a real PostgreSQL server."""

from __future__ import annotations

import pytest
from store_data import coded_document, coded_documents

from crisislens.ingest.article import Article
from crisislens.store import Filters, Store
from crisislens.store import rows as store_rows
from crisislens.store.migrations import MIGRATIONS


@pytest.fixture
def store(target):
    with Store.open(target) as s:
        yield s


@pytest.fixture
def filled(store):
    for doc in coded_documents():
        store.save(doc)
    store.rebuild_incidents()
    return store


def test_schema_is_migrated_once(target):
    with Store.open(target) as first:
        assert first.version == len(MIGRATIONS)
    with Store.open(target) as again:
        rows = again.db.query("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))


def test_saving_the_same_article_twice_stores_it_once(store):
    doc = coded_document("wire_a.txt")
    assert [store.save(doc), store.save(doc)] == ["inserted", "skipped"]
    assert (store.count("articles"), store.count("events")) == (1, 1)


def test_a_changed_article_at_the_same_url_is_updated(store):
    doc = coded_document("wire_a.txt")
    store.save(doc)
    doc.text += "\nThe death toll was later confirmed by the county."
    assert store.save(doc) == "updated"
    assert (store.count("articles"), store.count("events")) == (1, 1)


def test_a_failed_write_leaves_nothing_behind(store, monkeypatch):
    doc = coded_document("local_b.txt")
    real = store_rows.document_rows

    def broken(*args):
        out = real(*args)
        out["quotes"] = [("too", "few")]
        return out

    monkeypatch.setattr("crisislens.store.document_rows", broken)
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own error class
        store.save(doc)
    monkeypatch.undo()
    assert (store.count("articles"), store.count("events")) == (0, 0)
    assert store.save(doc) == "inserted"


def test_event_keeps_its_evidence_in_the_article_text(filled):
    _, events = filled.events(Filters(actor="al shabaab"))
    event = filled.event(events[0]["id"])
    start, end = event["spans"]["evidence"][0]
    assert event["article"]["text"][start:end].startswith("At least 15 people died")


def test_event_shows_its_quotes_and_figures(filled):
    _, events = filled.events(Filters(actor="al shabaab"))
    event = filled.event(events[0]["id"])
    assert (event["article"]["quotes"][0]["speaker_name"], event["figures"][0]["value"]) == ("Halima Noor", 15)


def test_event_keeps_each_partys_statement_with_its_words(filled):
    _, events = filled.events(Filters(q="crowded market"))
    event = filled.event(events[0]["id"])
    [statement] = event["statements"]
    start, end = statement["span"]
    assert (statement["speaker"]["organization"], statement["stance"], statement["fatalities"],
            event["article"]["text"][start:end] == statement["text"]) == ("Kenya Police Service", "asserts", 12, True)


def test_an_event_without_statements_gets_an_empty_list(filled):
    _, events = filled.events(Filters(actor="al shabaab"))
    assert filled.event(events[0]["id"])["statements"] == []


def test_list_pages_leave_statements_out(filled):
    _, events = filled.events(Filters(q="crowded market"), spans=False)
    assert "statements" not in events[0]


@pytest.mark.parametrize("filters, expected", [
    (Filters(), 4),
    (Filters(event_type="Protests"), 1),
    (Filters(event_type="Attack"), 3),
    (Filters(country="Kenya"), 4),
    (Filters(country="SOM"), 0),
    (Filters(bbox=(36.0, -2.0, 37.5, 0.0)), 1),
    (Filters(date_from="2024-05-07", date_to="2024-05-07"), 3),
    (Filters(actor="shabaab"), 1),
    (Filters(q="mourning"), 1),
    (Filters(q="100%_"), 0),
    (Filters(q="'; DROP TABLE events; --"), 0),
])
def test_filters(filled, filters, expected):
    total, rows = filled.events(filters)
    assert (total, len(rows)) == (expected, expected)
    assert filled.count("events") == 4


def test_pagination_reports_the_total(filled):
    total, page = filled.events(limit=2, offset=3)
    assert (total, len(page)) == (4, 1)


def test_incidents_filter_by_text_of_their_reports(filled):
    total, rows = filled.incidents(Filters(q="mourning"))
    assert (total, rows[0]["n_reports"]) == (1, 3)


def test_stats_count_events_and_fatalities_per_day(filled):
    per_day = {d["date"]: (d["events"], d["fatalities"]) for d in filled.stats()["per_day"]}
    assert per_day["2024-05-07"] == (3, 27)


class _FakePipeline:
    """Stands in for extraction: returns the hand-coded document of each article."""

    def __init__(self):
        self.seen = 0

    def run(self, articles):
        for article in articles:
            self.seen += 1
            doc = coded_document(article.id)
            yield doc


def _articles():
    return [Article(id=d.id, text=d.text, url=d.url, source=d.source, published_at=d.published_at)
            for d in coded_documents()] + [Article(id="empty", text="", error="text is empty")]


def test_ingesting_twice_stores_the_same_events(store):
    first = store.ingest(_articles(), _FakePipeline())
    pipeline = _FakePipeline()
    second = store.ingest(_articles(), pipeline)
    assert (first.inserted, first.failed, second.skipped, pipeline.seen) == (4, 1, 4, 0)
    assert store.count("events") == 4


def test_a_read_only_store_serves_reads_and_refuses_writes(tmp_path):
    path = str(tmp_path / "shared.duckdb")
    with Store.open(path) as writer:
        writer.save(coded_document("wire_a.txt"))
    with Store.open(path, read_only=True) as reader:
        assert reader.events()[0] == 1
        with pytest.raises(Exception):  # noqa: B017 - duckdb's own error class
            reader.save(coded_document("local_b.txt"))


def test_ingesting_the_examples_twice_gives_the_same_events(pipeline, tmp_path):
    from pathlib import Path

    from crisislens.ingest import read_inputs

    examples = Path(__file__).parent.parent / "examples" / "articles"
    with Store.open(str(tmp_path / "examples.duckdb")) as store:
        first = store.ingest(read_inputs(str(examples)), pipeline)
        events = store.count("events")
        second = store.ingest(read_inputs(str(examples)), pipeline)
        assert (second.inserted, second.skipped, store.count("events")) == (0, first.inserted, events)
