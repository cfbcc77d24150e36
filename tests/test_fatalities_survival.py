"""A lynching or burning whose victim the note says survived counts no death, and a later sentence
that adds dead in so many words grows the toll."""

import pytest
from primary_event import toll as _toll


@pytest.mark.parametrize("text, toll", [
    ("A suspected thief is lynched by a mob in the market. Officers rescued the man shortly before death.", 0),
    ("Residents lynched a herbalist they accused of witchcraft. The herbalist survived.", 0),
    ("A suspected thief is lynched by a mob in the market.", 1),
    ("A trader was shot dead by robbers in the town. His wife was also shot but survived.", 1),
])
def test_a_victim_said_to_survive_is_no_death(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("8 killed during a raid by armed bandits on the village. 3 more bodies were found in the days after.", 11),
    ("8 killed during a raid by armed bandits on the village. (3 others feared dead but not confirmed)", 8),
])
def test_a_later_sentence_adding_dead_grows_the_toll(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("5 traders were detained by soldiers - they were later found dead near the camp.", 5),
    ("Three herders were killed by raiders and they were found dead near the river.", 3),
])
def test_they_found_dead_stands_for_the_group_named_before(pipeline, text, toll):
    assert _toll(pipeline, text) == toll
