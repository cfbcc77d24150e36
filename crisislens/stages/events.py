"""events stage: ACLED-coded events, each with its evidence sentences, trigger and reasons.

"On 3 May, students staged a protest in Town. Police fired tear gas to disperse them."
→ one event, Protests / Protest with intervention, actor1 Protesters (Country), actor2 the
police, evidence both sentences, date 3 May, the town as location.

Steps, one module each: trigger candidates (event_triggers), false alarms and modality
(event_filters), grouping into events (event_merge), parties (event_roles), ACLED type
(event_typing), date/location/fatalities (event_attributes). Undated events take the
publication date minus `Settings.undated_event_offset_days` (default 1): see
event_attributes for why.
"""

from __future__ import annotations

from crisislens.schema import Document, Event, Span
from crisislens.stages import event_attributes as attrs
from crisislens.stages.event_evidence import evidence
from crisislens.stages.event_filters import (
    DEATH_ONLY,
    VIOLENT_CLASSES,
    accident_reason,
    anti_reason,
    article_domain,
    context_reason,
    figurative_reason,
    is_negated,
    modality,
    negated_noun,
    suppress,
)
from crisislens.stages.event_merge import Draft, group, is_mention, is_party_noun, prune
from crisislens.stages.event_protest_sides import demonstration_sides
from crisislens.stages.event_roles import Party, arguments, choose_actors, parties
from crisislens.stages.event_targets import headline_passive
from crisislens.stages.event_triggers import Candidate, ParseIndex, cue_words, find_candidates, note_label
from crisislens.stages.event_typing import Features, classify

UNCODED_MOODS = {"denied", "hypothetical"}
TOPIC_PREPS = {"of", "for", "to", "against", "over", "about", "on"}


def process(doc: Document, parsed, resources=None) -> Document:
    """Append the document's ACLED events; the best supported gets the highest confidence."""
    settings = getattr(resources, "settings", None)
    offset = getattr(settings, "undated_event_offset_days", attrs.DEFAULT_OFFSET_DAYS)
    sents = list(parsed.sents)
    bounds = [(s.start_char, s.end_char) for s in sents]
    index = ParseIndex(parsed)  # text, token keys and cue matches, read once for this parse
    kept = _kept_candidates(doc, parsed, sents, index)
    label = note_label(parsed, index.text)
    if label is not None:  # "Movement of forces: ...": the note's own category, over the words it covers
        kept = sorted([c for c in kept if c.j <= label.i or c.i >= label.j] + [label], key=lambda c: c.start)
    sent_dates = {i: {t.date for t in doc.times if t.date and s <= t.span.start < e}
                  for i, (s, e) in enumerate(bounds)}
    drafts = prune(group(parsed, kept, bounds, sent_dates, index), doc.id)
    used = {i for d in drafts for i in d.sentences}
    stray = [b for i, b in enumerate(bounds) if i not in used]  # "FATALITIES: 17", "Three deaths reported."
    events = [_event(doc, parsed, d, sents, bounds, offset, n, stray if n == 0 else [], index)
              for n, d in enumerate(drafts)]
    _violence_first(events, drafts)
    _shared_toll([e for e in events if e is not None])
    doc.events.extend(e for e in events if e is not None)
    return doc


SD_YIELDING = {"Arrests", "Looting/property destruction"}
VIOLENT_TYPES = {"Battles", "Violence against civilians", "Riots", "Explosions/Remote violence"}


def _violence_first(events: list[Event | None], drafts: list[Draft]) -> None:
    """ACLED codes an arrest or property destruction as a strategic development only when no violence
    happened: when the text also reports violence as a new, asserted event (the arrested were beaten
    and shot, the attack the suspect is held over), that event is the one to rank first."""
    violent = [e for e, d in zip(events, drafts, strict=True) if e is not None and e.event_type in VIOLENT_TYPES
               and not d.background and e.modality == "asserted"]
    if not violent:
        return
    best = max(e.confidence for e in violent)
    for e, d in zip(events, drafts, strict=True):
        if e is not None and e.sub_event_type in SD_YIELDING and not any(m.label for m in d.members) \
                and e.confidence >= best:
            e.confidence = round(max(0.05, best - 0.01), 3)
            e.reason += "; ranked after the violence the text also reports (strategic only without violence)"


