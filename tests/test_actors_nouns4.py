"""Generic nouns read by their modifier: an armed noun before a crowd noun ("militia members")
names the armed side, and an officer of a civil body ("a health officer") is a civilian."""

import pytest

from crisislens.schema import Document
from crisislens.stages import actors, places


def actor_list(pipeline, text: str):
    parsed = pipeline.nlp(text)
    doc = places.process(Document(id="t", text=text), parsed, pipeline.resources)
    return actors.process(doc, parsed, pipeline.resources).actors


@pytest.mark.parametrize("text", [
    "Officers in Garissa shot dead three suspected militia members on Friday.",
    "Two militia members were arrested near Moyale after the raid.",
    "Soldiers killed four suspected gang members in a shootout in Kisumu.",
])
def test_armed_noun_before_members_is_not_civilians(pipeline, text):
    found = actor_list(pipeline, text)
    members = [a for a in found if any("member" in text[m.start:m.end] for m in a.mentions)]
    assert members and all(a.inter in (2, 3, 4) for a in members)


@pytest.mark.parametrize("text", [
    "Gunmen shot dead a Red Cross officer near the border town.",
    "A mob assaulted a health officer at the dispensary in Kisii.",
    "Unknown attackers abducted an NGO officer in Mandera county.",
    "Youths beat up the returning officer at a tallying centre in Kisumu.",
])
def test_officer_of_a_civil_body_is_civilian(pipeline, text):
    found = actor_list(pipeline, text)
    officers = [a for a in found if any("officer" in text[m.start:m.end] for m in a.mentions)]
    assert officers and all(a.inter == 7 for a in officers)
    assert not any(a.name.startswith("Police Forces") for a in found)


def test_bare_officer_is_still_police(pipeline):
    found = actor_list(pipeline, "Officers shot dead two robbers in Nairobi.")
    assert any(a.name.startswith("Police Forces") for a in found)


def test_civil_officer_shot_is_an_attack_on_civilians(pipeline):
    doc = pipeline.extract("Gunmen shot dead a health officer in Mandera town.", published_at="2020-03-02")
    assert doc.events and doc.events[0].event_type == "Violence against civilians"


def _pronoun_actor(pipeline, text: str) -> str:
    found = actor_list(pipeline, text)
    start = text.index(" they ") + 1
    return next(a.name for a in found if any(m.start == start for m in a.mentions))


@pytest.mark.parametrize("text, expected", [
    # state forces acting on an armed side: the clause tells what that side did
    ("Soldiers shot two gunmen after they raided a shop in Garissa.", "Unidentified Armed Group"),
    ("Police killed three robbers when they attacked a bank in Nakuru.", "Unidentified Armed Group"),
    # anyone else acting on a group, or a harmed group: the subject is taken up
    ("Raiders killed two herders when they attacked the village in Baringo.", "Ethnic Militia"),
    ("Bandits shot two police officers when they attacked a camp in Turkana.", "Unidentified Armed Group"),
])
def test_clause_pronoun(pipeline, text, expected):
    assert expected in _pronoun_actor(pipeline, text)


@pytest.mark.parametrize("text, actor, ally", [
    ("Soldiers arrested three members of the al Qaeda-linked al Shabaab group near Kismayo.", "Al Shabaab", "Al Qaeda"),
    ("Islamic State-affiliated ADF rebels raided a village in North Kivu.", "ADF: Allied Democratic Forces", "Islamic State"),
])
def test_group_named_as_a_link_is_only_an_ally(pipeline, text, actor, ally):
    found = {a.name: a for a in actor_list(pipeline, text)}
    assert actor in found and ally in found[actor].associated
    assert ally not in found


def test_two_groups_side_by_side_stay_two(pipeline):
    found = {a.name for a in actor_list(pipeline, "Al Shabaab and al Qaeda fighters attacked a base in Somalia.")}
    assert {"Al Shabaab", "Al Qaeda"} <= found


@pytest.mark.parametrize("text, name", [
    ("Armed men from Somalia abducted two teachers near the border in Mandera.", "Unidentified Armed Group (Somalia)"),
    ("Raiders from Uganda drove away cattle from a village near Kitale.", "Unidentified Ethnic Militia (Uganda)"),
])
def test_unnamed_armed_side_from_abroad_takes_its_home_country(pipeline, text, name):
    assert name in {a.name for a in actor_list(pipeline, text)}


@pytest.mark.parametrize("text", [
    "Villagers said two women were gang-raped by soldiers near Goma.",
    "Survivors of a gang rape by militiamen were treated in Bunia.",
])
def test_gang_in_an_act_word_is_no_armed_group(pipeline, text):
    assert not any(a.name.startswith("Unidentified Armed Group") for a in actor_list(pipeline, text))


def test_a_gang_is_still_an_armed_group(pipeline):
    assert any(a.name.startswith("Unidentified Armed Group")
               for a in actor_list(pipeline, "A gang attacked a shop in Kisumu town."))


@pytest.mark.parametrize("text, victims", [
    ("Ethiopian raiders attacked Kenyan herdsboys near the border.", "Civilians (Kenya)"),
    ("Ugandan soldiers shot dead two Kenyan fishermen on the lake.", "Civilians (Kenya)"),
])
def test_victims_keep_the_country_their_phrase_names(pipeline, text, victims):
    doc = pipeline.extract(text, published_at="2021-06-01")
    assert doc.events and doc.events[0].actor2 is not None and doc.events[0].actor2.name == victims
