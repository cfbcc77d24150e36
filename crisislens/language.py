"""A cheap check that a text is English before it is parsed by an English model."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = frozenset(
    "the a an of in on at to and or but for with by from as is are was were be been has have had "
    "that this these those it its he she they we his her their who which what when where said says "
    "not no after before over under into than then there here also more most some any all about".split()
)


def guess_language(text: str) -> str:
    """'en' for English, 'und' when the text is mostly another script or has no English function words."""
    words = _WORD.findall(text[:5000])
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return "und"
    if len(words) < 8:
        return "en"
    english = sum(1 for w in words if w.lower() in _FUNCTION_WORDS)
    return "en" if english / len(words) >= 0.06 else "und"
