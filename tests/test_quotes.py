"""The quotes stage: direct and reported speech, attributed to speakers and outlets."""

import pytest


def _quotes(pipeline, text):
    return pipeline.extract(text, published_at="2024-03-02").quotes


def test_speaker_with_role_organization_and_outlet(pipeline):
    text = ('"We have not seen this many families arrive in years," Amina Yusuf, a spokeswoman for '
            'the Northern Relief Coalition, told Reuters.')
    quote = _quotes(pipeline, text)[0]
    assert (quote.kind, quote.speaker.name, quote.speaker.role, quote.speaker.organization, quote.outlet) == \
        ("direct", "Amina Yusuf", "spokeswoman", "Northern Relief Coalition", "Reuters")
    assert quote.text == "We have not seen this many families arrive in years"


def test_inverted_attribution_with_title_and_possessive(pipeline):
    text = '"The town is now fully under our control," said Col. Ahmed Nur, the army\'s regional commander.'
    speaker = _quotes(pipeline, text)[0].speaker
    assert (speaker.name, speaker.role, speaker.organization) == ("Ahmed Nur", "commander", "army")


@pytest.mark.parametrize("text", [
    "\u201cThe convoy was hit twice before dawn,\u201d the ministry said in a statement.",
    '"The convoy was hit twice before dawn," the ministry said in a statement.',
])
def test_straight_and_curly_marks(pipeline, text):
    quote = _quotes(pipeline, text)[0]
    assert (quote.text, quote.speaker.name, quote.speaker.organization) == \
        ("The convoy was hit twice before dawn", None, "ministry")


def test_speaker_before_the_quote(pipeline):
    text = 'The governor said: "Nobody will be allowed to enter the camp tonight."'
    quote = _quotes(pipeline, text)[0]
    assert quote.kind == "direct" and quote.speaker.role == "governor"


def test_quote_across_paragraphs(pipeline):
    text = ('"We will not leave our homes without a fight.\n\n'
            '"The militia has promised to return next week," said Omar Hassan, a village elder.')
    quote = _quotes(pipeline, text)[0]
    assert quote.span.start == 1 and "return next week" in quote.text
    assert quote.speaker.name == "Omar Hassan"


@pytest.mark.parametrize("pronoun", ["she added", "she said"])
def test_pronoun_speaker_is_the_last_person_named(pipeline, pronoun):
    text = f'Amina Yusuf described the camps. "Families arrive with nothing at all," {pronoun}.'
    assert _quotes(pipeline, text)[0].speaker.name == "Amina Yusuf"


def test_scare_quotes_are_not_quotes(pipeline):
    assert all(q.kind != "direct" for q in _quotes(pipeline, 'The "bandits" fled into the forest.'))


@pytest.mark.parametrize("text, clause, organization", [
    ("Police said that three suspects had been detained overnight.",
     "three suspects had been detained overnight", "Police"),
    ("The fighters withdrew from the town, the army said.", "The fighters withdrew from the town", "army"),
    ("The Syrian Observatory for Human Rights said the strikes hit a bakery.",
     "the strikes hit a bakery", "Syrian Observatory for Human Rights"),
])
def test_indirect_quotes_from_organizations(pipeline, text, clause, organization):
    quote = _quotes(pipeline, text)[0]
    assert (quote.kind, quote.text, quote.speaker.name, quote.speaker.organization) == \
        ("indirect", clause, None, organization)


def test_according_to(pipeline):
    text = "According to the Syrian Observatory for Human Rights, at least 40 fighters died in the clashes."
    quote = _quotes(pipeline, text)[0]
    assert (quote.kind, quote.text, quote.speaker.organization) == \
        ("indirect", "at least 40 fighters died in the clashes", "Syrian Observatory for Human Rights")


def test_name_with_role_before_it(pipeline):
    quote = _quotes(pipeline, "Police spokesman Charles Owino said the officers had acted in self-defence.")[0]
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.organization) == \
        ("Charles Owino", "spokesman", "Police")


