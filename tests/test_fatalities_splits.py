"""Fatalities a note breaks down by place or day, or partly codes to another event, and deaths
named as what an attack answered."""

import pytest
from primary_event import toll as _toll


@pytest.mark.parametrize("text, toll", [
    ("Communal violence caused three deaths, one in Kitale and two in Webuye.", 1),
    ("12 killed in clashes between rival clans in Garsen (5) and Hola (7).", 5),
    ("Raiders kill four herders near the river; one on 11/04, three on 12/04.", 1),
])
def test_a_toll_broken_down_by_place_or_day_codes_its_first_part(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


def test_a_breakdown_that_is_not_by_place_keeps_the_toll(pipeline):
    text = "Gunmen killed 6 people in the village, 4 in the morning and 2 in the evening."
    assert _toll(pipeline, text) == 6


def test_deaths_coded_to_another_event_are_taken_off_the_toll(pipeline):
    text = "A total of three people were killed in protests in the town (one fatality coded elsewhere)."
    assert _toll(pipeline, text) == 2


def test_a_coder_naming_the_toll_recorded_here(pipeline):
    text = "Riots broke out across the county after the election. *[6 killed - 2 recorded here only]"
    assert _toll(pipeline, text) == 2


@pytest.mark.parametrize("text, toll", [
    ("1 killed by unidentified raiders - believed to be part of a revenge attack for 3 herders killed last week.", 1),
    ("A bandit was shot dead by police in response to a village raid (in which 5 herders were killed).", 1),
])
def test_deaths_an_attack_answers_are_no_toll(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("A hut was set on fire in the village, killing its five occupants (a man, his wife and their three sons).", 5),
])
def test_a_bracket_after_a_toll_breaks_it_down(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


def test_a_school_year_is_no_count(pipeline):
    assert _toll(pipeline, "Rioters clashed with police in the town. A form three student was killed by a bullet.") == 1


@pytest.mark.parametrize("text, toll", [
    ("Three suspected thieves were killed in the town on Sunday. One of the thieves was lynched by a mob while "
     "the others were shot by police.", 3),
    ("Two soldiers were killed in a gun battle with militants. Four of the militants were killed in the fighting.", 6),
    ("Raiders attacked a village and killed five herders. Three of the raiders were shot dead by police.", 5),
    ("Four traders were killed when gunmen attacked a market. Two of the gunmen were later killed by soldiers.", 4),
])
def test_a_part_of_the_dead_restates_a_battles_other_side_adds_attackers_killed_later_do_not(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("Thirty are dead after clashes between two clans. The clashes have been occurring over the course of ten days.", 3),
    ("Nine are killed in clashes between herders and farmers over a 48 hour period near the river.", 4),
    ("Riots in the county from 11 to 13 Aug, a total of 7 people are killed in the area.", 2),
])
def test_deaths_told_over_several_days_are_spread_over_them(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("A clash between two clans lasted over two days. One death was reported on the first day.", 1),
    ("Two are killed in clashes between herders over the course of five days.", 2),
])
def test_a_toll_smaller_than_the_days_or_two_days_is_not_spread(pipeline, text, toll):
    assert _toll(pipeline, text) == toll
