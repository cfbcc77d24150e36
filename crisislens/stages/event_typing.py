"""ACLED event type and sub-event type of a merged event, by ordered rules over its evidence.

The rules read what a coder reads: which trigger classes the evidence holds (protest, riot,
clash, attack, explosion, ...), which cues surround them (weapons, tear gas, demands, live
fire) and what kind of party did what to whom (a crowd, state forces, an armed group,
civilians). The hard distinctions of the ACLED codebook, in the order they are applied:

- weapons first: a suicide bomb, air/drone strike, shelling, grenade or planted explosive
  is Explosions/Remote violence, unless the device was defused (Disrupted weapons use)
  or thrown by demonstrators (a riot);
- a demonstration stays a protest while the demonstrators stay peaceful: dispersal, tear
  gas, baton charges or arrests make it "Protest with intervention", deaths or live fire
  "Excessive force against protesters"; violence by the demonstrators (stones, burning
  tyres, vandalism, clashes) makes it a "Violent demonstration";
- a violent crowd outside a demonstration (a mob, residents lynching a thief, supporters of
  two candidates fighting) is "Mob violence";
- armed violence against unarmed victims is "Attack"; against armed or organised victims
  (police, soldiers, militias, raiders) it is "Armed clash".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisislens.schema import EVENT_TYPES

WEAPON_CLASSES = {
    "suicide": ("Suicide bomb", "1831"),
    "chemical": ("Chemical weapon", "2041"),
    "airstrike": ("Air/drone strike", "195"),
    "shelling": ("Shelling/artillery/missile attack", "194"),
    "grenade": ("Grenade", "183"),
    "explosion": ("Remote explosive/landmine/IED", "1833"),
}
PLANTED = "Remote explosive/landmine/IED"  # the sub-event a planted-device weapon cue implies
WEAPON_CAMEO = {sub: cameo for sub, cameo in WEAPON_CLASSES.values()}
VIOLENT = {"attack", "kill", "injure", "clash", "mob", "riot", "vandal", "loot", "destroy", "abduct", "sexual"}
ARMED = {"state", "armed", "group"}
NON_STATE = {"armed", "group"}
UNARMED = {"crowd", "civilian", "protester"}
INTERVENING = VIOLENT | {"police", "arrest"}  # what state forces do to a protest (not officers protesting)


@dataclass(slots=True)
class Features:
    """What the typing rules read from one merged event."""

    classes: set[str]
    main_class: str
    cues: set[str]  # cue kinds present in the evidence (intervention, lethal, demo, ...)
    weapons: list[str]  # sub-event types implied by weapon cues, in text order
    agent_kinds: set[str]
    target_kinds: set[str]
    state_violence: set[str] = field(default_factory=set)  # classes whose only agent is the state
    killed: int = 0
    default: tuple[str, str, str] = ("", "", "")
    victim_kinds: set[str] = field(default_factory=set)  # kinds of those killed or injured
    label: tuple[str, str, str, str] | None = None  # (type, sub-type, cameo, label) a note opens with
    person_destroyed: bool = False  # a destruction verb's object is a person ("a herder was burnt")
    on_demo: set[str] = field(default_factory=set)  # violence others did to the demonstrators
    demo_own: set[str] = field(default_factory=set)  # violence by anyone else (the demonstrators, the state)
    gatherings: bool = False  # every protest word names a gathering (a rally, a procession), not a demand
    demo_sides: list = field(default_factory=list)  # parties who did violence to the demonstrators
    state_acts: set[str] = field(default_factory=set)  # classes state forces did (others may have done them too)


@dataclass(slots=True)
class Coding:
    event_type: str
    sub_event_type: str
    cameo: str | None
    reason: str


def _c(event_type: str, sub: str, cameo: str | None, reason: str) -> Coding:
    assert sub in EVENT_TYPES[event_type], (event_type, sub)
    return Coding(event_type, sub, cameo, reason)


def classify(f: Features) -> Coding:
    """The first rule that fits, with its reason."""
    for rule in RULES:
        coding = rule(f)
        if coding is not None:
            return coding
    et, sub, cameo = f.default
    return _c(et, sub, cameo or None, f"default coding of trigger class '{f.main_class}'")


def _crowd_violence(f: Features) -> set[str]:
    """Violent classes whose initiator is not the state (what demonstrators or a crowd did)."""
    return (f.classes & VIOLENT) - f.state_violence


def _note_label(f: Features) -> Coding | None:
    """An event note that names its category ("Property destruction: ...") is coded as it says."""
    if f.label is None:
        return None
    et, sub, cameo, label = f.label
    return _c(et, sub, cameo or None, f"the note's own category label '{label}:'")


def _disrupted(f: Features) -> Coding | None:
    if "disrupt" in f.classes and not f.killed and not (f.classes & {"clash", "attack", "kill", "protest"}):
        return _c("Strategic developments", "Disrupted weapons use", None,
                  "weapon defused, seized or attack foiled")
    return None


def _agreement(f: Features) -> Coding | None:
    if f.main_class == "agreement" and not (f.classes & VIOLENT):
        return _c("Strategic developments", "Agreement", "057", "agreement/ceasefire trigger")
    return None


def _weapons(f: Features) -> Coding | None:
    found = [cls for cls in WEAPON_CLASSES if cls in f.classes]
    demo = "protest" in f.classes or "riot" in f.classes or "demo" in f.cues
    planted = PLANTED in f.weapons  # a landmine or IED goes off where it was laid: never a crowd's bomb
    crowd = bool(f.agent_kinds & {"crowd", "protester"}) and not (f.agent_kinds & ARMED) and not planted
    if found and not planted and (crowd or (demo and not f.agent_kinds & ARMED)) and found[0] in ("explosion", "grenade"):
        return None  # bombs thrown by a crowd or by demonstrators: a riot, decided below
    if found and f.main_class == "clash" and "armed_fight" in f.cues and found[0] in ("explosion", "grenade"):
        return None  # an IED or grenade ambush that turns into an exchange of fire: an armed clash (ACLED)
    if found and found[0] == "explosion" and "crude_weapon" in f.cues:
        return None  # crude/cocktail/petrol bombs: crowd violence, decided by _crude_bombs
    if found:
        sub, cameo = WEAPON_CLASSES[found[0]]
        return _c("Explosions/Remote violence", sub, cameo, f"weapon trigger class '{found[0]}'")
    if f.weapons and f.classes & {"attack", "kill", "injure"} and not demo:
        sub = f.weapons[0]
        return _c("Explosions/Remote violence", sub, WEAPON_CAMEO.get(sub), f"weapon cue: {sub}")
    return None


def _territory(f: Features) -> Coding | None:
    if "recapture" in f.classes or ("capture" in f.classes and f.agent_kinds & {"state"}):
        return _c("Battles", "Government regains territory", "190", "state forces (re)take an area")
    if "capture" in f.classes and f.main_class == "capture":
        return _c("Battles", "Non-state actor overtakes territory", "190", "non-state group takes an area")
    return None


def _civilian_specific(f: Features) -> Coding | None:
    if "sexual" in f.classes:
        return _c("Violence against civilians", "Sexual violence", "1821", "sexual violence trigger")
    # ACLED: people abducted and then killed, or taken in an attack that also killed, are coded by the killing
    if "abduct" in f.classes and not (f.classes & {"clash", "protest", "riot"}) and not f.killed \
            and "kill" not in f.classes:
        return _c("Violence against civilians", "Abduction/forced disappearance", "181", "abduction trigger")
    return None


def _protest(f: Features) -> Coding | None:
    if not ("protest" in f.classes or ("protester" in f.agent_kinds and f.main_class not in VIOLENT)):
        return None
    attacked = _demonstration_attacked(f)
    if attacked is not None:
        return attacked
    crowd_violence = (_crowd_violence(f) | (f.classes & {"riot"})) - {"kill", "injure", "abduct"}
    if "clash" in f.classes and f.main_class in ("clash", "protest", "riot"):
        # "police and demonstrators clashed", "police engaged in running battles with protesters": a clash or a
        # riot takes two sides, whoever the parse names first
        crowd_violence.add("clash")
    if crowd_violence & {"riot", "mob", "vandal", "loot", "destroy", "attack", "clash"} or "crowd_violence" in f.cues:
        acts = ", ".join(sorted(crowd_violence | ({"disorder"} if "crowd_violence" in f.cues else set())))
        if _crowd_on_demonstration(f) and "clash" not in f.classes:  # demonstrators who clash are violent
            return _c("Riots", "Mob violence", "145", f"a crowd attacking a demonstration or rally ({acts})")
        if _crowds_fighting(f):
            return _c("Riots", "Mob violence", "145", f"rival crowds clashing, not demonstrators ({acts})")
        if "celebration" in f.cues and "demo" not in f.cues:
            return _c("Riots", "Mob violence", "145", f"violence at a victory procession or celebration ({acts})")
        return _c("Riots", "Violent demonstration", "145", f"demonstration with violence by demonstrators ({acts})")
    state_there = "state" in f.agent_kinds | f.target_kinds or "state" in f.cues
    if (f.killed and (state_there or "lethal" in f.cues)) or ("lethal" in f.cues and (
            "state" in f.agent_kinds | f.target_kinds or f.state_violence & VIOLENT)):  # "Police shot at the crowd"
        # deaths at a protest are excessive force only where state forces are there (not "relatives of
        # two brothers killed in a feud staged a protest")
        return _c("Protests", "Excessive force against protesters", "175",
                  "protest met with lethal force" + (" (deaths reported)" if f.killed else " (live fire)"))
    if "intervention" in f.cues or "arrest" in f.classes or f.state_violence & INTERVENING:
        return _c("Protests", "Protest with intervention", "141", "protest dispersed/arrested without lethal force")
    return _c("Protests", "Peaceful protest", "141", "protest trigger, no violence or intervention cue")


def _demonstration_attacked(f: Features) -> Coding | None:
    """Others beating, stoning or shooting at demonstrators who did no violence themselves (ACLED:
    the protest met an intervention; lethal force makes it excessive force). A rival crowd attacking a
    rally or procession is mob violence: no demonstration was suppressed."""
    if not f.on_demo - {"kill", "injure"} or f.demo_own & VIOLENT or "clash" in f.classes or "riot" in f.classes:
        return None
    acts = ", ".join(sorted(f.on_demo))
    if f.gatherings and "demo" not in f.cues:
        return _c("Riots", "Mob violence", "145", f"a crowd attacking a rally or procession ({acts})")
    if f.killed or "lethal" in f.cues:
        return _c("Protests", "Excessive force against protesters", "175",
                  f"others used lethal force on the demonstrators ({acts})")
    return _c("Protests", "Protest with intervention", "141", f"others attacked the demonstrators ({acts})")


def _crude_bombs(f: Features) -> Coding | None:
    """Crude, cocktail or petrol bombs thrown at a house, a rally or a police van are the weapons of
    rioters and party activists: ACLED codes them as riots, not as remote violence, unless a named
    armed group threw them."""
    if "crude_weapon" not in f.cues or not f.classes & {"explosion", "vandal"} or "group" in f.agent_kinds:
        return None
    if "demo" in f.cues or "protest" in f.classes or "riot" in f.classes:
        return _c("Riots", "Violent demonstration", "145", "crude bombs in a demonstration setting")
    return _c("Riots", "Mob violence", "145", "crude bombs thrown outside a demonstration")


def _mob_justice(f: Features) -> Coding | None:
    """Residents or vigilantes beating, burning or lynching a suspected thief or witch: ACLED's mob
    violence, even when the words are those of an attack, unless state forces did it."""
    if "mob_justice" in f.cues and f.classes & (VIOLENT | {"mob"}) and "state" not in f.agent_kinds \
            and "group" not in f.agent_kinds and "armed_fight" not in f.cues:
        return _c("Riots", "Mob violence", "145", "a crowd punishing a suspected thief or witch (mob justice)")
    return None


def _quarrel(f: Features) -> Coding | None:
    """Stabbing or beating that grew out of an altercation or scuffle: spontaneous violence between
    people (ACLED: mob violence), unless state forces, a named armed group or gunfire on both sides."""
    if "quarrel" in f.cues and f.classes & (VIOLENT | {"mob"}) and not f.agent_kinds & {"state", "group"} \
            and "armed_fight" not in f.cues and not f.weapons:
        return _c("Riots", "Mob violence", "145", "violence that grew out of an altercation (spontaneous, mob)")
    return None


def _crowd_on_demonstration(f: Features) -> bool:
    """Youths stoning a rally, supporters attacking a procession: the violent crowd is not the
    demonstrators, so ACLED codes mob violence rather than a violent demonstration."""
    return "protester" in f.target_kinds and "protester" not in f.agent_kinds and bool(
        f.agent_kinds & {"crowd"}) and not f.classes & {"riot"}


def _crowds_fighting(f: Features) -> bool:
    """Supporters of two candidates or factions clashing, with no demonstration or at a victory
    procession: neither side is demonstrating against anyone, so ACLED codes mob violence. With the
    police as a side, a riot named, or a demonstration making demands, it is a violent demonstration."""
    sides = f.agent_kinds | f.target_kinds
    setting = "demo" not in f.cues and ("protest" not in f.classes or "celebration" in f.cues)
    return setting and f.main_class == "clash" and "crowd" in f.agent_kinds and sides <= {"crowd", "civilian"} \
        and not f.classes & {"riot"}


def _riot(f: Features) -> Coding | None:
    crowd_violence = _crowd_violence(f)
    crowd_agent = bool(f.agent_kinds & {"crowd", "protester"}) and not (f.agent_kinds & ARMED)
    unrest = "unrest" in f.cues and "group" not in f.agent_kinds and not f.weapons and "armed_fight" not in f.cues
    if f.agent_kinds & NON_STATE and not f.classes & {"riot", "mob", "protest"} and not unrest:
        return None  # gunmen burning houses: armed violence or property destruction (not unnamed men amid unrest)
    if "group" in f.agent_kinds and not f.agent_kinds & {"crowd", "protester"} and not f.classes & {"riot", "protest"}:
        return None  # militiamen beating villagers: an attack by an armed group, not a crowd
    if _communal_fighting(f) or ("armed_fight" in f.cues and not f.classes & {"riot", "protest"}):
        return None  # raiders, clans, ethnic groups, a gun battle: armed sides, not a crowd
    if _crowd_on_demonstration(f):
        return _c("Riots", "Mob violence", "145", "a crowd attacking a demonstration or rally")
    if f.agent_kinds == {"state"} and not f.classes & {"riot", "protest", "clash"} and "demo" not in f.cues \
            and "crowd_violence" not in f.cues:
        return None  # "officers harassed, beat and looted villagers": state forces' violence, not a crowd's
    # a riot word ("running battles", "riots") is a crowd's violence even when the parse names the police first
    rioting = bool(f.classes & {"riot", "mob", "vandal"} - f.state_violence or "riot" in f.classes)
    if not rioting and not (crowd_agent and crowd_violence):
        return None
    if f.main_class in {"loot", "destroy"} and not crowd_agent and not ({"riot", "mob", "vandal"} & f.classes):
        return None
    if "clash" in crowd_violence and f.agent_kinds & ARMED - {"state"}:
        return None
    if _crowds_fighting(f):
        return _c("Riots", "Mob violence", "145", "rival crowds clashing, not demonstrators")
    if "celebration" in f.cues and "demo" not in f.cues:
        return _c("Riots", "Mob violence", "145", "violent crowd at a victory procession or celebration")
    if "demo" in f.cues or "protest" in f.classes:
        return _c("Riots", "Violent demonstration", "145", "violent crowd in a demonstration setting")
    if "riot" in f.classes and "mob" not in f.classes:
        return _c("Riots", "Violent demonstration", "145", "riot/rioters: violence by demonstrators")
    return _c("Riots", "Mob violence", "145", "violent crowd, no demonstration setting")


def _communal_fighting(f: Features) -> bool:
    """Violence set in a communal conflict (clans, ethnic groups, cattle raids) with no riot, mob
    or demonstration named: ACLED codes communal militias fighting or attacking, not a crowd."""
    return "communal" in f.cues and "protester" not in f.agent_kinds and not f.classes & {"riot", "mob", "protest"}


def _violence(f: Features) -> Coding | None:
    if not f.classes & {"attack", "kill", "injure", "clash", "mob"}:
        return None
    sides = f.agent_kinds | f.target_kinds
    civilian_target = "civilian" in f.target_kinds
    if f.main_class == "clash" or ("clash" in f.classes and not civilian_target):
        if sides & UNARMED and not sides & NON_STATE and not _communal_fighting(f) \
                and not f.cues & {"armed_fight", "armed_resistance"}:  # crossfire, returned fire: armed sides
            if "demo" in f.cues or "protest" in f.classes:
                return _c("Riots", "Violent demonstration", "145", "demonstrators clashing")
            return _c("Riots", "Mob violence", "145", "clash involving an unarmed crowd")
        return _c("Battles", "Armed clash", "193", "clash between armed sides")
    if f.target_kinds & ARMED and not civilian_target:
        return _c("Battles", "Armed clash", "193", "attack on an armed or organised target")
    if f.cues & {"response", "intervention"} and f.state_acts & {"kill", "injure", "attack"} \
            and (f.agent_kinds & NON_STATE or "armed" in f.cues and "civilian" not in f.target_kinds):
        # "raiders attacked a village; police intervened, killing two of them": the forces fought the attackers
        return _c("Battles", "Armed clash", "193", "state forces answered armed attackers with force")
    if "armed_resistance" in f.cues and "civilian" not in f.victim_kinds:  # raided villages, were repulsed
        return _c("Battles", "Armed clash", "193", "the attacked side fought back")
    if "state" in f.victim_kinds and not f.agent_kinds & {"state"} and not civilian_target \
            and "civilian" not in f.victim_kinds:
        return _c("Battles", "Armed clash", "193", "state forces among the dead or wounded")
    if (f.victim_kinds & {"group"} or f.victim_kinds & NON_STATE and f.agent_kinds == {"state"}) \
            and "civilian" not in f.victim_kinds and not civilian_target:  # "police killed a suspected militant"
        return _c("Battles", "Armed clash", "193", "armed fighters among the dead or wounded")
    if f.default[0] == "Battles" and not civilian_target:
        return _c("Battles", "Armed clash", "193", f"trigger '{f.main_class}' codes as a clash")
    return _c("Violence against civilians", "Attack", "180", "violence against unarmed victims")


def _communal_destruction(f: Features) -> Coding | None:
    """Homes burnt or torched in a clan or ethnic conflict, no crowd or demonstration named: ACLED codes
    the fighting between the communal militias (property destruction is a strategic development only
    when no other event type fits), not a riot or looting."""
    if f.main_class in ("destroy", "vandal") and _communal_fighting(f) \
            and not f.classes & {"loot", "attack", "kill", "injure", "abduct", "sexual"} \
            and not f.agent_kinds & {"state", "crowd", "protester"} and "demo" not in f.cues:
        return _c("Battles", "Armed clash", "193", "property burnt in a communal conflict: the communities' fighting")
    return None


def _strategic(f: Features) -> Coding | None:
    if f.person_destroyed and not f.classes & {"loot"} and "state" not in f.target_kinds:
        return _c("Violence against civilians", "Attack", "180", "a person burnt or harmed, not property destroyed")
    if f.classes & {"loot", "destroy"} and f.agent_kinds & {"crowd", "protester", "civilian"} \
            and not f.agent_kinds & ARMED:  # boda boda riders burning a bus, parents wrecking a school
        return _c("Riots", "Mob violence", "145", "a crowd looting or destroying property")
    if f.classes & {"loot", "destroy", "vandal"} and "unrest" in f.cues and not f.agent_kinds & {"state", "group"}:
        if "demo" in f.cues or "protest" in f.classes:
            return _c("Riots", "Violent demonstration", "145", "looting or burning amid demonstrators' unrest")
        return _c("Riots", "Mob violence", "145", "looting or burning amid an outbreak of crowd violence")
    if f.classes & {"loot", "destroy"}:
        return _c("Strategic developments", "Looting/property destruction", "1712",
                  "looting/destruction without an armed clash")
    if "arrest" in f.classes:
        return _c("Strategic developments", "Arrests", "173", "arrest trigger")
    return None


def _crowd_default(f: Features) -> Coding | None:
    """A crowd-violence trigger no rule placed (vandalism by unidentified men, party activists
    wrecking an office) is a violent demonstration only in a demonstration setting."""
    if f.default[0] == "Riots" and "demo" not in f.cues and "protest" not in f.classes and "riot" not in f.classes \
            and f.main_class != "unrest":  # "post-election violence" alone: its row's coding
        return _c("Riots", "Mob violence", "145", f"crowd violence ('{f.main_class}') outside a demonstration")
    return None


RULES = (_note_label, _disrupted, _agreement, _civilian_specific, _weapons, _territory, _protest, _crude_bombs, _mob_justice, _quarrel, _riot,
         _communal_destruction, _violence, _strategic, _crowd_default)
