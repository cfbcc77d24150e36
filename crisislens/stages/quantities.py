"""quantities stage: figures that count people or acts — "at least 12 soldiers were killed",
"some 40,000 residents have fled", "1,240 rocket strikes", "no fatalities", "shot dead a driver".

Produces `doc.quantities`: one Quantity per counted figure, in text order, with
- `value` (ACLED's lowest credible number: "12-13" → 12, "dozens" → 24, "more than 100" → 100),
  `low`/`high` bounds ("at least 12" → low 12; "more than 100" → low 101; "up to 30" → high 30),
  `approximate` ("some", "about", "nearly", "an estimated", vague words);
- `category` (quantity_categories.py) from the cue the parse ties to the figure
  (lexicons/quantity_cues.csv): the counted
  noun ("victims", "rocket strikes"), the verb it is the patient or subject of ("were killed",
  "fled", "lack shelter"), or an adjective said of it ("shot dead", "missing"); `other` when
  nothing says what is counted, and crowd-size tags ("[size=hundreds]") are always `other`;
- zero counts for "no fatalities", "no one was killed", "no casualties" (value 0);
- implicit counts of one per person named by "a"/"an"/a possessive as the patient of a killing,
  wounding, abduction or arrest ("a man was killed" → killed 1; "killed a teacher and his wife"
  → killed 2), "both men were killed" → 2, "the driver died"/"he later died" → 1, and a body found
  ("the body of a trader was found") → killed 1. Each figure is kept on its own; the events stage
  sums them per event;
- `source`: who the sentence attributes the figure to ("according to the UN", "police said").

Dates, times, money, percentages, ages ("a 15-year-old"), measures ("30 km"), phone numbers and
absurd figures are not counts and are left out.
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB

from crisislens.ingest.article import clean_text
from crisislens.schema import Document, Quantity, Span
from crisislens.stages.attribution import Sentences, sentence_source
from crisislens.stages.quantity_categories import (
    cue_table,
    figure_category,
    noun_after_of,
    noun_category,
    predicate_category,
    verb_category,
)
from crisislens.stages.quantity_numbers import find_numbers

_NOT_COUNT_ENTS = frozenset({"PERCENT", "ORDINAL"})
_CURRENCY_MARK = re.compile(r"[$£€¥₦₹]")
_SIZE_TAG = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|yrs?|months?)[\s-]*olds?\b|\s*-?\s*(?:years?|yrs?)\s+of\s+age\b",
                        re.IGNORECASE)
_BEFORE_NOT_COUNT = re.compile(r"(?:\b(?:aged?|ages|no\.?|number|nos\.?|tk\.?|ksh\.?|kes|sh\.?|rs\.?|usd|bdt|"
                               r"us\$|route|room|plot|block|ward|house|article|section|chapter|page|form|grade|standard|std\.?|"
                               r"phone|tel\.?)|[$£€¥#])\s*$|\d[:.]$", re.IGNORECASE)
_AFTER_NOT_COUNT = re.compile(r"\s*(?:%|:\d|\.\d|°|(?:a\.m\.|p\.m\.|am|pm|hrs|gmt|bn|m)\b)", re.IGNORECASE)
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_POSSESSIVE = frozenset({"his", "her", "their", "its", "my", "our", "your"})
_ZERO_WORDS = frozenset({"nobody", "none", "noone"})
_ZERO_IDS = frozenset(get_string_id(w) for w in ("no", *_ZERO_WORDS))
_VERB_IDS = frozenset({int(VERB), int(AUX)})
_ARG_ROLES = {"dobj": "object", "nsubjpass": "object", "nsubj": "subject"}
_ARG_DEPS = frozenset(_ARG_ROLES)
_DYING = frozenset({"die", "perish", "succumb"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_SINGLE_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = frozenset({"him", "her"})
_RELATIVE = frozenset({"who", "that", "whom"})
_NOT_PERSONS = frozenset({"vehicle", "car", "house", "home", "property", "cow", "goat", "camel", "cattle",
                          "sheep", "dog", "donkey", "animal", "lion", "elephant", "bus", "truck", "motorcycle",
                          "shop", "building", "school", "store", "bag", "gun", "rifle", "weapon", "phone",
                          "county", "village", "town", "area", "district", "location",
                          "violence", "attack", "fighting", "clash", "raid", "unrest", "conflict", "total", "number",
                          "toll"})



def process(doc: Document, parsed, resources=None) -> Document:
    """Append a Quantity for each counted figure in the parse."""
    text = _text(doc, parsed)
    blocked = [t.span for t in doc.times]
    tags = [Span(m.start(), m.end()) for m in _SIZE_TAG.finditer(text)]
    sources = _Sources(parsed)
    found: list[Quantity] = []
    counted_tokens: set[int] = set()
    for phrase in find_numbers(text):
        if _overlaps(phrase.number_start, phrase.end, blocked):
            continue
        span = parsed.char_span(phrase.number_start, phrase.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        number = span[-1]
        if _overlaps(phrase.start, phrase.end, tags):
            category = "other"  # a crowd-size tag counts people present, not casualties
        else:
            if _not_a_count(span, text, phrase.number_start, phrase.end):
                continue
            category = figure_category(number)
            if category == "other" and any(t.ent_type_ in ("DATE", "TIME") for t in span):
                continue  # a date the times stage did not read ("the 2017 polls"); a count only with a cue
            if category == "skip" or (category == "other" and phrase.words and phrase.value <= 1):
                continue  # "one of them", "one day": a lone word "one" with no cue is no count
        counted_tokens.update(t.i for t in span)
        found.append(Quantity(value=phrase.value, category=category, span=Span(phrase.start, phrase.end),
                              text=text[phrase.start:phrase.end], low=phrase.low, high=phrase.high,
                              approximate=phrase.approximate, source=sources.of(number)))
    found.extend(_zero_counts(parsed, text, counted_tokens, sources))
    places = [(m.start, m.end) for place in doc.places for m in place.mentions]
    found.extend(_implicit_counts(parsed, text, counted_tokens, sources, places, found))
    found.sort(key=lambda q: q.span.start)
    doc.quantities.extend(found)
    return doc


def _text(doc: Document, parsed) -> str:
    """The parsed text. `parsed.text` joins every token again on each call; the pipeline parses
    `clean_text(doc.text)` (control characters blanked, offsets kept), so that is the same string
    when its length matches the parse's."""
    cleaned = clean_text(doc.text)
    if len(parsed) and parsed[-1].idx + len(parsed[-1].text_with_ws) == len(cleaned) \
            and parsed[0].idx == 0 and cleaned.startswith(parsed[0].text):
        return cleaned
    return parsed.text


