"""ACLED coding rules of the events stage: who the parties are and which sub-event type a
violent crowd or an armed group's violence gets. Sentences written for these tests."""

import pytest
from primary_event import primary


@pytest.mark.parametrize("text, sub_event_type", [
    # the violent crowd is not the demonstrators: youths stoning a rally are a mob
    ("Youths threw stones at a political rally of the opposition in Nakuru.", "Mob violence"),
    ("Supporters of a losing candidate attacked the victory procession in Kisumu.", "Mob violence"),
    # crowd violence with no demonstration setting
    ("Unidentified men vandalised the office of a councillor in Mombasa.", "Mob violence"),
    # demonstrators who turn violent
    ("Students staged a protest in Eldoret and pelted police with stones.", "Violent demonstration"),
])
def test_violent_crowds(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", sub_event_type), event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # members of a named armed group are armed, whatever the noun
    ("Police shot dead a suspected Mungiki leader in Nairobi.", "Armed clash"),
    ("Soldiers gunned down an al Shabaab suspect near Mandera.", "Armed clash"),
    # a militia beating villagers is an attack, not a mob
    ("Mungiki members beat and killed a trader in Nakuru.", "Attack"),
])
def test_armed_group_members(pipeline, text, sub_event_type):
    assert primary(pipeline, text).sub_event_type == sub_event_type


@pytest.mark.parametrize("text, actor1, inter", [
    ("Soldiers shot dead two herders near Garissa.", "Military Forces of Kenya", 1),
    ("Police shot dead a man in Nairobi.", "Police Forces of Kenya", 1),
    ("Pokot militants killed three people in Baringo.", "Pokot Ethnic Militia (Kenya)", 4),
    ("The Pokot tribe raided a village in Samburu and killed four people.", "Pokot Ethnic Militia (Kenya)", 4),
])
def test_initiator_names(pipeline, text, actor1, inter):
    event = primary(pipeline, text)
    assert (event.actor1.name, event.actor1.inter) == (actor1, inter), event.reason


@pytest.mark.parametrize("text, fatalities", [
    # a killing verb with "to death" implies its victims died
    ("Villagers burned two suspected thieves to death in Kisii.", 2),
    ("A woman was stabbed to death by her neighbour in Nakuru.", 1),
    # an age is no death toll, nor are houses
    ("Gunmen killed Peter Otieno, 45, outside his shop in Kisumu.", 1),
    ("Raiders torched 30 houses and killed one herder in Baringo.", 1),
    # what nearly happened did not
    ("An angry crowd nearly lynched a pickpocket in Meru.", 0),
    # the report says outright that no death belongs to this event
    ("Protesters clashed with police in Dhaka. At least 20 people died in the city that day. "
     "No fatality coded to this event.", 0),
])
def test_fatalities(pipeline, text, fatalities):
    assert (primary(pipeline, text).fatalities or 0) == fatalities


def test_disorderly_demonstrators_riot(pipeline):
    event = primary(pipeline, "Traders protested in Limuru and lit bonfires on the highway.")
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration"), event.reason


def coding(event):
    return event.event_type, event.sub_event_type


