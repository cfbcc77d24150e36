"""Number phrases in text, for the quantities stage: "at least 12-13", "some 40,000",
"twenty-five", "3.5 million", "dozens", "between 12 and 15".

`find_numbers(text)` gives each phrase's character span, its value, its bounds and whether it
is approximate — nothing about what is counted (that needs the parse). Values follow ACLED:
the value of a range or a vague word is the lowest credible number. Figures that cannot be
counts (phone numbers, absurdly large values) are never returned, and nothing here raises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from crisislens.lexicons import load_table
from crisislens.schema import MAX_COUNT


@dataclass(slots=True)
class NumberPhrase:
    start: int          # the whole phrase, approximator included
    end: int
    number_start: int   # the figure itself ("12-13" in "at least 12-13")
    value: int | float
    low: int | float | None
    high: int | float | None
    approximate: bool
    words: bool         # written in words ("two") rather than digits


@dataclass(frozen=True, slots=True)
class _Tables:
    pattern: re.Pattern[str]
    words: dict[str, tuple[int, bool]]
    vague: dict[str, tuple[int, bool]]
    approximators: dict[str, str]


def _alternation(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def _tables() -> _Tables:
    words = {r["word"]: (int(r["value"]), r["scale"] == "1") for r in load_table("number_words.csv")}
    vague = {r["phrase"]: (int(r["value"]), r["approximate"] == "1") for r in load_table("vague_amounts.csv")}
    approximators = {r["phrase"]: r["effect"] for r in load_table("approximators.csv")}
    word = rf"(?:{_alternation(words)})"
    word_chain = rf"{word}(?:(?:[\s-]+|\s+and\s+){word})*"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    scale = r"(?:\s+(?:hundred|thousand|million|billion|lakh|crore)s?\b)?"
    number = rf"(?:(?<![\w.,/:+])(?:{digits})(?![\w/:]|[.,]\d){scale}|\b{word_chain}\b)"
    # Every phrase starts a word ("\b" before a letter, or a figure after no word character), so
    # the leading check rejects the other positions before any alternation is tried.
    pattern = (
        rf"(?<!\w)(?=\w)"
        rf"(?:\b(?P<approx>{_alternation(approximators)})\s+)?"
        rf"(?:(?P<between>\bbetween)\s+)?"
        rf"(?P<n1>\b(?:{_alternation(vague)})\b|{number})"
        rf"(?:(?P<sep>\s*(?:-|–|\bto\b|\bor\b)\s*|(?(between)\s+and\s+|(?!)))(?P<n2>{number}))?"
    )
    return _Tables(re.compile(pattern, re.IGNORECASE), words, vague, approximators)


def _word_value(text: str, words: dict[str, tuple[int, bool]]) -> int | None:
    total = current = 0
    for part in re.split(r"[\s-]+", text.lower()):
        if part == "and":
            continue
        if part not in words:
            return None
        value, is_scale = words[part]
        if is_scale:
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def _value(text: str, tables: _Tables) -> tuple[float | int | None, bool, bool]:
    """(value, approximate, written in words) of one figure; None when it is no count."""
    raw = re.sub(r"\s+", " ", text.strip().lower())
    if raw in tables.vague:
        value, approximate = tables.vague[raw]
        return value, approximate, True
    match = re.match(r"([\d,]*\d(?:\.\d+)?)(?: (\w+?)s?)?$", raw)
    if match:
        digits = match.group(1)
        if "," not in digits and (len(digits) >= 7 or (len(digits) >= 4 and digits.startswith("0"))):
            return None, False, False  # phone numbers, serials, codes
        number = float(digits.replace(",", ""))
        if match.group(2):
            number *= tables.words.get(match.group(2), (1, True))[0]
        value: float | int = int(number) if number.is_integer() else number
        return value, False, False
    value = _word_value(raw, tables.words)
    return value, False, True


def find_numbers(text: str) -> list[NumberPhrase]:
    """Every number phrase in `text`, in order."""
    tables = _tables()
    found: list[NumberPhrase] = []
    for match in tables.pattern.finditer(text):
        try:
            phrase = _phrase(match, tables)
        except (ValueError, OverflowError):
            continue
        if phrase is not None:
            found.append(phrase)
    return found


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def _phrase(match: re.Match[str], tables: _Tables) -> NumberPhrase | None:
    value, approximate, words = _value(match.group("n1"), tables)
    n1 = match.start("n1")
    if n1 and match.string[n1 - 1] == "-" and match.string[max(0, n1 - 2):n1 - 1].isalpha():
        return None  # a name like "COVID-19": not a count ("attacks -5 killed" is a dash)
    if value is None:
        return None
    before = match.string[max(0, n1 - 40):n1].rstrip()[-1:]
    if words and match.group("n1")[0].isupper() and (before.isalnum() or before == ",") and not (
            before == "," and _LOWER_NEXT.match(match.string, match.end("n1"))):
        return None  # a capitalised number word right after a word is part of a name ("the Million Dollar Baby");
        # after a comma, a lower-case word next says it counts ("On 02 October, One person died")
    low: float | int | None = None
    high: float | int | None = None
    end = match.end()
    if match.group("n2"):
        second, _, _ = _value(match.group("n2"), tables)
        if second is not None and second > value:
            low, high = value, second
        else:
            end = match.end("n1")  # "12 to 3": not a range; the first figure only
    effect = tables.approximators.get(re.sub(r"\s+", " ", (match.group("approx") or "").lower()))
    if effect == "low":
        low = value
    elif effect == "above":
        low = value + 1
    elif effect == "high":
        high = high or value
    elif effect == "below":
        value = max(value - 1, 0)
        high = value
    elif effect in ("near", "approx"):
        approximate = True
        if effect == "near":
            high = high or value
    if match.group("n1").strip().lower() in tables.vague and tables.vague[match.group("n1").strip().lower()][1]:
        low, approximate = value, True
    if not all(v is None or (math.isfinite(v) and 0 <= v <= MAX_COUNT) for v in (value, low, high)):
        return None
    start = match.start("approx") if match.group("approx") else match.start("n1")
    if match.group("between"):
        start = min(start, match.start("between"))
    return NumberPhrase(start=start, end=end, number_start=match.start("n1"), value=value, low=low,
                        high=high, approximate=approximate, words=words)
