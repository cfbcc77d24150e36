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
from functools import cache

from crisislens.geo.gazetteer import Candidate, Gazetteer
from crisislens.geo.normalize import fold
from crisislens.geo.recognize import Mention, base_name

_KIND_FOR_LEVEL = {"admin1": {"admin1"}, "admin2": {"admin2", "town"}, "locality": {"town", "admin2"},
                   "site": {"town"}, "route": {"town"}}
_MATCH_SCORE = {"name": 1.0, "alternate": 0.5, "variant": -1.0}


@dataclass
class Resolution:
    """Where one mention was placed, and why."""

    candidate: Candidate | None
    precision: int | None
    reason: str
    fallback_from: Candidate | None = None  # the parent used when the name itself was unknown
    from_base: bool = False  # placed at the place its name is built on ("Wajir East" -> Wajir)
    region: Candidate | None = None  # "in Lamu County": the region named, placed at its main town
    alternatives: tuple[Candidate, ...] = ()  # every candidate of the name (the article's country is voted on them)


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


def _contains(region: Candidate, town: Candidate) -> bool:
    """ "Lower Shabelle near Afgoye": the place named beside a region may lie inside it."""
    return region.kind == "admin1" and town.kind != "admin1" and town.cc == region.cc \
        and town.admin1_code == region.admin1_code


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
        # ("Dhaka - Paltan" names the city, though: the quarter is in it)
        value += 3.5 if mention.top and not mention.children_dash else -1.0
    inside = [p for p in parents if _inside(candidate, p)]
    if inside:
        value += 6.0 + len(inside)
        reasons.append((3, f"within '{inside[0].name}' named beside it"))
    elif parents and any(p.cc == candidate.cc for p in parents):
        value += 2.0
    if countries.get(candidate.cc):
        value += 2.0 + min(countries[candidate.cc], 4) * 0.25
        reasons.append((2, f"{candidate.cc} named in the text"))
    if main_country and candidate.cc == main_country:
        value += 2.0
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


_COUNTRY_FALLBACK_SOURCES = ("entity", "cue", "known")  # names found for themselves, not by a preposition
_MAJOR_TOWN = 350_000  # a city this large may be named from abroad without its country
_REGION_SLIP_TOWN = 20_000  # a town this large keeps its own point when the text names another region
_REGION_OVER_TOWN = 20_000  # a smaller town named like a region elsewhere in its country yields to the region
_LARGE_TOWN = 100_000  # a town abroad this large keeps its claim to a name it shares with a region ("Toledo")
_REGION_NAME_ABROAD = 3.0  # what a town abroad loses to a first-level region of the same name


@dataclass(frozen=True)
class Context:
    """What the whole document says about where it is."""

    countries: Counter            # countries named or implied (by name, alias or demonym)
    main_country: str | None = None
    named: frozenset[str] = frozenset()       # countries named outright (not by a demonym)
    aliases: dict[str, str] | None = None     # folded other names of countries -> ISO2 ("palestine")
    support: Counter | None = None            # each country's weighted evidence (places_country.py)


def _backed(cand: Candidate, ctx: Context, parents: list[Candidate]) -> bool:
    """A candidate abroad (not in the article's country) needs strong evidence to be chosen."""
    if not ctx.main_country or cand.cc == ctx.main_country or cand.kind == "country":
        return True
    if any(_inside(cand, p) for p in parents) or cand.cc in ctx.named:
        return True
    own = 3.0 if cand.kind == "admin1" else 0.0  # a region's name supports its country: not by itself, though
    if ctx.support and ctx.support.get(cand.cc, 0) - own >= 2.5:
        return True  # a second country the text clearly places things in
    return cand.kind == "town" and cand.population >= _MAJOR_TOWN and cand.match == "name"


