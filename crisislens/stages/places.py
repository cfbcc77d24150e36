"""Places: every place an article names, resolved offline to coordinates, country and region.

"Youths clashed in Kasipul, Homa Bay" gives Kasipul (a town inside Homa Bay county, precision 1)
and Homa Bay; "in Jinardi union, Palash upazila (Narsingdi, Dhaka)" gives Jinardi placed at
Palash (not in the gazetteer itself: precision 2). The stage also sets `doc.country`, the
country the article is mostly about, from country names, demonyms ("Kenyan police") and the
places it resolved; the actors stage reads it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache

from crisislens.geo.gazetteer import Candidate
from crisislens.geo.normalize import fold
from crisislens.geo.recognize import Mention, find_mentions
from crisislens.geo.resolve import Context, Resolution, resolve_all
from crisislens.lexicons import load_table
from crisislens.schema import Document, Place, Span
from crisislens.stages.places_attribute import attribute_of
from crisislens.stages.places_country import country_votes, group_countries, main_country
from crisislens.stages.places_ethnic import ethnic_actor_starts, is_group_name

_CLAUSE = re.compile(r"[.;,()]")
_MIN_POPULATION_UNBACKED = 20_000  # a bare "in X" with no entity tag must be a real town or backed


@cache
def _demonyms() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """demonyms.csv (shared with the actors stage): word -> (ISO2, kind), and a pattern finding them."""
    table = {row["word"]: (row["iso2"], row["kind"]) for row in load_table("demonyms.csv") if row["kind"] != "actor"}
    words = sorted(table, key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))  # a cheap test before the long alternation
    return re.compile(rf"(?=[{firsts}])(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"), table


@cache
def _nationalities() -> frozenset[str]:
    """Nationality words, which spaCy sometimes tags as places ("Somali youth")."""
    return frozenset(word for word, (_, kind) in _demonyms()[1].items() if kind == "demonym")


@cache
def _aliases() -> dict[str, str]:
    """Folded other names of countries ("palestine", "drc") -> ISO2: such a mention is the country."""
    return {fold(word): cc for word, (cc, kind) in _demonyms()[1].items() if kind == "alias"}


@cache
def _roles() -> tuple[dict[str, str], frozenset[str]]:
    rows = load_table("place_roles.csv")
    prepositions = {r["preposition"]: r["role"] for r in rows if not r["preposition"].startswith("*")}
    movement = frozenset(r["preposition"][1:] for r in rows if r["preposition"].startswith("*"))
    return prepositions, movement


def process(doc: Document, parsed, resources) -> Document:
    """Add a Place per place named (repeated mentions merged), in order of first mention."""
    gazetteer = resources.gazetteer
    text = doc.text
    known: dict[tuple[str, bool], bool] = {}  # the recogniser asks of the same names many times

    def knows(name: str, major: bool = False) -> bool:
        answer = known.get((name, major))
        if answer is None:
            found = gazetteer.lookup(name, variants=False)
            # districts (admin2) are no "major" names: "Park" or "Ngo" are counties and districts too
            answer = any(c.kind in ("country", "admin1") or (c.kind == "town" and c.population >= 100_000
                                                             and c.match == "name") for c in found) \
                if major else bool(found)
            known[(name, major)] = answer
        return answer

    mentions = find_mentions(text, parsed, knows, _nationalities(), ethnic_actor_starts(parsed, text), is_group_name)
    named, implied, context_spans = _countries(text, mentions, gazetteer)
    countries = named + implied
    ctx = Context(countries, None, frozenset(named), _aliases())
    first = resolve_all(mentions, gazetteer, ctx)
    groups = group_countries(text)
    main = main_country(country_votes(named, implied, groups, mentions, first, text))
    support = country_votes(named, implied, groups, mentions, first, text, strong_only=True)
    resolutions = resolve_all(mentions, gazetteer, Context(countries, main, ctx.named, ctx.aliases, support)) \
        if main else first
    main = main_country(country_votes(named, implied, groups, mentions, resolutions, text)) or main
    sentences, sents = _sentences(parsed)
    said: dict[int, tuple[set[str], str]] = {}  # a sentence's words, read once for all its places
    places: dict[object, Place] = {}
    weak: set[object] = set()  # places named only as a people or a road's end: context
    attributes: dict[object, tuple[int, str]] = {}  # places named only as "Siaya Senator": sentence, noun
    for i, (mention, res) in enumerate(zip(mentions, resolutions, strict=True)):
        if not _worth_keeping(mention, res, countries, gazetteer) or _named_by_child(i, mentions, resolutions):
            continue
        place = _place(mention, res)
        if mention.frame and mention.source in ("frame", "known") and place.reason:  # "Kitale traders": why a place
            place.reason = f"{place.reason}; a known name framed as a place ({mention.frame})"
        key = (place.geonameid, place.name.lower()) if res.fallback_from else (
            place.geonameid or (res.candidate.id if res.candidate else None) or place.name.lower())
        span = Span(mention.start, mention.end)
        if key in places:
            places[key].mentions.append(span)
            if key in weak and not (mention.people or mention.route_end):  # "Samburu raiders ... in Samburu"
                places[key].role = _role(text, mention, parsed, sents, sentences, said)
                weak.discard(key)
            continue
        if mention.people or mention.route_end:
            # a people's home region, a road's far end: where things happened only when nothing else is named
            why = "an ethnic name used for people" if mention.people else "an end of a road named by its ends"
            place.role, place.reason = "context", f"{place.reason}; {why}"
            weak.add(key)
        else:
            place.role = _role(text, mention, parsed, sents, sentences, said)
            # "admitted at the Nairobi hospital": a locative preposition puts the attribute on the map,
            # unless the text names where that building is ("near the Nairobi Hotel in Mandera")
            noun = attribute_of(parsed, mention.start, mention.end) \
                if place.role == "location" and (mention.frame != "locative" or mention.parents) else None
            if noun is not None:
                attributes[key] = (bisect.bisect_right(sentences, mention.start), noun)
        places[key] = place
    _demote_attributes(places, attributes, sentences)
    _demote_countries(places)
    for cc, spans in context_spans.items():
        country = gazetteer.country(cc)
        existing = next((p for p in places.values() if p.country_code == cc and p.feature == "PCLI"), None)
        if existing or country is None:
            continue
        places[("context", cc)] = Place(
            name=country.name, country_code=cc, lat=country.lat, lon=country.lon,
            geonameid=country.geonameid, precision=3, mentions=spans, feature="PCLI", role="context",
            reason="named only as a nationality")
    doc.places.extend(sorted(places.values(), key=lambda p: min(s.start for s in p.mentions)))
    doc.country = main
    return doc


def _countries(text: str, mentions: list[Mention], gazetteer) -> tuple[Counter, Counter, dict[str, list[Span]]]:
    """Countries the text names (by name or alias) and implies (by demonym), with demonym spans."""
    named, implied = Counter(), Counter()
    spans: dict[str, list[Span]] = {}
    pattern, table = _demonyms()
    for match in pattern.finditer(text):
        cc, kind = table[match.group(1)]
        if kind == "alias":
            named[cc] += 1
        else:
            implied[cc] += 1
            spans.setdefault(cc, []).append(Span(match.start(), match.end()))
    aliases = _aliases()
    for mention in mentions:
        if fold(mention.text) in aliases:
            continue  # counted with the demonyms
        for cand in gazetteer.lookup(mention.text, variants=False):
            if cand.kind == "country":
                named[cand.cc] += 1
                break
    return named, implied, spans


def _demote_attributes(places: dict, attributes: dict[object, tuple[int, str]], sentences: list[int]) -> None:
    """An attribute ("Siaya Senator") is context when its sentence names another resolved location."""
    for key, (sentence, noun) in attributes.items():
        place = places[key]
        if len(place.mentions) > 1 or place.role != "location":
            continue
        others = [p for k, p in places.items() if k != key and k not in attributes and p.role == "location"
                  and p.lat is not None and any(bisect.bisect_right(sentences, m.start) == sentence for m in p.mentions)
                  and not _contains(p, place)]  # "Dhamrai Press Club (Dhaka)": its own region is no other place
        if others:
            place.role, place.reason = "context", f"{place.reason}; named as an attribute ('{place.name} {noun}')"


def _contains(outer: Place, inner: Place) -> bool:
    """True when one place is the wider area around another (its region or its country)."""
    return outer.country_code == inner.country_code and (outer.precision or 0) > (inner.precision or 0) \
        and (outer.feature == "PCLI" or outer.admin1 == inner.admin1)


def _demote_countries(places: dict) -> None:
    """ "Residents of Isiolo town protested ... in Kenya": a country the text also names a town or
    district of is only the background of that place (ACLED codes the most precise place)."""
    for place in places.values():
        if place.feature != "PCLI" or place.role != "location":
            continue
        inside = next((p for p in places.values() if p.country_code == place.country_code and p.role == "location"
                       and p.lat is not None and (p.precision or 3) <= 2), None)
        if inside is not None:
            place.role, place.reason = "context", f"{place.reason}; the country of '{inside.name}', named too"


def _worth_keeping(mention: Mention, res: Resolution, countries: Counter, gazetteer) -> bool:
    """A name found only by its preposition or chain must resolve convincingly, else it is no place."""
    cand = res.candidate
    if mention.person:
        return cand is not None
    if mention.source in ("entity", "cue", "known"):
        return True
    if cand is None:
        return False
    if res.fallback_from is not None or "within" in res.reason:
        return True
    if mention.facility and cand.match != "name" and not countries.get(cand.cc):
        return False  # "Sakina Mosque": a building named after a person, not the town Suakin
    if bool(countries.get(cand.cc)) or cand.kind != "town" or cand.population >= _MIN_POPULATION_UNBACKED:
        return True
    return mention.frame is not None and _one_country(mention.text, cand, gazetteer)


def _one_country(name: str, cand: Candidate, gazetteer) -> bool:
    """ "Residents of Witu": a small town's own name that no other country uses is a safe reading."""
    found = gazetteer.lookup(name, variants=False)
    return cand.match in ("name", "alternate") and all(c.cc == cand.cc for c in found)


