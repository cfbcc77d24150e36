"""What a figure counts, from the parse: the counted noun ("12 soldiers", "1,240 rocket
strikes"), the verb it is the patient or subject of ("were killed", "fled"), an adjective said of
it ("shot dead", "missing"), or a preposition that ties it to a toll ("the toll rose to 12").

The cues are data (lexicons/quantity_cues.csv); `figure_category(number_token)` gives a Quantity
category, `other` when nothing says what is counted, or `skip` for a measure ("30 km").
"""

from __future__ import annotations

from functools import cache

from crisislens.lexicons import load_table

PRIORITY = ("killed", "missing", "injured", "abducted", "arrested", "displaced", "refugees",
            "in_need", "strikes", "attacks")

# Prepositions that add members to a counted group: "18 villagers, including six children",
# "arrested the commander along with four other men".
_GROUP_PREPS = frozenset({"including", "among", "alongside", "plus"})


@cache
def cue_table() -> dict[tuple[str, str], str]:
    """(lemma, role) → category, from lexicons/quantity_cues.csv."""
    return {(row["cue"], row["role"]): row["category"] for row in load_table("quantity_cues.csv")}


def _counted_noun(number):
    """The noun a figure counts ("soldiers" in "12 soldiers"), or the figure itself ("killing 12")."""
    noun = number
    for _ in range(4):
        if noun is not number and any(c.dep_ in ("relcl", "acl") for c in noun.children):
            break  # "2 million more who crossed as refugees": the clause says what is counted
        if noun.dep_ == "npadvmod" and noun.head.lower_ in ("more", "other", "additional", "further") \
                and noun.head.dep_ == "amod":
            noun = noun.head  # "3 more bodies": the figure hangs on "more"
            continue
        if noun.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "nmod") and noun.head is not noun \
                and noun.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") and not noun.head.text.endswith("/"):
            noun = noun.head
        elif noun.dep_ == "conj" and noun.pos_ == "NUM" and noun.head.pos_ == "NUM" and not any(
                c.dep_ in ("acl", "relcl", "amod") for c in noun.children):
            noun = noun.head  # "between 12 and 15 people": the range's first figure carries the noun;
            # not "6 injured and 1 killed", where the second figure has its own word
        else:
            break
    return noun


def noun_after_of(noun):
    """"dozens of people", "12 of the victims": the noun after "of"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def noun_category(noun) -> str | None:
    cues = cue_table()
    if (noun.lemma_.lower(), "weak") in cues:  # "17 shelling incidents": the modifier says more
        for child in noun.children:
            if child.dep_ in ("amod", "compound") and (child.lemma_.lower(), "noun") in cues:
                return cues[(child.lemma_.lower(), "noun")]
        return cues[(noun.lemma_.lower(), "weak")]
    for word in (noun.lemma_.lower(), noun.lower_, noun.lower_[:-1] if noun.is_upper else ""):  # "DEATHS"
        for role in ("noun", "state"):
            if (word, role) in cues:
                return cues[(word, role)]
    for child in noun.children:  # "12 dead soldiers", "3 injured people"
        if child.dep_ in ("amod", "compound") and (child.lower_, "state") in cues:
            return cues[(child.lower_, "state")]
    return None


def verb_category(verb, role: str) -> str | None:
    """What a verb says of its patient or subject, counting adjectives ("shot dead") and verbs
    coordinated with it that share the argument ("was assaulted and killed")."""
    cues = cue_table()
    found: list[str] = []
    roles = [role]
    if role == "subject" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children):
        roles.append("object")  # headline style: "74 killed", "Forty warriors killed in raid"
    # "four gunmen shot dead a priest": what is said of the object is not said of the subject
    acts_on_other = role in ("subject", "state") and any(c.dep_ == "dobj" for c in verb.children)
    if not acts_on_other and _dead_nearby(verb):
        found.append("killed")
    shared = []  # "lynched and burned three men": the first verb shares the second one's object
    if role == "object" and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and 0 < verb.i - verb.head.i <= 3 and (
            verb.lemma_.lower(), role) not in cues and not any(
            g.dep_ in ("dobj", "nsubjpass") for g in verb.head.children):
        shared.append(verb.head)
    for v in [verb, *shared, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                               and not any(g.dep_ in ("dobj", "nsubj", "nsubjpass") for g in c.children))]:
        lemma = v.lemma_.lower()
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        for child in v.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "dobj") and (child.lower_, "state") in cues \
                    and not (acts_on_other and v is verb):
                found.append(cues[(child.lower_, "state")])
            elif child.dep_ == "prep":
                found.extend(_prep_category(child, cues))
            elif child.dep_ in ("xcomp", "oprd", "advcl") and child.tag_ == "VBN" and (lemma, "discover") in cues \
                    and cues.get((child.lemma_.lower(), "object")) == "killed":
                found.append("killed")  # "was found killed", "were found murdered"
        v_roles = roles
        if v is not verb and role == "object" and v.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in v.children):
            v_roles = [*roles, "subject"]  # "a janitor was caught in crossfire and died": the same person died
        for r in v_roles:
            for key in ((f"{lemma} {particle}", r), (lemma, r)) if particle else ((lemma, r),):
                if key in cues:
                    found.append(cues[key])
                    break
            else:
                continue
            break
    found = [f for f in found if f in PRIORITY]
    return min(found, key=PRIORITY.index) if found else None


def _prep_category(prep, cues) -> list[str]:
    """"crossed as refugees", "driven from their homes": a verb's prepositional object says it."""
    out = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        if prep.lower_ == "as":
            category = noun_category(pobj)
            if category in ("refugees", "displaced", "arrested", "abducted", "injured", "killed", "missing"):
                out.append(category)
        elif prep.lower_ in ("from", "of") and (pobj.lemma_.lower(), "origin") in cues:
            out.append(cues[(pobj.lemma_.lower(), "origin")])
    return out


