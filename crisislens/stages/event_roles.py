"""Who did what to whom: the initiator (actor1) and target (actor2) of an event trigger.

The parties and their kinds (crowd, state, armed, group, civilian, protester) come from
event_parties (the parse around the trigger, and the targets event_targets finds where the
parse hides them): the same "residents" are civilians when attacked and rioters when they burn
a police post, so the event, not the noun, decides the role. `choose_actors` then names the
sides as ACLED does: the police a violent crowd meets, civilians as victims, both unnamed
militias of a communal clash.
"""


from __future__ import annotations

from crisislens.schema import Actor, Document, Span
from crisislens.stages import event_targets as tg
from crisislens.stages.actor_arguments import arguments
from crisislens.stages.actor_index import mention_index
from crisislens.stages.event_actor_names import GENERIC, generic_actor, security_forces, token_span
from crisislens.stages.event_parties import (
    CLASH_WORDS,
    LOCATIVE,
    Party,
    _noun_kinds,
    armed_group,
    parties,
    party,
)

__all__ = ["Party", "arguments", "choose_actors", "parties", "party", "_noun_kinds", "armed_group"]

PLANTED = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})  # not state forces' weapons
MILITARY_NOUNS = {"soldier", "troop", "army", "military", "kdf", "marine", "paratrooper", "commando"}


def state_actor(doc: Document, p: Party) -> Actor:
    """State forces the parse names only by a common noun ("soldiers", "Military", "police")."""
    if p.actor is not None and p.actor.inter == 1:
        return p.actor
    which = "military" if p.token.lemma_.lower() in MILITARY_NOUNS or p.token.lower_ in MILITARY_NOUNS else "police"
    return generic_actor(doc, which, token_span(p.token), f"state forces named by '{p.token.text}'")


def _first_actor(parties_: list[Party], kinds: set[str] | None = None) -> Party | None:
    for p in parties_:
        if p.actor is not None and (kinds is None or p.kind in kinds):
            return p
    return None


def _unnamed_kind(agent: Party | None, communal: bool) -> str:
    """An unnamed attacker is a communal militia when the noun says so ("raiders", "herders")
    or the report sets it in a communal conflict (clans, ethnic clashes, cattle raids)."""
    if communal:
        return "communal"
    if agent is not None and (agent.actor is None or agent.actor.name.startswith(GENERIC["unidentified"][0])):
        noun = _noun_kinds().get(agent.token.lower_) or _noun_kinds().get(agent.token.lemma_.lower())
        if noun == ("armed", 4):
            return "communal"
    return "unidentified"


