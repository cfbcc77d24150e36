"""Ethnic names used for people, not places: "Samburu raiders", "Pokot and Turkana herders".

Many peoples share their name with a region ("Samburu", "Turkana", "Nandi"); followed by a noun
for people (the actors' ethnic nouns: raiders, militia, community, herders, youths, clan; and
`place_people_nouns.csv`: tribe, elders, villagers...), the name is an actor, unless a
locative word puts it on the map ("clashes in Samburu"). The names come from the actors'
lexicon `ethnic_groups.csv`, through its loader.
"""

from __future__ import annotations

from functools import cache

from crisislens.lexicons import load_table
from crisislens.stages.actor_lexicon import ethnic_index, exact_words, key_words, noun_table

_LIST_WORDS = frozenset({"and", "or", ",", "&"})
_LOCATIVE = frozenset({"in", "at", "near", "around", "outside", "inside", "across", "within", "from", "to"})


@cache
def _people_nouns() -> frozenset[str]:
    ethnic = {lemma for lemma, noun in noun_table().items() if noun.ethnic and " " not in lemma}
    return frozenset(ethnic | {row["noun"] for row in load_table("place_people_nouns.csv")})


def _ethnic_at(tokens, i: int) -> int:
    """How many tokens from i spell an ethnic name (0 when none)."""
    index = ethnic_index()
    first = tokens[i].text
    if key_words(first)[:1] not in index.folded_prefixes and exact_words(first)[:1] not in index.exact_prefixes:
        return 0  # no ethnic name starts with this word
    for n in range(min(index.longest, 3, len(tokens) - i), 0, -1):
        words = " ".join(t.text for t in tokens[i:i + n])
        if index.get(key_words(words), exact_words(words)) is not None:
            return n
    return 0


def ethnic_actor_starts(parsed) -> frozenset[int]:
    """Character offsets where an ethnic name stands for people (a list of them shares the noun)."""
    tokens = parsed  # a Doc indexes and slices like a list; copying its tokens cost more than the scan
    nouns = _people_nouns()
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        if not tokens[i].text[:1].isupper():
            i += 1
            continue
        names: list[int] = []
        j = i
        while j < len(tokens) and tokens[j].text[:1].isupper():
            n = _ethnic_at(tokens, j)
            if not n:
                break
            names.append(j)
            j += n
            if j + 1 < len(tokens) and tokens[j].lower_ in _LIST_WORDS and tokens[j + 1].text[:1].isupper():
                j += 1
                if j + 1 < len(tokens) and tokens[j].lower_ == "," and tokens[j + 1].lower_ in _LIST_WORDS:
                    j += 1
        if not names:
            i += 1
            continue
        following = tokens[j] if j < len(tokens) else None
        before = tokens[i - 1].lower_ if i else ""
        if following is not None and (following.lemma_.lower() in nouns or following.lower_ in nouns) \
                and before not in _LOCATIVE:
            out.update(tokens[k].idx for k in names)
        i = max(j, i + 1)
    return frozenset(out)
