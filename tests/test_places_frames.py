"""Toponym recognition from the words around a name (place_frames.csv): a name the gazetteer knows
is a place after a locative preposition, as the home of people ("residents of X", "X traders"), as
the name of a facility ("X University") or as a title's attribute ("X Senator"), whatever spaCy's
entity label; persons' names stay persons."""

import pytest

from crisislens.geo.recognize import find_mentions


def _names(doc):
    return {p.name for p in doc.places}


@pytest.mark.parametrize("sentence, name, admin1", [
    ("Nurses protested in Kakamega over unpaid salaries.", "Kakamega", "Kakamega"),
    ("Police dispersed hawkers at Mlolongo on Monday.", "Mlolongo", "Machakos"),
    ("Angry villagers in Hola lynched a suspected thief.", "Hola", "Tana River"),
])
def test_name_after_locative_preposition_is_a_place(pipeline, sentence, name, admin1):
    doc = pipeline.extract(sentence)
    assert (name, "KE", admin1) in {(p.name, p.country_code, p.admin1) for p in doc.places}


@pytest.mark.parametrize("sentence, name", [
    ("Residents of Witu blocked the main road.", "Witu"),
    ("Kitale traders closed their stalls in protest.", "Kitale"),
    ("Migori drivers rioted over the killing of a colleague.", "Migori"),
    ("Herders from Garba Tula clashed with farmers.", "Garba Tula"),
])
def test_name_of_where_people_live_is_a_place(pipeline, sentence, name):
    doc = pipeline.extract(sentence)
    assert name in _names(doc)


def test_institution_named_after_its_town_gives_the_town(pipeline):
    doc = pipeline.extract("Maseno University students rioted over fees.")
    assert ("Maseno", "KE") in {(p.name, p.country_code) for p in doc.places}


def test_title_attribute_gives_the_place_it_represents(pipeline):
    doc = pipeline.extract("Police raided the house of former Kakamega Senator Boni Khalwale.")
    assert "Kakamega" in _names(doc)


def test_facility_chains_to_the_town_it_stands_in(pipeline):
    doc = pipeline.extract("A mob attacked the Kotwali police station in Faridpur town.")
    assert {p.admin1 for p in doc.places if p.lat is not None} == {"Dhaka"}


@pytest.mark.parametrize("sentence", [
    "Supporters of Hassan gathered outside the court.",
    "Moi University students rioted over fees.",
    "ODM youths protested on Friday.",
])
def test_persons_and_acronyms_are_not_places(pipeline, sentence):
    assert not [p for p in pipeline.extract(sentence).places if p.lat is not None]


def test_possessive_keeps_a_persons_name(pipeline):
    mentions = find_mentions("Crowds gathered in Hassan's compound.", pipeline.nlp("Crowds gathered in Hassan's compound."),
                             lambda name, major=False: name == "Hassan")
    assert not mentions or all(m.person for m in mentions)


def test_framed_name_says_why(pipeline):
    doc = pipeline.extract("Kitale traders closed their stalls in protest.")
    assert "framed" in next(p for p in doc.places if p.name == "Kitale").reason


@pytest.mark.parametrize("sentence, not_a_place", [
    ("President Uhuru and Lands Secretary Charity Ngilu visited the camp.", "Uhuru"),
    ("President Uhuru and Lands Secretary Charity Ngilu visited the camp.", "Lands Secretary Charity Ngilu"),
    ("Police dispersed members of Jamaat-e-Islami in the capital.", "Jamaat-e-Islami"),
    ("Activists of the Awami league clashed with rivals.", "Awami"),
    ("Gunmen from the Jarur clan attacked a village.", "Jarur"),
    ("Clashes between the Marehan and Garre clans left two dead.", "Marehan"),
])
def test_titles_groups_and_holidays_are_not_places(pipeline, sentence, not_a_place):
    assert not_a_place not in _names(pipeline.extract(sentence))


def test_name_tagged_a_person_elsewhere_is_no_place(pipeline):
    doc = pipeline.extract("Miguna Miguna was deported to Canada. Crowds protested the deportation of Miguna Miguna.")
    assert "Miguna Miguna" not in _names(doc)


def test_list_of_places_before_a_cue_stays(pipeline):
    assert {"Mandera", "Wajir"} <= _names(pipeline.extract("Clashes in Mandera and Wajir counties left two dead."))


def test_unknown_village_in_a_chain_survives_a_person_tag(pipeline):
    doc = pipeline.extract("Supporters clashed at Qorbazzuk village, Bagmara upazila (Rajshahi), on Sunday.")
    assert {p.admin1 for p in doc.places if p.lat is not None} == {"Rajshahi"}


@pytest.mark.parametrize("sentence, word", [
    ("Tea farmers staged a demonstration over pay.", "Tea"),
    ("Street traders held a demonstration over levies.", "Street"),
])
def test_common_noun_before_a_people_frame_is_no_place(pipeline, sentence, word):
    assert word not in _names(pipeline.extract(sentence))