def _shared_toll(events: list[Event]) -> None:
    """A note codes one event with its whole toll: when the first-ranked event counts no dead but
    another event of the same text does ("...beat and set fire to two civilians. Both men were killed
    in the attack."), the toll belongs to the primary too. Background events (an earlier killing) and
    peaceful protests (no violence to die of) do not take it."""
    if not events:
        return
    primary = max(events, key=lambda e: e.confidence)
    if primary.fatalities or primary.sub_event_type == "Peaceful protest":
        return
    donors = [e for e in events if e is not primary and (e.fatalities or 0) > 0 and "background" not in e.reason]
    if not donors:
        return
    donor = max(donors, key=lambda e: e.confidence)
    primary.fatalities, primary.fatalities_low, primary.fatalities_high = \
        donor.fatalities, donor.fatalities_low, donor.fatalities_high
    primary.reason += f"; fatalities {donor.fatalities} from the same text's '{donor.sub_event_type}' event"


def _kept_candidates(doc: Document, parsed, sents, index: ParseIndex) -> list:
    domain, domains = article_domain(parsed, index)
    leaning = bool(domains.get("_leaning"))
    kinds_by_sent: dict[int, set[str]] = {}
    phrases_by_sent: dict[int, list] = {}
    kept = []
    candidates = find_candidates(parsed, index.keys)
    classes_by_sent: dict[int, set[str]] = {}
    for c in candidates:
        classes_by_sent.setdefault(c.sent_index, set()).add(c.klass)
    places = tuple((m.start, m.end) for p in doc.places for m in p.mentions)
    for c in candidates:
        if c.sent_index not in kinds_by_sent:
            sent = sents[c.sent_index]
            hits = index.cues(sent.start, sent.end)
            kinds_by_sent[c.sent_index] = {h.entry.get("kind") for h in hits}
            phrases_by_sent[c.sent_index] = [h for h in hits if h.entry.get("kind") == "figurative_phrase"]
        why = None
        if domain and c.klass in VIOLENT_CLASSES:
            why = f"article is {domain} news"
        phrase = next((h for h in phrases_by_sent[c.sent_index] if h.i < c.j and c.i < h.j), None)
        if why is None and phrase is not None:
            why = f"figurative phrase '{phrase.entry.pattern}' ({phrase.entry.get('value')})"
        why = why or figurative_reason(c, index.text, places) or accident_reason(c, kinds_by_sent[c.sent_index]) \
            or context_reason(c, kinds_by_sent[c.sent_index], classes_by_sent[c.sent_index], leaning)
        if why is None and (c.klass in DEATH_ONLY or c.klass == "arrest") and is_negated(c.anchor):
            why = "negated: nobody was hurt or arrested"
        if why is None:
            why = anti_reason(c)
        if why is None and c.klass in VIOLENT_CLASSES and negated_noun(c.anchor):
            why = "negated: 'no (reports of) ...' violence"
        if why:
            suppress(c, doc.id, why)
            continue
        kept.append(c)
    return kept


