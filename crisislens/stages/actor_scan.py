"""Lexicon phrases in one parse — named armed groups, ethnic groups, countries and
nationality words — found in a single left-to-right pass per table, and the country the text
points at when the places stage set none.

The scan ignores case, accents and hyphens, prefers the longest phrase, and never runs across
a sentence end or punctuation other than a hyphen or apostrophe. actor_mentions turns the
hits into mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ORTH, SENT_START

from crisislens.stages.actor_lexicon import (
    Ethnic,
    Group,
    PhraseIndex,
    country_index,
    ethnic_index,
    group_index,
    token_keys,
)


@dataclass(slots=True)
class Hits:
    """Token index → (first token, end token, value) of each lexicon phrase found."""

    groups: dict[int, tuple[int, int, Group]]
    ethnic: dict[int, tuple[int, int, Ethnic]]
    countries: dict[int, tuple[int, int, str]]


_JOINERS = frozenset({"-", "–", "'", "’", "/", "'s", "’s", "&"})

# One token as a scan sees it: (index, folded words, exact spelling or "", starts a new run)
Unit = tuple[int, tuple[str, ...], str, bool]


def units(parsed) -> list[Unit]:
    """The tokens a scan reads, computed once per parse and shared by every index's scan."""
    out = []
    strings = parsed.vocab.strings
    # the columns read as one array: building a spaCy Token per word cost more than the scan
    for i, (orth, sent_start) in enumerate(parsed.to_array((ORTH, SENT_START)).tolist()):
        text = strings[orth]
        words, exact = token_keys(text)
        out.append((i, words, exact, sent_start == 1 or (not words and text not in _JOINERS)))
    return out


def scan(parsed, index: PhraseIndex, taken: set[int] | None = None,
         prefer: frozenset[str] = frozenset(), tokens: list[Unit] | None = None) -> dict[int, tuple[int, int, object]]:
    """Longest lexicon phrases, left to right, ignoring case, accents and hyphens; a phrase
    never runs across a sentence end or punctuation other than a hyphen or apostrophe."""
    runs: list[list[Unit]] = [[]]
    for unit in tokens if tokens is not None else units(parsed):
        skip = bool(taken) and unit[0] in taken  # type: ignore[operator]
        if unit[3] or skip:
            runs.append([])
        if unit[1] and not skip:
            runs[-1].append(unit)
    found: dict[int, tuple[int, int, object]] = {}
    for seq in runs:
        p = 0
        while p < len(seq):
            unit = seq[p]
            if unit[1] not in index.folded_prefixes and (unit[2],) not in index.exact_prefixes:
                p += 1  # no phrase begins with this word: the common case, without a call
                continue
            best = _longest_at(seq, p, index, prefer)
            if best is None:
                p += 1
                continue
            length, value = best
            first, last = seq[p][0], seq[p + length - 1][0] + 1
            for i in range(first, last):
                found[i] = (first, last, value)
            p += length
    return found


def _longest_at(seq: list[Unit], p: int, index: PhraseIndex, prefer: frozenset[str]):
    """(length, value) of the longest phrase starting at seq[p], widening the window only while
    some key still begins with it."""
    best = None
    folded: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    for length in range(1, min(index.longest, len(seq) - p) + 1):
        unit = seq[p + length - 1]
        folded += unit[1]
        exact += (unit[2],)
        if folded not in index.folded_prefixes and exact not in index.exact_prefixes:
            break
        value = index.get(folded, exact, prefer)
        if value is not None:
            best = (length, value)
    return best


def find_hits(parsed, country: str | None = None) -> Hits:
    """Named groups, ethnic groups and countries in the text; where an alias is shared, the
    group of the article's country (or of a country the text names) wins."""
    tokens = units(parsed)
    countries = scan(parsed, country_index(), tokens=tokens)
    prefer = frozenset({v[2] for v in countries.values()} | ({country} if country else set()))
    groups = scan(parsed, group_index(), prefer=prefer, tokens=tokens)
    countries = {i: v for i, v in countries.items() if i not in groups}
    ethnic = scan(parsed, ethnic_index(), set(groups) | set(countries), prefer, tokens=tokens)
    return Hits(groups, ethnic, countries)  # type: ignore[arg-type]


_HOME_KINDS = frozenset({"party", "wing", "movement", "militia", "state_unit"})


def text_country(hits: Hits) -> tuple[str | None, str]:
    """The country the text points at when the places stage set none: the country named
    most often (the first named wins a tie), else the home country of the local parties,
    militias, state units or ethnic groups it names. Returns (ISO3 or None, why)."""
    for table, why in ((_country_votes(hits), "country named in the text"),
                       (_home_votes(hits), "home country of a named local group")):
        if table:
            return max(table, key=table.get), why  # type: ignore[arg-type]
    return None, "no country known"


def _country_votes(hits: Hits) -> dict[str, int]:
    counts: dict[str, int] = {}
    for iso3 in {v[:2]: v[2] for v in hits.countries.values()}.values():
        counts[iso3] = counts.get(iso3, 0) + 1
    return counts


def _home_votes(hits: Hits) -> dict[str, int]:
    counts: dict[str, int] = {}
    for group in {v[:2]: v[2] for v in hits.groups.values()}.values():
        if group.country and group.kind in _HOME_KINDS:
            counts[group.country] = counts.get(group.country, 0) + 1
    for ethnic in {v[:2]: v[2] for v in hits.ethnic.values()}.values():
        if ethnic.countries:
            counts[ethnic.countries[0]] = counts.get(ethnic.countries[0], 0) + 1
    return counts
