"""The country of generic actors when the places stage found none, and the mention index."""

import pytest

from crisislens.schema import Actor, Document, Span
from crisislens.stages import actors
from crisislens.stages.actor_country import cue_country
from crisislens.stages.actor_index import MentionIndex


def run(pipeline, text: str):
    doc = Document(id="t", text=text, country=None)
    return {a.name for a in actors.process(doc, pipeline.nlp(text), pipeline.resources).actors}


@pytest.mark.parametrize("text, iso3", [
    ("Traders marched to the county assembly to protest new levies.", "KEN"),
    ("The MCA was heckled by residents at a fundraiser.", "KEN"),
    ("A hartal was called across the district.", "BGD"),
    ("Students blocked the road outside the upazila office.", "BGD"),
    ("Gunmen attacked a barangay hall overnight.", "PHL"),
    # a head of state or leader found in one country's politics
    ("Youths rioted after Museveni was declared the winner.", "UGA"),
    ("Supporters of Odinga blocked the highway.", "KEN"),
    # a possessive, with or without its apostrophe, still names the cue
    ("Crowds gathered outside Sheikh Hasina's residence.", "BGD"),
    ("Riots followed the announcement of Kibakis victory.", "KEN"),
])
def test_cue_country(text, iso3):
    assert cue_country(text)[0] == iso3


@pytest.mark.parametrize("text", [
    "Farmers protested over the price of maize.",
    "The mca said nothing.",  # an acronym cue matches only as written
])
def test_no_cue_no_country(text):
    assert cue_country(text)[0] is None


@pytest.mark.parametrize("text, name", [
    ("Nurses protested outside the county assembly over unpaid salaries. Police watched.", "Police Forces of Kenya"),
    ("Students in Kakamega threw stones at police officers.", "Police Forces of Kenya"),
])
def test_generic_actors_take_the_fallback_country(pipeline, text, name):
    assert name in run(pipeline, text)


@pytest.mark.parametrize("text, names", [
    ("Clashes between Maasai and Kikuyu ethnic militias left three dead.",
     {"Maasai Ethnic Militia (Kenya)", "Kikuyu Ethnic Militia (Kenya)"}),
    ("Pokot raiders attack and kill herders during raid", {"Pokot Ethnic Militia (Kenya)"}),
])
def test_ethnic_names_before_a_militia_noun(pipeline, text, names):
    doc = Document(id="t", text=text, country="KE")
    found = {a.name for a in actors.process(doc, pipeline.nlp(text), pipeline.resources).actors}
    assert names <= found


def test_mention_index_prefers_an_overlapping_mention_then_the_first_actor_inside():
    first = Actor(name="A", type="x", inter=3, mentions=[Span(30, 40)])
    second = Actor(name="B", type="x", inter=3, mentions=[Span(10, 15), Span(20, 25)])
    index = MentionIndex([first, second])
    assert index.overlapping(12, 13) is second
    assert index.overlapping(16, 19) is None
    assert index.within(0, 50) is first  # document order, not position
    assert index.within(18, 26) is second


@pytest.mark.parametrize("text, iso2", [
    ("Clerks protested in Kakamega over late pay.", "KE"),
    ("Cleaners demonstrated outside the county assembly over unpaid wages.", "KE"),
])
def test_the_fallback_country_becomes_the_document_country(pipeline, text, iso2):
    # later stages (the events stage naming "Protesters (Kenya)") read doc.country
    doc = Document(id="t", text=text, country=None)
    assert actors.process(doc, pipeline.nlp(text), pipeline.resources).country == iso2


def test_the_places_country_is_kept(pipeline):
    text = "Clerks protested in Kakamega over late pay."
    doc = Document(id="t", text=text, country="UG")
    assert actors.process(doc, pipeline.nlp(text), pipeline.resources).country == "UG"


def test_a_foreign_hamlet_known_by_the_same_other_name_does_not_hide_a_region(pipeline):
    from crisislens.stages.actor_country import region_country

    assert region_country("A bus travelling to Mandera was attacked.", pipeline.resources.gazetteer)[0] == "KEN"
