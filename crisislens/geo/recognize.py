"""Toponym recognition: the names in a text that may be places, beyond spaCy's entities.

A capitalised run of words is a place mention when spaCy tags it GPE/LOC/FAC, when a cue word
names its kind ("Wajir county", "Atpara upazila", "the village of Kisima"), when a locative
preposition precedes it and the gazetteer knows it ("clashes in Kasipul"), or when it stands
in a chain with another mention ("Kasipul, Homa Bay", "Feni town (Feni Sadar, Chittagong)"), or
when the words around it place it ("Kitale traders", "residents of Witu": frames.py).
Chains give each mention its parents: the places that the text says contain it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from crisislens.geo.frames import (
    PLACE_FRAMES,
    before_title,
    frame_after,
    frame_at,
    is_frame_word,
    is_organisation,
    not_a_place,
)
from crisislens.lexicons import load_table

_WORD = r"[A-Z][\w'’\.\-]*[\w]|[A-Z]"
_LINK = r"(?:al|el|ez|ed|ad|ash|ar|de|del|bin|ibn|wa)"
_RUN = re.compile(rf"(?:{_WORD})(?:(?:\s+|-)(?:{_LINK}[\s\-])?(?:{_WORD})){{0,4}}")
_GAP_CHAIN = re.compile(r"^[\s,()]*(?:coded as|in|at|of|near)?[\s,()]*$", re.I)
_GAP_DASH = re.compile(r"^\s+[-–]\s+$")
_GAP_COMMA = re.compile(r"^\s*,\s*$")
_GAP_AND = re.compile(r"^\s*,?\s*(?:and|or|&)\s+$", re.I)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NONSPACE = re.compile(r"\S+")
_HYPHEN_PART = re.compile(r"[^-]+")
_CODED = re.compile(r"coded as\W*$", re.I)
_PREV_WORD = re.compile(r"(\w+)\W*$")


@dataclass
class Mention:
    """A name the text may use for a place."""

    start: int
    end: int
    text: str
    level: str | None = None  # admin1 | admin2 | locality | site (from a cue word), or None
    source: str = "entity"    # entity | cue | preposition | chain
    outer_start: int = 0      # the span including its cue word
    outer_end: int = 0
    parents: list[int] = field(default_factory=list)  # indices of mentions that contain it
    children_dash: bool = False  # "Dhaka - Paltan": the left name contains the right one
    top: bool = False            # the outermost name of a chain ("Balkh" in "X district, Balkh")
    base: str | None = None      # the place a qualified name is named after ("Wajir East" -> "Wajir")
    person: bool = False         # spaCy reads it as a person's name: a place only with strong evidence
    coded: bool = False          # follows "coded as": the place the analyst chose
    people: bool = False         # an ethnic name used for people ("Samburu raiders"): a place of last resort
    route_end: bool = False      # an end of a road named by its ends ("Dhaka - Mymensingh highway"): the same
    frame: str | None = None     # locative | people | facility | attribute | event: what places it (place_frames.csv)
    facility: bool = False       # it names a building ("Sakina Mosque"): persons and saints name them too


@cache
def _cues() -> tuple[dict[str, str], dict[str, str]]:
    after, before = {}, {}
    for row in load_table("place_cues.csv"):
        (after if row["side"] == "after" else before)[row["cue"]] = row["level"]
    return after, before


@cache
def _locative() -> frozenset[str]:
    return frozenset(row["word"] for row in load_table("place_prepositions.csv"))


_QUALIFIED = re.compile(r"-(?:based|backed|led|born|bred|controlled|run|owned|held|bound|allied|aligned|linked|affiliated|"
                        r"funded|sponsored|supported|dominated|occupied|registered|made|style|type|era)$")


def _framed_part(text: str, start: int, end: int, knows) -> tuple[int, int]:
    """ "Maseno University", "Wajir West MP": a run ending in frame words, cut to the name before
    them when the gazetteer knows that name (or the place it is named after), or to a known place
    inside it."""
    words = list(_NONSPACE.finditer(text[start:end]))
    k = len(words)
    while k > 1 and is_frame_word(words[k - 1].group()):
        k -= 1
    if k == len(words):
        return start, end
    name = text[start:start + words[k - 1].end()]
    if knows(name) or (base_name(name) and knows(base_name(name))):
        return start, start + words[k - 1].end()
    inner = _known_part(text, start, start + words[k - 1].end(), knows)  # "St Mathias Busia Boys": Busia
    return inner if inner != (start, start + words[k - 1].end()) else (start, end)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(row["word"] for row in load_table("place_stopwords.csv"))


@cache
def _generic() -> dict[str, str]:
    return {row["word"]: row["kind"] for row in load_table("place_generic_words.csv")}


@lru_cache(maxsize=20_000)
def is_generic(name: str) -> bool:
    """True when every word of a name is a compass or generic word ("East", "Upper", "Delta").
    Memoised, like `base_name`: the recogniser asks of every part of every capitalised run."""
    words, generic = name.lower().replace("-", " ").split(), _generic()
    return bool(words) and all(w.strip(".,") in generic for w in words)


@lru_cache(maxsize=20_000)
def base_name(name: str) -> str | None:
    """The place a qualified name is named after: "Tigania East" -> "Tigania", "North Horr" -> "Horr",
    "Madaripur Sadar" -> "Madaripur"; None when no word at either end qualifies it."""
    words = name.split()
    if len(words) < 2:
        return None
    generic = _generic()
    end = len(words)
    while end > 1 and words[end - 1].lower().strip(".,") in generic:
        end -= 1
    start = 0
    while end == len(words) and start < end - 1 and words[start].lower() in generic and \
            generic[words[start].lower()] == "compass":
        start += 1
    if (start, end) == (0, len(words)):
        return None
    return " ".join(words[start:end])


@cache
def _cue_patterns() -> tuple[re.Pattern, re.Pattern]:
    after, before = _cues()
    alt_after = "|".join(sorted((re.escape(c) for c in after), key=len, reverse=True))
    alt_before = "|".join(sorted((re.escape(c) for c in before), key=len, reverse=True))
    return (re.compile(rf"^\s+({alt_after})\b", re.I), re.compile(rf"\b({alt_before})\s+$", re.I))


@cache
def _cue_paren() -> re.Pattern:
    """The gap in "X (Y) upazila (Z)": an alias in brackets, the cue word, then the container."""
    after, _ = _cues()
    alt = "|".join(sorted((re.escape(c) for c in after), key=len, reverse=True))
    return re.compile(rf"^\s*\)\s+(?:{alt})\s*[,(]\s*$", re.I)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut stopwords ("On", "Police") from the front of a run and cue words from its end."""
    stop = _stopwords()
    after, _ = _cues()
    words = list(_NONSPACE.finditer(text[start:end]))
    while words and words[0].group().lower().strip(".,") in stop:
        words.pop(0)
    while len(words) > 1 and words[-1].group().lower() in after:
        words.pop()
    if not words:
        return start, start
    end = start + words[-1].end()
    if text[end - 2:end] in ("'s", "’s"):
        end -= 2  # "Kisumu's slums"
    for word in words:
        qualified = _QUALIFIED.search(word.group())
        if qualified:  # "Eldoret-based Mirror": the name before the hyphen; "US-backed": an acronym, none
            stem = word.group()[:qualified.start()]
            if stem.isupper() and len(stem) <= 3:
                return start, start
            end = start + word.start() + qualified.start()
            break
    return start + words[0].start(), end


