"""Within-document coreference: trigger candidates grouped into events.

One sentence's triggers describe one event ("rioters torched a bus and pelted police"),
except an arrest beside violence (its own Strategic development), and triggers that name
an earlier event or what a protest is about ("after an initial clash", "demanding justice
for the killing"), which stay apart as background. A following sentence joins the
previous event when it only adds detail (deaths, injuries, the police intervention) or
repeats the same family of event without a different date; otherwise it starts a new one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from crisislens.stages.event_triggers import Candidate, Hit, ParseIndex, find_cues

log = logging.getLogger(__name__)

PROTEST_FAMILY = {"protest", "riot", "mob", "vandal", "police"}
DETAIL = {"kill", "injure"}
PRIOR_PREPS = {"after", "following", "before", "since", "over", "for", "against", "amid"}
CONTEXT_PREPS = {"after", "following", "before", "since", "amid", "ahead", "over", "despite"}
RUN_OVER = {"run", "drive", "step", "roll"}
LATER_PREPS = {"before", "until"}  # "before/until being dispersed": the verb after them is a later step
SITUATIONAL = {"intervention", "lethal", "demo", "weapon"}
PRIOR_MODS = {"earlier", "previous", "prior", "initial", "recent", "last", "past", "alleged"}
DEFINITE = {"the", "this", "that", "these", "those"}
RELATIVE_WHO = {"who", "whom", "whose"}
MOTIVE_VIOLENCE = {"attack", "kill", "injure", "mob", "vandal", "destroy", "explosion", "abduct"}
CAUSE_MARKS = ("subordinate 'after", "inside 'after", "inside 'following")
CROWD_ACTS = {"vandal", "destroy", "loot", "attack", "riot", "mob", "clash"}
ANAPHORS = {"they", "them", "some", "many", "others"}
CROWD_NOUNS = {"member", "student", "youth", "protester", "demonstrator", "resident", "supporter", "trader",
               "worker", "rioter", "villager"}
RESULT_VERBS = {"result", "lead", "spark", "cause", "trigger", "turn", "escalate", "degenerate", "end"}
MAX_JOIN_GAP = 2  # sentences: a later report of the same family further away is a new event unless it refers back


def family(klass: str) -> str:
    if klass in PROTEST_FAMILY:
        return "protest"
    if klass == "arrest":
        return "arrest"
    if klass in {"agreement", "base", "handover", "group", "other_sd", "disrupt"}:
        return "strategic"
    return "violence"


@dataclass(slots=True)
class Draft:
    """A group of candidates read as one event."""

    members: list[Candidate]
    sentences: list[int]
    cue_hits: list[Hit] = field(default_factory=list)
    background: str | None = None  # why this names an earlier event / a topic, if it does
    time_keys: set[str] = field(default_factory=set)

    @property
    def main(self) -> Candidate:
        return max(self.members, key=_rank)

    @property
    def families(self) -> set[str]:
        return {family(m.klass) for m in self.members}

    @property
    def classes(self) -> set[str]:
        return {m.klass for m in self.members}


PARTY_NOUNS = {"protester", "demonstrator", "rioter", "mob", "attacker", "gunmen", "gunman", "raider",
               "rustler", "looter", "cattle rustling"}


def is_party_noun(c: Candidate) -> bool:
    """A trigger that names a party ("gunmen", "rustlers") rather than an act."""
    return c.pattern in PARTY_NOUNS and c.anchor.pos_ in ("NOUN", "PROPN")


def _rank(c: Candidate) -> tuple:
    """Main trigger: specific over vague, a predicate over a noun naming a party."""
    verbal = c.anchor.pos_ in ("VERB",) or c.anchor.dep_ in ("dobj", "ROOT", "nsubjpass", "attr")
    party_noun = is_party_noun(c)
    detail = c.klass in DETAIL and not (c.anchor.dep_ == "ROOT" and c.anchor.pos_ == "VERB")
    return (not party_noun, c.weight + 0.1 * verbal - 0.15 * detail, -c.start)


CODED_APART = re.compile(r"\bcoded (?:separately|as (?:a )?separate)", re.IGNORECASE)


def _coded_separately(cand: Candidate, sent, anchors: frozenset[int]) -> bool:
    """A note's own mark that the violence it mentions is another event ("against the arrest of their
    leaders and the vandalism of their office (coded as a separate event)"): the text after the
    trigger, up to the next trigger of the sentence, carries the mark."""
    nxt = min((k for k in anchors if k >= cand.j), default=None)
    end = sent.doc[nxt].idx if nxt is not None and nxt < sent.end else sent.end_char
    return bool(CODED_APART.search(sent.text[max(0, cand.end - sent.start_char):end - sent.start_char]))


def background_reason(cand: Candidate, sent, topic_words: set[int], protest_anchors: set[int],
                      anchors: frozenset[int] = frozenset(), motive_words: frozenset[int] = frozenset(),
                      arrest_anchors: frozenset[int] = frozenset()) -> str | None:
    """Why a trigger names an earlier event or a protest's subject rather than a new event.

    Besides "after ..." clauses, earlier-event modifiers and topics, a trigger inside a "who"
    clause that describes a person ("a woman who shot at officers was extradited") is that
    person's history, unless the person takes part in an event of the sentence ("gunmen who
    stormed the village killed five")."""
    anchor = cand.anchor
    for c in anchor.children:
        if c.dep_ == "amod" and c.lower_ in PRIOR_MODS:
            return f"'{c.text} {anchor.text}' names an earlier event"
    if "coded separately" in sent.text[max(0, cand.end - sent.start_char):][:40].lower():
        return "marked as coded separately"
    if _coded_separately(cand, sent, anchors):
        return "marked as coded separately (the clause up to the next trigger)"
    # deaths and injuries in such a clause are the victims of the reported event ("the six
    # members killed", "families of those who died"), and party nouns name who someone is
    # "teargassed staff who were protesting": what the people were doing then, not their history
    history_candidate = cand.klass not in DETAIL and not is_party_noun(cand) \
        and not (cand.klass == "protest" and anchor.tag_ == "VBG")
    tok = anchor
    steps = 0
    while tok.head is not tok and steps < 8:
        steps += 1
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in ("after", "following") and cand.klass == "clash" \
                and head.head.i in arrest_anchors and not _dated(tok):
            break  # "arrested militants after a firefight": the arrest ends the clash, one incident
        if tok.dep_ == "pobj" and head.lower_ in PRIOR_PREPS and head.head.i != anchor.i:
            if head.lower_ in {"after", "following", "before", "since", "amid"}:
                return f"inside '{head.text} ...': an earlier event"
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"after", "before", "since"}
                                       for c in tok.children):
            return "subordinate 'after ...' clause: an earlier event"
        if tok.lemma_.lower() in RESULT_VERBS and tok.dep_ in ("advcl", "xcomp", "conj"):
            break  # "demonstrated, resulting in clashes with police": what the protest led to, not its topic
        if head.i in protest_anchors and cand.klass not in PROTEST_FAMILY and cand.klass != "arrest":
            return f"what the protest '{head.text}' is about"
        if head.i in topic_words and cand.klass not in PROTEST_FAMILY:
            return f"object of '{head.text}': a topic, not a new event"
        if head.i in motive_words and cand.klass == "protest" and cand.anchor.pos_ in ("NOUN", "PROPN"):
            return f"'{head.text} ... {anchor.text}': the demonstration is the victims' activity or the motive"
        if tok.dep_ == "relcl" and history_candidate and any(c.lower_ in RELATIVE_WHO for c in tok.children) \
                and head.pos_ in ("NOUN", "PROPN", "PRON") \
                and head.i not in anchors and head.head.i not in anchors and head.head is not head:
            return f"inside a clause describing '{head.text}': that party's history"
        tok = head
    return None


