"""The quantities stage: counted figures, their bounds, categories and sources."""

import math

import pytest


def _quantities(pipeline, text):
    return pipeline.extract(text, published_at="2024-03-02").quantities


@pytest.mark.parametrize("sentence, value, category", [
    ("At least 12 soldiers were killed near the border.", 12, "killed"),
    ("Some 40,000 residents have fled their homes.", 40000, "displaced"),
    ("Three rockets hit the market.", 3, "strikes"),
    ("Monitors have counted 1,240 rocket strikes since the offensive began.", 1240, "strikes"),
    ("The city has suffered 35 car bombings this year.", 35, "attacks"),
    ("The tribunal listed 812 victims.", 812, "killed"),
    ("The clinic said 14 victims were injured in the stampede.", 14, "injured"),
    ("40,000 families still lack shelter.", 40000, "in_need"),
    ("An estimated 60,000 residents still depend on food aid.", 60000, "in_need"),
    ("2 people were arrested after the march.", 2, "arrested"),
    ("Gunmen kidnapped two civilians on the highway.", 2, "abducted"),
    ("Twenty-five people were killed in the ambush.", 25, "killed"),
    ("Four fishermen remain missing after the raid.", 4, "missing"),
    ("The attack left 5 dead.", 5, "killed"),
    ("Gunmen shot 1 guard dead at the gate.", 1, "killed"),
    ("The death toll rose to 25 on Sunday.", 25, "killed"),
    ("The agency said 3.5 million people need aid.", 3500000, "in_need"),
])
def test_counted_figures(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_each_verb_keeps_its_own_figure(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "Gunmen killed 3 people and injured 5 others.")}
    assert found == {(3, "killed"), (5, "injured")}


@pytest.mark.parametrize("sentence, value, low, high, approximate", [
    ("At least 12 soldiers were killed.", 12, 12, None, False),
    ("More than 100 people were killed.", 100, 101, None, False),
    ("Up to 30 people were killed.", 30, None, 30, False),
    ("Nearly 50 people were killed.", 50, None, 50, True),
    ("About 50 people were killed.", 50, None, None, True),
    ("Between 12 and 15 people were killed.", 12, 12, 15, False),
    ("12 to 15 people were killed.", 12, 12, 15, False),
    ("At least 12-13 people were injured.", 12, 12, 13, False),
])
def test_bounds_and_approximation(pipeline, sentence, value, low, high, approximate):
    first = _quantities(pipeline, sentence)[0]
    assert (first.value, first.low, first.high, first.approximate) == (value, low, high, approximate)


@pytest.mark.parametrize("sentence, value", [
    ("Several villagers were injured.", 3),
    ("Dozens of villagers were injured.", 24),
    ("Scores of villagers were injured.", 40),
    ("Hundreds of villagers were injured.", 200),
    ("Thousands of villagers were displaced.", 2000),
])
def test_vague_amounts_are_coded_low_and_approximate(pipeline, sentence, value):
    first = _quantities(pipeline, sentence)[0]
    assert (first.value, first.low, first.approximate) == (value, value, True)


def test_a_dozen_is_an_exact_twelve(pipeline):
    first = _quantities(pipeline, "A dozen traders were arrested.")[0]
    assert (first.value, first.category, first.approximate) == (12, "arrested", False)


@pytest.mark.parametrize("sentence, category", [
    ("3 injuries and no fatalities were reported.", "killed"),
    ("No one was killed in the fire.", "killed"),
    ("Nobody was killed in the fire.", "killed"),
    ("There were no casualties.", "killed"),
])
def test_zero_counts(pipeline, sentence, category):
    assert (0, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_injuries_beside_no_fatalities(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "3 injuries and no fatalities were reported.")}
    assert found == {(3, "injured"), (0, "killed")}


def test_unknown_numbers_give_nothing(pipeline):
    assert _quantities(pipeline, "The number of fatalities is not known.") == []


