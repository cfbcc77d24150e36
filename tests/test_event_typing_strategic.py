"""Strategic developments only when no other event type fits (ACLED codebook): a person burnt is an
attack, homes torched in a clan feud are the communities' fighting, and an arrest or destruction told
beside new violence ranks after it. Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    "A farmer was burnt by militiamen near his home in Garsen.",
    "A shopkeeper was burnt with hot oil by unknown men in Kisii.",
])
def test_a_person_burnt_is_an_attack(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack"), event.reason


@pytest.mark.parametrize("text", [
    "Unknown men burnt three houses in Mwingi on Sunday night.",
    "Arsonists burned down a school dormitory in Nyeri.",
])
def test_things_burnt_stay_property_destruction(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Looting/property destruction", event.reason


@pytest.mark.parametrize("text", [
    "Twenty homes were torched in Marigat during an inter-clan feud over pasture.",
    "Several huts were burnt down in Isiolo as fighting between two communities continued.",
])
def test_homes_burnt_in_a_communal_conflict_are_an_armed_clash(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash"), event.reason


def test_crossfire_makes_a_clash_armed(pipeline):
    text = "Two men died in a clash at a watering point in Moyale, and a police reservist was hurt in the crossfire."
    event = primary(pipeline, text)
    assert event.sub_event_type == "Armed clash", event.reason


def test_an_arrest_ranks_after_new_violence(pipeline):
    text = "Police arrested five men in Bura on Monday. They were beaten with clubs at the station and two later died."
    event = primary(pipeline, text)
    assert event.event_type != "Strategic developments", event.reason


def test_an_arrest_without_violence_stays_an_arrest(pipeline):
    event = primary(pipeline, "Police arrested four men suspected of forging land titles in Nakuru.")
    assert event.sub_event_type == "Arrests", event.reason


@pytest.mark.parametrize("text", [
    "Angry motorcycle riders burnt a lorry that had knocked down one of them in Voi.",
    "Parents stormed the school in Nyamira and destroyed property after a pupil fainted.",
])
def test_civilians_destroying_property_together_are_a_mob(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence"), event.reason


@pytest.mark.parametrize("text", [
    "Unknown people looted and set fire to shops in Kisumu amid the outbreak of violence after the vote.",
    "Three kiosks were burnt in Kibera during post-election violence.",
])
def test_looting_amid_unrest_is_a_riot(pipeline, text):
    event = primary(pipeline, text)
    assert event.event_type == "Riots", event.reason


def test_a_reported_assault_is_no_legal_case(pipeline):
    text = "On Monday, four labourers assaulted a co-worker with iron rods in Gazipur, accusing him of theft."
    event = primary(pipeline, text)
    assert event.event_type in ("Riots", "Violence against civilians"), event.reason



def test_unnamed_men_attacking_homes_amid_unrest_are_a_mob(pipeline):
    text = ("On 3 March, unknown persons attacked and vandalised the house of a ward councillor in Kisumu, "
            "amid the outbreak of violence after the election results.")
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence"), event.reason
