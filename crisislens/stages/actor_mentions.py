"""Finds actor mentions in one parse: named groups, generic nouns, ethnic militias,
named organisations and people (pronouns: actor_pronouns.py). The lexicon phrases
(groups, ethnic names, countries) are found first by actor_scan; this module reads the
parse around them.

Each finder returns `Mention`s; actors.py merges mentions with the same `key` into one Actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import DEP, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN

from crisislens.lexicons import load_table
from crisislens.stages import actor_ties
from crisislens.stages.actor_lexicon import (
    Group,
    exact_words,
    generic_name,
    identity_militia_name,
    key_words,
    noun_table,
    organization_index,
)
from crisislens.stages.actor_scan import Hits
from crisislens.stages.actor_ties import LINKED, PARTY_KINDS, UNKNOWN

ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_NP_DEPS = frozenset({"amod", "compound", "nmod", "poss", "det", "nummod", "punct", "cc", "conj", "appos"})
_ALLIED = frozenset({"allied", "ally", "backed", "back", "loyal"})
_LINK_WORDS = frozenset({"linked", "allied", "affiliated", "aligned", "backed", "inspired"})
_STATE_CLASSES = frozenset({"police", "military"})
_COMMUNAL_CLASSES = frozenset({"communal_militia", "ethnic_militia"})
_ARMED_CLASSES = frozenset({"armed_group", "insurgent", "communal_militia", "ethnic_militia", "clan_militia"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_PLACE_WORDS = frozenset({"county", "district", "region", "state", "province", "town", "city", "village",
                          "area", "sub", "constituency", "division", "location", "zone", "upazila"})
# The same words as attribute ids, to skip tokens without building them.
_NOUN_POS = frozenset({NOUN, PROPN})
_MODIFIER_DEP_IDS = frozenset(get_string_id(d) for d in ("amod", "compound"))


@dataclass(slots=True)
class Mention:
    """One stretch of text that names an actor."""

    start: int
    end: int
    head: int  # index of the token the mention stands for in the parse
    name: str
    inter: int
    type: str
    country: str | None
    key: tuple
    reason: str
    source: str  # group, generic, ethnic, entity, anaphor, pronoun
    noun: str | None = None
    associated: list[str] = field(default_factory=list)
    text: str = ""


def _np(token) -> list:
    """The token and its noun-phrase modifiers (no relative clauses)."""
    out, todo = [], [token]
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo.extend(c for c in tok.children if c.dep_ in _NP_DEPS)
    return out


def _modifiers(token) -> list:
    """Tokens that qualify an actor noun: its modifiers and an "of" object ("members of BNP")."""
    mods = []
    for child in token.children:
        if child.dep_ in _MODIFIER_DEPS:
            mods.extend(_np(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    mods.extend(_np(pobj))
        elif child.dep_ == "appos":
            mods.extend(_np(child))
    return mods


def _noun_entry(token):
    table = noun_table()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("amod", "compound"):
            pair = table.get(f"{child.lemma_.lower()} {lemma}") or table.get(f"{child.lower_} {lemma}")
            if pair:
                return pair, f"{child.lower_} {token.lower_}"
    entry = table.get(lemma) or table.get(token.lower_)
    if entry is None:
        return None, None
    for child in token.children:  # "army officer", "police reservist": the modifier names the force
        sub = table.get(child.lemma_.lower()) if child.dep_ == "compound" else None
        if sub and sub.cls in ("police", "military"):
            return sub, f"{child.lower_} {token.lower_}"
        if sub and entry.cls == "crowd" and sub.cls in _ARMED_CLASSES:
            return sub, f"{child.lower_} {token.lower_}"  # "militia members", "bandit members": the armed noun
    return entry, token.lower_


def _state_modifier(token) -> bool:
    """"military" in "a military vehicle", tagged as an adjective: the force is still named."""
    return token.dep_ in ("amod", "compound") and token.lemma_.lower() in ("military", "police")


@cache
def _act_compounds() -> frozenset[tuple[str, str]]:
    return frozenset((row["noun"], row["next"]) for row in load_table("actor_act_compounds.csv"))


def _names_an_act(token) -> bool:
    """"gang" in "gang-raped", "a gang rape": the compound names an act, not who did it."""
    doc = token.doc
    nxt = token.i + 1 + (token.i + 1 < len(doc) and doc[token.i + 1].text == "-")
    return nxt < len(doc) and (token.lemma_.lower(), doc[nxt].lower_) in _act_compounds()


def _is_actor_noun(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and _noun_entry(token)[0] is not None


class Finder:
    """Walks one parse and collects mentions; `country` is the article's ISO3 (or None)."""

    def __init__(self, parsed, hits: Hits, country: str | None, country_reason: str = "",
                 places: dict[int, str] | None = None) -> None:
        self.parsed, self.hits, self.country, self.country_reason = parsed, hits, country, country_reason
        self.places = places or {}  # first character of a place mention → the place's name as written
        self.mentions: list[Mention] = []
        self.used: set[int] = set()
        self.text = parsed.text  # Doc.text joins every token again on each call
        self._columns: dict[int, list[int]] = {}

    def _column(self, attr: int) -> list[int]:
        """One token attribute for the whole parse, read without building a Token per word."""
        if attr not in self._columns:
            self._columns[attr] = self.parsed.to_array([attr]).tolist() if len(self.parsed) else []
        return self._columns[attr]

    def _add(self, tokens: list, head, **fields) -> Mention:
        for hits in (self.hits.groups, self.hits.ethnic, self.hits.countries):
            extra = [self.parsed[i] for t in tokens if t.i in hits for i in range(*hits[t.i][:2])]
            tokens = tokens + extra
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        mention = Mention(start=start, end=end, head=head.i, text=self.text[start:end], **fields)
        self.mentions.append(mention)
        self.used.update(t.i for t in tokens)
        return mention

    def group_mention(self, tokens, head, group: Group, reason: str, source: str = "group") -> Mention:
        return self._add(tokens, head, name=group.name, inter=group.inter, type=group.type,
                         country=group.country, key=(group.name,), reason=reason, source=source)

    # --- named groups ------------------------------------------------------------------------
    def named_groups(self) -> None:
        spans = sorted({(first, last): group for first, last, group in self.hits.groups.values()}.items())
        allies: dict[tuple[int, int], list[str]] = {}
        for n, ((first, last), group) in enumerate(spans):
            ally = self._ally_of(last, spans[n + 1:])
            if ally is not None and ally[1].name != group.name:  # "al Qaeda-linked al Shabaab": an ally only
                allies.setdefault(ally[0], []).append(group.name)
                allies[(first, last)] = []
        for (first, last), group in spans:
            span = self.parsed[first:last]
            if allies.get((first, last)) == []:
                self.used.update(range(first, last))  # not an actor of its own, nor an organisation
                continue
            if any(t.i in self.used for t in span):
                continue
            mention = self.group_mention(list(span), span.root, group,
                                         f"'{span.text}' is {group.name} in the group lexicon")
            mention.associated.extend(allies.get((first, last), []))

    def _ally_of(self, last: int, later: list) -> tuple[tuple[int, int], Group] | None:
        """The group a named group qualifies by a link word right after it ("al Qaeda-linked
        al Shabaab", "Al Qaeda allied Shebab fighters"): ACLED codes the nearer group, the
        other is only associated."""
        i = last + (last < len(self.parsed) and self.parsed[last].text in ("-", "–"))
        if i >= len(self.parsed) or self.parsed[i].lower_ not in _LINK_WORDS or not later:
            return None
        (first, nxt_last), group = later[0]
        return ((first, nxt_last), group) if 0 < first - i <= 3 else None

    # --- generic nouns -----------------------------------------------------------------------
    def generic_nouns(self) -> None:
        pos, dep = self._column(POS), self._column(DEP)
        maybe = [i for i, (p, d) in enumerate(zip(pos, dep, strict=True)) if p in _NOUN_POS or d in _MODIFIER_DEP_IDS]
        for i in maybe:  # a noun, or an "amod"/"compound" that _state_modifier may accept
            if i in self.used:
                continue
            token = self.parsed[i]
            if not (token.pos_ in ("NOUN", "PROPN") or _state_modifier(token)):
                continue
            entry, noun = _noun_entry(token)
            if entry is None or _names_an_act(token):
                continue
            if token.dep_ == "compound" and _is_actor_noun(token.head):
                continue  # "police" in "police officers": the head speaks for both
            if any(c.dep_ == "prep" and c.lower_ == "of" and any(_is_actor_noun(p) for p in c.children
                                                                   if p.dep_ == "pobj") for c in token.children):
                continue  # "a group of gunmen", "members of the Borana community": the object is the actor
            if token.ent_type_ in ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW") and \
                    token.ent_iob_ != "B" and not self._country_led_entity(token):
                continue  # a word inside a name ("Kenya Ports Authority")
            self._generic(token, entry, noun)

    def _country_led_entity(self, token) -> bool:
        """"Kenyan Police", "Toposa militia" tagged as a name: a country or people and the noun."""
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        return ent is not None and all(t.i in self.hits.countries or t.i in self.hits.ethnic or t.i == token.i or
                                       t.is_punct or t.lower_ == "the" for t in ent)

    def _generic(self, token, entry, noun: str) -> None:
        mods = _modifiers(token)
        before = self.hits.ethnic.get(token.i - 1) if entry.ethnic and token.i > 0 else None
        if before is not None and not any(m.i in self.hits.ethnic for m in mods) and token.i - 1 not in self.used:
            mods += list(self.parsed[before[0]:before[1]])  # "Pokot raiders" the parser split apart
        if entry.ethnic and not any(m.i in self.hits.ethnic for m in mods):
            mods += self._origin(token)  # "bandits from Pokot", "raiders from the Turkana side"
        tokens = [token] + [m for m in mods if m.dep_ != "punct"]
        lemmas = {m.lemma_.lower() for m in mods} | {m.lower_ for m in mods}
        groups = list(dict.fromkeys(self.hits.groups[m.i][2] for m in mods if m.i in self.hits.groups))
        ethnics = [self.hits.ethnic[m.i][2] for m in mods if m.i in self.hits.ethnic]
        countries = [self.hits.countries[m.i][2] for m in mods if m.i in self.hits.countries]
        cls = entry.cls
        if cls in _STATE_CLASSES and countries and any(g.inter not in (1, 8) for g in groups):
            # "battles with al Shabaab two Kenyan soldiers": a parse that hangs the enemy on the
            # noun does not make the soldiers the group's; state forces keep their country
            groups = [g for g in groups if g.inter in (1, 8)]
        if groups and lemmas & LINKED and len(groups) > 1:
            # "al Qaeda-linked al Shabaab insurgents": the group nearest the noun is the actor
            hit = max((m.i for m in mods if m.i in self.hits.groups), default=None)
            groups = [self.hits.groups[hit][2]] if hit is not None else groups
        if not groups and entry.cls in ("armed_group", "insurgent", "crowd") and not lemmas & UNKNOWN:
            linked = actor_ties.linked_group(self, token)  # "gunmen suspected to be linked to al Shabaab"
            if linked is not None:
                self.group_mention(tokens, token, linked, f"'{noun}' said to be linked to {linked.name}")
                return
        if not groups and entry.cls in ("armed_group", "insurgent") and not lemmas & UNKNOWN:
            dominant = actor_ties.dominant_group(self, token, lemmas, countries)
            if dominant is not None:  # "Islamic militants" in Kenya: Al Shabaab (ACLED)
                self.group_mention(tokens, token, dominant, f"Islamist '{noun}' where {dominant.name} "
                                   "carries out nearly all Islamist violence")
                return
        if groups and not lemmas & _ALLIED:
            group = groups[0]
            if group.kind in PARTY_KINDS and cls not in ("police", "military", "government", "insurgent"):
                cls = cls if cls in ("protesters", "rioters") else "crowd"
                self._generic_named(tokens, token, cls, countries, noun,
                                    f"crowd noun '{noun}' of {group.name}: civilians, protesters or rioters by "
                                    f"what they do", [g.name for g in groups])
                return
            self.group_mention(tokens, token, group, f"'{noun}' of {group.name}")
            return
        if entry.ethnic and not ethnics and countries and cls not in _STATE_CLASSES and \
                actor_ties.people_of_country(self, mods):  # "Somali militia" in Kenya: Kenya's Somali people
            ethnics = [self.hits.ethnic[m.i][2] for m in mods if m.i in self.hits.ethnic]
            countries = [self.hits.countries[m.i][2] for m in mods if m.i in self.hits.countries]
        if ethnics and entry.ethnic:
            # "Borana and Gabra communities": one militia per ethnic name, the first with the noun
            spans = list(dict.fromkeys(self.hits.ethnic[m.i][:2] for m in mods if m.i in self.hits.ethnic))
            origin = (countries or actor_ties.origin_country(self, token) or [None])[0]
            for n, (first, last) in enumerate(spans):
                ethnic = self.hits.ethnic[first][2]
                # "Ethiopian Merrile militia", "Garre militia from Ethiopia": the people of that country
                name, home = identity_militia_name(ethnic, origin if origin in ethnic.countries else self.country)
                own = tokens if n == 0 else list(self.parsed[first:last])
                self._add(own, token if n == 0 else self.parsed[first:last].root, name=name, inter=4,
                          type="identity_militia", country=home, key=(name,),
                          reason=f"ethnic name '{ethnic.name}' with '{noun}'", source="ethnic")
            return
        if entry.ethnic and cls in _COMMUNAL_CLASSES and not groups and not countries:
            place = actor_ties.home_place(self, token, mods)
            if place is not None:  # "Wajir herders", "raiders from Isiolo": ACLED names the militia by its place
                name, inter, type_ = generic_name("communal_militia", self.country)
                name = name.replace("Unidentified Communal Militia", f"{place} Communal Militia")
                self._add(tokens, token, name=name, inter=inter, type=type_, country=self.country, key=(name,),
                          reason=f"'{noun}' from the place '{place}' (communal militia named by its place)",
                          source="ethnic", noun=noun)
                return
        associated = [g.name for g in groups]
        definite = any(c.lower_ in _DEFINITE for c in token.children if c.dep_ == "det")
        if definite and not countries and not associated:
            same = [m for m in self.mentions if m.source in ("generic", "ethnic", "group") and m.head < token.i
                    and self.parsed[m.head].lemma_.lower() == token.lemma_.lower()]
            if same:
                target = max(same, key=lambda m: m.head)
                self._add(tokens, token, name=target.name, inter=target.inter, type=target.type,
                          country=target.country, key=target.key, source="anaphor", noun=target.noun,
                          associated=list(target.associated),
                          reason=f"'the {token.text}' refers back to '{target.text}'")
                return
        if entry.anaphor in ("yes", "only") and not lemmas & UNKNOWN and not associated:
            target = self._antecedent(token, allow_following=entry.cls == "insurgent" and entry.anaphor == "yes")
            if target is not None and (definite or entry.cls == "insurgent"):
                self._add(tokens, token, name=target.name, inter=target.inter, type=target.type,
                          country=target.country, key=target.key, source="anaphor",
                          reason=f"'{noun}' refers to {target.name} named nearby")
                return
            if entry.anaphor == "only":
                return
        origin = None
        if cls in _ARMED_CLASSES and not countries:  # "raiders from Uganda": ACLED names the home country
            origin = next(iter(actor_ties.origin_country(self, token)), None)
        self._generic_named(tokens, token, cls, countries, noun, f"generic noun '{noun}' (class {cls})", associated,
                            origin)

    def _generic_named(self, tokens, token, cls, countries, noun, reason, associated, origin=None) -> None:
        country = countries[0] if countries else origin or self.country
        name, inter, type_ = generic_name(cls, country)
        key = (name, noun.split()[-1], tuple(associated)) if cls == "crowd" else (name,)
        if countries:
            reason += f"; country from '{[m for m in tokens if m.i in self.hits.countries][0].text}'"
        elif origin:
            reason += f"; from {origin}"
        else:
            reason += f"; {self.country_reason}"
        self._add(tokens, token, name=name, inter=inter, type=type_, country=country, key=key,
                  reason=reason, source="generic", noun=noun, associated=associated)

    def _antecedent(self, token, allow_following: bool) -> Mention | None:
        """The nearest named non-state armed group before the token (or, failing that, after it)."""
        named = [m for m in self.mentions if m.source in ("group", "entity_armed") and m.inter in (2, 3, 4)]
        before = [m for m in named if m.head < token.i]
        if before:
            return max(before, key=lambda m: m.head)
        if allow_following:
            after = [m for m in self._pending_groups() if m.head > token.i]
            return min(after, key=lambda m: m.head) if after else None
        return None

    def _pending_groups(self) -> list[Mention]:
        return [m for m in self.mentions if m.source == "group" and m.inter in (2, 3, 4)]

    # --- ethnic names on their own --------------------------------------------------------------
    def standalone_ethnic(self) -> None:
        seen = set()
        for first, last, ethnic in self.hits.ethnic.values():
            if (first, last) in seen or any(i in self.used for i in range(first, last)):
                continue
            seen.add((first, last))
            span = self.parsed[first:last]
            root = span.root
            nxt = self.parsed[last] if last < len(self.parsed) else None
            if first > 1 and self.parsed[first - 1].text == "-" and self.parsed[first - 2].is_title:
                continue  # "Elgeyo-Marakwet", "Trans-Nzoia": part of a place's name
            if root.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") or \
                    (root.ent_type_ in ("GPE", "LOC", "FAC") and not self._beside_militia(root)) or \
                    (nxt is not None and nxt.lower_ in _PLACE_WORDS):
                continue
            name, home = identity_militia_name(ethnic, self.country)
            self._add(list(span), root, name=name, inter=4, type="identity_militia", country=home,
                      key=(name,), reason=f"ethnic name '{span.text}' used as an actor", source="ethnic")

    def _origin(self, token) -> list:
        """The ethnic name in a "from" phrase of an armed noun, as tokens (none when it has none)."""
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"):
            for tok in prep.subtree:
                if tok.i in self.hits.ethnic and tok.i not in self.used:
                    first, last, _ = self.hits.ethnic[tok.i]
                    return list(self.parsed[first:last])
        return []

    def _beside_militia(self, token) -> bool:
        """"Turkana and Samburu raiders": a name tagged as a place but coordinated with an
        identity militia is the other community's militia."""
        militia = {m.head for m in self.mentions if m.source == "ethnic"}
        return any(c.i in militia for c in token.children if c.dep_ == "conj") or \
            (token.dep_ == "conj" and token.head.i in militia)

    # --- named organisations and people ---------------------------------------------------------
    def entities(self) -> None:
        acronyms: dict[str, Mention] = {}
        people: dict[str, Mention] = {}
        for ent in self.parsed.ents:
            if ent.label_ not in ("ORG", "PERSON") or any(t.i in self.used for t in ent) or \
                    all(t.i in self.hits.countries or t.i in self.hits.ethnic or t.is_punct for t in ent):
                continue
            tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
            if not tokens:
                continue
            text = self.parsed[tokens[0].i:ent.end].text
            if ent.label_ == "PERSON" or (len(tokens) == 1 and tokens[0].text in people):
                mention = self._person(tokens, ent, text, people)
            else:
                mention = self._organization(tokens, ent, text, acronyms)
            after = self.parsed[ent.end:ent.end + 3]
            if mention and len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
                acronyms[after[1].text] = mention
                self._add([after[1]], after[1], name=mention.name, inter=mention.inter, type=mention.type,
                          country=mention.country, key=mention.key, reason=f"acronym of {mention.name}",
                          source=mention.source)
        for token in self.parsed if acronyms else ():
            target = acronyms.get(token.text)
            if target is not None and token.i not in self.used:
                self._add([token], token, name=target.name, inter=target.inter, type=target.type,
                          country=target.country, key=target.key, reason=f"acronym of {target.name}",
                          source=target.source)

    def _person(self, tokens, ent, text, people) -> Mention:
        earlier = people.get(tokens[-1].text) if len(tokens) == 1 else None
        name = earlier.name if earlier else text
        mention = self._add(tokens, ent.root, name=name, inter=0, type="person", country=None, key=("person", name),
                            reason="spaCy PERSON entity" + (f"; surname of {name}" if earlier else ""),
                            source="entity")
        people.setdefault(tokens[-1].text, mention)
        return mention

    def _organization(self, tokens, ent, text, acronyms) -> Mention | None:
        if text in acronyms:
            return None
        org = organization_index().get(key_words(text), exact_words(text))
        if org is not None:
            return self._add(tokens, ent.root, name=org.name, inter=0, type=org.type, country=None,
                             key=(org.name,), reason=f"'{text}' is a known {org.type} outlet or body"
                             if org.type == "media" else f"'{text}' is a known organisation", source="entity")
        words = set(key_words(text))
        if words & {"militia", "militias", "brigade", "brigades", "liberation", "rebels", "mujahideen", "jihad"}:
            inter = 3 if words & {"militia", "militias"} else 2
            return self._add(tokens, ent.root, name=text, inter=inter, type="political_militia" if inter == 3
                             else "rebel_group", country=self.country, key=(text,), source="entity_armed",
                             reason="unlisted organisation with an armed-group word in its name")
        return self._add(tokens, ent.root, name=text, inter=0, type="organization", country=None, key=(text,),
                         reason="spaCy ORG entity not in the group lexicon", source="entity")
