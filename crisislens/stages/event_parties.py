"""The parties of an event trigger and what kind each is: who the parse says acted, and on whom.

The argument tokens come from actor_arguments (the parse around the trigger) and
event_targets (targets the parse hides). The kind of each party (crowd, state, armed, group,
civilian, protester) comes from the actors layer for named parties and from the cue table for
common nouns, because the same "residents" are civilians when attacked and rioters when they
burn a police post: the event, not the noun, decides the role (event_roles names the sides).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Actor, Document
from crisislens.stages import event_targets as tg
from crisislens.stages.actor_arguments import arguments
from crisislens.stages.actor_index import mention_index
from crisislens.stages.event_triggers import _forms, cue_words

UNARMED_MODS = {"unarmed", "civilian", "innocent", "defenceless", "defenseless"}
GENERIC_HEADS = {"group", "groups", "member", "members", "faction", "factions", "band", "people", "number",
                 "contingent", "team", "unit", "some", "dozens", "hundreds", "thousands"}
# party kinds: state, armed (an armed noun or generic armed actor), group (a named armed group
# or identity militia), crowd, protester, civilian
INTER_KIND = {1: "state", 2: "armed", 3: "armed", 4: "armed", 8: "armed", 5: "crowd",
              6: "protester", 7: "civilian"}
EVENT_NOUNS = {"rally", "procession", "demonstration", "protest", "meeting"}  # parties only when the parse says so
CROWD_GROUP_KINDS = {"party", "wing", "movement"}  # armed_groups.csv kinds whose members are a crowd
CLASH_WORDS = ("clash", "fight", "fought", "battl", "brawl", "scuffle", "skirmish", "confront", "engag")
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "along", "within", "around"})


@cache
def _group_kinds() -> dict[str, str]:
    """ACLED group name → what the group is (jihadist, militia, party, ...), from armed_groups.csv."""
    return {row["name"]: row["kind"] for row in load_table("armed_groups.csv")}


def armed_group(actor: Actor | None) -> bool:
    """A named non-state armed group (not a party, its wing or a movement, not a generic noun):
    its members are fighters whatever the noun ("SLDF leader", "Mungiki members", "a terror suspect")."""
    if actor is None or actor.inter not in (2, 3, 4, 8) or actor.name.startswith("Unidentified"):
        return False
    return _group_kinds().get(actor.name) not in CROWD_GROUP_KINDS


@cache
def _noun_kinds() -> dict[str, tuple[str, int]]:
    """Common head nouns → (kind, inter), from the cue table's party kinds."""
    out: dict[str, tuple[str, int]] = {}
    for row in load_table("event_context_cues.csv"):
        if row["kind"] in {"crowd", "state", "armed", "civilian", "protester"}:
            words = row["cue"].lower().split()
            if len(words) == 1:
                for form in _forms(words[0]):
                    out.setdefault(form, (row["kind"], int(row["value"] or 0)))
            out.setdefault(row["cue"].lower(), (row["kind"], int(row["value"] or 0)))
    for noun, (kind, inter) in tg.party_nouns().items():  # carjackers, pirates: armed sides the cue table lacks
        if kind == "armed":
            out.setdefault(noun, (kind, inter))
    return out


@dataclass(slots=True)
class Party:
    """One argument of a trigger: its head token, the actor it names (if any), and its kind."""

    token: object
    actor: Actor | None
    kind: str | None


def _actor_at(doc: Document, tok) -> Actor | None:
    """The actor with a mention inside the phrase headed by tok (its own words first)."""
    index = mention_index(doc, tok.doc)
    end = tok.idx + len(tok.text)
    own = index.overlapping(tok.idx, end)
    if own is not None:
        return own
    # the phrase without where it is ("a village in Elgeyo-Marakwet" is no Marakwet militia)
    where = next((c.i for c in tok.children if c.dep_ == "prep" and c.lower_ in LOCATIVE and c.i > tok.i), None)
    described = tg.relcl_start(tok)  # "a cleric who supported al Shabaab" is no al Shabaab member
    # one walk over the phrase: its end (before any locative), its end before the relative
    # clause, and its start without relative or adjectival clauses
    sub_hi = described_hi = sub_lo = None
    for t in tok.subtree:
        t_end = t.idx + len(t.text)
        if where is None or t.i < where:
            sub_hi = t_end if sub_hi is None or t_end > sub_hi else sub_hi
        if described is not None and t.idx < described:
            described_hi = t_end if described_hi is None or t_end > described_hi else described_hi
        if (t.dep_ not in ("relcl", "acl") or t is tok) and (sub_lo is None or t.idx < sub_lo):
            sub_lo = t.idx
    if described is not None:
        sub_hi = min(sub_hi, described_hi if described_hi is not None else end)
    return index.within(sub_lo, sub_hi)


