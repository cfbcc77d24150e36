"""Frames: the words around a capitalised name that say whether it is a place.

"protested in Kitale", "residents of Kitale", "Kitale traders", "Kitale polling station" and
"Kitale MP" put a name on the map whatever spaCy's label (`place_frames.csv`, and the titles of
`place_attribute_heads.csv`); "President X", "X League", "the X and Y clans", "X Day" take it off.
The recogniser (recognize.py) asks these questions of every capitalised run.
"""

from __future__ import annotations

import re
from functools import cache

from crisislens.lexicons import load_table


@cache
def frames() -> tuple[dict[str, str], dict[str, str]]:
    """place_frames.csv: frames before a name ("residents of") and after it ("residents"), each
    with its kind; the titles of place_attribute_heads.csv ("Siaya Senator") follow as `attribute`."""
    before = {r["frame"]: r["kind"] for r in load_table("place_frames.csv") if r["side"] == "before"}
    after = {r["noun"]: "attribute" for r in load_table("place_attribute_heads.csv")}
    after.update({r["frame"]: r["kind"] for r in load_table("place_frames.csv") if r["side"] == "after"})
    return before, after


@cache
def _frame_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The frames as two patterns: one ending where a name starts, one starting where it ends
    (a frame after a name may be plural or possessive: "MPs", "market's")."""
    before, after = frames()
    alt_before = "|".join(sorted((re.escape(f) for f in before), key=len, reverse=True))
    alt_after = "|".join(sorted((re.escape(f) for f in after), key=len, reverse=True))
    return (re.compile(rf"(?<![\w-])({alt_before})\s+(?:the\s+)?$", re.I),
            re.compile(rf"^\s+({alt_after})(?:'s|’s|s|')?(?![\w-])", re.I))


@cache
def _frame_words() -> frozenset[str]:
    """Every word of a frame after a name: "Maseno University" is Maseno and its frame."""
    return frozenset(w for f in frames()[1] for w in f.split())


PLACE_FRAMES = frozenset({"locative", "people", "facility", "attribute", "event"})


_NONSPACE = re.compile(r"\S+")
_FOLLOWING = re.compile(r"(?:[\s-]+[\w'’]+){1,2}")
_LISTED = re.compile(r"(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)+(?=\s)")


def frame_at(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The kind of frame around a name ("in X": locative, "X residents": people, "Mr X": title) or
    None, and where a frame after the name ends (so "Kotwali police station in Faridpur" chains
    like a cue word)."""
    found = _frame_patterns()[0].search(text[max(0, start - 30):start])
    if found:
        return frames()[0][found.group(1).lower()], end
    return frame_after(text, start, end)


def frame_after(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The frame after a name, which needs a name, not an acronym ("ODM youths")."""
    found = _frame_patterns()[1].match(text[end:end + 40])
    if found and not (text[start:end].isupper() and len(text[start:end]) <= 5):
        return frames()[1][found.group(1).lower()], end + found.end()
    return None, end


def not_a_place(text: str, start: int, end: int, frame: str | None, known: bool, persons: frozenset[str],
                 persons_here: bool, is_group) -> bool:
    """Evidence against a name: a title before it ("President X"), an organisation or holiday word
    after it ("X League", "X Day"); for a name the gazetteer does not know, also a word that may
    follow a place ("X office"), a person's name the text uses elsewhere, or an armed group's or
    party's name (the actors' lexicon, through `is_group`)."""
    if frame is None:  # "the Marehan and Garre clans": the word after a list covers each member
        listed = _LISTED.match(text[end:end + 60])
        frame = frame_after(text, start, end + listed.end())[0] if listed else None
    if frame in ("title", "not_place") or (frame == "not_place_if_unknown" and not known):
        return True
    if known:
        return False
    name = text[start:end]
    last = name.split()[-1]
    if " " in name and is_frame_word(last) and frames()[1].get(last.lower().rstrip("s"),
                                                                  frames()[1].get(last.lower())) == "facility":
        return True  # "Pananagar Dimukhi High School": a facility, placed by the town named with it
    if name in persons and not persons_here:
        return True  # "Miguna Miguna" tagged a place here, a person elsewhere
    if is_group is None:
        return False
    following = _FOLLOWING.match(text[end:end + 40])
    return is_group(name) or bool(following and is_group(text[start:end + following.end()]))


def is_frame_word(word: str) -> bool:
    """A word of a frame after a name, plural or possessive ("MPs", "market's", "residents'")."""
    word, frame_words = word.lower().rstrip("'’"), _frame_words()
    return word in frame_words or (word[-1:] == "s" and word[:-1].rstrip("'’") in frame_words)


def is_organisation(run: str, knows) -> bool:
    """A run of three or more words ending in an organisation's word ("... Association", "...
    Committee") that the gazetteer does not know: a body named after a place, not the place."""
    words = run.split()
    last = words[-1].lower().rstrip("'’")
    return len(words) >= 3 and frames()[1].get(last, frames()[1].get(last.removesuffix("s"))) == "not_place" \
        and not knows(run)


def before_title(text: str, start: int, end: int) -> tuple[int, int]:
    """ "Lands Secretary Charity Ngilu": a run cut before a title inside it; what follows is a person."""
    titles = _frame_titles()
    for word in list(_NONSPACE.finditer(text[start:end]))[1:]:
        if word.group() in titles:
            return start, start + len(text[start:start + word.start()].rstrip())
    return start, end


@cache
def _frame_titles() -> frozenset[str]:
    """One-word titles, capitalised as inside a name ("Secretary", "MP")."""
    titles = [f for f, kind in frames()[0].items() if kind == "title" and " " not in f]
    return frozenset(t.capitalize() for t in titles) | frozenset(t.upper() for t in titles if len(t) <= 3)
