"""Attack or armed clash by who was attacked: local officials, politicians, clerics and whole
communities are unarmed (ACLED: violence against civilians). Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    "Gunmen shot dead an assistant chief outside his office in Marsabit.",
    "Unknown attackers killed a county legislator near his home in Bungoma.",
    "Armed bandits attacked a herding community in Samburu and stole 200 goats.",
    "Militants shot and killed a cleric as he left a mosque in Lamu.",
])
def test_unarmed_officials_and_communities_are_attacked_civilians(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack", event.reason


def test_soldiers_attacked_stay_a_clash(pipeline):
    event = primary(pipeline, "Militants attacked an army patrol near Mandera and killed two soldiers.")
    assert event.sub_event_type == "Armed clash", event.reason


def test_herders_attacked_by_a_militia_are_civilians(pipeline):
    event = primary(pipeline, "A Gabra militia killed four Borana herders near Marsabit.")
    assert event.sub_event_type == "Attack", event.reason


def test_a_vehicle_running_over_a_landmine_is_remote_violence(pipeline):
    event = primary(pipeline, "Two soldiers were killed when their truck ran over a landmine near Mandera.")
    assert event.sub_event_type == "Remote explosive/landmine/IED", event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # a headline's bare participle: the subject was killed, it did not kill
    ("Two police officers killed while on patrol in Garissa", "Armed clash"),
    ("Three women shot dead near Baragoi", "Attack"),
])
def test_headline_participles_name_the_victims(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert event.sub_event_type == sub_event_type, event.reason


@pytest.mark.parametrize("text", [
    "Three Borana youths were attacked and killed by Gabra raiders near Turbi.",
    "Two Pokot women were shot dead by Turkana gunmen while fetching water.",
])
def test_people_of_a_community_attacked_are_civilians(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack"), event.reason


def test_a_victim_attacked_by_gunmen_in_a_headline_is_no_fighter(pipeline):
    event = primary(pipeline, "Nurse attacked and wounded by gunmen near Dadaab")
    assert event.event_type == "Violence against civilians", event.reason