def _tokens_where(parsed, attr: int, values: frozenset[int]):
    """The tokens whose `attr` is one of `values`, read from one column of the parse: a Token
    object is built only for those, not for every word (most words are never candidates)."""
    if not len(parsed):
        return
    for i, value in enumerate(parsed.to_array([attr]).tolist()):
        if value in values:
            yield parsed[i]


def _overlaps(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


class _Sources:
    """Who each sentence attributes its figures to, worked out once per sentence."""

    __slots__ = ("_parsed", "_sentences", "_found")

    def __init__(self, parsed) -> None:
        self._parsed = parsed
        self._sentences: Sentences | None = None  # built on the first figure: many texts have none
        self._found: dict[int, str | None] = {}

    def of(self, token) -> str | None:
        if self._sentences is None:
            self._sentences = Sentences(self._parsed)
        sent = self._sentences.of(token)
        if sent.start not in self._found:
            self._found[sent.start] = sentence_source(sent)
        return self._found[sent.start]


def _not_a_count(span, text: str, start: int, end: int) -> bool:
    """Dates, times, money, percentages, ages, serial numbers: figures that count nothing."""
    if any(t.ent_type_ in _NOT_COUNT_ENTS for t in span) or _money(span):
        return True
    if _AGE_AFTER.match(text, end) or _AFTER_NOT_COUNT.match(text, end):
        return True
    return bool(_BEFORE_NOT_COUNT.search(text[max(0, start - 12):start]))


def _money(span) -> bool:
    """A MONEY entity names a currency ("$500", "3 million naira"); the parser also tags bare
    large figures as money ("10 million people"), which are counts."""
    ents = {t.ent_type_ for t in span}
    if "MONEY" not in ents:
        return False
    doc = span.doc
    window = doc[max(span.start - 2, 0):min(span.end + 2, len(doc))]
    cues = cue_table()
    return bool(_CURRENCY_MARK.search(window.text)) or any(
        cues.get((t.lemma_.lower(), "noun")) == "skip" for t in window if t.ent_type_ == "MONEY")



def _zero_counts(parsed, text: str, counted: set[int], sources: _Sources) -> list[Quantity]:
    """"no fatalities", "no one was killed", "nobody was hurt": a count of zero."""
    out: list[Quantity] = []
    for token in _tokens_where(parsed, LOWER, _ZERO_IDS):
        if token.i in counted:
            continue
        if token.lower_ == "no" and token.dep_ == "det":
            noun = token.head
            category = noun_category(noun) or (predicate_category(noun) if noun.lower_ == "one" else None)
            if category is None:  # "no reports of casualties"
                of_noun = noun_after_of(noun)
                category = noun_category(of_noun) if of_noun is not None else None
                noun = of_noun if category else noun
        elif token.lower_ in _ZERO_WORDS:
            noun = token
            category = predicate_category(token)
        else:
            continue
        if category in (None, "skip", "other"):
            continue
        start, end = min(token.idx, noun.idx), max(token.idx + len(token), noun.idx + len(noun))
        counted.update(range(min(token.i, noun.i), max(token.i, noun.i) + 1))
        out.append(Quantity(value=0, category=category, span=Span(start, end), text=text[start:end],
                            low=0, high=0, source=sources.of(token)))
    return out


def _one_person(noun, bare: bool = False, definite: bool = False) -> bool:
    """A single person named without a figure: "a driver", "his wife", "John Kamau", and in
    headline style a bare singular noun ("Mob lynches robbery suspect"); with `definite`, also
    one already introduced ("the driver", "he")."""
    if (definite and noun.lower_ in _SINGLE_PRONOUNS) or (noun.lower_ in _OBJECT_PRONOUNS and noun.dep_ == "dobj"):
        return True  # "the driver died", "shooting him dead"
    if noun.lemma_.lower() in _NOT_PERSONS or noun.tag_ not in ("NN", "NNP") or noun.ent_type_ in _PLACE_ENTS:
        return False  # "killed a youth in X village, Y upazila": a place the parse made an object
    if noun.ent_type_ == "PERSON":
        return noun.dep_ in ("dobj", "nsubjpass")
    determiners = [c for c in noun.children if c.dep_ in ("det", "poss")]
    if not determiners:
        if bare:  # a headline's opening noun the tagger capitalised ("Shopkeeper killed by robbers")
            return noun.tag_ == "NN" or not noun.ent_type_
        return noun.tag_ == "NN" and noun.dep_ == "dobj"
    return any(c.lower_ in (_INDEFINITE | _POSSESSIVE) or (definite and c.lower_ == "the") for c in determiners)


def _said_dead(verb) -> bool:
    """"A Kenyan is dead": a form of "be" whose complement says the subject died."""
    return verb.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and cue_table().get((c.lower_, "state")) == "killed" for c in verb.children)


