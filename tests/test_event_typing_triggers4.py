"""Trigger phrases added in session 4: crowd violence, undetailed unrest, remains found, long road names.
Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text, expected", [
    ("Opposition supporters lit bonfires in Kisii as they demanded the removal of the county commissioner.",
     ("Riots", "Violent demonstration")),
    ("Persistent post-election violence in the town, details not given.", ("Riots", "Violent demonstration")),
    ("More than forty villagers were roughed up by angry youths at a market in Busia.", ("Riots", "Mob violence")),
    ("The body of a trader was found dumped near a quarry in Thika.", ("Violence against civilians", "Attack")),
    ("Boda boda riders blocked the Kisumu-Busia road for hours over police harassment.", ("Protests", "Peaceful protest")),
])
def test_new_trigger_phrases_code_an_event(pipeline, text, expected):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == expected, event.reason


@pytest.mark.parametrize("text", [
    "Residents engaged police in running clashes in Kibera over the demolition of their kiosks.",
    "Anti-riot police battled hawkers in running battles in the town centre of Nakuru.",
])
def test_running_battles_are_a_riot_not_an_armed_clash(pipeline, text):
    event = primary(pipeline, text)
    assert event.event_type == "Riots", event.reason


def test_violence_growing_out_of_an_altercation_is_mob_violence(pipeline):
    event = primary(pipeline, "Assailants stabbed and killed a shopkeeper in Bogura following an altercation over a debt.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence"), event.reason


def test_police_shooting_after_an_altercation_stays_state_violence(pipeline):
    event = primary(pipeline, "Police shot and killed a trader in Jessore following an altercation at a checkpoint.")
    assert event.sub_event_type != "Mob violence", event.reason


def test_undetailed_post_election_violence_beside_a_killing_is_the_killing(pipeline):
    event = primary(pipeline, "An unidentified group killed four people by burning a house in post-election violence.")
    assert event.event_type == "Violence against civilians", event.reason


@pytest.mark.parametrize("text", [
    "Gunmen abducted and killed two traders near Garissa.",
    "A pastor was kidnapped and later murdered by unknown men in Embu.",
])
def test_abducted_and_killed_is_coded_by_the_killing(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack", event.reason


def test_an_abduction_without_deaths_stays_an_abduction(pipeline):
    event = primary(pipeline, "Gunmen abducted two teachers from a school near Mandera.")
    assert event.sub_event_type == "Abduction/forced disappearance", event.reason


def test_farmers_and_herders_fighting_is_an_armed_clash(pipeline):
    event = primary(pipeline, "A fight between farmers and herders over a water point left five people seriously injured near Taveta.")
    assert event.sub_event_type == "Armed clash", event.reason
