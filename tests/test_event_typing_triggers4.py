"""Trigger phrases added in session 4: crowd violence, undetailed unrest, remains found, long road names.
Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text, expected", [
    ("Opposition supporters lit bonfires in Kisii as they demanded the removal of the county commissioner.",
     ("Riots", "Violent demonstration")),
    ("Persistent post-election violence in the town, details not given.", ("Riots", "Violent demonstration")),
    ("More than forty villagers were roughed up by angry youths at a market in Busia.", ("Riots", "Mob violence")),
    ("The body of a trader was found dumped near a quarry in Thika.", ("Violence against civilians", "Attack")),
    ("Boda boda riders blocked the Kisumu-Busia road for hours over police harassment.", ("Protests", "Peaceful protest")),
])
def test_new_trigger_phrases_code_an_event(pipeline, text, expected):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == expected, event.reason