def _dated(tok) -> bool:
    """Whether a phrase carries its own time ("after a shootout last week", "after Monday's clash"):
    then it tells an earlier incident, not the one the main verb ends."""
    return any(t.lower_ in PRIOR_MODS or t.lower_ in ("ago", "yesterday") or t.dep_ == "poss" and t.ent_type_ == "DATE"
               for t in tok.subtree)


def group(parsed, candidates: list[Candidate], sent_bounds: list[tuple[int, int]],
          sent_dates: dict[int, set[str]] | None = None, index: ParseIndex | None = None) -> list[Draft]:
    """Candidates (already filtered) grouped into drafts, in text order."""
    by_sent: dict[int, list[Candidate]] = {}
    for c in candidates:
        by_sent.setdefault(c.sent_index, []).append(c)
    sents = list(parsed.sents)
    drafts: list[Draft] = []
    current: Draft | None = None
    for s_index, sent in enumerate(sents):
        cues = index.cues(sent.start, sent.end) if index is not None else find_cues(parsed, sent.start, sent.end)
        dates = (sent_dates or {}).get(s_index, set())
        cands = by_sent.get(s_index, [])
        topic_words = {h.i for h in cues if h.entry.get("kind") == "topic"}
        # "assaulted a man for joining a demonstration": only beside violence of its own
        motive_words = frozenset(h.i for h in cues if h.entry.get("kind") == "motive") \
            if any(c.klass in MOTIVE_VIOLENCE for c in cands) else frozenset()
        cues = [h for h in cues if _live(parsed[h.i], h.entry.get("kind"), topic_words | motive_words)]
        protest_anchors = {c.anchor.i for c in cands if c.klass == "protest"}
        anchors = frozenset(k for c in cands for k in range(c.i, c.j))
        arrests = frozenset(c.anchor.i for c in cands if c.klass == "arrest")
        here: list[Draft] = []
        main_members: list[Candidate] = []
        for c in cands:
            why = background_reason(c, sent, topic_words, protest_anchors, anchors, motive_words, arrests)
            if why:
                c.notes.append(why)
                here.append(Draft([c], [s_index], list(cues), background=why, time_keys=set(dates)))
            else:
                main_members.append(c)
        if main_members and all(m.klass in DETAIL for m in main_members):
            # "two were injured after rival supporters clashed": the clause names the cause, not an earlier event
            causes = [d for d in here if d.background and d.background.startswith(CAUSE_MARKS)
                      and not is_mention(d.members[0]) and d.members[0].klass not in DETAIL]
            for d in causes:
                here.remove(d)
                d.members[0].notes.append("cause of the deaths/injuries reported beside it")
                main_members.append(d.members[0])
        if main_members:
            fams = {family(m.klass) for m in main_members}
            arrests = [m for m in main_members if m.klass == "arrest"]
            if arrests and "violence" in fams:
                main_members = [m for m in main_members if m.klass != "arrest"]
                here.append(Draft(arrests, [s_index], list(cues), time_keys=set(dates)))
            here.insert(0, Draft(main_members, [s_index], list(cues), time_keys=set(dates)))
        kinds = {h.entry.get("kind") for h in cues}
        if not cands and current is not None and kinds & {"intervention", "lethal", "crowd_violence"} \
                and "protest" in current.families and s_index - current.sentences[-1] <= 2:
            # "... Police later fired tear gas to disperse them." may come two sentences on;
            # "They lit bonfires along the highway." tells what the demonstrators did
            current.sentences.append(s_index)
            current.cue_hits.extend(cues)
            continue
        for d in here:
            target = None
            if d.background is None and current is not None and s_index - current.sentences[-1] <= MAX_JOIN_GAP \
                    and _joins(current, d):
                target = current
            elif d.background is None:
                target = antecedent(drafts, d)
            if target is not None:
                target.members.extend(d.members)
                if target.sentences[-1] != s_index:
                    target.sentences.append(s_index)
                target.cue_hits.extend(cues)
                target.time_keys |= d.time_keys
                current = target
                continue
            drafts.append(d)
            if d.background is None:
                current = d
    return drafts


