"""False alarms and modality: which trigger words name a real, happened conflict event.

A violent word is not a violent event when it is figurative ("shares were hammered",
"Arsenal attacked down the left", "the bill was killed", "she shot her new film in Kabul"),
when the death it reports is an accident or illness, when it is negated ("no one was
killed"), or when the whole article is ordinary news (sport, markets, entertainment,
technology) with no conflict vocabulary. Every suppressed candidate is logged at DEBUG
level with the rule that suppressed it, so the rules can be audited.

Modality of a kept event: "denied" when negated, "expected" for plans and threats ("will",
"plans to", "threatened to"), "hypothetical" under a condition ("if", "could"), "claimed"
when the sentence is a quoted party's statement (the speaker becomes the claimant).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Document
from crisislens.stages.event_roles import _noun_kinds, arguments
from crisislens.stages.event_triggers import Candidate, ParseIndex, _forms, find_cues

log = logging.getLogger(__name__)

VIOLENT_CLASSES = {"attack", "kill", "injure", "clash", "mob", "riot", "vandal", "explosion", "grenade", "shelling",
                   "airstrike", "suicide", "chemical", "abduct", "sexual", "capture", "recapture",
                   "loot", "destroy", "unrest"}
DEATH_ONLY = {"kill", "injure"}
FUTURE_AUX = {"will", "shall", "'ll"}
COND_MARKERS = {"if", "unless", "whether"}
COND_AUX = {"could", "would", "might", "may"}
SCORE = re.compile(r"\b\d{1,2}\s?-\s?\d{1,2}\b")
MONTH_AFTER = re.compile(r"\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
WEAK_NOUNS = {"attack", "clash", "battle", "blast", "fight", "fighting", "assault", "raid", "shooting", "bomb",
              "explosion"}
WEAK_DEATHS = {"die", "died", "death", "dead", "injure", "wounded", "hurt", "casualty"}
WEAK_VERBS = {"beat", "beaten", "battle", "fight", "fought", "storm", "clash", "attack", "shoot", "shot",
              "raid", "assault", "torch", "hack", "execute"}
STRONG_ANCHORS = {"armed", "state", "weapon", "conflict"}
ANCHOR_KINDS = {"armed", "state", "protester", "weapon", "conflict", "crowd", "civilian"}
DENY_VERBS = {"deny", "reject", "dismiss", "refute"}
NEG_WORDS = {"no", "not", "never", "n't", "none", "nobody", "neither"}


@cache
def _figurative() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in load_table("event_context_cues.csv"):
        if row["kind"] == "figurative":
            for form in _forms(row["cue"]):
                out[form] = row["value"]
    return out


def article_domain(parsed, index: ParseIndex | None = None) -> tuple[str | None, Counter]:
    """The ordinary-news domain an article is mostly about, or None for conflict/general news.

    Domain words must be frequent and clearly outnumber conflict words: short conflict
    reports carry a few conflict words, and a sports story many sports words.
    """
    hits = index.cues(0, len(parsed)) if index is not None else find_cues(parsed, 0, len(parsed))
    domains: Counter = Counter()
    conflict = 0
    for h in hits:
        kind = h.entry.get("kind")
        if kind == "domain" and h.entry.get("value") != "politics":  # politics is conflict-adjacent
            domains[h.entry.get("value")] += 1
        elif kind == "conflict":
            conflict += 1
    total = sum(domains.values())
    if total >= 4 and total >= 2 * conflict + 2:
        return domains.most_common(1)[0][0], domains
    if total >= 2 and total > conflict:  # leaning to ordinary news: only anchored violence counts
        domains["_leaning"] = 1
    return None, domains


def _args(anchor) -> list:
    """The words filling a trigger's subject/object slots (and a noun trigger's head)."""
    out = []
    for c in anchor.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "poss", "compound"):
            out.append(c)
        if c.dep_ in ("prep", "agent"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if anchor.dep_ in ("dobj", "nsubj", "compound", "pobj"):
        out.append(anchor.head)
    return out


def figurative_reason(cand: Candidate, text: str | None = None,
                      places: tuple[tuple[int, int], ...] = ()) -> str | None:
    """Why a violent trigger is figurative here, or None. `text` is the document's text (read
    once by the caller: spaCy rebuilds Doc.text on every access); `places` the character spans of
    the places layer's mentions (a place the tagger calls a product is still a place)."""
    if cand.klass not in VIOLENT_CLASSES:
        return None
    table = _figurative()
    anchor = cand.anchor
    text = anchor.doc.text if text is None else text
    after = text[cand.end: min(cand.end + 40, anchor.sent.end_char)]
    score = SCORE.search(after)
    if score and not MONTH_AFTER.match(after[score.end():]) and not _counts_people(anchor, cand.end + score.end()):
        return f"figurative: '{cand.pattern}' followed by a score '{score.group(0)}' (sport)"
    for tok in _args(cand.anchor):
        domain = table.get(tok.lower_) or table.get(tok.lemma_.lower())
        if domain:
            return f"figurative: '{cand.pattern}' with '{tok.text}' ({domain})"
        if tok.ent_type_ in ("WORK_OF_ART", "PRODUCT", "MONEY", "PERCENT") and not _placed(tok, places):
            return f"figurative: '{cand.pattern}' with {tok.ent_type_} '{tok.text}'"
    return None


