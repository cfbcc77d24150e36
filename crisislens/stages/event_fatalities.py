"""How deadly an event was: its fatalities from the quantities in its evidence, and other counts.

Fatalities. Quantities of category "killed" inside the evidence: figures within one
sentence add up ("a soldier and two attackers"), except another source's figure in brackets
("At least 20 (some reports 30)": the lower is kept); a later sentence adds its figure only
when it says so ("another", "also", "others" in its own sentence), updates the toll when it
says so ("rose to", "a total of": the larger is kept), and otherwise restates it or gives a
part of it (the first toll stands: "Ten of those killed", "Among the dead were"), while a
part of another group ("Three of the gunmen", "Two of the wounded died") is more dead; a range keeps its low end (ACLED codes the lowest credible
number). A note that spreads its deaths over N events or locations gives each its share. "No one was killed" gives 0, and so does a report that says no fatality belongs to
this event. Ages ("Juma, 41,"), counts of houses or cattle, and what nearly happened ("nearly
lynched") are no tolls. With no figure, a killing verb implies its victims ("shot dead a
driver", "burned two thieves to death", "lynched a man"), and so does a headline's single victim the parse lost ("Residents lynch
robber", "kills civilian"; a bare plural such as "kill civilians" gives no number). Injured, abducted, arrested and other figures go
into `counts`.
"""

from __future__ import annotations

from crisislens.schema import MAX_COUNT, Document, Quantity
from crisislens.stages.fatality_notes import (
    adds_to_earlier,
    alternative_figure,
    background_killing,
    coded_elsewhere,
    coded_to_others,
    explicitly_adds,
    first_share,
    keeps_first_toll,
    part_of_toll,
    shared_by,
    spread_days,
    stated_total,
    survival,
)

EARLIER_PREPS = {"after", "following", "since"}
CAUSE_MARKS = {"because"}
# People a report names by the dead they mourn: their dead were killed before the reported event.
MOURNERS = {"relative", "family", "kin", "mourner", "widow", "parent", "next-of-kin"}


def _inside(start: int, end: int, bounds: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in bounds)


def _earlier(parsed, q: Quantity) -> bool:
    """A figure inside "after/following/since ..." belongs to an earlier event, not this one ("before
    shooting him dead" is the same event's last act)."""
    span = parsed.char_span(q.span.start, q.span.end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return False
    for anc in span.root.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in EARLIER_PREPS:
            return True
        if anc.dep_ == "prep" and anc.lower_ in ("for", "to") and _answers(anc.head):
            return True  # "a revenge attack for 2 herders killed", "in response to a raid in which 7 were killed"
        if anc.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in EARLIER_PREPS | CAUSE_MARKS
                                        for c in anc.children) or _swallowed_mark(anc)):
            return True  # "arrested because his motorbike hit and killed a person": the cause came first
        if anc.dep_ == "pobj" and anc.head.lower_ == "of" and anc.head.head.lemma_.lower() in MOURNERS:
            return True  # "relatives of two brothers killed in a feud staged a protest"
    return False


def _swallowed_mark(clause) -> bool:
    """A clause whose "after/since/because" the parse took for a preposition over its subject
    ("burned the lorries after one of the drivers hit and killed a cyclist": "after" governs "one",
    and "hit" is left without a subject of its own)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) or clause.left_edge.i == 0:
        return False
    for tok in (clause.doc[clause.left_edge.i - 1], *clause.doc[clause.left_edge.i - 1].ancestors):
        if tok.i == clause.head.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in EARLIER_PREPS | CAUSE_MARKS and tok.head.i == clause.head.i:
            return True
    return False


def _cause_clause(anchor) -> bool:
    """A killing verb inside "because ...": what led to the reported event ("arrested after shooting
    dead a politician" reports the killing itself)."""
    for tok in (anchor, *anchor.ancestors):
        if tok.dep_ == "advcl" and (any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKS for c in tok.children)
                                    or _swallowed_mark(tok)):
            return True  # also "after one of the drivers hit and killed a cyclist" (the parse lost "after")
    return False


REPLY_WORDS = {"revenge", "retaliation", "retaliatory", "reprisal", "response", "reaction", "vengeance"}


