"""Event candidates: the words that anchor an event ("staged a protest", "gunmen shot dead").

The trigger and cue tables (lexicons/event_triggers.csv, event_context_cues.csv) are
compiled once per process into a small phrase matcher that compares each pattern word
with a token's lower-case form or lemma, accepting regular inflections ("stage" matches
"staged" even where the tagger lemmatises it wrongly) and hyphen tokens inside words
("tear-gas" matches "tear gas" and "tear - gas").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LEMMA, LOWER, ORTH

from crisislens.lexicons import load_table
from crisislens.nlp import text_of

GAP = "*"
MAX_GAP = 3


@cache
def cue_words(kind: str) -> frozenset[str]:
    """The words of one kind in the cue table (event_context_cues.csv), lower-cased: the roles and
    typing helpers test single tokens against them (occupations, people, property, gatherings)."""
    return frozenset(r["cue"].lower() for r in load_table("event_context_cues.csv") if r["kind"] == kind)


def _forms(word: str) -> frozenset[str]:
    """A word and its regular inflections: enough to match without trusting the lemmatiser."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ied", w[:-1] + "ies"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    if "ise" in w:
        forms |= _forms(w.replace("ise", "ize")) if "ize" not in w else set()
    return frozenset(forms)


def _words(pattern: str) -> tuple[str, ...]:
    return tuple(p for p in pattern.lower().replace("-", " ").split() if p)


@dataclass(frozen=True, slots=True)
class Entry:
    """One compiled pattern and the row it came from."""

    pattern: str
    words: tuple[frozenset[str] | None, ...]  # None is a gap
    row: tuple[tuple[str, str], ...]

    def get(self, key: str, default: str = "") -> str:
        return dict(self.row).get(key, default)


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern matched over tokens [i, j) of the parse."""

    entry: Entry
    i: int
    j: int


class PhraseTable:
    """Patterns indexed by the forms of their first word."""

    def __init__(self, rows: Iterable[dict[str, str]], key: str) -> None:
        self.index: dict[str, list[Entry]] = {}
        for row in rows:
            words = _words(row[key])
            if not words:
                continue
            compiled = tuple(None if w == GAP else _forms(w) for w in words)
            entry = Entry(row[key], compiled, tuple(sorted(row.items())))
            for form in compiled[0] or ():
                self.index.setdefault(form, []).append(entry)

    def match(self, tokens, start: int = 0, end: int | None = None, keys: list | None = None) -> Iterator[Hit]:
        """Every (entry, i, j) that matches inside tokens[start:end]; longest first at each i.

        `keys` (from `token_keys`) saves re-reading every token's forms on each call."""
        end = len(tokens) if end is None else end
        if keys is None:
            keys = [None] * start + [_key(tokens[k]) for k in range(start, end)]
        for i in range(start, end):
            lower, lemma, _ = keys[i]
            firsts = (lower,) if lower == lemma else (lower, lemma)  # ordered: the same pattern wins every run
            seen: set[str] = set()  # the first row of a pattern wins (cue kinds rely on this order)
            found = []
            for key in firsts:
                for entry in self.index.get(key, ()):
                    if entry.pattern in seen:
                        continue
                    seen.add(entry.pattern)
                    j = _match_rest(keys, i + 1, end, entry.words[1:])
                    if j is not None:
                        found.append(Hit(entry, i, j))
            yield from sorted(found, key=lambda h: h.i - h.j)


def _key(tok) -> tuple[str, str, str]:
    return tok.lower_, tok.lemma_.lower(), tok.text


def token_keys(parsed) -> list[tuple[str, str, str]]:
    """(lower, lemma, text) of every token, read once per parse: building a spaCy Token per
    word per pattern is most of the matcher's cost, so the columns are read as one array and
    each distinct string looked up once."""
    strings = parsed.vocab.strings
    found: dict[int, str] = {}
    lemmas: dict[int, str] = {}
    out = []
    for lower, lemma, orth in parsed.to_array((LOWER, LEMMA, ORTH)).tolist():
        low = found.get(lower)
        if low is None:
            low = found[lower] = strings[lower]
        lem = lemmas.get(lemma)
        if lem is None:
            lem = lemmas[lemma] = strings[lemma].lower()
        text = found.get(orth)
        if text is None:
            text = found[orth] = strings[orth]
        out.append((low, lem, text))
    return out


def _match_rest(keys, i: int, end: int, words) -> int | None:
    if not words:
        return i
    head, rest = words[0], words[1:]
    if head is None:
        for gap in range(0, MAX_GAP + 1):
            j = _match_rest(keys, i + gap, end, rest)
            if j is not None:
                return j
        return None
    while i < end and keys[i][2] == "-":
        i += 1
    if i < end and (keys[i][0] in head or keys[i][1] in head):
        return _match_rest(keys, i + 1, end, rest)
    return None


@cache
def trigger_table() -> PhraseTable:
    return PhraseTable(load_table("event_triggers.csv"), "pattern")


@cache
def cue_table() -> PhraseTable:
    return PhraseTable(load_table("event_context_cues.csv"), "cue")


