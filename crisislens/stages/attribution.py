"""Who says so: speech verbs and "according to" phrases, shared by the quantities and quotes stages.

`sentence_source(sent)` names the party a sentence attributes its content to ("police said",
"according to the UN" → "police", "UN"); `speech_verbs()` is the table of verbs that attribute.
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB

from crisislens.lexicons import load_table
from crisislens.nlp import word_columns

_SUBJECTS = ("nsubj",)  # a passive subject ("3 injuries were reported") is the content, not the source
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "this"})
_LEADING = frozenset({"the", "a", "an"})
_ACCORDING = get_string_id("according")


class Sentences:
    """The parse's sentences, looked up by token in constant time.

    spaCy's `token.sent` walks the document's sentences on every call; a stage that asks for
    the sentence of many tokens builds this once per document instead.
    """

    __slots__ = ("spans", "_index")

    def __init__(self, parsed) -> None:
        self.spans = list(parsed.sents)
        self._index = [0] * len(parsed)
        for number, sent in enumerate(self.spans):
            self._index[sent.start:sent.end] = [number] * (sent.end - sent.start)

    def of(self, token):
        """The sentence (a Span) holding the token."""
        return self.spans[self._index[token.i]]


@cache
def speech_verbs() -> dict[str, str]:
    """Verb lemma → kind (say, claim, deny), from lexicons/speech_verbs.csv."""
    return {row["verb"]: row["kind"] for row in load_table("speech_verbs.csv")}


def according_to(sent):
    """The object of "according to" in the sentence (its head token), or None."""
    doc = sent.doc
    columns = word_columns(doc)
    for k in numpy.flatnonzero(columns[sent.start:sent.end, 0] == _ACCORDING).tolist():
        token = doc[sent.start + k]
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            for child in doc[token.i + 1].children:
                if child.dep_ == "pobj":
                    return child
            for child in token.children:
                if child.dep_ == "prep":
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            return grandchild
    return None


def subject_of(verb):
    """The verb's subject nearest to it: a dateline the parser also took for a subject
    ("NAIROBI (Outlet) - Police said") is farther away than the real one."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects:
        return None
    subject = min(subjects, key=lambda c: abs(verb.i - c.i))
    if _dateline(subject):  # "PORT SUDAN (Outlet) - Sudan's RSF said": the apposition after the dash
        after = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i and c.pos_ != "PUNCT"]
        return after[-1] if after else None
    return subject


def _dateline(token) -> bool:
    """A place in capitals opening a paragraph, before "(Outlet)" or a dash: a dateline."""
    doc = token.doc
    start = token.left_edge.i
    line_start = start == 0 or "\n" in doc[start - 1].whitespace_ + doc[start - 1].text
    following = doc[token.i + 1:token.i + 3]
    return token.is_upper and len(token.text) > 1 and line_start and any(t.text in ("(", "-", "\u2014") for t in following)


def speech_verb_subject(sent):
    """(verb, subject) for the first speech verb in the sentence that has a subject, else None."""
    verbs = speech_verbs()
    doc = sent.doc
    strings = doc.vocab.strings
    columns = word_columns(doc)[sent.start:sent.end]
    for k in numpy.flatnonzero((columns[:, 1] == VERB) | (columns[:, 1] == AUX)).tolist():
        if strings[int(columns[k, 2])].lower() not in verbs:
            continue
        token = doc[sent.start + k]
        subject = subject_of(token)
        if subject is not None:
            return token, subject
        for child in token.children:
            if child.dep_ == "agent":  # "was reported by the UN"
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return token, grandchild
    return None


def phrase_text(head, stop_at: tuple[str, ...] = ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj")) -> str:
    """The noun phrase a head token stands for, without clauses and appositions after it."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in stop_at:
            break
        right = child.right_edge.i
    tokens = [t for t in head.doc[left:right + 1]]
    while tokens and tokens[0].lower_ in _LEADING:
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def sentence_source(sent) -> str | None:
    """The party the sentence attributes its content to, as written; None when it names none."""
    head = according_to(sent)
    if head is None:
        found = speech_verb_subject(sent)
        if found is None:
            return None
        head = found[1]
    if head.lower_ in _PRONOUNS:
        return None
    return phrase_text(head) or None
