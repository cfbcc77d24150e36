"""Which sides ACLED names for an event: actor1 and actor2 by what the parties do.

Sentences written for these tests; each guards one naming rule of ACLED's codebook.
"""

import pytest
from primary_event import primary


def names(event) -> tuple:
    return (event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)


@pytest.mark.parametrize("text, actor1, actor2", [
    # a violent crowd meets the police named anywhere in the report
    ("In Nakuru, youths burnt tyres and hurled stones on the highway. Police fired tear gas to disperse them.",
     "Rioters (Kenya)", "Police Forces of Kenya"),
    # a mob with no police in sight: its victim is a civilian
    ("In Kisumu, an angry mob lynched a man suspected of stealing a goat.", "Rioters (Kenya)", "Civilians (Kenya)"),
    # two crowds clashing are rioters on both sides
    ("In Nakuru, ODM and Jubilee supporters clashed and threw stones at each other.",
     "Rioters (Kenya)", "Rioters (Kenya)"),
])
def test_riot_sides(pipeline, text, actor1, actor2):
    event = primary(pipeline, text)
    assert event.event_type == "Riots" and names(event) == (actor1, actor2)


def test_rioters_come_before_the_police_that_fight_them(pipeline):
    event = primary(pipeline, "In Mombasa, police engaged stone-throwing youths in running battles for hours.")
    assert names(event)[0] == "Rioters (Kenya)" and event.actor2 is not None and event.actor2.inter == 1


def test_state_forces_come_first_in_a_battle_with_rebels(pipeline):
    event = primary(pipeline, "In Mandera, Al Shabaab militants ambushed a police patrol and exchanged fire with "
                              "the officers for an hour.")
    assert event.event_type == "Battles" and names(event) == ("Police Forces of Kenya", "Al Shabaab")


def test_an_unnamed_communal_clash_has_the_same_militia_on_both_sides(pipeline):
    event = primary(pipeline, "In Marsabit, clashes between two clans over grazing land left four people dead.")
    assert event.actor1 is not None and event.actor1.inter == 4
    assert event.actor2 is event.actor1


def test_a_bomb_with_no_armed_target_hits_civilians(pipeline):
    event = primary(pipeline, "In Garissa, a bomb exploded at a busy market on Monday, wounding five people.")
    assert event.event_type == "Explosions/Remote violence"
    assert event.actor2 is not None and event.actor2.name == "Civilians (Kenya)"


def test_the_passive_subject_of_hit_by_an_ied_is_the_target(pipeline):
    event = primary(pipeline, "In Wajir, a military truck was hit by an IED on Tuesday.")
    assert event.actor2 is not None and event.actor2.name == "Military Forces of Kenya"
    assert event.actor1 is not None and event.actor1.inter != 1


def test_an_attacker_named_outside_the_trigger_is_the_perpetrator(pipeline):
    event = primary(pipeline, "A trader was killed on Sunday when Turkana raiders invaded a village in Baringo.")
    assert event.actor1 is not None and event.actor1.name == "Turkana Ethnic Militia (Kenya)"


@pytest.mark.parametrize("text, actor1, actor2", [
    # the forces that found the weapon first, its unknown owner second
    ("Defusal: Police found a grenade on a bus in Mombasa.", "Police Forces of Kenya", "Unidentified Armed Group (Kenya)"),
    # a named armed group owns the weapons seized from its camp
    ("Weapons seizure: Police raided an al Shabaab camp in Lamu and recovered rifles.",
     "Police Forces of Kenya", "Al Shabaab"),
])
def test_disrupted_weapons_use_sides(pipeline, text, actor1, actor2):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Disrupted weapons use" and names(event) == (actor1, actor2)


def test_a_mob_s_other_side_is_its_victim_not_police_named_elsewhere(pipeline):
    event = primary(pipeline, "In Kisii, villagers lynched a suspected cattle thief. Police later arrested two men.")
    assert event.sub_event_type == "Mob violence" and names(event) == ("Rioters (Kenya)", "Civilians (Kenya)")


def test_a_violent_demonstration_still_meets_the_police_named_elsewhere(pipeline):
    event = primary(pipeline, "In Kisii, traders protesting new levies burnt tyres and blocked the highway. "
                              "Police later arrested two men.")
    assert event.sub_event_type == "Violent demonstration" and names(event) == ("Rioters (Kenya)", "Police Forces of Kenya")


