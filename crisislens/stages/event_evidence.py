"""Evidence spans: the part of each sentence an event was read from.

The parser's sentences are usually right, but web pages glue headings, captions, bullet
lists and wiki section titles ("==Reactions==", "* 2014 ... bombing", "Car bombs While the
scale ...") onto the next sentence. An event's evidence should not claim those: within a
parsed sentence we cut at such seams and keep the pieces holding the event's triggers.

A seam is: a wiki heading marker ("==" at either end of a word), a bullet "*", or a
capitalised closed-class word ("The", "While", "From", "In") that follows a word with no
punctuation between them and is not part of a name — in running English text those words
are capitalised only at the start of a sentence.
"""

from __future__ import annotations

from crisislens.schema import Span

CLOSED_CLASS = {"DET", "ADP", "SCONJ", "CCONJ", "PRON", "AUX", "ADV", "PART"}
HEAD_START = {"DET", "SCONJ"}
OPENERS = "\"'‘’“”:;,(-–—"


def _seam_before(tok) -> bool:
    """Whether a new piece starts at this token (never at the sentence's first token)."""
    prev = tok.doc[tok.i - 1]
    if tok.text.startswith("=") and not prev.text.startswith("=") or prev.text.endswith("==") or tok.text == "*":
        return True
    if tok.text == "I" or not tok.is_title or tok.pos_ not in CLOSED_CLASS or tok.ent_iob_ == "I" \
            or (tok.ent_iob_ == "B" and tok.pos_ == "DET"):  # "The Hague"
        return False
    if prev.is_punct or prev.is_space or prev.text[-1:] in OPENERS:
        return False
    # Title-case headlines capitalise "Not", "To", "In"; only a determiner or a conjunction
    # after a capitalised word still starts a sentence ("... in Syria The desert ...").
    return not prev.is_title or tok.pos_ in HEAD_START


def segments(sent, text: str | None = None) -> list[tuple[int, int]]:
    """Character bounds of the pieces of a parsed sentence, split at heading/list seams.
    `text` is the document's text, read once by the caller (Doc.text is rebuilt per access)."""
    cuts = [tok for tok in sent[1:] if _seam_before(tok)]
    if not cuts:
        return [(sent.start_char, sent.end_char)]
    out = []
    start = sent.start_char
    for tok in cuts:
        if tok.idx > start:
            out.append((start, tok.idx))
        start = tok.idx
    out.append((start, sent.end_char))
    text = sent.doc.text if text is None else text
    return [_strip(text, s, e) for s, e in out if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def evidence(sents, sentence_indices, members, text: str | None = None) -> list[Span]:
    """One span per evidence sentence: the pieces that hold the event's triggers there (the
    whole sentence when it adds detail without a trigger, e.g. police dispersing a protest)."""
    out = []
    for i in sorted(set(sentence_indices)):
        sent = sents[i]
        starts = [m.start for m in members if m.sent_index == i]
        if not starts:
            out.append(Span(sent.start_char, sent.end_char))
            continue
        pieces = [(s, e) for s, e in segments(sent, text) if any(s <= x < e for x in starts)]
        if not pieces:
            out.append(Span(sent.start_char, sent.end_char))
            continue
        out.append(Span(min(s for s, _ in pieces), max(e for _, e in pieces)))
    return out