_PARTY_KEY = "crisislens.event_parties.party"


def party(doc: Document, tok) -> Party:
    """The kind of party a token names, worked out once per token while the actors layer is
    unchanged (an event asks for the same nouns many times): kept on the parse with the
    mention index it was read from, so a new actor or mention starts afresh. Only (actor, kind)
    is kept, never the token, so the parse holds no reference to itself."""
    index = mention_index(doc, tok.doc)
    cached = tok.doc.user_data.get(_PARTY_KEY)
    if cached is None or cached[0] is not index:
        cached = (index, {})
        tok.doc.user_data[_PARTY_KEY] = cached
    found = cached[1].get(tok.i)
    if found is None:
        p = _party(doc, tok)
        found = cached[1][tok.i] = (p.actor, p.kind)
    return Party(tok, found[0], found[1])


def _party(doc: Document, tok) -> Party:
    """The kind of party a token names: common nouns by the cue table, names by the actors layer."""
    kinds = _noun_kinds()
    actor = _actor_at(doc, tok)
    key = tok.lower_
    kind = None
    if tok.pos_ == "NOUN" or tok.pos_ == "PRON":
        k = kinds.get(key) or kinds.get(tok.lemma_.lower())
        if k:
            kind = k[0]
    if tok.pos_ == "PRON" and kind is None and actor is not None:
        before = _antecedent(actor, tok)  # "arrested the suspects and shot them": what the suspects are
        if before is not None:
            return Party(tok, actor, party(doc, before).kind)
    if tok.lower_ in GENERIC_HEADS:  # "a group of herders", "members of the GSU": the "of" phrase decides
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        inner = party(doc, of[0]) if of else None
        # "members of the GSU" are state forces, "a group of herders" herders; but "members
        # of a party" stay a crowd: party activists fighting are rioters, not a militia
        if inner is not None and inner.kind and (inner.kind == "state" or inner.actor is None
                                                 or inner.token.pos_ == "NOUN"):
            return Party(tok, inner.actor or actor, inner.kind)
        if actor is not None and actor.inter in (1, 2, 4, 8):  # "Kikuyu and Maasai groups"
            kind = INTER_KIND[actor.inter]
    inner_tok = tg.of_inner(tok) if tok.lower_ not in GENERIC_HEADS else None
    if inner_tok is not None:  # "two of the attackers", "16 of them", "leader of the gang"
        inner = party(doc, inner_tok)
        if inner.kind and (tok.pos_ == "NUM" or tok.like_num or inner.kind in ("armed", "group", "state")
                           or kind is None):
            return Party(tok, inner.actor or actor, inner.kind)
    if kind is None and actor is not None:
        kind = INTER_KIND.get(actor.inter)
        if actor.inter == 4 and tok.pos_ == "PROPN" and tok.dep_ in ("dobj", "nsubjpass"):
            kind = "civilian"  # "raiders killed Turkana": an ethnic group named as victims
        elif _group_kinds().get(actor.name) in CROWD_GROUP_KINDS or _crowd_actor(actor):
            kind = "crowd"  # "ODM and PNU clashed": a party's people in a fight are a crowd, not a militia
    if kind is None:
        k = kinds.get(key) or kinds.get(tok.lemma_.lower())
        if k:
            kind = k[0]
    if kind in (None, "crowd", "civilian", "armed") and armed_group(actor) and not (
            actor.inter == 4 and tok.pos_ == "PROPN" and tok.dep_ in ("dobj", "nsubjpass")):
        kind = "group"  # "an al Shabaab suspect", "SLDF leader": members of a named armed group
    mod_toks = [c for c in tok.children if c.dep_ in ("compound", "amod")]
    mods = [kinds[c.lower_][0] for c in mod_toks if c.lower_ in kinds]
    if any(c.lower_ in UNARMED_MODS or _mod_text(c) in cue_words("off_duty") for c in mod_toks):  # "unarmed herdsmen"
        kind = "civilian"
    elif "armed" in mods and kind in (None, "crowd", "civilian"):  # "unknown group", "al Shabaab suspects"
        kind = "armed"
    elif kind is None and mods:  # "a military camp", "police station"
        kind = mods[0]
    if kind == "state" and (actor is None or actor.inter == 1) and tg.civil_officer(tok, _state_words()):
        return Party(tok, None, "civilian")  # "a Red Cross officer": no security force
    if kind == "state" and actor is not None and actor.inter == 7 and actor.type == "civilians":
        return Party(tok, actor, "civilian")  # "a health officer": the actors layer read a civil officer
    if kind == "state" and (tg.owned_by_civilian(tok, _civilian_words()) or (
            actor is not None and actor.type == "person" and actor.inter in (0, 7))):
        return Party(tok, actor, "civilian")  # "the deputy governor's convoy": no state forces
    return Party(tok, actor, kind)


