"""An article as it enters the pipeline, and the checks every reader applies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

# C0 controls other than tab/newline/carriage return, DEL and C1 controls. They are
# replaced one-for-one by a space so that character offsets into the input stay valid.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Lone surrogates ("\ud800" escaped in JSON, or undecodable bytes read with surrogateescape)
# cannot be encoded as UTF-8: spaCy and the output writer would raise on them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(slots=True)
class Article:
    id: str
    text: str
    published_at: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Blank out control characters without moving any offsets."""
    return _CONTROL.sub(" ", text)


def scrub(text: str) -> str:
    """Replace lone surrogates with U+FFFD, one for one, so offsets stay valid and output encodes."""
    return _SURROGATE.sub("\ufffd", text)


def normalize_date(value: object) -> tuple[str | None, str | None]:
    """`published_at` as YYYY-MM-DD, or (None, warning) when it cannot be read."""
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        return None, f"published_at {value!r} is not a string; ignored"
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat(), None
    except ValueError:
        return None, f"published_at {value!r} is not a date (expected YYYY-MM-DD); ignored"


def from_record(record: object, fallback_id: str, max_chars: int) -> Article:
    """An Article from one decoded JSON record, with an error in a user's words when unusable."""
    if not isinstance(record, dict):
        return Article(id=fallback_id, text="", error="line is JSON but not an object")
    raw_id = record.get("id")
    doc_id = scrub(str(raw_id)) if isinstance(raw_id, (str, int)) and str(raw_id) else fallback_id
    published, warning = normalize_date(record.get("published_at"))
    article = Article(
        id=doc_id, text="", published_at=published,
        title=_opt_str(record.get("title")), url=_opt_str(record.get("url")),
        source=_opt_str(record.get("source")),
    )
    if warning:
        article.warnings.append(warning)
    if raw_id is None or raw_id == "":
        article.error = "record has no 'id'"
    text = record.get("text")
    if "text" not in record:
        article.error = article.error or "record has no 'text'"
    elif not isinstance(text, str):
        article.error = article.error or f"'text' must be a string, got {type(text).__name__}"
    else:
        article.text = scrub(text)
        article.error = article.error or check_text(text, max_chars)
    return article


def check_text(text: str, max_chars: int) -> str | None:
    """Why a text cannot be read, or None when it can."""
    if not text.strip():
        return "text is empty"
    if len(text) > max_chars:
        return f"text is too long ({len(text):,} characters; the limit is {max_chars:,})"
    return None


def _opt_str(value: object) -> str | None:
    return scrub(value) if isinstance(value, str) and value.strip() else None
