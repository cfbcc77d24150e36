"""The REST API and the dashboard, served by FastAPI.

Reads are open; writes (`POST /api/articles`, which extracts and stores an article) need the
bearer token from configuration, compared in constant time. No token configured means no
writes at all. CORS is off unless origins are given; request bodies are capped.
"""

from __future__ import annotations

import hmac
import logging
import math
import os
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from crisislens.store import Filters, Store, content_hash
from crisislens.store.queries import MAX_LIMIT

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - a dependency; the standard library's encoder still serves
    _orjson = None

log = logging.getLogger(__name__)
DATE = r"^\d{4}-\d{2}-\d{2}$"
DEFAULT_MAX_BODY = 2_000_000
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass
class ApiConfig:
    """How the API is served; built by `crisislens serve` from options and the environment."""

    db: str
    token: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    max_body: int = DEFAULT_MAX_BODY
    db_threads: int | None = 1  # DuckDB threads per query: many small API queries run best on one each
    pipeline_factory: Any = None  # () -> object with .run(articles); the real Pipeline when None

    @classmethod
    def from_env(cls, db: str, token: str | None = None, **kw: Any) -> ApiConfig:
        return cls(db=db, token=token or os.environ.get("CRISISLENS_API_TOKEN") or None, **kw)


class ArticleIn(BaseModel):
    """An article to extract and store, in the contract's input shape."""

    text: str = Field(min_length=1)
    id: str | None = None
    published_at: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


class _BodyLimit:
    """Refuse request bodies over `limit` bytes, declared or streamed (pure ASGI, before parsing)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _too_large(send)
        seen, tripped, answered = 0, False, False

        async def limited() -> dict:
            # Past the limit the app is told the client left; whatever it answers is replaced by a 413.
            nonlocal seen, tripped
            if tripped:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                tripped = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: dict) -> None:
            nonlocal answered
            if not tripped:
                answered = answered or message["type"] == "http.response.start"
                return await send(message)
            if message["type"] == "http.response.start" and not answered:
                answered = True
                await _too_large(send)

        try:
            await self.app(scope, limited, guarded)
        except Exception:
            if not tripped:
                raise
        if tripped and not answered:
            await _too_large(send)


class _SecurityHeaders:
    """Add SECURITY_HEADERS to every response that does not set them itself (pure ASGI: the
    decorator-style HTTP middleware cost more per request than a small query)."""

    _HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self._HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _too_large(send: Any) -> None:
    body = b'{"detail":"request body too large"}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if (len(parts) != 4 or not all(math.isfinite(x) for x in parts)
            or not (-180 <= parts[0] <= parts[2] <= 180 and -90 <= parts[1] <= parts[3] <= 90)):
        raise HTTPException(422, "bbox must be minlon,minlat,maxlon,maxlat in degrees, min before max")
    return parts  # type: ignore[return-value]


def _date(name: str, value: str | None) -> str | None:
    """A real calendar date (the pattern alone lets 2024-02-31 through)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} must be a real date as YYYY-MM-DD") from None


async def filters(  # async: FastAPI runs a plain def dependency on a worker thread, a hop per request
    bbox: Annotated[str | None, Query(max_length=200, description="minlon,minlat,maxlon,maxlat")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(pattern=DATE)] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="event type or sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=100, description="ISO2, ISO3 or name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the article, title or place")] = None,
    kind: Annotated[str | None, Query(pattern=r"^(acled|interaction)$")] = None,
) -> Filters:
    return Filters(bbox=_bbox(bbox), date_from=_date("date_from", date_from), date_to=_date("date_to", date_to),
                   event_type=event_type or None, actor=actor or None, country=country or None, q=q or None,
                   kind=kind)


async def _page(limit: Annotated[int, Query(ge=1, description=f"page size, capped at {MAX_LIMIT}")] = 100) -> int:
    """A page size; anything larger than MAX_LIMIT is served as MAX_LIMIT rather than refused."""
    return min(limit, MAX_LIMIT)