def _choose(mention: Mention, name: str, gazetteer: Gazetteer, ctx: Context,
            parents: list[Candidate], base: bool = False) -> tuple[Candidate | None, str, tuple[Candidate, ...]]:
    """The best candidate for a name (or None when every one is implausible), its reason, all candidates."""
    alias = (ctx.aliases or {}).get(fold(name)) or _abbreviations().get(name.replace(".", ""))
    if alias and gazetteer.country(alias) is not None:
        return gazetteer.country(alias), "another name of the country", ()
    candidates = gazetteer.lookup(name, variants=_spellable(name))
    regions = {(c.cc, fold(c.name)): c.admin1_code for c in candidates if c.kind == "admin1"}
    region_countries = {c.cc for c in candidates if c.kind == "admin1" and c.match == "name"}
    best, best_score, best_reason = None, -1e9, ""
    for cand in candidates:
        if not _backed(cand, ctx, parents):
            continue
        value, reason = score(cand, mention, ctx.countries, parents, ctx.main_country)
        region = regions.get((cand.cc, fold(cand.name)))
        if cand.kind == "town" and region is not None and region != cand.admin1_code \
                and cand.population < _REGION_OVER_TOWN:
            value -= 4.0  # "in Samburu": the region, not a village of that name in another region
        elif _foreign_namesake(cand, region_countries, ctx):
            value -= _REGION_NAME_ABROAD  # "in Kwale": Kenya's county, not a Nigerian town of that name
        if value > best_score:
            best, best_score, best_reason = cand, value, reason
    if best is None:
        return None, "", candidates
    if best.match == "variant" and not (best.cc in ctx.named or best.cc == ctx.main_country
                                        or any(_inside(best, p) for p in parents)):
        return None, "", candidates  # a transliteration guess needs the document's country to back it
    if (mention.person and not base and best.cc != ctx.main_country and not any(_inside(best, p) for p in parents)
            and best.kind != "country"):
        return None, "", candidates  # a person's name that is also a town abroad
    if (best.kind == "town" and best.population < 5_000 and not ctx.main_country
            and not ctx.countries.get(best.cc) and not parents and best.match != "name"
            and not (mention.level == "locality" and all(c.cc == best.cc for c in candidates))):
        # an unbacked hamlet's alternate name: more likely a name we lack (unless a cue calls it a town
        # and no other country has a place of that name: "Amagoro town")
        return None, "", candidates
    if parents and best.kind != "country" and not any(_inside(best, p) or _contains(best, p) for p in parents) and any(
            p.kind != "country" for p in parents):
        if _region_slip(best, parents) and not mention.facility:  # "the Nairobi Hotel in Mandera" is in Mandera
            return best, f"in {best.admin1}, though the text names the region '{parents[0].name}'", candidates
        return None, "", candidates  # the text says where it is and this candidate is elsewhere
    if best.kind == "town" and regions.get((best.cc, fold(best.name))) == best.admin1_code \
            and not best_reason.startswith("within"):
        # a region's seat named like it: the name itself says which region ("in Kwale" is inside Kwale county)
        best_reason = f"within '{best.admin1 or best.name}', the region of the same name"
    return best, best_reason, candidates


def _foreign_namesake(cand: Candidate, region_countries: set[str], ctx: Context) -> bool:
    """A town abroad named like a first-level region: a region's name is the stronger reading when nothing
    in the text points at the town's country (a region is known by name; a town of that size is not)."""
    return cand.kind == "town" and bool(region_countries) and cand.cc not in region_countries \
        and cand.population < _LARGE_TOWN and cand.cc != ctx.main_country and not ctx.countries.get(cand.cc)


@cache
def _abbreviations() -> dict[str, str]:
    """Capital-letter abbreviations of countries ("US", "U.S.") that demonyms.csv gives only to the actors
    (kind `actor`: they say who acts, not where the article is) -> ISO2. Named as a place ("the US embassy",
    "deported to the US") they are still the country, not a namesake town ("Us" in France)."""
    from crisislens.lexicons import load_table

    abbreviations = {row["word"].replace(".", ""): row["iso2"] for row in load_table("demonyms.csv")
                     if row["kind"] == "actor"}
    return {word: cc for word, cc in abbreviations.items() if word.isupper()}


def _region_slip(best: Candidate, parents: list[Candidate]) -> bool:
    """ "Dinajpur city (Dinajpur Sadar, Dhaka)": a sizeable town or a district of the same country,
    named beside nothing more precise than a region it is not in (a renamed or split region, a slip),
    is a better guess than that whole region."""
    areas = [p for p in parents if p.kind != "country"]
    return bool(areas) and all(p.kind == "admin1" and p.cc == best.cc for p in areas) \
        and best.match == "name" and (best.kind == "admin2" or best.population >= _REGION_SLIP_TOWN)