def choose_actors(doc: Document, event_type: str, sub_event_type: str, agents: list[Party],
                  targets: list[Party], others: list[Party], trigger: Span,
                  communal: bool = False, interveners: list[Party] | None = None
                  ) -> tuple[Actor | None, Actor | None, str]:
    """(actor1, actor2, reason): roles by what the parties do in this event, ACLED-style names.
    `interveners`: who did violence to a demonstration besides state forces (party activists,
    unknown men), the protest's other side."""
    def mention(p: Party | None) -> Span:
        return token_span(p.token) if p is not None else trigger

    agent = agents[0] if agents else None
    target = targets[0] if targets else None
    # "a youth militia shot ...": of two agents, the armed one did it
    named_agent = _first_actor(agents, {"state", "armed", "group"}) or _first_actor(agents)
    named_target = _first_actor(targets)
    state = _first_actor(agents + targets + others, {"state"})
    if event_type in ("Protests", "Riots"):
        # a crowd's grievance with "the government" is not a side: ACLED names the forces it meets
        state = next((p for p in agents + targets + others if p.actor is not None and p.kind == "state"
                      and not p.actor.name.startswith("Government")), None)
        if named_target is not None and named_target.actor.name.startswith("Government"):
            named_target = None
    if event_type == "Protests":
        a1 = generic_actor(doc, "protesters", mention(agent), "people demonstrating")
        a2 = None
        if sub_event_type != "Peaceful protest" and interveners:
            # "ruling party activists assaulted the demonstrators": ACLED lists the attackers as rioters
            # (a named armed group keeps its name)
            side = interveners[0]
            a2 = side.actor if side.actor is not None and side.actor.inter in (2, 3, 4) \
                and not side.actor.name.startswith("Unidentified") else \
                generic_actor(doc, "rioters", mention(side), "others attacking the demonstrators")
            return a1, a2, "protesters; others attacking them intervening"
        if sub_event_type != "Peaceful protest":
            a2 = state.actor if state else generic_actor(doc, "police", trigger, "unnamed forces intervening")
        return a1, a2, "protesters; state forces intervening" if a2 else "protesters"
    if event_type == "Riots":
        if agent is not None and agent.kind == "state" and named_agent:  # "police engaged youths in running
            return generic_actor(doc, "rioters", mention(target), "crowd facing state forces"), \
                named_agent.actor, "crowd as rioters; state forces second, as ACLED lists a riot"  # battles"
        a1 = generic_actor(doc, "rioters", mention(agent), "crowd using violence")
        # a named armed group or state force; "suspected criminals" a mob lynches and a party's
        # office it wrecks are not fighters
        if named_target and named_target.actor.inter in ARMED_OR_STATE and named_target.kind != "crowd" \
                and not named_target.actor.name.startswith("Unidentified"):
            return a1, named_target.actor, "rioters against a named armed or state party"
        clash = doc.text[trigger.start:trigger.end].lower().startswith(CLASH_WORDS)
        clash = clash or (target is not None and tg.is_reciprocal(target.token))  # "stoned each other"
        other_crowd = target if target is not None and target.kind in ("crowd", "protester") else \
            agents[1] if len(agents) > 1 and agents[1].kind in ("crowd", "protester") else None
        if clash and other_crowd is not None:  # "ODM and PNU supporters clashed": rioters on both sides
            return a1, generic_actor(doc, "rioters", mention(other_crowd), "other side of a crowd clash"), \
                "crowd clash"
        if clash and state is None and sub_event_type == "Mob violence" and (
                target is None or target.kind in (None, "crowd", "protester")):
            # "supporters of A and those of B clashed": rival crowds, neither side a victim
            return a1, generic_actor(doc, "rioters", trigger, "other side of a crowd clash"), "crowd clash"
        # a mob's other side is its victim: police the report names elsewhere (arriving, arresting)
        # or in another clause are not what it fought; a demonstration's other side is the police
        mob = sub_event_type == "Mob violence"
        if state and state.actor is not a1 and state is not agent and not (mob and state not in targets):
            return a1, state.actor, "rioters against state forces"
        hit = next((p for p in others if p.kind == "state" and p.actor is not None and p.actor.inter == 1
                    and tg.struck(p.token)), None) if mob else None
        if hit is not None and hit.actor is not a1:  # "lynched a thief and beat up policemen who intervened"
            return a1, hit.actor, "rioters; state forces they attacked"
        forces = None if mob else security_forces(doc)
        if forces is not None:  # ACLED names the police a violent crowd meets, wherever the report says so
            return a1, forces, "rioters; state forces named in the report"
        if sub_event_type != "Mob violence" and not (named_target and named_target.actor.type == "person"):
            return a1, None, "violent demonstration; no other side named"
        return a1, generic_actor(doc, "civilians", mention(target), "victims of a violent crowd"), \
            "rioters; victims as civilians"
    violent_agent = named_agent if named_agent and named_agent.actor.inter not in (5, 6, 7) \
        and named_agent.kind != "crowd" else None
    if violent_agent is not None and violent_agent.actor.name.startswith(GENERIC["unidentified"][0]) \
            and _unnamed_kind(violent_agent, communal) == "communal":  # "armed raiders", gunmen in a cattle raid
        violent_agent = Party(violent_agent.token, generic_actor(
            doc, "communal", token_span(violent_agent.token), "unnamed attackers in a communal conflict"), "armed")
    if violent_agent is None and agent is not None and agent.kind == "state":
        violent_agent = Party(agent.token, state_actor(doc, agent), "state")
    # no perpetrator in the parse, or only its victims ("children were killed after an explosion")
    if violent_agent is None and (agent is None or agent.kind in ("armed", "group", None) or (
            agent.kind == "civilian" and event_type == "Explosions/Remote violence")):
        hit = named_target.actor if named_target and named_target.token.dep_ in ("nsubj", "nsubjpass") else None
        found = _named_perpetrator(doc, others, hit)  # "killed when Pokot raiders invaded": the raiders;
        # never the side a passive says was hit ("5 SLDF members shot dead")
        violent_agent = Party(agent.token if agent else None, found, "armed") if found else None
    if event_type == "Violence against civilians":
        if violent_agent is None and agent is not None and agent.kind == "crowd" and not communal:  # "supporters
            a1 = generic_actor(doc, "rioters", mention(agent), "a crowd attacking people")  # stabbed a rival"
            return a1, generic_actor(doc, "civilians", mention(target), "victims of a violent crowd"), \
                "crowd as rioters; victims as civilians"
        a1 = violent_agent.actor if violent_agent else generic_actor(
            doc, _unnamed_kind(agent, communal), mention(agent), "perpetrator not named")
        a2 = generic_actor(doc, "civilians", mention(target), "victims of an attack on civilians")
        return a1, a2, "perpetrator; victims as civilians"
    if event_type == "Explosions/Remote violence" and sub_event_type in PLANTED and violent_agent is not None \
            and violent_agent.kind == "state" and violent_agent.actor is not None and violent_agent.actor.inter == 1:
        # "officers were killed when their vehicle struck an IED": forces do not plant bombs on themselves
        a1 = _named_perpetrator(doc, others) or generic_actor(doc, "unidentified", trigger, "bomber not named")
        return a1, violent_agent.actor, "state forces hit by a planted or thrown device; its user first"
    if event_type in ("Battles", "Explosions/Remote violence"):
        a1 = violent_agent.actor if violent_agent else None
        a2 = named_target.actor if named_target else None
        if a2 is not None and a2.inter == 0 and (a2.type != "person" or (
                named_target.token.dep_ == "pobj" and named_target.token.head.lower_ in LOCATIVE)):
            a2 = None  # "attacked Jaldesa", "clashed at X": a place or an organisation is no side
        if a1 is None and state and state.actor is not a2 and event_type == "Battles" and agent is None:
            a1 = state.actor
        if a1 is None:
            a1 = generic_actor(doc, _unnamed_kind(agent, communal), mention(agent), "attacker not named")
        if a2 is None and target is not None and target.kind == "state":
            a2 = state_actor(doc, target)
        if a2 is None and target is not None and target.kind in ("armed", "group") and a1.inter == 1:
            # "police shot dead five suspected carjackers": an armed side no name or lexicon holds
            a2 = generic_actor(doc, _unnamed_kind(target, communal), mention(target), "armed target not named")
        why = "initiator and target from the parse"
        if a2 is None and target is not None and target.kind == "civilian" and event_type == "Battles":
            # raiders hit a village, then fought the police who repulsed them: a battle's other side is armed
            a2, why = _other_side(doc, a1, others, event_type, trigger)
            if a2 is None or a2 is a1 or a2.inter not in ARMED_OR_STATE:
                a2, why = None, "initiator and target from the parse"
            else:
                why += "; the attacker first, the forces that answered second"
        if a2 is None and target is not None and target.kind == "civilian":
            a2 = generic_actor(doc, "civilians", mention(target), "civilian victims")
        passive_hit = target is not None and target.kind in ("armed", "group") \
            and target.token.dep_ in ("nsubj", "nsubjpass")  # "three bandits shot dead": unnamed on both sides
        fellow = _fellow_side(doc, a1, agents, communal) \
            if event_type == "Battles" and (a2 is None or a2 is a1) and not passive_hit else None
        if fellow is not None:
            a2, why = fellow
        elif a2 is None or (a2 is a1 and not passive_hit):
            a2, why = _other_side(doc, a1, others, event_type, trigger)
        if event_type == "Battles" and a2 is None and a1.inter == 4 and a1.name.startswith("Unidentified"):
            a2, why = a1, why + "; both sides unnamed militias of a communal clash, as ACLED codes them"
        if sub_event_type == "Armed clash" and a2 is not None and a2.inter == 7 and a1.inter == 4:
            # "four people were shot as inter-clan fighting erupted": the dead are no side of a clash
            a2, why = a1, why + "; a clash has no civilian side: the communal militia on both sides"
        if event_type == "Battles" and a2 is not None and a2.inter == 1 and a1.inter in (2, 3) \
                and not a1.name.startswith(GENERIC["unidentified"][0]) and "answered" not in why:
            a1, a2, why = a2, a1, why + "; state forces first, as ACLED lists a state-rebel battle"
        return a1, a2, why
    if sub_event_type == "Disrupted weapons use":
        return _disrupted(doc, agents + targets + others, trigger)
    a1 = named_agent.actor if named_agent else None
    a2 = named_target.actor if named_target else None
    if sub_event_type == "Arrests" and (a1 is None or a1.inter != 1):
        a1, a2 = (state.actor if state else generic_actor(doc, "police", trigger, "arrests are made by state forces")), \
            a2 or (a1 if a1 is not None and a1.inter != 1 else None)
        return a1, a2, "arresting state forces; the arrested as target"
    if a1 is None and violent_agent is not None:
        a1 = violent_agent.actor
    if a1 is None and agent is not None and agent.kind == "armed":
        a1 = generic_actor(doc, _unnamed_kind(agent, communal), mention(agent), "unnamed armed actor")
    if a2 is not None and a2.inter == 0 and a2.type not in ("person",):
        a2 = None  # an organisation or a place read as one is not a side ACLED names
    return a1, a2, "parties from the parse"