@dataclass(slots=True)
class Candidate:
    """One trigger occurrence, before typing and merging."""

    sent_index: int
    anchor: object  # spacy Token: the syntactic head of the matched words
    i: int
    j: int
    start: int
    end: int
    klass: str
    event_type: str
    sub_event_type: str
    cameo: str
    weight: float
    pattern: str
    notes: list[str] = field(default_factory=list)
    label: bool = False  # the note's own category label ("Property destruction: ..."): its coding stands


def _anchor(tokens, i: int, j: int):
    """The matched token whose head lies outside the match (the phrase's head)."""
    for k in range(i, j):
        head = tokens[k].head
        if head.i < i or head.i >= j or head.i == k:
            if tokens[k].pos_ not in ("DET", "ADP", "PART", "PUNCT"):
                return tokens[k]
    return tokens[i]


def find_candidates(parsed, keys: list | None = None) -> list[Candidate]:
    """Trigger matches, one per token position (the longest pattern wins), sentence by sentence."""
    table = trigger_table()
    keys = token_keys(parsed) if keys is None else keys
    out: list[Candidate] = []
    for s_index, sent in enumerate(parsed.sents):
        taken: set[int] = set()
        for hit in table.match(parsed, sent.start, sent.end, keys):
            if any(k in taken for k in range(hit.i, hit.j)) or _non_prefixed(keys, hit.i):
                continue
            anchor = _anchor(parsed, hit.i, hit.j)
            pos = hit.entry.get("pos")
            if pos and anchor.pos_ not in pos.split("|"):
                continue
            taken.update(range(hit.i, hit.j))
            e = hit.entry
            out.append(Candidate(
                sent_index=s_index, anchor=anchor, i=hit.i, j=hit.j,
                start=parsed[hit.i].idx, end=parsed[hit.j - 1].idx + len(parsed[hit.j - 1].text),
                klass=e.get("class"), event_type=e.get("event_type"),
                sub_event_type=e.get("sub_event_type"), cameo=e.get("cameo"),
                weight=float(e.get("weight") or 0.5), pattern=e.pattern,
            ))
    return out


def _non_prefixed(keys, i: int) -> bool:
    """"non-violent protest", "nonviolent": the word is negated by its prefix."""
    return i >= 1 and (keys[i - 1][0] == "non" or (i >= 2 and keys[i - 1][2] == "-" and keys[i - 2][0] == "non"))


@cache
def communal_table() -> PhraseTable:
    return PhraseTable(load_table("event_communal_cues.csv"), "cue")


def has_communal_cue(parsed, start: int, end: int, keys: list | None = None) -> bool:
    """Whether tokens [start, end) set the violence in a communal conflict (clans, cattle raids)."""
    return next(iter(communal_table().match(parsed, start, end, keys)), None) is not None


def find_cues(parsed, start: int, end: int, keys: list | None = None) -> list[Hit]:
    """Context cues over tokens [start, end)."""
    return list(cue_table().match(parsed, start, end, keys))


@cache
def _note_labels() -> tuple[tuple[re.Pattern, dict[str, str]], ...]:
    rows = sorted(load_table("event_note_labels.csv"), key=lambda r: -len(r["label"]))
    return tuple((re.compile(r"\s*" + re.escape(r["label"]) + r"\s*:", re.IGNORECASE), r) for r in rows)


def note_label(parsed, text: str) -> Candidate | None:
    """A candidate for the category label an event note opens with ("Movement of forces: ..."),
    or None. Notes label events that have no trigger word at all ("militants sighted crossing
    the border") and events whose words sound more violent than their category."""
    for rx, row in _note_labels():
        m = rx.match(text)
        if m is None:
            continue
        span = parsed.char_span(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end() - 1,
                                alignment_mode="expand")
        if span is None or not len(span):
            return None
        root = span.sent.root
        # the parties are those of the clause the label heads ("Defusal: Police find a grenade ...")
        anchor = root if root.pos_ == "VERB" and not span.start <= root.i < span.end else span.root
        return Candidate(sent_index=_sent_index(parsed, span.start), anchor=anchor, i=span.start, j=span.end,
                         start=span.start_char, end=span.end_char, klass=row["class"],
                         event_type=row["event_type"], sub_event_type=row["sub_event_type"], cameo=row["cameo"],
                         weight=0.95, pattern=row["label"], label=True)
    return None


def _sent_index(parsed, i: int) -> int:
    for k, sent in enumerate(parsed.sents):
        if sent.start <= i < sent.end:
            return k
    return 0


class ParseIndex:
    """What the events stage reads many times from one parse, read once: the text, every
    token's match keys, and the cue matches per token range (memoised for this parse only;
    one index per `events.process` call, never shared between documents)."""

    def __init__(self, parsed) -> None:
        self.parsed = parsed
        self.text: str = text_of(parsed)
        self.keys = token_keys(parsed)
        self._cues: dict[tuple[int, int], list[Hit]] = {}

    def cues(self, start: int, end: int) -> list[Hit]:
        """find_cues over tokens [start, end), computed once per range."""
        hits = self._cues.get((start, end))
        if hits is None:
            hits = self._cues[(start, end)] = find_cues(self.parsed, start, end, self.keys)
        return hits

    def communal(self, start: int, end: int) -> bool:
        return has_communal_cue(self.parsed, start, end, self.keys)