LOCATIVE_PREPS = {"in", "at", "near", "around", "outside", "inside", "from", "to", "towards", "into", "across",
                  "along", "within", "between", "through"}


def _placed(tok, places: tuple[tuple[int, int], ...]) -> bool:
    """A name the tagger calls a product or work of art that is a place ("attacked two traders near
    Moyale"): it follows a locative preposition, or the places layer found a place there."""
    if tok.ent_type_ not in ("PRODUCT", "WORK_OF_ART"):
        return False
    if any(a <= tok.idx < b for a, b in places):
        return True
    k = tok.i
    while k > 0 and tok.doc[k - 1].ent_type_ == tok.ent_type_ and tok.doc[k - 1].ent_iob_ != "O" \
            and tok.doc[k].ent_iob_ != "B":
        k -= 1  # back to the entity's first word
    return k > 0 and tok.doc[k - 1].lower_ in LOCATIVE_PREPS


def _counts_people(anchor, end: int) -> bool:
    """Whether a number range ends before a plural noun ("assaulted 4-5 protesters", "injured 20-25
    more members"): a count of people or things, not a match score ("won 2-1 on Sunday", "a 3-0 win")."""
    for tok in anchor.sent:
        if tok.idx < end:
            continue
        if tok.pos_ in ("ADJ", "ADV") or tok.lower_ in ("more", "other"):
            continue
        return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("people", "persons", "police", "personnel")
    return False


def is_negated(anchor) -> bool:
    """"did not attack", "no one was killed", "no deaths"."""
    for c in anchor.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in {"nobody", "none", "noone", "neither"} or any(
                g.lower_ in ("no", "neither") for g in c.children)):  # "Neither X nor Y attacked"
            return True
    return False


def anti_reason(cand: Candidate) -> str | None:
    """"anti-riot police", "anti-riot gear": a police unit or its equipment named after what it is for."""
    if cand.klass != "riot":
        return None
    doc = cand.anchor.doc
    k = cand.i - 1
    while k >= 0 and doc[k].text == "-":
        k -= 1
    if k >= 0 and doc[k].lower_ == "anti":
        return f"'anti-{cand.anchor.text}': what a police unit or its gear is for, not a riot"
    return None


def negated_noun(anchor) -> bool:
    """A violent noun under a negated phrase ("No reports of violence or clashes with police", "no
    clashes were reported", "marched without violence"): the text says it did not happen."""
    if anchor.pos_ not in ("NOUN", "PROPN"):
        return False
    tok = anchor
    for _ in range(5):
        if is_negated(tok) or tok.lower_ in ("without", "devoid"):  # "devoid of police presence and running battles"
            return True
        if tok.dep_ in ("conj", "pobj", "prep") and tok.head is not tok:
            tok = tok.head
        else:
            return False
    return False


def modality(cand: Candidate, sent, doc: Document) -> tuple[str, str | None, str | None]:
    """(modality, claimant, reason) of a kept candidate."""
    anchor = cand.anchor
    if is_negated(anchor):
        return "denied", None, "negated trigger"
    for head in list(anchor.ancestors)[:2]:
        if head.lemma_.lower() in DENY_VERBS:
            return "denied", None, f"'{head.text}' the event"
    chain = [anchor, *list(anchor.ancestors)[:3]]
    for tok in chain:
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
                return "expected", None, f"future auxiliary '{c.text}'"
            if c.dep_ == "mark" and c.lower_ in COND_MARKERS:
                return "hypothetical", None, f"conditional '{c.text}'"
            if c.dep_ == "aux" and c.lower_ in COND_AUX:
                return "hypothetical", None, f"modal '{c.text}'"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in {"plan", "threaten", "vow", "intend", "want", "aim",
                                                                "decide", "prepare", "pledge", "promise"}:
            return "expected", None, f"'{tok.head.text} to ...'"
    for quote in doc.quotes:
        if quote.span.start <= cand.start and cand.end <= quote.span.end:
            name = quote.speaker.name or quote.speaker.organization if quote.speaker else None
            return "claimed", name, "inside a quoted statement"
    return "asserted", None, None


