"""Events' fatalities: a coder's stated total, figures coded to other events, and killings that
are the background of an event rather than its toll."""

import pytest
from primary_event import toll as _toll


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


@pytest.mark.parametrize("text, toll", [
    ("Bandits raided a cattle post in the hills; fatalities spread across two locations. 4 herders were killed.", 2),
    ("Herders and farmers clashed over grazing land. Six people were killed in the fighting "
     "(the deaths have been split over three events).", 2),
    ("Raiders attacked two hamlets in the valley, killing 4. Two events coded, with 2 fatalities each.", 2),
    ("Clashes between two clans in the hills resulted in 4 deaths (coded across 4 events) and 9 injuries.", 1),
])
def test_a_toll_shared_by_several_events_gives_this_events_share(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("At least 12 (some reports 20) have been killed in fighting between two clans near the well.", 12),
    ("Gunmen attacked a market, killing 15 (local sources 9) traders.", 9),
])
def test_another_sources_figure_in_brackets_is_no_addition(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


def test_others_in_the_next_sentence_add_nothing_to_a_toll(pipeline):
    text = ("Five soldiers were killed when their truck hit a roadside bomb near the border. "
            "The blast killed 5. Three others were wounded by gunfire.")
    assert _toll(pipeline, text) == 5


def test_a_new_group_in_a_later_sentence_adds_to_the_toll(pipeline):
    text = ("Soldiers killed six militants in a raid on a forest camp. "
            "A soldier also died while two others were injured.")
    assert _toll(pipeline, text) == 7


@pytest.mark.parametrize("text", [
    "On 3 March 2024, students marched with the bodies of 3 classmates killed in the capital (coded separately) "
    "and blocked the main road.",
    "On 3 March 2024, villagers burned a council office in the town, after a farmer died during an earlier "
    "dispute with guards (coded separately).",
])
def test_a_clause_closed_by_coded_separately_gives_no_toll(pipeline, text):
    assert _toll(pipeline, text) == 0


def test_a_town_after_the_victim_is_no_second_victim(pipeline):
    text = "On 3 March 2024, villagers beat and killed a youth in Rampur village, Kalia upazila, on suspicion of theft."
    assert _toll(pipeline, text) == 1


def test_one_of_whom_died_later_is_part_of_the_toll(pipeline):
    text = "On 3 March 2024, gunmen attacked a bus near the town and killed 4 passengers, one of whom died in hospital."
    assert _toll(pipeline, text) == 4


def test_more_deaths_in_hospital_add_to_the_toll(pipeline):
    text = ("On 3 March 2024, gunmen attacked a bus near the town. 4 passengers were killed in the attack. "
            "Two more people died in hospital.")
    assert _toll(pipeline, text) == 6


def test_a_killing_after_before_is_the_events_last_act(pipeline):
    text = "On 3 March 2024, gunmen broke into the house of a trader in the town and took his phone before shooting him dead."
    assert _toll(pipeline, text) == 1


def test_houses_coordinated_with_a_death_are_no_toll(pipeline):
    text = "On 3 March 2024, a land dispute between two clans caused the death of one and several houses destroyed in the village."
    assert _toll(pipeline, text) == 1


def test_one_here_and_the_other_there_is_a_breakdown(pipeline):
    text = "On 3 March 2024, fighting between rival party supporters caused two deaths, one in the market and the other near the school."
    assert _toll(pipeline, text) == 2


def test_a_killing_coded_as_a_separate_event_implies_no_death(pipeline):
    text = ("On 3 March 2024, villagers set fire to the house of a man in the town, for stabbing a trader to death "
            "(coded as a separate event).")
    assert _toll(pipeline, text) == 0


def test_a_killing_given_as_the_reason_is_no_toll(pipeline):
    text = "On 3 March 2024, a man was burnt to death by a mob in the village for killing his neighbour."
    assert _toll(pipeline, text) == 1


def test_her_body_is_the_victim_already_named(pipeline):
    text = "On 3 March 2024, a nurse was killed in the town and her body was dumped near the market."
    assert _toll(pipeline, text) == 1


@pytest.mark.parametrize("text, toll", [
    ("Raiders attacked a village near the river. FATALITIES: estimate:9/ confirmed: 4)", 4),
    ("Raiders attacked a village near the river. FATALITIES: reported estimates include 7, details unclear", 7),
])
def test_a_coders_confirmed_or_estimated_figure_is_the_toll(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text", [
    "On 3 March 2024, relatives of three farmers killed in a land feud staged a protest on the highway, "
    "demanding arrests.",
    "On 3 March 2024, riders blocked the road in protest. The rider had been arrested because his "
    "motorbike hit and killed a pedestrian.",
])
def test_deaths_that_led_to_the_event_are_no_toll(pipeline, text):
    assert _toll(pipeline, text) == 0


def test_a_killing_someone_is_suspected_to_be_behind_is_no_toll(pipeline):
    text = "Residents of the village lynched a man suspected to be behind the killing of three children."
    assert _toll(pipeline, text) == 1


def test_other_sources_give_no_more_dead(pipeline):
    text = ("At least 6 people were killed in an attack on the village by gunmen. Police said houses were burnt. "
            "The group claimed it had killed 12 soldiers. Other sources claim 9 deaths.")
    assert _toll(pipeline, text) == 6


def test_a_claim_of_responsibility_for_the_deaths_is_the_toll(pipeline):
    text = "Militants attacked a police post, and later claimed responsibility for the death of three officers."
    assert _toll(pipeline, text) == 3