def _features(doc: Document, d: Draft, killed: int,
              bounds: list[tuple[int, int]], index: ParseIndex) -> tuple[Features, list[Party], list[Party], list[Party]]:
    main = d.main
    agents, targets = parties(doc, main.anchor)
    if _headline_passive(main) and not any(p.kind in ("crowd", "protester") for p in agents):
        # "Two police killed while on duty": the subject is the victim (a crowd subject is tagged wrongly);
        # "by gunmen" stays the agent ("a nurse attacked and wounded by gunmen")
        by = [p for p in agents + targets if _by_agent(p.token)]
        agents, targets = by, [p for p in agents + targets if not _by_agent(p.token)]
    targets = [_occupation_victim(p) for p in targets]
    others: list[Party] = []
    # "Houses burned": a home is no civilian agent
    agent_kinds = {p.kind for p in agents if p.kind and not (p.kind == "civilian" and _is_property(p.token))}
    target_kinds = {p.kind for p in targets if p.kind}
    victim_kinds: set[str] = set()
    state_violence: set[str] = set()
    crowd_classes: set[str] = set()
    local = [m for m in d.members if m is main or _local(m, main)]
    parties_of: dict[int, tuple[list[Party], list[Party]]] = {main.anchor.i: (agents, targets)}
    for m in local:
        if m is main:
            m_agents = agents
        elif is_party_noun(m):
            continue
        else:
            m_agents, m_targets = parties(doc, m.anchor)
            if _headline_passive(m) and not any(p.kind in ("crowd", "protester") for p in m_agents):
                m_agents, m_targets = [], m_agents + m_targets  # "Police reservist killed when raiders attack"
            m_targets = [_occupation_victim(p) for p in m_targets]
            parties_of[m.anchor.i] = (m_agents, m_targets)
            others.extend(m_agents + m_targets)
            # the police's targets are the demonstrators they disperse, not victims of the crowd's violence
            target_kinds |= {p.kind for p in m_targets if p.kind and m.klass not in ("kill", "injure", "police")}
            if m.klass in ("kill", "injure"):  # "three officers were killed": who the violence fell on
                victim_kinds |= {p.kind for p in m_targets if p.kind}
        kinds = {p.kind for p in m_agents if p.kind}
        if kinds and kinds <= {"state"}:
            state_violence.add(m.klass)
        else:
            crowd_classes.add(m.klass)
            if m is not main and m.klass not in ("kill", "injure"):
                agent_kinds |= kinds
    state_acts = set(state_violence)  # what state forces did, even when others did the same
    state_violence -= crowd_classes
    tokens = main.anchor.doc
    near = [bounds[i] for i in set(d.sentences) if abs(i - main.sent_index) <= 1]
    # a dispersal may be told two sentences on ("... They marched to parliament. Police fired tear gas.")
    wide = [bounds[i] for i in set(d.sentences) if abs(i - main.sent_index) <= 2]
    hits = [h for h in d.cue_hits if any(a <= tokens[h.i].idx < b for a, b in near) or (
        h.entry.get("kind") == "intervention" and any(a <= tokens[h.i].idx < b for a, b in wide))]
    hits = [h for h in hits if not _nested_weapon(h, hits)]
    topics = {h.i for h in d.cue_hits if h.entry.get("kind") == "topic"} | {m.anchor.i for m in d.members
                                                                            if m.klass == "protest"}
    hits = [h for h in hits if not _topical_intervention(h, tokens, topics)]
    cue_kinds = {h.entry.get("kind") for h in hits}
    spans = [tokens.char_span(a, b, alignment_mode="expand") for a, b in near]
    if any(index.communal(s.start, s.end) for s in spans if s is not None):
        cue_kinds.add("communal")  # clans, ethnic groups, cattle raids
    weapons = [h.entry.get("value") for h in sorted(hits, key=lambda h: h.i) if h.entry.get("kind") == "weapon"]
    classes = {m.klass for m in local if m is main or not (
        m.klass == "arrest" and _topical(m.anchor, topics)
        or main.klass == "protest" and m.klass in VIOLENT_CLASSES and _violence_topical(m.anchor, topics))}
    on_demo, demo_own, demo_sides = demonstration_sides([m for m in local if m.klass in classes],
                                            parties_of, _is_property)
    f = Features(classes=classes, main_class=main.klass, cues=cue_kinds, weapons=weapons,
                 agent_kinds=agent_kinds, target_kinds=target_kinds, state_violence=state_violence,
                 killed=killed, default=(main.event_type, main.sub_event_type, main.cameo),
                 victim_kinds=victim_kinds, person_destroyed=_person_destroyed(main, targets),
                 label=next(((m.event_type, m.sub_event_type, m.cameo, m.pattern) for m in d.members if m.label),
                            None), on_demo=on_demo, demo_own=demo_own,
                 # a rally or procession, not a demand: a rival crowd attacking one is mob violence
                 gatherings=all(m.pattern in cue_words("gathering") for m in local if m.klass == "protest"),
                 demo_sides=demo_sides, state_acts=state_acts)
    return f, agents, targets, others


def _nested_weapon(h, hits) -> bool:
    """A weapon word inside a longer cue of another kind ("shell" in "tear gas shell", "grenade" in
    "stun grenade") is not the weapon the event was fought with."""
    return h.entry.get("kind") == "weapon" and any(
        o.i <= h.i and h.j <= o.j and o.j - o.i > h.j - h.i and o.entry.get("kind") != "weapon" for o in hits)


def _by_agent(tok) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "by"


