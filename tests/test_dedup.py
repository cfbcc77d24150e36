"""Reports of one event in several articles become one incident; other events stay apart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from store_data import coded_documents

from crisislens.dedup import cluster, components
from crisislens.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(str(tmp_path / "dedup.duckdb")) as s:
        for doc in coded_documents():
            s.save(doc)
        s.rebuild_incidents()
        yield s


def _attack(store):
    total, rows = store.incidents()
    return next(r for r in rows if r["event_type"] == "Violence against civilians")


def test_three_reports_of_one_attack_are_one_incident(store):
    assert store.count("incidents") == 2  # the attack, and the march on the same day
    assert _attack(store)["n_reports"] == 3


def test_incident_counts_its_sources(store):
    assert _attack(store)["n_sources"] == 3


def test_fatalities_best_is_the_most_reported_figure(store):
    attack = _attack(store)
    assert (attack["fatalities_best"], attack["fatalities_low"], attack["fatalities_high"]) == (12, 12, 15)


def test_incident_keeps_which_source_said_what(store):
    detail = store.incident(_attack(store)["id"])
    said = {r["source"]: r["fatalities"] for r in detail["reports"]}
    assert said == {"Coastline Wire": 12, "Northern Daily": 15, "Radio Jamii": 12}


def test_incident_takes_the_most_precise_place(store):
    attack = _attack(store)
    assert (attack["location"], attack["latitude"] > 3.9) == ("Mandera", True)  # a town, not the county centroid


def test_rebuild_is_repeatable(store):
    first = sorted(r["id"] for r in store.incidents()[1])
    store.rebuild_incidents()
    assert sorted(r["id"] for r in store.incidents()[1]) == first


def _report(**over):
    row = {"id": "e", "article_id": "a", "source": "s", "event_type": "Battles", "sub_event_type": "Armed clash",
           "event_date": "2024-01-10", "date_precision": 1.0, "country_code": "SO", "admin1": "Banaadir",
           "location": "x", "latitude": 2.04, "longitude": 45.34, "geo_precision": 1.0, "fatalities": 3.0,
           "fatalities_low": np.nan, "fatalities_high": np.nan, "actor1": "Al Shabaab", "inter1": 2.0,
           "actor2": "Military Forces of Somalia", "inter2": 1.0}
    row.update(over)
    return row


@pytest.mark.parametrize("other, merged", [
    ({}, True),
    ({"event_date": "2024-01-11"}, True),                                   # day precision: ±1 day
    ({"event_date": "2024-01-12"}, False),
    ({"event_date": "2024-01-16", "date_precision": 2.0}, True),            # week precision: ±7 days
    ({"event_date": "2024-01-20", "date_precision": 2.0}, False),
    ({"event_date": "2024-02-05", "date_precision": 3.0}, True),            # month precision: ±31 days
    ({"latitude": 2.20, "longitude": 45.34}, True),                         # about 18 km away
    ({"latitude": 2.40, "longitude": 45.34}, False),                        # about 40 km away
    ({"latitude": 3.0, "longitude": 45.6, "geo_precision": 3.0}, True),      # region centroid, same admin1
    ({"latitude": 3.0, "longitude": 45.6, "geo_precision": 3.0, "admin1": "Hiiraan"}, False),
    ({"latitude": np.nan, "longitude": np.nan}, True),                      # no point, same admin1
    ({"event_type": "Protests"}, False),                                    # another family
    ({"actor1": "Unidentified Armed Group (Somalia)", "inter1": 3.0}, True),
    ({"actor1": "Protesters (Somalia)", "inter1": 6.0, "actor2": None, "inter2": np.nan}, False),
    ({"actor1": "Military Forces of Somalia", "inter1": 1.0, "actor2": "Al Shabaab", "inter2": 2.0}, True),
    ({"article_id": "a"}, False),                                           # two events of one article
])
def test_pair_rules(other, merged):
    frame = pd.DataFrame([_report(), _report(**{"id": "f", "article_id": "b", "source": "t"} | other)])
    labels = cluster(frame)
    assert bool(labels[0] == labels[1]) is merged


def test_components_are_transitive():
    labels = components(5, np.array([0, 2, 3]), np.array([1, 3, 1]))
    assert labels.tolist() == [0, 0, 0, 0, 4]


def test_many_reports_cluster_without_all_pairs():
    rng = np.random.default_rng(7)
    n = 20000
    base = rng.integers(0, n // 2, n)
    frame = pd.DataFrame([_report() for _ in range(1)] * n)
    frame["id"] = [f"e{i}" for i in range(n)]
    frame["article_id"] = [f"a{i}" for i in range(n)]
    frame["latitude"] = (base % 100) * 0.5 - 20.0
    frame["longitude"] = (base // 100) * 0.6
    frame["event_date"] = "2024-01-10"
    labels = cluster(frame)
    assert len(set(labels.tolist())) == len(set(base.tolist()))
