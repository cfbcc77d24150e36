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

Fatalities. Quantities of category "killed" inside the evidence: figures within one
sentence add up ("a soldier and two attackers"), except another source's figure in brackets
("At least 20 (some reports 30)": the lower is kept); a later sentence adds its figure only
when it says so ("another", "also", "others" in its own sentence), updates the toll when it
says so ("rose to", "a total of": the larger is kept), and otherwise restates it or gives a
part of it (the first toll stands); a range keeps its low end (ACLED codes the lowest credible
number). A note that spreads its deaths over N events or locations gives each its share. "No one was killed" gives 0, and so does a report that says no fatality belongs to
this event. Ages ("Juma, 41,"), counts of houses or cattle, and what nearly happened ("nearly
lynched") are no tolls. With no figure, a killing verb implies its victims ("shot dead a
driver", "burned two thieves to death", "lynched a man"). Injured, abducted, arrested and other figures go
into `counts`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import MAX_COUNT, Document, Place, Quantity, TimeExpression
from crisislens.stages.fatality_notes import (
    adds_to_earlier,
    alternative_figure,
    background_killing,
    coded_elsewhere,
    keeps_first_toll,
    shared_by,
    stated_total,
)

DEFAULT_OFFSET_DAYS = 1
EARLIER_PREPS = {"after", "following", "since"}


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


def _earlier(parsed, q: Quantity) -> bool:
    """A figure inside "after/following/since ..." belongs to an earlier event, not this one ("before
    shooting him dead" is the same event's last act)."""
    span = parsed.char_span(q.span.start, q.span.end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return False
    for anc in span.root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in EARLIER_PREPS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in EARLIER_PREPS for c in anc.children) and anc.dep_ == "advcl":
            return True
    return False


NOT_PEOPLE = {"house", "home", "hut", "shop", "building", "vehicle", "car", "bus", "motorbike", "motorcycle",
              "cattle", "cow", "goat", "sheep", "camel", "donkey", "livestock", "animal", "head", "acre", "year",
              "event", "incident", "attack", "round", "bullet", "shell", "day", "hour", "km", "kilometre"}
THIS_EVENT = ("this event", "coded to this", "for this event")


def _not_a_toll(parsed, q: Quantity) -> str | None:
    """Why a "killed" figure is no death toll: a victim's age ("Juma Otieno, 41,"), or a count of
    houses, cattle or events ("30 houses razed", "split across 13 events")."""
    span = parsed.char_span(q.span.start, q.span.end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return None
    root = span.root
    if root.pos_ == "NUM" and root.dep_ == "appos" and root.head.pos_ == "PROPN" or (
            root.pos_ == "NUM" and len(span) == 1 and root.i > 0 and parsed[root.i - 1].text == ","
            and root.i + 1 < len(parsed) and parsed[root.i + 1].text == "," and parsed[root.i - 2].pos_ == "PROPN"):
        return "an age"
    head = root.head if root.dep_ in ("nummod", "amod") else root  # "12 houses", "several houses"
    if head.lemma_.lower() in NOT_PEOPLE or head.lower_ in NOT_PEOPLE:
        return f"counts '{head.text}'"
    verb = next((t for t in root.ancestors if t.pos_ == "VERB"), None)
    if verb is not None and _unrealised(verb):
        return f"'{verb.text}' did not happen"
    if verb is not None and (why := background_killing(verb)):
        return why
    topic = _protest_topic(root)
    if topic:
        return f"what a protest is about ('{topic}')"
    return None


TOPIC_PREPS = {"against", "over"}
TOPIC_VERBS = {"demand", "protest", "condemn", "denounce", "mourn"}
PROTEST_WORDS = {"protest", "demonstration", "rally", "demonstrate", "demonstrator", "protester", "march",
                 "human chain", "blockade", "sit-in"}


def _protest_topic(root) -> str | None:
    """"protest against the death of 2 students", "demanding justice for 5 people killed":
    deaths a protest is about happened before it and are not its toll."""
    protest = any(t.lemma_.lower() in PROTEST_WORDS for t in root.sent)
    topic_prep = False
    for anc in root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in TOPIC_PREPS and protest:
            return anc.text
        topic_prep = topic_prep or (anc.dep_ == "prep" and anc.lower_ in TOPIC_PREPS | {"for"})
        if anc.pos_ == "VERB" and anc.lemma_.lower() in TOPIC_VERBS and anc.i < root.i and (protest or topic_prep):
            return anc.text  # not "demanded photos before shooting him dead"
    return None


def fatalities(doc: Document, bounds: list[tuple[int, int]], parsed=None) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) killed counts in the evidence; None when the text says nothing.

    A report that says outright that no fatality belongs to this event ("No fatality coded to
    this event") gives 0 whatever other figures it cites, and a coder's own total ("Total 13
    fatalities", "1 fatality coded to this event") is the toll. Figures in a sentence that says
    they are coded to other events ("coded separately", "split across 13 events") are left out."""
    stated = stated_total(doc.text)
    if stated is not None:
        return stated[0], stated[0], stated[0]
    for q in doc.quantities:
        if q.category == "killed" and _low(q) == 0 and any(
                w in doc.text[q.span.start: q.span.end + 60].lower() for w in THIS_EVENT):
            return 0, 0, 0
    killed = sorted((q for q in doc.quantities if q.category == "killed"
                     and _inside(q.span.start, q.span.end, bounds) and not _earlier(parsed, q)
                     and not _not_a_toll(parsed, q) and not _elsewhere(doc.text, q, bounds)),
                    key=lambda q: q.span.start)
    if not killed:
        return None, None, None
    per_sentence: dict[int, list[Quantity]] = {}
    for q in killed:
        index = next(i for i, (s, e) in enumerate(bounds) if s <= q.span.start < e)
        per_sentence.setdefault(index, []).append(q)
    best = low = high = 0
    for n, (index, qs) in enumerate(per_sentence.items()):
        qs = _without_alternatives(doc.text, _without_breakdowns(doc.text, qs))
        total = sum(_low(q) for q in qs)
        top = sum(int(q.high if q.high is not None else q.value) for q in qs)
        if n and not any(adds_to_earlier(doc.text, q.span.start, q.span.end, bounds[index]) for q in qs):
            if best and keeps_first_toll(doc.text[bounds[index][0]:bounds[index][1]], [q.text for q in qs]):
                high = max(high, top)  # another report of the same dead, or a part of them
            else:
                best, low, high = max(best, total), max(low, total), max(high, top)
            continue
        best += total
        low += total
        high += top
    shares = shared_by(doc.text)
    if shares:  # "fatalities spread across two locations": this event's share
        best, low, high = best // shares, low // shares, high // shares
    return best, low, max(high, low)


def _without_alternatives(text: str, qs: list[Quantity]) -> list[Quantity]:
    """"At least 20 (some reports 30) have been killed": another source's count of the same
    dead is no addition; the lower figure is kept (ACLED's lowest credible number)."""
    kept: list[Quantity] = []
    for q in qs:
        if kept and alternative_figure(text, kept[-1].span.end, q.span.start):
            if _low(q) < _low(kept[-1]):
                kept[-1] = q
            continue
        kept.append(q)
    return kept


def _elsewhere(text: str, q: Quantity, bounds: list[tuple[int, int]]) -> bool:
    """The figure's sentence says its figures are coded to other events."""
    return any(s <= q.span.start < e and coded_elsewhere(text[s:e], q.span.start - s) for s, e in bounds)


SUBSET_WORDS = ("including", "among", "of them", "of whom", "of which")
ADDING_WORDS = ("another", "other", "more", "additional", "also")


def _without_breakdowns(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A sentence's figures that a total already counts are dropped: "killing at least 7,
    including 2 police", "eight people, four children and four officers, were killed"."""
    kept: list[Quantity] = []
    i = 0
    while i < len(qs):
        big = qs[i]
        kept.append(big)
        j, run = i + 1, 0
        while j < len(qs):
            between = text[big.span.end: qs[j].span.end + 12].lower()
            if any(w in between.split() for w in ADDING_WORDS):
                break
            run += _low(qs[j])
            if run > _low(big):
                break
            j += 1
        if j > i + 1:
            between = text[big.span.end: qs[j - 1].span.end + 12].lower()  # "..., one of whom died later"
            if (run == _low(big) > 1 and j > i + 2) or any(w in between for w in SUBSET_WORDS) or (
                    j == i + 2 and _low(qs[i + 1]) < _low(big) and "the other" in text[qs[i + 1].span.end:
                                                                                  qs[i + 1].span.end + 40].lower()
                    and text[big.span.end:qs[i + 1].span.start].rstrip().endswith(",")):
                # "caused two deaths, one in Awendo and the other in Rongo"
                i = j
                continue
        i += 1
    return kept


def _low(q: Quantity) -> int:
    value = q.low if q.low is not None else q.value
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def counts(doc: Document, bounds: list[tuple[int, int]]) -> list[Quantity]:
    return [q for q in doc.quantities if q.category != "killed" and _inside(q.span.start, q.span.end, bounds)]


LETHAL_PATTERNS = {"kill", "shot dead", "shoot dead", "shot and killed", "gun down", "gunned down",
                   "hacked to death", "beat * to death", "murder", "behead", "assassinate", "killing", "lynch"}
UNREALISED = {"nearly", "almost", "narrowly"}
ATTEMPT = {"attempt", "try"}


def _unrealised(verb) -> bool:
    """"nearly lynched", "tried to kill": the act did not happen."""
    return any(c.dep_ == "advmod" and c.lower_ in UNREALISED for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1}


def implied_fatalities(members, targets_of) -> tuple[int | None, str | None]:
    """Deaths a killing verb implies when no figure was found: "shot dead a driver" → 1.

    `targets_of(anchor)` gives the victim tokens of a trigger (from the parse)."""
    for m in members:
        to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
                       for c in m.anchor.children)  # "burned to death", "stoned to death"
        if (m.pattern not in LETHAL_PATTERNS and not to_death) or any(c.dep_ == "neg" for c in m.anchor.children):
            continue
        if _unrealised(m.anchor) or background_killing(m.anchor):
            continue
        sent = m.anchor.sent
        if coded_elsewhere(sent.text, m.anchor.idx - sent.start_char):
            continue  # "for stabbing a person to death (coded as a separate event)"
        for tok in targets_of(m.anchor):
            if tok.lemma_.lower() in NOT_PEOPLE:
                continue
            nums = [c for c in tok.children if c.dep_ == "nummod"]
            if tok.pos_ == "NUM":
                nums = [tok]
            if nums:
                text = nums[0].lower_.replace(",", "")
                value = int(text) if text.isdigit() else NUMBER_WORDS.get(text)
                if value is not None and value <= MAX_COUNT:
                    return value, f"'{m.pattern} {tok.text}' implies {value} killed"
                continue
            if tok.tag_ in ("NN", "NNP") or tok.lower_ in ("him", "her"):
                return 1, f"'{m.pattern}' with a single victim '{tok.text}'"
    return None, None