def _headline_passive(m: Candidate) -> bool:
    """A headline's bare participle ("Two police killed", "Police detective shot dead while
    investigating"): the parse makes the victims its subject, as if they had killed."""
    a = m.anchor
    if m.klass in ("kill", "attack", "injure") and headline_passive(a):
        return True  # "5 militia members shot dead as they fled": a harm verb with a subject and no object
    # a past tense killing with no object is a passive too ("Police reservist killed when raiders attack"):
    # killing and wounding take an object; attacking need not ("raiders attacked at dawn")
    participle = a.tag_ == "VBN" or (a.tag_ == "VBD" and m.klass in ("kill", "injure") and a.lemma_ != "die") \
        or a.tag_ == "VBD" and any(c.dep_ == "conj" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children)
                                   for c in a.children)  # "Nurse attacked and wounded by gunmen"
    if m.klass not in ("kill", "attack", "injure") or not participle or a.dep_ != "ROOT":
        return False
    kids = {c.dep_ for c in a.children}
    return "nsubj" in kids and not kids & {"aux", "auxpass", "dobj", "agent"}


def _is_property(tok) -> bool:
    return tok.lemma_.lower() in cue_words("property") or tok.lower_ in cue_words("property")


def _person_destroyed(main: Candidate, targets: list[Party]) -> bool:
    """Whether a destruction verb's object is a person ("a herder was burnt by a soldier", "a burnt
    body"): ACLED codes harm to a person as violence, property destruction only for things."""
    if main.klass != "destroy":
        return False
    return any(p.kind == "civilian" and p.token.dep_ in ("dobj", "nsubjpass") and p.token.pos_ in ("NOUN", "PROPN")
               and not _is_property(p.token) for p in targets)