def test_surname_is_expanded_to_the_full_name(pipeline):
    text = "Amina Yusuf visited the camps on Monday. Yusuf said the agency would need more trucks."
    assert _quotes(pipeline, text)[0].speaker.name == "Amina Yusuf"


def test_spans_point_into_the_text(pipeline):
    text = 'Residents fled. "The shelling did not stop for three hours," said Omar Hassan.'
    quote = _quotes(pipeline, text)[0]
    assert text[quote.span.start:quote.span.end] == quote.text
    assert text[quote.speaker.span.start:quote.speaker.span.end] == "Omar Hassan"


def test_unattributed_quote_continues_the_previous_speaker(pipeline):
    text = ('"The road is closed to all trucks," said Omar Hassan. "We have asked the army to reopen it '
            'before the rains."')
    found = [q for q in _quotes(pipeline, text) if q.kind == "direct"]
    assert [q.speaker.name for q in found] == ["Omar Hassan", "Omar Hassan"]


def test_straight_marks_reopened_mid_paragraph(pipeline):
    text = ('"The road is closed to all trucks now. "We have asked the army to reopen it," said Omar Hassan.')
    found = [q.text for q in _quotes(pipeline, text) if q.kind == "direct"]
    assert found == ["The road is closed to all trucks now.", "We have asked the army to reopen it"]


def _speaker(quote):
    return (quote.speaker.name, quote.speaker.role, quote.speaker.organization)


@pytest.mark.parametrize("pronoun", ["he said", "he added", "he told reporters"])
def test_pronoun_keeps_the_role_and_organization_of_the_paragraph_speaker(pipeline, pronoun):
    text = ("Musa Bello, a spokesman for the Kuru Relief Group, said the camp was full. "
            f'"We need blankets, mats and medicine for the families," {pronoun}.')
    direct = [q for q in _quotes(pipeline, text) if q.kind == "direct"][0]
    assert _speaker(direct) == ("Musa Bello", "spokesman", "Kuru Relief Group")


def test_pronoun_prefers_the_paragraph_speaker_to_a_later_name(pipeline):
    text = ("Musa Bello, the chairman of Kuru council, said the families had been sheltering with relatives "
            'of Ahmed Sule. "We need blankets and medicine before the rains come," he said.')
    direct = [q for q in _quotes(pipeline, text) if q.kind == "direct"][0]
    assert _speaker(direct) == ("Musa Bello", "chairman", "Kuru council")


def test_a_named_speaker_quoted_again_keeps_role_and_organization(pipeline):
    text = ("Amina Yusuf, a spokeswoman for the Northern Relief Coalition, said the camp was full.\n\n"
            "Later, Yusuf said more trucks were needed for the road north.")
    quotes = _quotes(pipeline, text)
    assert _speaker(quotes[-1]) == ("Amina Yusuf", "spokeswoman", "Northern Relief Coalition")


def test_attribution_does_not_cross_a_paragraph(pipeline):
    text = ('"We ran to the river with the children," said Musa Bello. "When we came back, the market was '
            'burning."\n\nAmina Yusuf, a spokeswoman for the Northern Relief Coalition, said aid had arrived.')
    direct = [q for q in _quotes(pipeline, text) if q.kind == "direct"]
    assert [q.speaker.name for q in direct] == ["Musa Bello", "Musa Bello"]


def test_the_groups_director_is_the_group_named_before(pipeline):
    text = ("The Sahel Conflict Monitor, a monitoring group based in Niamey, said 40 attacks had been recorded. "
            '"The violence is spreading south every month," said Idrissa Kane, the group\'s director.')
    direct = [q for q in _quotes(pipeline, text) if q.kind == "direct"][0]
    assert _speaker(direct) == ("Idrissa Kane", "director", "Sahel Conflict Monitor")


