"""Actors: who the article is about, named as ACLED names them.

What this stage produces (the events stage relies on it): `doc.actors`, one `Actor` per
real-world entity, in order of first mention, each with
- `name`: ACLED's actor name — a named group from lexicons/armed_groups.csv ("Al Shabaab",
  "BNP: Bangladesh Nationalist Party", "Police Forces of Kenya General Service Unit"), a
  generic class in the article's country from lexicons/actor_classes.csv ("Police Forces of
  Kenya", "Military Forces of Kenya", "Unidentified Armed Group (Kenya)", "Protesters
  (Bangladesh)", "Rioters (Kenya)", "Civilians (Kenya)"), an identity militia ("Pokot Ethnic
  Militia (Kenya)", "Marehan Clan Militia (Somalia)"), or a non-combatant's own name (a spaCy
  ORG or PERSON: "Reuters", "Amina Yusuf"). With no country known the country part is left
  out ("Police Forces", "Civilians").
- `inter`/`type`: ACLED's actor code and word; state forces outside their own country are 8.
  Non-combatants are 0 with type organization, media or person.
- `country`: ISO3 of the actor (the article's country for generic nouns; the article's
  country is `doc.country` from the places stage, else the country named most in the text, else
  the home of the local groups it names, else a region or one-country institution it names:
  actor_country.py).
- `aliases`: the surface forms seen; `mentions`: a Span per mention. A mention's span covers
  the phrase and its head noun ("suspected Al Shabaab militants", "members of BNP"); spans
  may nest ("BNP" inside "members of BNP" belongs to the party) — to map a token to an actor,
  take the actor with the SHORTEST mention span containing it. Pronouns ("it", "they") and
  back-references ("the militants", "the group") are mentions of the actor they refer to.
- `associated`: other groups on the same side ("Al Shabaab and allied clan militia"), and
  for a crowd tied to a party ("BCL activists") the party's name.
- `reason`: why this name. Generic nouns say `generic noun '<noun>' (class <class>)`; crowd
  nouns whose reading depends on what people do ("residents", "students", "supporters",
  party members) are `class crowd`, named Civilians by default and kept one actor per noun;
  the events stage may re-read one as protesters or rioters with
  `actor_lexicon.generic_actor("protesters" | "rioters", actor.country)`.
"""

from __future__ import annotations

import re

from crisislens.schema import Actor, Document, Span
from crisislens.stages import actor_coref, actor_ties
from crisislens.stages.actor_country import fallback_country
from crisislens.stages.actor_lexicon import iso2_of, iso3_of
from crisislens.stages.actor_mentions import ARMED_INTERS, Finder, Mention
from crisislens.stages.actor_pronouns import find_pronouns
from crisislens.stages.actor_scan import find_hits, text_country

_OPPOSED_HEADS = frozenset({"between", "with", "against", "versus", "vs"})


def process(doc: Document, parsed, resources=None) -> Document:
    """Add one Actor per entity the article names, with every mention's span."""
    country, why = iso3_of(doc.country), "article country from places"
    hits = find_hits(parsed, country)
    if country is None:
        country, why = text_country(hits)
    if country is None:  # no place, country name or group: a region named in passing, an institution
        country, why = fallback_country(doc.text, getattr(resources, "gazetteer", None) if resources else None)
        why = why or "no country known"
    if doc.country is None and country is not None:
        # the places stage found no country, weaker cues did: later stages name generic actors
        # ("Protesters (Kenya)") from doc.country even when no actor of this stage carries it
        doc.country = iso2_of(country)
    finder = Finder(parsed, hits, country, why, _place_names(doc))
    finder.named_groups()
    finder.generic_nouns()
    actor_ties.attribute_unidentified(finder)
    finder.standalone_ethnic()
    finder.entities()
    find_pronouns(finder)
    _associate(finder.mentions, parsed)
    doc.actors.extend(_into_units(_merge(finder.mentions, country), doc.text))
    actor_coref.resolve(doc, parsed)  # "the paramilitaries", "it" three sentences on: mentions of the group
    return doc


