"""The REST API: filtered, paginated reads open to all; writes only with the configured token."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from store_data import coded_document, coded_documents

from crisislens.api import ApiConfig, create_app
from crisislens.store import Store

TOKEN = "s3cret-token-for-tests"


class _FakePipeline:
    def run(self, articles):
        for article in articles:
            doc = coded_document("other_d.txt")
            doc.text, doc.url, doc.id = article.text, article.url, article.id
            doc.events[0].evidence = []
            yield doc


def _client(tmp_path, **config) -> TestClient:
    db = str(tmp_path / "api.duckdb")
    with Store.open(db) as store:
        for doc in coded_documents():
            store.save(doc)
        store.rebuild_incidents()
    return TestClient(create_app(ApiConfig(db=db, pipeline_factory=_FakePipeline, **config)))


@pytest.fixture
def client(tmp_path):
    return _client(tmp_path, token=TOKEN)


def test_events_are_served_with_their_total(client):
    body = client.get("/api/events", params={"limit": 2}).json()
    assert (body["total"], len(body["items"])) == (4, 2)


@pytest.mark.parametrize("params, total", [
    ({"bbox": "36,-2,37.5,0"}, 1),
    ({"date_from": "2024-05-07", "date_to": "2024-05-07"}, 3),
    ({"event_type": "Protests"}, 1),
    ({"actor": "shabaab"}, 1),
    ({"country": "KEN"}, 4),
    ({"q": "mourning"}, 1),
])
def test_event_filters(client, params, total):
    assert client.get("/api/events", params=params).json()["total"] == total


@pytest.mark.parametrize("params", [{"bbox": "1,2,3"}, {"date_from": "May 7"}, {"limit": 0}])
def test_bad_filters_are_refused(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_event_detail_has_article_text_and_evidence(client):
    event_id = client.get("/api/events", params={"actor": "shabaab"}).json()["items"][0]["id"]
    event = client.get(f"/api/events/{event_id}").json()
    start, end = event["spans"]["evidence"][0]
    assert event["article"]["text"][start:end].startswith("At least 15 people died")


def test_missing_event_is_404(client):
    assert client.get("/api/events/nope").status_code == 404


def test_incidents_merge_reports(client):
    items = client.get("/api/incidents", params={"event_type": "Violence against civilians"}).json()["items"]
    detail = client.get(f"/api/incidents/{items[0]['id']}").json()
    assert (items[0]["n_sources"], len(detail["reports"])) == (3, 3)


def test_stats_give_events_per_day(client):
    per_day = client.get("/api/stats").json()["per_day"]
    assert {d["date"]: d["events"] for d in per_day} == {"2024-05-06": 1, "2024-05-07": 3}


def test_openapi_is_published(client):
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


ARTICLE = {"text": "Teachers marched in Kisumu on Friday over unpaid wages.", "published_at": "2024-06-01",
           "url": "https://example.org/kisumu"}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_writes_without_a_valid_token_are_refused(client, headers):
    response = client.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert client.get("/api/events").json()["total"] == 4


def test_writes_are_refused_when_no_token_is_configured(tmp_path):
    client = _client(tmp_path, token=None)
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer "}).status_code == 401


def test_authorised_write_extracts_and_stores(client):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json=ARTICLE, headers=headers)
    again = client.post("/api/articles", json=ARTICLE, headers=headers)
    assert (first.status_code, first.json()["status"], again.json()["status"]) == (201, "inserted", "skipped")
    assert client.get("/api/events").json()["total"] == 5


def test_large_bodies_are_refused(tmp_path):
    client = _client(tmp_path, token=TOKEN, max_body=1000)
    response = client.post("/api/articles", json={"text": "x" * 5000}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_cors_is_off_unless_configured(client, tmp_path):
    origin = {"Origin": "https://elsewhere.example"}
    off = client.get("/api/events", headers=origin).headers.get("access-control-allow-origin")
    (tmp_path / "c").mkdir()
    on = _client(tmp_path / "c", token=TOKEN, cors_origins=["https://elsewhere.example"]).get(
        "/api/events", headers=origin).headers.get("access-control-allow-origin")
    assert (off, on) == (None, "https://elsewhere.example")


def test_dashboard_page_is_served(client):
    response = client.get("/")
    assert (response.status_code, "leaflet.js" in response.text) == (200, True)


def test_answers_are_compact_utf8_json(client):
    event_id = client.get("/api/events").json()["items"][0]["id"]
    response = client.get(f"/api/events/{event_id}")
    assert (response.headers["content-type"], response.content) == (
        "application/json", json.dumps(response.json(), ensure_ascii=False, separators=(",", ":")).encode())


@pytest.mark.parametrize("path", ["/api/events", "/api/incidents", "/api/stats"])
def test_filters_are_checked_before_any_query(client, path):
    assert client.get(path, params={"date_from": "2024-02-31"}).status_code == 422
