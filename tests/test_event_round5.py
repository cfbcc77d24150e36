"""Issue #3 round 5: one toll per note, places the tagger calls products, dropped-"was" headlines.
Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    "On 4 May, a mob beat and set fire to two farmers in Kisumu over a land dispute. Both men were killed in the attack.",
    "On 4 May, a mob stoned two suspected thieves in Kisumu. Both men died in the attack.",
])
def test_the_primary_takes_the_toll_of_the_same_texts_other_event(pipeline, text):
    event = primary(pipeline, text)
    assert event.fatalities == 2, event.reason


def test_a_peaceful_protest_takes_no_toll_from_another_event(pipeline):
    event = primary(pipeline, "On 4 May, traders in Kisumu held a peaceful protest over market fees. "
                              "Separately, bandits shot dead two herders in the area.")
    assert event.sub_event_type == "Peaceful protest" and not event.fatalities, event.reason


def test_a_background_killing_lends_no_toll(pipeline):
    event = primary(pipeline, "On 4 May, youths in Kisumu blocked roads and burnt tyres after bandits shot dead "
                              "two herders last week.")
    assert not event.fatalities, event.reason


@pytest.mark.parametrize("text", [
    "Bandits attacked two traders near Moyale on Monday.",
    "On 3 March, bandits attacked two traders near Moyale.",
])
def test_a_place_tagged_as_a_product_does_not_drop_the_event(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack", event.reason


def test_a_headline_shooting_while_on_patrol_names_the_victim(pipeline):
    event = primary(pipeline, "Police reservist shot dead while on patrol in Turkana.")
    assert event.actor1 is None or event.actor1.inter != 1, event.reason
    assert event.actor2 is not None and event.actor2.inter == 1, event.reason


@pytest.mark.parametrize("text", [
    "On 3 May, police arrested three militants after a firefight in Lamu.",
    "Police arrested two gang members after a shootout in Kayole on Monday.",
])
def test_an_arrest_after_a_firefight_is_the_armed_clash(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Armed clash", event.reason


def test_an_arrest_after_last_weeks_shootout_stays_an_arrest(pipeline):
    event = primary(pipeline, "On 3 May, police arrested two gang members after a shootout last week in Kayole.")
    assert event.sub_event_type == "Arrests", event.reason


@pytest.mark.parametrize("text", [
    "Supporters of the ruling party beat members of the opposition during the opposition's demonstration in Bogura.",
    "Unknown men assaulted and injured six shop owners in Sylhet as they were protesting against a new tax.",
])
def test_others_attacking_a_demonstration_are_its_other_side_not_the_police(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Protest with intervention", event.reason
    assert event.actor2 is not None and event.actor2.inter != 1, event.reason


def test_police_dispersing_a_protest_stay_its_other_side(pipeline):
    event = primary(pipeline, "Teachers staged a protest in Khulna over pay. Police charged batons to disperse them.")
    assert event.actor2 is not None and event.actor2.inter == 1, event.reason


@pytest.mark.parametrize("text", [
    "Five attackers armed with knives raided a shop in Hola, stabbing one person. Police intervened, shooting dead "
    "two of the attackers.",
    "Police respond to bandits attack; kill 9 of them",
])
def test_state_forces_answering_armed_attackers_with_force_is_an_armed_clash(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Armed clash", event.reason


def test_state_forces_responding_without_force_leave_the_attack_on_civilians(pipeline):
    event = primary(pipeline, "Gunmen attacked a bus in Mandera on Monday, killing three passengers. "
                              "Police responded and arrested one of the gunmen.")
    assert event.sub_event_type == "Attack", event.reason


@pytest.mark.parametrize("text", [
    "Soldiers accused of abusing villagers during a security operation. Claims that soldiers have harassed, beaten "
    "and looted the villagers' property",
    "On 25 May, a boy was beaten and injured by two police officers when he tried to stop the arrest of his brother.",
])
def test_state_forces_beating_people_is_an_attack_not_a_mob(pipeline, text):
    event = primary(pipeline, text)
    assert event.event_type == "Violence against civilians", event.reason


def test_a_crowd_beating_a_man_stays_mob_violence(pipeline):
    event = primary(pipeline, "On 5 June, a crowd beat a man in Kisii over a land dispute.")
    assert event.sub_event_type == "Mob violence", event.reason


def test_a_barricade_three_sentences_after_the_protest_is_its_violence(pipeline):
    event = primary(pipeline, "Nurses in Nyeri held demonstrations over unpaid wages. They also oppose a plan to close "
                              "the ward. The nurses barricaded the main highway with rocks. Police fired in the air to "
                              "disperse them.")
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_police_dispersal_three_sentences_after_the_protest_is_its_intervention(pipeline):
    event = primary(pipeline, "Nurses in Nyeri held demonstrations over unpaid wages. They also oppose a plan to close "
                              "the ward. They marched to the governor's office. Police fired tear gas to disperse them.")
    assert event.sub_event_type == "Protest with intervention", event.reason
