"""Readers that turn files, folders and streams into Articles."""

from crisislens.ingest.article import Article, clean_text
from crisislens.ingest.readers import DEFAULT_MAX_CHARS, read_inputs, read_jsonl_lines

__all__ = ["Article", "DEFAULT_MAX_CHARS", "clean_text", "read_inputs", "read_jsonl_lines"]
