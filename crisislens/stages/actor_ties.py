"""How the actors stage ties an armed noun to a group, a people or a place beyond its own
words: a clause that links it to a named group ("gunmen suspected to be linked to al Shabaab"),
a report that pins the act on the text's one named armed group ("police blamed al Shabaab"), the
group that carries out nearly all Islamist violence in a country, a nationality word that is also
a people of the article's country ("Somali militia" in Kenya), and the place or country its
people come from ("raiders from Isiolo", "from Ethiopia").

Every function reads a `Finder` (actor_mentions) and its lexicon hits; none keeps state.
"""

from __future__ import annotations

import re

from crisislens.stages.actor_lexicon import (
    Group,
    dominant_groups,
    ethnic_index,
    exact_words,
    group_index,
    key_words,
)

PARTY_KINDS = frozenset({"party", "wing", "movement"})
# "al Shabaab-linked gunmen", "IS-affiliated fighters": ACLED codes the group itself
LINKED = frozenset({"linked", "link", "affiliated", "affiliate"})
HEDGES = frozenset({"suspect", "believe", "say", "allege", "think", "report", "link", "affiliate"})
UNKNOWN = frozenset({"unknown", "unidentified", "unnamed", "anonymous"})
_MEMBERSHIP = frozenset({"member", "part", "follower", "adherent", "supporter", "operative", "recruit"})
# words by which a report pins an act on a named group ("blamed on", "suspected", "claimed")
_ATTRIBUTION = frozenset({"suspect", "suspected", "believe", "blame", "attribute", "claim", "accuse",
                          "responsible", "behind"})


def attribute_unidentified(finder) -> None:
    """"Unknown gunmen ... police blamed al Shabaab": ACLED codes the suspected group. When the
    text names one non-party armed group and a sentence naming it blames, links or ties
    something to it, its unidentified armed nouns are that group."""
    named = {g.name: g for _, _, g in finder.hits.groups.values()
             if g.inter in (2, 3) and g.kind not in PARTY_KINDS and g.kind != "state_unit"}
    if not named:  # "gunmen killed two in a suspected extremist attack" where one group dominates
        group = islamist_act_group(finder.text, finder.country)
        if group is not None:
            _become(finder, group, "the report calls the act Islamist, and "
                    f"{group.name} carries out nearly all such violence there", unknown_too=True)
        return
    if len(named) != 1:
        return
    group = next(iter(named.values()))
    # the cue governs the name ("blamed on X", "suspected to be X", "X claimed"), not
    # "suspected X returnees were shot by gunmen"
    ties = [_attribution(finder.parsed[i]) for i, hit in finder.hits.groups.items() if hit[2] is group]
    if not any(ties):
        return
    # "unknown gunmen, believed to be linked to X" stay unidentified (ACLED); "unknown assailants,
    # later suspected to be X" do not
    _become(finder, group, f"the text attributes the act to {group.name}", unknown_too="identity" in ties)


def _become(finder, group: Group, why: str, unknown_too: bool) -> None:
    """Unidentified armed mentions become the group ("unknown ..." ones only when `unknown_too`)."""
    for mention in finder.mentions:
        unknown = any(w in UNKNOWN for w in mention.text.lower().split())
        if mention.source == "generic" and mention.inter == 3 and mention.name.startswith("Unidentified Armed") \
                and (unknown_too or not unknown):
            mention.name, mention.inter, mention.type = group.name, group.inter, group.type
            mention.country, mention.key, mention.source = group.country, (group.name,), "group"
            mention.reason += f"; {why}"


def _attribution(token) -> str:
    """"identity" when a cue governs the group's name directly ("blamed on X", "suspected to be
    X", "X claimed"), "affiliation" when a link word stands between ("believed linked to X"),
    else ""."""
    linked = False
    for tok in (token.head, *token.ancestors):
        lemma = tok.lemma_.lower()
        if lemma in LINKED or tok.lower_ in ("links", "ties"):
            linked = True
        if lemma in _ATTRIBUTION or tok.lower_ in _ATTRIBUTION:
            return "affiliation" if linked else "identity"
    return ""


def linked_group(finder, token) -> Group | None:
    """A named armed group the noun's own clause ties it to ("attackers affiliated with X"),
    also when the parser makes the noun the subject of the hedge ("gunmen suspected to be ...")."""
    scope = token.head if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in HEDGES \
        else token
    # "youths suspected to be members of the Mungiki sect": membership counts when hedged
    hedged = scope is not token or any(t.lemma_.lower() in HEDGES for t in token.subtree if t.i != token.i)
    ties = LINKED | {"belong"} | (_MEMBERSHIP if hedged else frozenset())
    for tok in scope.subtree:
        if tok.i != token.i and tok.lemma_.lower() in ties:
            for inner in tok.subtree:
                group = finder.hits.groups[inner.i][2] if inner.i in finder.hits.groups else None
                if group is not None and group.kind not in PARTY_KINDS and group.inter in (2, 3):
                    return group
    return None


def dominant_group(finder, token, lemmas: set[str], countries: list[str]) -> Group | None:
    table = dominant_groups()
    for iso3 in (*countries, finder.country):
        cues, name = table.get(iso3, (frozenset(), ""))
        if cues & (lemmas | {token.lemma_.lower(), token.lower_}):
            return group_index().get(key_words(name), exact_words(name))
    return None


def people_of_country(finder, mods) -> bool:
    """A nationality word that also names a people of the article's country ("Somali" in
    Kenya) is that people when it qualifies an armed noun: its hit moves to the ethnic table."""
    for m in mods:
        hit = finder.hits.countries.get(m.i)
        if hit is None or hit[2] == finder.country:
            continue
        text = finder.parsed[hit[0]:hit[1]].text
        ethnic = ethnic_index().get(key_words(text), exact_words(text))
        if ethnic is not None and finder.country in ethnic.countries:
            for i in range(hit[0], hit[1]):
                del finder.hits.countries[i]
                finder.hits.ethnic[i] = (hit[0], hit[1], ethnic)
            return True
    return False


def home_place(finder, token, mods) -> str | None:
    """The place an armed noun's people come from: a place name before it ("Wajir herders")
    or in its "from" phrase ("raiders from Isiolo"), as the places stage read it."""
    if not finder.places:
        return None
    candidates = [m for m in mods if m.dep_ == "compound" and m.i < token.i]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
        candidates.extend(t for t in prep.children if t.dep_ == "pobj")
    for tok in candidates:
        if tok.i in finder.hits.countries:
            continue  # "raiders from Ethiopia" are Ethiopia's, not a place's militia
        name = finder.places.get(tok.idx)
        if name:
            return name
    return None


def origin_country(finder, token) -> list[str]:
    """The country in a "from" phrase of an armed noun ("raiders from Ethiopia")."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
        found = [finder.hits.countries[t.i][2] for t in prep.subtree if t.i in finder.hits.countries]
        if found:
            return found
    return []


_ISLAMIST_ACT = r"(?:attacks?|assaults?|raids?|ambush(?:es)?|bombings?|militants?|fighters?|groups?|cells?)"


def islamist_act_group(text: str, iso3: str | None) -> Group | None:
    """The group ACLED codes unnamed Islamist attackers as in the article's country (ISO3), when
    the report calls the act Islamist ("a suspected extremist attack", "a terror attack")."""
    cues, name = dominant_groups().get(iso3 or "", (frozenset(), ""))
    if not cues:
        return None
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    if not re.search(rf"\b(?:{words})\w*\s+{_ISLAMIST_ACT}\b", text, re.IGNORECASE):
        return None
    return group_index().get(key_words(name), exact_words(name))
