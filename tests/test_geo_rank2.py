"""Ranking, round 2: a region's name over a small town abroad, names known only as foreign
spelling variants, nationality words used for a people, country abbreviations."""

from collections import Counter

import pytest

from crisislens.geo.recognize import Mention
from crisislens.geo.resolve import Context, resolve_all


def _place(doc, name):
    return next(p for p in doc.places if p.name == name)


@pytest.mark.parametrize("sentence, name, cc", [
    ("Gunmen attacked a bus in Kwale on Sunday.", "Kwale", "KE"),
    ("Two traders were robbed and shot in Kwale at night.", "Kwale", "KE"),
    ("Fighting continued in Faryab on Monday, officials said.", "Faryab", "AF"),
])
def test_a_region_name_outweighs_a_small_town_abroad(pipeline, sentence, name, cc):
    doc = pipeline.extract(sentence, published_at="2024-05-02")
    assert _place(doc, name).country_code == cc


@pytest.mark.parametrize("name, cc", [("Kwale", "KE"), ("Faryab", "AF")])
def test_without_any_country_clue_a_region_name_is_read_in_the_regions_country(pipeline, name, cc):
    mention = Mention(3, 3 + len(name), name, source="preposition")
    res = resolve_all([mention], pipeline.resources.gazetteer, Context(Counter()))[0]
    assert res.candidate.cc == cc


def test_a_region_name_is_kept_beside_a_foreign_armed_group(pipeline):
    doc = pipeline.extract("Security officers shot dead a suspected al Shabaab fighter in Kwale.",
                           published_at="2024-05-02")
    assert _place(doc, "Kwale").country_code == "KE"


def test_a_town_named_with_its_country_keeps_it(pipeline):
    doc = pipeline.extract("Youths clashed with soldiers in Kwale, Nigeria.", published_at="2024-05-02")
    assert _place(doc, "Kwale").country_code == "NG"


def test_a_regions_seat_says_which_region_it_is_in(pipeline):
    doc = pipeline.extract("Police said a suspected militant was shot dead in Kwale.", published_at="2024-05-02")
    place = _place(doc, "Kwale")
    assert (place.admin1, place.precision) == ("Kwale", 1) and "region of the same name" in place.reason


@pytest.mark.parametrize("sentence, name, cc", [
    ("Herders clashed in Garba Tula, where Borana and Somalis have long quarrelled over wells. Two Somali "
     "elders were hurt.", "Garba Tula", "KE"),
    ("In Garba Tula, armed Somalis raided a Borana settlement; the Somali raiders drove off cattle.", "Garba Tula", "KE"),
    ("Rohingya refugees clashed with police in Teknaf.", "Teknāf", "BD"),
])
def test_a_nationality_word_used_for_a_people_weighs_less_than_a_place_named(pipeline, sentence, name, cc):
    doc = pipeline.extract(sentence, published_at="2024-05-02")
    assert doc.country == cc and _place(doc, name).country_code == cc


def test_a_nationality_word_still_points_at_its_country_when_no_place_says_otherwise(pipeline):
    doc = pipeline.extract("Somali soldiers attacked militant positions near Baidoa.", published_at="2024-05-02")
    assert doc.country == "SO"


@pytest.mark.parametrize("sentence, cc", [
    ("Protesters marched to the US embassy in Nairobi.", "US"),
    ("A Kenyan trader was shot dead in the U.S. last week.", "US"),
    ("Two men deported from the U.K. were arrested on arrival.", "GB"),
])
def test_a_country_abbreviation_is_the_country_not_a_namesake_town(pipeline, sentence, cc):
    doc = pipeline.extract(sentence, published_at="2024-05-02")
    assert any(p.country_code == cc and p.feature == "PCLI" for p in doc.places)
    assert not any(p.country_code == "FR" for p in doc.places)


def test_a_town_cue_vouches_for_a_hamlets_other_name_no_other_country_uses(pipeline):
    doc = pipeline.extract("Traders in Amagoro town closed their shops in protest.", published_at="2024-05-02")
    place = next(p for p in doc.places if p.mentions[0].start == doc.text.index("Amagoro"))
    assert (place.country_code, place.admin1) == ("KE", "Busia")


@pytest.mark.parametrize("sentence, building, region", [
    ("A grenade was thrown at the Nairobi Hotel in Mandera on Friday.", "Nairobi", "Mandera"),
    ("Gunmen attacked the Nairobi Hotel in Manderas main market.", "Nairobi", "Mandera"),
    ("Gunmen robbed guests at the Mombasa Hotel in Garissa town.", "Mombasa", "Garissa"),
])
def test_a_building_named_after_a_city_lies_in_the_region_the_text_names(pipeline, sentence, building, region):
    doc = pipeline.extract(sentence, published_at="2024-05-02")
    place = next(p for p in doc.places if p.mentions[0].start == doc.text.index(building))
    assert place.admin1 == region


@pytest.mark.parametrize("support, cc", [
    ({"KE": 6.0, "SS": 3.0}, None),    # only the name itself speaks for South Sudan
    ({"KE": 6.0, "SS": 6.0}, "SS"),    # another region of South Sudan is named too
])
def test_a_region_abroad_needs_support_beyond_its_own_name(pipeline, support, cc):
    mention = Mention(10, 15, "Unity", source="entity")
    ctx = Context(Counter(), "KE", frozenset(), None, Counter(support))
    res = resolve_all([mention], pipeline.resources.gazetteer, ctx)[0]
    found = res.candidate.cc if res.candidate is not None and res.fallback_from is None else None
    assert found == cc


@pytest.mark.parametrize("sentence", [
    "Residents of Maron sub-location clashed on Sunday. Several houses were burnt in Marakwet East.",
    "Herders from Maron sub-location raided homes in Marakwet East.",
])
def test_a_district_named_after_a_region_votes_for_that_regions_country(pipeline, sentence):
    doc = pipeline.extract(sentence, published_at="2024-05-02")
    place = next(p for p in doc.places if p.name == "Marakwet East")
    assert doc.country == "KE" and place.admin1 == "Elgeyo-Marakwet"
