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
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy
from spacy.symbols import PROPN

from crisislens.lexicons import load_table
from crisislens.nlp import word_columns
from crisislens.schema import Document, Event, Quantity, Statement
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
    found += from_clauses(doc, parsed, people_named, sentence_of)
    found.sort(key=lambda f: f.statement.span.start)
    links = _Links(doc, parsed, sentence_of)
    previous: tuple[Found, list[Event]] | None = None
    for item in found:
        item.statement.fatalities = _toll(doc, item.statement)
        events = links.events_for(item)
        if not events and previous and previous[1] and _goes_on(doc, parsed, previous[0], item):
            events = previous[1]  # "X denied ... and said ...": the same side goes on about the same event
        previous = (item, events)
        for event in events:
            if not any(s.span == item.statement.span for s in event.statements):
                event.statements.append(item.statement)
    for event in doc.events:
        _reported_tolls(doc, event, parsed, sentence_of)
    return doc


def _speaks_for(doc: Document, st: Statement, actor) -> bool:
    """Whether the speaker is (a voice of) the actor: its words name the actor ("the military
    government", "a spokesman for the local PDF unit")."""
    if actor.inter in (0, 7) or actor.type in ("person", "media"):
        return False
    span = st.speaker.span
    if span is not None and any(span.start <= m.start < span.end for m in actor.mentions):
        return True
    if not st.speaker.organization:
        return False
    said = f" {_norm(st.speaker.organization)} "
    names = [actor.name, actor.name.split(":")[0], *actor.aliases, *_lexicon_aliases().get(actor.name, ())]
    return said.strip() != "" and any(f" {_norm(a)} " in said for a in names if a)


@cache
def _lexicon_aliases() -> dict[str, tuple[str, ...]]:
    """A named group's other names from armed_groups.csv (ACLED's "PDF: People's Defense Force"
    gives "PDF" by its name's acronym part)."""
    return {row["name"]: tuple(a for a in row["aliases"].split("|") if a) for row in load_table("armed_groups.csv")}


def _keys(doc: Document, st: Statement) -> set[str]:
    """Who a statement speaks for: the person, the organization, the actors it is a voice of."""
    keys = {_norm(v) for v in (st.speaker.name, st.speaker.organization) if v}
    keys |= {a.name for a in doc.actors if _speaks_for(doc, st, a)}
    return keys - {""}


_STOP_NOUNS = frozenset({"people", "statement", "time", "day", "year", "thing", "way", "part"})


def _nouns(parsed, st: Statement) -> set[str]:
    words = parsed.char_span(st.span.start, st.span.end, alignment_mode="expand")
    return {t.lemma_.lower() for t in words or () if t.pos_ == "NOUN"} - _STOP_NOUNS


def _goes_on(doc: Document, parsed, before: Found, item: Found) -> bool:
    """The same side goes on about the same thing: the same speaker in the same sentence, the
    same person, organization or party in the next sentence of the paragraph ("The Watch said
    ... 'We can still hear gunfire,' said its coordinator"), or a reply in the next sentence on
    the same thing ("... struck a training camp." / "The PDF said it had no camp there.")."""
    if item.sentence == before.sentence:
        return _reporter(item.statement) == _reporter(before.statement) or bool(
            _keys(doc, item.statement) & _keys(doc, before.statement))
    if item.sentence != before.sentence + 1:
        return False
    same_paragraph = "\n" not in doc.text[before.statement.span.end:item.statement.span.start]
    if same_paragraph and _keys(doc, item.statement) & _keys(doc, before.statement):
        return True
    return bool(_nouns(parsed, item.statement) & _nouns(parsed, before.statement))


@dataclass(slots=True)
class _Said:
    """What a statement's words hold, read once: the sentences it spans, the kinds of event it
    speaks of, the places, names and actors it names."""

    sentences: set[int]
    types: set[str]
    deaths: bool
    reference: bool
    places: set[str]
    names: set[str]
    actors: set[int]


