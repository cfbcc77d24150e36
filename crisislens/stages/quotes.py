"""quotes stage: who said what — direct quotes in quotation marks and reported speech.

Produces `doc.quotes`: one Quote per quotation, in text order, with
- kind "direct": the words inside straight or curly quotation marks (at least four words, so
  scare quotes like "bandits" are left out), spanning paragraphs when a quoted paragraph ends
  without a closing mark and the next one opens with a mark; `text`/`span` are the quoted words;
- kind "indirect": the reported clause of "X said (that) <clause>" or "according to X, <clause>";
- `speaker` from the attribution (",\u201d said X", "X said", "according to X", "X told Reuters"):
  name, role and organization ("Amina Yusuf, a spokeswoman for the Northern Relief Coalition");
  an organization alone for "the ministry said", "police said"; a pronoun ("he said") resolved to
  the speaker last quoted in the same paragraph, else the last person named before it outside
  quotation marks (quote_speakers.describe); a speaker quoted again ("he added", a surname alone,
  a quote that goes on without attribution) keeps the name, role and organization given before;
- `outlet` the speaker spoke to ("told Reuters" → "Reuters").
"""

from __future__ import annotations

import re

import numpy
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB

from crisislens.nlp import text_of, word_columns
from crisislens.schema import Document, Quote, Span, Speaker
from crisislens.stages.attribution import Sentences, according_to, speech_verbs, subject_of
from crisislens.stages.quote_speakers import Person, describe, outlet_of, people_named

_OPENING = "\u201c"
_CLOSING = "\u201d"
_STRAIGHT = '"'
_MARKS = re.compile(f"[\n{_OPENING}{_CLOSING}{_STRAIGHT}]")  # what _direct_spans reads
_MIN_WORDS = 4
_SUBJECTS = ("nsubj",)
_PERSON_PRONOUNS = frozenset({"he", "she"})


def process(doc: Document, parsed, resources=None) -> Document:
    """Append the direct and indirect quotes of the parse."""
    text = text_of(parsed)
    spans = _direct_spans(text)
    people = [p for p in people_named(parsed) if not any(s <= p.start < e for s, e in spans)]
    sentences = Sentences(parsed)
    quotes: list[Quote] = []
    for start, end in spans:
        quote = _direct(parsed, text, start, end, people, sentences)
        previous = quotes[-1] if quotes else None
        if quote.speaker == Speaker() and previous and "\n" not in text[previous.span.end:start]:
            quote.speaker, quote.outlet = previous.speaker, previous.outlet  # the same speaker goes on
        quotes.append(quote)
    taken = [q.span for q in quotes]
    quotes.extend(_indirect(parsed, text, taken, people, sentences))
    quotes.sort(key=lambda q: q.span.start)
    _pronouns_to_paragraph_speakers(quotes, text)
    doc.quotes.extend(quotes)
    return doc


def _pronouns_to_paragraph_speakers(quotes: list[Quote], text: str) -> None:
    """"..., he said": the speaker last quoted earlier in the same paragraph, with their role and
    organization; without one, the pronoun keeps the last person named (describe)."""
    for i, quote in enumerate(quotes):
        own = quote.speaker.span
        if own is None or text[own.start:own.end].lower() not in _PERSON_PRONOUNS:
            continue
        paragraph = text.rfind("\n", 0, own.start) + 1
        for earlier in reversed(quotes[:i]):
            other = earlier.speaker.span
            if earlier.speaker.name and other is not None and paragraph <= other.start and other.end <= own.start:
                quote.speaker = Speaker(name=earlier.speaker.name, role=earlier.speaker.role,
                                        organization=earlier.speaker.organization, span=own)
                break


def _direct_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, across paragraph breaks.

    Only line breaks and quotation marks change anything, so the scan jumps from one to the next."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    n = len(text)
    found = _MARKS.search(text)
    while found is not None:
        i = found.start()
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] in (_OPENING, _STRAIGHT):
                found = _MARKS.search(text, j + 1)  # the quote goes on in the next paragraph
                continue
            spans.append((open_at, i))  # a quote left open at a paragraph's end ends there
            open_at = None
        elif ch == _OPENING or (ch == _STRAIGHT and _opens(text, i)):
            if open_at is not None:  # a new quote opens before the last one closed: it ended there
                spans.append((open_at, i))
            open_at = i + 1
        elif (ch == _CLOSING or ch == _STRAIGHT) and open_at is not None:
            spans.append((open_at, i))
            open_at = None
        found = _MARKS.search(text, i + 1)
    if open_at is not None:
        spans.append((open_at, n))
    trimmed = []
    for s, e in spans:
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):  # '...," said X'
            e -= 1
        trimmed.append((s, e))
    return [(s, e) for s, e in trimmed if len(text[s:e].split()) >= _MIN_WORDS]


