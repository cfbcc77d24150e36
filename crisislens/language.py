"""A cheap check that a text is English before it is parsed by an English model.

Short notes and headlines ("Orma militia attacks Pokomo villages; two killed") often hold no
English function word at all, so absence of English is not enough: a Latin-script text is
refused only when another language's function words outnumber English ones, or when a
longer text has almost none of either.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the a an of in on at to and or but for with by from as is are was were be been has have had "
    "that this these those it its he she they we his her their who which what when where said says "
    "not no after before over under into than then there here also more most some any all about".split()
)
# Frequent function words of the other Latin-script languages most common in news.
_OTHER = frozenset(
    "le la les des du une est dans pour pas qui que sur avec aux ces "
    "el los las del por una con para como pero sus está "
    "der die das und ist nicht mit den dem ein eine auf sich auch "
    "il della che non sono gli nel delle "
    "os uma não com mais dos das pelo "
    "een het van niet zijn ook voor".split()
)


def guess_language(text: str) -> str:
    """'en' for English, 'und' when the text is mostly another script or another language."""
    words = _WORD.findall(text[:5000])
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii())
    if latin / len(words) < 0.5:
        return "und"
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in _ENGLISH)
    other = sum(1 for w in lowered if w in _OTHER)
    if other >= 2 and other > english:
        return "und"
    if len(words) >= 30 and english / len(words) < 0.04:
        return "und"
    return "en"