def is_mention(c: Candidate) -> bool:
    """A definite noun that refers back to an event already reported ("the attack", "Saturday's
    bombing", "this explosion"), as opposed to a new one ("an attack", "attacks")."""
    a = c.anchor
    if a.pos_ not in ("NOUN", "PROPN") or a.tag_ in ("NNS", "NNPS"):
        return False
    return any((d.dep_ == "det" and d.lower_ in DEFINITE) or d.dep_ == "poss" for d in a.children)


def antecedent(drafts: list[Draft], new: Draft) -> Draft | None:
    """The earlier event a later, non-adjacent draft mentions again: a definite mention ("the
    bombing") or a bare toll ("six were killed") of the same family, with no different date.
    Within-document coreference: the mention becomes more evidence of that event."""
    detail = new.classes <= DETAIL
    if not detail and not all(is_mention(m) or m.klass in DETAIL for m in new.members):
        return None
    fams = {"violence"} if detail else new.families
    # a definite mention keeps its referent whatever the sentence's own date ("on 15 September
    # the group denied the attack": the date is the denial's); a bare toll with another date
    # is another event
    dated = detail or not all(is_mention(m) for m in new.members)
    for d in reversed(drafts):
        if d.background is not None or (not detail and d.classes <= DETAIL):
            continue  # history, or a bare toll: "the attack" refers to an event reported as such
        if dated and new.time_keys and d.time_keys and not (new.time_keys & d.time_keys):
            continue
        if fams <= d.families:
            return d
    return None


def _live(tok, kind: str, topic_words: set[int]) -> bool:
    """A situational cue counts unless it sits in what the sentence is about or refers back to
    ("demanding the arrest of ...", "following demonstrations ...")."""
    if kind not in SITUATIONAL:
        return True
    if tok.dep_ == "pcomp" and tok.head.lower_ in LATER_PREPS:
        return True  # "protested before being dispersed": what happened next to the event
    child = tok
    for anc in tok.ancestors:
        if anc.lower_ == "over" and anc.head.lemma_.lower() in RUN_OVER:  # "the vehicle ran over an IED"
            child = anc
            continue
        if anc.i in topic_words and anc.i != tok.i:
            # "intercepted their protest and baton-charged them": a verb the parse hangs on the topic
            # word by coordination is the next action, not what the protest is about
            return child.dep_ == "conj" and child.pos_ == "VERB"
        if anc.dep_ == "prep" and anc.lower_ in CONTEXT_PREPS:
            return False
        child = anc
    return True


