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