def _names_by_sentence(parsed) -> list[set[str]]:
    """Per sentence, the proper nouns longer than two letters, read from the POS column."""
    pos = word_columns(parsed)[:, 1]
    propn = set(numpy.flatnonzero(pos == PROPN).tolist())
    out = []
    for sent in parsed.sents:
        words = {parsed[i].text for i in range(sent.start, sent.end) if i in propn}
        out.append({w for w in words if len(w) > 2})
    return out


class _Links:
    """What each event is told with: its sentences, place, actors and kind of words."""

    def __init__(self, doc: Document, parsed, sentence_of) -> None:
        self.doc, self.parsed, self.sentence_of = doc, parsed, sentence_of
        self.sentences = [{sentence_of(s.start) for s in e.evidence} for e in doc.events]
        self.told = set().union(*self.sentences)
        self.primary = max(doc.events, key=lambda e: e.confidence)
        names = _names_by_sentence(parsed)
        self.names = [set().union(*(names[i] for i in told)) for told in self.sentences]
        mentions = [(m.start, p.name) for p in doc.places for m in p.mentions]
        self.places = [{name for at, name in mentions if sentence_of(at) in told} | (
            {e.location.name} if e.location else set()) for e, told in zip(doc.events, self.sentences, strict=True)]
        # the event's parties, and the armed or state actors its own sentences name (the roles
        # may leave the one a statement answers for out: "a military air strike")
        armed = [(a, {sentence_of(m.start) for m in a.mentions}) for a in doc.actors if a.inter in (1, 2, 3, 4, 8)]
        self.parties = [[a for a in (e.actor1, e.actor2) if a] + [a for a, at in armed if at & told]
                        for e, told in zip(doc.events, self.sentences, strict=True)]

    def _said(self, item: Found) -> _Said:
        st = item.statement
        own = set(range(self.sentence_of(st.span.start), self.sentence_of(max(st.span.end - 1, 0)) + 1))
        own.add(item.sentence)
        words = self.parsed.char_span(st.span.start, st.span.end, alignment_mode="expand") or ()
        kinds, family = _event_words(), cues()["family"]
        types = {kinds.get(t.lemma_.lower()) or kinds.get(t.lower_) for t in words} - {None}
        inside = range(st.span.start, st.span.end)
        return _Said(
            sentences=own, types=types, deaths=any(family.get(t.lemma_.lower()) == "kill" for t in words),
            reference=any(t.lemma_.lower() in cues()["reference"] and any(c.lower_ in _DEFINITE for c in t.children)
                          for t in words),
            places={p.name for p in self.doc.places for m in p.mentions if m.start in inside},
            names={t.text for t in words if t.pos_ == "PROPN" and len(t.text) > 2},
            actors={id(a) for a in self.doc.actors for m in a.mentions if m.start in inside})

    def score(self, item: Found, said: _Said, n: int, event: Event) -> int:
        """How surely a statement talks about an event; below _MIN_SCORE it is not linked."""
        st = item.statement
        near = 0
        if said.sentences & self.sentences[n]:
            near = 3  # told in the event's own sentences
        elif any(abs(i - j) == 1 for i in said.sentences for j in self.sentences[n]):
            near = 1
        elif n == 0 and st.fatalities is not None and not said.sentences & self.told:
            near = 2  # a toll no event tells belongs to the first event (as the events stage reads it)
        score = near
        if event.trigger and st.span.start <= event.trigger.start and event.trigger.end <= st.span.end:
            score += 2
        topical = event.event_type in said.types or bool(said.deaths and event.fatalities)
        score += 2 if topical else 0
        if said.reference and (item.sentence - 1) in self.sentences[n]:
            score += 3  # "disputed that account": the account told just before
            topical = True
        # a place or proper name the event's own sentences name too (outside this statement)
        placed = bool(said.places & self.places[n]) or bool(said.names & self.names[n] and not near == 3)
        score += 2 if placed else 0
        score += sum(1 for a in (event.actor1, event.actor2) if a and a.inter and id(a) in said.actors)
        party = any(_speaks_for(self.doc, st, a) for a in self.parties[n])
        if party:
            score += 2  # a party's account of its own event ("the military denied ...")
            if st.stance != "asserts" and event is self.primary:
                score += 1  # a denial or claim answers the article's main event
        if near < 3 and not (topical or party or (near and placed)):
            return min(score, _MIN_SCORE - 1)  # a place or a party in passing is no link on its own
        return score

    def events_for(self, item: Found) -> list[Event]:
        said = self._said(item)
        scored = [(self.score(item, said, n, e), e.confidence, n) for n, e in enumerate(self.doc.events)]
        best = max(scored, key=lambda s: (s[0], s[1]))
        if best[0] < _MIN_SCORE:
            return []
        chosen = self.doc.events[best[2]]
        out = [chosen]
        others = [(score, confidence, n) for score, confidence, n in scored if n != best[2]
                  and self.doc.events[n].kind == chosen.kind]
        if not others or self._distinct(item):
            return out
        if self._only_here(item, best[2]):
            runner = max(others, key=lambda s: (s[0], s[1]))  # the best event is this statement's own re-telling
            if runner[0] >= _MIN_SCORE:
                out.append(self.doc.events[runner[2]])
        if said.types and chosen.event_type not in said.types:  # "the battle is not over" told beside a shelling
            spoken = [s for s in others if self.doc.events[s[2]].event_type in said.types and s[0] > _MIN_SCORE]
            if spoken:
                other = self.doc.events[max(spoken, key=lambda s: (s[0], s[1]))[2]]
                if other not in out:
                    out.append(other)
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


