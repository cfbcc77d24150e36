"""Finding the target of an event in the parse: who the violence fell on.

Whether an attack is an armed clash or violence against civilians, and what ACLED names as
actor2, both turn on the target. The parse hides it in a few recurring shapes, each handled
here so event_roles can stay about naming the sides:

- a quantity or part of a group: "two of the attackers", "16 of them", "leader of the gang" —
  the "of" phrase says who they are;
- a noun phrase with a relative clause: "a cleric who supported al Shabaab" is a cleric, not
  al Shabaab (but "gunmen who were al Shabaab fighters" are the group);
- victims of a passive verb whose "in"/"during" phrase is the attack: "two officers were
  injured in an attack on a patrol" — the officers were hit, they did not attack;
- a noun trigger that names the attackers ("unknown attackers shot a soldier"): the verb they
  are the subject of says whom they hit;
- people named by a common noun as victims ("a group of travellers", "two herders"): civilians,
  even when an ethnic name before them makes the actors layer read them as a militia;
- an officer of a civil organisation ("a Red Cross officer"): a civilian, not state forces.
"""

from __future__ import annotations

from functools import cache

from crisislens.lexicons import load_table
from crisislens.stages.event_triggers import cue_words

# heads whose "of" phrase says who they are: "two of the attackers", "leader of the gang"
PART_HEADS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "some", "many", "several", "most", "all", "none", "each", "few", "dozen", "dozens",
                        "scores", "hundreds", "thousands", "rest", "majority", "remainder"})
RANK_HEADS = frozenset({"leader", "commander", "head", "chief", "boss", "kingpin", "ringleader", "founder",
                        "spokesman", "deputy"})
IDENTITY_VERBS = frozenset({"be", "belong", "affiliate", "link", "associate", "suspect", "believe", "claim"})
VICTIM_PREPS = frozenset({"in", "during"})  # "were killed in an attack", "injured during a raid"
SIDE_PREPS = frozenset({"with", "between"})
OFFICER_HEADS = frozenset({"officer", "officers", "official", "officials", "staff", "staffer", "worker",
                           "workers", "employee", "employees", "volunteer", "volunteers"})


@cache
def party_nouns() -> dict[str, tuple[str, int]]:
    """Head nouns (lower-case form or lemma) → (party kind, inter) from event_party_nouns.csv."""
    return {row["noun"].lower(): (row["kind"], int(row["inter"] or 0)) for row in load_table("event_party_nouns.csv")}


def is_people_noun(tok) -> bool:
    """A noun for people as such or by what they do for a living (men, travellers, herders)."""
    words = cue_words("people") | cue_words("occupation")
    return tok.lower_ in words or tok.lemma_.lower() in words


def armed_modified(tok) -> bool:
    """'armed villagers', 'heavily armed herders': people with weapons are a side, not victims."""
    return any(c.lower_ == "armed" for c in tok.children if c.dep_ in ("amod", "compound", "advmod"))


def of_inner(tok):
    """The noun a quantity or a rank stands for: "two of the attackers" → attackers,
    "leader of the gang" → gang; None when the head says who they are itself."""
    if not (tok.like_num or tok.pos_ == "NUM" or tok.lower_ in PART_HEADS or tok.lemma_.lower() in RANK_HEADS):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            inner = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if inner is not None:
                return inner
    return None


