"""Knowledge as data: CSV tables under this folder, each with a `#` header that explains it."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a lexicon table as read-only dicts; lines starting with `#` are comments."""
    raw = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return tuple({k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader)


@cache
def load_json(name: str):
    """A JSON lexicon (for nested knowledge a flat table cannot hold)."""
    import json

    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
