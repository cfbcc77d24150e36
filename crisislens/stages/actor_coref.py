"""Actors across the article: back-references the actors stage left unresolved, as extra
mentions of the named armed group they stand for.

"Islamic State claimed an attack near Kirkuk. The statement was posted on Telegram. It said
three soldiers were killed." → "It" is a mention of Islamic State. "The Rapid Support Forces
shelled El Fasher. The paramilitaries have besieged the city since May." → "paramilitaries" is
a mention of the RSF. Two kinds of reference, cues in lexicons/actor_coref_cues.csv:

- a definite descriptive noun phrase ("the paramilitaries", "the jihadi outfit", "the
  guerrillas", "the Islamists"): the most recent named armed group of a kind the noun fits
  (jihadists fit jihadist groups, separatists separatist or rebel groups, "the group" any
  non-state group), named earlier in the article. A phrase that describes its group through
  another ("the al-Qaeda affiliate") or names one ("a group of gunmen") is left alone;
- a subject pronoun ("it", "they") of a verb a group does (claims, attacks, says) up to three
  sentences after the group, in the same paragraph, with no other party named in between.

Only words no actor mention covers yet are read: the actors stage's own readings stand.
Each resolved mention is added to its actor's `mentions` (and a noun phrase to its
`aliases`), so the events stage sees the group wherever the article refers to it.
"""

from __future__ import annotations

from functools import cache

from spacy.symbols import NOUN, PRON, PROPN

from crisislens.lexicons import load_table
from crisislens.nlp import word_columns
from crisislens.schema import Actor, Document, Span
from crisislens.stages.attribution import speech_verbs

_DEFINITE = frozenset({"the", "this", "these", "those"})
_NON_STATE = frozenset({"jihadist", "rebel", "separatist", "militia", "movement", "mission", "armed"})
_PRONOUN_SENTENCES = 3  # how far back a pronoun may reach
_NOUN_CHARS = 2500  # how far back a descriptive phrase may reach
_SUBJECTS = frozenset({"nsubj"})


@cache
def _cues() -> dict[str, dict[str, frozenset[str]]]:
    """kind → {word: kinds of group it fits}."""
    table: dict[str, dict[str, frozenset[str]]] = {}
    for row in load_table("actor_coref_cues.csv"):
        fits = frozenset(k for k in row["groups"].split("|") if k)
        table.setdefault(row["kind"], {})[row["word"]] = _NON_STATE if fits == {"armed"} else fits
    return table


@cache
def _group_kinds() -> dict[str, str]:
    """ACLED group name → its kind (armed_groups.csv)."""
    return {row["name"]: row["kind"] for row in load_table("armed_groups.csv") if row["kind"]}


def _kind(actor: Actor) -> str | None:
    """What kind of named armed group an actor is; None for state forces, crowds and generic actors."""
    if actor.inter not in (2, 3, 4, 8) or actor.name.startswith("Unidentified"):
        return None
    kind = _group_kinds().get(actor.name)
    if kind in _NON_STATE:
        return kind
    if kind is None and actor.reason and "armed-group word" in actor.reason:
        return "armed"  # an armed group named outside the lexicon ("X Liberation Front")
    return None


def resolve(doc: Document, parsed) -> None:
    """Add the mentions of named armed groups made by description or pronoun (module docstring)."""
    if not any(_kind(a) for a in doc.actors):
        return
    cues = _cues()
    nouns, pronouns = cues.get("noun", {}), cues.get("pronoun", {})
    covered = sorted((m.start, m.end) for a in doc.actors for m in a.mentions)
    added: dict[int, list[tuple[Span, str]]] = {}
    for token in _candidates(parsed, nouns, pronouns):
        if _covered(token, covered):
            continue
        lower, lemma = token.lower_, token.lemma_.lower()
        if token.pos_ == "PRON" and lower in pronouns:
            found = _pronoun(doc, parsed, token, pronouns[lower])
        elif token.pos_ in ("NOUN", "PROPN") and _entry(nouns, lower, lemma) is not None:
            found = _noun(doc, token, _entry(nouns, lower, lemma), covered)
        else:
            continue
        if found is not None:
            added.setdefault(id(found[0]), []).append(found[1:])
    for actor in doc.actors:
        for span, text in added.get(id(actor), []):
            actor.mentions.append(span)
            if text and text not in actor.aliases:
                actor.aliases.append(text)
        if id(actor) in added:
            actor.mentions.sort(key=lambda s: (s.start, -s.end))
            said = ", ".join(dict.fromkeys(f"'{t or 'pronoun'}'" for _, t in added[id(actor)]))
            actor.reason = (actor.reason or "") + f"; referred back to as {said} (actor_coref)"