def _spellable(name: str) -> bool:
    """Whether transliteration variants are worth a search: one or two words, not a name built on
    another ("Madaripur Sadar", "Marakwet East": placed at the place it is named after instead),
    not a facility ("National Press Club"). Variant searches are the slowest lookups."""
    return len(name.split()) <= 2 and base_name(name) is None


def _main_town(region: Candidate, candidates: tuple[Candidate, ...]) -> Candidate | None:
    """ "in Mandera County": the region's town of the same name, which ACLED codes (precision 2)."""
    key = fold(region.name)
    towns = [c for c in candidates if c.kind == "town" and c.cc == region.cc and fold(c.name) == key
             and (c.admin1_code == region.admin1_code if region.kind == "admin1" else _km(c, region) <= 60)]
    return max(towns, key=lambda c: c.population, default=None)


def resolve_all(mentions: list[Mention], gazetteer: Gazetteer, ctx: Context) -> list[Resolution]:
    """One Resolution per mention; parents (later in a chain) are resolved before their children."""
    out: list[Resolution | None] = [None] * len(mentions)
    alternatives: list[tuple[Candidate, ...]] = [()] * len(mentions)
    _inherit_parents(mentions)
    for i in _parents_first(mentions):
        mention = mentions[i]
        parents = [out[p].candidate for p in mention.parents if out[p] and out[p].candidate
                   and out[p].fallback_from is None]
        is_parent = any(i in m.parents for m in mentions)
        best, reason, candidates = _choose(mention, mention.text, gazetteer, ctx, parents)
        alternatives[i] = candidates
        if best is not None:
            precision = _precision(best, mention, is_parent)
            if best.kind in ("admin1", "admin2") and mention.level in ("admin1", "admin2"):
                town = _main_town(best, candidates)
                if town is not None:
                    out[i] = Resolution(town, 2, f"{mention.level} named without a town: its main town "
                                                 f"'{town.name}'", region=best)
                    continue
            out[i] = Resolution(best, precision, reason)
            continue
        if mention.base:
            base, _, found = _choose(mention, mention.base, gazetteer, ctx, parents, base=True)
            if base is not None and base.kind != "country":
                alternatives[i] = found  # the article's country is voted on the readings of the name it is built on
                town = _main_town(base, found) if base.kind != "town" else None
                base = town or base
                out[i] = Resolution(base, 3 if base.kind == "admin1" else 2,
                                    f"'{mention.text}' not in gazetteer; placed at '{base.name}' it is named after",
                                    fallback_from=base, from_base=True)
                continue
        parent = next((p for p in parents if p.kind != "country"), None)
        if parent is not None:
            precision = 3 if parent.kind == "admin1" else 2
            out[i] = Resolution(parent, precision,
                                f"'{mention.text}' not in gazetteer; placed at '{parent.name}' named beside it",
                                fallback_from=parent)
        else:
            why = "no gazetteer entry" if not candidates else "no candidate fits the document's places"
            country = gazetteer.country(ctx.main_country) if ctx.main_country and not mention.person \
                and mention.source in _COUNTRY_FALLBACK_SOURCES else None
            if country is not None:
                # ACLED codes a place it cannot find at the country level (the capital), precision 3
                out[i] = Resolution(country, 3, f"{why}; placed in the article's country {country.cc}",
                                    fallback_from=country)
                continue
            out[i] = Resolution(None, None, why)
    done = [r if r is not None else Resolution(None, None, "unresolved") for r in out]
    for res, found in zip(done, alternatives, strict=True):
        res.alternatives = found
    return done


def _inherit_parents(mentions: list[Mention]) -> None:
    """ "Clashes in Mohammadpur union, Suborno Char upazila (Noakhali) ... Mohammadpur residents said":
    a name repeated without its container means the place first named with one."""
    first: dict[str, Mention] = {}
    for mention in mentions:
        key = fold(mention.text)
        earlier = first.get(key)
        if earlier is None:
            first[key] = mention
        elif not mention.parents and earlier.parents and not mention.route_end:
            mention.parents = list(earlier.parents)


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
