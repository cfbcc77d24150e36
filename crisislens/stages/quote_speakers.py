"""Who is speaking, for the quotes stage: a speaker's name, role and organization from the
words around a speech verb, and the outlet they spoke to.

"Amina Yusuf, a spokeswoman for the Northern Relief Coalition, told Reuters" → name "Amina Yusuf",
role "spokeswoman", organization "Northern Relief Coalition", outlet "Reuters"; "police said" →
organization "police"; "he said" → the last person named before it.
"""

from __future__ import annotations

import re
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Span, Speaker
from crisislens.stages.attribution import phrase_text

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_OTHER_PRONOUNS = frozenset({"they", "it", "we", "i", "you", "who", "them", "us", "this", "that"})
_ORG_PREPS = frozenset({"for", "of", "at", "with", "in"})


@cache
def _roles() -> tuple[dict[str, str], dict[str, str]]:
    """(role words → role, titles → role or "") from lexicons/roles.csv."""
    rows = load_table("roles.csv")
    roles = {r["word"]: r["role"] for r in rows if r["kind"] == "role"}
    titles = {r["word"]: r["role"] for r in rows if r["kind"] == "title"}
    return roles, titles


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
    return None


def _role_and_org(head) -> tuple[str | None, str | None]:
    """Role and organization said of a role word: "a spokeswoman for the Coalition", "the army's commander"."""
    roles, _ = _roles()
    role = roles.get(head.lemma_.lower()) or roles.get(head.lower_)
    if role is None:
        return None, None
    organization = None
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in ("NOUN", "PROPN"):
            organization = phrase_text(child).removesuffix("'s").strip()
        elif child.dep_ == "prep" and child.lower_ in _ORG_PREPS and organization is None:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    organization = phrase_text(grandchild)
        elif child.dep_ == "compound" and child.pos_ in ("NOUN", "PROPN") and organization is None:
            organization = phrase_text(child)
    return role, organization


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


def describe(head, people: list[tuple[int, str]]) -> Speaker:
    """The Speaker a subject (or "according to" object) token stands for.

    `people` is [(start offset, full name)] of persons named in the document, for pronouns and
    surnames ("he said", "Yusuf said" → "Amina Yusuf").
    """
    span = Span(head.left_edge.idx, _phrase_end(head))
    if head.lower_ in _PERSON_PRONOUNS:
        earlier = [name for start, name in people if start < head.idx]
        name = earlier[-1] if earlier else None
        return Speaker(name=name, span=Span(head.idx, head.idx + len(head)))
    if head.lower_ in _OTHER_PRONOUNS:
        return Speaker(span=Span(head.idx, head.idx + len(head)))
    name = role = organization = None
    ent = _entity_of(head)
    if ent is not None and ent.label_ == "PERSON":
        name, title_role = _name_of(ent)
        name = _full_name(name, people, head.idx)
        role, organization = _from_modifiers(head, ent)
        role = role or title_role
    else:
        role, organization = _role_and_org(head)
        surname = _full_name(head.text, people, head.idx) if head.pos_ == "PROPN" else head.text
        if role is None and (surname != head.text or (head.pos_ == "PROPN" and ent is None)):
            # "Yusuf said" after "Amina Yusuf"; an unlabelled proper name is a person's
            return Speaker(name=surname, span=span)
        if role is None:
            organization = re.sub(r"^the\s+", "", ent.text if ent is not None else phrase_text(head), flags=re.I)
        for child in head.children:  # "the spokesman, John Doe, said"
            child_ent = _entity_of(child) if child.dep_ == "appos" else None
            if child_ent is not None and child_ent.label_ == "PERSON":
                name = _full_name(_name_of(child_ent)[0], people, child.idx)
    return Speaker(name=name, role=role, organization=organization or None, span=span)


def _phrase_end(head) -> int:
    last = head.right_edge
    return last.idx + len(last) if last.dep_ != "punct" else head.doc[max(head.i, last.i - 1)].idx \
        + len(head.doc[max(head.i, last.i - 1)])


def _entity_of(token):
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _from_modifiers(head, ent) -> tuple[str | None, str | None]:
    """Role and organization around a name: its apposition ("X, the army's regional commander") or
    the words before it ("police spokesman Charles Owino")."""
    for child in head.children:
        if child.dep_ == "appos":
            role, organization = _role_and_org(child)
            if role:
                return role, organization
    roles, _ = _roles()
    role = organization = None
    for child in head.children:
        if child.dep_ == "compound" and not (ent.start <= child.i < ent.end):
            role_here = roles.get(child.lemma_.lower())
            if role_here:
                role = role_here
                _, organization = _role_and_org(child)
            elif child.pos_ in ("NOUN", "PROPN"):
                organization = organization or phrase_text(child)
    return role, organization


def _full_name(name: str, people: list[tuple[int, str]], before: int) -> str:
    """A surname alone ("Yusuf said") as the full name given earlier ("Amina Yusuf")."""
    if " " in name:
        return name
    for start, full in reversed(people):
        if start < before and full.split()[-1] == name:
            return full
    return name


def people_named(parsed) -> list[tuple[int, str]]:
    """[(start, name)] of every PERSON entity, titles removed, surnames expanded, in text order."""
    found: list[tuple[int, str]] = []
    for ent in parsed.ents:
        if ent.label_ == "PERSON":
            name, _ = _name_of(ent)
            found.append((ent.start_char, _full_name(name, found, ent.start_char)))
    return found