def _possessor(text: str, start: int, end: int, knows) -> tuple[int, int]:
    """ "Dagestan's Muslims": a run with a possessive inside is cut after the possessor, unless
    the gazetteer knows the longer name ("Cox's Bazar")."""
    words = list(_NONSPACE.finditer(text[start:end]))
    for i, word in enumerate(words[:-1]):
        if word.group()[-2:] in ("'s", "’s"):
            begin = start + word.start() + word.group().rfind("-") + 1  # "Chattogram-Cox's Bazar"
            if knows(text[begin:start + words[i + 1].end()]):
                return start, end
            return start, start + word.end() - 2
    return start, end


def _possessive_stem(text: str, start: int, end: int, knows, not_places: frozenset[str], parsed) -> int:
    """ "Manderas main market", "Malindis mock elections": a possessive written without its
    apostrophe, when the gazetteer lacks the word, knows it without the final s and a noun phrase
    follows ("Somalis", a nationality's plural, and "Kikuyus gathered", a people's, keep it)."""
    name = text[start:end]
    if " " in name or len(name) < 5 or name[-1] != "s" or name[:-1] in not_places or knows(name) \
            or not knows(name[:-1]):
        return end
    span = parsed.char_span(start, end, alignment_mode="expand")
    following = parsed[span.end] if span is not None and span.end < len(parsed) else None
    return end - 1 if following is not None and following.pos_ in ("NOUN", "ADJ") else end


