"""CAMEO coding of political interactions (the interactions stage)."""

import pytest


def interactions(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-05-02")
    return doc, [e for e in doc.events if e.kind == "interaction"]


def codes(pipeline, text):
    return {e.cameo for e in interactions(pipeline, text)[1] if e.cameo}


@pytest.mark.parametrize("sentence, code", [
    ("Norway is about to restore full diplomatic ties with Chile after a long rift.", "064"),
    ("Spain welcomed the resumption of talks with Morocco.", "041"),
    ("Brazil urged Argentina to lower its import tariffs.", "102"),
    ("The Kenyan government condemned the decision of the Ugandan parliament.", "122"),
    ("Ethiopia has severed diplomatic relations with Eritrea.", "161"),
    ("The European Union imposed sanctions on Belarus on Monday.", "163"),
    ("Japan signed a trade agreement with Vietnam on Friday.", "057"),
    ("Germany will send humanitarian aid to Sudan, the foreign ministry said.", "070"),
    ("The Ghanaian president praised Togo for its handling of the election.", "051"),
    ("Finland accused Russia of espionage.", "1125"),
    ("India rejected the proposal from Pakistan.", "120"),
    ("Turkey threatened Syria with military force.", "138"),
    ("The United Nations launched an investigation into the killings in Mali.", "090"),
])
def test_verb_patterns_give_cameo_codes(pipeline, sentence, code):
    assert code in codes(pipeline, sentence)


def test_a_visit_is_also_hosted(pipeline):
    found = codes(pipeline, "The French president arrived in Senegal on Monday for a two-day visit.")
    assert {"032", "033"} <= found


def test_passive_voice_swaps_source_and_target(pipeline):
    _, events = interactions(pipeline, "Peru was criticized by Brazil over the border dispute.")
    event = next(e for e in events if e.cameo == "121")
    assert "Brazil" in event.actor1.name
    assert "Peru" in event.actor2.name


@pytest.mark.parametrize("sentence, modality", [
    ("Norway is about to restore diplomatic ties with Chile.", "expected"),
    ("Kenya will host a delegation from Tanzania next week.", "expected"),
    ("Ghana restored diplomatic ties with Morocco on Tuesday.", "asserted"),
])
def test_modality(pipeline, sentence, modality):
    _, events = interactions(pipeline, sentence)
    assert events and events[0].modality == modality


def test_negated_verb_is_recorded_as_denied_without_a_code(pipeline):
    _, events = interactions(pipeline, "Japan did not sign the treaty with South Korea.")
    assert events and all(e.modality == "denied" and e.cameo is None for e in events)


@pytest.mark.parametrize("sentence", [
    "The utility restored power to the factory after the storm.",
    "Chelsea conceded two goals against Arsenal on Saturday.",
    "Madonna will host the awards ceremony in London.",
    "The band received an award from the academy.",
    "Her refusal to meet the press surprised everyone.",
])
def test_ordinary_uses_of_the_verbs_are_not_interactions(pipeline, sentence):
    assert not codes(pipeline, sentence)


@pytest.mark.parametrize("sentence", [
    "Police arrested three opposition leaders in Harare on Sunday.",
    "Rebels attacked an army base near Goma, killing ten soldiers.",
    "Thousands of teachers protested in Nairobi over unpaid wages.",
])
def test_violence_protest_and_arrest_are_left_to_the_events_stage(pipeline, sentence):
    assert not {c for c in codes(pipeline, sentence) if c[:2] in {"14", "18", "19", "20"} or c == "173"}


def test_spans_point_at_the_verb_the_sentence_and_the_actors(pipeline):
    text = "Qatar hosted officials from Egypt. Norway is about to restore ties with Chile."
    doc, events = interactions(pipeline, text)
    event = next(e for e in events if e.cameo == "064")
    assert text[event.trigger.start:event.trigger.end] == "restore"
    assert text[event.evidence[0].start:event.evidence[0].end].startswith("Norway is about")
    for actor in (event.actor1, event.actor2):
        assert any(text[m.start:m.end] in actor.name or actor.name in text[m.start:m.end]
                   for m in actor.mentions)


def test_interactions_rank_below_violent_events(pipeline):
    _, events = interactions(pipeline, "Uganda condemned the attack and pledged aid to Kenya.")
    assert events and all(0.2 <= e.confidence <= 0.35 for e in events)
    assert all(e.event_type == "Strategic developments" for e in events)


def test_one_event_per_code_per_sentence(pipeline):
    _, events = interactions(pipeline, "Mali condemned and denounced the coup in Niger.")
    found = [e.cameo for e in events if e.cameo]
    assert len(found) == len(set(found))


def test_a_background_clause_is_not_coded_beside_the_main_event(pipeline):
    _, events = interactions(pipeline, "Chad pledged aid to Niger until the rebels yielded the town.")
    assert "080" not in {e.cameo for e in events}
    assert any(e.cameo and e.cameo.startswith("03") for e in events)


def test_a_background_clause_alone_is_still_coded(pipeline):
    found = codes(pipeline, "After Kenya restored diplomatic ties with Somalia, trade grew quickly.")
    assert "064" in found


def test_negation_hung_on_an_adverb_still_denies(pipeline):
    _, events = interactions(pipeline, "Portugal did not even ever clash over the quotas with Spain.")
    assert all(e.cameo is None for e in events)


def test_passive_subject_parsed_as_plain_subject_is_the_target(pipeline):
    _, events = interactions(pipeline, "The Maldives was heavily and unfairly criticized over its fishing rules.")
    event = next(e for e in events if e.cameo and e.cameo.startswith("12"))
    assert "Maldives" in event.actor2.name and event.actor1 is None


@pytest.mark.parametrize("sentence", [
    "The rebel commander promised raids on government positions in Kivu.",
    "Iran promised retaliation against Israel for the strike.",
])
def test_promising_force_is_a_threat(pipeline, sentence):
    assert "138" in codes(pipeline, sentence)


@pytest.mark.parametrize("sentence, code", [
    ("Egypt condemnes Israel over the blockade.", None),
    ("Egypt visites Jordan every year.", None),
    ("Egypt condemns Israel over the blockade.", "122"),
    ("Egypt visits Jordan every year.", "032"),
])
def test_a_verb_spelt_as_no_inflection_of_its_lemma_is_not_coded(pipeline, sentence, code):
    found = codes(pipeline, sentence)
    if code is None:
        assert not found
    else:
        assert code in found