def _dead_nearby(verb) -> bool:
    """"shot 1 policeman dead", "shooting dead two", "burnt to death", "charred to death": the verb
    killed ("dead" after a verb of harm from the cues; "to death" after any verb)."""
    cues = cue_table()
    if (verb.lemma_.lower(), "verdict") in cues:
        return False  # "sentenced to death", "threatened to death"
    harm = (verb.lemma_.lower(), "object") in cues
    doc = verb.doc
    for token in doc[verb.i + 1:min(verb.i + 6, len(doc))]:
        if token.is_sent_start:
            return False
        if (token.lower_ == "dead" and harm) or (token.lower_ == "death" and doc[token.i - 1].lower_ == "to"):
            return True
        if not harm and token.lower_ not in ("to", "death"):
            return False
        if token.dep_ in ("cc", "punct") or token.pos_ == "VERB":
            return False
    return False


def predicate_category(noun) -> str | None:
    """The category given by the verb a noun is an argument of, or a participle on the noun."""
    for child in noun.children:  # "7 people killed in", "people who were killed"
        if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "ADJ", "AUX"):
            own_object = any(c.dep_ == "dobj" for c in child.children)  # "four men who shot a priest"
            category = (None if own_object else verb_category(child, "object")) or verb_category(child, "subject")
            if category:
                return category
    for conj in noun.conjuncts:  # "Two gunmen and a police officer killed in a shoot-out"
        if conj.i > noun.i:
            for child in conj.children:
                if child.dep_ == "acl" and child.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in child.children):
                    category = verb_category(child, "object")
                    if category:
                        return category
    head = noun
    while head.dep_ in ("conj", "appos") and head.head is not head:
        head = head.head  # "nine civilians, three of them children": the children were killed too
    if head is not noun:
        category = noun_category(head)
        if category and category != "skip":
            return predicate_category(head) or category
    dep, verb = head.dep_, head.head
    if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass") and verb.head is not verb:
        verb = verb.head  # "800,000 people remain internally displaced"
    if dep in ("nsubjpass", "dobj"):
        return verb_category(verb, "object") or (_reported(verb) if dep == "nsubjpass" else None)
    if dep == "nsubj":
        return verb_category(verb, "subject") or verb_category(verb, "state") or _split_passive(verb)
    if dep == "pobj" and verb.dep_ == "prep":
        return _pobj_category(verb)
    return None


def _reported(verb) -> str | None:
    """"Three women were reported killed", "two people are believed to have died": a reporting
    verb hands its passive subject to the verb it reports."""
    if (verb.lemma_.lower(), "report") not in cue_table():
        return None
    for child in verb.children:
        if child.dep_ in ("xcomp", "oprd") and child.pos_ == "VERB":
            if child.tag_ == "VBN" and not any(c.dep_ == "aux" for c in child.children) or any(
                    c.dep_ == "auxpass" for c in child.children):
                return verb_category(child, "object")
            return verb_category(child, "subject")
    return None


