"""Pronouns in the actors stage: "it", "they", "them", "their" as mentions of the actor they refer to.

Split from actor_mentions (the Finder collects the named and generic mentions first); actors.py
calls `find_pronouns` last. A verb's subject is never its object's antecedent ("police engaged
them"), and a subject pronoun takes up an earlier subject ("raiders killed two herders when they
raided the village").
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from crisislens.stages.actor_mentions import ARMED_INTERS, Finder, Mention

_PRONOUN_IDS = frozenset(get_string_id(w) for w in ("it", "its", "they", "them", "their"))
_COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "take", "rain", "mean"})


def find_pronouns(finder: Finder) -> None:
    """Add a mention for each "it"/"they"/"them"/"their" that refers back to an actor named in
    the same or the previous sentence (armed groups for "it")."""
    for i, lower_id in enumerate(finder._column(LOWER)):
        if lower_id not in _PRONOUN_IDS:
            continue
        token = finder.parsed[i]
        lower = token.lower_
        if lower in ("it", "its"):
            if lower == "it" and not (token.dep_ == "nsubj" and token.head.lemma_ not in _COPULAS):
                continue
            targets = [m for m in finder.mentions if m.head < token.i and m.source in ("group", "anaphor")
                       and m.inter in ARMED_INTERS]
        elif lower in ("they", "them", "their"):
            targets = [m for m in finder.mentions if m.head < token.i and m.source != "pronoun"
                       and m.type not in ("person", "media")
                       and (finder.parsed[m.head].tag_ in ("NNS", "NNPS") or m.source in ("group", "anaphor"))]
        else:
            continue
        sent_start = token.sent.start
        prev_start = finder.parsed[sent_start - 1].sent.start if sent_start > 0 else 0
        targets = [m for m in targets if m.head >= prev_start and not _subject_of(finder.parsed, m, token)]
        if targets:
            # "raiders killed two students when they attacked": a subject pronoun takes up a subject
            subjects = [m for m in targets if token.dep_ in ("nsubj", "nsubjpass") and _is_subject(finder.parsed, m)]
            target = _acting_object(finder.parsed, token, targets) or max(subjects or targets, key=lambda m: m.head)
            finder._add([token], token, name=target.name, inter=target.inter, type=target.type,
                        country=target.country, key=target.key, source="pronoun", noun=target.noun,
                        reason=f"pronoun '{token.text}' refers to {target.name}", associated=target.associated)


def _phrase(parsed, mention: Mention):
    """The mention's head, or the first of the nouns it is coordinated with ("the army and police")."""
    head = parsed[mention.head]
    while head.dep_ == "conj":
        head = head.head
    return head


def _is_subject(parsed, mention: Mention) -> bool:
    return _phrase(parsed, mention).dep_ in ("nsubj", "nsubjpass")


def _subject_of(parsed, mention: Mention, pronoun) -> bool:
    """"police engaged them", "the army and police chased them": a verb's subject (or one of
    its coordinated subjects) is never the antecedent of the verb's object."""
    return pronoun.dep_ in ("dobj", "dative") and _is_subject(parsed, mention) and \
        _phrase(parsed, mention).head.i == pronoun.head.i


_CLAUSE_MARKS = frozenset({"after", "when", "as", "while", "because", "since", "before"})


def _acting_object(parsed, pronoun, targets: list[Mention]) -> Mention | None:
    """"Police killed two bandits after they attacked villages": the subject of a time or reason
    clause is the main verb's plural object when the main clause has state forces act on a
    non-state armed or crowd side, which is what the clause tells of (forces rarely have their
    own act told as the reason they shot someone)."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or pronoun.lower_ != "they" or verb.dep_ != "advcl" or \
            not any(c.dep_ in ("mark", "advmod") and c.lower_ in _CLAUSE_MARKS for c in verb.children):
        return None
    main = verb.head
    objects = [m for m in targets if _phrase(parsed, m).dep_ == "dobj" and _phrase(parsed, m).head.i == main.i
               and parsed[m.head].tag_ in ("NNS", "NNPS") and m.inter in (2, 3, 4, 5)]
    subjects = [m for m in targets if _is_subject(parsed, m) and _phrase(parsed, m).head.i == main.i]
    if len(objects) == 1 and subjects and all(m.inter in (1, 8) for m in subjects):
        return objects[0]
    return None
