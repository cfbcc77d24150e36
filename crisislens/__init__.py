"""crisislens: news about armed conflict and crises into sourced, geocoded events.

    >>> from crisislens import extract
    >>> doc = extract("Gunmen killed 3 villagers in Lamu on Tuesday.", published_at="2024-03-07")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crisislens.pipeline import Pipeline
    from crisislens.schema import Document

__all__ = ["Pipeline", "extract"]
__version__ = "0.1.0"


def extract(text: str, published_at: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Extract one text. Loads a Pipeline on each call unless one is given: reuse one for batches."""
    from crisislens.pipeline import Pipeline

    return (pipeline or Pipeline()).extract(text, published_at=published_at)


def __getattr__(name: str):
    if name == "Pipeline":
        from crisislens.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
