"""Live feeds: poll RSS/Atom feeds, fetch new articles' pages, extract and store them.

Bytes are fetched with httpx (timeouts, a size cap, http(s) only) and handed to feedparser,
so feedparser never opens a URL itself. An entry whose link is already stored is not fetched
again; a page that cannot be fetched or read is logged and skipped, never fatal.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from crisislens.ingest.article import Article, check_text, normalize_date

log = logging.getLogger(__name__)
USER_AGENT = "crisislens/0.1 (+https://github.com/crisislens)"


class FetchError(Exception):
    """A feed or page could not be fetched; the message says why."""


@dataclass
class WatchReport:
    feeds: int = 0
    entries: int = 0
    known: int = 0
    fetched: int = 0
    failed: int = 0
    stored: dict[str, int] = field(default_factory=dict)


def fetch(client: Any, url: str, max_bytes: int) -> bytes:
    """The body at `url`, refusing non-http(s) schemes, error statuses and bodies over `max_bytes`."""
    import httpx

    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"not an http(s) URL: {url}")
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url} answered HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is larger than {max_bytes:,} bytes")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc


def feed_entries(data: bytes) -> list[dict[str, Any]]:
    """{url, title, published_at, source} for each entry of an RSS or Atom document."""
    import feedparser

    parsed = feedparser.parse(data)
    source = (parsed.feed.get("title") or None) if hasattr(parsed, "feed") else None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = time.strftime("%Y-%m-%d", stamp)
        entries.append({"url": link, "title": entry.get("title"), "published_at": published, "source": source})
    return entries


def page_article(entry: dict[str, Any], html: str, max_chars: int = 1_000_000) -> Article:
    """An Article from a fetched page; feed metadata fills what the page does not say."""
    from crisislens.ingest.html import extract_page

    page = extract_page(html, url=entry["url"])
    text = page.get("text") or ""
    published, warning = normalize_date(page.get("date") or entry.get("published_at"))
    article = Article(id=entry["url"], text=text, published_at=published,
                      title=page.get("title") or entry.get("title"), url=entry["url"],
                      source=entry.get("source") or page.get("sitename"), author=page.get("author"))
    if warning:
        article.warnings.append(warning)
    article.error = page.get("error") or check_text(text, max_chars)
    return article


def poll(feeds: Iterable[str], store: Any, pipeline: Any, timeout: float = 20.0, max_bytes: int = 5_000_000,
         on_article: Callable[[str], None] | None = None) -> WatchReport:
    """One pass over the feeds: new entries are fetched, extracted and stored; then incidents rebuilt."""
    import httpx

    report = WatchReport()
    articles: list[Article] = []
    with httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT},
                      max_redirects=5) as client:
        for feed_url in feeds:
            report.feeds += 1
            try:
                entries = feed_entries(fetch(client, feed_url, max_bytes))
            except FetchError as exc:
                log.warning("feed skipped: %s", exc)
                report.failed += 1
                continue
            for entry in entries:
                report.entries += 1
                if store.db.query("SELECT 1 FROM articles WHERE url = ?", [entry["url"]]):
                    report.known += 1
                    continue
                try:
                    html = fetch(client, entry["url"], max_bytes).decode("utf-8", "replace")
                except FetchError as exc:
                    log.warning("article skipped: %s", exc)
                    report.failed += 1
                    continue
                report.fetched += 1
                articles.append(page_article(entry, html))
    result = store.ingest(articles, pipeline, on_article=on_article)
    report.failed += result.failed
    report.stored = {"inserted": result.inserted, "updated": result.updated, "skipped": result.skipped}
    if result.inserted or result.updated:
        store.rebuild_incidents()
    return report
