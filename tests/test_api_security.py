"""The API under attack: injection through every filter, malformed input, tokens, bodies, CORS."""

from __future__ import annotations

import hmac

import pytest
from fastapi.testclient import TestClient
from pg_server import fresh_database
from store_data import coded_documents

from crisislens import api as api_module
from crisislens.api import ApiConfig, create_app
from crisislens.store import Store
from crisislens.store.queries import MAX_LIMIT

TOKEN = "an-api-token-for-the-tests"
TABLES = ("articles", "events", "actors", "places", "quantities", "quotes", "incidents", "incident_reports")
PAYLOADS = [
    "'; DROP TABLE events; --",
    "%' OR '1'='1",
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "1; DELETE FROM articles",
    "') UNION SELECT id, text FROM articles --",
    "?",
    "%s%s%s",
    "$1",
    "\\'; DROP TABLE incidents; --",
    "_%",
]
TEXT_FILTERS = ("event_type", "actor", "country", "q")



def _fill(target: str) -> dict[str, int]:
    with Store.open(target) as store:
        for doc in coded_documents():
            store.save(doc)
        store.rebuild_incidents()
        return {t: store.count(t) for t in TABLES}


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def served(request, tmp_path_factory):
    if request.param == "duckdb":
        target = str(tmp_path_factory.mktemp("sec") / "api.duckdb")
    else:
        target = fresh_database(request.getfixturevalue("pg_url"))
    counts = _fill(target)
    client = TestClient(create_app(ApiConfig(db=target, token=TOKEN)), raise_server_exceptions=False)
    return client, counts, target


@pytest.mark.parametrize("name", TEXT_FILTERS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_through_text_filters_matches_nothing(served, name, payload):
    client, counts, _ = served
    for path in ("/api/events", "/api/incidents", "/api/stats"):
        response = client.get(path, params={name: payload})
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        assert body.get("total", body.get("events")) == 0, (path, body)


@pytest.mark.parametrize("name", ["bbox", "date_from", "date_to", "kind", "limit", "offset"])
@pytest.mark.parametrize("payload", PAYLOADS[:6])
def test_injection_through_typed_filters_is_refused(served, name, payload):
    client, _, _ = served
    assert client.get("/api/events", params={name: payload}).status_code == 422


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_through_ids_finds_nothing(served, payload):
    client, _, _ = served
    for path in ("/api/events/", "/api/incidents/"):
        assert client.get(path + payload.replace("/", "%2F").replace("?", "%3F")).status_code == 404


def test_tables_survive_every_attack(served):
    """Runs after the injection tests in this module: every table still has every row."""
    client, counts, _ = served
    store = client.app.state.store
    assert {t: store.count(t) for t in TABLES} == counts


@pytest.mark.parametrize("params, words", [
    ({"date_from": "2024-02-31"}, "real date"),
    ({"date_to": "2024-13-01"}, "real date"),
    ({"date_from": "24-5-7"}, "pattern"),
    ({"bbox": "nan,0,1,1"}, "bbox"),
    ({"bbox": "-inf,-90,inf,90"}, "bbox"),
    ({"bbox": "0,0,1"}, "bbox"),
    ({"bbox": "2,0,1,1"}, "bbox"),
    ({"bbox": "0,-91,1,1"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"limit": -1}, "greater than"),
    ({"limit": 0}, "greater than"),
    ({"offset": -5}, "greater than"),
    ({"limit": "ten"}, "integer"),
    ({"kind": "everything"}, "pattern"),
    ({"q": "x" * 201}, "at most"),
])
def test_bad_input_gets_a_clear_4xx(served, params, words):
    client, _, _ = served
    response = client.get("/api/events", params=params)
    assert response.status_code == 422 and words in response.text, response.text


@pytest.mark.parametrize("limit", [MAX_LIMIT + 1, 10**9, 10**30])
def test_huge_limits_are_capped(served, limit):
    client, _, _ = served
    body = client.get("/api/events", params={"limit": limit}).json()
    assert (body["limit"], body["total"]) == (MAX_LIMIT, 4)


def test_an_offset_past_the_end_is_an_empty_page(served):
    client, _, _ = served
    body = client.get("/api/events", params={"offset": 1000}).json()
    assert (body["total"], body["items"]) == (4, [])


def test_server_errors_show_no_internals(served, monkeypatch):
    client, _, _ = served

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(client.app.state.store, "events", broken)
    response = client.get("/api/events")
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/..%2f..%2fapi.py"])
def test_static_files_do_not_leave_their_folder(served, path):
    client, _, _ = served
    response = client.get(path)
    assert response.status_code == 404 and "root:" not in response.text


def test_security_headers_are_set(served):
    client, _, _ = served
    headers = client.get("/").headers
    assert ("script-src" not in headers["content-security-policy"]
            and "default-src 'self'" in headers["content-security-policy"]
            and headers["x-content-type-options"] == "nosniff")


# --- writes --------------------------------------------------------------------------------

class _FakePipeline:
    def run(self, articles):
        from crisislens.schema import Document

        for article in articles:
            yield Document(id=article.id, text=article.text, url=article.url)


@pytest.fixture
def writable(tmp_path):
    db = str(tmp_path / "w.duckdb")
    _fill(db)
    return TestClient(create_app(ApiConfig(db=db, token=TOKEN, max_body=10_000, pipeline_factory=_FakePipeline)))


AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "posted", "text": "Protesters marched in Kisumu on Friday.", "published_at": "2024-06-01"}


