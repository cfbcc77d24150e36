"""Protest sub-event types by what the demonstrators and the police did (ACLED codebook).
Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    # barricades and burning tyres on a road are the demonstrators' destructive activity
    "Traders barricaded the highway with logs and lit fires in Kitale to protest against new levies.",
    "Demonstrators burnt tyres along the main road in Garoua, demanding the release of their mayor.",
    "Workers protesting unpaid wages hurled brick chips at passing buses in Narsingdi.",
    # a clash with the police is violence whoever is named first
    "Police and opposition supporters clashed during a demonstration in Jessore against fuel prices.",
    "Police clashed with students protesting the closure of their college in Machakos.",
])
def test_destructive_or_clashing_demonstrators_are_a_violent_demonstration(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Violent demonstration", event.reason


@pytest.mark.parametrize("text", [
    # officers who protest are demonstrators, not state forces intervening
    "Prison officers staged a protest in Meru over delayed salaries.",
    # an arrest or detention the protesters are about is no intervention
    "Relatives of detained opposition members formed a human chain in Sylhet demanding their release.",
    "Teachers held a peaceful demonstration in Embu to show their commitment to preventing school violence.",
])
def test_intervention_words_about_the_topic_leave_a_peaceful_protest(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Peaceful protest", event.reason


def test_police_using_force_on_a_march_is_an_intervention(pipeline):
    event = primary(pipeline, "Police used force to stop a demonstration of nurses in Rangpur demanding higher pay.")
    assert event.sub_event_type == "Protest with intervention", event.reason


def test_a_foiled_protest_is_an_intervention_not_a_disrupted_weapon(pipeline):
    event = primary(pipeline, "Police foiled a protest march of opposition women in Khulna against price hikes.")
    assert event.sub_event_type == "Protest with intervention", event.reason


def test_a_crowd_looting_and_destroying_is_a_mob(pipeline):
    event = primary(pipeline, "Angry residents looted and destroyed a pharmacy in Kakamega after a dispute over land.")
    assert event.sub_event_type == "Mob violence", event.reason


@pytest.mark.parametrize("text", [
    "Traders staged a protest in Bogura against the vandalism of their shops by unknown men.",
    "Students formed a human chain in Pabna against the rising incidents of clashes on campus.",
])
def test_violence_a_protest_is_about_leaves_it_peaceful(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Peaceful protest", event.reason


def test_demonstrators_who_vandalise_are_violent(pipeline):
    event = primary(pipeline, "Students who were protesting over fees vandalised buses in Nyeri.")
    assert event.sub_event_type == "Violent demonstration", event.reason


@pytest.mark.parametrize("text", [
    "Nurses held a demonstration in Kericho over unpaid allowances. They lit bonfires on the main road.",
    "Students protested in Embu over fees. The students then smashed windows and destroyed two buses.",
])
def test_violence_told_in_the_next_sentence_by_the_same_crowd(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_unrelated_violence_in_the_next_sentence_stays_apart(pipeline):
    text = "Teachers held a peaceful protest in Kisii over pay. Gunmen attacked a bus near Moyale."
    doc = pipeline.extract(text, published_at="2023-05-04")
    subs = {e.sub_event_type for e in doc.events if e.kind == "acled"}
    assert "Peaceful protest" in subs, subs


@pytest.mark.parametrize("text, sub_event_type", [
    ("Police dispersed opposition supporters in Mumias.", "Protest with intervention"),
    ("Teachers protested over pay in Kisumu. Police fired tear gas.", "Protest with intervention"),
    ("Hundreds of traders took to the streets of Nakuru over new levies.", "Peaceful protest"),
    ("Students went on the rampage in Kisii demanding the removal of their principal.", "Violent demonstration"),
])
def test_protest_words_without_a_protest_noun(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert event.sub_event_type == sub_event_type, event.reason


def test_demonstrators_who_clash_with_rival_activists_are_violent(pipeline):
    event = primary(pipeline, "Students staged a demonstration in Rajshahi and clashed with ruling party activists.")
    assert event.sub_event_type == "Violent demonstration", event.reason


@pytest.mark.parametrize("text", [
    "Nurses protested over pay in Kisumu. Twelve nurses arrested at the site of the protest.",
    "Police teargassed lecturers who were protesting over pay in Nairobi.",
    "Activists staged a protest in Dhaka. Police removed the protesters from the highway.",
])
def test_arrests_and_removals_at_the_site_are_an_intervention(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Protest with intervention", event.reason


@pytest.mark.parametrize("text", [
    "Participants of a victory procession vandalised the office of a rival party in Feni.",
    "Youths pelted rally attendees with stones in Kakamega.",
])
def test_crowd_violence_at_a_celebration_or_on_a_rally_is_a_mob(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Mob violence", event.reason


def test_rioters_after_an_election_victory_stay_demonstrators(pipeline):
    event = primary(pipeline, "Riots broke out in Kisumu after the court upheld the president's victory; rioters clashed with police.")
    assert event.sub_event_type == "Violent demonstration", event.reason


def test_deaths_a_protest_is_about_are_no_excessive_force(pipeline):
    event = primary(pipeline, "Relatives of two brothers killed in a family feud staged a protest on a highway in Sonargaon.")
    assert event.sub_event_type != "Excessive force against protesters", event.reason


def test_protesters_shot_dead_by_police_are_excessive_force(pipeline):
    event = primary(pipeline, "Police shot dead two protesters during a demonstration against fuel prices in Kisumu.")
    assert event.sub_event_type == "Excessive force against protesters", event.reason
