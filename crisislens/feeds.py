"""Live feeds: poll RSS/Atom feeds, fetch new articles' pages, extract and store them.

Bytes are fetched by crisislens.ingest.fetch (public addresses only unless allow_private,
every redirect vetted, timeouts, a size cap, content types checked) and handed to feedparser,
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
from crisislens.ingest.fetch import FEED_TYPES, PAGE_TYPES, FetchError, FetchPolicy, client, fetch

log = logging.getLogger(__name__)
__all__ = ["FetchError", "WatchReport", "feed_entries", "page_article", "poll"]


@dataclass
class WatchReport:
    feeds: int = 0
    entries: int = 0
    known: int = 0
    fetched: int = 0
    failed: int = 0
    stored: dict[str, int] = field(default_factory=dict)


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
         on_article: Callable[[str], None] | None = None, allow_private: bool = False) -> WatchReport:
    """One pass over the feeds: new entries are fetched, extracted and stored; then incidents rebuilt."""
    report = WatchReport()
    articles: list[Article] = []
    feed_policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                              content_types=FEED_TYPES)
    page_policy = FetchPolicy(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                              content_types=PAGE_TYPES)
    with client(page_policy) as http:
        for feed_url in feeds:
            report.feeds += 1
            try:
                entries = feed_entries(fetch(feed_url, feed_policy, http).body)
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
                    html = fetch(entry["url"], page_policy, http).text()
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
