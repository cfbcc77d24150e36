"""Event polish: fatality tolls that do not double count, figures that count who acted, and
protest coding details."""

import pytest


def _doc(pipeline, text):
    return pipeline.extract(text, published_at="2024-03-02")


def _primary(pipeline, text):
    events = _doc(pipeline, text).events
    assert events, text
    return max(events, key=lambda e: e.confidence)


@pytest.mark.parametrize("sentence", [
    "Three armed robbers shot dead a shopkeeper in Eldoret on Monday.",
    "A gang comprising five men shot dead a pastor near Kisumu on Monday.",
])
def test_figure_counting_attackers_is_no_toll(pipeline, sentence):
    killed = [q for q in _doc(pipeline, sentence).quantities if q.category == "killed"]
    assert sum(q.value for q in killed) == 1


@pytest.mark.parametrize("sentence, toll", [
    ("Gunmen raided a village in Marsabit on Monday, killing at least 9, including 3 police officers.", 9),
    ("Six people, among them two teachers, were killed when gunmen attacked a bus in Mandera on Monday.", 6),
    ("Ten people including six pupils and four guards were killed in a bomb blast in Lamu on Monday.", 10),
])
def test_breakdown_of_a_toll_is_not_added(pipeline, sentence, toll):
    assert _primary(pipeline, sentence).fatalities == toll


@pytest.mark.parametrize("sentence, toll", [
    ("Gunmen killed 3 farmers and 3 more herders in Wajir on Monday.", 6),
    ("Bandits shot dead 2 guards and 2 other drivers in Isiolo on Monday.", 4),
])
def test_separate_victims_still_add_up(pipeline, sentence, toll):
    assert _primary(pipeline, sentence).fatalities == toll


@pytest.mark.parametrize("text, toll", [
    ("Herders from two clans clashed over pasture near Wajir on Monday. Five deaths reported.", 5),
    ("Rival clans clashed over grazing land near Moyale on Monday. FATALITIES: 12", 12),
    ("Rival clans clashed over grazing land near Moyale on Monday (8 DEATHS reported).", 8),
])
def test_toll_stated_apart_from_the_event(pipeline, text, toll):
    assert _primary(pipeline, text).fatalities == toll


@pytest.mark.parametrize("sentence", [
    "Village elder killed in Marsabit, bandits blamed.",
    "Shopkeeper killed by robbers in Eldoret on Monday.",
])
def test_headline_bare_victim_counts_one(pipeline, sentence):
    killed = [q for q in _doc(pipeline, sentence).quantities if q.category == "killed"]
    assert [q.value for q in killed] == [1]


@pytest.mark.parametrize("sentence, inter", [
    ("Gunmen attacked a village in Marsabit on Monday and stole 300 cattle, killing two herders.", 4),
    ("Raiders attacked a village in Baringo on Monday, killing three people.", 4),
    ("Gunmen shot dead a trader in Mombasa on Monday.", 3),
])
def test_unnamed_attackers_in_communal_conflict(pipeline, sentence, inter):
    assert _primary(pipeline, sentence).actor1.inter == inter


@pytest.mark.parametrize("sentence, sub_event_type", [
    ("Clashes between rival clans over grazing land left four dead near Mandera on Monday.", "Armed clash"),
    ("Cattle raiders from a neighbouring ethnic group attacked a family near Baringo on Monday.", "Attack"),
])
def test_communal_violence_is_not_mob_violence(pipeline, sentence, sub_event_type):
    assert _primary(pipeline, sentence).sub_event_type == sub_event_type


@pytest.mark.parametrize("sentence", [
    "On Monday students staged a demonstration in Raozan against the death of 3 pupils in a road accident.",
    "On Monday hundreds rallied in Bogra, demanding justice for 4 workers killed in a factory fire.",
])
def test_deaths_a_protest_is_about_are_not_its_toll(pipeline, sentence):
    assert not _primary(pipeline, sentence).fatalities


def test_misparsed_place_is_not_a_victim(pipeline):
    text = "An elderly man was lynched by angry villagers in Kochia, Rangwe sub-county on Thursday."
    killed = [q for q in _doc(pipeline, text).quantities if q.category == "killed"]
    assert [q.value for q in killed] == [1]


def test_unknown_country_leaves_the_country_out(pipeline):
    event = _primary(pipeline, "Hundreds of protesters marched through the town centre on Monday.")
    assert event.actor1.name == "Protesters"


def test_sat_in_a_taxi_is_no_sit_in(pipeline):
    doc = _doc(pipeline, "On Monday a driver was arrested in Nairobi as he sat in a taxi.")
    assert all(e.event_type != "Protests" for e in doc.events)


@pytest.mark.parametrize("sentence, toll", [
    ("A mob lynched and burned four men in Siaya on Tuesday.", 4),
    ("Three herders and a suspected bandit were killed in a shootout in Baringo on Tuesday.", 4),
])
def test_shared_verbs_and_mixed_victims_count(pipeline, sentence, toll):
    assert _primary(pipeline, sentence).fatalities == toll


@pytest.mark.parametrize("sentence", [
    "On Monday villagers hacked and injured 3 students in Faridpur.",
    "Supporters of a leader killed last week staged a protest in Sylhet on Monday, demanding arrests.",
])
def test_no_toll_borrowed_from_a_coordinated_verb(pipeline, sentence):
    assert not _primary(pipeline, sentence).fatalities


def test_dispersal_two_sentences_on_is_an_intervention(pipeline):
    text = ("On Monday hundreds of nurses held a demonstration in Nakuru over unpaid wages. "
            "They marched to the county offices with placards. Police fired tear gas to disperse them.")
    assert _primary(pipeline, text).sub_event_type == "Protest with intervention"
