"""Places named only as an attribute of a person or group: "Siaya Senator ... in Nairobi".

A place name that modifies a title or a group noun (`place_attribute_heads.csv`: senator, MP,
governor, teachers...) says whom a person represents or where a
group comes from. When the same sentence names another place, that one is where things happened,
and the attribute becomes `context` (the events stage falls back to it only when nothing else is
named).
"""

from __future__ import annotations

from functools import cache

from crisislens.lexicons import load_table


@cache
def _heads() -> frozenset[str]:
    return frozenset(row["noun"] for row in load_table("place_attribute_heads.csv"))


def attribute_of(parsed, start: int, end: int) -> str | None:
    """The noun a place name at [start, end) describes ("Senator"), or None when it is no attribute."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root  # "led by Siaya Senator X": the preposition governs the person, not the place
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < span.end:
        return None
    for tok in parsed[span.end:head.i + 1]:  # "Siaya Senator James Orengo": the title before the name
        if tok.lemma_.lower() in _heads() or tok.lower_ in _heads():
            return tok.text
    return None
