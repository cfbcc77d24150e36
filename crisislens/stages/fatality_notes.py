"""What a report says outright about an event's toll, for the events' fatalities.

ACLED-style notes often end with the coder's own statement: "Total 13 fatalities (12
confirmed and 1 split fatality) coded to this event", "Fatalities coded as 0". Such a
statement is the toll, whatever figures the note cites before it. Notes also cite figures
that belong to other events ("beheaded four men (coded in other event)", "7 remaining
fatalities split across 13 events"): those are no toll of this one. The phrasings are data
(lexicons/fatality_statements.csv).

A killing named as the reason for what happened ("in response to the beheading of", "demanding
justice for the killing of", "suspected of killing a man") is an earlier event: it implies no
death in this one.
"""

from __future__ import annotations

import re
from functools import cache

from crisislens.lexicons import load_table

# Verbs whose object is a killing that happened before the reported event.
BACKGROUND_VERBS = frozenset({"protest", "condemn", "denounce", "mourn", "revenge", "avenge", "decry",
                              "demand", "precipitate", "trigger", "spark"})
# Prepositions that make a killing noun the cause or topic of something else: "in response to the
# beheading", "justice for the killing", "after the murder", "anger over the killing".
BACKGROUND_PREPS = frozenset({"for", "to", "after", "following", "over", "against", "since", "before"})
# A sentence about a protest names killings as what the protest is about ("demanding punishment
# for those involved in the killing of", "precipitated by the killing of").
PROTEST_LEMMAS = frozenset({"protest", "demonstration", "rally", "demonstrate", "march", "chain", "sit-in",
                            "demand", "mourner"})
# Words on a killing verb that date it before the reported event ("killed two weeks before").
EARLIER_WORDS = frozenset({"before", "previously"})
# Allegations: "suspected of killing", "accused of murdering", "charged with killing".
ALLEGATION_VERBS = frozenset({"suspect", "accuse", "charge", "allege", "blame", "believe"})


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, list[re.Pattern[str]]] = {}
    for row in load_table("fatality_statements.csv"):
        flags = 0 if row["kind"] == "share" else re.IGNORECASE  # a share names places by their capitals
        out.setdefault(row["kind"], []).append(re.compile(row["pattern"], flags))
    return {kind: tuple(patterns) for kind, patterns in out.items()}


def stated_total(text: str) -> tuple[int, str] | None:
    """(toll, the words) when the text states its event's toll outright; the first statement wins."""
    found = [m for p in _patterns().get("total", ()) for m in p.finditer(text)]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return int(first.group("n")), first.group(0)


def survival(text: str) -> str | None:
    """The words that say a victim lived ("survived", "was rescued by police before death"), or None."""
    for pattern in _patterns().get("survived", ()):
        m = pattern.search(text)
        if m:
            return m.group(0)
    return None


def shared_by(text: str) -> int | None:
    """How many events a note says its deaths are spread over ("fatalities spread across two
    locations", "the deaths have been split over two events"): each event codes its share."""
    for pattern in _patterns().get("divided", ()):
        m = pattern.search(text)
        if m:
            d = m.group("d").lower()
            value = int(d) if d.isdigit() else _SMALL_NUMBERS.get(d)
            if value and value > 1:
                return value
    return None


_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                  "nine": 9, "ten": 10}


