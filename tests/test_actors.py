"""The actors stage: ACLED naming, coreference, associated actors, lexicon sanity."""

import pytest

from crisislens.lexicons import load_table
from crisislens.schema import Document
from crisislens.stages import actors
from crisislens.stages.actor_lexicon import country_name, generic_actor, group_index


def run(pipeline, text: str, country: str | None = "KE") -> Document:
    """The actors stage alone over one parse, with the article country the places stage would set."""
    doc = Document(id="t", text=text, country=country)
    return actors.process(doc, pipeline.nlp(text), pipeline.resources)


def by_name(doc: Document) -> dict:
    return {a.name: a for a in doc.actors}


@pytest.mark.parametrize("text, country, name, inter", [
    ("Soldiers raided the camp at dawn.", "KE", "Military Forces of Kenya", 1),
    ("Police fired tear gas at the crowd.", "BD", "Police Forces of Bangladesh", 1),
    ("Gunmen shot a trader near the market.", "KE", "Unidentified Armed Group (Kenya)", 3),
    ("Unknown assailants stabbed a shopkeeper.", "KE", "Unidentified Armed Group (Kenya)", 3),
    ("Demonstrators marched to the parliament building.", "BD", "Protesters (Bangladesh)", 6),
    ("Rioters burnt tyres on the highway.", "KE", "Rioters (Kenya)", 5),
    ("An angry mob lynched a suspected thief.", "KE", "Rioters (Kenya)", 5),
    ("A woman was injured by a stray bullet.", "KE", "Civilians (Kenya)", 7),
    ("Pokot raiders stole two hundred goats.", "KE", "Pokot Ethnic Militia (Kenya)", 4),
    ("Kipsigis youths torched several houses.", "KE", "Kipsigi Ethnic Militia (Kenya)", 4),
    ("GSU officers stormed the campus.", "KE", "Police Forces of Kenya General Service Unit", 1),
    ("Houthi fighters fired missiles at ships.", "YE", "Ansar Allah", 2),
    ("Suspected al-Shabab militants attacked the convoy.", "KE", "Al Shabaab", 2),
    ("Daesh claimed the bombing in a statement.", "IQ", "Islamic State", 2),
    ("The Awami League announced a rally for Friday.", "BD", "AL: Awami League", 3),
    ("Boko Haram insurgents burnt the village.", "NG", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2),
])
def test_acled_naming(pipeline, text, country, name, inter):
    actor = by_name(run(pipeline, text, country)).get(name)
    assert actor is not None and actor.inter == inter


def test_country_from_a_demonym_when_the_article_has_none(pipeline):
    doc = run(pipeline, "Kenyan police arrested two suspects.", None)
    assert "Police Forces of Kenya" in by_name(doc)


def test_no_country_known_leaves_the_country_out(pipeline):
    police = by_name(run(pipeline, "Police fired tear gas at the crowd.", None)).get("Police Forces")
    assert police is not None and police.country is None


def test_foreign_state_forces_are_external(pipeline):
    actor = by_name(run(pipeline, "Ugandan soldiers crossed into the village.", "KE"))["Military Forces of Uganda"]
    assert (actor.inter, actor.type) == (8, "external_forces")


@pytest.mark.parametrize("text, name, type_", [
    ("Five people died in the attack, Reuters reported.", "Reuters", "media"),
    ("Ten trucks of food were sent by the World Food Programme.", "World Food Programme", "organization"),
])
def test_non_combatants_are_inter_zero(pipeline, text, name, type_):
    actor = by_name(run(pipeline, text)).get(name)
    assert actor is not None and (actor.inter, actor.type) == (0, type_)


def test_group_name_back_reference_and_pronoun_are_one_actor(pipeline):
    doc = run(pipeline, "ISIS claimed the attack on the market. The jihadists said it would strike again.", "IQ")
    state = by_name(doc)["Islamic State"]
    assert len(state.mentions) >= 3 and not any(a.name.startswith("Unidentified") for a in doc.actors)


def test_acronym_and_long_form_join(pipeline):
    doc = run(pipeline, "The Syrian Democratic Forces (SDF) captured the town. SDF fighters then advanced.", "SY")
    sdf = [a for a in doc.actors if "Syrian Democratic Forces" in a.name]
    assert len(sdf) == 1 and len(sdf[0].mentions) >= 3


def test_unlisted_organisation_joins_its_acronym(pipeline):
    doc = run(pipeline, "The Northern Relief Coalition (NRC) sent trucks. Later the NRC said more would come.")
    coalition = by_name(doc)["Northern Relief Coalition"]
    assert "NRC" in coalition.aliases and len(coalition.mentions) == 3


def test_repeated_police_mentions_are_one_actor(pipeline):
    doc = run(pipeline, "Police arrived at dawn. Later the police arrested ten people. Officers said more would follow.")
    police = [a for a in doc.actors if a.name == "Police Forces of Kenya"]
    assert len(police) == 1 and len(police[0].mentions) == 3


def test_definite_noun_refers_back_to_the_ethnic_militia(pipeline):
    doc = run(pipeline, "Pokot raiders stole cattle at night. Police pursued the raiders into the hills.")
    assert "Unidentified Ethnic Militia (Kenya)" not in by_name(doc)
    assert len(by_name(doc)["Pokot Ethnic Militia (Kenya)"].mentions) == 2