def _body_found(verb, arg) -> int:
    """How many dead found remains stand for: "the body of a trader was found", "police recovered a
    corpse" → 1; "his body and the body of a woman were found" → 2; "the bodies of a guard and
    another youth" → 2 (one per person named after "of"); 0 when not found remains."""
    cues = cue_table()
    if (arg.lemma_.lower(), "remains") not in cues or (verb.lemma_.lower(), "discover") not in cues:
        return 0
    if arg.tag_ == "NNS":
        of_noun = noun_after_of(arg)
        if of_noun is None or of_noun.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" for c in arg.children):
            return 0
        named = [c for c in of_noun.conjuncts if c.i > of_noun.i and c.tag_ in ("NN", "NNP")]
        named += [c for c in verb.children if c.dep_ == arg.dep_ and c.i > arg.i and c.tag_ == "NN" and any(
            g.dep_ == "det" and g.lower_ in _INDEFINITE for g in c.children)]  # "... and a driver": a misparse
        return 1 + len(named)
    found = 0
    nouns = (arg, *(c for c in arg.conjuncts if c.i > arg.i))
    for noun in nouns:  # "her body" alone is someone already named; in a list it is one of several
        if (noun.lemma_.lower(), "remains") in cues and noun.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "the")
                or c.dep_ == "poss" and c.lower_ in _POSSESSIVE and len(nouns) > 1 for c in noun.children):
            found += 1
    return found


