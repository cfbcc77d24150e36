"""Exports open in the tools analysts use: pandas for ACLED CSV and Parquet, any GeoJSON reader."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from store_data import coded_documents

from crisislens.export import ACLED_COLUMNS, export
from crisislens.store import Filters, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store.open(str(tmp_path_factory.mktemp("export") / "events.duckdb")) as s:
        for doc in coded_documents():
            s.save(doc)
        yield s


def test_acled_csv_has_acleds_columns_in_order(store, tmp_path):
    export(store, "acled-csv", Filters(), str(tmp_path / "events.csv"))
    frame = pd.read_csv(tmp_path / "events.csv")
    assert (list(frame.columns), len(frame)) == (list(ACLED_COLUMNS), 4)


def test_acled_csv_codes_country_and_interaction(store, tmp_path):
    export(store, "acled-csv", Filters(actor="Al Shabaab"), str(tmp_path / "one.csv"))
    row = pd.read_csv(tmp_path / "one.csv").iloc[0]
    assert (row["country"], row["iso"], row["region"], row["interaction"], row["civilian_targeting"]) == \
        ("Kenya", 404, "Eastern Africa", 27, "Civilian targeting")


def test_acled_notes_are_the_evidence_sentence(store, tmp_path):
    export(store, "acled-csv", Filters(event_type="Protests"), str(tmp_path / "protest.csv"))
    row = pd.read_csv(tmp_path / "protest.csv").iloc[0]
    assert row["notes"].startswith("Hundreds of teachers marched through Nairobi")


def test_geojson_has_a_point_per_located_event(store, tmp_path):
    export(store, "geojson", Filters(), str(tmp_path / "events.geojson"))
    data = json.loads((tmp_path / "events.geojson").read_text())
    nairobi = [f for f in data["features"] if f["properties"]["location"] == "Nairobi"]
    assert (len(data["features"]), nairobi[0]["geometry"]["coordinates"]) == (4, [36.8167, -1.2833])


def test_parquet_reads_back_with_numbers(store, tmp_path):
    export(store, "parquet", Filters(), str(tmp_path / "events.parquet"))
    frame = pd.read_parquet(tmp_path / "events.parquet")
    assert (list(frame.columns), int(frame["fatalities"].sum())) == (list(ACLED_COLUMNS), 39)


def test_jsonl_filters_like_the_api(store, tmp_path):
    export(store, "jsonl", Filters(date_from="2024-05-07", event_type="Violence against civilians"),
           str(tmp_path / "events.jsonl"))
    lines = (tmp_path / "events.jsonl").read_text().splitlines()
    assert [json.loads(line)["event_date"] for line in lines] == ["2024-05-07", "2024-05-07"]


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        export(store, "xlsx", Filters(), str(tmp_path / "x"))
