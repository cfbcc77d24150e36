"""The places stage: recognition, resolution with context, fallback, roles, doc.country."""

import pytest


def _place(doc, name):
    return next(p for p in doc.places if p.name == name)


@pytest.mark.parametrize("sentence, country", [
    ("Militias fought for control of the airport in Tripoli, the Libyan capital.", "LY"),
    ("Gunmen attacked an army checkpoint in Tripoli, in northern Lebanon.", "LB"),
])
def test_ambiguous_name_resolved_by_context(pipeline, sentence, country):
    doc = pipeline.extract(sentence)
    assert _place(doc, "Tripoli").country_code == country


@pytest.mark.parametrize("sentence, name, country", [
    ("Fighting in Qonduz city killed five people, Afghan officials said.", "Kunduz", "AF"),
    ("Airstrikes hit Al Mawsil overnight, Iraqi officials said.", "Mosul", "IQ"),
    ("Rebels advanced on Agedabia in eastern Libya.", "Ajdabiya", "LY"),
])
def test_transliteration_variants_resolve(pipeline, sentence, name, country):
    doc = pipeline.extract(sentence)
    assert (name, country) in {(p.name, p.country_code) for p in doc.places}


def test_unknown_village_falls_back_to_its_named_region(pipeline):
    doc = pipeline.extract("Gunmen raided Qorbazzuk village in Dawlat Abad district, Balkh province.")
    village = _place(doc, "Qorbazzuk")
    assert village.admin1 == "Balkh" and village.lat is not None and village.precision in (2, 3)
    assert "not in gazetteer" in village.reason


def test_town_inside_named_region_is_preferred(pipeline):
    doc = pipeline.extract("Youths clashed with police in Kericho town, Kericho county, on Monday.")
    town = doc.places[0]
    assert (town.country_code, town.admin1, town.precision) == ("KE", "Kericho", 1)


def test_unresolvable_name_keeps_a_place_with_a_reason(pipeline):
    doc = pipeline.extract("Two men were shot dead in Qorbazzuk village late on Sunday.")
    place = _place(doc, "Qorbazzuk")
    assert place.lat is None and place.lon is None and place.reason


def test_demonym_sets_document_country(pipeline):
    doc = pipeline.extract("Kenyan police arrested three men after the robbery.")
    assert doc.country == "KE"
    assert any(p.country_code == "KE" and p.role == "context" for p in doc.places)


def test_places_set_document_country(pipeline):
    doc = pipeline.extract("Protesters blocked roads in Mymensingh and Netrakona on Sunday.")
    assert doc.country == "BD"


@pytest.mark.parametrize("name, role", [("Mosul", "origin"), ("Erbil", "destination")])
def test_movement_roles(pipeline, name, role):
    doc = pipeline.extract("Thousands of families fled from Mosul to camps near Erbil last week.")
    assert _place(doc, name).role == role


def test_repeated_mentions_merge_into_one_place(pipeline):
    doc = pipeline.extract("A bomb exploded in Mosul on Friday. Police in Mosul said four people died.")
    mosul = [p for p in doc.places if p.name == "Mosul"]
    assert len(mosul) == 1 and len(mosul[0].mentions) == 2


def test_places_are_ordered_by_first_mention(pipeline):
    doc = pipeline.extract("Clashes in Garissa spread to Wajir and later to Mandera, Kenyan police said.")
    starts = [min(s.start for s in p.mentions) for p in doc.places]
    assert starts == sorted(starts)


def test_county_cue_gives_the_region_at_precision_3(pipeline):
    doc = pipeline.extract("Bandits stole cattle in Homa Bay County on Tuesday.")
    region = doc.places[0]
    assert (region.admin1, region.precision) == ("Homa Bay", 3)


def test_mentions_point_at_the_name(pipeline):
    text = "Shelling hit Aleppo on Monday, Syrian state media said."
    doc = pipeline.extract(text)
    aleppo = next(p for p in doc.places if p.country_code == "SY" and p.role == "location")
    assert text[aleppo.mentions[0].start:aleppo.mentions[0].end] == "Aleppo"