Page = Annotated[int, Depends(_page)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Flt = Annotated[Filters, Depends(filters)]


def create_app(config: ApiConfig) -> FastAPI:
    """The API and dashboard over one store."""
    store = Store.open(config.db, read_only=not config.token,  # no token, no writes: share the file
                       threads=config.db_threads)
    app = FastAPI(title="crisislens", version="0.1.0",
                  description="Conflict and crisis events read from news, each with its evidence.")
    app.state.store = store
    app.state.pipeline = None
    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(_BodyLimit, limit=config.max_body)
    app.add_middleware(_SecurityHeaders)

    @app.get("/api/events", summary="Events matching the filters, newest first", response_model=dict)
    def list_events(f: Flt, limit: Page, offset: Offset = 0) -> JSONResponse:
        total, items = store.events(f, limit, offset, spans=False)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/events/{event_id}", summary="One event with its evidence and its article", response_model=dict)
    def get_event(event_id: str) -> JSONResponse:
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, "no such event")
        return _json(event)

    @app.get("/api/incidents", summary="Incidents: one real event reported by one or more articles",
             response_model=dict)
    def list_incidents(f: Flt, limit: Page, offset: Offset = 0) -> JSONResponse:
        total, items = store.incidents(f, limit, offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/incidents/{incident_id}", summary="One incident with every report and who said what",
             response_model=dict)
    def get_incident(incident_id: str) -> JSONResponse:
        incident = store.incident(incident_id)
        if incident is None:
            raise HTTPException(404, "no such incident")
        return _json(incident)

    @app.get("/api/stats", summary="Events and fatalities per day and per type", response_model=dict)
    def get_stats(f: Flt) -> JSONResponse:
        return _json(store.stats(f))

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if not config.token:
            raise HTTPException(401, "writes are disabled: no API token is configured",
                                headers={"WWW-Authenticate": "Bearer"})
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), config.token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/articles", status_code=201, dependencies=[Depends(authorised)],
              summary="Extract an article's events and store them (bearer token required)")
    def post_article(article: ArticleIn) -> JSONResponse:
        from crisislens.ingest.article import from_record

        record = article.model_dump()
        record["id"] = record.get("id") or record.get("url") or "posted-" + content_hash(record["text"])[:12]
        parsed = from_record(record, record["id"], max_chars=1_000_000)
        if parsed.error:
            raise HTTPException(422, parsed.error)
        if app.state.pipeline is None:
            app.state.pipeline = _pipeline(config)
        doc = next(iter(app.state.pipeline.run([parsed])))
        if doc.error:
            raise HTTPException(422, doc.error)
        status = store.save(doc)
        if status != "skipped":
            store.rebuild_incidents()
        _, article_id = store.lookup(doc.text, doc.url)
        body = {"status": status, "article_id": article_id, "events": len(doc.events)}
        return JSONResponse(body, status_code=201 if status != "skipped" else 200)

    static = resources.files("crisislens") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(static / "index.html"), media_type="text/html")

    return app


SERVE_ENV = "CRISISLENS_SERVE_CONFIG"  # how `crisislens serve --workers N` hands its options to each worker


def app_from_env() -> FastAPI:
    """The app of one worker process of `crisislens serve --workers N` (a uvicorn factory): its
    options as JSON in $CRISISLENS_SERVE_CONFIG, the token from $CRISISLENS_API_TOKEN."""
    import json

    options = json.loads(os.environ[SERVE_ENV])
    return create_app(ApiConfig.from_env(db=options["db"], cors_origins=list(options.get("cors_origins") or []),
                                         max_body=int(options.get("max_body") or DEFAULT_MAX_BODY),
                                         db_threads=options.get("db_threads")))


class _FastJSON(JSONResponse):
    """JSONResponse encoded by orjson when it is installed (a page of events in a tenth of the
    standard library's time, the same compact UTF-8); the standard library's encoder otherwise."""

    def render(self, content: Any) -> bytes:
        if _orjson is None:
            return super().render(content)
        return _orjson.dumps(content)


def _json(body: Any) -> JSONResponse:
    """A JSON answer written straight from the store's plain values (str, int, float, bool, None,
    lists and dicts of them): FastAPI's generic encoder walked every field of every row first,
    which cost more than the query behind a page."""
    return _FastJSON(body)


def _pipeline(config: ApiConfig) -> Any:
    if config.pipeline_factory is not None:
        return config.pipeline_factory()
    from crisislens.pipeline import Pipeline

    return Pipeline()