@pytest.mark.parametrize("sentence, value, category, text", [
    ("A police officer shot dead a driver near the station.", 1, "killed", "a driver"),
    ("A man was killed in the attack.", 1, "killed", "A man"),
    ("Gunmen killed a teacher and his wife.", 2, "killed", "a teacher and his wife"),
    ("A farmer and a herder were abducted.", 2, "abducted", "A farmer and a herder"),
])
def test_implicit_counts(pipeline, sentence, value, category, text):
    assert (value, category, text) in {(q.value, q.category, q.text) for q in _quantities(pipeline, sentence)}


def test_separate_figures_are_kept_apart(pipeline):
    found = _quantities(pipeline, "1 activist was assaulted and killed, 1 hawker died.")
    assert [(q.value, q.category) for q in found] == [(1, "killed"), (1, "killed")]


@pytest.mark.parametrize("sentence", [
    "A 15 year old worker was injured.",
    "A 15-year-old worker was injured.",
    "The boy, aged 15, was injured.",
])
def test_ages_are_not_counts(pipeline, sentence):
    assert 15 not in {q.value for q in _quantities(pipeline, sentence)}


@pytest.mark.parametrize("sentence", [
    "In 2019 the fund paid $500 to each family.",
    "Prices rose 20% in March.",
    "The meeting began at 3 pm.",
    "Call 0722123456 for help.",
    "The convoy travelled 30 km overnight.",
    "The talks lasted 10 days.",
    "On 12 March 2022 the market reopened.",
])
def test_figures_that_count_nothing(pipeline, sentence):
    assert _quantities(pipeline, sentence) == []


def test_crowd_size_tags_are_other(pipeline):
    found = _quantities(pipeline, "Traders marched to the office. [size=hundreds]")
    assert [(q.value, q.category) for q in found] == [(200, "other")]


@pytest.mark.parametrize("sentence", [
    "1e400 people died.",
    "100,000,000,000,000,000,000 people died.",
    "12345678901234567890 people died.",
    "-5 people died.",
])
def test_absurd_figures_never_raise_and_stay_finite(pipeline, sentence):
    doc = pipeline.extract(sentence, published_at="2024-03-02")
    assert doc.error is None and not any(w.startswith("stage 'quantities'") for w in doc.warnings)
    for q in doc.quantities:
        assert math.isfinite(q.value) and 0 <= q.value <= 10_000_000_000


@pytest.mark.parametrize("sentence, source", [
    ("At least 40 fighters died in the clashes, according to the UN.", "UN"),
    ("Police said 12 people were arrested.", "Police"),
])
def test_source_of_a_figure(pipeline, sentence, source):
    assert _quantities(pipeline, sentence)[0].source == source


def test_spans_point_at_the_figure(pipeline):
    text = "Officials said some 40,000 residents have fled."
    first = _quantities(pipeline, text)[0]
    assert text[first.span.start:first.span.end] == first.text == "some 40,000"