def test_institution_is_context_when_the_sentence_names_where(pipeline):
    doc = pipeline.extract("Students of Maseno University protested outside the court in Kisumu on Monday.")
    roles = {p.name: p.role for p in doc.places}
    assert roles.get("Kisumu") == "location" and roles.get("Maseno") == "context"


@pytest.mark.parametrize("sentence, name", [
    ("A grenade hit a police vehicle in Manderas main market.", "Mandera"),
    ("Gunmen raided Kakamegas outskirts at night.", "Kakamega"),
])
def test_possessive_without_apostrophe_gives_the_place(pipeline, sentence, name):
    assert name in _names(pipeline.extract(sentence))


@pytest.mark.parametrize("sentence", [
    "300 unarmed Kikuyus gathered to demand jobs.",
    "Six Kikuyu were killed with machetes.",
    "Clashes between Maasai and Kikuyu ethnic militias left two dead.",
])
def test_peoples_named_like_towns_are_no_event_location(pipeline, sentence):
    assert not [p for p in pipeline.extract(sentence).places if p.role == "location" and p.lat is not None]


def test_hotel_is_context_when_the_sentence_names_the_town(pipeline):
    doc = pipeline.extract("Gunmen hurled a grenade at police near the Nairobi Hotel in Mandera town.")
    roles = {p.name: p.role for p in doc.places}
    assert roles.get("Mandera") == "location" and roles.get("Nairobi") == "context"


@pytest.mark.parametrize("sentence, expected, unexpected", [
    ("The editor of the Eldoret-based weekly was killed.", "Eldoret", "Eldoret-based"),
    ("Hospitals in Dagestan's mountain villages were attacked.", "Dagestan", "Dagestan's"),
    ("Neither Britain nor France commented on the attack in Paris.", "Paris", "Neither Britain"),
])
def test_run_is_cut_to_the_place(pipeline, sentence, expected, unexpected):
    names = _names(pipeline.extract(sentence))
    assert expected in names and unexpected not in names


@pytest.mark.parametrize("sentence, unexpected", [
    ("US-backed militias captured the village.", "US-backed"),
    ("Mortar fire from the Islamic State hit the town.", "Islamic"),
    ("The name of Juan Manuel Santos is behind this attack, officials said.", "Santos"),
])
def test_qualifiers_groups_and_surnames_are_not_places(pipeline, sentence, unexpected):
    assert unexpected not in {n for p in pipeline.extract(sentence).places for n in (p.name,)}


def test_possessive_place_name_stays_whole(pipeline):
    doc = pipeline.extract("Students protested in Cox's Bazar city on Sunday.")
    assert any(p.country_code == "BD" and p.admin1 == "Chittagong" for p in doc.places)


@pytest.mark.parametrize("sentence, name", [
    ("Students of St Mathias Busia Boys Secondary School went on strike.", "Busia"),
    ("Migori government workers went on strike over pay.", "Migori"),
])
def test_known_place_inside_an_institution_or_before_a_noun_phrase(pipeline, sentence, name):
    assert name in _names(pipeline.extract(sentence))


def test_organisation_named_after_a_region_is_no_place(pipeline):
    doc = pipeline.extract("Members of the Chittagong Hill Tracts Women's Association protested in Rangamati town.")
    assert "Chittagong" not in _names(doc)


def test_council_workers_stay_in_their_town(pipeline):
    doc = pipeline.extract("Workers at Mombasa Municipal Council went on strike over pay.")
    assert "Mombasa" in {p.admin1 for p in doc.places if p.lat is not None}


def test_facility_named_with_its_region_keeps_the_town(pipeline):
    doc = pipeline.extract("Locals staged a protest in front of Dhamrai Press Club (Dhaka) on Sunday.")
    assert next(p for p in doc.places if p.name == "Dhamrai").role == "location"


@pytest.mark.parametrize("sentence, unexpected", [
    ("Worshippers who had gathered for prayers at Sakina Mosque marched into the street.", "Suakin"),
    ("Road workers in Ichuni Ward, Kisii County, protested over pay.", "Road"),
    ("Suspected Turkana raiders shot dead a peace activist.", "Suspected Turkana"),
])
def test_buildings_cue_words_and_openers_are_no_places(pipeline, sentence, unexpected):
    assert unexpected not in _names(pipeline.extract(sentence))


def test_attribute_after_a_locative_preposition_is_where_it_happened(pipeline):
    doc = pipeline.extract("Kitui MP John Mbai was admitted at the Nairobi hospital after he was attacked at home.")
    roles = {p.name: p.role for p in doc.places}
    assert roles.get("Nairobi") == "location" and roles.get("Kitui") == "context"


def test_event_named_by_its_place(pipeline):
    assert "Kitui" in _names(pipeline.extract("Legislators walked out of Kitui meetings over a budget row."))


def test_rally_named_after_a_person_is_no_place(pipeline):
    assert not [p for p in pipeline.extract("The Odinga rally turned violent on Sunday.").places if p.lat is not None]
