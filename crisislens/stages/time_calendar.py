"""Calendar arithmetic and the date patterns of news and ACLED notes, for the times stage.

Pure functions over `datetime.date`: what "23 May" means in a paper of 2017-05-24, the
week of "last week", the latest Tuesday on or before publication. Patterns are compiled once.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from crisislens.lexicons import load_table

MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name},
    "sept": 9,
}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_FULL_MONTH = "|".join(calendar.month_name[1:])
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH}|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![A-Za-z])"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d])"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d])"
WEEKDAY = "|".join(calendar.day_name)
RANGE_SEP = r"\s*(?:-|–|—|to|and|or|&)\s*"
PART_OF_MONTH = r"(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of|the middle of)"

# name -> pattern; every pattern names its groups so one resolver reads them all. A lookahead
# `(?=[...])` after `\b` lists the letters a match can start with (months: J F M A S O N D;
# cue words: their first letters), so most positions fail before the alternations are tried.
PATTERNS: dict[str, str] = {
    "range_dmy": rf"\b(?P<d1>{DAY}){RANGE_SEP}(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    "range_mdy": rf"\b(?=[JFMASOND])(?P<m>{MONTH})\s+(?P<d1>{DAY}){RANGE_SEP}(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
    "weekday_day": rf"\b(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?(?P<d>{DAY})(?:\s+(?:of\s+)?(?P<m>{MONTH}))?(?:,?\s+(?P<y>{YEAR}))?",
    "dmy": rf"\b(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    "mdy": rf"\b(?=[JFMASOND])(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
    "iso": rf"\b(?P<y>{YEAR})-(?P<mn>\d\d)-(?P<d>\d\d)\b",
    "numeric": rf"\b(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR})",
    # "on 21/04", "source dated 21/04": day/month with no year, only after a word that makes it a date
    "numeric_dm": "(?:" + "|".join(rf"(?<=\b{cue} )" for cue in ("on", "dated", "since", "from", "late", "early", "mid"))
                  + r")(?P<a>\d{1,2})/(?P<b>\d{1,2})\b(?![/\d])(?!\s+of\b)",
    "month_year": rf"\b(?=[JFMASONDemltbs])(?:(?P<part>{PART_OF_MONTH})[\s-]+)?(?P<m>{MONTH})\s+(?:of\s+)?(?P<y>{YEAR})",
    "month": rf"\b(?=[JFMASONDsfidubolntem])(?:(?P<since>since|from)\s+)?(?:(?:in|during|until|by|of|last|this|next)\s+)?"
             rf"(?:(?P<part>{PART_OF_MONTH})[\s-]+)?(?P<m>{_FULL_MONTH})\b(?!\s+\d)",
    "year": rf"\b(?:(?P<since>since)|in|during|until|by|of|from|early|late|mid)[\s-]+(?P<y>{YEAR})\b(?!-\d)"
            rf"(?:\s*(?:and|or|to|-|–)\s*(?P<y2>{YEAR})\b)?",
    "weekday": rf"\b(?:(?P<rel>last|next|this|past|previous)\s+)?(?P<wd>{WEEKDAY})\b",
    "nth": r"\bon\s+the\s+(?P<d>(?:0?[1-9]|[12]\d|3[01]))(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z]{3,}\b(?<!\band\b))",
    "ago": r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
           r"(?P<unit>day|week|month|year)s?\s+ago\b",
}
# A substring without which a pattern cannot match (its case as written: these patterns are
# case-sensitive); the times stage skips the pattern's scan of a text that lacks it.
REQUIRED_TEXT: dict[str, str] = {"numeric_dm": "/", "iso": "-", "ago": "ago", "weekday": "day", "weekday_day": "day"}
# A month name needs a cue ("in March", "early June") unless a day or year is beside it; the
# bare-month pattern therefore only keeps matches whose text is longer than the month itself.
QUALIFIER_BEFORE = re.compile(r"\b(?:around|about|approximately|on or about|on or around|on or before|"
                              r"circa|by|before)\s*$", re.IGNORECASE)
QUALIFIER_AFTER = re.compile(r"\s*\((?:exact |precise )?(?:date not (?:reported|known)|on or before|"
                             r"on or around|on or about|approximate(?: date)?|approx\.?|date unknown)\)",
                             re.IGNORECASE)
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}


@cache
def compiled_patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """The absolute and weekday patterns, compiled once per process, each with the text it
    cannot match without ("" when none is known)."""
    return tuple((name, re.compile(pattern), REQUIRED_TEXT.get(name, "")) for name, pattern in PATTERNS.items())


@cache
def relative_cues() -> tuple[re.Pattern[str], dict[str, tuple[str, str, int]]]:
    """One regex for every phrase in time_cues.csv (longest first) and its resolution row."""
    rows = load_table("time_cues.csv")
    table = {row["phrase"].lower(): (row["unit"], row["offset"], int(row["precision"])) for row in rows}
    phrases = sorted(table, key=len, reverse=True)
    # the phrases' first letters, tested before the long alternation (same matches, fewer tries)
    first = "".join(sorted({re.escape(p[0]) for p in phrases}))
    pattern = re.compile(rf"\b(?=[{first}])(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b",
                         re.IGNORECASE)
    return pattern, table


def month_number(text: str) -> int:
    key = text.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS[key[:3]]


def day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist ("31 February")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def nearest_year(month: int, day: int, published: date) -> date | None:
    """A day and month without a year, placed in the year that puts it nearest before publication.

    News reports mostly look back, so a date after publication counts three times its distance:
    "23 May" in a paper of 24 May is yesterday; "2 January" in a paper of 30 December is ahead.
    """
    best: tuple[int, date] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        gap = (published - candidate).days
        cost = gap if gap >= 0 else -3 * gap
        if best is None or cost < best[0]:
            best = (cost, candidate)
    return best[1] if best else None


def latest_month(month: int, published: date) -> int:
    """The year of the latest such month on or before publication ("in March")."""
    return published.year if month <= published.month else published.year - 1


def latest_weekday(weekday: int, published: date, strictly_before: bool = False) -> date:
    """News convention: "on Tuesday" in a Tuesday paper is that day; "last Tuesday" is a week before."""
    back = (published.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return published - timedelta(days=back)


def latest_day_of_month(day: int, published: date) -> date | None:
    """"on the 25th": the latest 25th on or before publication."""
    year, month = published.year, published.month
    for _ in range(3):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate <= published:
            return candidate
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return None


def part_of_month(part: str | None, year: int, month: int) -> tuple[date, date]:
    """The days "early", "mid" or "late" June stand for; the whole month without a part."""
    end = month_end(year, month)
    if not part:
        return date(year, month, 1), end
    part = part.lower()
    if "early" in part or "beginning" in part or "start" in part:
        return date(year, month, 1), date(year, month, 10)
    if "mid" in part or "middle" in part:
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), end


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def precision_of_range(start: date, end: date) -> int:
    """ACLED time precision of a span of days: within a week is 2, longer is 3, one day is 1."""
    days = (end - start).days
    return 1 if days <= 0 else 2 if days <= 7 else 3