def test_allies_on_one_side_are_associated(pipeline):
    doc = run(pipeline, "Al Shabaab and allied clan militia attacked the base.", "SO")
    assert by_name(doc)["Al Shabaab"].associated == ["Unidentified Clan Militia (Somalia)"]


def test_sides_of_a_clash_are_not_associated(pipeline):
    doc = run(pipeline, "Clashes between Pokot and Turkana herders left four dead.")
    assert not any(a.associated for a in doc.actors)


def test_party_activists_are_a_crowd_tied_to_the_party(pipeline):
    doc = run(pipeline, "BCL activists attacked students at the campus.", "BD")
    crowd = [a for a in doc.actors if "BCL: Bangladesh Chhatra League" in a.associated]
    assert crowd and "crowd" in crowd[0].reason


def test_shared_acronym_resolved_by_country(pipeline):
    uganda = by_name(run(pipeline, "UPDF soldiers raided the kraal.", "UG"))
    bangladesh = by_name(run(pipeline, "UPDF activists blocked the road.", "BD"))
    assert "Military Forces of Uganda" in uganda and "Military Forces of Uganda" not in bangladesh


def test_mentions_point_at_the_text(pipeline):
    text = "Suspected al-Shabaab militants ambushed soldiers near the border, killing a driver."
    doc = run(pipeline, text)
    assert {text[m.start:m.end] for m in by_name(doc)["Al Shabaab"].mentions} == {"Suspected al-Shabaab militants",
                                                                                  "al-Shabaab"}


def test_generic_actor_for_the_events_stage():
    assert generic_actor("rioters", "BGD").name == "Rioters (Bangladesh)"
    assert generic_actor("protesters", None).name == "Protesters"


def test_group_lexicon_is_built_once():
    assert group_index() is group_index()


def test_group_lexicon_rows_are_well_formed():
    rows = load_table("armed_groups.csv")
    assert len(rows) >= 150
    for row in rows:
        assert int(row["inter"]) in {1, 2, 3, 4, 8}, row["name"]
        assert not row["country"] or country_name(row["country"]), row["name"]


@pytest.mark.parametrize("text, noun, name", [
    # the parser hangs the enemy on the soldiers' noun: they are still their country's forces
    ("During fighting with al Shabaab three Kenyan soldiers were wounded near the border.", "soldiers",
     "Military Forces of Kenya"),
    # a group's "-linked" fighters are the group as ACLED codes them
    ("Two al Shabaab-linked gunmen shot a trader in the market.", "gunmen", "Al Shabaab"),
    # of two groups, the one the noun belongs to is the actor
    ("Officers arrested members of the al Qaeda-linked al Shabaab insurgents in the town.", "insurgents",
     "Al Shabaab"),
    # the noun's own clause ties it to the group
    ("Gunmen suspected to be affiliated with al Shabaab shot two traders in Mandera.", "Gunmen", "Al Shabaab"),
])
def test_group_modifiers(pipeline, text, noun, name):
    start = text.index(noun)
    actor = by_name(run(pipeline, text)).get(name)
    assert actor is not None and any(m.start <= start < m.end for m in actor.mentions)


@pytest.mark.parametrize("text, noun", [
    ("Al Shabaab militants raided a police post at dawn. The gunmen later burnt a lorry.", "gunmen"),
    ("Al Shabaab fighters ambushed a convoy near Lamu. The attackers fled into the forest.", "attackers"),
])
def test_the_definite_gunmen_refer_back_to_the_named_group(pipeline, text, noun):
    doc = run(pipeline, text)
    start = text.index(noun)
    group = by_name(doc)["Al Shabaab"]
    assert any(m.start <= start < m.end for m in group.mentions)
    assert "Unidentified Armed Group (Kenya)" not in by_name(doc)


def test_unknown_gunmen_after_a_named_group_stay_unidentified(pipeline):
    doc = run(pipeline, "Al Shabaab denied the raid. Unknown gunmen shot two herders.")
    assert "Unidentified Armed Group (Kenya)" in by_name(doc)


def test_a_community_tagged_as_a_place_beside_a_militia_is_a_militia(pipeline):
    doc = run(pipeline, "On June 3, Turkana and Pokot raiders exchanged fire during the night in the village of Kainuk.")
    assert {"Turkana Ethnic Militia (Kenya)", "Pokot Ethnic Militia (Kenya)"} <= set(by_name(doc))


def test_foreign_paramilitary_forces_are_that_country_s_police(pipeline):
    doc = run(pipeline, "Ugandan paramilitary forces attacked a Kenyan fisherman near Busia.")
    actor = by_name(doc).get("Police Forces of Uganda")
    assert actor is not None and actor.inter == 8  # state forces outside their own country


def test_unknown_gunmen_believed_linked_to_a_group_stay_unidentified(pipeline):
    doc = run(pipeline, "Unknown gunmen, believed to be linked to al Shabaab, shot two traders in Mandera.")
    assert "Unidentified Armed Group (Kenya)" in by_name(doc)