def _hyphen_parts(text: str, start: int, end: int, knows) -> list[tuple[int, int]]:
    """ "Narok-Mai Mahiu road", "Kikuyu-Dagoretti": two places joined by a hyphen, when the gazetteer
    lacks the whole and knows a part as a major place (a region, a country, a large town), or every
    part. "Dadaj-Bula" (a village spelled with a hyphen) stays whole."""
    name = text[start:end]
    if "-" not in name or knows(name) or (base_name(name) and knows(base_name(name))):
        return [(start, end)]
    parts = [(start + m.start(), start + m.end()) for m in _HYPHEN_PART.finditer(name)]
    words = [text[a:b].strip() for a, b in parts]
    if len(parts) < 2 or not all(w[:1].isupper() for w in words):
        return [(start, end)]
    if any(knows(w, major=True) for w in words) or all(knows(w) for w in words):
        return parts
    return [(start, end)]


def _known_part(text: str, start: int, end: int, knows) -> tuple[int, int]:
    """ "NE Kenya", "Kenyas Rift Valley": the longest run of words at either end the gazetteer knows."""
    words = list(_NONSPACE.finditer(text[start:end]))
    base = base_name(text[start:end])
    if len(words) < 2 or knows(text[start:end]) or (base and knows(base)):
        return start, end  # "Embu West" stays whole: a district named after Embu
    for size in range(len(words) - 1, 0, -1):
        for first in (len(words) - size, 0):
            a, b = start + words[first].start(), start + words[first + size - 1].end()
            part = text[a:b]
            if not is_generic(part) and (knows(part, major=True) or knows(base_name(part) or "", major=True)):
                return a, b
    return start, end


