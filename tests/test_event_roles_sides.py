"""The two sides of a fight the subject names on its own ("police and carjackers engaged in a
shootout", "Kipsigi and Maasai militias clashed", "rival Maasai groups clashed"), and the people
killed in clashes, who are neither side.

Sentences written for these tests; each guards one rule of event_roles._fellow_side.
"""

import pytest
from primary_event import primary


def _inters(event) -> tuple:
    return (event.actor1.inter if event.actor1 else None, event.actor2.inter if event.actor2 else None)


def test_two_sides_joined_as_the_subject_of_a_shootout(pipeline):
    event = primary(pipeline, "Police and carjackers engaged in a shootout in Thika on Friday night.")
    assert event.sub_event_type == "Armed clash" and _inters(event) == (1, 3)


@pytest.mark.parametrize("text, first, second", [
    ("On Monday, Pokot and Turkana militias clashed near Kapedo.", "Pokot", "Turkana"),
    ("Samburu and Borana militias fought over a water point near Archers Post.", "Samburu", "Borana"),
])
def test_peoples_named_before_the_fighters_noun_are_two_sides(pipeline, text, first, second):
    event = primary(pipeline, text)
    names = {event.actor1.name.split()[0], event.actor2.name.split()[0]} if event.actor2 else set()
    assert event.sub_event_type == "Armed clash" and names == {first, second}


@pytest.mark.parametrize("text", [
    "Rival Maasai groups clashed over a land dispute near Narok on Sunday.",
    "Two sections of the Garre clan fought over a borehole near Mandera.",
])
def test_a_group_fighting_itself_is_named_on_both_sides(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Armed clash" and event.actor2 is not None
    assert event.actor1.name == event.actor2.name and event.actor1.inter == 4


def test_people_killed_in_clashes_are_neither_side(pipeline):
    event = primary(pipeline, "Six people were killed in clashes between members of the Garre and Degodia clans.")
    assert event.sub_event_type == "Armed clash" and _inters(event) == (4, 4)


def test_a_mob_that_beats_up_the_police_has_them_as_its_other_side(pipeline):
    event = primary(pipeline, "Traders lynched a suspected thief in Kitale and beat up policemen who came to stop them.")
    assert event.sub_event_type == "Mob violence" and _inters(event) == (5, 1)


def test_a_mob_with_police_arresting_afterwards_keeps_its_victim(pipeline):
    event = primary(pipeline, "An angry mob lynched a suspected thief in Kitale. Police later arrested three people.")
    assert event.sub_event_type == "Mob violence" and _inters(event) == (5, 7)


def test_people_shot_in_a_communal_clash_are_no_civilian_side(pipeline):
    event = primary(pipeline, "Three people were shot dead as renewed inter-clan fighting erupted near Tot on Monday.")
    assert event.sub_event_type == "Armed clash" and event.actor2 is not None and event.actor2.inter == 4