def _answers(noun) -> bool:
    """A noun that names an act as the answer to an earlier one ("revenge attack", "in response")."""
    nouns = [noun] + [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]  # "extension of a revenge attack"
    return any(n.lemma_.lower() in REPLY_WORDS or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in REPLY_WORDS for c in n.children) for n in nouns)


NOT_PEOPLE = {"house", "home", "hut", "shop", "building", "vehicle", "car", "bus", "motorbike", "motorcycle",
              "cattle", "cow", "goat", "sheep", "camel", "donkey", "livestock", "animal", "head", "acre", "year",
              "event", "incident", "attack", "group", "gang", "clan", "family", "round", "bullet", "shell", "day", "hour", "km", "kilometre"}
KILLING_NOUNS = {"killing", "murder", "death", "massacre", "beheading", "assassination", "lynching"}
ALLEGED_PREPS = {"behind", "for", "over", "after", "following", "since"}
GROUP_WORDS = {"group", "side", "community", "clan", "tribe", "party", "faction", "family", "camp"}
THIS_EVENT = ("this event", "coded to this", "for this event")


def _not_a_toll(parsed, q: Quantity) -> str | None:
    """Why a "killed" figure is no death toll: a victim's age ("Juma Otieno, 41,"), or a count of
    houses, cattle or events ("30 houses razed", "split across 13 events")."""
    span = parsed.char_span(q.span.start, q.span.end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return None
    root = span.root
    if root.pos_ == "NUM" and root.dep_ == "appos" and root.head.pos_ == "PROPN" or (
            root.pos_ == "NUM" and len(span) == 1 and root.i > 0 and parsed[root.i - 1].text == ","
            and root.i + 1 < len(parsed) and parsed[root.i + 1].text == "," and parsed[root.i - 2].pos_ == "PROPN"):
        return "an age"
    of_noun = next((g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
    if of_noun is not None and of_noun.lemma_.lower() in GROUP_WORDS:
        return f"counts '{of_noun.text}'"  # "a woman of one of the groups"
    head = root.head if root.dep_ in ("nummod", "amod") else root  # "12 houses", "several houses"
    if head.lemma_.lower() in NOT_PEOPLE or head.lower_ in NOT_PEOPLE:
        return f"counts '{head.text}'"
    verb = next((t for t in root.ancestors if t.pos_ == "VERB"), None)
    if verb is not None and _unrealised(verb):
        return f"'{verb.text}' did not happen"
    if verb is not None and (why := background_killing(verb)):
        return why
    if verb is not None and verb.lemma_.lower() in SURVIVABLE and (said := survival(parsed.text)):
        return f"'{verb.text}' but '{said}'"  # "A man is lynched ... The man was rescued by police before death"
    killing = next((t for t in root.ancestors if t.pos_ == "NOUN" and t.lemma_.lower() in KILLING_NOUNS), None)
    if killing is not None and killing.dep_ == "pobj" and killing.head.lower_ in ALLEGED_PREPS \
            and killing.head.head.lemma_.lower() != "responsibility":  # "claimed responsibility for the death of four"
        return f"'{killing.head.text} the {killing.text}' (an earlier killing)"  # "suspected to be behind the killing of two"
    topic = _protest_topic(root)
    if topic:
        return f"what a protest is about ('{topic}')"
    return None


# Verbs whose victims may live: a note that says they survived counts no death for them.
SURVIVABLE = {"lynch", "lynche", "burn", "torch", "stone", "beat"}
TOPIC_PREPS = {"against", "over"}
TOPIC_VERBS = {"demand", "protest", "condemn", "denounce", "mourn"}
PROTEST_WORDS = {"protest", "demonstration", "rally", "demonstrate", "demonstrator", "protester", "march",
                 "human chain", "blockade", "sit-in"}


def _protest_topic(root) -> str | None:
    """"protest against the death of 2 students", "demanding justice for 5 people killed":
    deaths a protest is about happened before it and are not its toll."""
    protest = any(t.lemma_.lower() in PROTEST_WORDS for t in root.sent)
    topic_prep = False
    for anc in root.ancestors:
        if anc.pos_ == "VERB" and anc.tag_ == "VBD" and anc.dep_ not in ("relcl", "acl") and root.dep_ == "dobj" \
                and root.head.i == anc.i:
            return None  # "fired on protesters demonstrating against X and killed two": a reported act
        if anc.dep_ == "prep" and anc.lower_ in TOPIC_PREPS and protest:
            return anc.text
        topic_prep = topic_prep or (anc.dep_ == "prep" and anc.lower_ in TOPIC_PREPS | {"for"})
        if anc.pos_ == "VERB" and anc.lemma_.lower() in TOPIC_VERBS and anc.i < root.i and (protest or topic_prep):
            return anc.text  # not "demanded photos before shooting him dead"
    return None


def fatalities(doc: Document, bounds: list[tuple[int, int]], parsed=None) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) killed counts in the evidence; None when the text says nothing.

    A report that says outright that no fatality belongs to this event ("No fatality coded to
    this event") gives 0 whatever other figures it cites, and a coder's own total ("Total 13
    fatalities", "1 fatality coded to this event") is the toll. Figures in a sentence that says
    they are coded to other events ("coded separately", "split across 13 events") are left out."""
    stated = stated_total(doc.text)
    if stated is not None:
        return stated[0], stated[0], stated[0]
    for q in doc.quantities:
        if q.category == "killed" and _low(q) == 0 and any(
                w in doc.text[q.span.start: q.span.end + 60].lower() for w in THIS_EVENT):
            return 0, 0, 0
    killed = sorted((q for q in doc.quantities if q.category == "killed"
                     and _inside(q.span.start, q.span.end, bounds) and not _earlier(parsed, q)
                     and not _not_a_toll(parsed, q) and not _elsewhere(doc.text, q, bounds)),
                    key=lambda q: q.span.start)
    if not killed:
        return None, None, None
    per_sentence: dict[int, list[Quantity]] = {}
    for q in killed:
        index = next(i for i, (s, e) in enumerate(bounds) if s <= q.span.start < e)
        per_sentence.setdefault(index, []).append(q)
    best = low = high = 0
    for n, (index, qs) in enumerate(per_sentence.items()):
        qs = _without_alternatives(doc.text, _without_breakdowns(doc.text, qs))
        total = sum(_low(q) for q in qs)
        top = sum(int(q.high if q.high is not None else q.value) for q in qs)
        named = _named(doc.text, [q for q in killed if q.span.start < bounds[index][0]])
        if n and best and part_of_toll(doc.text, qs[0].span.start, qs[0].span.end, bounds[index], named):
            high = max(high, top)  # "Ten of those killed were ...": the dead already counted
            continue
        if n and not any(adds_to_earlier(doc.text, q.span.start, q.span.end, bounds[index], total == best, named)
                         for q in qs):
            if best and keeps_first_toll(doc.text[bounds[index][0]:bounds[index][1]], [q.text for q in qs]):
                high = max(high, top)  # another report of the same dead, or a part of them
            else:
                best, low, high = max(best, total), max(low, total), max(high, top)
            continue
        best += total
        low += total
        high += top
    extra = _added_later(doc, bounds, parsed) if best else 0
    best, low, high = best + extra, low + extra, high + extra
    shares = shared_by(doc.text)
    if shares:  # "fatalities spread across two locations": this event's share
        best, low, high = best // shares, low // shares, high // shares
    days = spread_days(doc.text)
    if days and best >= days:  # "Twenty are dead ... over the course of ten days": ACLED spreads them per day
        share, rest = divmod(best, days)
        best = low = share + (2 * rest > days)  # the toll over the days, rounded, a half down
    part = first_share(doc.text)
    if part is not None and 0 < part < best:  # "two deaths, one in Awendo and the other in Rongo"
        best = low = part
    others = coded_to_others(doc.text)
    if 0 < others < best:  # "A total of two people killed (one fatality coded elsewhere)"
        best, low = best - others, max(low - others, 0)
    return best, low, max(high, low)


HEDGES = ("feared", "unconfirmed", "not confirmed", "not been confirmed", "earlier report", "rumour", "rumor", "claim",
          "according", "source")


def _added_later(doc: Document, bounds: list[tuple[int, int]], parsed) -> int:
    """Deaths a later sentence outside the event's evidence adds in so many words ("10 killed during
    the raid. 4 more bodies were found in the days following"): the same incident's toll grew."""
    if parsed is None or not bounds:
        return 0
    first, last = bounds[0][0], max(e for _, e in bounds)
    named = _named(doc.text, [q for q in doc.quantities if q.category == "killed" and q.span.start < last])
    added = 0
    for sent in parsed.sents:
        s, e = sent.start_char, sent.end_char
        if s < last or any(bs <= s < be for bs, be in bounds) or any(h in sent.text.lower() for h in HEDGES):
            continue  # "(2 others feared dead in earlier report but not confirmed)"
        for q in doc.quantities:
            if q.category == "killed" and s <= q.span.start < e and _low(q) and \
                    explicitly_adds(doc.text, q.span.start, q.span.end, (s, e), named) and not _earlier(parsed, q) \
                    and not _not_a_toll(parsed, q) and not _elsewhere(doc.text, q, [(s, e)]) and first < s:
                added += _low(q)
    return added


def _without_alternatives(text: str, qs: list[Quantity]) -> list[Quantity]:
    """"At least 20 (some reports 30) have been killed": another source's count of the same
    dead is no addition; the lower figure is kept (ACLED's lowest credible number)."""
    kept: list[Quantity] = []
    for q in qs:
        if kept and alternative_figure(text, kept[-1].span.end, q.span.start):
            if _low(q) < _low(kept[-1]):
                kept[-1] = q
            continue
        kept.append(q)
    return kept


def _elsewhere(text: str, q: Quantity, bounds: list[tuple[int, int]]) -> bool:
    """The figure's sentence says its figures are coded to other events."""
    return any(s <= q.span.start < e and coded_elsewhere(text[s:e], q.span.start - s) for s, e in bounds)


SUBSET_WORDS = ("including", "among", "of them", "of whom", "of which")
ADDING_WORDS = ("another", "other", "more", "additional", "also")


def _without_breakdowns(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A sentence's figures that a total already counts are dropped: "killing at least 7,
    including 2 police", "eight people, four children and four officers, were killed"."""
    kept: list[Quantity] = []
    i = 0
    while i < len(qs):
        big = qs[i]
        kept.append(big)
        close = _bracket_after(text, big, qs[i + 1].span.start if i + 1 < len(qs) else len(text))
        if close is not None:  # "killing its four occupants (a woman, her daughter and her two grand daughters)"
            j = i + 1
            while j < len(qs) and qs[j].span.start < close and _low(qs[j]) < _low(big):
                j += 1
            if j > i + 1:
                i = j
                continue
        j, run = i + 1, 0
        while j < len(qs):
            between = text[big.span.end: qs[j].span.end + 12].lower()
            if any(w in between.split() for w in ADDING_WORDS):
                break
            run += _low(qs[j])
            if run > _low(big):
                break
            j += 1
        if j > i + 1:
            between = text[big.span.end: qs[j - 1].span.end + 12].lower()  # "..., one of whom died later"
            if (run == _low(big) > 1 and j > i + 2) or any(w in between for w in SUBSET_WORDS) or (
                    j == i + 2 and _low(qs[i + 1]) < _low(big) and "the other" in text[qs[i + 1].span.end:
                                                                                  qs[i + 1].span.end + 40].lower()
                    and text[big.span.end:qs[i + 1].span.start].rstrip().endswith(",")):
                # "caused two deaths, one in Awendo and the other in Rongo"
                i = j
                continue
        i += 1
    return kept


def _named(text: str, counted: list[Quantity]) -> str:
    """The words of the figures already counted ("Two suspected robbers were ..."), to tell a part of
    the same dead ("One of the robbers") from another group ("Four of the militants")."""
    return " ".join(text[q.span.start:q.span.end + 25] for q in counted)


def _bracket_after(text: str, big: Quantity, next_start: int) -> int | None:
    """Where a parenthesis that opens right after a figure's words (before the next figure) closes,
    when it is no other source's count ("(some reports 30)")."""
    opened = text.find("(", big.span.end, min(next_start, big.span.end + 40))
    if opened == -1 or "." in text[big.span.end:opened] or alternative_figure(text, opened, next_start):
        return None
    closed = text.find(")", opened)
    return closed if closed != -1 else None


def _low(q: Quantity) -> int:
    value = q.low if q.low is not None else q.value
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def counts(doc: Document, bounds: list[tuple[int, int]]) -> list[Quantity]:
    return [q for q in doc.quantities if q.category != "killed" and _inside(q.span.start, q.span.end, bounds)]


LETHAL_PATTERNS = {"kill", "shot dead", "shoot dead", "shot and killed", "gun down", "gunned down",
                   "hacked to death", "beat * to death", "murder", "behead", "assassinate", "killing", "lynch"}
UNREALISED = {"nearly", "almost", "narrowly"}
ATTEMPT = {"attempt", "try"}


def _unrealised(verb) -> bool:
    """"nearly lynched", "tried to kill": the act did not happen."""
    return any(c.dep_ == "advmod" and c.lower_ in UNREALISED for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT)
GRADE_WORDS = {"form", "grade", "standard", "class", "year"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1}


def implied_fatalities(members, targets_of) -> tuple[int | None, str | None]:
    """Deaths a killing verb implies when no figure was found: "shot dead a driver" → 1.

    `targets_of(anchor)` gives the victim tokens of a trigger (from the parse)."""
    for m in members:
        to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
                       for c in m.anchor.children)  # "burned to death", "stoned to death"
        if (m.pattern not in LETHAL_PATTERNS and not to_death) or any(c.dep_ == "neg" for c in m.anchor.children):
            continue
        if _unrealised(m.anchor) or background_killing(m.anchor) or any(
                a.dep_ == "prep" and a.lower_ in ("for", "to") and _answers(a.head) for a in m.anchor.ancestors):
            continue  # "in response to a raid in which 7 civilians were killed": the earlier raid's dead
        if _cause_clause(m.anchor):
            continue  # "arrested because his motorbike hit and killed a person"
        if m.anchor.lemma_.lower() in SURVIVABLE and survival(m.anchor.doc.text):
            continue  # "A man is lynched ... The man was rescued by police before death"
        sent = m.anchor.sent
        if coded_elsewhere(sent.text, m.anchor.idx - sent.start_char):
            continue  # "for stabbing a person to death (coded as a separate event)"
        for tok in targets_of(m.anchor):
            if tok.lemma_.lower() in NOT_PEOPLE:
                continue
            nums = [c for c in tok.children if c.dep_ == "nummod" and not (
                c.i > 0 and c.doc[c.i - 1].lower_ in GRADE_WORDS)]  # "a form four student": a school year
            if tok.pos_ == "NUM":
                nums = [tok]
            if nums:
                text = nums[0].lower_.replace(",", "")
                value = int(text) if text.isdigit() else NUMBER_WORDS.get(text)
                if value is not None and value <= MAX_COUNT:
                    return value, f"'{m.pattern} {tok.text}' implies {value} killed"
                continue
            if tok.tag_ in ("NN", "NNP") or tok.lower_ in ("him", "her"):
                return 1, f"'{m.pattern}' with a single victim '{tok.text}'"
        if (victim := _headline_victim(m.anchor, getattr(m, "j", m.anchor.i + 1))) is not None:
            return 1, f"'{m.pattern} {victim.text}' (a headline's single victim) implies 1 killed"
        if (victim := _headline_subject(m.anchor.doc, getattr(m, "i", m.anchor.i),
                                        getattr(m, "j", m.anchor.i + 1))) is not None:
            return 1, f"'{victim.text} {m.pattern}' (a headline's single victim) implies 1 killed"
    return None, None


NOT_VICTIM_ENTS = ("GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "TIME")  # "killed last week"
VAGUE_WORDS = {"many", "several", "few", "some", "more", "most", "all", "others", "other", "dozens", "scores"}
SKIPPED_BEFORE_VICTIM = {"a", "an", "the", "suspected", "alleged", "his", "her", "their", "its", "one"}


def _headline_victim(anchor, after: int):
    """The victim a headline names right after a killing word the parse lost ("Residents lynch
    robber", "Mob kills man suspected of theft", "attacks hotel and kills civilian"): a singular
    common noun, past determiners, adjectives and compounds. A plural ("kill civilians") says no number."""
    doc = anchor.doc
    victim = None
    for n, tok in enumerate(doc[after:min(after + 5, len(doc))]):
        if tok.is_sent_start or tok.is_punct:
            break
        if n == 0 and tok.lower_ in ("a", "an") and after + 3 < len(doc) and doc[after + 1].like_num \
                and doc[after + 2].lower_ in ("year", "-year") and doc[after + 3].lower_.lstrip("-") in ("old", "olds"):
            return tok  # "kills a 14 year old"
        as_noun = tok.dep_ == "dobj" and tok.head.i == anchor.i and tok.tag_ == "JJ"  # "kills civilian"
        if tok.lower_ in SKIPPED_BEFORE_VICTIM or tok.pos_ == "ADJ" and tok.tag_ == "JJ" and not as_noun:
            if victim is not None:
                break
            continue
        if tok.pos_ not in ("NOUN", "PROPN") and not as_noun or tok.ent_type_ in NOT_VICTIM_ENTS:
            break
        victim = tok  # the last noun of a compound run is the head ("coffee thief")
        if as_noun:
            break
    if victim is None or victim.tag_ not in ("NN", "JJ") and not (victim.tag_ == "NNP" and victim.text.islower()) or victim.lemma_.lower() in NOT_PEOPLE | VAGUE_WORDS \
            or victim.lower_.endswith("s"):
        return None
    return victim


COLLECTIVE = {"police", "militia", "army", "mob", "gang", "group", "crowd", "force", "military", "people", "family",
              "community", "clan", "tribe", "youth", "security"}
HEADLINE_LINKS = {"is", "was", "has", "been", "being", "found", "reportedly", "allegedly", "later", "also"}
HEADLINE_BREAKS = {";", ":", "-", "–", "|"}


def _headline_subject(doc, i: int, j: int):
    """The one victim a headline names before a bare killing participle ("MPs bodyguard shot and
    killed.", "Man found killed, throat slit", "...; terror suspect killed", "ODM legislator John Doe
    was shot dead"): a singular noun phrase that opens the clause, nothing after the participle
    that it acts on. Collective nouns ("Police killed ...") name no single victim."""
    if j < len(doc) and doc[j].pos_ in ("DET", "NUM", "PRON") and not doc[j].is_sent_start:
        return None  # "Police shot dead a driver": the opening noun acted
    if doc[i].tag_ not in ("VBN", "VBD") and not (j - i > 1 and doc[i].lower_ in ("shot", "gunned", "hacked", "beaten")):
        return None  # "A civilian shot dead by armed men": the tagger may make "shot" a noun
    head = None
    k = i - 1
    while k >= 0 and not doc[k + 1].is_sent_start and (doc[k].lower_ in HEADLINE_LINKS or (
            doc[k].ent_type_ in ("DATE", "TIME") or doc[k].lower_ in ("on", "in", "at", "during"))
            and any(doc[m].lower_ in HEADLINE_LINKS for m in range(max(0, k - 4), k))):
        k -= 1  # "A motorbike thief was on Sunday evening lynched"
    if k < 0 or doc[k + 1].is_sent_start and k + 1 < i:
        return None
    head = doc[k]
    adjective_noun = head.tag_ == "JJ" and k > 0 and doc[k - 1].lower_ in ("a", "an")  # "A civilian shot dead"
    if (head.pos_ not in ("NOUN", "PROPN") or head.tag_ not in ("NN", "NNP")) and not adjective_noun \
            or head.lemma_.lower() in COLLECTIVE \
            or head.lemma_.lower() in NOT_PEOPLE or head.ent_type_ in NOT_VICTIM_ENTS:
        return None
    while k >= 0 and not doc[k].is_sent_start and doc[k - 1].text not in HEADLINE_BREAKS \
            and (doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "PART", "ADV", "VERB")
                 or doc[k - 1].like_num and doc[k].lower_.lstrip("-") == "year") \
            and doc[k - 1].lower_ not in ("the", "these", "those") and not doc[k - 1].lower_.endswith("s'"):
        if doc[k - 1].pos_ == "VERB" and doc[k - 1].tag_ != "VBN":
            return None  # another verb: the noun is not what opens a headline
        if doc[k - 1].pos_ == "DET" and doc[k - 1].lower_ not in ("a", "an"):
            return None
        k -= 1
    if not (doc[k].is_sent_start or (k > 0 and doc[k - 1].text in HEADLINE_BREAKS)):
        return None
    return head