def find_mentions(text: str, parsed, knows, not_places: frozenset[str] = frozenset(),
                  people_at: frozenset[int] = frozenset(), is_group=None) -> list[Mention]:
    """Place mentions in text order; a run spelled as in `not_places` ("Somali", a nationality) is
    none; one starting at an offset in `people_at` (an ethnic name used for people) is marked.

    `knows(name, major=False)` says whether the gazetteer has a name exactly (with major=True: as
    a country, a region or a large town, the only parts a longer run is cut down to);
    `is_group(name)` whether a name is an armed group's, a party's or an organisation's.
    """
    entity_at: list[tuple[int, int]] = []  # character spans of place entities and of persons
    person_at: list[tuple[int, int]] = []
    persons: set[str] = set()
    for ent in parsed.ents:
        if ent.label_ in _PLACE_LABELS:
            entity_at.append((ent.start_char, ent.end_char))
        elif ent.label_ == "PERSON":
            person_at.append((ent.start_char, ent.end_char))
            persons.add(ent.text)
            persons.update(w for w in ent.text.split() if w[:1].isupper())
    person_names = frozenset(persons)
    after_re, before_re = _cue_patterns()
    after, before = _cues()
    runs: list[Mention] = []
    for match in _RUN.finditer(text):
        trimmed = _possessor(text, *before_title(text, *_trim(text, match.start(), match.end())), knows)
        if trimmed[1] <= trimmed[0]:
            continue  # only stopwords and cue words ("The", "On"): no name left
        if is_organisation(text[match.start():match.end()], knows):
            continue  # "Chittagong Hill Tracts Women's Association": an organisation, not Chittagong
        parts = _hyphen_parts(text, *trimmed, knows)
        road = len(parts) > 1 and bool(tail := after_re.match(text[trimmed[1]:trimmed[1] + 40])) \
            and after[tail.group(1).lower()] == "route"
        for whole in parts:
            start, end = _known_part(text, *_framed_part(text, *whole, knows), knows)
            end = _possessive_stem(text, start, end, knows, not_places, parsed)
            if (start, end) != whole and _overlaps(person_at, *whole) \
                    and frame_after(text, start, end)[0] not in PLACE_FRAMES:
                start, end = whole  # "Hassan Joho's supporters", "Juan Manuel Santos": no town inside a person
            if end <= start or text[start:end].lower() in _stopwords() or is_generic(text[start:end]) \
                    or text[start:end].lower() in after \
                    or text[start:end] in not_places or all(is_frame_word(w) for w in text[start:end].split()):
                continue
            # the run itself may end in a cue word ("Homa Bay County"): that cue is its level
            outer_start, outer_end, level = start, end, None
            tail = after_re.match(text[end:match.end()] + text[match.end():match.end() + 40])
            if tail:
                level, outer_end = after[tail.group(1).lower()], end + tail.end()
                if is_group is not None and is_group(text[start:outer_end]):
                    continue  # "Islamic State", "Mombasa Republican Council": a group, not a region
            head = before_re.search(text[max(0, start - 40):start])
            if head and level is None:
                level, outer_start = before[head.group(1).lower()], start - (len(head.group(0)))
            mention = Mention(start, end, text[start:end], level, "cue" if level else "", outer_start, outer_end)
            mention.base = base_name(mention.text)
            mention.people = start in people_at and not level
            mention.person = not level and _overlaps(person_at, start, end)
            mention.coded = bool(_CODED.search(text[max(0, start - 14):start]))
            known = knows(mention.text) or bool(mention.base and knows(mention.base))
            if not level:
                frame, frame_end = frame_at(text, start, outer_end)
                if not_a_place(text, start, end, frame, known, person_names, mention.person, is_group):
                    continue  # "President Uhuru", "Awami League", "Mother Language Day"
                if known and frame in PLACE_FRAMES:
                    mention.frame, mention.outer_end = frame, frame_end
            after_frame, after_end = frame_after(text, start, end)
            mention.facility = after_frame == "facility"
            if known and not level and after_frame in PLACE_FRAMES:
                mention.outer_end = after_end  # "near the Nairobi Hotel in Mandera": the hotel is in Mandera
            if mention.person and mention.frame and not mention.facility \
                    and (after_frame != "event" or knows(mention.text, major=True)) \
                    and text[end:end + 2] not in ("'s", "’s"):  # "Sakina Mosque": persons name buildings
                mention.person = False  # "protested in Kitale", "Kitale residents": a place, whatever spaCy says
            if _overlaps(entity_at, start, end):
                mention.source = mention.source or "entity"
            elif not level:
                prev = _PREV_WORD.search(text[max(0, start - 20):start])
                if prev and prev.group(1).lower() in _locative() and known:
                    mention.source = "preposition"
                elif knows(mention.text, major=True) and (mention.frame or _proper(parsed, start, end)
                                                           or any(t.ent_type_ for t in _tokens(parsed, start, end))):
                    mention.source = "known"  # a country, region or city spaCy did not tag (or took for a person)
                elif mention.frame and _proper(parsed, start, end) \
                        and (text[end + 1:end + 2].isupper() or not _starts_sentence(parsed, start)) \
                        and not (is_group and is_group(mention.text)):
                    mention.source = "frame"  # "Kitale traders", "Maseno University"; not "Tea farmers", "Jubilee MPs"
            mention.person = mention.person and mention.source in ("preposition", "frame", "")
            if road:  # "Naogaon-Rajshahi highway": both ends of the road, each a place of last resort
                mention.route_end = True
                mention.source = mention.source or ("chain" if known else "")
            runs.append(mention)
    return _chain([m for m in runs if m.end > m.start], text, knows)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) shares a character with one of the spans (none when it is empty)."""
    return start < end and any(a < end and b > start for a, b in spans)


def _unlist(mentions: list[Mention], text: str) -> None:
    """ "A, B, C and D in Y": siblings, not A in B in C; each member is in D's container (Y).

    A run of mentions joined by bare commas whose last two are joined by "and"/"or" is a list.
    """
    i = 0
    while i < len(mentions) - 1:
        k = i
        while k + 1 < len(mentions) and _GAP_COMMA.match(text[mentions[k].outer_end:mentions[k + 1].outer_start]):
            k += 1
        if k > i and k + 1 < len(mentions) and \
                _GAP_AND.match(text[mentions[k].outer_end:mentions[k + 1].outer_start]):
            last = k + 1
            for m in range(i, last):
                mentions[m].parents = [p for p in mentions[m].parents if p != m + 1]
                mentions[m].parents.extend(p for p in mentions[last].parents if p not in mentions[m].parents)
            i = last + 1
        else:
            i = k + 1 if k > i else i + 1


def _tokens(parsed, start: int, end: int):
    """The tokens of a character span (none when it cannot be aligned)."""
    return parsed.char_span(start, end, alignment_mode="expand") or ()


def _proper(parsed, start: int, end: int) -> bool:
    """A run spaCy reads as a proper noun: "Orange juice sellers" or "Force" name no place."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return any(t.pos_ == "PROPN" for t in span)