def context_reason(cand: Candidate, sent_kinds: set[str], sent_classes: set[str],
                   leaning: bool = False) -> str | None:
    """A vague violent word with no conflict party, weapon or other violent act in its sentence
    ("good on the counter attack", "who died in 2001") is not read as a conflict event. In an
    article leaning to ordinary news, only violence next to an armed party, state forces, a
    weapon or conflict vocabulary counts."""
    if _lone_marcher(cand, sent_kinds):
        return f"'{cand.pattern}' by one named person with no demonstration words: a walk, not a protest"
    if leaning and cand.klass in VIOLENT_CLASSES and not sent_kinds & STRONG_ANCHORS \
            and "protest" not in sent_classes:  # "demonstrators clashed with ...": a demonstration is no sport
        return "article leans to ordinary news and the sentence names no armed party or weapon"
    if sent_kinds & ANCHOR_KINDS:
        return None
    others = sent_classes - {cand.klass}
    if cand.pattern in WEAK_DEATHS and not others & VIOLENT_CLASSES:
        return f"'{cand.pattern}' without violence or a conflict party in its sentence"
    if cand.anchor.pos_ == "NOUN" and cand.pattern in WEAK_NOUNS and not others & VIOLENT_CLASSES \
            and not any(c.dep_ == "prep" and c.lower_ in ("by", "on", "against", "between", "with", "of")
                        or c.dep_ in ("poss", "compound", "amod") for c in cand.anchor.children):
            return f"noun '{cand.pattern}' without a party, weapon or other violence in its sentence"
    if cand.klass == "capture" and not _takes_place(cand.anchor):
        return f"'{cand.pattern}' without a place or territory as its object"
    legal = _legal_words()
    for anc in [] if _reports_act(cand.anchor) else list(cand.anchor.ancestors)[:3]:
        if anc is not cand.anchor and (anc.lemma_.lower() in legal or anc.lower_ in legal):
            return f"'{cand.pattern}' names the subject of a legal case ('{anc.text}')"
    if cand.pattern in WEAK_VERBS and cand.anchor.pos_ == "VERB" and not others & VIOLENT_CLASSES:
        agents, targets = arguments(cand.anchor)
        kinds = _noun_kinds()
        if not any(kinds.get(t.lower_) or kinds.get(t.lemma_.lower()) or (t.ent_type_ == "NORP" and cand.klass == "clash")
                   for t in agents + targets):  # "Borana and Somalis clashed": peoples named as the sides
            return f"verb '{cand.pattern}' with no person or armed party as its subject or object"
    return None


def _reports_act(anchor) -> bool:
    """A finite verb with its own subject ("laborers assaulted a man, accusing him of theft") reports an
    act, whatever legal word the parse hangs it under; "accused of assaulting", "jailed for assault" do not."""
    return anchor.tag_.startswith("VB") and any(c.dep_ == "nsubj" for c in anchor.children)


SOLO_PROTEST_VERBS = {"march", "boycott", "picket", "petition"}
CROWD_KINDS = {"demo", "protester", "crowd"}


def _lone_marcher(cand: Candidate, sent_kinds: set[str]) -> bool:
    """"Sam marched to the border": a single named person (not a group, party or country)."""
    if cand.klass != "protest" or cand.pattern not in SOLO_PROTEST_VERBS or cand.anchor.pos_ != "VERB" \
            or sent_kinds & CROWD_KINDS:
        return False
    subjects = [c for c in cand.anchor.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(
        s.tag_ == "NNP" and s.ent_type_ not in ("ORG", "NORP", "GPE") and not any(c.dep_ == "conj" for c in s.children)
        for s in subjects)


TERRITORY = {"town", "village", "city", "area", "base", "camp", "district", "region", "territory", "control",
             "province", "county", "airport", "port", "border", "checkpoint", "hill", "road", "highway", "post",
             "station", "barracks", "outpost", "capital", "stronghold", "positions", "position", "island"}


def _takes_place(anchor) -> bool:
    objs = [c for c in anchor.children if c.dep_ in ("dobj", "nsubjpass", "pobj", "prep")]
    objs += [g for c in objs if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if anchor.dep_ == "pobj" or anchor.pos_ == "NOUN":
        objs.append(anchor.head)
    return any(o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in TERRITORY or o.lower_ in TERRITORY
               for o in objs)


@cache
def _legal_words() -> frozenset[str]:
    out: set[str] = set()
    for row in load_table("event_context_cues.csv"):
        if row["kind"] == "legal":
            out |= _forms(row["cue"])
    return frozenset(out)


def accident_reason(cand: Candidate, cue_kinds: set[str]) -> str | None:
    if cand.klass in DEATH_ONLY and "accident" in cue_kinds:
        return "death/injury from an accident or illness"
    return None


def suppress(cand: Candidate, doc_id: str, reason: str) -> None:
    log.debug("suppressed '%s' (%s) in %s: %s", cand.pattern, cand.klass, doc_id, reason)
