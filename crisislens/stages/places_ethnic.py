"""Ethnic names used for people, not places: "Samburu raiders", "Pokot and Turkana herders".

Many peoples share their name with a region ("Samburu", "Turkana", "Nandi"); followed by a noun
for people (the actors' ethnic nouns: raiders, militia, community, herders, youths, clan; and
`place_people_nouns.csv`: tribe, elders, villagers...), perhaps after "ethnic" or "armed", or
after a number ("6 Kikuyu were killed"), the name is an actor, unless a locative word puts it on
the map ("clashes in Samburu"). The names come from the actors'
lexicon `ethnic_groups.csv`, through its loader.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from crisislens.lexicons import load_table
from crisislens.stages.actor_lexicon import (
    ethnic_index,
    exact_words,
    group_index,
    key_words,
    noun_table,
    organization_index,
)

_CAPITALISED = re.compile(r"(?<![\w'])[A-Z][\w']*")
_LIST_WORDS = frozenset({"and", "or", ",", "&"})
_MODIFIERS = frozenset({"ethnic", "armed", "tribal", "communal", "rival", "suspected"})
_LOCATIVE = frozenset({"in", "at", "near", "around", "outside", "inside", "across", "within", "from", "to"})


@cache
def _people_nouns() -> frozenset[str]:
    ethnic = {lemma for lemma, noun in noun_table().items() if noun.ethnic and " " not in lemma}
    return frozenset(ethnic | {row["noun"] for row in load_table("place_people_nouns.csv")})


@lru_cache(maxsize=20_000)
def _starts_name(word: str) -> bool:
    """True when some ethnic name begins with this word. Memoised: asked of every capitalised word."""
    index = ethnic_index()
    return key_words(word)[:1] in index.folded_prefixes or exact_words(word)[:1] in index.exact_prefixes


def _ethnic_at(words: list[str], i: int) -> int:
    """How many words from i spell an ethnic name (0 when none)."""
    index = ethnic_index()
    if not _starts_name(words[i]):
        return 0  # no ethnic name starts with this word
    for n in range(min(index.longest, 3, len(words) - i), 0, -1):
        name = " ".join(words[i:i + n])
        if index.get(key_words(name), exact_words(name)) is not None:
            return n
    return 0


def ethnic_actor_starts(parsed, text: str | None = None) -> frozenset[int]:
    """Character offsets where an ethnic name stands for people (a list of them shares the noun).
    `text` is the parsed text when the caller has it (spaCy's `Doc.text` joins every token)."""
    text = parsed.text if text is None else text
    if not any(_starts_name(w) for w in _CAPITALISED.findall(text)):
        return frozenset()  # most articles name no people: no pass over the tokens at all
    # the words from two arrays: no Token objects but for the few names found
    words = [text[i:i + n] for i, n in parsed.to_array(["IDX", "LENGTH"]).tolist()]
    nouns = _people_nouns()
    out: set[int] = set()
    i = 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        names: list[int] = []
        j = i
        while j < len(words) and words[j][:1].isupper():
            n = _ethnic_at(words, j)
            if not n:
                break
            names.append(j)
            j += n
            if j + 1 < len(words) and words[j].lower() in _LIST_WORDS and words[j + 1][:1].isupper():
                j += 1
                if j + 1 < len(words) and words[j] == "," and words[j + 1].lower() in _LIST_WORDS:
                    j += 1
        if not names:
            i += 1
            continue
        k = j
        while k < len(words) and words[k].lower() in _MODIFIERS:
            k += 1  # "Maasai and Kikuyu ethnic militias"
        following = parsed[k] if k < len(words) else None
        before = words[i - 1].lower() if i else ""
        counted = i > 0 and parsed[i - 1].like_num  # "6 Kikuyu were killed": people counted
        if (counted or following is not None and (following.lemma_.lower() in nouns or following.lower_ in nouns)) \
                and before not in _LOCATIVE:
            out.update(parsed[k].idx for k in names)
        i = max(j, i + 1)
    return frozenset(out)


@lru_cache(maxsize=20_000)
def is_group_name(name: str) -> bool:
    """True when a name is an armed group's, a party's or an organisation's in the actors' lexicons
    ("Jamaat-e-Islami", "JeI", "Awami League"): spaCy sometimes tags them as places. Memoised."""
    folded, exact = key_words(name), exact_words(name)
    return group_index().get(folded, exact) is not None or organization_index().get(folded, exact) is not None