def _figure(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _SMALL_NUMBERS.get(word)


def spread_days(text: str) -> int | None:
    """Over how many days a note spreads deaths it does not break down ("over the course of ten
    days", "over a 36 hour period", "from 11 to 13 Aug"): 3 or more days, or more than 24 hours."""
    for pattern in _patterns().get("days", ()):
        m = pattern.search(text)
        if not m:
            continue
        found = m.groupdict()
        if found.get("h"):
            hours = int(found["h"])
            if hours > 24:
                return -(-hours // 24)
        elif found.get("d1"):
            days = int(found["d2"]) - int(found["d1"]) + 1
            if 3 <= days <= 31:
                return days
        elif (days := _figure(found["n"])) and days >= 3:
            return days
    return None


def first_share(text: str) -> int | None:
    """This event's part of a toll the note breaks down by place or day ("two deaths, one in Awendo
    and the other in Rongo", "Nakuru (8) and Molo (7)"): ACLED codes one event per place and day,
    and the note's first part is the one it describes first."""
    found = [m for p in _patterns().get("share", ()) for m in p.finditer(text)]
    if not found:
        return None
    return _figure(min(found, key=lambda m: m.start()).group("n"))


def coded_to_others(text: str) -> int:
    """How many of the note's deaths it says are coded to another event ("(one fatality coded
    elsewhere)"): this event's toll is the rest."""
    return sum(_figure(m.group("n")) or 0 for p in _patterns().get("less", ()) for m in p.finditer(text))
# Words near a figure in a later sentence that add it to the toll before it ("another two", "two
# more", "also killed", "a soldier died while three others were injured").
_ADDING = re.compile(r"\b(?:another|also|others?|more|additional|further)\b(?!\s+(?:sources?|reports?|accounts?|media|"
                     r"outlets?|estimates?)\b)", re.IGNORECASE)  # not "other sources claim 15"
# A figure in a parenthesis right after another one is another source's count of the same dead:
# "At least 20 (some reports 30) have been killed".
_ALTERNATIVE = re.compile(r"^\s*(?:[a-z-]+\s+){0,2}\(\s*(?:some|other|another|one|local|unconfirmed|according|or|reports?|sources?|"
                          r"\w+\s+reports?|\w+\s+sources?)\b[^()]{0,40}$", re.IGNORECASE)


def adds_to_earlier(text: str, start: int, end: int, sentence: tuple[int, int], same_toll: bool = False,
                    named: str | None = None) -> bool:
    """Whether a figure in a later sentence adds to the toll before it ("another", "also",
    "two others", "two more") rather than restating or updating it; only its own sentence
    says so ("which killed 22. Three others were shot" adds nothing to the 22)."""
    lo, hi = max(sentence[0], start - 60), min(sentence[1], end + 40)
    if explicitly_adds(text, start, end, sentence, named):
        return True
    # "a soldier died while three others were injured": another group named beside it; but the same
    # toll again ("left two dead. ... two people had been killed and another one injured") restates it
    return not same_toll and bool(_ADDING.search(text[lo:hi]))


def explicitly_adds(text: str, start: int, end: int, sentence: tuple[int, int], named: str | None = None) -> bool:
    """Whether a figure's own clause says it adds to a toll told before ("4 more bodies were found",
    "another two died", "Three of the gunmen were killed")."""
    lo, hi = max(sentence[0], start - 60), min(sentence[1], end + 40)
    before = _CLAUSE_BREAK.split(text[lo:start])[-1]  # "... killed and another one injured": that
    after = _CLAUSE_BREAK.split(text[end:hi])[0]      # "another" counts the injured, not this figure
    return bool(_ADDING.search(before) or _ADDING.search(text[start:end]) or _ADDING.search(after)
                or _new_group(text[end:hi], text[:sentence[0]] if named is None else named, text[:start]))


# Where a figure's clause ends: a comma, semicolon, or a conjunction that starts another clause.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:and|while|but|whereas)\s", re.IGNORECASE)
# "Three of the gunmen were killed" after a toll of soldiers: a part of a group other than the dead
# already counted is more dead; "Ten of those killed", "two of the victims" restate the toll.
_PARTITIVE = re.compile(r"^\s+of\s+(?:the|those|these)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)", re.IGNORECASE)
_TOLL_NOUNS = frozenset({"dead", "killed", "victims", "victim", "deceased", "fatalities", "casualties", "bodies",
                         "deaths", "people", "persons", "those", "them", "slain", "killings"})


def part_of_toll(text: str, start: int, end: int, sentence: tuple[int, int], named: str | None = None) -> bool:
    """A later figure that divides the dead already counted: "Ten of those killed were ...", "Among
    the dead were three police"."""
    m = _PARTITIVE.match(text[end:min(sentence[1], end + 60)])
    if m and not _new_group(text[end:min(sentence[1], end + 60)], text[:sentence[0]] if named is None else named,
                            text[:start]):
        return True
    return bool(_AMONG_DEAD.search(text[max(sentence[0], start - 40):start]))


_AMONG_DEAD = re.compile(r"\bamong\s+(?:the|those)\s+(?:dead|killed|victims|deceased|slain)\b[^,.;]*$", re.IGNORECASE)


def _new_group(after: str, earlier: str = "", context: str = "") -> bool:
    """"Three of the injured died": more dead, and so is a part of the other side in a battle
    ("Three of the gunmen were killed"). A part of another group after an attack ("Six of the
    raiders were shot dead") is its own event (ACLED codes attackers killed by the forces that
    answered an attack separately), and a part of the dead already counted (`earlier`: the words
    of the figures counted, "Two robbers were killed. One of the robbers ...") divides the toll.
    `context` is the text before the figure."""
    m = _PARTITIVE.match(after)
    if not m:
        return False
    noun = m.group("noun").lower()
    phrase = _PARTITIVE_PHRASE.match(after)  # "of the Al Shabaab gunmen are killed": the head is the last word
    if phrase:
        noun = phrase.group("np").split()[-1].lower()
    if noun in _TOLL_NOUNS or any(w.lower() in _TOLL_NOUNS for w in after[:m.end()].split()):
        return False
    if noun in _HURT:
        return True
    # in a battle both sides' dead are the event's ("During battles with al Shabaab two soldiers are
    # killed ... Three of the gunmen are killed"), unless the group is the dead already counted
    stem = noun[:-1] if noun.endswith("s") else noun
    return bool(_BATTLE.search(context)) and re.search(rf"\b{re.escape(stem)}", earlier, re.IGNORECASE) is None


_HURT = frozenset({"injured", "wounded", "hurt"})
_BATTLE = re.compile(r"\b(?:battles?|clash(?:es|ed)?|fight(?:ing)?|gunfights?|gun battles?|exchange of fire|shoot-?outs?|"
                     r"crossfire|engaged?)\b", re.IGNORECASE)
_PARTITIVE_PHRASE = re.compile(r"^\s+of\s+(?:the|those|these)\s+(?P<np>(?:[\w-]+\s+){1,4}?)(?=(?:are|were|was|is|had|have|"
                               r"has|died|die|dies|killed|also|later|reportedly|succumbed)\b)", re.IGNORECASE)


# A later sentence that updates the toll ("the toll rose to 12", "a total of 9") replaces it.
_UPDATE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|now|later died|updated|revised|total|in all|"
                     r"altogether)\b", re.IGNORECASE)
# A figure written out ("12", "at least two", "several"), as against one person named ("a man").
_WRITTEN = re.compile(r"(?:(?:at least|more than|over|about|some|nearly|up to)\s+)?(?:\d|one|two|three|four|five|six|"
                      r"seven|eight|nine|ten|eleven|twelve|twenty|thirty|several|dozens|scores|hundreds)", re.IGNORECASE)


def keeps_first_toll(sentence: str, figures: list[str]) -> bool:
    """Whether a later sentence's figures leave the first stated toll as it is: other reports of
    the same dead ("Al Shabaab claims 25", "another source says 9") or a part of them ("18 were
    killed at X"), unlike an update ("the toll rose to 12") or a first written figure after people
    named one by one ("a man was killed ... 3 people died")."""
    return not _UPDATE.search(sentence) and all(_WRITTEN.match(f) for f in figures)


def alternative_figure(text: str, previous_end: int, start: int) -> bool:
    """A figure that only gives another source's count of the dead just named."""
    return bool(_ALTERNATIVE.match(text[previous_end:start]))


def coded_elsewhere(sentence: str, at: int) -> bool:
    """Whether a sentence says that its figure at offset `at` is coded to another event: the
    whole sentence, or only a parenthesis when the statement is inside one ("2 police killed
    (and 3 civilians - coded separately)" keeps 2)."""
    for pattern in _patterns().get("elsewhere", ()):
        for m in pattern.finditer(sentence):
            opened = sentence.rfind("(", 0, m.start())
            if opened == -1 or sentence.rfind(")", opened, m.start()) != -1:
                return True  # not inside a parenthesis: the whole sentence
            closed = sentence.find(")", m.end())
            if opened <= at < (closed if closed != -1 else len(sentence)):
                return True
            if not _FIGURE.search(sentence[opened:closed if closed != -1 else len(sentence)]) \
                    and _clause_start(sentence, opened) <= at < opened:
                return True  # "... 4 students killed in the capital (coded separately)": the clause it ends
    return False


_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.IGNORECASE)