@pytest.mark.parametrize("text, sub_event_type", [
    ("Movement of forces: Around forty fighters of the rebel group were seen crossing the river near Kito.",
     "Change to group/activity"),
    ("Property destruction: Armed raiders attacked a farm near Kito and burnt down twelve huts.",
     "Looting/property destruction"),
    ("Non-violent activity: Gunmen hijacked a lorry on the Kito road and drove it across the border.", "Other"),
    ("Defusal: Soldiers found a grenade hidden in a market stall in Kito.", "Disrupted weapons use"),
])
def test_a_note_label_names_the_category(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert coding(event) == ("Strategic developments", sub_event_type), event.reason
    assert "label" in event.reason


def test_a_label_word_later_in_the_text_is_no_label(pipeline):
    event = primary(pipeline, "Rebels attacked a police post in Kito. Property destruction: none reported.")
    assert event.sub_event_type != "Looting/property destruction", event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # home-made bombs are the weapons of rioters and party activists, not remote violence
    ("Unidentified assailants exploded two crude bombs in front of a party office in Rampur.", "Mob violence"),
    ("Activists of the two parties hurled cocktail bombs at each other in Rampur market.", "Mob violence"),
    ("Opposition supporters staged a demonstration in Rampur and threw petrol bombs at the police.",
     "Violent demonstration"),
])
def test_crude_bombs_are_riots(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert coding(event) == ("Riots", sub_event_type), event.reason


@pytest.mark.parametrize("text", [
    "Police fired tear gas shells to disperse two groups of villagers fighting over a pond in Rampur.",
    "A crowd beat a teacher in Rampur after a pupil's suicide was blamed on him.",
])
def test_words_inside_other_phrases_are_no_weapon(pipeline, text):
    assert primary(pipeline, text).event_type != "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "Police found an improvised bomb under a bus seat in Kito and defused it.",
    "An unexploded grenade was discovered outside a church in Kito.",
    "Militants threw a bomb at the checkpoint in Kito but it failed to explode.",
])
def test_weapons_found_or_failing_are_disrupted(pipeline, text):
    event = primary(pipeline, text)
    assert coding(event) == ("Strategic developments", "Disrupted weapons use"), event.reason


@pytest.mark.parametrize("text", [
    # the attacked side fought back: two armed sides
    "Bandits ambushed a lorry near Kito but the guards on board returned fire.",
    "Militiamen raided two villages near Kito and were repulsed by rangers.",
    # state forces among the dead: an attack on police is a battle, not violence against civilians
    "Gunmen ambushed a patrol near Kito and two police officers were killed.",
])
def test_violence_against_armed_sides_is_a_clash(pipeline, text):
    event = primary(pipeline, text)
    assert coding(event) == ("Battles", "Armed clash"), event.reason


def test_villagers_killed_by_raiders_stay_an_attack(pipeline):
    event = primary(pipeline, "Raiders attacked a village near Kito and killed four herdsmen's wives.")
    assert coding(event) == ("Violence against civilians", "Attack"), event.reason


@pytest.mark.parametrize("text", [
    # the demonstration is what the victim did, not where the violence happened
    "Ruling party activists beat a shopkeeper in Rampur for joining an opposition demonstration.",
    "Party workers vandalised a union office in Rampur for supporting the striking teachers' demonstration.",
])
def test_a_demonstration_as_motive_is_no_setting(pipeline, text):
    event = primary(pipeline, text)
    assert coding(event) == ("Riots", "Mob violence"), event.reason


def test_a_clash_during_a_named_demonstration_is_a_violent_demonstration(pipeline):
    event = primary(pipeline, "Opposition activists clashed with police in Rampur during the party's demonstration.")
    assert coding(event) == ("Riots", "Violent demonstration"), event.reason


def test_demanding_an_arrest_is_no_intervention(pipeline):
    event = primary(pipeline, "Teachers staged a human chain in Rampur demanding the arrest of a colleague's killers.")
    assert coding(event) == ("Protests", "Peaceful protest"), event.reason


@pytest.mark.parametrize("text, event_type", [
    # the "after" clause names what caused the injuries, not an earlier event
    ("Three youths were injured in Rampur after supporters of two rival councillors clashed.", "Riots"),
    ("Two herders were killed near Kito after gunmen attacked their village.", "Violence against civilians"),
])
def test_an_after_clause_beside_a_toll_is_its_cause(pipeline, text, event_type):
    event = primary(pipeline, text)
    assert event.event_type == event_type, event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    ("Hundreds of teachers staged a non-violent protest in Rampur on Monday.", "Peaceful protest"),
    ("Violent election protests broke out in Rampur on Monday.", "Violent demonstration"),
])
def test_violent_and_non_violent_protests(pipeline, text, sub_event_type):
    assert primary(pipeline, text).sub_event_type == sub_event_type


