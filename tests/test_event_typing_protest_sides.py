"""Violence at a demonstration: by the demonstrators (a riot) or by others on them (an intervention
in a protest, ACLED codebook). Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    # a rival party beats demonstrators during their demonstration
    "Supporters of the ruling party beat members of the opposition during the opposition's demonstration in Bogura.",
    "Ruling party activists assaulted the demonstrators of the teachers' union in Jessore demanding higher pay.",
    "Youth wing members assaulted and injured demonstrating members of a traders' association in Khulna.",
    "Members of a rival faction beat student leaders in Comilla when they were staging a protest against fee hikes.",
    "Youth wing members assaulted and injured six shop owners in Sylhet as they were protesting against a new tax.",
    "Ruling party activists assaulted and injured the members of a citizens' forum in Rangpur during their protest "
    "against rising prices.",
])
def test_others_beating_demonstrators_is_a_protest_with_intervention(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention"), event.reason


def test_demonstrators_who_beat_others_stay_a_violent_demonstration(pipeline):
    event = primary(pipeline, "Demonstrating farmers assaulted two officials in Kisii during their protest over maize prices.")
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_demonstrators_bombing_during_their_own_demonstration_stay_violent(pipeline):
    event = primary(pipeline, "Opposition members detonated a crude bomb and vandalised a bus during their demonstration in Feni.")
    assert event.event_type == "Riots", event.reason


def test_a_rival_crowd_stoning_a_rally_is_mob_violence(pipeline):
    event = primary(pipeline, "Youths pelted stones at the governor's campaign rally in Malindi, injuring four people.")
    assert event.sub_event_type == "Mob violence", event.reason


@pytest.mark.parametrize("text", [
    "Police assaulted 4-5 protesters outside the court in Nakuru.",
    "Ruling party activists attacked and injured 20-25 members of the opposition in Bogura.",
])
def test_a_number_range_before_people_is_a_count_not_a_match_score(pipeline, text):
    assert pipeline.extract(text, published_at="2024-03-07").events, "the violence was dropped as a sport score"


def test_a_match_score_still_makes_sport_figurative(pipeline):
    doc = pipeline.extract("Gor Mahia attacked down the left and beat the visitors 2-1 on Sunday.", published_at="2024-03-07")
    assert not [e for e in doc.events if e.event_type != "Protests"]


@pytest.mark.parametrize("text", [
    # burning an effigy or a poster is a symbolic act of a peaceful protest
    "Students burned an effigy of the vice chancellor during a protest in Rajshahi against fee hikes.",
    "Party members staged a protest in Jessore against their candidate, and his poster was set on fire.",
    # violence the note marks as another event is what the protest is about
    "Traders staged a protest in Bhola against the looting of their shops during a clash between two groups "
    "(coded as a separate event).",
    # violence the text says did not happen
    "Opposition supporters held a protest in Mombasa. No reports of violence or clashes with police.",
])
def test_symbolic_denied_or_separately_coded_violence_leaves_a_peaceful_protest(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Peaceful protest", event.reason


@pytest.mark.parametrize("text", [
    # running battles take two sides, whoever the parse names first
    "Police engaged in running battles with students protesting fee increases in Eldoret.",
    # the demonstrators' own violence said in an adverb
    "Students violently protested against new fees in Nakuru before police used teargas to disperse them.",
])
def test_two_sided_or_violent_protesting_is_a_violent_demonstration(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_violence_the_text_says_was_absent_leaves_a_protest(pipeline):
    event = primary(pipeline, "Hundreds of traders demonstrated in Kisumu against new levies. The march was devoid of "
                              "running battles with police.")
    assert event.event_type == "Protests", event.reason


def test_violence_by_members_at_their_own_partys_demonstration_stays_violent(pipeline):
    event = primary(pipeline, "Members of the opposition assaulted two journalists in Khulna when the journalists were "
                              "on their way to cover a demonstration of the opposition.")
    assert event.event_type == "Riots", event.reason


def test_attackers_who_also_wreck_the_demonstrators_vehicles_intervene_in_the_protest(pipeline):
    event = primary(pipeline, "Ruling party activists assaulted members of the opposition, and vandalised their "
                              "motorbikes, during the opposition's demonstration in Netrakona.")
    assert event.sub_event_type == "Protest with intervention", event.reason


@pytest.mark.parametrize("text", [
    "Youths protested the arrest of two traders in Kitui. Police shot at the crowd, seriously injuring three.",
    "Villagers staged a protest near the border post in Sylhet. Border guards fired at the protesters and injured one.",
])
def test_shooting_at_the_demonstrators_next_sentence_is_excessive_force(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Excessive force against protesters", event.reason


def test_firing_in_the_air_stays_an_intervention(pipeline):
    event = primary(pipeline, "Traders protested new levies in Embu. Police fired in the air to disperse them.")
    assert event.sub_event_type == "Protest with intervention", event.reason


def test_demonstrators_beating_one_person_during_their_protest_stay_violent(pipeline):
    event = primary(pipeline, "Students beat a teacher in Kisii during their protest over exam results.")
    assert event.event_type == "Riots", event.reason


def test_anti_riot_police_dispersing_voters_is_an_intervention_not_a_riot(pipeline):
    event = primary(pipeline, "Anti-riot police dispersed angry voters protesting outside a polling station in Hola.")
    assert event.sub_event_type == "Protest with intervention", event.reason


def test_demonstrators_lighting_bonfires_stay_a_violent_demonstration(pipeline):
    event = primary(pipeline, "Angry youths held demonstrations in Kisumu over the vote count. They lit bonfires and blocked roads.")
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_clashes_a_demonstration_resulted_in_are_its_violence(pipeline):
    event = primary(pipeline, "Motorcycle taxi drivers demonstrated in Kericho, resulting in clashes between the drivers and police.")
    assert event.sub_event_type == "Violent demonstration", event.reason


@pytest.mark.parametrize("text", [
    "Police teargassed nurses who were protesting outside the county offices in Nakuru. The nurses were protesting over pay.",
    "Members of a youth movement staged a protest in Dhaka. Police stopped the demonstrators from reaching the ministry.",
])
def test_police_acting_on_people_while_they_protest_is_an_intervention(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Protest with intervention", event.reason
