"""Who is speaking, for the quotes stage: a speaker's name, role and organization from the
words around a speech verb, and the outlet they spoke to.

"Amina Yusuf, a spokeswoman for the Northern Relief Coalition, told Reuters" → name "Amina Yusuf",
role "spokeswoman", organization "Northern Relief Coalition", outlet "Reuters"; "police said" →
organization "police"; "he said" → the last person named before it; "Yusuf said" → the full name,
with the role and organization the article gave that person; "the group's director" → the
organization the article last described as a group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import DEP, POS
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Span as SpacySpan

from crisislens.lexicons import load_table
from crisislens.schema import Span, Speaker
from crisislens.stages.attribution import phrase_text

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"they", "it", "we", "i", "you", "who", "them", "us", "this", "that"})
_ORG_PREPS = frozenset({"for", "of", "at", "with", "in"})
# A person named as the object of these is more likely a place the parser took for a name ("in Daudu").
_PLACE_PREPS = frozenset({"in", "at", "near", "around", "outside", "inside", "from", "to", "into", "across",
                          "towards", "toward", "through", "between"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_RELATIVES = frozenset({"who", "which", "that"})
_ORG_LOOKBACK = 1500  # characters searched back for the organization "the group" stands for


@dataclass(slots=True)
class Person:
    """A person the article names, with what it says they are."""

    start: int
    name: str
    role: str | None = None
    organization: str | None = None


@cache
def _roles() -> tuple[dict[str, str], dict[str, str]]:
    """(role words → role, titles → role or "") from lexicons/roles.csv."""
    rows = load_table("roles.csv")
    roles = {r["word"]: r["role"] for r in rows if r["kind"] == "role"}
    titles = {r["word"]: r["role"] for r in rows if r["kind"] == "title"}
    return roles, titles


@cache
def _role_modifiers() -> frozenset[str]:
    """Words before a role that qualify it rather than name an organization ("field coordinator")."""
    return frozenset(r["word"] for r in load_table("roles.csv") if r["kind"] == "modifier")


@cache
def _org_nouns() -> frozenset[str]:
    """Common nouns that stand for an organization named earlier ("the group's director")."""
    return frozenset(r["word"] for r in load_table("roles.csv") if r["kind"] == "org_noun")


@cache
def _outlets() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for row in load_table("outlets.csv"):
        for alias in row["aliases"].split("|"):
            names[alias.strip().lower()] = row["name"]
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in ordered) + r")\b", re.IGNORECASE), names


def outlet_of(verb) -> str | None:
    """"told Reuters", "said in an interview with the BBC", "told AFP": the outlet the speaker spoke to."""
    pattern, names = _outlets()
    for child in verb.children:
        heads = [child]
        if child.dep_ == "prep":
            heads = [g for g in child.subtree if g.dep_ == "pobj"]
        elif child.dep_ not in ("dobj", "dative", "npadvmod"):
            continue
        for head in heads:
            phrase = head.doc[head.left_edge.i:head.i + 1].text
            match = pattern.search(phrase)
            if match and match.end() >= len(phrase) - len(head.text) - 1:
                return names[match.group(0).lower()]
            if child.dep_ in ("dobj", "dative") and head.pos_ == "PROPN" and _media_name(head):
                return _proper_name(head, keep_titles=True)  # "told Horn Wire": an outlet by its name's shape
    return None


@cache
def _media_words() -> frozenset[str]:
    return frozenset(r["word"] for r in load_table("media_words.csv"))


def _media_name(head) -> bool:
    """A proper name ending in (or starting with) a media word: "Horn Wire", "Radio Dalsan"."""
    first = head.doc[head.left_edge.i]
    if first.pos_ == "DET":
        first = head.doc[first.i + 1]
    return head.text in _media_words() or (first.text in _media_words() and first.i < head.i)


def _role_and_org(head) -> tuple[str | None, str | None]:
    """Role and organization said of a role word: "a spokeswoman for the Coalition", "the army's
    commander", "a police commander"; a possessive or an "of"/"for" phrase wins over a modifier, and
    modifiers that only qualify the role ("deputy", "field" coordinator) are no organization."""
    roles, _ = _roles()
    role = roles.get(head.lemma_.lower()) or roles.get(head.lower_)
    if role is None:
        return None, None
    possessive = preposition = modifier = None
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            possessive = phrase_text(child).removesuffix("'s").removesuffix("\u2019s").strip()
        elif child.dep_ == "prep" and child.lower_ in _ORG_PREPS and preposition is None:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and _employer(child, grandchild):
                    preposition = _organization_phrase(grandchild)
        elif child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN") and modifier is None \
                and child.lower_ not in _role_modifiers() and child.lower_ not in roles:
            modifier = phrase_text(child)
    organization = possessive or preposition or modifier
    if organization:
        organization = organization.split(",")[0].strip() or None
    if organization and organization.lower() in _org_nouns():
        organization = _organization_meant(head, organization.lower()) or organization
    return role, organization


def _employer(prep, pobj) -> bool:
    """"a spokesman for the ministry" names an employer; "a spokesman in Port Sudan" and "a
    commander at the scene" name where they are."""
    if prep.lower_ not in ("in", "at"):
        return True
    return pobj.ent_type_ not in _PLACES and (pobj.pos_ == "PROPN" or pobj.ent_type_ == "ORG")


