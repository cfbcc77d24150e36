"""Readers: JSON Lines, .txt with a small header, .html via trafilatura, folders, stdin."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from crisislens.ingest.article import Article, check_text, from_record, normalize_date

DEFAULT_MAX_CHARS = 1_000_000
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")
# Header keys accepted at the top of a .txt article, before the first blank line.
TXT_HEADER_KEYS = {"title": "title", "source": "source", "published": "published_at",
                   "published_at": "published_at", "date": "published_at", "url": "url",
                   "author": "author", "id": "id"}


def read_inputs(target: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """Every article under `target`: a file, a folder of files, or `-` for JSON Lines on stdin."""
    if target == "-":
        # Bytes, decoded here: the text layer's own decoding would raise on (or smuggle
        # surrogates in for) invalid UTF-8; a bad byte must cost one character, not the batch.
        stream = getattr(sys.stdin, "buffer", None)
        lines = sys.stdin if stream is None else (line.decode("utf-8", "replace") for line in stream)
        yield from read_jsonl_lines(lines, max_chars)
        return
    path = Path(target)
    if path.is_dir():
        for child in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
            if child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield from read_inputs(str(child), max_chars)
        return
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {target}")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield read_html(path, max_chars)
    elif suffix in TEXT_SUFFIXES:
        yield read_txt(path, max_chars)
    else:
        with path.open("rb") as handle:
            yield from read_jsonl_lines((line.decode("utf-8", "replace") for line in handle), max_chars)


def read_jsonl_lines(lines, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article]:
    """One Article per non-blank line; a bad line becomes an Article with an error."""
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte-order mark some editors write
        if not line.strip():
            continue
        fallback = f"line-{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            yield Article(id=fallback, text="", error=f"not valid JSON at line {number}")
            continue
        yield from_record(record, fallback, max_chars)


def read_txt(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """A plain-text article; an optional `Key: value` header block ends at the first blank line."""
    raw = _read_bytes_as_text(path)
    meta, body = _split_header(raw)
    published, warning = normalize_date(meta.get("published_at"))
    article = Article(id=meta.get("id") or path.name, text=body, published_at=published,
                      title=meta.get("title"), url=meta.get("url"), source=meta.get("source"),
                      author=meta.get("author"))
    if warning:
        article.warnings.append(warning)
    article.error = check_text(body, max_chars)
    return article


def read_html(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Main text and metadata of a news page; spans index into the extracted text."""
    from crisislens.ingest.html import extract_page

    raw = _read_bytes_as_text(path)
    if len(raw) > max_chars * 5:
        return Article(id=path.name, text="", error=f"HTML file is too large ({len(raw):,} characters)")
    page = extract_page(raw, url=None)
    published, warning = normalize_date(page.get("date"))
    text = page.get("text") or ""
    article = Article(id=path.name, text=text, published_at=published, title=page.get("title"),
                      url=page.get("url"), source=page.get("sitename"), author=page.get("author"))
    if warning:
        article.warnings.append(warning)
    article.error = page.get("error") or check_text(text, max_chars)
    return article


def _read_bytes_as_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


def _split_header(raw: str) -> tuple[dict[str, str], str]:
    blank = _BLANK_LINE.search(raw)  # the first blank line, with \n or \r\n line ends
    if blank is None:
        return {}, raw
    head, rest = raw[:blank.start()], raw[blank.end():]
    meta: dict[str, str] = {}
    lines = head.splitlines()
    for line in lines:
        key, colon, value = line.partition(":")
        field = TXT_HEADER_KEYS.get(key.strip().lower())
        if not colon or field is None:
            return {}, raw
        meta[field] = value.strip()
    return (meta, rest.lstrip("\r\n")) if meta else ({}, raw)