def test_tokens_are_compared_in_constant_time(writable, monkeypatch):
    calls, real = [], hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api_module.hmac, "compare_digest", spy)
    writable.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert calls == [(b"nope", TOKEN.encode())]


@pytest.mark.parametrize("authorization", ["", "Bearer", "Bearer ", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x",
                                           f"bearer{TOKEN}", f"Token {TOKEN}", b"Bearer \xc3\xa9t\xc3\xa9",
                                           f"Bearer {TOKEN.upper()}"])
def test_wrong_tokens_are_refused(writable, authorization):
    response = writable.post("/api/articles", json=ARTICLE, headers={"Authorization": authorization})
    assert (response.status_code, response.headers.get("www-authenticate")) == (401, "Bearer")


def test_reads_need_no_token_but_writes_do(writable):
    assert writable.get("/api/events").status_code == 200
    assert writable.post("/api/articles", json=ARTICLE).status_code == 401
    assert writable.post("/api/articles", json=ARTICLE, headers=AUTH).status_code == 201


@pytest.mark.parametrize("body", [
    {"text": ""},
    {"text": 42},
    {"text": ["a", "list"]},
    {"id": "no-text"},
    {"text": "ok", "published_at": 7},
    "just a string",
    [1, 2, 3],
])
def test_malformed_articles_are_refused(writable, body):
    response = writable.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 422, response.text


def test_non_json_bodies_are_refused(writable):
    response = writable.post("/api/articles", content=b"{not json", headers=AUTH | {"Content-Type": "application/json"})
    assert response.status_code == 422


def test_whitespace_only_text_is_refused(writable):
    assert writable.post("/api/articles", json={"text": " \n\t "}, headers=AUTH).status_code == 422


def test_oversized_bodies_are_refused_declared_or_streamed(writable):
    big = b'{"text": "' + b"x" * 20_000 + b'"}'
    declared = writable.post("/api/articles", content=big, headers=AUTH | {"Content-Type": "application/json"})
    streamed = writable.post("/api/articles", content=iter([big[i:i + 1000] for i in range(0, len(big), 1000)]),
                             headers=AUTH | {"Content-Type": "application/json"})
    assert (declared.status_code, streamed.status_code) == (413, 413)
    assert writable.get("/api/events").json()["total"] == 4


def test_a_bogus_content_length_is_refused(writable):
    response = writable.post("/api/articles", content=b"{}", headers=AUTH | {"Content-Length": "-1",
                                                                           "Content-Type": "application/json"})
    assert response.status_code in (400, 413)


# --- CORS ----------------------------------------------------------------------------------

ORIGIN = "https://dashboard.example"


def _cors(tmp_path, origins):
    db = str(tmp_path / "c.duckdb")
    _fill(db)
    return TestClient(create_app(ApiConfig(db=db, cors_origins=origins)))


def test_no_cors_headers_by_default(tmp_path):
    client = _cors(tmp_path, [])
    simple = client.get("/api/events", headers={"Origin": ORIGIN})
    preflight = client.options("/api/articles", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_only_for_configured_origins(tmp_path):
    client = _cors(tmp_path, [ORIGIN])
    allowed = client.get("/api/events", headers={"Origin": ORIGIN}).headers.get("access-control-allow-origin")
    other = client.get("/api/events", headers={"Origin": "https://evil.example"}).headers
    assert (allowed, "access-control-allow-origin" in other) == (ORIGIN, False)