_PLACE_TAIL = re.compile(r"(?:\s+(?:county|district|sub-?county|village|town|area|division|ward|location|"
                         r"constituency|region|province))+$", re.IGNORECASE)


def _place_names(doc: Document) -> dict[int, str]:
    """Each character inside a located place's mention → its name as written, without a trailing
    "County" or "village", for militias named after where they come from."""
    out: dict[int, str] = {}
    for place in doc.places:
        if place.lat is None:
            continue
        for span in place.mentions:
            name = _PLACE_TAIL.sub("", doc.text[span.start:span.end]).strip()
            for i in range(span.start, span.end):
                out[i] = name
    return out


def _associate(mentions: list[Mention], parsed) -> None:
    """Armed actors joined by "and" on one side of a sentence are associated with each other;
    "clashes between X and Y" are two sides, not allies."""
    by_head = {m.head: m for m in mentions if m.source != "pronoun"}
    for mention in list(by_head.values()):
        token = parsed[mention.head]
        if token.dep_ != "conj" or mention.inter not in ARMED_INTERS:
            continue
        first = token.head
        while first.dep_ == "conj":
            first = first.head
        other = by_head.get(first.i)
        if other is None or other.key == mention.key or other.inter not in ARMED_INTERS:
            continue
        governor = first.head
        if governor.lower_ in _OPPOSED_HEADS or governor.lemma_ in ("clash", "fight", "battle"):
            continue
        if other.name not in mention.associated:
            mention.associated.append(other.name)
        if mention.name not in other.associated:
            other.associated.append(mention.name)


_UNIT_LINK = re.compile(r"^\s+(?:from|of|in)\s+(?:the\s+)?$", re.IGNORECASE)


def _into_units(actors: list[Actor], text: str) -> list[Actor]:
    """"Police from the GSU", "officers of the Border Patrol Unit": the generic force of a country
    is the unit the same phrase names, so its mentions are folded into the unit (ACLED codes the
    unit). A unit named beside the force ("police and BGB forces") stays a separate actor."""
    out = list(actors)
    for generic in actors:
        if generic.inter not in (1, 8) or not generic.name.startswith(("Police Forces of ", "Military Forces of ")):
            continue
        units = [a for a in actors if a is not generic and a.inter == generic.inter
                 and a.name.startswith(generic.name + " ")
                 and any(_UNIT_LINK.match(text[g.end:u.start]) for g in generic.mentions for u in a.mentions
                         if 0 <= u.start - g.end <= 12)]
        if len(units) != 1:
            continue
        unit = units[0]
        unit.mentions.extend(m for m in generic.mentions if m not in unit.mentions)
        unit.aliases.extend(a for a in generic.aliases if a not in unit.aliases)
        unit.reason = f"{unit.reason}; '{generic.name}' of the same phrase folded into the unit"
        out.remove(generic)
    return out


def _merge(mentions: list[Mention], country: str | None) -> list[Actor]:
    actors: dict[tuple, Actor] = {}
    reasons: dict[tuple, list[str]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        actor = actors.get(mention.key)
        if actor is None:
            inter, type_, note = mention.inter, mention.type, ""
            if inter == 1 and country and mention.country and mention.country != country:
                inter, type_, note = 8, "external_forces", f"; state forces of {mention.country} outside {country}"
            actor = actors[mention.key] = Actor(name=mention.name, type=type_, inter=inter,
                                                country=mention.country)
            reasons[mention.key] = [mention.reason + note]
        elif mention.reason not in reasons[mention.key] and mention.source != "pronoun":
            reasons[mention.key].append(mention.reason)
        actor.mentions.append(Span(mention.start, mention.end))
        if mention.source != "pronoun":
            if mention.text and mention.text not in actor.aliases:
                actor.aliases.append(mention.text)
        for name in mention.associated:
            if name not in actor.associated and name != actor.name:
                actor.associated.append(name)
    for key, actor in actors.items():
        actor.reason = "; ".join(reasons[key][:3])
    return list(actors.values())
