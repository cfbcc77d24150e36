"""The events stage: ACLED type and sub-type, parties, date, fatalities, merging, modality.

Sentences written for these tests; each guards one coding rule a user would recognise.
"""

import pytest
from primary_event import PUBLISHED, primary_and_doc


@pytest.mark.parametrize("text, event_type, sub_event_type", [
    # armed clash vs attack on civilians: were the victims armed?
    ("Militants attacked a police post near the border, and the officers fought back for an hour.",
     "Battles", "Armed clash"),
    ("Gunmen attacked a village and shot dead three farmers.", "Violence against civilians", "Attack"),
    ("Soldiers exchanged fire with rebels outside the town.", "Battles", "Armed clash"),
    # territory taken by state vs non-state forces
    ("The army recaptured the town from the insurgents on Sunday.", "Battles", "Government regains territory"),
    ("Rebels seized control of the district headquarters after the soldiers fled.",
     "Battles", "Non-state actor overtakes territory"),
    # peaceful protest vs intervention vs excessive force
    ("Hundreds of teachers staged a protest outside the ministry, demanding higher pay.",
     "Protests", "Peaceful protest"),
    ("Students staged a protest at the campus gate. Police fired tear gas to disperse them.",
     "Protests", "Protest with intervention"),
    ("Traders held a demonstration in the market and police arrested four of them.",
     "Protests", "Protest with intervention"),
    ("Police opened fire on demonstrators marching to the governor's office, killing two protesters.",
     "Protests", "Excessive force against protesters"),
    # violent demonstration vs mob violence
    ("Demonstrators blocked the highway with burning tyres and pelted stones at passing cars, "
     "demanding the release of their leader.", "Riots", "Violent demonstration"),
    ("An angry mob lynched a man suspected of stealing a goat.", "Riots", "Mob violence"),
    ("Supporters of two rival candidates clashed with sticks near a polling station.", "Riots", "Mob violence"),
    # shelling vs air strike vs remote explosive vs grenade vs suicide bomb
    ("Artillery shelling hit the outskirts of the city overnight.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A drone strike hit a convoy on the highway.", "Explosions/Remote violence", "Air/drone strike"),
    ("A roadside bomb exploded under a military truck.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("An attacker threw a grenade into a crowded bar.", "Explosions/Remote violence", "Grenade"),
    ("A suicide bomber blew himself up at the entrance of a mosque.",
     "Explosions/Remote violence", "Suicide bomb"),
    # violence against civilians sub-types
    ("Armed men abducted two aid workers from their car.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("Soldiers raped a woman at a checkpoint.", "Violence against civilians", "Sexual violence"),
])
def test_hard_distinctions(pipeline, text, event_type, sub_event_type):
    event, _ = primary_and_doc(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type), event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    ("Police arrested the leader of the armed group at his hideout.", "Arrests"),
    ("Fighters of the armed group looted the shops and burned down the houses of the village.",
     "Looting/property destruction"),
    ("Police defused a bomb planted near the bus station.", "Disrupted weapons use"),
    ("The two militias signed a ceasefire agreement on Monday.", "Agreement"),
    ("The armed group set up a new base in the forest.", "Headquarters or base established"),
])
def test_strategic_developments(pipeline, text, sub_event_type):
    event, _ = primary_and_doc(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", sub_event_type), event.reason


@pytest.mark.parametrize("text, cameo", [
    ("Students staged a protest outside the parliament.", "141"),
    ("An air strike hit the market.", "195"),
    ("A suicide bomber attacked the checkpoint.", "1831"),
])
def test_cameo_code(pipeline, text, cameo):
    event, _ = primary_and_doc(pipeline, text)
    assert event.cameo == cameo


def test_protesters_are_actor1_and_police_actor2_on_intervention(pipeline):
    event, _ = primary_and_doc(pipeline, "Nurses held a rally in Nairobi, Kenya. Police dispersed the nurses with tear gas.")
    assert event.actor1 is not None and event.actor1.inter == 6
    assert event.actor1.name.startswith("Protesters")


def test_residents_who_burn_are_rioters(pipeline):
    event, _ = primary_and_doc(pipeline, "In Kisumu, Kenya, residents stormed the police station and set it on fire.")
    assert event.event_type == "Riots"
    assert event.actor1 is not None and event.actor1.inter == 5


def test_victims_of_attack_are_civilians(pipeline):
    event, _ = primary_and_doc(pipeline, "Unknown gunmen killed two shopkeepers in Mandera, Kenya.")
    assert event.actor2 is not None and event.actor2.inter == 7
    assert event.actor1 is not None and event.actor1.inter in (2, 3)


def test_passive_by_phrase_is_initiator(pipeline):
    event, _ = primary_and_doc(pipeline, "A villager was shot dead by bandits in Baringo, Kenya.")
    assert event.actor1 is not None and event.actor1.inter == 3
    assert event.actor2 is not None and event.actor2.inter == 7


def test_date_from_the_event_sentence(pipeline):
    event, _ = primary_and_doc(pipeline, "On 2 May 2023, youths clashed with police in Kisumu, Kenya.")
    assert event.date == "2023-05-02"


def test_undated_event_is_the_day_before_publication(pipeline):
    event, _ = primary_and_doc(pipeline, "Gunmen attacked a bus and killed three passengers.")
    assert event.date == "2023-05-03"
    assert "undated" in event.reason


def test_two_sentences_of_one_event_are_merged(pipeline):
    text = "Residents staged a protest in the town. Police fired tear gas and arrested ten protesters."
    event, doc = primary_and_doc(pipeline, text)
    assert len(event.evidence) == 2
    assert len([e for e in doc.events if e.event_type == "Protests"]) == 1


def test_separate_events_are_kept_apart(pipeline):
    text = ("Teachers staged a peaceful protest in the capital on Monday. "
            "In a separate incident, gunmen ambushed an army patrol in the north.")
    doc = pipeline.extract(text, published_at=PUBLISHED)
    types = {e.event_type for e in doc.events if e.kind == "acled"}
    assert {"Protests", "Battles"} <= types


def test_background_event_gets_lower_confidence(pipeline):
    text = ("Students staged a protest in the town on Tuesday, following an earlier clash between "
            "police and traders.")
    event, _ = primary_and_doc(pipeline, text)
    assert event.event_type == "Protests"


def test_evidence_and_trigger_spans_point_into_text(pipeline):
    text = "A grenade exploded in a bar in Garissa, wounding five people."
    event, doc = primary_and_doc(pipeline, text)
    assert event.trigger is not None and "grenade" in text[event.trigger.start:event.trigger.end].lower()
    assert all(text[s.start:s.end].strip() for s in event.evidence)
    assert event.reason


@pytest.mark.parametrize("text, mood", [
    ("The rebels will attack the town tomorrow, a commander said.", "expected"),
    ("The group threatened to attack the camp.", "expected"),
    ("If talks fail, the militia could attack the city.", "hypothetical"),
    ("The army denied attacking the village.", "denied"),
    ("Police did not attack the marchers.", "denied"),
])
def test_modality(pipeline, text, mood):
    doc = pipeline.extract(text, published_at=PUBLISHED)
    moods = {e.modality for e in doc.events if e.kind == "acled"}
    assert mood in moods, [(e.modality, e.reason) for e in doc.events]


def test_unknown_publication_date_leaves_undated_event_null(pipeline):
    doc = pipeline.extract("Gunmen attacked a bus and killed three passengers.", published_at=None)
    event = max((e for e in doc.events if e.kind == "acled"), key=lambda e: e.confidence)
    assert event.date is None
