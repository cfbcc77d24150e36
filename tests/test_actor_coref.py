"""Actors across the article: descriptions and pronouns that refer back to a named armed group."""

from __future__ import annotations

import pytest


def _mentions_of(doc, name_part: str) -> list[str]:
    actor = next((a for a in doc.actors if name_part in a.name), None)
    assert actor is not None, [a.name for a in doc.actors]
    return [doc.text[m.start:m.end].lower() for m in actor.mentions]


@pytest.mark.parametrize("text, group, reference", [
    ("The Rapid Support Forces shelled El Fasher on Monday. The paramilitaries have besieged the city since May.",
     "Rapid Support Forces", "paramilitaries"),
    ("The Taliban captured a district centre in Badakhshan. Officials said six policemen were killed. "
     "The guerrillas also seized weapons.", "Taliban", "guerrillas"),
    ("Fighters loyal to Islamic State raided Monguno on Friday. The Islamists burned shops and a clinic.",
     "Islamic State", "islamists"),
    ("JNIM fighters ambushed a convoy near Boni on Monday. The jihadi outfit has expanded its operations.",
     "JNIM", "jihadi outfit"),
])
def test_a_definite_description_is_a_mention_of_the_group(pipeline, text, group, reference):
    doc = pipeline.extract(text, published_at="2024-05-10")
    assert reference in _mentions_of(doc, group)


def test_a_subject_pronoun_sentences_later_is_a_mention_of_the_group(pipeline):
    doc = pipeline.extract("Islamic State claimed an attack on a checkpoint near Kirkuk on Sunday. The statement "
                           "was posted on a messaging channel. It said three soldiers were killed.",
                           published_at="2024-05-10")
    assert "it" in _mentions_of(doc, "Islamic State")


@pytest.mark.parametrize("text, word", [
    # a description that fits no named group: separatists when only a jihadist group is named
    ("Islamic State fighters raided Monguno on Friday. The separatists were not involved.", "separatists"),
    # described through another group: the affiliate is not al-Qaeda itself
    ("Al Qaeda has many branches. The al-Qaeda affiliate said it killed 15 soldiers near Boni.", "affiliate"),
    # another party named in between: the pronoun is not clear
    ("Al Shabaab fighters stormed Bulo Marer on Monday. Government troops later arrived in the town. "
     "The next day it said the operation was over.", "it said"),
])
def test_an_unclear_reference_is_left_alone(pipeline, text, word):
    doc = pipeline.extract(text, published_at="2024-05-10")
    start = text.index(word)
    for actor in doc.actors:
        if actor.inter in (2, 3):
            assert not any(m.start <= start < m.end for m in actor.mentions), (actor.name, word)


def test_the_event_roles_see_the_resolved_mention(pipeline):
    """The events stage reads a party's actor from the actors' mentions: the description is the group."""
    from crisislens.stages.event_roles import party

    text = ("The Rapid Support Forces entered El Fasher on Monday. Residents said the paramilitaries "
            "shelled the main hospital, killing four patients.")
    doc = pipeline.extract(text, published_at="2024-05-10")
    token = next(t for t in pipeline.nlp(text) if t.lower_ == "paramilitaries")
    found = party(doc, token)
    assert found.actor is not None and "Rapid Support Forces" in found.actor.name


def test_a_resolved_mention_records_why(pipeline):
    doc = pipeline.extract("The Rapid Support Forces shelled El Fasher on Monday. The paramilitaries have besieged "
                           "the city since May.", published_at="2024-05-10")
    actor = next(a for a in doc.actors if "Rapid Support Forces" in a.name)
    assert "actor_coref" in actor.reason


def _owner(pipeline, text: str, word: str) -> str | None:
    doc = pipeline.extract(text, "2023-05-04")
    start = text.index(word)
    owners = [a for a in doc.actors if any(m.start == start for m in a.mentions)]
    return owners[0].name if owners else None


@pytest.mark.parametrize("text, pronoun, name", [
    # a verb's subject is never the antecedent of its object
    ("Al Shabaab fighters crossed the river and police engaged them near Mandera.", "them", "Al Shabaab"),
    # a subject pronoun takes up the earlier subject, not the nearest plural noun
    ("Armed gunmen killed two traders and a guard when they raided the market in Garissa.", "they",
     "Unidentified Armed Group (Kenya)"),
])
def test_pronoun_antecedents(pipeline, text, pronoun, name):
    assert _owner(pipeline, text, f" {pronoun} ".strip()) == name