def _killed_figures(doc: Document, st: Statement) -> list[Quantity]:
    """The death figures inside a statement's words."""
    return [q for q in doc.quantities
            if q.category == "killed" and st.span.start <= q.span.start and q.span.end <= st.span.end]


def _toll(doc: Document, st: Statement) -> int | None:
    """The largest death toll a statement gives (its breakdowns are parts of it), else None."""
    values = [int(q.low if q.low is not None else q.value) for q in _killed_figures(doc, st)]
    return max(values) if values else None


@lru_cache(maxsize=4096)
def _norm(value: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", value.lower()) if w != "the")


def _reporter(st: Statement) -> str:
    return _norm(st.speaker.name or st.speaker.organization or st.speaker.role or "")


def _victims(doc: Document, parsed, st: Statement) -> str | None:
    """What a statement's toll counts ("17 insurgents" → "insurgent", "nine Taliban fighters" →
    "Taliban fighter"); None for people in general or a bare toll ("put the toll at 30")."""
    for q in _killed_figures(doc, st):
        words = parsed.char_span(q.span.start, q.span.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        root = words.root
        head = root.head if root.dep_ == "nummod" else None
        if head is not None and head.lemma_.lower() not in cues()["victims"]:
            named = [c.text for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
            return " ".join([*named, head.lemma_.lower()])  # "nine Taliban fighters" ≠ "two NRF fighters"
    return None


def _reported_tolls(doc: Document, event: Event, parsed, sentence_of) -> None:
    """Different tolls from different reporters: the lowest is the event's, the highest its top."""
    if event.fatalities is None:
        return
    tolls: dict[str, int] = {}
    victims: set[str] = set()
    for st in event.statements:
        if st.fatalities is None or st.stance in ("denies", "disputes") and not st.fatalities:
            continue
        if _updates(parsed, st):
            return
        key = _reporter(st)
        tolls[key] = max(tolls.get(key, 0), st.fatalities)
        victims.add(_victims(doc, parsed, st) or "")
    values = set(tolls.values())
    if len(tolls) < 2 or len(values) < 2 or event.fatalities not in values or len(victims - {""}) > 1:
        return  # one reporter, one figure, or tolls of different victims ("17 insurgents", "nine soldiers")
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
