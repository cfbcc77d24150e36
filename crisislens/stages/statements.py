"""statements stage: each party's account of an event, kept with its speaker.

"The army said the town had been secured. A local monitor said fighting was still going on
in the town." → the event keeps two statements: the army asserts, the monitor asserts. "The
ministry denied shelling the market" → a statement with stance "denies" and the ministry as
speaker. Statements come from the quotes layer and from attributed clauses
(statement_clauses); each is linked to the event it talks about:

- its words hold the event's trigger, or it stands in one of the event's evidence sentences;
- it speaks of the same kind of event (a trigger word of the event's type, or a word of the
  same family: "secured" for a capture, "the toll" for deaths), in the event's place or of its
  actors;
- it points back at the account before it ("disputed that account", "rejected the claim")
  told in the event's evidence.
A statement goes to the event that fits it best (and to any other event it fits as well that
happened in the same place: one incident the events stage told twice).

Modality is left as the events stage reads it, from the article's own voice around the
event's main trigger ("asserted" when the article states it, "claimed" when it is only a
party's account, "denied" when the trigger itself is denied). A party's later denial does
not make an asserted event denied: it becomes a statement with stance "denies" beside the
statement it answers, so a reader sees both sides and who holds each.

Figures by reporter. A statement that gives a death toll carries it (`fatalities`). When two
different reporters give different tolls for one event ("the ministry said 12 were killed; a
local monitor put the toll at 30"), the event keeps the lowest as `fatalities` and
`fatalities_low` (ACLED codes the lowest credible figure) and the highest as
`fatalities_high`. A toll that "rose to" or was "later" revised is an update, not a second
source, and is left as the events stage read it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Document, Event, Statement
from crisislens.stages.quote_speakers import people_named
from crisislens.stages.statement_clauses import Found, cues, from_clauses, from_quotes

_MIN_SCORE = 3
_DEFINITE = frozenset({"the", "that", "this", "those", "these", "such"})


def process(doc: Document, parsed, resources=None) -> Document:
    """Attach every attributed account to the event it is about."""
    if not doc.events:
        return doc
    starts = [s.start_char for s in parsed.sents]

    def sentence_of(at: int) -> int:
        return max(0, bisect.bisect_right(starts, at) - 1)

    found = from_quotes(doc, parsed, sentence_of)
    if not found and not any(t.lemma_.lower() in cues()["figure"] or t.lemma_.lower() in cues()["stance"]
                             for t in parsed if t.pos_ in ("VERB", "AUX")):
        return doc
    found += from_clauses(doc, parsed, people_named(parsed), sentence_of)
    found.sort(key=lambda f: f.statement.span.start)
    links = _Links(doc, parsed, sentence_of)
    previous: tuple[int, str, list[Event]] | None = None
    for item in found:
        item.statement.fatalities = _toll(doc, item.statement)
        events = links.events_for(item)
        who = _reporter(item.statement)
        if not events and previous and previous[:2] == (item.sentence, who):
            events = previous[2]  # "X denied ... and said ...": the same speaker goes on about the same event
        previous = (item.sentence, who, events)
        for event in events:
            if not any(s.span == item.statement.span for s in event.statements):
                event.statements.append(item.statement)
    for event in doc.events:
        _reported_tolls(doc, event, parsed, sentence_of)
    return doc


class _Links:
    """What each event is told with: its sentences, place, actors and kind of words."""

    def __init__(self, doc: Document, parsed, sentence_of) -> None:
        self.doc, self.parsed, self.sentence_of = doc, parsed, sentence_of
        self.sentences = [{sentence_of(s.start) for s in e.evidence} for e in doc.events]
        self.kinds = _event_words()
        self.told = set().union(*self.sentences)

    def score(self, item: Found, n: int, event: Event) -> int:
        st = item.statement
        own = set(range(self.sentence_of(st.span.start), self.sentence_of(max(st.span.end - 1, 0)) + 1))
        own.add(item.sentence)
        score = 0
        if own & self.sentences[n]:
            score += 3
        elif any(abs(i - j) == 1 for i in own for j in self.sentences[n]):
            score += 1  # told next to the event
        elif n == 0 and st.fatalities is not None and not own & self.told:
            score += 2  # a toll no event tells belongs to the first event (as the events stage reads it)
        if event.trigger and st.span.start <= event.trigger.start and event.trigger.end <= st.span.end:
            score += 2
        words = self.parsed.char_span(st.span.start, st.span.end, alignment_mode="expand")
        if words is None:
            return score
        if any(self.kinds.get(t.lemma_.lower()) == event.event_type or self.kinds.get(t.lower_) == event.event_type
               or cues()["family"].get(t.lemma_.lower()) == "kill" and event.fatalities for t in words):
            score += 2
        if event.location and any(st.span.start <= m.start < st.span.end for m in event.location.mentions):
            score += 2
        for actor in (event.actor1, event.actor2):
            if actor and actor.inter and any(st.span.start <= m.start < st.span.end for m in actor.mentions):
                score += 1
        if any(t.lemma_.lower() in cues()["reference"] and any(c.lower_ in _DEFINITE for c in t.children)
               for t in words) and (item.sentence - 1) in self.sentences[n]:
            score += 3  # "disputed that account": the account told just before
        return score

    def events_for(self, item: Found) -> list[Event]:
        scored = [(self.score(item, n, e), e.confidence, n) for n, e in enumerate(self.doc.events)]
        best = max(scored, key=lambda s: (s[0], s[1]))
        if best[0] < _MIN_SCORE:
            return []
        chosen = self.doc.events[best[2]]
        out = [chosen]
        others = [(score, confidence, n) for score, confidence, n in scored if n != best[2]
                  and self.doc.events[n].kind == chosen.kind]
        if not others or self._distinct(item):
            return out
        for score, _, n in others:  # one incident the events stage told twice, in one place
            other = self.doc.events[n]
            if score > _MIN_SCORE and other.location is not None and chosen.location is not None \
                    and other.location.name == chosen.location.name:
                out.append(other)
        if self._only_here(item, best[2]):  # the best event is this statement's own re-telling
            runner = max(others, key=lambda s: (s[0], s[1]))
            if runner[0] >= _MIN_SCORE and self.doc.events[runner[2]] not in out:
                out.append(self.doc.events[runner[2]])
        return out

    def _only_here(self, item: Found, n: int) -> bool:
        """Whether an event is told by nothing but this statement (its trigger in the statement's
        words, its evidence the statement's sentence): "the coalition denied carrying out the strike"."""
        event, st = self.doc.events[n], item.statement
        return event.trigger is not None and st.span.start <= event.trigger.start < st.span.end \
            and self.sentences[n] <= {item.sentence, self.sentence_of(st.span.start)}

    def _distinct(self, item: Found) -> bool:
        """"In a separate attack", "another two were killed": a statement about a second incident."""
        st = item.statement
        words = re.findall(r"[a-z]+", self.doc.text[st.span.start:st.span.end].lower())
        return any(w in cues()["distinct"] for w in words)


@cache
def _event_words() -> dict[str, str]:
    """Word → ACLED event type, from the one-word triggers and the families of statement_cues.csv."""
    by_class: dict[str, str] = {}
    words: dict[str, str] = {}
    for row in load_table("event_triggers.csv"):
        by_class.setdefault(row["class"], row["event_type"])
        if " " not in row["pattern"]:
            words.setdefault(row["pattern"], row["event_type"])
    for word, klass in cues()["family"].items():
        if klass in by_class:
            words[word] = by_class[klass]
    return words


def _toll(doc: Document, st: Statement) -> int | None:
    """The largest death toll a statement gives (its breakdowns are parts of it), else None."""
    values = [int(q.low if q.low is not None else q.value) for q in doc.quantities
              if q.category == "killed" and st.span.start <= q.span.start and q.span.end <= st.span.end]
    return max(values) if values else None


def _reporter(st: Statement) -> str:
    speaker = st.speaker
    words = re.findall(r"\w+", (speaker.name or speaker.organization or speaker.role or "").lower())
    return " ".join(w for w in words if w != "the")


def _reported_tolls(doc: Document, event: Event, parsed, sentence_of) -> None:
    """Different tolls from different reporters: the lowest is the event's, the highest its top."""
    if event.fatalities is None:
        return
    tolls: dict[str, int] = {}
    for st in event.statements:
        if st.fatalities is None or st.stance in ("denies", "disputes") and not st.fatalities:
            continue
        if _updates(parsed, st):
            return
        key = _reporter(st)
        tolls[key] = max(tolls.get(key, 0), st.fatalities)
    values = set(tolls.values())
    if len(tolls) < 2 or len(values) < 2 or event.fatalities not in values:
        return
    low, high = min(values), max(values)
    event.fatalities = event.fatalities_low = low
    event.fatalities_high = max(high, event.fatalities_high or 0)
    listed = ", ".join(f"{k or 'unnamed'} {v}" for k, v in tolls.items())
    event.reason = (event.reason or "") + f"; fatalities: sources differ ({listed}), lowest credible kept"


def _updates(parsed, st: Statement) -> bool:
    """Whether the statement's sentence revises a toll ("rose to", "later", "now")."""
    words = parsed.char_span(st.span.start, st.span.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    updates = cues()["update"]
    return any(t.lemma_.lower() in updates or t.lower_ in updates for t in words[0].sent)
