"""When, where and how deadly: an event's date, location, fatalities and other counts.

Date. The time expression in the event's own sentence (the one nearest the trigger in
the parse when there are several), else one in its other evidence sentences, else the
article's first dated expression, else a fallback. The fallback follows the convention of
daily conflict reporting: an undated event in a report published on day D happened on
D - 1 (`Settings.undated_event_offset_days`, default 1), coded at day precision. We chose
this because wire and daily reports describe the previous day's events, and ACLED's own
notes are published the day after the event they describe; a later-dated guess would put
the event after its report, and an earlier one has no support in the text. With no
publication date either, the date is left null.

Location. A town or region with role "location" mentioned in the evidence sentence(s), most
specific first (geo precision 1 before 2 before 3, the article's own country before another),
else the article's first resolved town or region, else a country-level place (a country, or a
name placed only in its country: ACLED codes such an event at the capital, in the capital's
region), else an unresolved name from the evidence, else, when the actors tell the article's
country ("Kenya Police"), that country at its capital (`country_capitals.csv`).

Fatalities and other counts: event_fatalities.py (re-exported here for the events stage).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Document, Place, TimeExpression
from crisislens.stages.event_fatalities import counts, fatalities, implied_fatalities

__all__ = ["counts", "event_date", "event_location", "fallback_date", "fatalities", "implied_fatalities"]

DEFAULT_OFFSET_DAYS = 1


def _inside(start: int, end: int, bounds: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in bounds)


def event_date(doc: Document, parsed, anchor, main_bounds: tuple[int, int], bounds: list[tuple[int, int]],
               offset_days: int = DEFAULT_OFFSET_DAYS) -> tuple[str | None, int, str]:
    """(date, precision, reason) for an event whose trigger is `anchor`."""
    dated = [t for t in doc.times if t.date]
    own = [t for t in dated if _inside(t.span.start, t.span.end, [main_bounds])]
    if own:
        best = min(own, key=lambda t: _distance(parsed, anchor, t))
        return best.date, best.precision, f"'{best.text}' in the event's sentence"
    other = [t for t in dated if _inside(t.span.start, t.span.end, bounds)]
    if other:
        return other[0].date, other[0].precision, f"'{other[0].text}' in the event's evidence"
    if dated:
        first = dated[0]
        return first.date, first.precision, f"article's first date '{first.text}'"
    return fallback_date(doc.published_at, offset_days)


def fallback_date(published_at: str | None, offset_days: int) -> tuple[str | None, int, str]:
    if not published_at:
        return None, 1, "no date in the text and no publication date"
    try:
        day = date.fromisoformat(published_at[:10]) - timedelta(days=offset_days)
    except ValueError:
        return None, 1, "unreadable publication date"
    return day.isoformat(), 1, f"undated: {offset_days} day(s) before publication (news convention)"


def _distance(parsed, anchor, t: TimeExpression) -> int:
    """Tree distance from the trigger to the time expression's head (char distance breaks ties)."""
    span = parsed.char_span(t.span.start, t.span.end, alignment_mode="expand")
    if span is None or anchor is None:
        return 10_000
    head = span.root
    a_chain = [anchor, *anchor.ancestors]
    h_chain = [head, *head.ancestors]
    a_idx = {tok.i: n for n, tok in enumerate(a_chain)}
    for n, tok in enumerate(h_chain):
        if tok.i in a_idx:
            return (n + a_idx[tok.i]) * 1000 + abs(anchor.idx - t.span.start) // 10
    return 9_000 + abs(anchor.idx - t.span.start) // 10


def _country_level(place: Place) -> bool:
    """A country, or a name placed only in its country: any region or town named beats it."""
    return place.lat is not None and place.admin1 is None and (place.precision or 3) == 3


def _as_container(place: Place, others: list[Place], first, text: str = "") -> int | None:
    """3 for a town named like its region after a place in that region ("Madaripur upazila (Dhaka)",
    "Nyali, Mombasa"; the text may use the region's name for a renamed city: "Chittagong" found as
    Chattogram): there it names the region, the container of the place named first."""
    region = (place.admin1 or "").casefold()
    names = {place.name.casefold()} | {text[m.start:m.end].casefold() for m in place.mentions}
    if not region or region not in names:
        return None
    inside = any(o is not place and o.admin1 == place.admin1 and first(o) < first(place) for o in others)
    return 3 if inside else None


