"""The extraction contract (../shared/CONTRACT.md) as typed records.

Plain dataclasses rather than validated models: a document is built field by field
inside the hot loop of extraction, and validation happens once, at the boundary
(`Document.to_dict`), where the contract is checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_EVENT_PARENT: dict[str, str] = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}

QUANTITY_CATEGORIES = (
    "killed", "injured", "displaced", "refugees", "in_need", "arrested", "abducted",
    "missing", "strikes", "attacks", "other",
)
# More than anyone alive: a figure larger than this is not a count of people or acts.
MAX_COUNT = 10_000_000_000
MODALITIES = ("asserted", "claimed", "denied", "expected", "hypothetical")

INTER_TYPES: dict[int, str] = {
    0: "other", 1: "state_forces", 2: "rebel_group", 3: "political_militia", 4: "identity_militia",
    5: "rioters", 6: "protesters", 7: "civilians", 8: "external_forces",
}
TYPE_INTER: dict[str, int] = {v: k for k, v in INTER_TYPES.items()} | {
    "organization": 0, "media": 0, "person": 0,
}


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    name: str
    type: str
    inter: int
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    associated: list[str] = field(default_factory=list)
    reason: str | None = None


@dataclass(slots=True)
class Place:
    name: str
    country_code: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: int | None = None
    mentions: list[Span] = field(default_factory=list)
    feature: str | None = None
    role: str = "location"  # "location" where things happen; "origin"/"destination" of movement; "context"
    reason: str | None = None


@dataclass(slots=True)
class Quantity:
    value: int | float
    category: str
    span: Span
    text: str
    low: int | float | None = None
    high: int | float | None = None
    approximate: bool = False
    source: str | None = None


@dataclass(slots=True)
class Speaker:
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Quote:
    text: str
    span: Span
    speaker: Speaker
    outlet: str | None = None
    kind: str = "direct"


@dataclass(slots=True)
class Statement:
    """One party's account of an event: who says it, how (asserts, claims, denies, disputes), in
    which words. An event two sources report keeps both; a denial keeps its speaker."""

    speaker: Speaker
    stance: str  # "asserts" | "claims" | "denies" | "disputes"
    text: str
    span: Span
    quote: int | None = None  # index in `Document.quotes` when the statement is a quote
    fatalities: int | None = None  # the death toll this party gives, when it gives one
    reason: str | None = None


@dataclass(slots=True)
class TimeExpression:
    """A date the text names, resolved against publication."""

    text: str
    span: Span
    date: str | None
    precision: int
    end_date: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class Event:
    event_type: str
    sub_event_type: str
    evidence: list[Span]
    cameo: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: str | None = None
    date_precision: int = 1
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    counts: list[Quantity] = field(default_factory=list)
    modality: str = "asserted"
    confidence: float = 0.5
    trigger: Span | None = None
    claimant: str | None = None
    kind: str = "acled"  # "acled": an ACLED-codable event; "interaction": a political interaction (CAMEO only)
    reason: str | None = None
    statements: list[Statement] = field(default_factory=list)  # each party's account (stages/statements.py)


@dataclass(slots=True)
class Document:
    id: str
    text: str = ""
    published_at: str | None = None
    language: str = "en"
    country: str | None = None  # ISO2 of the country the article is mostly about (places stage)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False  # not parsed: the relevance gate found nothing to extract
    error: str | None = None

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The contract's JSON shape; the input text is left out unless asked for."""
        out = _plain(self)
        if not include_text:
            out.pop("text")
        if out["error"] is None:
            out.pop("error")
        if not out["warnings"]:
            out.pop("warnings")
        if not out["skipped"]:
            out.pop("skipped")
        return out


    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """A Document back from `to_dict` output (e.g. from another process or a Ray worker)."""
        return _build(cls, data)


def _plain(value: Any) -> Any:
    """Records to plain dicts and lists; `dataclasses.asdict` deep-copies and is several times slower."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        return value
    out = {}
    for name in names:  # scalars copied as they are: most fields are, and a call each is half the cost
        field_value = getattr(value, name)
        out[name] = field_value if type(field_value) in _SCALARS else _plain(field_value)
    return out


_SCALARS = frozenset({str, int, float, bool, type(None)})  # neither a list nor a record: _plain returns them


def _build(cls: type, data: Any) -> Any:
    if data is None or cls not in _NESTED:
        return data
    known = _FIELD_NAMES[cls]
    kwargs = {}
    for name, value in data.items():
        if name not in known:
            continue
        inner = _NESTED[cls].get(name)
        if inner is not None and isinstance(value, list):
            value = [_build(inner, item) for item in value]
        elif inner is not None:
            value = _build(inner, value)
        kwargs[name] = value
    return cls(**kwargs)


# Which fields hold records (or lists of them), so that from_dict can rebuild them.
_NESTED: dict[type, dict[str, type]] = {
    Span: {},
    Actor: {"mentions": Span},
    Place: {"mentions": Span},
    Quantity: {"span": Span},
    Speaker: {"span": Span},
    Quote: {"span": Span, "speaker": Speaker},
    Statement: {"span": Span, "speaker": Speaker},
    TimeExpression: {"span": Span},
    Event: {"evidence": Span, "actor1": Actor, "actor2": Actor, "location": Place, "counts": Quantity,
            "trigger": Span, "statements": Statement},
    Document: {"events": Event, "actors": Actor, "places": Place, "quantities": Quantity, "quotes": Quote,
               "times": TimeExpression},
}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls)) for cls in _NESTED}


def failed(doc_id: str, error: str, published_at: str | None = None) -> Document:
    """A document that could not be processed: the error in a user's words, empty lists."""
    return Document(id=doc_id, published_at=published_at, error=error)
