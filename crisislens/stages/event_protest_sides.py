"""Who did the violence at a demonstration: the demonstrators, or others on the demonstrators.

ACLED codes violence *by* demonstrators as a violent demonstration (Riots), but a peaceful
demonstration that others (party activists, a rival group, unknown men) beat, stone or shoot
at as a protest that met an intervention: "Protest with intervention", or "Excessive force
against protesters" when the force was lethal. A rally or procession attacked by a rival
crowd is mob violence (no demonstrator's demand is suppressed); the typing rules decide.

The act is aimed at the demonstration when its object is the demonstrators ("assaulted the
protesters", "demonstrating members of the party", "members who were protesting") or when it
happened during someone else's demonstration ("during the opposition's demonstration",
"when they were staging a protest", the pronoun naming the people attacked).
"""

from __future__ import annotations

from crisislens.stages.event_triggers import Candidate

# acts one side does to another (a clash takes two sides and stays the demonstrators' violence)
ONE_SIDED = {"attack", "mob", "vandal", "kill", "injure", "explosion", "grenade", "abduct"}
OUTCOMES = {"kill", "injure"}  # deaths and injuries: who suffered them, not who acted
SETTING_PREPS = {"during", "at", "in", "on"}
PRONOUNS = {"PRP", "PRP$"}


def demonstration_sides(local: list[Candidate], parties_of: dict[int, tuple[list, list]],
                        is_property) -> tuple[set[str], set[str], list]:
    """(classes of violence others did to the demonstrators, classes of violence by anyone else at
    the event, the parties who did it to the demonstrators: the protest's other side). `parties_of`
    maps a member's anchor index to its (agents, targets) parties."""
    protests = [m for m in local if m.klass == "protest"]
    if not protests:
        return set(), set(), []
    # who demonstrated, by name ("members of BNP staged a protest"): "the protest" later is theirs
    demonstrators = {w.lower_ for p in protests for a in parties_of.get(p.anchor.i, ([], []))[0]
                     for w in a.token.subtree if w.pos_ in ("PROPN", "NOUN")}
    on_demo: set[str] = set()
    own: set[str] = set()
    attackers: set[int] = set()
    attack_heads: set[int] = set()
    sides: list = []
    pending: list[Candidate] = []
    for m in local:
        if m.klass not in ONE_SIDED:
            continue
        agents, targets = parties_of.get(m.anchor.i, ([], []))
        if m.anchor.dep_ == "conj":  # "assaulted the members of Y and vandalised their motorbikes during ...": one act
            targets = targets + parties_of.get(m.anchor.head.i, ([], []))[1]
        if any(p.kind in ("protester", "state") for p in agents) or _demonstrators_act(m, agents, protests):
            if m.klass not in OUTCOMES:
                own.add(m.klass)  # the demonstrators' own violence, or the state's (read elsewhere)
            continue
        if _aimed_at_demonstrators(m, agents, targets, protests, is_property, demonstrators):
            on_demo.add(m.klass)
            sides.extend(p for p in agents if p.kind not in ("protester", "state") and p.token.lower_ != "they")
            attackers |= {w.i for p in agents for w in p.token.subtree}
            attack_heads.add(m.anchor.i)
        else:
            pending.append(m)
    for m in pending:  # "assaulted BNP members and vandalised their motorbikes": the same attackers
        agents, _ = parties_of.get(m.anchor.i, ([], []))
        same = any(w.i in attackers for p in agents for w in p.token.subtree) or (
            m.anchor.dep_ == "conj" and m.anchor.head.i in attack_heads) or (
            on_demo and any(p.token.lower_ == "they" for p in agents))  # "They also assaulted ...": the same attackers
        if same or (on_demo and m.klass in OUTCOMES):
            on_demo.add(m.klass)
        elif m.klass not in OUTCOMES:
            own.add(m.klass)
    return on_demo, own, sides


def _demonstrators_act(m: Candidate, agents: list, protests: list[Candidate]) -> bool:
    """The agent is described as demonstrating ("demonstrating women assaulted ...", "students who
    were protesting vandalised ...")."""
    return any(p.anchor.i in {w.i for w in a.token.subtree} for a in agents for p in protests)


