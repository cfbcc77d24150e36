"""Main text and metadata from a news page, with trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


@contextmanager
def _quiet_trafilatura() -> Iterator[None]:
    """Silence trafilatura's own ERROR lines for unreadable pages: the document's `error` says it once.

    Left alone under --verbose (DEBUG), where its reasons help.
    """
    logger = logging.getLogger("trafilatura")
    if logger.getEffectiveLevel() <= logging.DEBUG:
        yield
        return
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def extract_page(html: str, url: str | None = None) -> dict:
    """{text, title, author, date, sitename, url} of a page, or {error} when nothing is readable."""
    import trafilatura

    try:
        with _quiet_trafilatura():
            result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                 include_tables=False, favor_precision=True)
    except (RecursionError, ValueError, TypeError) as exc:  # deeply nested or malformed markup
        log.warning("could not read HTML: %s", exc)
        return {"error": f"HTML could not be read ({type(exc).__name__})"}
    if result is None:
        return {"error": "no article text found in the HTML"}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {k: data.get(k) for k in ("text", "title", "author", "date", "sitename", "url")}