def _split_passive(verb) -> str | None:
    """"Two men were in the evening hours shot dead": with words between "were" and the
    participle the parse makes "were" the main verb and the participle a clause of it."""
    if verb.lemma_.lower() != "be" or any(c.dep_ in ("acomp", "attr") for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "ccomp", "conj", "dep") and child.tag_ in ("VBN", "VBD") and child.i > verb.i \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in child.children):
            return verb_category(child, "object")
    return None


def _pobj_category(prep) -> str | None:
    """A figure after a preposition: "the toll rose to 12", "deaths of 12 people", "put the toll at
    10", "18 villagers, including six children", "arrested him along with four other men"."""
    owner = prep.head
    joined = prep.lower_ in _GROUP_PREPS
    if prep.lower_ == "with" and owner.lower_ in ("along", "together") and owner.head is not owner:
        owner, joined = owner.head, True
    if joined:
        if owner.pos_ in ("NOUN", "PROPN"):
            return noun_category(owner) or predicate_category(owner)
        if owner.pos_ == "VERB":
            passive = any(c.dep_ in ("nsubjpass", "dobj") for c in owner.children)
            return verb_category(owner, "object" if passive else "subject")
    if owner.pos_ in ("NOUN", "PROPN"):
        category = noun_category(owner)
        return category if category != "skip" else None
    if owner.pos_ not in ("VERB", "AUX"):
        return None
    for child in owner.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            category = noun_category(child)
            if category is None and (of_noun := noun_after_of(child)) is not None:
                category = noun_category(of_noun) or predicate_category(of_noun)  # "the number of civilians killed"
            if category and category != "skip":
                return category
    if owner.dep_ in ("acl", "relcl"):  # "civilians killed this year to 96" (a misattached "to")
        return verb_category(owner, "object")
    return None


def figure_category(number) -> str:
    noun = _counted_noun(number)
    noun_cat = noun_category(noun)
    if noun_cat == "skip":
        return "skip"
    said = _adjacent_state(number) or (_adjacent_state(noun) if noun is not number else None)
    if said:
        return said
    if noun is number and number.dep_ == "conj":  # "One dead and several injured": not what its conjunct is
        said = _next_word_category(number)
        if said:
            return said
    of_noun = noun_after_of(noun)
    verb_cat = predicate_category(noun)
    if verb_cat:
        return verb_cat
    if noun_cat:
        return noun_cat
    if of_noun is not None:
        of_cat = noun_category(of_noun) or predicate_category(of_noun)
        if of_cat and of_cat != "skip":
            return of_cat
    if number.dep_ == "nummod" and number.head.pos_ == "VERB" and number.head.i == number.i - 1:
        said = verb_category(number.head, "object")  # "attacks civilians and kills 4": a misparsed object
        if said:
            return said
    return _next_word_category(noun) or fragment_category(number) or _after_killing(number) or "other"


def _after_killing(number) -> str | None:
    """A figure the parse hung elsewhere right after "shooting dead" or "burnt to death": "police
    intervened shooting dead 2"."""
    doc = number.doc
    if number.i < 2:
        return None
    before, verb = doc[number.i - 1], doc[number.i - 2]
    if before.lower_ == "dead" and (verb.lemma_.lower(), "object") in cue_table():
        return "killed"
    if before.pos_ == "VERB" and before.tag_ in ("VBD", "VBG") and cue_table().get((before.lemma_.lower(), "object")) \
            == "killed" and not any(t.ent_type_ in ("DATE", "TIME") for t in doc[number.i:number.i + 3]):
        return "killed"  # "killed 2 Kikuyu civilians - ...": the parse lost the object
    return None


# What a headline fragment's figure can be said to count from the words after it.
_FRAGMENT_CATEGORIES = frozenset({"killed", "injured", "missing", "abducted", "arrested"})
_FRAGMENT_STOPS = frozenset({",", ";", ":", "/", ".", "-", "–", "|"})
# Prepositions that open a new clause or comparison rather than modify the figure's words.
_FRAGMENT_CLAUSE_PREPS = frozenset({"after", "before", "since", "because", "than", "like", "as", "following"})