def _organization_phrase(head) -> str:
    """The organization's name without a place after it ("MSF in Cabo Delgado" → "MSF")."""
    doc = head.doc
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj"):
            break
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near") and \
                any(t.ent_type_ in _PLACES for t in child.subtree):
            break
        right = child.right_edge.i
    tokens = list(doc[head.left_edge.i:right + 1])
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def _organization_meant(token, noun: str) -> str | None:
    """The organization "the group" stands for: the last name ending in that noun ("the Students
    Against Discrimination movement"), else the last organization described with it ("The Yemen
    Monitoring Project, a monitoring group"), else the last organization named."""
    doc = token.doc
    floor = max(0, token.idx - _ORG_LOOKBACK)
    named = list(_named_with(noun).finditer(doc.text, floor, token.idx))
    if named:
        return named[-1].group(1).strip()
    window = doc.char_span(floor, token.idx, alignment_mode="contract")
    for described in reversed(list(window) if window is not None else []):
        if described.dep_ == "appos" and described.lemma_.lower() == noun and described.head.pos_ == "PROPN":
            return _proper_name(described.head, keep_titles=True)
    earlier = [e for e in doc.ents if e.label_ == "ORG" and floor <= e.start_char < token.idx
               and e.text.lower().removeprefix("the ") not in _org_nouns()]
    return re.sub(r"^the\s+", "", earlier[-1].text, flags=re.I) if earlier else None


@cache
def _named_with(noun: str) -> re.Pattern[str]:
    """Capitalised words ending in the noun: "Students Against Discrimination movement", "Wagner Group"."""
    word = r"[A-Z][\w'\u2019.&-]*"
    return re.compile(rf"(?<![\w])(?:The\s+)?((?:{word}\s+){{1,6}}(?i:{re.escape(noun)}))\b")


def _name_of(ent) -> tuple[str, str | None]:
    """A PERSON entity's name without titles ("Col. Ahmed Nur" → "Ahmed Nur", title role colonel)."""
    _, titles = _roles()
    tokens = list(ent)
    title_role = None
    while tokens and (tokens[0].lower_ in titles or tokens[0].text == "."):
        title_role = title_role or titles.get(tokens[0].lower_) or None
        tokens = tokens[1:]
    name = "".join(t.text_with_ws for t in tokens).strip() or ent.text
    return name, title_role


def describe(head, people: list[Person]) -> Speaker:
    """The Speaker a subject (or "according to" object) token stands for.

    `people` is every person the document names (people_named), for pronouns and surnames
    ("he said", "Yusuf said" → "Amina Yusuf", with the role and organization given for her).
    """
    span = Span(head.left_edge.idx, _phrase_end(head))
    if head.lower_ in _PERSON_PRONOUNS:
        earlier = [p for p in people if p.start < head.idx]
        last = earlier[-1] if earlier else None
        return Speaker(name=last.name if last else None, role=last.role if last else None,
                       organization=last.organization if last else None, span=Span(head.idx, head.idx + len(head)))
    if head.lower_ in _RELATIVES and head.head.dep_ == "relcl" and head.head.head is not head.head:
        return describe(head.head.head, people)  # "the agency, which said ...": the agency
    if head.lower_ in _OTHER_PRONOUNS:
        return Speaker(span=Span(head.idx, head.idx + len(head)))
    ent = _entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        name, title_role = _name_of(ent)
        role, organization = _from_modifiers(head, ent)
        return _known(Speaker(name=_full_name(name, people, head.idx), role=role or title_role,
                              organization=organization, span=span), people)
    appos_role = _appos_role(head) if head.pos_ == "PROPN" else None
    if appos_role is not None:  # "Dorcas Wambui, a spokeswoman for ...": a name the parser took for an organization
        return Speaker(name=_proper_name(head), role=appos_role[0], organization=appos_role[1], span=span)
    role, organization = _role_and_org(head)
    surname = _full_name(head.text, people, head.idx) if head.pos_ == "PROPN" else head.text
    if role is None and (surname != head.text or (head.pos_ == "PROPN" and ent is None and head.text[:1].isupper())):
        # "Yusuf said" after "Amina Yusuf"; an unlabelled proper name is a person's
        return _known(Speaker(name=surname, span=span), people)
    if role is None:
        organization = re.sub(r"^the\s+", "", ent.text if ent is not None else phrase_text(head), flags=re.I)
    name = None
    for child in head.children:  # "the spokesman, John Doe, said"
        child_ent = _entity_of(child) if child.dep_ == "appos" else None
        if child_ent is not None and child_ent.label_ == "PERSON":
            name = _full_name(_name_of(child_ent)[0], people, child.idx)
    if name is None and role is not None:  # "a commander, who gave his name as Asres Mengistu, said"
        name = _person_within(head, people)
    return Speaker(name=name, role=role, organization=organization or None, span=span)