def _implicit_counts(parsed, text: str, counted: set[int], sources: _Sources,
                     places: list[tuple[int, int]] = (), figures: list[Quantity] = ()) -> list[Quantity]:
    """Persons killed, hurt, taken or arrested one by one: "a man was killed" → killed 1."""
    out: list[Quantity] = []
    seen: set[int] = set(counted)
    for verb in _tokens_where(parsed, POS, _VERB_IDS):
        if verb.pos_ == "AUX" and (verb.dep_ not in ("ROOT", "conj") or not _said_dead(verb)):
            continue  # a form of "be" counts only as "A Kenyan is dead"
        children = list(verb.children)  # read once: each walk over a token's children builds Tokens
        child_deps = {c.dep_ for c in children}
        # headline style: "Police informant killed in town" (a bare participle on the noun)
        opening = False
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            first = verb.head
            while first.dep_ == "conj" and first.head is not first:
                first = first.head  # "Two gunmen and a police officer killed in ...": the list opens the line
            edge = first.left_edge
            opening = edge.is_sent_start or (edge.i > 0 and edge.doc[edge.i - 1].text in (":", "-", "–"))
            # "27 February: A civilian shot dead by armed men" (a dateline before the headline)
        if not opening and not child_deps & _ARG_DEPS:
            continue  # no argument to count
        if "auxpass" in child_deps:
            out.extend(_companions(verb, children, seen, text, sources))
        bare_participle = verb.tag_ == "VBN" and not child_deps & {"dobj", "aux", "auxpass"}
        for arg in [*children, verb.head] if opening else children:
            role = _ARG_ROLES.get(arg.dep_)
            headline = (role == "subject" and bare_participle) or arg.i == verb.head.i
            if arg.dep_ == "nsubjpass" and arg.lower_ in _RELATIVE and verb.dep_ == "relcl" \
                    and verb.head.pos_ in ("NOUN", "PROPN"):
                arg = verb.head  # "a man who was killed": the relative pronoun stands for the man
            if headline:
                role = "object"
            if role is None or arg.i in seen or (role == "subject" and verb.lemma_.lower() not in _DYING
                                                 and not _said_dead(verb)):
                continue
            bodies = _body_found(verb, arg) if role == "object" else 0
            if bodies:
                seen.add(arg.i)
                start, end = arg.left_edge.idx, arg.idx + len(arg)
                out.append(Quantity(value=bodies, category="killed", span=Span(start, end), text=text[start:end],
                                    low=bodies, source=sources.of(verb)))
                continue
            if arg.dep_ == "dobj" and (not arg.is_alpha or "auxpass" in child_deps):
                continue  # a passive verb has no object: "lynched ... in Rangwe sub-county" is a misparse
            category = verb_category(verb, role)
            if category not in ("killed", "injured", "abducted", "arrested"):
                continue
            # "The driver died", "He later died in hospital"; not what someone claims ("claiming the patient died")
            definite = role == "subject" and verb.dep_ in ("ROOT", "conj") and not _said_dead(verb) or (
                category == "killed" and arg.dep_ == "nsubjpass" and (verb.lemma_.lower(), "discover") in cue_table())
            # "the mother of the pastor was found dead": whoever is found dead is a death of this report
            headline = headline or (arg.dep_ == "nsubjpass" and arg.left_edge.is_sent_start and arg.tag_ == "NN"
                                    and category == "killed" and not arg.conjuncts)  # "Police officer was found killed"
            if arg.lower_ == "they" and category == "killed" and arg.i not in seen \
                    and (value := _antecedent_figure(arg, figures)):
                seen.add(arg.i)  # "7 men were detained by police - they were later found dead"
                out.append(Quantity(value=value, category=category, span=Span(arg.idx, arg.idx + len(arg)),
                                    text=arg.text, low=value, source=sources.of(verb)))
                continue
            if arg.tag_ == "NNS" and arg.i not in seen and any(c.dep_ in ("det", "predet") and c.lower_ == "both"
                                                               for c in arg.children):
                seen.add(arg.i)  # "Both men were killed"
                start, end = arg.left_edge.idx, arg.idx + len(arg)
                out.append(Quantity(value=2, category=category, span=Span(start, end), text=text[start:end],
                                    low=2, source=sources.of(verb)))
                continue
            later = [c for c in arg.conjuncts if c.i > arg.i]  # a list read left to right; never its head before it
            persons = [n for n in (arg, *later) if n.i not in seen and _one_person(n, headline, definite)
                       and not any(c.dep_ == "nummod" for c in n.children)
                       and not any(s <= t.idx < e for s, e in places for t in n.children if t.dep_ == "compound")]
            # "a youth in X village, Y upazila": a place the parse made a second object
            figured = any(c.dep_ == "nummod" for c in arg.children)  # "Two herders and a bandit were killed"
            if not persons or (persons[0] is not arg and not figured):
                continue
            seen.update(n.i for n in persons)
            start = persons[0].left_edge.idx
            last = persons[-1]
            end = last.idx + len(last)
            out.append(Quantity(value=len(persons), category=category, span=Span(start, end),
                                text=text[start:end], low=len(persons), source=sources.of(verb)))
    return out