ARMED_OR_STATE = frozenset({1, 2, 3, 4, 8})


def _fellow_side(doc: Document, a1: Actor, agents: list[Party], communal: bool) -> tuple[Actor, str] | None:
    """The other side of a fight its subject names on its own: "police and carjackers engaged in a
    shootout", "Kipsigi and Maasai militias clashed", "rival Maasai groups clashed" (the same actor on
    both sides, as ACLED codes a group fighting itself)."""
    for p in agents:
        if p.kind in ("armed", "group", "state") and p.actor is not a1 and (p.actor is None or p.actor.name != a1.name):
            actor = p.actor or (state_actor(doc, p) if p.kind == "state" else generic_actor(
                doc, _unnamed_kind(p, communal), token_span(p.token), "armed side not named"))
            if actor is not a1 and actor.inter in ARMED_OR_STATE:
                return actor, "the other side named with the first as the fight's subject"
    index = mention_index(doc, agents[0].token.doc) if agents and agents[0].token is not None else None
    for p in agents:
        heads = (p.token, tg.victim_head(p.token)) if index is not None else ()  # "members of the X and Y clans"
        for mod in (m for h in heads for m in tg.coordinated_modifiers(h)):
            actor = index.overlapping(mod.idx, mod.idx + len(mod.text))
            if actor is not None and actor is not a1 and actor.inter in ARMED_OR_STATE and actor.name != a1.name:
                return actor, "the other people named before the fighters' noun"
    if agents and agents[0].token is not None and a1.inter in (2, 3, 4) and (
            tg.rival_sides(agents[0].token) or tg.rival_sides(tg.victim_head(agents[0].token))):
        return a1, "rival sections of one group fighting: the same actor on both sides"
    return None