@pytest.mark.parametrize("text", [
    "Villagers beat two suspected thieves to death in Rampur.",
    "Vigilantes attacked and burnt a man suspected of witchcraft near Kito.",
])
def test_mob_justice_is_mob_violence(pipeline, text):
    event = primary(pipeline, text)
    assert coding(event) == ("Riots", "Mob violence"), event.reason


def test_police_shooting_a_suspected_thief_is_no_mob(pipeline):
    event = primary(pipeline, "Police shot dead a suspected thief in Rampur.")
    assert event.event_type != "Riots", event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # fighters of a named group killed (by the state or in an untold way) fell in a battle
    ("Police raided a hideout and killed a wanted Mungiki gunman in Thika.", "Armed clash"),
    ("One suspected al Shabaab militant killed near the border town of Lamu.", "Armed clash"),
    # herders are attacked as civilians, even though herders who attack are a militia
    ("Bandits stole two hundred goats and killed four herdsmen in Isiolo.", "Attack"),
    ("Five herders were shot dead by raiders near Lodwar.", "Attack"),
    # a camp is not a barracks unless its modifier says so
    ("Gunmen raided a camp of displaced families and killed two women in Garissa.", "Attack"),
    ("Insurgents attacked an army camp outside Mandera.", "Armed clash"),
])
def test_who_the_victims_are_decides_attack_or_clash(pipeline, text, sub_event_type):
    assert primary(pipeline, text).sub_event_type == sub_event_type, primary(pipeline, text).reason


def test_herders_fighting_the_police_stay_a_side_of_the_clash(pipeline):
    event = primary(pipeline, "Two policemen were injured in clashes with armed herders in Samburu.")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash"), event.reason


def test_a_bare_participle_describing_someone_implies_no_death(pipeline):
    event = primary(pipeline, "Hundreds marched in Dhaka, led by the widow of a lawyer killed abroad, "
                              "demanding justice.")
    assert event.sub_event_type == "Peaceful protest", event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # rival supporters fighting at a victory procession are a mob, not demonstrators
    ("Supporters of the winning and the losing candidate clashed during a victory procession in Bogura.",
     "Mob violence"),
    # but demonstrators making demands who fight a rival party remain a violent demonstration
    ("Members of the opposition clashed with ruling party activists during their march demanding "
     "fresh elections in Sylhet.", "Violent demonstration"),
])
def test_rival_crowds_at_a_celebration_are_a_mob(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", sub_event_type), event.reason


@pytest.mark.parametrize("text", [
    "Nurses protested outside the county offices in Kisii before being dispersed by police.",
    "Hawkers marched through Thika until being driven back by county officers with tear gas.",
])
def test_a_dispersal_told_after_before_or_until_is_an_intervention(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Protest with intervention", event.reason


@pytest.mark.parametrize("text", [
    "Teachers staged a protest in Kericho. Police intercepted their march and baton-charged the teachers.",
    "Farmers held a demonstration in Bungoma. Officers intercepted the procession near the county offices.",
    # the charge hangs on the protest noun by coordination: the next action, not the protest's topic
    "Nurses staged a protest in Kisumu. Police blocked their protest and baton-charged the nurses.",
])
def test_a_protest_intercepted_or_charged_is_an_intervention(pipeline, text):
    event = primary(pipeline, text)
    assert event.sub_event_type == "Protest with intervention", event.reason


@pytest.mark.parametrize("text, sub_event_type", [
    # off-duty or retired security personnel are civilians when attacked
    ("Gunmen shot and killed an off-duty police officer outside his home in Malindi.", "Attack"),
    ("Bandits killed a retired soldier at his farm in Marsabit.", "Attack"),
    # on duty they are the other side of a battle
    ("Gunmen shot and killed a police officer at a roadblock in Malindi.", "Armed clash"),
])
def test_off_duty_personnel_are_civilians(pipeline, text, sub_event_type):
    event = primary(pipeline, text)
    assert event.sub_event_type == sub_event_type, event.reason
