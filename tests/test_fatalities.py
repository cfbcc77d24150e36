"""Events' fatalities: a coder's stated total, figures coded to other events, and killings that
are the background of an event rather than its toll."""

import pytest


def _toll(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-03-02")
    assert doc.events, text
    best = max(doc.events, key=lambda e: e.confidence)
    return best.fatalities or 0


@pytest.mark.parametrize("text, toll", [
    ("On 3 March 2024, rioters clashed with police in the market town. 2 people were shot and killed. "
     "Total 3 fatalities (2 confirmed and 1 split fatality) coded to this event.", 3),
    ("On 3 March 2024, rioters clashed with police in the market town. 4 persons were killed. "
     "1 fatality coded to this event.", 1),
    ("On 3 March 2024, rioters attacked a bus depot and 30 people were either injured or killed. "
     "Fatalities coded as 0.", 0),
])
def test_a_stated_total_is_the_toll(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("Gunmen attacked a village and killed 5 farmers. At a second farm they beheaded 3 herders "
     "(coded separately).", 5),
    ("Raiders killed 2 police officers (and 4 traders - coded separately) near the border post.", 2),
])
def test_figures_coded_elsewhere_are_left_out(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text", [
    "On 3 March 2024, teachers staged a protest in the town, demanding justice for the killing of a colleague.",
    "On 3 March 2024, rioters burned cars in the capital in response to the beheading of a local trader.",
    "On 3 March 2024, a mob attacked a man who had killed his neighbour in the village.",
])
def test_a_background_killing_is_no_toll(pipeline, text):
    assert _toll(pipeline, text) == 0


def test_a_killing_reported_as_the_event_still_counts(pipeline):
    assert _toll(pipeline, "On 3 March 2024, gunmen killed two traders at the market.") == 2


def test_a_coders_fatalities_field_is_the_toll(pipeline):
    text = "Raiders attacked a village near the river and clashed with herders. FATALITIES: 4 - ACTORS NOT SPECIFIED"
    assert _toll(pipeline, text) == 4
