"""Who says what, for the statements stage: every attributed account in the article, each with
its speaker, stance and words.

Two sources:
- the quotes layer (direct and indirect quotes with their speakers): the stance is read from the
  verb that attributes the quote ("the army said" asserts, "the rebels claimed" claims, "the
  ministry denied that" denies, "X disputed that" disputes; "according to X" asserts);
- attributed clauses the quotes layer does not hold, because their content is no clause of its
  own: "the ministry denied shelling the market", "the police rejected the claim", "a local
  monitor put the toll at 30", "the group claimed responsibility for the attack", and reported
  speech whose verb borrows its subject ("... and said its forces had struck only military
  targets", "..., saying officers fired in the air").

Stances and cues are data (lexicons/statement_cues.csv); a speech verb (speech_verbs.csv) the
table does not list asserts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.symbols import AUX, VERB

from crisislens.lexicons import load_table
from crisislens.nlp import word_columns
from crisislens.schema import Document, Span, Speaker, Statement
from crisislens.stages.attribution import speech_verbs, subject_of
from crisislens.stages.quote_speakers import Person, describe

_SUBJECTS = ("nsubj",)
_BORROWING = ("conj", "advcl", "xcomp")  # "... and said", "..., saying", "went on to say"
_COMPLEMENTS = ("dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "pcomp", "advmod", "npadvmod")
_STOP = ("cc", "conj", "punct", "advcl", "mark")
_STANCE_BY_KIND = {"say": "asserts", "claim": "claims", "deny": "denies"}


@dataclass(slots=True)
class Found:
    """A statement and the sentence its speech verb stands in (for linking it to events)."""

    statement: Statement
    sentence: int


@cache
def cues() -> dict[str, dict[str, str]]:
    """kind → {word: value} from lexicons/statement_cues.csv."""
    table: dict[str, dict[str, str]] = {}
    for row in load_table("statement_cues.csv"):
        table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


def stance_of(lemma: str) -> str | None:
    """The stance a verb lemma gives its statement, None for a verb that reports no speech."""
    stance = cues()["stance"].get(lemma)
    if stance:
        return stance
    kind = speech_verbs().get(lemma)
    return _STANCE_BY_KIND.get(kind, "asserts") if kind else None


def has_speaker(speaker: Speaker) -> bool:
    return bool(speaker.name or speaker.organization or speaker.role)


def from_quotes(doc: Document, parsed, sentence_of) -> list[Found]:
    """One statement per attributed quote, the stance read from its attributing verb."""
    out: list[Found] = []
    for index, quote in enumerate(doc.quotes):
        if not has_speaker(quote.speaker):
            continue
        stance, verb = "asserts", None
        if quote.speaker.span is not None:
            stance, verb = _quote_stance(parsed, quote.speaker.span)
        anchor = quote.speaker.span.start if quote.speaker.span is not None else quote.span.start
        why = f"quote attributed by '{verb}'" if verb else "quote"
        out.append(Found(Statement(speaker=quote.speaker, stance=stance, text=quote.text, span=quote.span,
                                   quote=index, reason=why), sentence_of(anchor)))
    return out


def _quote_stance(parsed, span: Span) -> tuple[str, str | None]:
    words = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words):
        return "asserts", None
    head = words.root
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according":
        return "asserts", "according to"
    if head.dep_ in _SUBJECTS:
        stance = stance_of(verb.lemma_.lower())
        if stance:
            return stance, verb.text
    return "asserts", None


def from_clauses(doc: Document, parsed, people_of: Callable[[object], list[Person]], sentence_of) -> list[Found]:
    """Attributed clauses the quotes layer does not hold (see the module docstring); `people_of(parsed)`
    lists the people the article names (quote_speakers.people_named), read only when a clause is found."""
    people: list[Person] | None = None
    taken = [q.span for q in doc.quotes]
    figure_verbs = cues()["figure"]
    out: list[Found] = []
    for token in _verbs(parsed):
        if _inside(token.idx, taken):
            continue
        lemma = token.lemma_.lower()
        stance = stance_of(lemma)
        figure = lemma in figure_verbs and _has_object(token, figure_verbs[lemma].split("|"))
        if stance is None and not figure:
            continue
        subject = subject_of(token)
        borrowed = False
        if subject is None and token.dep_ in _BORROWING:
            subject = subject_of(token.head)
            borrowed = True
        if subject is None:
            continue
        complements = [c for c in token.children if c.dep_ in _COMPLEMENTS]
        clause = next((c for c in complements if c.dep_ == "ccomp"), None)
        if clause is not None and not borrowed and lemma in speech_verbs():
            continue  # "X said (that) ...": an indirect quote already
        if figure:
            stance = "asserts"
        elif clause is None and stance == "asserts":
            continue  # "said nothing", "told reporters": no account of anything
        if not complements:
            continue
        span = _clause_span(token, clause)
        if span is None or any(span.start < s.end and s.start < span.end for s in taken):
            continue
        if people is None:
            people = people_of(parsed)
        speaker = describe(subject, people)
        if not has_speaker(speaker):
            continue
        why = f"'{token.text}'" + (" (subject of the verb it follows)" if borrowed else "")
        out.append(Found(Statement(speaker=speaker, stance=stance or "asserts", text=doc.text[span.start:span.end],
                                   span=span, reason=f"clause attributed by {why}"), sentence_of(token.idx)))
    return out


def _verbs(parsed) -> list:
    """The verbs and auxiliaries whose lemma may attribute a statement, read from the parse's
    columns (no Token object for every other word)."""
    strings = parsed.vocab.strings
    wanted = _attributing_lemmas()
    known: dict[int, bool] = {}
    found = []
    columns = word_columns(parsed)
    pos = columns[:, 1]
    verbs = numpy.flatnonzero((pos == VERB) | (pos == AUX))
    for i, lemma in zip(verbs.tolist(), columns[verbs, 2].tolist(), strict=True):
        hit = known.get(lemma)
        if hit is None:
            hit = known[lemma] = strings[lemma].lower() in wanted
        if hit:
            found.append(parsed[i])
    return found


@cache
def _attributing_lemmas() -> frozenset[str]:
    """Stance and figure cue lemmas and speech verbs: what _verbs looks for."""
    return frozenset(cues()["stance"]) | frozenset(cues()["figure"]) | frozenset(speech_verbs())


def _has_object(verb, nouns: list[str]) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in verb.children)


def _inside(at: int, spans: list[Span]) -> bool:
    return any(s.start <= at < s.end for s in spans)


def _clause_span(verb, clause) -> Span | None:
    """The words a clause statement reports: the ccomp clause of a borrowed-subject verb, else the
    verb with its objects and complements up to a coordinated verb or a trailing clause."""
    if clause is not None:
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head is clause)]
    else:
        last = verb
        for child in verb.rights:
            if child.dep_ in _STOP:
                break
            last = child.right_edge
        tokens = list(verb.doc[verb.i:last.i + 1])
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
