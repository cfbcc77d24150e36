"""Armed clash or crowd violence: a fight with guns on both sides, or between clans, tribes and
pastoralist groups, is a battle between armed sides (ACLED: communal militias), not a mob.
Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text", [
    "Two men were killed in a gun battle between police and suspected robbers in Eldoret.",
    "Four people died in a tribal clash over water points near Wajir.",
    "Herding groups clashed over grazing land in Laikipia, leaving three injured.",
    "Armed clashes between two pastoralist groups left five dead near Moyale.",
])
def test_armed_or_communal_fighting_is_an_armed_clash(pipeline, text):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash"), event.reason


def test_a_shootout_with_suspected_thieves_is_no_mob_justice(pipeline):
    event = primary(pipeline, "Police killed two suspected thieves in a shootout in Kisumu.")
    assert event.sub_event_type == "Armed clash", event.reason


def test_rival_party_supporters_fighting_stay_a_mob(pipeline):
    event = primary(pipeline, "Supporters of two rival candidates clashed at a market in Nyeri.")
    assert event.sub_event_type == "Mob violence", event.reason


def test_a_fight_that_broke_out_between_groups_is_an_event(pipeline):
    event = primary(pipeline, "A fight broke out between two groups of delegates in Kisumu; three were injured.")
    assert event.event_type in ("Battles", "Riots"), event.reason


def test_two_peoples_named_as_the_sides_of_a_clash(pipeline):
    text = "Somalis and Ethiopians clashed in Mandera. Armed Ethiopians killed two herders."
    doc = pipeline.extract(text, published_at="2023-05-04")
    subs = [e.sub_event_type for e in doc.events if e.kind == "acled"]
    assert "Armed clash" in subs, subs


def test_state_victim_of_a_headline_passive_makes_a_clash(pipeline):
    event = primary(pipeline, "Police reservist killed as bandits attack")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash"), event.reason


@pytest.mark.parametrize("text", [
    "Local youths planted a landmine near an army camp in Mandera; three soldiers were wounded.",
    "Two passers-by were hurt when a suspected IED went off near a bus stop in Garissa.",
])
def test_a_planted_device_is_remote_violence_whoever_laid_it(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Remote explosive/landmine/IED", event.reason


def test_an_ied_ambush_that_turns_into_a_firefight_is_an_armed_clash(pipeline):
    text = "Soldiers exchanged fire with suspected militants after their truck narrowly missed an IED near Kiunga."
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash"), event.reason