@pytest.mark.parametrize("sentence, value, category", [
    ("Raiders killed 14 herders, including five boys, near the river.", 5, "killed"),
    ("Police arrested the gang leader along with three other suspects.", 3, "arrested"),
    ("The bombing killed eleven shoppers, four of them women.", 4, "killed"),
    ("The monitor put the death toll at 23.", 23, "killed"),
    ("The clinic raised the number of patients killed this month to 41.", 41, "killed"),
    ("Monitors logged 9 shelling incidents in the district.", 9, "strikes"),
    ("Monitors logged 9 incidents in the district.", 9, "attacks"),
    ("The bases faced more than 60 rocket and drone attacks.", 60, "attacks"),
])
def test_figures_whose_cue_is_one_step_away(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


@pytest.mark.parametrize("sentence, value, category", [
    ("The governor said about 3,000 farmers had fled to the town.", 3000, "displaced"),
    ("At least 90,000 people remain internally displaced in the north.", 90000, "displaced"),
    ("More than 1 million people have been cut off from food deliveries.", 1000000, "in_need"),
    ("The war has left more than 6 million people driven from their homes.", 6000000, "displaced"),
    ("About 3 million more have crossed into Chad as refugees.", 3000000, "refugees"),
])
def test_displacement_and_need_phrasings(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


@pytest.mark.parametrize("sentence, value, category", [
    ("MOGADISHU - Four soldiers were killed in the ambush.", 4, "killed"),
    ("BAIDOA (Staff) - Twelve traders were abducted on the road.", 12, "abducted"),
])
def test_capitalised_number_after_a_dateline(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_capitalised_number_word_inside_a_name_is_no_count(pipeline):
    assert _quantities(pipeline, "Fans queued to see the film Million Dollar Baby again.") == []


@pytest.mark.parametrize("sentence", [
    "The donors pledged 3 million naira to the camp.",
    "The ministry paid out 4 million dollars in compensation.",
])
def test_money_with_a_currency_is_no_count(pipeline, sentence):
    assert _quantities(pipeline, sentence) == []


@pytest.mark.parametrize("sentence, value, category, approximate, low", [
    ("An estimated 60,000 residents still depend on food aid.", 60000, "in_need", True, None),
    ("Thousands of civilians were displaced by the fighting.", 2000, "displaced", True, 2000),
])
def test_issue_figures_keep_their_bounds(pipeline, sentence, value, category, approximate, low):
    first = _quantities(pipeline, sentence)[0]
    assert (first.value, first.category, first.approximate, first.low) == (value, category, approximate, low)


def test_figure_source_is_who_reported_it(pipeline):
    found = _quantities(pipeline, "The Sahel Monitoring Group said 812 victims had been identified.")
    assert (found[0].value, found[0].category, found[0].source) == (812, "killed", "Sahel Monitoring Group")


@pytest.mark.parametrize("sentence, value, category", [
    ("One dead, several others injured after the clash.", 1, "killed"),
    ("Two gunmen and a guard killed in a shoot-out at the gate.", 2, "killed"),
])
def test_what_is_said_right_of_a_figure(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


@pytest.mark.parametrize("text", [
    "A trader was attacked by robbers on the road. The trader later died in hospital.",
    "Robbers attacked a shop keeper on the road. He died of his injuries.",
    "The body of a herder was found in a thicket.",
])
def test_one_death_without_a_figure(pipeline, text):
    assert [q.value for q in _quantities(pipeline, text) if q.category == "killed"] == [1]


def test_a_claimed_death_is_no_count(pipeline):
    text = "Relatives staged a protest, claiming that the patient died due to negligence."
    assert not [q for q in _quantities(pipeline, text) if q.category == "killed"]


@pytest.mark.parametrize("sentence, value, category", [
    ("Three men were last week killed in the raid.", 3, "killed"),
    ("Five traders were on Monday arrested by police.", 5, "arrested"),
])
def test_words_between_were_and_the_participle(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


@pytest.mark.parametrize("sentence, value, category", [
    ("Three women were reported killed in the attack.", 3, "killed"),
    ("Two herders are believed to have died in the raid.", 2, "killed"),
    ("Four traders were reported abducted on the highway.", 4, "abducted"),
    ("Both men were killed in the attack.", 2, "killed"),
])
def test_reported_figures_and_both(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_a_figure_coordinated_with_a_toll_keeps_its_own_word(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "One dead and several injured after the clash.")}
    assert (1, "killed") in found and (3, "injured") in found and (3, "killed") not in found


def test_a_headline_victim_after_a_list_has_a_well_formed_span(pipeline):
    text = "Bandits attack small village, fire on house of local chief; teenage son killed in gunfire"
    quantities = _quantities(pipeline, text)
    assert all(q.span.start < q.span.end and text[q.span.start:q.span.end] == q.text for q in quantities)
    assert [q.value for q in quantities if q.category == "killed"] == [1]


@pytest.mark.parametrize("sentence, value, category", [
    ("Cattle raids continue -3 killed/ 40 huts torched/ 500 goats taken", 3, "killed"),
    ("Militia ambush a convoy near the river. Nine reportedly KIA.", 9, "killed"),
    ("2 stoned to death during a land dispute in the hills.", 2, "killed"),
    ("5 suspected thieves burned to death at the market.", 5, "killed"),
    ("1 trader pulled from his shop and killed during the unrest.", 1, "killed"),
    ("Three guards were on Monday night shot dead by robbers at the depot.", 3, "killed"),
    ("12 Mar. 6 people killed in a raid on the grazing camp.", 6, "killed"),
])
def test_headline_fragments_say_what_a_figure_counts(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_a_figure_in_brackets_is_not_read_with_the_verb_after_them(pipeline):
    text = "A gang of youths (aged between 12 and 16) shot and killed a shopkeeper at the junction."
    assert not [q for q in _quantities(pipeline, text) if q.category == "killed" and q.value in (12, 16)]


def test_injured_and_killed_figures_joined_by_and_keep_their_own_words(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "4 seriously injured and 2 killed in a brawl at the bar")}
    assert found == {(4, "injured"), (2, "killed")}


def test_a_gang_that_kills_is_not_counted_as_killed(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "A gang of 40 youths kill 3 people in the market town.")}
    assert (40, "killed") not in found and (3, "killed") in found


def test_either_figure_of_a_range_keeps_its_noun(pipeline):
    found = [q for q in _quantities(pipeline, "Troops repelled the raid, killing either two or five fighters.")
             if q.category == "killed"]
    assert [(q.low, q.high) for q in found] == [(2, 5)]


@pytest.mark.parametrize("sentence, value, category", [
    ("Raiders stormed the farm and shot him dead.", 1, "killed"),
    ("A farmer is dead after raiders stormed the village.", 1, "killed"),
    ("A guard who was killed in the raid was buried on Sunday.", 1, "killed"),
    ("Militiamen attack a village and kill 6 in the night", 6, "killed"),
])
def test_one_victim_named_by_a_pronoun_relative_or_copula(pipeline, sentence, value, category):
    assert (value, category) in {(q.value, q.category) for q in _quantities(pipeline, sentence)}


def test_a_man_who_killed_is_no_victim(pipeline):
    found = [q for q in _quantities(pipeline, "Villagers chased a man who had killed a goat.") if q.category == "killed"]
    assert not [q for q in found if q.text.lower().startswith("a man")]


@pytest.mark.parametrize("sentence, value", [
    ("His body and the body of his brother were found in a ditch.", 2),
    ("The bodies of a guard and a driver were found near the river.", 2),
    ("Police recovered the body of a trader in the forest.", 1),
])
def test_remains_found_count_one_per_person(pipeline, sentence, value):
    found = [q.value for q in _quantities(pipeline, sentence) if q.category == "killed"]
    assert found == [value]


def test_any_verb_to_death_kills(pipeline):
    found = {(q.value, q.category) for q in _quantities(pipeline, "Three women were charred to death when raiders torched their hut.")}
    assert (3, "killed") in found


@pytest.mark.parametrize("sentence", [
    "Two men were sentenced to death by the court.",
    "The court sentenced 3 soldiers to death.",
])
def test_a_death_sentence_is_no_killing(pipeline, sentence):
    assert not [q for q in _quantities(pipeline, sentence) if q.category == "killed"]


def test_a_place_after_the_victim_is_no_victim(pipeline):
    text = "Villagers beat and killed a youth in Rampur village, Kalia upazila, on suspicion of theft."
    assert [q.value for q in _quantities(pipeline, text) if q.category == "killed"] == [1]


@pytest.mark.parametrize("sentence", [
    "A driver was found killed in his car near the market.",
    "Police officer was found killed on the road to the camp.",
])
def test_found_killed_is_one_death(pipeline, sentence):
    assert [q.value for q in _quantities(pipeline, sentence) if q.category == "killed"] == [1]


def test_one_person_named_twice_in_a_headline_is_one(pipeline):
    text = "Trader and well-known philanthropist John Otieno is shot dead by gunmen in the town."
    assert sum(q.value for q in _quantities(pipeline, text) if q.category == "killed") <= 1