def _opens(text: str, i: int) -> bool:
    """A straight mark opens a quote when it follows a space or a bracket and precedes a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{:-—") and not after.isspace()


def _attribution(parsed, text: str, start: int, end: int, sentences: Sentences):
    """(verb, speaker head) that attributes the quote at [start, end), looking after it first."""
    verbs = speech_verbs()
    after = parsed.char_span(end, min(end + 1, len(text)), alignment_mode="expand")
    before = parsed.char_span(max(start - 1, 0), start, alignment_mode="expand")
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    paragraph_start = text.rfind("\n", 0, start) + 1
    windows = []  # the attribution is in the quote's sentence and paragraph
    if after is not None and len(after):
        sent = sentences.of(after[0])
        windows.append([t for t in sent if end <= t.idx < paragraph_end])
    if before is not None and len(before):
        sent = sentences.of(before[0])
        windows.append([t for t in sent if t.idx + len(t) <= start and t.idx >= paragraph_start][::-1])
    for window in windows:
        for token in window:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs:
                child = subject_of(token)
                if child is not None and not start <= child.idx < end:
                    return token, child
            if token.lower_ == "according":
                head = according_to(sentences.of(token))
                if head is not None and not start <= head.idx < end:
                    return token, head
    return None


def _direct(parsed, text: str, start: int, end: int, people: list[Person], sentences: Sentences) -> Quote:
    found = _attribution(parsed, text, start, end, sentences)
    if found is None:
        return Quote(text=text[start:end], span=Span(start, end), speaker=Speaker(), kind="direct")
    verb, head = found
    return Quote(text=text[start:end], span=Span(start, end), speaker=describe(head, people),
                 outlet=outlet_of(verb), kind="direct")


def _inside(token, spans: list[Span]) -> bool:
    return any(s.start <= token.idx < s.end for s in spans)


def _indirect(parsed, text: str, taken: list[Span], people: list[Person], sentences: Sentences) -> list[Quote]:
    verbs = speech_verbs()
    out: list[Quote] = []
    for i in _speech_candidates(parsed, verbs):
        token = parsed[i]
        if token.lower_ == "according" and not _inside(token, taken):
            quote = _according(text, sentences.of(token), token, taken, people)
            if quote:
                out.append(quote)
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in verbs or _inside(token, taken):
            continue
        subject = subject_of(token)
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if subject is None:
            continue
        if clause is not None:
            tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head is not clause]
        else:
            tokens = _fronted_clause(token, subject)
        while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 2:
            continue
        span = Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
        if any(span.start < s.end and s.start < span.end for s in taken):
            continue  # the attribution of a direct quote
        out.append(Quote(text=text[span.start:span.end], span=span, speaker=describe(subject, people),
                         outlet=outlet_of(token), kind="indirect"))
    return out


def _speech_candidates(parsed, verbs: dict[str, str]) -> list[int]:
    """Indices of the tokens `_indirect` looks at ("according", a verb or auxiliary with a speech
    lemma), read from columns once per document instead of a Token object per word."""
    strings = parsed.vocab.strings
    according = get_string_id("according")
    speech: dict[int, bool] = {}  # lemma id → is a speech verb
    found = []
    columns = word_columns(parsed)
    pos = columns[:, 1]
    candidates = numpy.flatnonzero((columns[:, 0] == according) | (pos == VERB) | (pos == AUX))
    for i, (lower, _, lemma) in zip(candidates.tolist(), columns[candidates].tolist(), strict=True):
        if lower == according:
            found.append(i)
        else:
            known = speech.get(lemma)
            if known is None:
                known = speech[lemma] = strings[lemma].lower() in verbs
            if known:
                found.append(i)
    return found


def _fronted_clause(verb, subject) -> list:
    """"<clause>, a Yemeni army officer said." parsed with the clause's subject as a second subject
    of "said" (its verb hanging off that subject): the words before the comma that precedes the
    speaker are the reported clause."""
    content = [c for c in verb.children if c.dep_ == "nsubj" and c.i < subject.i]
    comma = subject.left_edge.i - 1
    if not content or comma <= content[0].i or verb.doc[comma].text != "," or verb.i < subject.i:
        return []
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in content[0].subtree)
    return list(verb.doc[content[0].left_edge.i:comma]) if has_verb else []


def _according(text: str, sent, token, taken: list[Span], people: list[Person]) -> Quote | None:
    """"According to X, <clause>" and "<clause>, according to X": the clause is the rest of the sentence."""
    head = according_to(sent)
    if head is None:
        return None
    phrase = range(token.i, head.right_edge.i + 1)
    before = [t for t in sent if t.i < phrase.start]
    after = [t for t in sent if t.i >= phrase.stop]
    tokens = after if len(after) > len(before) else before
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < 3:
        return None
    span = Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    if any(span.start < s.end and s.start < span.end for s in taken):
        return None
    return Quote(text=text[span.start:span.end], span=span, speaker=describe(head, people),
                 kind="indirect")
