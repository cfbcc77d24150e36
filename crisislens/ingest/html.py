"""Main text and metadata from a news page, with trafilatura."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def extract_page(html: str, url: str | None = None) -> dict:
    """{text, title, author, date, sitename, url} of a page, or {error} when nothing is readable."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except (RecursionError, ValueError, TypeError) as exc:  # deeply nested or malformed markup
        log.warning("could not read HTML: %s", exc)
        return {"error": f"HTML could not be read ({type(exc).__name__})"}
    if result is None:
        return {"error": "no article text found in the HTML"}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {k: data.get(k) for k in ("text", "title", "author", "date", "sitename", "url")}