def _aimed_at_demonstrators(m: Candidate, agents: list, targets: list, protests: list[Candidate],
                            is_property, demonstrators: set[str]) -> bool:
    people = [p for p in targets if p.kind in ("protester", "crowd", "civilian", None) and p.token.pos_ in (
        "NOUN", "PROPN") and not is_property(p.token)]
    if any(p.kind == "protester" for p in people):
        return True  # "assaulted the demonstrators", "fired at protesters"
    if any(p.anchor.i in _aimed_words(m.anchor) for p in protests):
        return True  # "threw bombs at protesters", "fired at the demonstrators"
    inside = {w.i for p in people if p.kind is not None for w in p.token.subtree}
    if any(p.anchor.i in inside for p in protests):
        return True  # "demonstrating members of the party", "members who were protesting"
    agent_words = {w.i for a in agents for w in a.token.subtree}
    agent_texts = {w.lower_ for a in agents for w in a.token.subtree if w.pos_ == "PROPN"}
    target_texts = {w.lower_ for p in targets if not is_property(p.token) for w in p.token.subtree
                    if w.pos_ in ("PROPN", "NOUN")}
    for p in protests:
        if p.sent_index != m.sent_index or not (_set_under(p.anchor, m.anchor) or m.anchor.dep_ == "conj"
                                                 and _set_under(p.anchor, m.anchor.head)) \
                or p.anchor.dep_ == "pobj" and p.anchor.head.lower_ in ("from", "after"):  # "returning from a rally"
            continue
        holder = next((c for c in p.anchor.children if c.dep_ in ("nsubj", "poss")), None) or next(
            (g for c in p.anchor.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
             if g.dep_ == "pobj"), None)  # "the demonstration of the opposition"
        if holder is None and p.anchor.dep_ in ("pobj", "dobj"):  # "staging a protest", "taking part in a march"
            verb = p.anchor.head.head if p.anchor.dep_ == "pobj" else p.anchor.head
            holder = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb.pos_ == "VERB" else None
        if holder is None:
            if any(c.dep_ == "det" and c.lower_ == "the" for c in p.anchor.children) and demonstrators & target_texts \
                    and not demonstrators & agent_texts:
                return True  # "X staged a protest. Members of Y assaulted the X members during the protest."
            continue
        if holder.i in agent_words or holder.lower_ in agent_texts:
            continue  # the attackers' own demonstration ("members of X ... the demonstration of X")
        if holder.tag_ in PRONOUNS:
            if any(a.token.tag_ in PRONOUNS for a in agents):
                continue  # "They lit bonfires when they were protesting": the same people
            if people and holder.lower_ == "they" and holder.dep_ == "nsubj":
                return True  # "X assaulted Y when they were staging a protest"
            if people and holder.lower_ == "their" and any(p.token.tag_ == "NNS" for p in people):
                return True  # "X assaulted members of Y during their protest" (not "... a teacher during their protest")
            continue
        if holder.lower_ in target_texts:
            return True  # "beat members of Y during Y's demonstration": the victims' demonstration
    return False


def _aimed_words(anchor) -> set[int]:
    """Words an act is aimed "at" or "on": the trigger's own such phrase, or its verb's when the
    trigger is the verb's object ("threw cocktail bombs at protesters")."""
    verbs = [anchor] + ([anchor.head] if anchor.dep_ in ("dobj", "compound") else [])
    if anchor.dep_ == "compound" and anchor.head.dep_ == "dobj":
        verbs.append(anchor.head.head)
    return {g.i for v in verbs for c in v.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")
            for g in c.children if g.dep_ == "pobj"}


def _set_under(tok, verb) -> bool:
    """Whether a protest word hangs under the violent verb as its setting (a "during/at" phrase or a
    "when ..." clause), not as its subject or object."""
    path = []
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        path.append(cur)
        cur = cur.head
        if cur.i == verb.i:
            break
    else:
        return False
    top = path[-1]
    return top.dep_ in ("advcl",) or (top.dep_ == "prep" and top.lower_ in SETTING_PREPS)
