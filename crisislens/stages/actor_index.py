"""Token → actor lookups for the event roles, without scanning every mention per token.

`event_roles.party` asks, for each argument token of each trigger, which actor has a mention
on that token (or, failing that, inside the phrase it heads). The index sorts the mentions
once and answers with two bisections. The events stage adds actors and mentions as it names
generic sides ("Rioters (Kenya)"), so the index is rebuilt when those counts change; it is
kept on the parse's `user_data`, which lives exactly as long as the document being read.
"""

from __future__ import annotations

from bisect import bisect_left

from crisislens.schema import Actor, Document

_KEY = "crisislens.actor_index"


class MentionIndex:
    """Every mention of a document's actors, sorted by start offset."""

    def __init__(self, actors: list[Actor]) -> None:
        rows = sorted(((m.start, m.end, order) for order, actor in enumerate(actors) for m in actor.mentions))
        self.actors = list(actors)
        self.starts = [r[0] for r in rows]
        self.rows = rows
        self.longest = max((end - start for start, end, _ in rows), default=0)

    def overlapping(self, lo: int, hi: int) -> Actor | None:
        """The first actor (in document order) with a mention overlapping [lo, hi)."""
        best = None
        for _, end, order in self.rows[bisect_left(self.starts, lo - self.longest):bisect_left(self.starts, hi)]:
            if end > lo and (best is None or order < best):
                best = order
        return self.actors[best] if best is not None else None

    def within(self, lo: int, hi: int) -> Actor | None:
        """The first actor (in document order) with a mention inside [lo, hi)."""
        best = None
        for _, end, order in self.rows[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]:
            if end <= hi and (best is None or order < best):
                best = order
        return self.actors[best] if best is not None else None


def mention_index(doc: Document, parsed) -> MentionIndex:
    """The index for this document, built once and again only after actors or mentions were added."""
    signature = (id(doc), len(doc.actors), sum(len(a.mentions) for a in doc.actors))
    cached = parsed.user_data.get(_KEY)
    if cached is not None and cached[0] == signature:
        return cached[1]
    index = MentionIndex(doc.actors)
    parsed.user_data[_KEY] = (signature, index)
    return index
