"""Event detection in long articles: which sentences an event is read from, which mentions are
one event, which are history or statements about an event, and which CAMEO codes a sentence
really reports. Sentences written for these tests.
"""

import pytest

PUBLISHED = "2023-05-04"


def acled(pipeline, text):
    doc = pipeline.extract(text, published_at=PUBLISHED)
    return [e for e in doc.events if e.kind == "acled"], doc


def evidence_texts(doc, event):
    return [doc.text[s.start:s.end] for s in event.evidence]


def test_definite_mention_far_away_is_more_evidence_of_the_same_event(pipeline):
    text = ("A car bomb exploded outside the central market on Monday, killing six people. "
            "The city council met to discuss the budget. Shops reopened in the afternoon. "
            "Traffic was heavy on the main road. Officials blamed the bombing on an armed group.")
    events, doc = acled(pipeline, text)
    bombs = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert len(bombs) == 1, [e.reason for e in events]
    assert any("blamed the bombing" in t for t in evidence_texts(doc, bombs[0]))


def test_new_report_far_away_is_a_separate_event(pipeline):
    text = ("Gunmen attacked a bus on the northern highway on Monday, killing four passengers. "
            "The council met to discuss the budget. Shops reopened in the afternoon. "
            "Schools will stay closed this week. "
            "In a separate incident on Tuesday, soldiers clashed with rebels near the border.")
    events, _ = acled(pipeline, text)
    assert len([e for e in events if e.event_type in ("Battles", "Violence against civilians")]) >= 2


def test_sentences_without_the_event_are_not_evidence(pipeline):
    text = ("Students staged a protest outside the ministry on Monday. The minister travelled abroad. "
            "The weather was warm. Exams start next month. Militants attacked an army post in the hills.")
    events, doc = acled(pipeline, text)
    for e in events:
        for t in evidence_texts(doc, e):
            assert "weather" not in t and "minister travelled" not in t


@pytest.mark.parametrize("text, trigger_piece", [
    ("Market news While the market was busy, two car bombs exploded near the gate.", "While the market"),
    ("==Attack== A suicide bomber blew himself up at the checkpoint.", "A suicide bomber"),
])
def test_glued_heading_is_not_evidence(pipeline, text, trigger_piece):
    events, doc = acled(pipeline, text)
    assert events
    spans = [t for e in events for t in evidence_texts(doc, e)]
    assert any(t.startswith(trigger_piece) for t in spans), spans


def test_background_event_has_no_cameo_code(pipeline):
    text = "The two countries restored diplomatic ties, five years after crowds burned down the embassy."
    doc = pipeline.extract(text, published_at=PUBLISHED)
    background = [e for e in doc.events if e.kind == "acled" and "background" in (e.reason or "")]
    assert background
    assert all(e.cameo is None for e in background)


def test_condemned_attack_is_not_coded_as_an_attack(pipeline):
    doc = pipeline.extract("The foreign ministry condemned an attack by soldiers on a village on Thursday.",
                           published_at=PUBLISHED)
    assert not any(e.cameo and e.cameo.startswith("18") for e in doc.events)


def test_denied_event_has_no_cameo_code(pipeline):
    doc = pipeline.extract("Neither party boycotted the parade on Saturday.", published_at=PUBLISHED)
    assert not any(e.cameo and e.cameo.startswith("14") for e in doc.events)


def test_who_clause_about_a_bystander_is_history(pipeline):
    doc = pipeline.extract("A man who shot at border guards last year was deported to his home country on Monday.",
                           published_at=PUBLISHED)
    shots = [e for e in doc.events if e.kind == "acled" and e.event_type != "Strategic developments"]
    assert shots and all("background" in (e.reason or "") and e.cameo is None for e in shots)


def test_who_clause_of_an_attacker_stays_the_event(pipeline):
    event = max((e for e in pipeline.extract("Gunmen who stormed the village killed five farmers.",
                                             published_at=PUBLISHED).events if e.kind == "acled"),
                key=lambda e: e.confidence)
    assert "background" not in (event.reason or "")


@pytest.mark.parametrize("text", [
    "Explorer John Smith marched along the river towards the old fort.",
    "The opposition will boycott the election next month, its leader said.",
    "A court issued an arrest warrant for the former minister.",
    "Volunteers spent the winter aiding protesters with blankets and food.",
])
def test_not_a_protest_or_arrest(pipeline, text):
    doc = pipeline.extract(text, published_at=PUBLISHED)
    found = [(e.sub_event_type, e.reason) for e in doc.events
             if e.kind == "acled" and (e.event_type == "Protests" or e.sub_event_type == "Arrests")]
    assert not found


def test_condemnation_of_a_reported_attack_is_no_second_event(pipeline):
    text = ("Militants attacked a police post near the border on Monday, killing two officers. "
            "The interior minister condemned the attack on Tuesday.")
    events, doc = acled(pipeline, text)
    violent = [e for e in events if e.event_type in ("Battles", "Violence against civilians")]
    assert len(violent) == 1, [e.reason for e in events]


def test_suppressed_candidate_is_logged_with_its_reason(pipeline, caplog):
    import logging
    with caplog.at_level(logging.DEBUG, logger="crisislens.stages"):
        pipeline.extract("The striker shot wide in the second half.", published_at=PUBLISHED)
    assert any("suppressed" in r.getMessage() and "wide" in r.getMessage() for r in caplog.records)
