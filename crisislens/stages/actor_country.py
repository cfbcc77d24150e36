"""The country of an article's generic actors when the places stage found none.

ACLED names generic actors after a country ("Protesters (Kenya)", "Police Forces of
Kenya"); a name without one can never match. Short field notes often name no place the
gazetteer knows, yet say enough: a region or large town named in passing ("students in
Kakamega", tagged as an organisation), or an institution found in one country only
("county assembly", "upazila"). These cues are weaker than the places stage's, so they are
read only when it, the country names and the named groups all gave nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from crisislens.lexicons import load_table
from crisislens.stages.actor_lexicon import iso3_of

_CAPITALISED = re.compile(r"\b[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)?\b")
_MAX_CHARS = 20_000  # the country shows in the first pages
_TOWN_POPULATION = 100_000  # a town named alone counts only when it is a large one


@cache
def _cues() -> tuple[re.Pattern | None, re.Pattern | None, dict[str, tuple[str, str]]]:
    """(case-insensitive pattern, exact pattern, folded cue → (iso3, reason))."""
    folded, exact, table = [], [], {}
    for row in load_table("actor_country_cues.csv"):
        cue = row["cue"].strip()
        table[cue.lower()] = (row["iso3"], row["reason"])
        (exact if cue.isupper() else folded).append(re.escape(cue).replace(r"\ ", r"[\s-]+"))

    def build(parts: list[str], flags: int) -> re.Pattern | None:
        if not parts:
            return None
        # a possessive with or without its apostrophe ("Kibaki's", "Kibakis") still names the cue
        return re.compile(r"\b(" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?:['’]?s)?\b", flags)

    return build(folded, re.IGNORECASE), build(exact, 0), table


def cue_country(text: str) -> tuple[str | None, str]:
    """(ISO3, why) from the institution and term cues of actor_country_cues.csv, or (None, "")."""
    folded, exact, table = _cues()
    votes: Counter = Counter()
    why: dict[str, str] = {}
    for pattern in (folded, exact):
        for match in pattern.finditer(text[:_MAX_CHARS]) if pattern else ():
            key = re.sub(r"[\s-]+", " ", match.group(1).lower())
            entry = table.get(key) or table.get(key.replace(" ", "-"))
            if entry:
                votes[entry[0]] += 1
                why.setdefault(entry[0], f"country cue '{match.group(1)}': {entry[1]}")
    if not votes:
        return None, ""
    iso3 = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return iso3, why[iso3]


def region_country(text: str, gazetteer) -> tuple[str | None, str]:
    """(ISO3, why) from capitalised names that are, by their main name, a first-level region
    or a large town of one country only; (None, "") when none is."""
    votes: Counter = Counter()
    first: dict[str, str] = {}
    runs = [m.group(0) for m in _CAPITALISED.finditer(text[:_MAX_CHARS])]
    # "In Garissa" at a sentence start: the run, then each of its words
    for name in dict.fromkeys(n for run in runs for n in (run, *re.split(r"[ -]", run))):
        found = gazetteer.lookup(name, variants=False)
        main = [c for c in found if c.match == "name"]
        strong = [c for c in main if c.kind == "admin1" or (c.kind == "town" and c.population >= _TOWN_POPULATION)]
        # a rival is another place by that main name, or a large one known by it as another name
        # (a hamlet in Italy also called "Mandera" does not make the Kenyan county ambiguous)
        rivals = {c.cc for c in found if c.match == "name" or c.population >= _TOWN_POPULATION}
        if not strong or len(rivals) != 1:
            continue
        iso3 = iso3_of(strong[0].cc)
        if iso3:
            votes[iso3] += 2 if strong[0].kind == "admin1" else 1
            first.setdefault(iso3, name)
    if not votes:
        return None, ""
    iso3 = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return iso3, f"'{first[iso3]}' is a region or large town of {iso3}"


def fallback_country(text: str, gazetteer=None) -> tuple[str | None, str]:
    """The last-resort country of generic actors: a region or large town named, else a cue."""
    if gazetteer is not None:
        iso3, why = region_country(text, gazetteer)
        if iso3:
            return iso3, why
    return cue_country(text)