@cache
def _state_words() -> frozenset[str]:
    return frozenset(n for n, (kind, _) in _noun_kinds().items() if kind == "state")


@cache
def _civilian_words() -> frozenset[str]:
    return frozenset(n for n, (kind, _) in _noun_kinds().items() if kind == "civilian")


def _antecedent(actor: Actor, tok):
    """The head of the actor's last mention before a pronoun, if it is a noun."""
    spans = [m for m in actor.mentions if m.end <= tok.idx]
    if not spans:
        return None
    last = max(spans, key=lambda m: m.start)
    span = tok.doc.char_span(last.start, last.end, alignment_mode="expand")
    return span.root if span is not None and span.root.pos_ in ("NOUN", "PROPN") else None


def _crowd_actor(actor: Actor) -> bool:
    """A party's members or supporters ("members of BCL") the actors stage named Civilians only by
    default: what they do decides, as its reason says (see stages/actors.py)."""
    return actor.inter == 7 and (actor.reason or "").startswith("crowd noun")


def parties(doc: Document, anchor) -> tuple[list[Party], list[Party]]:
    """Parties from the parse; when the parse gives none (headlines, run-on notes), the
    nearest named party before the trigger is taken as initiator and after it as target."""
    agents, targets = arguments(anchor)
    if not targets and anchor.dep_ == "pobj" and anchor.head.dep_ == "agent":  # "a vehicle was hit by an IED"
        targets = [c for c in anchor.head.head.children if c.dep_ == "nsubjpass"]
        if not agents and _names_people(doc, anchor):  # "officers who were attacked by a mob": the mob did it
            agents = [anchor]
    elif not agents and anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ == "VERB":
        agents, verb_targets = arguments(anchor.head.head)  # "X targets police with an IED": the verb's parties
        targets = targets or verb_targets
    # "police officers who were attacked ...": the relative pronoun stands for the noun it describes
    agents = [tg.antecedent(t) for t in agents]
    targets = [tg.antecedent(t) for t in targets]
    objects = [] if targets or anchor.lower_.startswith(CLASH_WORDS) else tg.subject_noun_targets(anchor)
    if objects and not agents and _names_attackers(doc, anchor):  # "unknown attackers shot a soldier": the
        targets, agents = objects, [anchor]  # noun that names them is the agent
    elif objects and anchor.head.pos_ == "VERB":  # "a roadside bomb hit a military convoy": what it hit
        targets = objects
    victims = [] if anchor.lower_.startswith(CLASH_WORDS) else tg.passive_victims(anchor)  # "two officers were
    # injured in an attack on a patrol"; those killed in clashes are neither side of them
    targets = targets + [v for v in victims if v not in targets]
    a = [party(doc, t) for t in agents]
    t = [Party(x, a[0].actor, a[0].kind) if a and tg.is_reciprocal(x) else _as_victim(party(doc, x)) for x in targets]
    t.sort(key=lambda p: p.kind is None)  # "threw stones at each other": the people before the stones
    if not a or not t:
        sent = anchor.sent
        before, after = _nearest_mentions(doc, anchor, sent)
        taken = {p.token.i for p in a + t} | {w.i for p in t for w in p.token.subtree}  # "a police vehicle was hit"
        # a headline's noun trigger that names the attackers ("Unknown attackers from X shoot KDF soldier",
        # parsed as one noun phrase): they are the agent, the party named after them the target
        attackers = not a and not t and anchor.pos_ == "NOUN" and anchor.dep_ in ("ROOT", "nsubj") \
            and _names_attackers(doc, anchor)
        if attackers:
            a = [party(doc, anchor)]
        if not a and before is not None and before.token.i not in taken:
            a = [before]
        if not t and after is not None and after.token.i not in taken and not (a and a[0].token.i == after.token.i):
            if attackers or anchor.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "agent") for c in anchor.children):
                t = [_as_victim(after)]
    if tg.headline_passive(anchor):  # "5 militants shot dead as they fled": the subject was shot
        a, t = [], [_as_victim(p) for p in a + t]
    return a, t


