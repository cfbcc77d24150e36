"""ACLED names for identity militias and for unidentified attackers a report pins on a group."""

import pytest

from crisislens.schema import Document
from crisislens.stages import actors, places


def names(pipeline, text: str) -> set[str]:
    parsed = pipeline.nlp(text)
    doc = places.process(Document(id="t", text=text), parsed, pipeline.resources)
    return {a.name for a in actors.process(doc, parsed, pipeline.resources).actors}


@pytest.mark.parametrize("text, name", [
    # a people named inside what the tagger took for an organisation's name
    ("Toposa militia from South Sudan raided a village near Lokichogio.", "Toposa Ethnic Militia (South Sudan)"),
    ("Kipsigi militia burned houses near Kericho.", "Kipsigi Ethnic Militia (Kenya)"),
    # a nationality word before the people: that country's people
    ("Ethiopian Merrile militia shot two fishermen near Lake Turkana.", "Merrile Ethnic Militia (Ethiopia)"),
    # a nationality that also names a people living in the article's country
    ("Somali militia shot dead a herder in Kitui county.", "Somali Ethnic Militia (Kenya)"),
    # a gang of a people is that people's militia
    ("A gang of 200 Kikuyu torched houses in Naivasha.", "Kikuyu Ethnic Militia (Kenya)"),
])
def test_identity_militia(pipeline, text, name):
    assert name in names(pipeline, text)


@pytest.mark.parametrize("text, name", [
    ("Two groups of Wajir herders clashed over pasture near Habaswein.", "Wajir Communal Militia (Kenya)"),
    ("Raiders from Isiolo attacked a police camp in Meru county.", "Isiolo Communal Militia (Kenya)"),
])
def test_communal_militia_named_by_place(pipeline, text, name):
    assert name in names(pipeline, text)


def test_raiders_from_a_country_are_not_a_place_militia(pipeline):
    found = names(pipeline, "Raiders from Uganda attacked farmers in Kitale.")
    assert not any("Communal Militia" in n and not n.startswith("Unidentified") for n in found)


@pytest.mark.parametrize("text", [
    "Two traders were shot dead by unknown gunmen, later suspected to be al Shabaab, near Mandera.",
    "Masked gunmen attacked a bar in Garissa. Police believe the attackers are linked to al Shabaab.",
    "Youths suspected to be members of the Mungiki sect hacked a man to death in Nakuru.",
])
def test_attributed_attackers_are_the_group(pipeline, text):
    found = names(pipeline, text)
    assert "Unidentified Armed Group (Kenya)" not in found
    assert found & {"Al Shabaab", "Mungiki Militia"}


def test_group_as_victim_keeps_unknown_attackers(pipeline):
    found = names(pipeline, "Two suspected al Shabaab returnees were shot dead in Kwale by unidentified gunmen.")
    assert {"Al Shabaab", "Unidentified Armed Group (Kenya)"} <= found


def test_a_victim_linked_to_a_group_does_not_make_the_attackers_the_group(pipeline):
    found = names(pipeline, "Riots broke out in Mombasa after a cleric with links to al Shabaab was killed by an "
                            "unknown group.")
    assert "Unidentified Armed Group (Kenya)" in found


@pytest.mark.parametrize("text, name", [
    ("A grenade attack on a bar in Garissa was blamed on Islamic militants.", "Al Shabaab"),
    ("Somali Islamist rebels stormed a police camp near Mandera.", "Al Shabaab"),
    # no group dominates there: the attackers stay unidentified
    ("Security forces attacked Islamist militants in Dhaka.", "Unidentified Armed Group (Bangladesh)"),
])
def test_unnamed_islamists_where_one_group_dominates(pipeline, text, name):
    assert name in names(pipeline, text)


def test_possessive_country_without_apostrophe(pipeline):
    assert "Unidentified Armed Group (Kenya)" in names(pipeline, "Gunmen torched homes in Kenyas western highlands.")


def test_police_from_a_named_unit_are_the_unit(pipeline):
    found = names(pipeline, "Protesters gathered in central Nairobi before being dispersed by police from the GSU.")
    assert "Police Forces of Kenya General Service Unit" in found
    assert "Police Forces of Kenya" not in found


def test_a_unit_named_beside_the_police_stays_apart(pipeline):
    found = names(pipeline, "Students clashed with police and BGB forces in Dhaka.")
    assert {"Police Forces of Bangladesh", "Police Forces of Bangladesh Border Guards Bangladesh"} <= found


@pytest.mark.parametrize("text, kind", [
    ("A herder was hacked to death during tribal clashes near Molo.", "Ethnic"),
    ("A herder was hacked to death during a clan feud near Wajir.", "Clan"),
    ("A herder was hacked to death during a cattle raid near Baringo.", "Communal"),
])
def test_unnamed_communal_side_named_by_the_conflict(text, kind):
    from crisislens.stages.event_actor_names import generic_actor
    doc = Document(id="t", text=text, country="KE")
    assert generic_actor(doc, "communal", None, "test").name == f"Unidentified {kind} Militia (Kenya)"


@pytest.mark.parametrize("text, name", [
    ("Gunmen killed two teachers in Ukunda in a suspected extremist attack.", "Al Shabaab"),
    ("Unknown gunmen killed two traders in Mandera.", "Unidentified Armed Group (Kenya)"),
])
def test_an_act_called_islamist_where_one_group_dominates(pipeline, text, name):
    assert name in names(pipeline, text)


def test_events_name_the_dominant_group_for_an_islamist_act():
    from crisislens.stages.event_actor_names import generic_actor
    doc = Document(id="t", text="Two workers were shot dead in a suspected extremist attack.", country="KE")
    assert generic_actor(doc, "unidentified", None, "test").name == "Al Shabaab"
    doc = Document(id="t", text="Two workers were shot dead in a suspected extremist attack.", country="BD")
    assert generic_actor(doc, "unidentified", None, "test").name == "Unidentified Armed Group (Bangladesh)"