@pytest.mark.parametrize("text, expected", [
    ('"People are arriving with nothing at all," said Liam Doherty, an IOM spokesman in Port Sudan.',
     ("Liam Doherty", "spokesman", "IOM")),
    ('"People are arriving with nothing at all," said Ana Silva, a field coordinator for MSF in Pemba.',
     ("Ana Silva", "coordinator", "MSF")),
    ('"People are arriving with nothing at all," said Omar Hassan, a deputy commissioner of the Kuru Police.',
     ("Omar Hassan", "commissioner", "Kuru Police")),
    ('"Our forces have taken the town and the bridge," said Adam Yousif, an RSF adviser, in a video.',
     ("Adam Yousif", "adviser", "RSF")),
    ('"We pulled two boys from under the rubble," said Omar Hassan, a volunteer with the Civil Defence.',
     ("Omar Hassan", "volunteer", "Civil Defence")),
])
def test_roles_and_organizations_in_appositions(pipeline, text, expected):
    assert _speaker(_quotes(pipeline, text)[0]) == expected


def test_name_inside_a_role_phrase(pipeline):
    text = ("A militia commander reached by telephone, who gave his name as Tesfaye Alemu, said his fighters "
            "held the hills.")
    assert _speaker(_quotes(pipeline, text)[0]) == ("Tesfaye Alemu", "commander", "militia")


def test_relative_pronoun_speaker_is_its_antecedent(pipeline):
    text = "Aid reached the Kuru Relief Group, which said that more than 300 families had arrived."
    assert _quotes(pipeline, text)[0].speaker.organization == "Kuru Relief Group"


@pytest.mark.parametrize("attribution, outlet", [
    ("he told Savannah Wire by telephone", "Savannah Wire"),
    ("he told Radio Kulmiye", "Radio Kulmiye"),
    ("he told the council", None),
])
def test_outlet_known_by_the_shape_of_its_name(pipeline, attribution, outlet):
    text = f'Omar Hassan, a village elder, spoke after the raid. "The road has been closed since dawn," {attribution}.'
    direct = [q for q in _quotes(pipeline, text) if q.kind == "direct"][0]
    assert direct.outlet == outlet


@pytest.mark.parametrize("text, organization", [
    ('"Families arrive with nothing," said Ana Silva, a coordinator for Médecins Sans Frontières in Pemba.',
     "Médecins Sans Frontières"),
    ('"The gate was closed," said Omar Hassan, a police officer at the scene.', "police"),
])
def test_a_place_after_the_employer_is_not_part_of_it(pipeline, text, organization):
    assert _quotes(pipeline, text)[0].speaker.organization == organization


@pytest.mark.parametrize("text, expected", [
    ('"We will appeal the ruling," said Mr Okello, who had flown in from Gulu.', ("Okello", None, None)),
    ('"We will appeal the ruling," said Grace Akello, a lawyer for the families.',
     ("Grace Akello", "lawyer", "families")),
])
def test_titles_are_no_organization_and_lawyers_have_a_role(pipeline, text, expected):
    assert _speaker(_quotes(pipeline, text)[0]) == expected


@pytest.mark.parametrize("text, organization", [
    ("KANO (Sahel Wire) - Nigeria's police said on Monday that gunmen had abducted 12 travellers near Kano.",
     "police"),
    ("GOMA (Lakes Report) - The Congolese army said its troops had pushed the rebels back from Sake.", "army"),
])
def test_a_dateline_is_no_speaker(pipeline, text, organization):
    quote = _quotes(pipeline, text)[0]
    assert quote.kind == "indirect" and organization in (quote.speaker.organization or "").lower()
    assert quote.speaker.name is None


def test_a_clause_before_the_speaker_is_reported_speech(pipeline):
    text = "Coalition aircraft carried out four air strikes on rebel positions near Hodeidah, a Yemeni army officer said."
    quotes = [q for q in _quotes(pipeline, text) if q.kind == "indirect"]
    assert quotes and quotes[0].text.startswith("Coalition aircraft carried out four air strikes")
    assert quotes[0].speaker.role == "officer"