def _known(speaker: Speaker, people: list[Person]) -> Speaker:
    """A named speaker given the role and organization the article said of that name elsewhere."""
    if speaker.role and speaker.organization:
        return speaker
    for person in people:
        if person.name == speaker.name and (person.role or person.organization):
            if speaker.role is None or speaker.role == person.role:
                speaker.role = speaker.role or person.role
                speaker.organization = speaker.organization or person.organization
            break
    return speaker


def _appos_role(head) -> tuple[str, str | None] | None:
    """(role, organization) of an apposition naming a function ("X, a spokeswoman for Y"), else None."""
    for child in head.children:
        if child.dep_ == "appos":
            role, organization = _role_and_org(child)
            if role:
                return role, organization
    return None


def _proper_name(head, keep_titles: bool = False) -> str:
    """The proper name a head token ends ("Dorcas Wambui", "Haidar al-Saedi"), titles dropped."""
    _, titles = _roles()
    titles = {} if keep_titles else titles
    doc = head.doc
    first = head.i
    while first > 0 and doc[first - 1].head.i in range(first, head.i + 1) and \
            (doc[first - 1].pos_ == "PROPN" or doc[first - 1].text in ("-", ".")):
        first -= 1
    tokens = list(doc[first:head.i + 1])
    while len(tokens) > 1 and (tokens[0].lower_ in titles or tokens[0].text in ("-", ".")):
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def _person_within(head, people: list[Person]) -> str | None:
    for token in head.subtree:
        if token is not head and token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            ent = _entity_of(token)
            return _full_name(_name_of(ent)[0], people, token.idx) if ent is not None else None
    return None


def _phrase_end(head) -> int:
    last = head.right_edge
    return last.idx + len(last) if last.dep_ != "punct" else head.doc[max(head.i, last.i - 1)].idx \
        + len(head.doc[max(head.i, last.i - 1)])


def _entity_of(token):
    """The named entity holding the token, read from the token's IOB tags (`doc.ents` rebuilds
    every entity of the document on each call)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=token.ent_type_)


def _from_modifiers(head, ent) -> tuple[str | None, str | None]:
    """Role and organization around a name: its apposition ("X, the army's regional commander") or
    the words before it ("police spokesman Charles Owino")."""
    for child in head.children:
        if child.dep_ == "appos":
            role, organization = _role_and_org(child)
            if role:
                return role, organization
    roles, titles = _roles()
    role = organization = None
    for child in head.children:
        if child.dep_ == "compound" and not (ent.start <= child.i < ent.end) \
                and child.lower_.rstrip(".") not in titles and child.lower_ not in titles:  # "Mr Walsh"
            role_here = roles.get(child.lemma_.lower())
            if role_here:
                role = role_here
                _, organization = _role_and_org(child)
            elif child.pos_ in ("NOUN", "PROPN"):
                organization = organization or phrase_text(child)
    return role, organization


def _full_name(name: str, people: list[Person], before: int) -> str:
    """A surname alone ("Yusuf said") as the full name given earlier ("Amina Yusuf")."""
    if " " in name:
        return name
    for person in reversed(people):
        if person.start < before and person.name.split()[-1] == name:
            return person.name
    return name


def _role_of_ancestor(token) -> tuple[str | None, str | None]:
    """"The chairman of Guma council, Mike Uba", "a commander, who gave his name as Asres Mengistu":
    the role noun the name is attached to (the first noun above it, through an apposition or a clause)."""
    roles, _ = _roles()
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.pos_ in ("NOUN", "PROPN"):
            if roles.get(ancestor.lemma_.lower()) or roles.get(ancestor.lower_):
                return _role_and_org(ancestor)
            return None, None
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("of", "for"):
            return None, None
    return None, None


def people_named(parsed) -> list[Person]:
    """Every person the document names, in text order: PERSON entities (titles removed, surnames
    expanded, places mistaken for names left out) and proper names given a role ("Dorcas Wambui, a
    spokeswoman for ..."), each with the role and organization the article gives them there."""
    found: list[Person] = []
    in_person: set[int] = set()
    for ent in parsed.ents:
        if ent.label_ != "PERSON":
            continue
        in_person.update(range(ent.start, ent.end))
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
            continue
        name, title_role = _name_of(ent)
        role, organization = _from_modifiers(root, ent)
        if role is None:
            role, organization = _role_of_ancestor(root)
        found.append(Person(ent.start_char, _full_name(name, found, ent.start_char), role or title_role,
                            organization))
    compound = get_string_id("compound")
    columns = parsed.to_array([POS, DEP])  # columns: no Token per word
    for i in numpy.flatnonzero((columns[:, 0] == PROPN) & (columns[:, 1] != compound)).tolist():
        if i not in in_person:
            token = parsed[i]
            appos_role = _appos_role(token)
            if appos_role is not None:
                found.append(Person(token.left_edge.idx, _proper_name(token), *appos_role))
    found.sort(key=lambda p: p.start)
    return found