def _named_by_child(i: int, mentions: list[Mention], resolutions: list[Resolution]) -> bool:
    """ "Dhaka - Paltan": the city is only the address of the quarter, which stands for both."""
    if not mentions[i].children_dash or i + 1 >= len(mentions):
        return False
    child = resolutions[i + 1]
    return child.candidate is not None and child.fallback_from is None and i in mentions[i + 1].parents


def _place(mention: Mention, res: Resolution) -> Place:
    cand: Candidate | None = res.candidate
    if cand is None:
        return Place(name=mention.text, country_code=None, mentions=[Span(mention.start, mention.end)],
                     reason=res.reason)
    fallback = res.fallback_from is not None
    admin1 = cand.name if cand.kind == "admin1" else cand.admin1
    return Place(
        name=mention.text if fallback else cand.name, country_code=cand.cc, admin1=admin1,
        admin2=cand.admin2, lat=cand.lat, lon=cand.lon, geonameid=None if fallback else cand.geonameid,
        precision=res.precision, mentions=[Span(mention.start, mention.end)],
        feature=None if fallback else cand.feature, reason=res.reason)


def _sentences(parsed) -> tuple[list[int], list[int]]:
    """Each sentence's first character and first token, read from arrays (iterating `parsed.sents`
    builds every token; the stage needs a sentence's tokens only for the few role prepositions)."""
    starts = parsed.to_array(["SENT_START", "IDX"])
    if not len(starts):
        return [], []
    first = starts[:, 0] == 1  # whole-array tests: no Python loop over the tokens
    first[0] = True
    firsts = first.nonzero()[0].tolist()
    return starts[firsts, 1].tolist(), firsts


