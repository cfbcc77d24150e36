"""Who the violence fell on: targets the parse hides in quantities, groups, relative clauses,
passives and headline nouns, and what that makes of the event (ACLED: an attack on an armed or
organised side is an armed clash, on unarmed people violence against civilians).

Sentences written for these tests; each guards one rule of crisislens/stages/event_targets.py.
"""

import pytest
from primary_event import primary


def _inters(event) -> tuple:
    return (event.actor1.inter if event.actor1 else None, event.actor2.inter if event.actor2 else None)


@pytest.mark.parametrize("text", [
    "Borana militia attacked a group of Gabra herders near Moyale, killing three.",
    "Pokot militia ambushed a group of Samburu traders on the road to Maralal on Friday.",
])
def test_a_group_of_people_attacked_are_civilians(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


@pytest.mark.parametrize("text", [
    "In Kisumu, police shot dead three suspected carjackers after a car chase on Sunday.",
    "In Lamu, officers killed two suspected kidnappers near the jetty on Tuesday.",
])
def test_armed_criminals_killed_by_police_are_the_other_side_of_a_clash(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Armed clash" and _inters(event) == (1, 3)


def test_a_relative_clause_does_not_make_the_victim_a_member_of_the_group(pipeline):
    event = primary(pipeline, "Unknown gunmen shot dead an imam who had spoken against al Shabaab in Mombasa.")
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


def test_an_officer_of_a_civil_organisation_is_a_civilian(pipeline):
    event = primary(pipeline, "A World Vision officer was shot and wounded by bandits near Lokichoggio on Monday.")
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


def test_a_headline_noun_naming_the_attackers_takes_the_verb_object_as_target(pipeline):
    event = primary(pipeline, "Unknown attackers from Somalia shoot KDF soldier near Mandera")
    assert event.sub_event_type == "Armed clash" and event.actor2 is not None and event.actor2.inter == 1


def test_a_place_attacked_is_no_side_of_a_battle(pipeline):
    event = primary(pipeline, "Al Shabaab militants laid siege to Elwak on Sunday but were repelled by soldiers.")
    assert event.event_type == "Battles"
    assert event.actor2 is not None and event.actor2.inter in (1, 2)
    assert {event.actor1.inter, event.actor2.inter} == {1, 2}


def test_officers_injured_in_an_attack_are_its_target_not_its_author(pipeline):
    event = primary(pipeline, "Two officers were injured in an attack on a police patrol in Garissa.")
    assert event.sub_event_type == "Armed clash" and _inters(event) == (3, 1)


def test_crowds_stoning_each_other_are_rioters_on_both_sides(pipeline):
    event = primary(pipeline, "In Kisii, supporters of the two aspirants threw stones at each other outside the hall.")
    assert event.event_type == "Riots" and _inters(event) == (5, 5)


@pytest.mark.parametrize("text, inter", [
    ("A roadside bomb hit a military convoy near Lafey on Monday.", 1),
    ("An IED targeted a police lorry on the road to Kutulo on Friday.", 1),
])
def test_what_a_bomb_hit_is_its_target(pipeline, text, inter):
    event = primary(pipeline, text)
    assert event.event_type == "Explosions/Remote violence" and event.actor2 is not None and event.actor2.inter == inter


def test_a_convoy_a_civilian_owns_is_no_state_force(pipeline):
    event = primary(pipeline, "In Likoni, youths pelted the deputy governor's convoy with stones on Tuesday.")
    assert event.actor2 is not None and event.actor2.inter == 7


@pytest.mark.parametrize("text", [
    "Four suspected bandits shot dead as they fled towards the forest near Kapsokwony.",
    "Three bandits shot dead while trying to escape near Kapedo on Sunday.",
])
def test_a_harm_verb_with_no_object_in_a_note_is_a_passive(pipeline, text):
    event = primary(pipeline, text)
    assert event.actor2 is not None and event.actor2.inter == 3


def test_a_by_phrase_the_parse_hangs_on_the_target_names_the_attacker(pipeline):
    event = primary(pipeline, "Attack on Borana village by Gabra militia")
    assert event.actor1 is not None and event.actor1.name.startswith("Gabra")
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


def test_a_village_named_after_a_community_is_no_militia(pipeline):
    event = primary(pipeline, "Samburu raiders attacked a Pokot village near Baragoi on Monday.")
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


def test_police_attacked_by_a_mob_are_its_target_not_its_author(pipeline):
    event = primary(pipeline, "Officers who were attacked by a mob in Eldoret fired in the air to scare it off.")
    assert event.event_type == "Riots" and _inters(event) == (5, 1)


def test_a_relative_pronoun_target_stands_for_the_noun_it_describes(pipeline):
    event = primary(pipeline, "A soldier who was shot by bandits near Kapedo died in hospital on Friday.")
    assert event.sub_event_type == "Armed clash" and event.actor2 is not None and event.actor2.inter == 1


@pytest.mark.parametrize("text", [
    "Gunmen attacked and killed two herders near Moyale on Sunday.",
    "Bandits ambushed and shot dead a teacher on the road to Tot.",
])
def test_an_object_shared_by_two_harm_verbs_is_the_target(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7


def test_what_rioters_burnt_is_no_target_of_the_rioting(pipeline):
    event = primary(pipeline, "Opposition supporters rioted and burned down the market in Homa Bay on Friday.")
    assert event.event_type == "Riots" and (event.actor2 is None or event.actor2.inter != 7)


@pytest.mark.parametrize("text", [
    "Borana fighters attacked and killed three members of the Gabra clan near Moyale.",
    "Gunmen shot dead a sympathiser of the rebels outside his shop in Garissa.",
])
def test_kin_and_sympathisers_of_a_group_attacked_are_civilians(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Attack" and event.actor2 is not None and event.actor2.inter == 7
