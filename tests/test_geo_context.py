"""Places read with the rest of the sentence: regions over namesake villages, attributes, upazilas."""

import pytest

from crisislens.geo import gazetteer as gazetteer_module
from crisislens.geo.build import SCHEMA_VERSION, _Row, write_index
from crisislens.geo.gazetteer import Gazetteer


def _place(doc, name):
    return next(p for p in doc.places if p.name == name)


def test_region_beats_a_small_namesake_town_in_another_region(pipeline):
    doc = pipeline.extract("Herders fought with police reservists in Samburu on Monday.")
    assert _place(doc, "Samburu").admin1 == "Samburu"


@pytest.mark.parametrize("sentence, attribute, location", [
    ("Wajir Senator Ali Noor led a march into Garissa town on Friday.", "Wajir", "Garissa"),
    ("Kitui teachers staged a sit-in outside the ministry offices in Nairobi.", "Kitui", "Nairobi"),
    ("Protesters heckled the Nyeri governor at a rally in Nakuru.", None, "Nakuru"),
])
def test_place_named_as_an_attribute_is_context_beside_a_location(pipeline, sentence, attribute, location):
    doc = pipeline.extract(sentence)
    if attribute:
        place = next(p for p in doc.places if p.name.startswith(attribute))
        assert place.role == "context" and "attribute" in place.reason
    assert next(p for p in doc.places if p.name.startswith(location)).role == "location"


def test_attribute_alone_stays_the_location(pipeline):
    doc = pipeline.extract("Wajir Senator Ali Noor was attacked by a mob on Friday.")
    assert next(p for p in doc.places if p.name.startswith("Wajir")).role == "location"


def test_upazila_resolves_to_its_own_point(pipeline):
    doc = pipeline.extract("Police clashed with protesters in Sitakunda upazila (Chittagong) on Sunday.")
    place = _place(doc, "Sitakunda")
    if not any(c.feature == "ADM3" for c in pipeline.resources.gazetteer.lookup("Sitakunda")):
        pytest.skip("no boundary package installed")
    assert (place.country_code, place.admin1, place.precision) == ("BD", "Chittagong", 2)
    assert "not in gazetteer" not in place.reason


def test_opening_the_default_index_keeps_a_newer_format_and_drops_older(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "crisislens"
    folder.mkdir()
    older, newer = folder / "gazetteer-v1.sqlite", folder / f"gazetteer-v{int(SCHEMA_VERSION) + 1}.sqlite"
    older.write_text("old"), newer.write_text("new")
    row = _Row(1, "Testville", "town", "PPL", "ZZ", "01", None, 1.0, 1.0, 10, [])
    monkeypatch.setattr(gazetteer_module, "build_default", lambda path: write_index([row], path, "test"))
    assert Gazetteer.open().lookup("Testville")
    assert newer.exists() and not older.exists()


def test_list_of_towns_is_siblings_not_containers(pipeline):
    doc = pipeline.extract("Youths rioted in Kisumu, Kericho and Eldoret in western Kenya on Monday.")
    kisumu = _place(doc, "Kisumu")
    assert (kisumu.admin1, kisumu.precision) == ("Kisumu", 1) and "not in gazetteer" not in kisumu.reason


def test_list_members_share_the_container_named_after_the_last(pipeline):
    from crisislens.geo.recognize import find_mentions

    text = "Troops searched Alpha, Bravo and Charlie in Wajir county."
    mentions = find_mentions(text, pipeline.nlp(text), lambda name, major=False: True)
    by_text = {m.text: m for m in mentions}
    wajir = next(i for i, m in enumerate(mentions) if m.text == "Wajir")
    assert all(by_text[name].parents == [wajir] for name in ("Alpha", "Bravo", "Charlie"))


def test_sizeable_town_keeps_its_point_when_the_text_names_another_region(pipeline):
    doc = pipeline.extract("Rickshaw pullers blocked a road in Bogra city (Bogra Sadar, Khulna) on Sunday.")
    bogra = next(p for p in doc.places if p.name.startswith("Bogra") or p.name.startswith("Bogura"))
    assert (bogra.country_code, bogra.admin1, bogra.precision) == ("BD", "Rajshahi", 1)


def test_country_beside_a_town_of_it_is_context(pipeline):
    doc = pipeline.extract("Residents of Garissa town protested the killing of a trader, the third such attack in Kenya.")
    assert _place(doc, "Kenya").role == "context" and _place(doc, "Garissa").role == "location"


def test_country_named_alone_stays_the_location(pipeline):
    doc = pipeline.extract("Gunmen killed two traders in Kenya on Monday.")
    assert _place(doc, "Kenya").role == "location"


def test_road_named_by_hyphenated_ends_gives_both_ends_as_context(pipeline):
    doc = pipeline.extract("Herders blocked the Narok-Nakuru road for three hours on Monday.")
    assert {(p.name, p.role) for p in doc.places} >= {("Narok", "context"), ("Nakuru", "context")}


def test_hyphenated_pair_of_regions_gives_both(pipeline):
    doc = pipeline.extract("Raiders burned houses along the West Pokot-Baringo border on Monday.")
    assert {"West Pokot", "Baringo"} <= {p.admin1 for p in doc.places if p.role == "location"}


def test_hyphenated_village_name_stays_whole(pipeline):
    doc = pipeline.extract("Gunmen attacked a police post in Korkoro-Bula on Monday.")
    assert [p.name for p in doc.places] == ["Korkoro-Bula"]


def test_bracketed_spelling_then_cue_then_container_is_a_chain(pipeline):
    from crisislens.geo.recognize import find_mentions

    text = "Police fired at protesters in Alpha (Alfa) upazila (Bravo) on Monday."
    mentions = find_mentions(text, pipeline.nlp(text), lambda name, major=False: True)
    bravo = next(i for i, m in enumerate(mentions) if m.text == "Bravo")
    assert all(bravo in m.parents for m in mentions if m.text in ("Alpha", "Alfa"))


@pytest.mark.parametrize("sentence", [
    "Around Jul 19th, residents of the village protested against the police.",
    "On Sept 3rd, traders marched to the county offices.",
])
def test_month_abbreviations_are_no_places(pipeline, sentence):
    assert pipeline.extract(sentence).places == []


def test_town_named_like_a_persons_first_name_is_no_place(pipeline):
    doc = pipeline.extract("Police blocked Hassan Omari's supporters, who then protested in the streets of Malindi.")
    assert [p.name for p in doc.places] == ["Malindi"] and doc.country == "KE"


def test_name_repeated_without_its_container_means_the_same_place(pipeline):
    doc = pipeline.extract("Police raided Rampur village in Chatkhil upazila (Noakhali, Chittagong). "
                           "Residents blocked a road near Rampur the next day.")
    rampur = [p for p in doc.places if p.name.startswith("Rampur")]
    assert len(rampur) == 1 and len(rampur[0].mentions) == 2 and rampur[0].admin1 == "Chittagong"