def victim_head(tok):
    """The noun that says who a target is: itself, or the "of" noun of "a group of travellers"."""
    if tok.lower_ in ("group", "groups", "band", "number", "convoy", "member", "members", "section", "sections") \
            or of_inner(tok) is not None:
        inner = next((g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return tok


def is_side(tok) -> bool:
    """'clashed with herders', 'fighting between X and Y': the other side of a fight, never a victim."""
    return tok.dep_ == "pobj" and tok.head.lower_ in SIDE_PREPS


def relcl_start(tok) -> int | None:
    """Where a relative clause that describes the phrase (not one that says what it is) begins:
    "a cleric who supported al Shabaab" is no member of al Shabaab."""
    starts = [min(t.idx for t in c.subtree) for c in tok.children
              if c.dep_ == "relcl" and c.lemma_.lower() not in IDENTITY_VERBS
              and not any(g.dep_ in ("attr", "agent") for g in c.children)]
    return min(starts) if starts else None


def civil_officer(tok, state_words: frozenset[str]) -> bool:
    """'a Red Cross officer', 'an NGO worker': the organisation before the noun is no security force."""
    if tok.lower_ not in OFFICER_HEADS:
        return False
    mods = [c for c in tok.children if c.dep_ == "compound"]
    if not mods:
        return False
    words = {t.lower_ for m in mods for t in m.subtree} | {t.lemma_.lower() for m in mods for t in m.subtree}
    if words & state_words or any(t.ent_type_ in ("GPE", "NORP", "LOC") for m in mods for t in m.subtree):
        return False
    return any(t.ent_type_ == "ORG" or t.pos_ == "PROPN" or t.lower_ in _civil_orgs() for m in mods for t in m.subtree)


@cache
def _civil_orgs() -> frozenset[str]:
    return frozenset(n for n, (kind, _) in party_nouns().items() if kind == "civil_org")


def passive_victims(anchor) -> list:
    """Victims of the passive verb a noun trigger hangs on: "two officers were injured in an
    attack on a patrol", "a man was killed during a raid"."""
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ != "pobj" or anchor.head.lower_ not in VICTIM_PREPS:
        return []
    verb = anchor.head.head
    if verb.pos_ != "VERB" or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    return [t for c in verb.children if c.dep_ == "nsubjpass" for t in [c, *(g for g in c.children if g.dep_ == "conj")]]


def subject_noun_targets(anchor) -> list:
    """What a noun trigger naming the attackers did to whom: "unknown attackers shot a soldier"."""
    verb = anchor.head  # a headline's verb is often tagged a noun ("attackers shoot soldier")
    if anchor.pos_ != "NOUN" or anchor.dep_ != "nsubj" or not (verb.pos_ == "VERB" or verb.dep_ == "ROOT"):
        return []
    return [t for c in anchor.head.children if c.dep_ in ("dobj", "dative")
            for t in [c, *(g for g in c.children if g.dep_ == "conj")]]


def is_reciprocal(tok) -> bool:
    """'threw stones at each other', 'attacked one another': the target is the agent's own side."""
    return (tok.lower_ == "other" and any(c.lower_ == "each" for c in tok.children)) or (
        tok.lower_ == "another" and any(c.lower_ == "one" for c in tok.children))


def owned_by_civilian(tok, civilian_words: frozenset[str]) -> bool:
    """'the deputy governor's convoy', 'a trader's car': a vehicle or post a civilian owns."""
    return any(c.dep_ == "poss" and (c.lower_ in civilian_words or c.lemma_.lower() in civilian_words)
               for c in tok.children)


@cache
def _harm_verbs() -> frozenset[str]:
    return frozenset(row["verb"].lower() for row in load_table("event_target_verbs.csv"))


def headline_passive(anchor) -> bool:
    """'5 militia members shot dead as they fled', 'Police detective shot dead while on patrol':
    a harm verb that always takes an object, written with a subject and no object, auxiliary or
    "by" phrase, is a passive with its "was" dropped: the subject is the victim."""
    if anchor.pos_ != "VERB" or anchor.tag_ not in ("VBD", "VBN") or anchor.dep_ != "ROOT" \
            or anchor.lemma_.lower() not in _harm_verbs():
        return False
    kids = {c.dep_ for c in anchor.children}
    if any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "against", "towards")
           and not _occasion(c) for c in anchor.children):
        return False  # "police shot at the crowd": the crowd is the object
    return "nsubj" in kids and not kids & {"aux", "auxpass", "dobj", "dative", "agent", "ccomp", "xcomp"} \
        and not any(c.dep_ == "conj" and c.pos_ == "VERB" and any(g.dep_ == "dobj" for g in c.children)
                    for c in anchor.children)


def _occasion(prep) -> bool:
    """'while on patrol', 'on duty', 'on Monday': an "on" phrase saying when or doing what, not whom
    the shots were aimed at ("shot on the crowd" names people: a plural noun or a pronoun)."""
    if prep.lower_ not in ("on", "upon"):
        return False
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(o.tag_ in ("NN", "NNP") and o.ent_type_ != "PERSON" for o in objs)


def coordinated_modifiers(tok) -> list:
    """'Kipsigi and Maasai militias', 'Borana and Gabra herders': each people named before the noun,
    a side of its own."""
    out = []
    for mod in tok.children:
        if mod.dep_ in ("compound", "amod", "nmod", "nummod") and mod.i < tok.i:
            conj = [c for c in mod.children if c.dep_ == "conj"]
            if conj:
                out.extend([mod, *conj])
    return out


def rival_sides(tok) -> bool:
    """'rival Maasai groups', 'two groups of Wajir herders', 'sections of the clan': one kind fighting itself."""
    words = {n for n, (kind, _) in party_nouns().items() if kind == "rival"}
    before = [t for t in tok.subtree if t.i <= tok.i]
    if any(t.lower_ in words - COUNTS for t in before):
        return True
    return tok.lemma_.lower() in GROUPINGS and any(t.lower_ in COUNTS for t in before)


COUNTS = frozenset({"two", "both"})  # rival only before a grouping noun: "two clans", not "two gunmen"
GROUPINGS = frozenset({"group", "clan", "community", "section", "faction", "gang", "side", "tribe", "camp", "family",
                       "militia", "sub-clan", "subclan"})


def antecedent(tok):
    """'officers who were attacked', 'the village that was raided': a relative pronoun stands for
    the noun its clause describes."""
    if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl" and tok.head.head is not tok.head:
        return tok.head.head
    return tok


def _words(kind: str) -> frozenset[str]:
    return frozenset(n for n, (k, _) in party_nouns().items() if k == kind)


def kin_or_affiliate(tok) -> bool:
    """'two members of the Garre clan', 'an ONLF sympathiser', 'the wife of a militia leader': people tied
    to a group by birth or sympathy, civilians when they are the ones attacked."""
    head = victim_head(tok)
    if tok.lower_ in _words("affiliate") or tok.lemma_.lower() in _words("affiliate"):
        return True
    return head is not tok and tok.lemma_.lower() in ("member", "section") and (
        head.lower_ in _words("kin") or head.lemma_.lower() in _words("kin"))


def harm_verb(tok) -> bool:
    """A verb of harm that takes the person harmed as its object (shoot, kill, wound, lynch, ...)."""
    return tok.lemma_.lower() in _harm_verbs() or tok.lower_ in _harm_verbs()


def struck(tok) -> bool:
    """Whether a noun is what a verb's act fell on ("beat up policemen", "clashed with officers", "a
    police post was stormed"), not who acted; pronouns are left out (their reading is least sure)."""
    if tok is None or tok.pos_ == "PRON":
        return False
    if tok.dep_ in ("dobj", "nsubjpass"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "at", "on", "against", "upon")