def fragment_category(number) -> str | None:
    """Headline fragments the parse misreads: "-5 killed/", "Twelve reportedly KIA", "1 stoned to
    death", "4 (confirmed) and 3 (suspected) killed", "Two policemen were Friday afternoon shot
    dead". The first verb or state word after the figure in its clause says what it counts, past
    the words of its own noun phrase, auxiliaries, adverbs, reporting verbs and a parenthesis;
    only a casualty category, and nothing when another verb comes first."""
    cues = cue_table()
    doc = number.doc
    depth = 0
    for token in doc[number.i + 1:min(number.i + 13, len(doc))]:
        if token.is_sent_start and token.i > number.i + 1 and token.text[:1].isupper() and depth == 0:
            return None
        if token.text in ("(", "["):
            depth += 1
            continue
        if token.text in (")", "]"):
            if depth == 0:
                return None  # the figure was inside a parenthesis: "(aged between 10 and 14) shot a man"
            depth -= 1
            continue
        if depth:
            continue
        word = token.lower_.rstrip("/")
        found = _fragment_word(token, word, cues)
        if found is not None:
            return found if found in _FRAGMENT_CATEGORIES else None
        if token.text in _FRAGMENT_STOPS or token.text.endswith("/"):
            return None
        if token.pos_ == "ADP" and token.head.i < token.i and token.head.i >= number.i and token.lower_ not in \
                _FRAGMENT_CLAUSE_PREPS:
            continue  # "Twelve people from the clan were during the night hours killed": a modifier
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "ADV", "AUX", "NUM", "DET", "PART", "CCONJ", "VERB") \
                and not token.like_num:
            return None
    return None


def _fragment_word(token, word: str, cues) -> str | None:
    """The category a word after a figure gives it ("killed", "dead", "KIA", "stoned to death"),
    "" for a word that says nothing, None to read on."""
    if (word, "state") in cues:
        return cues[(word, "state")]
    doc = token.doc
    glued = token.text.endswith("/")  # "-5 killed/ 70 houses razed/": the tokenizer keeps the slash
    if not glued and (token.pos_ == "AUX" or token.dep_ == "amod" or (
            token.head.i > token.i and token.head.pos_ == "NOUN")):
        return None  # "were", "suspected witches": the figure's own words
    if token.tag_ in ("VBN", "VBD") or token.pos_ == "VERB" or glued:
        if not glued and (token.tag_ not in ("VBN", "VBD") or any(c.dep_ == "dobj" for c in token.children)):
            return ""  # "a gang of 100 members kill 5 people": the figure did it
        lemma = token.lemma_.lower().rstrip("/")
        if (lemma, "verdict") in cues:
            return ""  # "two men were sentenced to death"
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to" and doc[token.i + 2].lower_ == "death":
            return "killed"
        if (lemma, "report") in cues:
            return None  # "four reported killed": the reported verb says it
        for form in (lemma, word[:-2], word[:-1]):
            if (form, "object") in cues:
                return (None if glued else verb_category(token, "object")) or cues[(form, "object")]
        return (None if glued else verb_category(token, "object")) or ""
    return None
def _adjacent_state(noun) -> str | None:
    """An adjective right after the counted word says what is counted, before any verb the
    clause goes on with: "One dead, several others injured", "3 feared dead"."""
    cues = cue_table()
    for child in noun.children:
        if child.dep_ == "amod" and child.i == noun.i + 1 and (child.lower_, "state") in cues:
            category = cues[(child.lower_, "state")]
            return category if category in PRIORITY else None
    return None


def _next_word_category(noun) -> str | None:
    """Fragments the parse misreads: "3 killed.", "five killed", "two civilians killed in"."""
    cues = cue_table()
    doc = noun.doc
    for token in doc[noun.i + 1:min(noun.i + 3, len(doc))]:
        lemma = token.lemma_.lower()
        if noun.dep_ == "nsubj" and noun.head.i == token.i and any(
                c.dep_ == "dobj" and doc[c.i - 1].text != "(" and not c.is_upper for c in token.children):
            # not "3 killed (machetes)", "3 others killed DETAILS NOT SPECIFIED"
            return None  # "three gunmen shot a driver": the figure counts who acted
        if token.tag_ in ("VBN", "VBD", "JJ") and ((lemma, "object") in cues or (token.lower_, "state") in cues):
            return cues.get((lemma, "object")) or cues[(token.lower_, "state")]
        if token.lower_ not in ("are", "were", "was", "is", "reportedly", "also"):
            return None
    return None