def _clause_start(sentence: str, end: int) -> int:
    """Where the clause that a parenthesis closes begins: after the last comma, semicolon or
    colon before it, or before that when what follows the comma only says when or why ("killed one
    of them, and injured two, after they left the factory (coded separately)")."""
    start = max(sentence.rfind(mark, 0, end) for mark in (",", ";", ":")) + 1
    while start > 0 and _SUBORDINATE.match(sentence, start):
        start = max(sentence.rfind(mark, 0, start - 1) for mark in (",", ";", ":")) + 1
    if start > 0 and _SHARED_SUBJECT.match(sentence, start) and sentence[start - 1] == ",":
        start = max(sentence.rfind(mark, 0, start - 1) for mark in (",", ";", ":")) + 1  # ", and injured two,"
    return start


_SUBORDINATE = re.compile(r"\s*(?:after|before|when|while|as|following|because|since|during)\b", re.IGNORECASE)
# A predicate that shares the subject before it (", and injured the other two"): the same act goes on.
_SHARED_SUBJECT = re.compile(r"\s*and\s+(?:then\s+|also\s+)?[a-z]+ed\b")


def background_killing(anchor) -> str | None:
    """Why a killing word names an earlier killing rather than this event's deaths, or None.

    A noun ("the killing of", "the beheading of") after a preposition or as the object of
    protest/revenge verbs; a verb that is what someone is suspected or accused of, or a
    past-perfect clause on a person ("a man who had killed his father")."""
    if anchor.pos_ == "NOUN":
        head = anchor.head
        if anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
            return f"'{head.text} the {anchor.text}'"
        if anchor.dep_ == "dobj" and head.lemma_.lower() in BACKGROUND_VERBS:
            return f"'{head.text} the {anchor.text}'"
        if anchor.dep_ not in ("nsubj", "ROOT") and any(t.lemma_.lower() in PROTEST_LEMMAS for t in anchor.sent):
            return f"'{anchor.text}' is what a protest is about"
        return None
    if anchor.pos_ != "VERB":
        return None
    if anchor.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in anchor.children):
        return f"'had {anchor.text}' (an earlier killing)"
    for child in anchor.children:  # "killed the day before", "beaten to death two weeks ago"
        if child.dep_ in ("advmod", "npadvmod") and (child.lower_ in EARLIER_WORDS or any(
                g.dep_ == "advmod" and g.lower_ in EARLIER_WORDS for g in child.children)):
            return f"'{anchor.text} ... {child.text}' (an earlier killing)"
    if anchor.dep_ == "pcomp" and anchor.head.lower_ == "for":
        return f"'for {anchor.text}' (the reason, an earlier killing)"  # "burnt by a mob for killing his daughter"
    if anchor.dep_ in ("pcomp", "xcomp", "ccomp"):
        for anc in list(anchor.ancestors)[:3]:
            if anc.lemma_.lower() in ALLEGATION_VERBS:
                return f"'{anc.text} ... {anchor.text}' (an allegation)"
    return None
