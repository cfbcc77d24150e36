"""Fatalities in headline-style notes and later sentences: a single victim after a killing word
the parse lost, figures a misparse hides, a part of another group killed, a breakdown of the dead."""

import pytest
from primary_event import toll as _toll


@pytest.mark.parametrize("text, toll", [
    ("Villagers lynch burglar", 1),
    ("Crowd lynches man suspected of stealing goats", 1),
    ("Traders in the market lynch a suspected pickpocket.", 1),
    ("Bandits raid farm and kill herder", 1),
])
def test_a_headline_names_a_single_victim(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text", [
    "Bandits raid farm and kill many",
    "Raiders kill herders during night raid",
])
def test_a_headline_plural_or_vague_word_gives_no_number(pipeline, text):
    assert _toll(pipeline, text) == 0


@pytest.mark.parametrize("text, toll", [
    ("Six people from the fishing village were during the early morning hours killed when gunmen raided it.", 6),
    ("5 (confirmed) and 2 (unconfirmed) killed in renewed clashes over grazing land.", 7),
])
def test_figures_a_misparse_hides(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("During fighting with militants four soldiers were killed and 9 were wounded. Two of the wounded died "
     "the next day. Five of the militants were killed.", 11),
    ("At least twelve people were killed when raiders attacked the village. Eight of those killed were "
     "women while the other four victims were herders.", 12),
    ("The clashes have left three people dead. An elder said that three people had been killed and another "
     "one injured in the past week.", 3),
])
def test_later_sentences_add_new_groups_but_not_a_breakdown(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


def test_a_reported_act_beside_a_protest_is_its_toll(pipeline):
    text = ("Police opened fire on traders who were protesting against the new market levy on Monday and "
            "killed three of them in the town.")
    assert _toll(pipeline, text) == 3


@pytest.mark.parametrize("text, toll", [
    ("Chiefs bodyguard shot and killed.", 1),
    ("Party agent killed at his home in the village", 1),
    ("Woman found killed, body dumped in a maize farm.", 1),
    ("Soldiers and bandits exchange fire; bandit suspect killed", 1),
    ("Gang kills a 16 year old in the market.", 1),
])
def test_a_headline_names_its_single_victim_before_the_killing(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text", [
    "Police killed in the raid.",
    "Gunmen killed in a shootout with soldiers.",
])
def test_a_collective_or_plural_headline_noun_gives_no_single_victim(pipeline, text):
    assert _toll(pipeline, text) == 0


@pytest.mark.parametrize("text, toll", [
    ("Two men killed a farmer near the market.", 1),
    ("Three gunmen shot dead a shopkeeper.", 1),
    ("4 killed (machetes) during clashes between the two communities.", 4),
])
def test_who_killed_is_not_counted_among_the_dead(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("On 04 March, One person died in the town after being hit by a stray bullet.", 1),
    ("1 watchman was caught in police crossfire and died from his injuries.", 1),
    ("Rioters attacked traders - police intervened shooting dead 3", 3),
    ("A cattle trader was on Monday evening lynched by a mob in the market.", 1),
    ("Raid by armed bandits on the village. Eight year old girl killed.", 1),
])
def test_figures_and_victims_a_misparse_hides(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("Herders killed 3 Borana herdsmen - ongoing clashes over pasture.", 3),
    ("Violence during cattle raids - 2 killed from one group - followed by 3 killings during a revenge raid", 5),
])
def test_killing_words_the_parse_detaches_from_their_figures(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


def test_a_dateline_headline_whose_participle_the_tagger_made_a_noun(pipeline):
    assert _toll(pipeline, "12 March: A civilian shot dead by armed men near the border post.") == 1


@pytest.mark.parametrize("text, toll", [
    ("A local chief and two others are assassinated outside the market.", 3),
    ("A trader from the next village is discovered murdered by unknown attackers.", 1),
    ("The district officer is shot and killed, along with his driver.", 2),
    ("A councillor was shot dead along with two bodyguards and a driver in the town.", 4),
])
def test_victims_named_with_along_with_and_assassinated(pipeline, text, toll):
    assert _toll(pipeline, text) == toll