def _strays(mentioned: list[Place], located: list[Place]) -> list[Place]:
    """Places of the sentence in a region no other place of the article is in, when the others agree
    on one ("Bandar centre, Anwara upazila (Chittagong)" with Bandar placed at a namesake near Dhaka):
    a namesake the text's own chain of places contradicts."""
    def support(place: Place) -> int:
        # a name placed at a neighbouring town is no support of that town; a region named beside it is
        return sum(1 for o in located if o is not place and place.admin1 and o.admin1 == place.admin1
                   and o.country_code == place.country_code
                   and ((o.lat, o.lon) != (place.lat, place.lon) or o.precision == 3))
    if not any(support(p) for p in mentioned):
        return []
    return [p for p in mentioned if not support(p)]


def event_location(doc: Document, bounds: list[tuple[int, int]]) -> tuple[Place | None, str | None]:
    """(place, reason) by the rule agreed with the places stage.

    Tiers: a town or region named in the event's sentences (most precise first), else one named
    elsewhere (a location before a context place), else a country-level place (one named in the
    event's sentences first), else an unresolved name from the event's sentences.
    """
    def foreign(place: Place) -> bool:
        return place.country_code != (doc.country or place.country_code)

    def first(place: Place) -> int:
        inside = [m.start for m in place.mentions if _inside(m.start, m.end, bounds)]
        return min(inside) if inside else 10**9

    def start(place: Place) -> int:
        return min((m.start for m in place.mentions), default=10**9)

    located = [p for p in doc.places if p.lat is not None and not _country_level(p)]
    mentioned = [p for p in located if p.role == "location" and first(p) < 10**9]
    if mentioned:
        stray = _strays(mentioned, [p for p in located if p.role == "location"])
        best = min(mentioned, key=lambda p: (p in stray, _as_container(p, mentioned, first, doc.text) or p.precision or 3,
                                             foreign(p), first(p)))
        return best, f"'{best.name}' named in the event's sentence"
    if located:
        best = min(located, key=lambda p: (p.role == "context", foreign(p), start(p)))
        return best, f"article's first resolved place '{best.name}'"
    countries = [p for p in doc.places if p.lat is not None]
    if countries:
        best = min(countries, key=lambda p: (p.role == "context", first(p) == 10**9 or p.role != "location",
                                             foreign(p), start(p)))
        capital = _capitals().get(best.country_code or "")
        if capital is not None and _country_level(best):
            # the gazetteer's country point is its centroid; ACLED codes the event at the capital
            best = replace(best, lat=capital[1], lon=capital[2], admin1=capital[3] or None)
            return best, f"'{best.name}': the event is placed in its country only, coded at its capital " \
                         f"(country_capitals.csv)"
        return best, f"'{best.name}': the event is placed in its country only"
    unlocated = min((p for p in doc.places if p.role == "location" and first(p) < 10**9), key=first, default=None)
    capital = _capitals().get(doc.country or "")
    if capital is None:
        return (unlocated, f"'{unlocated.name}' named in the event's sentence (not located)") if unlocated \
            else (None, None)
    # no place located, but the text tells the country ("Kenya Police", "KDF"): coded at its capital
    name, lat, lon, admin1 = capital
    why = f"'{unlocated.name}' not located" if unlocated else "no place named"
    return Place(name=name, country_code=doc.country, admin1=admin1 or None, lat=lat, lon=lon,
                 precision=3, feature="PCLI", reason=f"{why}: the article's country, at its capital"), \
        f"{why}: the article's country"


@cache
def _capitals() -> dict[str, tuple[str, float, float, str]]:
    """ISO2 -> (country name, capital's lat, lon, capital's region): where a country-level event is coded."""
    return {r["iso2"]: (r["country"], float(r["lat"]), float(r["lon"]), r["admin1"])
            for r in load_table("country_capitals.csv")}
