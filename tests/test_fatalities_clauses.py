"""A killing told in a clause that says why or after what the reported event happened is no toll
of that event, even when the parse took "after" for a preposition over the clause's subject."""

import pytest
from primary_event import toll as _toll


@pytest.mark.parametrize("text, toll", [
    ("Villagers burned 9 lorries in the town after one of the lorry drivers hit and killed a cyclist and his passenger.", 0),
    ("Traders set fire to two buses after one of the bus drivers knocked down and killed a hawker.", 0),
    ("Gunmen attacked the village and killed two herders after the elders refused to pay.", 2),
    ("Raiders stormed the market and shot dead three traders after midnight.", 3),
])
def test_a_killing_in_a_clause_the_parse_lost_its_after_for_is_earlier(pipeline, text, toll):
    assert _toll(pipeline, text) == toll


@pytest.mark.parametrize("text, toll", [
    ("On 3 May 2023, workers staged a protest in front of the mill, demanding unpaid wages. At least 8 attackers "
     "beat and killed one of the leaders, and injured the other three, after they left the mill (coded separately).", 0),
    ("On 3 May 2023, raiders shot dead 2 herders near the well, and 3 traders died in the market (coded separately).", 2),
])
def test_coded_separately_covers_a_predicate_that_shares_its_subject(pipeline, text, toll):
    assert _toll(pipeline, text) == toll
