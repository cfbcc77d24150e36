"""The relevance gate: a cheap look for conflict or crisis words before the costly parse.

Most of a general news stream is business, sport and culture. When the gate is on, an
article with none of the stems in `relevance_terms.csv` is not parsed; it still gets a
document (empty lists, a warning saying why) so nothing is silently dropped.
"""

from __future__ import annotations

import re
from functools import cache

from crisislens.lexicons import load_table


@cache
def _pattern() -> re.Pattern[str]:
    stems = sorted({row["stem"].lower() for row in load_table("relevance_terms.csv")}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


def is_relevant(text: str) -> bool:
    """True when the text names anything the stages could turn into an event."""
    return _pattern().search(text) is not None