def _starts_sentence(parsed, start: int) -> bool:
    """A capitalised word that opens a sentence may be a common noun ("Tea farmers protested")."""
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    return span is None or span[0].is_sent_start or span[0].i == 0 or parsed[span[0].i - 1].is_punct


def _chain(runs: list[Mention], text: str, knows) -> list[Mention]:
    """Keep the runs that are mentions, plus runs chained to them; link each to its parents."""
    keep = [bool(m.source) for m in runs]
    changed = True
    while changed:  # a chain grows from any mention to its capitalised neighbours
        changed = False
        for i in range(len(runs) - 1):
            a, b = runs[i], runs[i + 1]
            gap = text[a.outer_end:b.outer_start]
            linked = _GAP_CHAIN.match(gap) or _GAP_DASH.match(gap) or _cue_paren().match(gap)
            if linked and keep[i] != keep[i + 1] and "\n" not in gap:
                j = i + 1 if keep[i] else i
                if runs[j].level or "(" in gap or "," in gap or _GAP_DASH.match(gap) or knows(runs[j].text) \
                        or bool(runs[j].base and knows(runs[j].base)):
                    keep[j] = True
                    runs[j].source = runs[j].source or "chain"
                    changed = True
    mentions = [m for m, k in zip(runs, keep, strict=True) if k]
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.outer_end:b.outer_start]
        if _GAP_DASH.match(gap) and b.level == "route":  # "Dhaka - Mymensingh highway": the road's ends
            a.route_end = b.route_end = True
        elif gap in ("-", "–") and b.level == "route":  # "Narok-Mai Mahiu road": the same
            a.route_end = b.route_end = True
        elif _GAP_DASH.match(gap):
            b.parents.append(i)
            a.children_dash = True
        elif (_GAP_CHAIN.match(gap) and "\n" not in gap and not gap.strip(" ").startswith(")")) \
                or _cue_paren().match(gap):  # "Bagmara (Baghmara) upazila (Rajshahi)"
            if a.text.lower() == b.text.lower():  # "Cantonment (Cantonment)": a repeat, not a container
                b.parents.extend(p for p in a.parents if p not in b.parents)
                continue
            a.parents.append(i + 1)
    _unlist(mentions, text)
    for mention in mentions:
        if mention.route_end:
            mention.parents = []  # "the X - Y highway in Z": the road passes Z, its ends lie beyond
    for i, mention in enumerate(mentions):
        mention.top = any(i in m.parents for m in mentions) and not mention.parents
    for i in range(len(mentions) - 1, -1, -1):  # a parent's parents contain the child too
        for p in list(mentions[i].parents):
            if p > i:
                mentions[i].parents.extend(q for q in mentions[p].parents if q not in mentions[i].parents)
    return mentions