def _names_people(doc: Document, anchor) -> bool:
    """Whether a noun trigger's own word names people who act ("a mob", "rioters", "gunmen")."""
    if anchor.pos_ != "NOUN":
        return False
    kind = _noun_kinds().get(anchor.lower_) or _noun_kinds().get(anchor.lemma_.lower())
    return (kind is not None and kind[0] in ("armed", "crowd", "state")) or _names_attackers(doc, anchor)


def _names_attackers(doc: Document, anchor) -> bool:
    """Whether a noun trigger's own word names armed people ("attackers", "gunmen", "Al Shabaab"),
    not an act whose phrase merely mentions them ("Recruitment: MRC recruiting youths")."""
    if anchor.pos_ != "NOUN":
        return False
    own = mention_index(doc, anchor.doc).overlapping(anchor.idx, anchor.idx + len(anchor.text))
    kind = _noun_kinds().get(anchor.lower_) or _noun_kinds().get(anchor.lemma_.lower())
    return (kind is not None and kind[0] == "armed") or (own is not None and own.inter in (2, 3, 4, 8))


def _mod_text(tok) -> str:
    """A modifier with its own modifiers, hyphens closed up: "off-duty", "ex-soldier"."""
    return "".join(t.text_with_ws for t in tok.subtree).strip().lower().replace(" - ", "-").replace(" -", "-")


def _as_victim(p: Party) -> Party:
    """A target named by an occupation ("six herders were killed") is civilians, not a militia."""
    if p.token.dep_ == "pobj" and p.token.head.lower_ in ("with", "between"):
        return p  # "clashed with herders": the other side of a fight
    if p.kind == "armed" and (p.actor is None or p.actor.name.startswith("Unidentified")) and (
            p.token.lower_ in cue_words("occupation") or p.token.lemma_.lower() in cue_words("occupation")):
        return Party(p.token, p.actor, "civilian")
    head = tg.victim_head(p.token)
    if p.kind not in ("armed", "group") or tg.is_side(p.token) or tg.armed_modified(head):
        return p
    noun = _noun_kinds().get(head.lower_) or _noun_kinds().get(head.lemma_.lower())
    if tg.kin_or_affiliate(p.token) and p.kind in ("armed", "group") and not tg.armed_modified(p.token):
        return Party(p.token, p.actor, "civilian")  # "two members of the Garre clan", "an ONLF sympathiser"
    if (head is not p.token and tg.is_people_noun(head)) or (
            noun is not None and noun[0] == "civilian" and p.actor is not None and p.actor.inter == 4):
        return Party(p.token, p.actor, "civilian")  # "a group of Turkana travellers", "a Degodia village"
    return p


def _nearest_mentions(doc: Document, anchor, sent) -> tuple[Party | None, Party | None]:
    before = after = None
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i == anchor.i or tok.lemma_.lower() in EVENT_NOUNS:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and (tok.i < anchor.i) == (tok.head.i < anchor.i) \
                and tok.head.i != anchor.i:
            continue  # "an off-duty police officer": the phrase's head speaks for it
        p = party(doc, tok)
        if p.kind is None:
            continue
        if tok.i < anchor.i:
            before = p
        elif after is None:
            after = p
    return before, after
