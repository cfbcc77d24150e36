"""The initiator and target tokens of an event trigger, read from the dependency parse.

The subject of an active verb or the "by X" of a passive is the initiator; the object, the
passive subject, or "against X" / "on X" the target; "clashed with X" and "clashes between X
and Y" give the other side. A noun trigger under a light verb ("staged a protest", "launched
an attack") takes the light verb's subject. Which actor and kind each token names is
event_roles' business; this module only finds the tokens.
"""

from __future__ import annotations

from crisislens.stages.event_targets import harm_verb

AGENT_PREPS = {"by"}
TARGET_PREPS = {"on", "against", "at", "upon", "into"}
SIDE_PREPS = {"with", "between"}
LIGHT_VERBS = {"stage", "launch", "carry", "hold", "mount", "conduct", "organise", "organize",
               "lead", "start", "make", "form", "wage", "unleash", "take", "stag", "go", "call",
               "bring", "observe", "continue", "commit", "perpetrate", "execute"}
ASSAULT_VERBS = {"attack", "ambush", "raid", "assault", "storm", "invade", "target", "beat"}
NOT_PARTIES = {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}


def _with_conj(tok) -> list:
    out = [tok]
    out.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _pobjs(tok, preps: set[str]) -> list:
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for g in child.children:
                if g.dep_ == "pobj":
                    out.extend(_with_conj(g))
    return out


def _subjects(verb) -> list:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subj:
        return [t for s in subj for t in _with_conj(s)]
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        if verb.dep_ == "relcl":
            return [verb.head]
        return _subjects(verb.head) if verb.head.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "relcl":
        return [verb.head]
    return []


def _shared_objects(tok) -> list:
    """Objects of the verbs coordinated with a trigger that share its subject: "gunmen attacked and
    killed two herders", "Al Shabaab attacks and kills two travellers" (the parse hangs the object on
    the second verb)."""
    if tok.lemma_.lower() not in ASSAULT_VERBS and not harm_verb(tok):
        return []  # "rioted and burned down the market": what was burnt is no target of the rioting
    return [t for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and harm_verb(c)
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            for g in c.children if g.dep_ == "dobj" for t in _with_conj(g)]


def arguments(anchor) -> tuple[list, list]:
    """(initiator tokens, target tokens) of a trigger's anchor token."""
    agents: list = []
    targets: list = []
    if anchor.pos_ in ("VERB", "AUX") or (anchor.pos_ == "ADJ" and anchor.dep_ != "amod"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in anchor.children) or (
            anchor.tag_ == "VBN" and anchor.dep_ == "acomp") or (  # "a member killed at ...": a participle
            anchor.tag_ in ("VBN", "VBD") and anchor.dep_ == "acl"
            and not any(c.dep_ in ("dobj", "dative") for c in anchor.children))
        if passive:
            agents = _pobjs(anchor, AGENT_PREPS)
            targets = [t for c in anchor.children if c.dep_ == "nsubjpass" for t in _with_conj(c)]
            if not targets and anchor.dep_ == "acomp":  # "a member ... is shot by bandits"
                targets = [t for c in anchor.head.children if c.dep_ == "nsubj" for t in _with_conj(c)]
            if not targets and anchor.dep_ in ("conj", "xcomp"):
                targets = [t for c in anchor.head.children if c.dep_ == "nsubjpass" for t in _with_conj(c)]
        else:
            agents = _subjects(anchor)
            targets = [t for c in anchor.children if c.dep_ in ("dobj", "dative") for t in _with_conj(c)]
            if not targets and not _pobjs(anchor, TARGET_PREPS | SIDE_PREPS):
                targets = _shared_objects(anchor)
        if anchor.dep_ == "acl" and not passive:  # "students demanding" / "a man killed by"
            agents = agents or [anchor.head]
        elif anchor.dep_ == "acl":
            targets = targets or [anchor.head]
        targets += _pobjs(anchor, TARGET_PREPS | SIDE_PREPS)
        targets = [t for t in targets if t.ent_type_ not in NOT_PARTIES]
    else:  # a noun trigger
        agents = _pobjs(anchor, AGENT_PREPS) + [c for c in anchor.children if c.dep_ == "poss"]
        between = _pobjs(anchor, {"between"})
        if between and not agents:  # "clashes between X and Y": X initiates, Y is the other side
            agents, between = between[:1], between[1:]
        targets = between + _pobjs(anchor, (TARGET_PREPS | SIDE_PREPS | {"of"}) - {"between"})
        if not agents:  # "attack on a village by militia": the parse hangs the "by" phrase on the village
            agents = [a for t in targets for a in _pobjs(t, AGENT_PREPS)]
            targets = [t for t in targets if t not in agents]
        objects = [t for c in anchor.children if c.dep_ == "dobj" for t in _with_conj(c)] or (
            _shared_objects(anchor) if anchor.dep_ == "ROOT" else [])
        if objects:  # a headline verb tagged as a noun ("armed group attacks police post"): its object
            targets += objects  # is the target, the noun fused before it the agent
            agents = agents or [c for c in anchor.children if c.dep_ in ("compound", "nsubj") and c.i < anchor.i
                                and c.pos_ in ("NOUN", "PROPN")]
        head = anchor.head
        if anchor.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in LIGHT_VERBS or head.lower_ in LIGHT_VERBS or anchor.dep_ == "attr":
                agents = agents or _subjects(head)
                targets += _pobjs(head, TARGET_PREPS | SIDE_PREPS)
        elif anchor.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):  # "clashes erupted between X and Y"
            targets += _pobjs(head, SIDE_PREPS | TARGET_PREPS)
        targets = [t for t in targets if t.ent_type_ not in NOT_PARTIES]
    return agents, targets
