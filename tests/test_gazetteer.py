"""The gazetteer index: default build, GeoNames dump loader, name variants, CLI."""

import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisislens.cli import app
from crisislens.geo import Gazetteer, GazetteerMissing
from crisislens.geo.build import build_from_dumps, clean_admin_name
from crisislens.geo.normalize import fold, skeleton
from crisislens.pipeline import Pipeline
from crisislens.resources import Settings
from crisislens.stages import places

DUMPS = Path(__file__).parent / "data" / "geonames"
DUMP_FILES = sorted(DUMPS.glob("*.txt"))


@pytest.fixture(scope="module")
def dump_index(tmp_path_factory) -> Path:
    return build_from_dumps(DUMP_FILES, tmp_path_factory.mktemp("gz") / "dump.sqlite", include_base=False)


@pytest.mark.parametrize("a, b", [
    ("Mosul", "Al-Mosul"), ("Mosul", "Al Mawsil"), ("Kunduz", "Qonduz"), ("Kunduz", "Kondoz"),
    ("Ajdabiya", "Ajdabiyah"), ("Ajdabiya", "Agedabia"), ("Raqqa", "Ar-Raqqah"),
])
def test_transliteration_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Mosul", "Kirkuk"), ("Tripoli", "Tikrit"), ("Homs", "Hama")])
def test_different_places_keep_different_skeletons(a, b):
    assert skeleton(a) != skeleton(b)


def test_fold_drops_accents_case_and_punctuation():
    assert fold(" Ar-Raqqah ") == "ar raqqah" and fold("Trípoli") == "tripoli"


@pytest.mark.parametrize("raw, clean", [
    ("Nairobi Area", "Nairobi"), ("Wilayat-e Baghlan", "Baghlan"), ("Rangpur Division", "Rangpur"),
    ("Homa Bay", "Homa Bay"),
])
def test_region_names_lose_geonames_affixes(raw, clean):
    assert clean_admin_name(raw) == clean


def test_dump_villages_are_found_by_alternate_names(dump_index):
    found = Gazetteer.open(dump_index).lookup("Qaryet Zeitoun")
    assert [(c.geonameid, c.cc, c.admin1) for c in found] == [(9900001, "SY", "Hama")]


def test_dump_alternate_names_file_adds_names(dump_index):
    assert Gazetteer.open(dump_index).lookup("Zaitoun Hamlet")[0].geonameid == 9900001


def test_dump_admin2_code_names_the_district(dump_index):
    village = Gazetteer.open(dump_index).lookup("Tall Hamra")[0]
    assert village.admin2 == "Suqaylabiyah District"


def test_dump_region_takes_its_adm1_coordinates(dump_index):
    region = Gazetteer.open(dump_index).admin1("SY", "10")
    assert (region.name, region.lat, region.lon) == ("Hama", 35.15, 36.9)


def test_dump_skips_streams(dump_index):
    assert Gazetteer.open(dump_index).lookup("Wadi Example", variants=False) == ()


def test_dump_build_is_deterministic(tmp_path):
    a = build_from_dumps(DUMP_FILES, tmp_path / "a.sqlite", include_base=False)
    b = build_from_dumps(DUMP_FILES, tmp_path / "b.sqlite", include_base=False)
    dump = lambda p: list(sqlite3.connect(p).iterdump())  # noqa: E731
    assert dump(a) == dump(b)


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerMissing, match="gazetteer build"):
        Gazetteer.open(tmp_path / "nowhere.sqlite")


def test_cli_builds_an_index_from_dumps(tmp_path):
    out = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(app, ["gazetteer", "build", *map(str, DUMP_FILES), "--output", str(out), "--no-base"])
    assert result.exit_code == 0, result.output
    assert Gazetteer.open(out).lookup("Tall Hamra")


def test_extraction_uses_a_dump_index(dump_index):
    pipeline = Pipeline(Settings(gazetteer_path=dump_index), stages=[places])
    doc = pipeline.extract("Shelling hit Tell Hamra village in Hama on Monday.")
    village = next(p for p in doc.places if p.geonameid == 9900002)
    assert (village.lat, village.lon, village.precision) == (35.2, 36.8, 1)


def test_default_index_opens_fast_once_built(pipeline):
    assert pipeline.resources.gazetteer.count() > 100_000  # builds the default index on first use
    started = time.perf_counter()
    Gazetteer.open(None)
    assert time.perf_counter() - started < 2.0


def test_default_index_name_carries_the_format_version():
    from crisislens.geo.build import SCHEMA_VERSION
    from crisislens.geo.gazetteer import default_path

    assert default_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def test_region_renames_apply_in_the_default_index(pipeline):
    gazetteer = pipeline.resources.gazetteer
    assert [c.name for c in gazetteer.lookup("Vihiga", variants=False) if c.kind == "admin1"] == ["Vihiga"]
    assert [c.cc for c in gazetteer.lookup("Chattogram", variants=False) if c.kind == "admin1"] == ["BD"]


def test_exact_lookup_does_not_hide_variants(pipeline):
    gazetteer = pipeline.resources.gazetteer
    assert gazetteer.lookup("Kisorgonj", variants=False) == ()
    assert any(c.cc == "BD" for c in gazetteer.lookup("Kisorgonj"))


@pytest.mark.parametrize("name, cc, admin1", [
    ("Rajbari", "BD", "Dhaka"),       # a zila whose town cities500 lacks
    ("Noakhali", "BD", "Chittagong"),
    ("Kaduna North", "NG", "Kaduna"),  # a local government area
])
def test_districts_are_places(pipeline, name, cc, admin1):
    found = [c for c in pipeline.resources.gazetteer.lookup(name, variants=False) if c.kind == "admin2"]
    assert any(c.cc == cc and c.admin1 == admin1 and c.lat is not None for c in found)


def test_towns_know_their_district(pipeline):
    towns = [c for c in pipeline.resources.gazetteer.lookup("Tongi", variants=False) if c.cc == "BD"]
    assert towns and towns[0].admin2 == "Gazipur"