def _candidates(parsed, nouns, pronouns) -> list:
    """Nouns and pronouns whose word may refer back, read from the parse's columns (no Token
    object for every other word)."""
    strings = parsed.vocab.strings
    known: dict[tuple[int, int], bool] = {}
    found = []
    for i, (lower, pos, lemma) in enumerate(word_columns(parsed).tolist()):
        if pos not in (NOUN, PROPN, PRON):
            continue
        hit = known.get((lower, lemma))
        if hit is None:
            text = strings[lower]
            hit = known[(lower, lemma)] = text in pronouns if pos == PRON else \
                _entry(nouns, text, strings[lemma].lower()) is not None
        if hit:
            found.append(parsed[i])
    return found


def _entry(table: dict[str, frozenset[str]], lower: str, lemma: str) -> frozenset[str] | None:
    """A noun's row by lemma or by its singular ("paramilitaries", "Islamists" tagged as names)."""
    for form in (lemma, lower, lower[:-3] + "y" if lower.endswith("ies") else lower.removesuffix("s")):
        if form in table:
            return table[form]
    return None


def _covered(token, covered: list[tuple[int, int]]) -> bool:
    return any(s <= token.idx < e for s, e in covered)


def _mentions_before(doc: Document, at: int, floor: int) -> list[tuple[int, Actor]]:
    """(start, actor) of every mention starting in [floor, at), latest first."""
    found = [(m.start, a) for a in doc.actors for m in a.mentions if floor <= m.start < at]
    return sorted(found, key=lambda x: -x[0])


def _noun(doc: Document, token, fits: frozenset[str], covered) -> tuple[Actor, Span, str] | None:
    """"the paramilitaries" → the latest named group of a kind the noun fits."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        return None
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
    if any(_covered(t, covered) for m in modifiers for t in m.subtree):
        return None  # "the al-Qaeda affiliate", "the Houthi fighters": described through another actor
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in token.children):
        return None  # "the group of gunmen": the object names the actor
    for _, actor in _mentions_before(doc, token.idx, max(0, token.idx - _NOUN_CHARS)):
        kind = _kind(actor)
        if kind is not None and (kind in fits or kind == "armed"):
            first = min([token.i] + [m.left_edge.i for m in modifiers])
            words = token.doc[first:token.i + 1]
            return actor, Span(words.start_char, words.end_char), words.text
    return None


def _pronoun(doc: Document, parsed, token, fits: frozenset[str]) -> tuple[Actor, Span, str] | None:
    """A subject "it"/"they" of a group's verb, up to three sentences after the group, nobody between."""
    verb = token.head
    if token.dep_ not in _SUBJECTS or not (verb.lemma_.lower() in _cues().get("verb", {})
                                           or verb.lemma_.lower() in speech_verbs()):
        return None
    sent = token.sent
    first = sent
    for _ in range(_PRONOUN_SENTENCES):
        if first.start == 0:
            break
        previous = parsed[first.start - 1].sent
        if "\n" in parsed.text[previous.start_char:first.start_char]:
            break  # the pronoun's paragraph starts here
        first = previous
    for _, actor in _mentions_before(doc, token.idx, first.start_char):
        if actor.type == "person" or token.lower_ == "it" and (actor.type == "media" or actor.inter in (5, 6, 7)):
            continue  # "he"/"she" refer to people, "they" to crowds; a news outlet is seldom the one who acts
        kind = _kind(actor)
        if kind is None or kind not in fits and kind != "armed":
            return None  # another party named in between: the reference is not clear
        return actor, Span(token.idx, token.idx + len(token)), ""
    return None