def _role(text: str, mention: Mention, parsed, firsts: list[int], sentences: list[int],
          said: dict[int, tuple[set[str], str]] | None = None) -> str:
    """origin for "fled from X", destination for "moved to camps near X", else location.
    `said` keeps each sentence's words and lower-cased text for the document's other places."""
    prepositions, movement = _roles()
    window = _CLAUSE.split(text[max(0, mention.outer_start - 40):mention.outer_start])[-1].lower()
    found = [(m.start(), m.group(1)) for m in _preposition_pattern().finditer(window)]
    if not found:
        return "location"
    prep = max(found)[1]
    i = max(bisect.bisect_right(sentences, mention.start) - 1, 0)
    said = {} if said is None else said
    if i not in said:
        sent = parsed[firsts[i]:firsts[i + 1] if i + 1 < len(firsts) else len(parsed)]
        said[i] = ({t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}, sent.text.lower())
    words, lowered = said[i]
    if words & movement or any(" " in m and m in lowered for m in movement):
        return prepositions[prep]
    return "location"


@cache
def _preposition_pattern() -> re.Pattern:
    """Every role preposition at every position (a lookahead, so "away from" still shows "from")."""
    words = sorted(_roles()[0], key=len, reverse=True)
    return re.compile(r"(?=\b(" + "|".join(re.escape(w) for w in words) + r")\b)")
