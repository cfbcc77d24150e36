"""CAMEO verb classes beyond the basics: more patterns, lemmatiser slips, hidden subjects."""

import pytest


def roots(pipeline, text):
    doc = pipeline.extract(text, published_at="2024-05-02")
    return {e.cameo[:2] for e in doc.events if e.kind == "interaction" and e.cameo}


@pytest.mark.parametrize("sentence, root", [
    ("Uganda acknowledged its role in the crisis in Congo.", "01"),
    ("Botswana expressed willingness to help Zimbabwe with the drought.", "03"),
    ("President Ruto spoke by telephone with the president of Tanzania.", "04"),
    ("Angola attended the summit on regional security with Zambia.", "04"),
    ("India trained Afghan soldiers at its academy.", "06"),
    ("Azerbaijan returned prisoners of war to Armenia.", "08"),
    ("The junta granted amnesty to political prisoners.", "08"),
    ("Iran allowed international inspectors into the nuclear plant.", "08"),
    ("The Indian government ordered a probe into the border clashes with China.", "09"),
    ("Canada withdrew its ambassador from Saudi Arabia.", "16"),
    ("Mali halted military cooperation with France.", "16"),
    ("Russia pulled out of the grain deal with Ukraine.", "16"),
    ("The militants gave the government of Mali an ultimatum.", "13"),
    ("Nicaragua stripped opposition leaders of their citizenship.", "17"),
    ("Uganda shut down the internet ahead of the election.", "17"),
    ("Mozambique's president met his Malawian counterpart in Maputo.", "03"),
    ("Mali ordered the Swedish envoy to leave within three days.", "16"),
    ("Germany will return the bronze artefacts to Nigeria.", "08"),
    ("Russia blocked the Security Council resolution on Mali.", "12"),
    ("The prosecutor of Peru filed charges against the former president of Bolivia.", "11"),
    ("Rwanda faulted Burundi for the failure of the border talks.", "11"),
    ("The Iranian president snubbed the invitation from Egypt.", "12"),
    ("Morocco froze contacts with the Dutch embassy.", "16"),
    ("Iran staged naval drills near the coast of Oman.", "15"),
])
def test_verb_classes_give_their_root(pipeline, sentence, root):
    assert root in roots(pipeline, sentence)


@pytest.mark.parametrize("sentence, root", [
    # spaCy lemmatises "cordoned" as "cordone": the regular stem is tried too
    ("The army cordoned off the parliament building in Lilongwe.", "17"),
])
def test_verb_with_a_lemmatiser_slip_is_still_found(pipeline, sentence, root):
    assert root in roots(pipeline, sentence)


def test_country_tagged_as_common_noun_can_act(pipeline):
    # the tagger reads "Bahrain" at the start of the sentence as a common noun
    assert "16" in roots(pipeline, "Bahrain severed ties with Qatar.")


def test_passive_whose_subject_the_parser_lost_is_still_coded(pipeline):
    text = ("A smuggler thought to be tied to the cartel who fled from prison in Honduras was "
            "deported Friday to Guatemala where he faces charges, officials said.")
    assert "17" in roots(pipeline, text)


@pytest.mark.parametrize("sentence, expected", [
    ("Kenya regretted Uganda's decision to close the border.", True),
    ("Kenya regretted the long delay in the talks.", False),   # no party to disapprove of
])
def test_regret_needs_a_party_it_disapproves_of(pipeline, sentence, expected):
    assert ("11" in roots(pipeline, sentence)) is expected


def test_withdrawing_troops_is_still_a_retreat(pipeline):
    # "withdraw ... from" stays a military retreat (08) unless the object is an envoy
    found = roots(pipeline, "Armenia withdrew its troops from the border area.")
    assert "08" in found and "16" not in found


def test_subject_of_a_passive_is_the_object_its_pattern_needs(pipeline):
    # "send aid" needs "aid" among the objects; in the passive it is the subject
    assert "07" in roots(pipeline, "Medical aid was sent to Malawi by the government of Japan.")


@pytest.mark.parametrize("sentence", [
    "The airline warned of higher fares after the fuel shortage in Zambia.",
    "The cycling team withdrew from the tournament in Rwanda after a crash.",
])
def test_no_party_no_interaction(pipeline, sentence):
    assert not roots(pipeline, sentence) & {"08", "16"}


@pytest.mark.parametrize("sentence", [
    "The factory snubbed the new safety rules.",          # no party snubbed
    "Doctors reassured the patients after the outbreak.",  # nobody who acts politically
])
def test_verbs_that_need_a_party_as_object(pipeline, sentence):
    assert not roots(pipeline, sentence) & {"03", "12"}
