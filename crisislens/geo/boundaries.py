"""Units below the district (upazilas, sub-counties) from OCHA COD-AB boundary files.

GeoNames' towns of 500+ people lack many of them: a Bangladeshi report names "Mirsharai upazila
(Chittagong)", and without the upazila the place fell back to Chittagong city, 56 km away. Each
unit becomes a place of kind `admin2` (feature ADM3, precision 2: ACLED codes such a unit at
precision 2) at the centre point its source gives. Its region (admin1 code) and district are
those of the nearest GeoNames town of the same country, so region names stay GeoNames' English
ones ("Chittagong", not the source's "Chattogram"): the district the source names is looked up
among the index's districts (its region is theirs), else the nearest town's region is used.

Left out: a unit whose name ends with a qualifier ("Bandarban Sadar": the recogniser places it at
the town it is named after, as ACLED does) and a unit a same-named town of the country lies
within 15 km of (the town is the better point and already in the index).
"""

from __future__ import annotations

import math
from collections import defaultdict

from crisislens.geo import sources
from crisislens.geo.build import _Row
from crisislens.geo.normalize import fold, is_latin, skeleton
from crisislens.geo.recognize import base_name, is_generic

_SAME_TOWN_KM = 15.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dx = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(dx, math.radians(lat2 - lat1))


class _NearestTown:
    """The nearest town of the same country (for a unit's region and district)."""

    def __init__(self, towns: list[_Row]) -> None:
        import numpy as np
        from scipy.spatial import cKDTree

        self._towns = [t for t in towns if t.admin1]
        self._tree = cKDTree(np.array([(t.lat, t.lon) for t in self._towns]))

    def __call__(self, cc: str, lat: float, lon: float) -> _Row | None:
        _, idx = self._tree.query((lat, lon), k=16, distance_upper_bound=1.0)
        for i in idx:
            if i < len(self._towns) and self._towns[i].cc == cc:
                return self._towns[i]
        return None


def _district_regions(districts: list[_Row]) -> dict[tuple[str, str], tuple[str, str]]:
    """(cc, folded or skeleton name of a district) -> (its admin1 code, its name), unambiguous keys only."""
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in districts:
        for name in (row.name, *row.names):
            if name and is_latin(name):
                found[(row.cc, fold(name))].add((row.admin1, row.name))
                found[(row.cc, "~" + skeleton(name))].add((row.admin1, row.name))
    return {key: next(iter(v)) for key, v in found.items() if len(v) == 1}


def boundary_rows(towns: list[_Row], districts: list[_Row]) -> list[_Row]:
    """Places for the third-level units the installed boundary packages ship (none if none is)."""
    units = list(sources.cod_units())
    if not units:
        return []
    regions = _district_regions([d for d in districts if d.kind == "admin2"])
    by_name: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for town in towns:
        by_name[(town.cc, fold(town.name))].append(town)
    nearest = _NearestTown(towns)
    rows: list[_Row] = []
    for unit in units:
        name = unit.name
        if not is_latin(name) or is_generic(name) or base_name(name) is not None:
            continue
        same = by_name.get((unit.cc, fold(name)), [])
        if any(_km(t.lat, t.lon, unit.lat, unit.lon) <= _SAME_TOWN_KM for t in same):
            continue
        parent = regions.get((unit.cc, fold(unit.parent))) or regions.get((unit.cc, "~" + skeleton(unit.parent)))
        town = nearest(unit.cc, unit.lat, unit.lon)
        if parent is None and town is None:
            continue
        admin1, admin2 = parent or (town.admin1, town.admin2)
        rows.append(_Row(None, name, "admin2", f"ADM{unit.level}", unit.cc, admin1, admin2,
                         unit.lat, unit.lon, 0, [a for a in unit.aliases if is_latin(a)]))
    return rows