def _antecedent_figure(pronoun, figures) -> int | None:
    """The figure "they" stands for: the last counted group of people before it, in its sentence or
    the one before ("7 men were detained - they were later found dead" → 7), when that figure is not
    already a death toll (no death is counted twice)."""
    doc = pronoun.doc
    start = pronoun.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for tok in reversed(doc[start:pronoun.i]):
        if tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.lemma_.lower() not in _NOT_PERSONS:
            figure = next((q for q in figures if q.span.start <= tok.idx < q.span.end), None)
            if figure is None or figure.category == "killed" or figure.value is None:
                return None
            return int(figure.low if figure.low is not None else figure.value)
    return None


def _companions(verb, children, seen: set[int], text: str, sources: _Sources) -> list[Quantity]:
    """Persons a passive verb's "along with" adds to its subject: "was shot dead along with his
    companion", "... along with two bodyguards and a driver" (the figure counts itself)."""
    found = []
    for child in children:
        pobjs = []
        if child.dep_ == "prep" and child.lower_ == "alongside":
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("prep", "advmod") and child.lower_ in ("along", "together"):
            pobjs = [g for w in child.children if w.dep_ == "prep" and w.lower_ == "with"
                     for g in w.children if g.dep_ == "pobj"]
        for pobj in pobjs:
            category = verb_category(verb, "object")
            if category not in ("killed", "injured", "abducted", "arrested"):
                continue
            persons = [n for n in (pobj, *(c for c in pobj.conjuncts if c.i > pobj.i))
                       if n.i not in seen and _one_person(n) and not any(c.dep_ == "nummod" for c in n.children)]
            subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if subject is not None and any(t.like_num for t in subject.subtree):
                continue  # "One of the leaders, X, was killed along with another man": the figure counts
            if persons and subject is not None and subject.i not in seen and subject.tag_ in ("NN", "NNP") \
                    and subject.lemma_.lower() not in _NOT_PERSONS and subject.ent_type_ not in _PLACE_ENTS \
                    and (any(c.dep_ == "det" for c in subject.children)
                         or not any(t.ent_type_ == "PERSON" for t in subject.subtree if t.i != subject.i)):
                persons.insert(0, subject)  # "The chief inspector is shot and killed, along with his companion"
            for person in persons:
                seen.add(person.i)
                start, end = person.left_edge.idx, person.idx + len(person)
                found.append(Quantity(value=1, category=category, span=Span(start, end), text=text[start:end],
                                      low=1, source=sources.of(verb)))
    return found