def test_a_party_s_members_named_civilians_by_default_are_a_crowd(pipeline):
    # "members of <party>" are Civilians only by default: the event's roles see a crowd
    from crisislens.schema import Actor, Document, Span
    from crisislens.stages.event_roles import party

    text = "Members of the Jubo League (JL) beat two shopkeepers."
    parsed = pipeline.nlp(text)
    crowd = Actor(name="Civilians (Bangladesh)", type="civilians", inter=7, mentions=[Span(0, 31)],
                  reason="crowd noun 'members' of Jubo League: civilians, protesters or rioters by what they do")
    doc = Document(id="t", text=text, actors=[crowd])
    token = next(t for t in parsed if t.text == "JL")
    assert party(doc, token).kind == "crowd"


def test_a_pronoun_party_is_what_its_noun_is(pipeline):
    # "them" stands for the arrested suspects: unarmed, so the shooting is an attack on civilians
    event = primary(pipeline, "In Nakuru, police arrested three suspects and later shot them dead.")
    assert event.event_type == "Violence against civilians" and event.actor2.name == "Civilians (Kenya)"


@pytest.mark.parametrize("text, actor1, actor2", [
    # armed men "from" a community are its militia
    ("On Monday, armed bandits from Pokot attacked a village in Baringo and stole cattle.",
     "Pokot Ethnic Militia (Kenya)", "Civilians (Kenya)"),
    # of two agents the parser finds, the armed one did it; a herder killed is a civilian
    ("On Friday, a youth Turkana militia shot and killed a herder near Lokori.",
     "Turkana Ethnic Militia (Kenya)", "Civilians (Kenya)"),
    # a village named by where it is is not the militia of that place's name
    ("Gunmen attacked a village in Elgeyo-Marakwet at night.", "Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
])
def test_communal_attack_sides(pipeline, text, actor1, actor2):
    event = primary(pipeline, text)
    assert event.event_type == "Violence against civilians" and names(event) == (actor1, actor2)


@pytest.mark.parametrize("text, actor1, actor2", [
    # raiders hit villages, then fought the police who repulsed them: the battle's other side is the police
    ("Samburu militia raided two villages near Maralal, but were repulsed by the police after a gunfight.",
     "Samburu Ethnic Militia (Kenya)", "Police Forces of Kenya"),
])
def test_a_battle_s_other_side_is_armed_not_the_village(pipeline, text, actor1, actor2):
    event = primary(pipeline, text)
    assert event.event_type == "Battles" and names(event) == (actor1, actor2)


@pytest.mark.parametrize("text, actor2", [
    # the government a crowd is angry with is no side; the police it meets is
    ("In Kisumu, hawkers rioted against a government ban on street trading, stoning cars. Police fired tear gas.",
     "Police Forces of Kenya"),
    ("In Nakuru, traders rioted against the government's demolition of their kiosks and burnt tyres.", None),
])
def test_a_crowd_s_grievance_with_the_government_is_no_side(pipeline, text, actor2):
    event = primary(pipeline, text)
    assert event.event_type == "Riots" and names(event)[1] == actor2


def test_an_explosion_whose_parse_names_only_victims_takes_the_suspected_group(pipeline):
    event = primary(pipeline, "Two children were killed after an explosion went off in a village near Mandera. "
                              "Police suspect al Shabaab.")
    assert event.event_type == "Explosions/Remote violence" and names(event)[0] == "Al Shabaab"


@pytest.mark.parametrize("text", [
    "In Eldoret, four people were hurt in a clash between supporters of the governor and those of the senator.",
    "In Kisii, two groups of churchgoers fought over a church building; three were injured.",
])
def test_rival_crowds_are_rioters_on_both_sides(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Mob violence" and names(event) == ("Rioters (Kenya)", "Rioters (Kenya)")


@pytest.mark.parametrize("text", [
    "In Limuru, youths burnt tyres and blocked the highway. The police did not intervene.",
    "In Kisumu, traders burnt tyres and blocked the road; there was no police presence.",
])
def test_police_said_to_be_absent_are_no_side(pipeline, text):
    event = primary(pipeline, text)
    assert event.event_type == "Riots" and names(event)[1] is None


@pytest.mark.parametrize("text, actor1, actor2", [
    ("Two soldiers were killed when their lorry struck a landmine near Mandera.",
     "Unidentified Armed Group (Kenya)", "Military Forces of Kenya"),
    ("Three police officers died after their vehicle ran over an IED planted by al Shabaab near Garissa.",
     "Al Shabaab", "Police Forces of Kenya"),
])
def test_forces_hit_by_a_planted_device_are_its_target(pipeline, text, actor1, actor2):
    event = primary(pipeline, text)
    assert event.event_type == "Explosions/Remote violence" and names(event) == (actor1, actor2)
