"""`watch` polls a feed served on 127.0.0.1, fetches its pages, extracts and stores them once."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from store_data import coded_document

from crisislens.feeds import feed_entries, poll
from crisislens.store import Store

PAGE = """<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>Residents said the streets were calm again by the evening, and shops reopened.</p>
<p>Local officials promised an inquiry and asked witnesses to come forward with what they saw.</p>
</article></body></html>"""
PAGES = {
    "/news/mandera": ("Market attack in Mandera",
                      "Gunmen attacked a crowded market in Mandera on Tuesday, killing 12 people, police said."),
    "/news/nairobi": ("Teachers march in Nairobi",
                      "Hundreds of teachers marched through Nairobi on Tuesday to demand unpaid wages."),
}


def _rss(base: str) -> str:
    items = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                    f"<pubDate>Wed, 08 May 2024 09:00:00 GMT</pubDate></item>" for path, (title, _) in PAGES.items())
    items += f"<item><title>Gone</title><link>{base}/news/missing</link></item>"
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{base}/</link><description>t</description>{items}</channel></rss>")


class _Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits[self.path] = type(self).hits.get(self.path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/feed.xml":
            body, kind = _rss(base), "application/rss+xml"
        elif self.path == "/big":
            body, kind = "x" * 50_000, "text/html"
        elif self.path in PAGES:
            title, text = PAGES[self.path]
            body, kind = PAGE.format(title=title, body=text), "text/html"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class _FakePipeline:
    """Stands in for extraction; one hand-coded event per page so the store has events to keep."""

    def __init__(self):
        self.texts: list[str] = []

    def run(self, articles):
        for article in articles:
            self.texts.append(article.text)
            doc = coded_document("other_d.txt")
            doc.id, doc.text, doc.url, doc.title, doc.source = (article.id, article.text, article.url,
                                                                 article.title, article.source)
            doc.published_at = article.published_at
            doc.events[0].evidence = []
            yield doc


@pytest.fixture
def store(tmp_path):
    with Store.open(str(tmp_path / "watch.duckdb")) as s:
        yield s


def test_feed_entries_are_read_from_bytes(site):
    entries = feed_entries(_rss(site).encode())
    assert [(e["url"].rsplit("/", 1)[-1], e["source"]) for e in entries] == \
        [("mandera", "Test Wire"), ("nairobi", "Test Wire"), ("missing", "Test Wire")]


def test_poll_stores_each_new_page(site, store):
    pipeline = _FakePipeline()
    report = poll([site + "/feed.xml"], store, pipeline, timeout=5, allow_private=True)
    assert (report.fetched, report.failed, report.stored["inserted"]) == (2, 1, 2)
    assert any("killing 12 people" in text for text in pipeline.texts)


def test_stored_articles_keep_feed_metadata(site, store):
    poll([site + "/feed.xml"], store, _FakePipeline(), timeout=5, allow_private=True)
    _, events = store.events()
    assert {(e["source"], e["published_at"]) for e in events} == {("Test Wire", "2024-05-08")}


def test_second_poll_fetches_nothing_again(site, store):
    poll([site + "/feed.xml"], store, _FakePipeline(), timeout=5, allow_private=True)
    before = dict(_Handler.hits)
    report = poll([site + "/feed.xml"], store, _FakePipeline(), timeout=5, allow_private=True)
    assert (report.known, report.fetched, _Handler.hits.get("/news/mandera")) == (2, 0, before["/news/mandera"])
    assert store.count("articles") == 2


def test_oversized_and_unreachable_feeds_are_skipped(site, store):
    report = poll([site + "/big", "http://127.0.0.1:9/none.xml", "file:///etc/passwd"], store, _FakePipeline(),
                  timeout=2, max_bytes=10_000, allow_private=True)
    assert (report.failed, store.count("articles")) == (3, 0)


def test_feeds_on_this_machine_are_refused_by_default(site, store):
    report = poll([site + "/feed.xml"], store, _FakePipeline(), timeout=5)
    assert (report.failed, report.entries, store.count("articles")) == (1, 0, 0)