def _occupation_victim(p: Party) -> Party:
    """Herders attacked ("militia killed five Borana herders") are civilians, even when an ethnic
    name makes the actors layer read them as that group's militia; herders fought with stay a side."""
    tok = p.token
    if p.kind not in ("armed", "group") or (tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between")):
        return p
    if tok.lower_ in cue_words("occupation") or tok.lemma_.lower() in cue_words("occupation") \
            or (tok.lower_ in cue_words("people") or tok.lemma_.lower() in cue_words("people")) \
            and not any(c.dep_ == "amod" and c.lower_ == "armed" for c in tok.children):  # not "armed villagers"
        return Party(tok, p.actor, "civilian")  # "4 Meru youths were attacked": people, not a militia
    return p


def _topical_intervention(h, tokens, topics: set[int]) -> bool:
    """An intervention word that describes people or what a protest is about ("relatives of detained
    members", "against the arrest of their leader", "a march to prevent violence") is no intervention
    in this protest: it modifies a noun, or a topic word or protest trigger governs it."""
    if h.entry.get("kind") != "intervention":
        return False
    head = next((t for t in tokens[h.i:h.j] if not h.i <= t.head.i < h.j or t.head.i == t.i), tokens[h.i])
    return _topical(head, topics)


def _topical(head, topics: set[int]) -> bool:
    """Whether a word modifies a noun ("detained members", "release of arrested leaders", "commitment
    to preventing violence") or a topic word governs it before any verb does."""
    if head.dep_ in ("amod", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
        return True  # not "acl": "31 teachers arrested at the site" reports the arrest
    tok = head
    for _ in range(5):
        parent = tok.head
        if parent.i == tok.i:
            return False
        if parent.i in topics:  # "against the arrest", "protested the arrest"; not "protested before being dispersed"
            return tok.dep_ != "prep" and tok.dep_ not in ("advcl", "conj") or tok.lower_ in TOPIC_PREPS
        if parent.pos_ in ("VERB", "AUX"):
            return False
        if tok.dep_ in ("pobj", "pcomp") and parent.lower_ in TOPIC_PREPS and parent.head.pos_ in ("NOUN", "PROPN"):
            return True
        tok = parent
    return False


def _violence_topical(tok, topics: set[int]) -> bool:
    """Whether violence named beside a protest is what the protest is about ("protested against the
    vandalism of their shops", "accused him of torching the market", "demanding an end to erosion
    that is damaging homes"), not what the demonstrators did ("protesters who burnt tyres")."""
    for _ in range(8):
        parent = tok.head
        if parent.i == tok.i:
            return False
        if parent.i in topics:
            return tok.dep_ not in ("prep", "advcl", "conj", "nsubj") or tok.lower_ in TOPIC_PREPS
        if parent.pos_ in ("VERB", "AUX") and tok.dep_ not in ("relcl", "acl") and parent.dep_ not in ("relcl", "acl"):
            return False
        tok = parent
    return False


def _local(m: Candidate, main: Candidate) -> bool:
    """Whether a member's parties and class inform the event's type: it is reported in or next to
    the main trigger's sentence and does not merely mention the event again ("the attack" ten
    sentences later), where its parties are whatever that later sentence is about."""
    if m.sent_index == main.sent_index and m.klass == "protest" and m.anchor.head.lower_ == "during":
        return True  # "clashed with police during the party's demonstration": the violence's setting
    if main.klass == "protest" and m.klass in ("riot", "police") and not is_mention(m) \
            and 0 < m.sent_index - main.sent_index <= 3:
        return True  # "... held demonstrations. They opposed X. They barricaded the highway. Police fired in the air."
    return not is_mention(m) and abs(m.sent_index - main.sent_index) <= 1


def _victims(anchor) -> list:
    """Victim tokens whose deaths a killing verb implies; a bare participle ("the daughter of a man
    killed abroad") describes someone, often long dead, rather than reporting this event's death."""
    if anchor.dep_ == "acl" and not any(c.dep_ == "agent" for c in anchor.children):
        return []
    return arguments(anchor)[1]


def _event(doc: Document, parsed, d: Draft, sents, bounds, offset: int, order: int,
           stray: list[tuple[int, int]], index: ParseIndex) -> Event | None:
    main = d.main
    ev_bounds = [bounds[i] for i in sorted(set(d.sentences))]
    main_bounds = bounds[main.sent_index]
    best, low, high = attrs.fatalities(doc, ev_bounds, parsed)
    if best is None and stray:  # a toll stated in a sentence no event claims belongs to the first event
        best, low, high = attrs.fatalities(doc, stray, parsed)
    if best is None:
        implied, _ = attrs.implied_fatalities(d.members, _victims)
        if implied is not None:
            best = low = high = implied
    f, agents, targets, others = _features(doc, d, best or 0, bounds, index)
    coding = classify(f)
    trigger = Span(main.start, main.end)
    actor1, actor2, roles_reason = choose_actors(doc, coding.event_type, coding.sub_event_type,
                                                 agents, targets, others, trigger, communal="communal" in f.cues,
                                                 interveners=f.demo_sides)
    mood, claimant, mood_reason = modality(main, parsed[main.i].sent, doc)
    day, precision, date_reason = attrs.event_date(doc, parsed, main.anchor, main_bounds, ev_bounds, offset)
    place, _ = attrs.event_location(doc, ev_bounds)
    reason = f"{coding.reason}; trigger '{main.pattern}'"
    cameo = coding.cameo
    if d.background:
        reason += f"; background: {d.background}"
    if cameo and (d.background or mood in UNCODED_MOODS):
        cameo = None  # CAMEO codes what the sentence reports happening, not history or what did not happen
        reason += "; no CAMEO code: " + ("background event" if d.background else f"{mood} event")
    if mood_reason:
        reason += f"; modality: {mood_reason}"
    return Event(
        event_type=coding.event_type, sub_event_type=coding.sub_event_type,
        evidence=evidence(sents, d.sentences, d.members, index.text), cameo=cameo,
        actor1=actor1, actor2=actor2, location=place, date=day, date_precision=precision,
        fatalities=best, fatalities_low=low, fatalities_high=high, counts=attrs.counts(doc, ev_bounds),
        modality=mood, confidence=_confidence(d, main.weight, mood, order), trigger=trigger,
        claimant=claimant, kind="acled", reason=reason + f"; date: {date_reason}; roles: {roles_reason}",
    )


def _confidence(d: Draft, weight: float, mood: str, order: int) -> float:
    """Specific triggers, first-reported, asserted and corroborated events score highest."""
    score = 0.4 + 0.35 * weight + (0.1 if order == 0 else 0.0) + 0.04 * min(len(set(d.sentences)) - 1, 2)
    if d.background:
        score -= 0.25
    if any(m.label for m in d.members):
        score += 0.1  # the note names this event's category itself
    if mood != "asserted":
        score -= 0.15
    return round(max(0.05, min(0.99, score)), 3)