def _joins(prev: Draft, new: Draft) -> bool:
    """Whether a later sentence's draft describes the same event as the previous one."""
    if new.time_keys and prev.time_keys and not (new.time_keys & prev.time_keys):
        return False
    new_fams, prev_fams = new.families, prev.families
    new_cues = {h.entry.get("kind") for h in new.cue_hits}
    if "protest" in prev_fams and new_cues & {"intervention", "lethal"} and "violence" not in new_fams - {"kill"}:
        return True  # "Police foiled the rally and used batons to disperse them."
    if new.classes <= DETAIL:
        return bool(prev_fams & {"violence", "protest"})
    if new_fams == {"arrest"}:
        return "protest" in prev_fams
    if prev_fams == {"arrest"} or "strategic" in new_fams | prev_fams:
        return new_fams == prev_fams
    if new_fams & prev_fams:
        return True
    if "protest" in prev_fams and new.main.klass in CROWD_ACTS and _refers_back(new.main.anchor):
        return True  # "Students protested ... They lit bonfires and attacked clerks."
    if "protest" in prev_fams and any(m.klass in ONE_SIDED_ACTS and _aimed_at_crowd(m.anchor) for m in new.members):
        return True  # "Youths protested the arrests. Police shot at the crowd, injuring two."
    # a protest that turns violent, or violence that the next sentence calls a riot
    return bool({"protest", "violence"} <= new_fams | prev_fams) and new.main.klass in {"riot", "mob", "clash"}


ONE_SIDED_ACTS = {"attack", "kill", "injure", "mob", "vandal", "explosion", "grenade"}
AIM_PREPS = {"at", "on", "upon", "into"}


def _aimed_at_crowd(anchor) -> bool:
    """Whether a violent act is aimed at a crowd or at the demonstrators already named ("fired at the
    protesters", "shot at the crowd", "assaulted them"): the force used on the previous demonstration."""
    verb = anchor.head if anchor.dep_ in ("dobj", "compound") and anchor.head.pos_ == "VERB" else anchor
    aims = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ in AIM_PREPS for g in c.children if g.dep_ == "pobj"]
    return any(a.lower_ in ("them", "crowd", "crowds") or a.lemma_.lower() in ("protester", "demonstrator", "crowd",
                                                                               "protestor") for a in aims)


def _refers_back(anchor) -> bool:
    """Whether a violent verb's subject refers back to people already named ("they", "the students",
    "members", "the youths"), so the violence continues the previous sentence's demonstration."""
    subjects = [c for c in anchor.children if c.dep_ == "nsubj"]
    if not subjects and anchor.dep_ == "conj":
        subjects = [c for c in anchor.head.children if c.dep_ == "nsubj"]
    for s in subjects:
        if s.lower_ in ANAPHORS:
            return True
        if s.pos_ == "NOUN" and s.tag_ == "NNS" and (s.lemma_.lower() in CROWD_NOUNS or any(
                d.dep_ == "det" and d.lower_ in DEFINITE for d in s.children)):
            return True
    return False


LABEL_NOUNS = {"protester", "demonstrator"}  # a label for people ("aiding protesters"); a rioter is rioting
TOPIC_MARKS = ("a topic, not a new event", "is about")
ACTIVE_CUES = {"intervention", "lethal", "demo"}


def prune(drafts: list[Draft], doc_id: str = "") -> list[Draft]:
    """Drafts that are no event of their own, dropped with a logged reason:

    - a statement's topic ("condemned the attack", "a probe into the bombing") when the
      article has already reported that event: the mention is no new event, and the
      sentence reports a statement, not the attack;
    - only a party named, not acting ("aiding protesters", "killed 13 protesters"): the
      noun names who someone is, not a protest, unless dispersal or demands are reported."""
    kept: list[Draft] = []
    for d in drafts:
        why = None
        if d.background and any(mark in d.background for mark in TOPIC_MARKS):
            earlier = next((e for e in kept if e.background is None and d.families & e.families), None)
            if earlier is not None:
                why = f"{d.background}; the event was already reported ('{earlier.main.pattern}')"
        elif all(m.pattern in LABEL_NOUNS and m.anchor.dep_ not in ("nsubj", "nsubjpass") for m in d.members) \
                and not {h.entry.get("kind") for h in d.cue_hits} & ACTIVE_CUES:
            why = f"'{d.main.anchor.text}' names a party that does nothing here"
        if why:
            log.debug("suppressed draft '%s' in %s: %s", d.main.pattern, doc_id, why)
            continue
        kept.append(d)
    return kept
