"""Political interactions coded in CAMEO: "Norway is about to restore ties with Chile" → 064.

Each verb found in lexicons/cameo_verbs.csv (with the objects and particles its pattern needs)
becomes an Event of kind "interaction": source and target actors, the sentence as evidence,
the verb as trigger, and a low confidence so that violent events found by the events stage
stay primary. Protests, arrests and violence (CAMEO 14, 173, 18-20) are the events stage's.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.symbols import VERB

from crisislens.nlp import word_columns
from crisislens.schema import Document, Event, Span
from crisislens.stages.interaction_roles import (
    actor_for,
    background_mark,
    can_act,
    is_passive,
    modality_of,
    source_and_target,
)
from crisislens.stages.interaction_rules import (
    VerbRule,
    is_misspelled_form,
    match_rule,
    verb_lemma,
    verb_rules,
)

_AGREEMENT_CODES = ("057", "0871")
_CONFIDENCE = {2: 0.35, 1: 0.25}


def process(doc: Document, parsed, resources=None) -> Document:
    """Add one interaction Event per distinct CAMEO code per sentence."""
    rules = verb_rules()
    verbs = numpy.flatnonzero(word_columns(parsed)[:, 1] == VERB).tolist()  # no Token for other words
    for sent in parsed.sents:
        main: list[tuple[object, Event]] = []
        background: list[tuple[object, Event]] = []
        for i in verbs[bisect_left(verbs, sent.start):bisect_left(verbs, sent.end)]:
            token = parsed[i]
            if verb_lemma(token) not in rules:
                continue
            rule = match_rule(token)
            if rule is None or is_misspelled_form(token):
                continue
            mark = background_mark(token)
            for event in _events(doc, sent, token, rule):
                if mark is None:
                    main.append((token, event))
                else:
                    event.reason += f"; in a background clause ('{mark.text} ...')"
                    background.append((token, event))
        if not any(event.cameo for _, event in main):
            main.extend(background)  # the background clause is all the sentence reports
        seen: set[str] = set()
        for token, event in main:
            key = event.cameo or f"denied:{token.i}"
            if key not in seen:
                seen.add(key)
                doc.events.append(event)
    return doc


def _events(doc: Document, sent, verb, rule: VerbRule) -> list[Event]:
    source, target = source_and_target(verb)
    source = source if source is not None and can_act(source) else None
    target = target if target is not None and can_act(target) else None
    if source is None and (target is None or not is_passive(verb)):
        # no one acts: a pronoun, a verb inside a noun phrase ("refusal to talk"), a title
        return []
    if rule.needs_target and target is None:
        return []  # "host the ceremony" is not hosting anyone
    actors = [t for t in (source, target) if t is not None]
    modality, cue = modality_of(verb)
    actor1 = actor_for(source, doc) if source is not None else None
    actor2 = actor_for(target, doc) if target is not None else None
    evidence = [Span(sent.start_char, sent.end_char)]
    trigger = Span(verb.idx, verb.idx + len(verb))
    why = f"CAMEO verb rule '{rule.label}' → {rule.code} ({rule.note})"
    if cue:
        why += f"; {modality} because of '{cue}'"
    confidence = _CONFIDENCE.get(len(actors), 0.2)
    if modality == "denied":  # a negated verb is not that event: keep the record, drop the code
        why += f"; negated, so not coded {rule.code}"
        return [_event(None, actor1, actor2, evidence, trigger, modality, confidence, why)]
    events = [_event(rule.code, actor1, actor2, evidence, trigger, modality, confidence, why)]
    if rule.mirror and actor1 is not None and actor2 is not None:
        events.append(_event(rule.mirror, actor2, actor1, evidence, trigger, modality, confidence,
                             why + f"; reverse direction {rule.mirror}"))
    return events


def _event(code, actor1, actor2, evidence, trigger, modality, confidence, reason) -> Event:
    sub_event = "Agreement" if code and code.startswith(_AGREEMENT_CODES) else "Other"
    return Event(event_type="Strategic developments", sub_event_type=sub_event, evidence=evidence,
                 cameo=code, actor1=actor1, actor2=actor2, modality=modality, confidence=confidence,
                 trigger=trigger, kind="interaction", reason=reason)
