"""Issue 9: no violent event for figurative uses, accidents, negations or ordinary news."""

import pytest

from crisislens.schema import EVENT_TYPES

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
assert VIOLENT <= set(EVENT_TYPES)


def violent(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-03-02")
    return [e for e in doc.events if e.event_type in VIOLENT and e.modality == "asserted"]


@pytest.mark.parametrize("text", [
    # sport
    "Arsenal attacked down the left and Henry shot wide in the second half.",
    "The striker fired a shot at goal after a killer pass from midfield.",
    "Chelsea were beaten 2-0 by Liverpool on Saturday, and the coach said his team lacked fight.",
    # markets
    "Shares in the bank were hammered after profits fell, and oil prices crashed.",
    # politics
    "The bill was killed in the Senate after a bruising battle over the budget.",
    # entertainment
    "She shot her new film in Kabul last year, a killer performance, critics said.",
    # technology
    "A virus attacked computers across the country and hackers targeted the bank's website.",
])
def test_figurative_violence_is_not_an_event(pipeline, text):
    found = violent(pipeline, text)
    assert not found, [(e.sub_event_type, e.reason) for e in found]


@pytest.mark.parametrize("text", [
    "Two people died in a road accident on the highway.",
    "The singer died of cancer at the age of 81.",
])
def test_accidental_deaths_are_not_conflict_events(pipeline, text):
    assert not violent(pipeline, text)


def test_no_one_killed_is_not_an_event(pipeline):
    assert not violent(pipeline, "No one was killed, officials said.")


def test_sports_article_with_violent_words_has_no_violent_event(pipeline):
    text = ("United beat City in the derby on Sunday. The club's striker scored twice and the coach "
            "praised his squad. City attacked relentlessly in the final minutes, but the league leaders "
            "killed the game with a third goal. The season's title race is now wide open, the manager said, "
            "and the players will face a tough cup match next week.")
    assert not violent(pipeline, text)


def test_planned_attack_is_expected_not_asserted(pipeline):
    doc = pipeline.extract("The militia plans to attack the town next week.", published_at="2024-03-02")
    assert all(e.modality != "asserted" for e in doc.events if e.event_type in VIOLENT)


def test_real_attack_in_short_report_is_kept(pipeline):
    assert violent(pipeline, "Gunmen shot dead two traders at the market in Mandera on Friday.")