def _disrupted(doc: Document, parties_: list[Party], trigger: Span) -> tuple[Actor | None, Actor | None, str]:
    """A weapon found, seized or defused: ACLED lists the forces that stopped it first and the
    weapon's owner (a named group, else an unidentified one) second; with no forces named, the
    owner alone."""
    state = _first_actor(parties_, {"state"})
    forces = state.actor if state else security_forces(doc)
    owner = next((p.actor for p in parties_ if armed_group(p.actor) and p.kind in ("armed", "group")), None) \
        or next((a for a in doc.actors if armed_group(a) and a.mentions), None)  # not a party's members
    if forces is not None:
        return forces, owner or generic_actor(doc, "unidentified", trigger, "owner of the weapon not named"), \
            "forces that stopped the weapon; its owner second"
    return owner or generic_actor(doc, "unidentified", trigger, "owner of the weapon not named"), None, \
        "owner of the weapon; no forces named"


def _named_perpetrator(doc: Document, others: list[Party], hit: Actor | None = None) -> Actor | None:
    """A non-state armed actor the event's other triggers or, failing them, the report names:
    the attacker of a passive "was killed" the trigger's own parse leaves unnamed (not `hit`, its target)."""
    for p in others:
        if p.actor is not None and p.actor is not hit and p.actor.inter in (2, 3, 4) and p.kind in ("armed", "group"):
            return p.actor
    for actor in doc.actors:
        if actor is not hit and actor.inter in (2, 3, 4) and actor.mentions \
                and "perpetrator not named" not in (actor.reason or ""):
            return actor
    return None


def _other_side(doc: Document, a1: Actor, others: list[Party], event_type: str,
                trigger: Span) -> tuple[Actor | None, str]:
    """The other side when the trigger's own parse names none: another armed or state party of
    the event, else one the report names; a bomb or an unanswered attack with no such party hit
    civilians."""
    for p in others:
        if p.actor is not None and p.actor is not a1 and p.actor.inter in ARMED_OR_STATE \
                and p.actor.name != a1.name:
            return p.actor, "other side from the event's other triggers"
    for actor in doc.actors if event_type == "Battles" else ():  # a bomb's target is what the parse says
        if actor is not a1 and actor.inter in ARMED_OR_STATE and actor.name != a1.name and actor.mentions \
                and ((a1.inter in (1, 8)) != (actor.inter in (1, 8)) or a1.inter == actor.inter == 4):
            return actor, "other side named in the report"
    if event_type == "Explosions/Remote violence" and a1.inter != 1:
        return generic_actor(doc, "civilians", trigger, "an explosion with no armed target"), \
            "explosion; victims as civilians"
    return None, "initiator from the parse; no other side named"
