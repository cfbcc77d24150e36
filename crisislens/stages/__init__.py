"""Stages: each adds one layer to the Document from the one parse.

Every stage module has `process(doc, parsed, resources) -> Document`. Order matters only
in that later stages read earlier layers: places first, because they set the country the
article is about, which actors need ("police" in a Kenyan story is Police Forces of Kenya);
events last, because they read every other layer.
"""

from crisislens.stages import actors, events, interactions, places, quantities, quotes, statements, times

STAGES = (places, actors, times, quantities, quotes, interactions, events, statements)

__all__ = ["STAGES"]
