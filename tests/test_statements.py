"""Statements: each party's account of an event, kept with its speaker and stance."""

from __future__ import annotations

import pytest

from crisislens.schema import Document, Event, Statement


def _who(statement: Statement) -> str:
    s = statement.speaker
    return " ".join(x for x in (s.name, s.role, s.organization) if x).lower()


def _main(doc: Document) -> Event:
    return max(doc.events, key=lambda e: e.confidence)


def _statements(doc: Document) -> list[Statement]:
    return [s for e in doc.events for s in e.statements]


@pytest.mark.parametrize("text, speakers", [
    ("Artillery shells hit a market in Maiduguri on Monday. The health ministry said 12 people were killed. "
     "A local hospital director put the toll at 30.", ["ministry", "hospital"]),
    ("Soldiers recaptured the town of Kurmuk from rebels on Saturday, the army said. A local monitoring "
     "group said fighting was still going on in Kurmuk on Sunday.", ["army", "monitoring group"]),
    ("Gunmen attacked a bus near Garissa on Friday, killing four passengers, police said. Residents told "
     "reporters that six passengers had been killed in the attack near Garissa.", ["police", "resident"]),
])
def test_an_event_told_by_two_sources_keeps_both_speakers(pipeline, text, speakers):
    doc = pipeline.extract(text, published_at="2024-03-11")
    whos = [_who(s) for s in _main(doc).statements]
    for speaker in speakers:
        assert any(speaker in w for w in whos), (speaker, whos)


@pytest.mark.parametrize("text, speaker, stance", [
    ("Shelling killed five people at a market in Kharkiv on Sunday, regional officials said. The Russian "
     "defence ministry denied shelling the market.", "defence ministry", "denies"),
    ("An air strike hit a school in Idlib on Friday, killing nine children, according to a monitoring "
     "group. The Syrian army denied that its aircraft had struck the school.", "syrian army", "denies"),
    ("Police killed three protesters in Nairobi on Tuesday, witnesses said. Police spokesman John Mwangi "
     "disputed that account.", "john mwangi", "disputes"),
    ("Al Shabaab fighters stormed a military base in Lower Shabelle on Monday. The group claimed "
     "responsibility for the attack on the base.", "", "claims"),
    ("An air strike hit a fuel depot in Kassala on Sunday, killing six workers, residents said. The army "
     "disputed that any civilians had been killed in the strike on the depot.", "army", "disputes"),
])
def test_a_partys_denial_or_claim_keeps_its_stance_and_speaker(pipeline, text, speaker, stance):
    doc = pipeline.extract(text, published_at="2024-03-11")
    found = [s for s in _statements(doc) if s.stance == stance]
    assert found, [(s.stance, _who(s)) for s in _statements(doc)]
    assert any(speaker in _who(s) for s in found)


def test_denial_does_not_make_an_asserted_event_denied(pipeline):
    doc = pipeline.extract("A drone strike killed four people at a wedding in Hajjah province on Monday. "
                           "The coalition denied carrying out the strike.", published_at="2024-03-11")
    event = _main(doc)
    assert event.modality == "asserted"
    assert any(s.stance == "denies" and "coalition" in _who(s) for s in event.statements)


@pytest.mark.parametrize("text, low, high", [
    ("Artillery shells hit a market in Maiduguri on Monday. The health ministry said 12 people were killed. "
     "A local hospital director put the toll at 30.", 12, 30),
    ("Gunmen attacked a bus near Garissa on Friday. Police said four passengers were killed. Residents "
     "said nine passengers were killed in the attack.", 4, 9),
])
def test_different_tolls_from_different_reporters_keep_the_lowest_and_the_highest(pipeline, text, low, high):
    event = _main(pipeline.extract(text, published_at="2024-03-11"))
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (low, low, high)
    assert sorted(s.fatalities for s in event.statements if s.fatalities is not None) == [low, high]


def test_a_toll_that_rose_is_an_update_not_a_second_source(pipeline):
    doc = pipeline.extract("Gunmen attacked a bus near Garissa on Friday. Police said four passengers were "
                           "killed. Hospital officials said the toll later rose to nine.", published_at="2024-03-11")
    event = _main(doc)
    assert "sources differ" not in event.reason
    assert event.fatalities_high != 9 or event.fatalities == 9


def test_statements_point_at_their_words_and_quotes(pipeline):
    text = ('Rebels shelled the town of Kadugli on Sunday. "The shelling went on for three hours and hit the '
            'market," said Amna Idris, a local teacher.')
    doc = pipeline.extract(text, published_at="2024-03-11")
    statements = _statements(doc)
    assert statements
    for s in statements:
        assert text[s.span.start:s.span.end] == s.text
        if s.quote is not None:
            assert doc.quotes[s.quote].span == s.span
    assert any("amna idris" in _who(s) for s in statements)


def test_an_unrelated_statement_is_not_attached(pipeline):
    doc = pipeline.extract("Gunmen killed three farmers in Zurmi on Monday. Separately, the finance minister "
                           "said the budget would be presented next month.", published_at="2024-03-11")
    assert not any("budget" in s.text for s in _statements(doc))


def test_statements_survive_the_contract_round_trip(pipeline):
    doc = pipeline.extract("Shelling killed five people at a market in Kharkiv on Sunday, regional officials "
                           "said. The Russian defence ministry denied shelling the market.", published_at="2024-03-11")
    again = Document.from_dict(doc.to_dict(include_text=True))
    assert again.events[0].statements == doc.events[0].statements
    assert doc.to_dict()["events"][0]["statements"][0]["speaker"]["span"] is not None


@pytest.mark.parametrize("text", [
    ("Government troops and rebels clashed near Kidal on Monday. The army said it killed 15 rebel fighters. "
     "The rebels said eight civilians were killed when troops shelled the village."),
    ("Taliban forces and NRF fighters clashed in Dara on Wednesday. The NRF said it killed nine Taliban fighters. "
     "A Taliban spokesman said two NRF fighters were killed in the clash."),
])
def test_tolls_of_different_dead_are_not_two_sources_disagreeing(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-03-11")
    assert not any("sources differ" in (e.reason or "") for e in doc.events)
