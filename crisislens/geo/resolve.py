"""Ranking a mention's gazetteer candidates with what the rest of the document says.

Evidence, strongest first: the text's own hierarchy ("Kasipul, Homa Bay": a candidate inside
the named parent region or near the named parent town), the countries the document names or
implies (country names, demonyms, other resolved places), the kind the cue word asks for
("X county" is a region), how the name matched (main name, alternate, transliteration), and
population. A name the gazetteer does not know falls back to its parent with precision 2 or 3.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from crisislens.geo.gazetteer import Candidate, Gazetteer
from crisislens.geo.normalize import fold
from crisislens.geo.recognize import Mention

_KIND_FOR_LEVEL = {"admin1": {"admin1"}, "admin2": {"admin2", "town"}, "locality": {"town", "admin2"},
                   "site": {"town"}}
_MATCH_SCORE = {"name": 1.0, "alternate": 0.5, "variant": -1.0}


@dataclass
class Resolution:
    """Where one mention was placed, and why."""

    candidate: Candidate | None
    precision: int | None
    reason: str
    fallback_from: Candidate | None = None  # the parent used when the name itself was unknown


def _km(a: Candidate, b: Candidate) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _inside(child: Candidate, parent: Candidate) -> bool:
    """True when the text's parent plausibly contains the candidate."""
    if parent.cc != child.cc:
        return False
    if parent.kind == "admin1":
        return child.admin1_code == parent.admin1_code or fold(child.admin1 or "") == fold(parent.name)
    if parent.kind == "country":
        return True
    return _km(child, parent) <= 60 or (child.admin2 is not None and fold(child.admin2) == fold(parent.name))


def score(candidate: Candidate, mention: Mention, countries: Counter, parents: list[Candidate],
          main_country: str | None) -> tuple[float, str]:
    """A candidate's score and the strongest reason for it."""
    reasons: list[tuple[float, str]] = []
    value = math.log10(candidate.population + 10) * 0.6
    value += _MATCH_SCORE[candidate.match]
    if candidate.match == "variant":
        reasons.append((0.1, f"spelling variant of '{candidate.name}'"))
    if mention.level and candidate.kind in _KIND_FOR_LEVEL.get(mention.level, ()):
        value += 2.5 if mention.level == "admin1" else 1.0
        reasons.append((0.5, f"'{mention.level}' cue"))
    elif mention.level == "admin1" and candidate.kind != "admin1":
        value -= 1.5
    if candidate.kind == "country":
        value += 3.0
    elif candidate.kind == "admin1" and not mention.level:
        # a region's people are its towns' sum: a bare name means the town, a chain's end the region
        value += 3.5 if mention.top else -1.0  # a bare region name that is also a town's name: the news often means the region
    inside = [p for p in parents if _inside(candidate, p)]
    if inside:
        value += 6.0 + len(inside)
        reasons.append((3, f"within '{inside[0].name}' named beside it"))
    elif parents and any(p.cc == candidate.cc for p in parents):
        value += 2.0
    if countries.get(candidate.cc):
        value += 2.5 + min(countries[candidate.cc], 4) * 0.5
        reasons.append((2, f"{candidate.cc} named in the text"))
    if main_country and candidate.cc == main_country:
        value += 1.5
        reasons.append((1, f"article is about {candidate.cc}"))
    reason = max(reasons, default=(0, "most populous match"))[1]
    return value, reason


def _precision(candidate: Candidate, mention: Mention, is_parent: bool) -> int:
    """ACLED's geo_precision: a town named as the container of another place stands for an area."""
    if candidate.kind in ("admin1", "country"):
        return 3
    if candidate.kind == "admin2" or mention.level in ("admin2", "admin1") or is_parent:
        return 2
    return 1


def resolve_all(mentions: list[Mention], gazetteer: Gazetteer, countries: Counter,
                main_country: str | None) -> list[Resolution]:
    """One Resolution per mention; parents (later in a chain) are resolved before their children."""
    out: list[Resolution | None] = [None] * len(mentions)
    order = _parents_first(mentions)
    for i in order:
        mention = mentions[i]
        parents = [out[p].candidate for p in mention.parents if out[p] and out[p].candidate
                   and out[p].fallback_from is None]
        candidates = gazetteer.lookup(mention.text)
        best, best_score, best_reason = None, -1e9, ""
        for cand in candidates:
            value, reason = score(cand, mention, countries, parents, main_country)
            if value > best_score:
                best, best_score, best_reason = cand, value, reason
        if best is not None and best.match == "variant" and not (
                countries.get(best.cc) or any(_inside(best, p) for p in parents)):
            best = None  # a transliteration guess needs the document's country to back it
        if (best is not None and main_country and best.cc != main_country and best.kind == "town"
                and best.population < 5_000 and not countries.get(best.cc) and not parents):
            best = None  # a hamlet abroad, in a story about another country: more likely a name we lack
        if best is not None and parents and best.kind != "country" and not any(
                _inside(best, p) for p in parents) and any(p.kind != "country" for p in parents):
            # the text says where it is and this candidate is elsewhere: trust the text
            best = None
        if best is not None:
            is_parent = any(i in m.parents for m in mentions)
            out[i] = Resolution(best, _precision(best, mention, is_parent), best_reason)
            continue
        parent = next((p for p in parents if p.kind != "country"), None)
        if parent is not None:
            precision = 3 if parent.kind == "admin1" else 2
            out[i] = Resolution(parent, precision,
                                f"'{mention.text}' not in gazetteer; placed at '{parent.name}' named beside it",
                                fallback_from=parent)
        else:
            why = "no gazetteer entry" if not candidates else "candidates contradict the named region"
            out[i] = Resolution(None, None, why)
    return [r if r is not None else Resolution(None, None, "unresolved") for r in out]


def _parents_first(mentions: list[Mention]) -> list[int]:
    """An order in which every mention comes after the mentions it names as parents."""
    done: set[int] = set()
    order: list[int] = []

    def visit(i: int, depth: int = 0) -> None:
        if i in done or depth > 20:
            return
        done.add(i)
        for p in mentions[i].parents:
            visit(p, depth + 1)
        order.append(i)

    for i in range(len(mentions)):
        visit(i)
    return order
