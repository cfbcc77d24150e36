"""CAMEO verb patterns: which code a verb and its arguments give ("restore ... ties" → 064).

The lexicon (lexicons/cameo_verbs.csv) is indexed once by verb lemma; matching a verb is a
dict lookup plus a subset test of each of that verb's few patterns against the lemmas of its
arguments, so the cost does not grow with the size of the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crisislens.lexicons import load_table

# Roots the events stage codes (protest, arrest, assault, fight, mass violence): never emitted here.
EVENT_STAGE_ROOTS = frozenset({"14", "18", "19", "20"})
EVENT_STAGE_CODES = frozenset({"173"})

# Dependencies through which a verb's arguments are collected, and how deep.
_ARG_DEPS = frozenset({
    "dobj", "prt", "prep", "agent", "dative", "pobj", "attr", "acomp", "oprd", "amod", "compound",
    "xcomp", "pcomp", "npadvmod", "nmod", "advmod", "dep",
})
_SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "cc", "conj",
                        "advcl", "ccomp", "relcl", "acl", "appos", "mark", "det", "poss", "parataxis"})
_DEPTH = 3


@dataclass(frozen=True, slots=True)
class VerbRule:
    """One row of the lexicon: a verb, the words it needs, and the code(s) it gives."""

    verb: str
    pattern: frozenset[str]
    code: str          # "-" silences the verb for this use
    mirror: str | None
    note: str
    order: int
    needs_target: bool = False

    @property
    def label(self) -> str:
        words = " ".join(sorted(self.pattern))
        return f"{self.verb} {words}".strip()


def _emittable(code: str) -> bool:
    return code == "-" or (code[:2] not in EVENT_STAGE_ROOTS and code not in EVENT_STAGE_CODES)


@cache
def verb_rules() -> dict[str, tuple[VerbRule, ...]]:
    """Lexicon rows grouped by verb lemma, built once per process."""
    grouped: dict[str, list[VerbRule]] = {}
    for order, row in enumerate(load_table("cameo_verbs.csv")):
        code = row.get("code", "")
        if not code or not _emittable(code):
            continue
        verb = row["verb"].lower()
        rule = VerbRule(verb=verb, pattern=frozenset(row.get("pattern", "").lower().split()), code=code,
                        mirror=row.get("mirror") or None, note=row.get("note", ""), order=order,
                        needs_target=row.get("target", "") == "required")
        grouped.setdefault(verb, []).append(rule)
    return {verb: tuple(rules) for verb, rules in grouped.items()}


_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh", "o")


def is_misspelled_form(token) -> bool:
    """True for a verb form that no regular inflection of its lemma gives ("departes" for "depart").

    The coder, like PETRARCH with its verb dictionary, does not guess at a misspelt verb.
    Irregular forms ("broke", "tried") do not start with their lemma and are not judged.
    """
    text, lemma = token.lower_, token.lemma_.lower()
    if text == lemma or not lemma.isalpha() or not text.startswith(lemma):
        return False
    suffix = text[len(lemma):]
    if suffix in ("s", "ed", "ing") or suffix in (lemma[-1] + "ed", lemma[-1] + "ing"):
        return False
    if suffix == "es":
        return not lemma.endswith(_SIBILANT_ENDS)
    if suffix == "d":
        return not lemma.endswith("e")
    return True


# Inflection endings the tagger may have left on a verb it did not know ("cordoned" → "cordone"),
# each with the stem endings to try in its place.
_INFLECTIONS = (("ied", ("y",)), ("ies", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")),
                ("d", ("",)), ("s", ("",)))


def verb_lemma(token) -> str:
    """The lemma a verb is looked up under ("re-establish" and "reestablish" alike).

    When the tagger's lemma is not in the lexicon but a regular stem of the word form is
    ("cordoned" lemmatised as "cordone"), the stem is used: the lexicon lists verbs by their
    dictionary form, and a rare verb should not go uncoded because of a lemmatiser slip.
    """
    lemma = token.lemma_.lower()
    if lemma == "establish" and token.i >= 2 and token.doc[token.i - 1].text == "-" \
            and token.doc[token.i - 2].lower_ == "re":
        return "reestablish"
    rules = verb_rules()
    if lemma in rules:
        return lemma
    text = token.lower_
    for ending, stems in _INFLECTIONS:
        if text.endswith(ending) and len(text) > len(ending) + 2:
            for stem in stems:
                candidate = text[: -len(ending)] + stem
                if candidate in rules:
                    return candidate
    return lemma


def argument_lemmas(verb) -> set[str]:
    """Lemmas of the verb's objects, particles and prepositional phrases, a few levels down."""
    found: set[str] = set()
    frontier = [verb]
    for _ in range(_DEPTH):
        nxt = []
        for node in frontier:
            for child in node.children:
                infinitive_to = child.dep_ == "aux" and child.lower_ == "to"
                if node is verb and child.dep_ in _SKIP_DEPS and not _is_passive_object(child):
                    continue
                if node is not verb and child.dep_ not in _ARG_DEPS and not infinitive_to:
                    continue
                found.add(child.lemma_.lower())
                nxt.append(child)
        frontier = nxt
    return found


def _is_passive_object(child) -> bool:
    """The subject of a passive verb is its object ("aid was sent to Peru" sends aid)."""
    return child.dep_ == "nsubjpass" and child.pos_ == "NOUN"


def match_rule(verb) -> VerbRule | None:
    """The most specific lexicon rule the verb and its arguments satisfy, or None."""
    rules = verb_rules().get(verb_lemma(verb))
    if not rules:
        return None
    args = argument_lemmas(verb) if any(rule.pattern for rule in rules) else set()
    best: VerbRule | None = None
    for rule in rules:
        if rule.pattern <= args and (best is None or len(rule.pattern) > len(best.pattern)):
            best = rule
    if best is None or best.code == "-":
        return None
    return best
