"""A killing told in a clause that says why or after what the reported event happened is no toll
of that event, even when the parse took "after" for a preposition over the clause's subject."""

import pytest


def _toll(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-03-02")
    assert doc.events, text
    best = max(doc.events, key=lambda e: e.confidence)
    return best.fatalities or 0


@pytest.mark.parametrize("text, toll", [
    ("Villagers burned 9 lorries in the town after one of the lorry drivers hit and killed a cyclist and his passenger.", 0),
    ("Traders set fire to two buses after one of the bus drivers knocked down and killed a hawker.", 0),
    ("Gunmen attacked the village and killed two herders after the elders refused to pay.", 2),
    ("Raiders stormed the market and shot dead three traders after midnight.", 3),
])
def test_a_killing_in_a_clause_the_parse_lost_its_after_for_is_earlier(pipeline, text, toll):
    assert _toll(pipeline, text) == toll
