"""times stage: every date the text names, resolved against `published_at`.

Produces `doc.times`: one TimeExpression per expression, in text order, with
- `date` (YYYY-MM-DD, the first day it covers) or None with a `reason` when it cannot be
  resolved ("31 February", a weekday in an undated article);
- `precision` as ACLED's time_precision: 1 a day, 2 within a week ("last week", "Around
  26 December", "19 October (on or before)"), 3 a month or longer ("in March", "in 2014");
- `end_date` for ranges ("From September 24th - 26th", "3-4 December", "since early June").

Absolute forms come from compiled patterns (time_calendar); relative phrases from
lexicons/time_cues.csv; weekdays follow news convention (the latest such day on or before
publication). Numeric dates are read day first ("12.03.2019" is 12 March), as the regions
these reports come from write them, unless the first number cannot be a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crisislens.nlp import text_of
from crisislens.schema import Document, Span, TimeExpression
from crisislens.stages import time_calendar as cal

_MERGE_GAP = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:from|between)\s*$", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", re.IGNORECASE)
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
_FUTURE_VERBS = frozenset({"plan", "schedule", "expect", "due", "set", "intend", "vow", "threaten", "promise"})


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def process(doc: Document, parsed, resources=None) -> Document:
    """Append a TimeExpression for every date expression in the parse."""
    text = text_of(parsed)
    published = _published(doc.published_at)
    found = _select(_candidates(text))
    times: list[TimeExpression] = []
    for item in found:
        expression = _resolve(item, published)
        if item.kind == "weekday" and not item.match.group("rel") and expression.date and _future(parsed, item.start):
            expression = _weekday_ahead(item, published)
        _qualify(expression, text)
        times.append(expression)
    times = _merge_ranges(times, text)
    times.sort(key=lambda t: t.span.start)
    doc.times.extend(times)
    return doc


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _candidates(text: str) -> list[_Found]:
    found: list[_Found] = []
    for name, pattern, required in cal.compiled_patterns():
        if required not in text:
            continue
        for match in pattern.finditer(text):
            if name == "month" and not (match.group(0) != match.group("m")):
                continue  # a bare capitalised month name ("March organisers") is not a date
            found.append(_Found(match.start(), match.end(), name, match))
    cues, _ = cal.relative_cues()
    for match in cues.finditer(text):
        if _ATTRIBUTIVE.search(text, max(0, match.start() - 8), match.start()):
            continue  # "an overnight attack ... on Sunday": a kind of attack, not a date
        found.append(_Found(match.start(), match.end(), "relative", match))
    return found


def _select(found: list[_Found]) -> list[_Found]:
    """Longest expressions win; what they overlap is dropped."""
    chosen: list[_Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f.start)


def _expression(item: _Found, start: date | None, end: date | None, precision: int,
                reason: str | None = None) -> TimeExpression:
    if start is None and reason is None:
        reason = "could not be resolved"
    return TimeExpression(text=item.match.group(0), span=Span(item.start, item.end),
                          date=start.isoformat() if start else None, precision=precision,
                          end_date=end.isoformat() if end and start and end != start else None,
                          reason=reason)


def _resolve(item: _Found, published: date | None) -> TimeExpression:
    try:
        return _RESOLVERS[item.kind](item, item.match, published)
    except (ValueError, OverflowError, KeyError) as exc:
        return _expression(item, None, None, 3, f"could not be resolved: {exc}")


def _day_month(item: _Found, day: int, month: int, year_text: str | None,
               published: date | None) -> tuple[date | None, str | None]:
    if year_text:
        found = cal.safe_date(int(year_text), month, day)
        return found, None if found else f"no such date: day {day} of month {month}"
    if cal.safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February exists
        return None, f"no such date: day {day} of month {month}"
    if published is None:
        return None, "no year given and no publication date"
    return cal.nearest_year(month, day, published), "year from publication date"


def _single(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    found, reason = _day_month(item, cal.day_number(m.group("d")), cal.month_number(m.group("m")),
                               m.group("y"), published)
    return _expression(item, found, None, 1, reason)


def _range(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    month = cal.month_number(m.group("m"))
    first, reason = _day_month(item, cal.day_number(m.group("d1")), month, m.group("y"), published)
    last, _ = _day_month(item, cal.day_number(m.group("d2")), month, m.group("y"), published)
    if first and last and last < first:
        first, last = last, first
    precision = cal.precision_of_range(first, last) if first and last else 1
    return _expression(item, first, last, precision, reason)


def _weekday_day(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    day = cal.day_number(m.group("d"))
    if m.group("m"):
        found, reason = _day_month(item, day, cal.month_number(m.group("m")), m.group("y"), published)
    elif published is None:
        found, reason = None, "day of month without a publication date"
    else:
        found, reason = cal.latest_day_of_month(day, published), "month from publication date"
    if found and found.weekday() != cal.WEEKDAYS[m.group("wd").lower()]:
        reason = f"{m.group('wd')} does not fall on {found.isoformat()}; the day number kept"
    return _expression(item, found, None, 1, reason)


def _iso(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    found = cal.safe_date(int(m.group("y")), int(m.group("mn")), int(m.group("d")))
    return _expression(item, found, None, 1, None if found else "no such date")


def _numeric(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12 >= b or (a <= 12 and b <= 12):
        found, reason = cal.safe_date(year, b, a), "numeric date read day first"
    else:
        found, reason = cal.safe_date(year, a, b), "numeric date read month first (day > 12)"
    return _expression(item, found, None, 1, reason if found else "no such date")


def _numeric_day_month(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    """"on 21/04": day first, the year the one that puts it nearest before publication."""
    found, reason = _day_month(item, int(m.group("a")), int(m.group("b")), None, published)
    return _expression(item, found, None, 1, reason)


def _month_year(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    first, last = cal.part_of_month(m.group("part"), int(m.group("y")), cal.month_number(m.group("m")))
    return _expression(item, first, last, cal.precision_of_range(first, last))


def _month(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    if published is None:
        return _expression(item, None, None, 3, "month without a year and no publication date")
    month = cal.month_number(m.group("m"))
    first, last = cal.part_of_month(m.group("part"), cal.latest_month(month, published), month)
    reason = "the latest such month on or before publication"
    if m.group("since"):
        last = published
        reason = "since: from its start to publication"
    return _expression(item, first, last, cal.precision_of_range(first, last), reason)


def _year(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    year = int(m.group("y"))
    last = published if m.group("since") and published else date(year, 12, 31)
    if m.group("y2") and int(m.group("y2")) > year:  # "in 2020 and 2021"
        last = date(int(m.group("y2")), 12, 31)
    return _expression(item, date(year, 1, 1), last, 3)


def _weekday(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    if published is None:
        return _expression(item, None, None, 1, "weekday without a publication date")
    weekday = cal.WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    if rel == "next":
        found = cal.latest_weekday(weekday, published) + timedelta(days=7)
        return _expression(item, found, None, 1, "next: the first such day after publication")
    found = cal.latest_weekday(weekday, published, strictly_before=rel in ("last", "past", "previous"))
    return _expression(item, found, None, 1, "the latest such day on or before publication")


def _weekday_ahead(item: _Found, published: date) -> TimeExpression:
    weekday = cal.WEEKDAYS[item.match.group("wd").lower()]
    found = published + timedelta(days=(weekday - published.weekday()) % 7)
    return _expression(item, found, None, 1, "future tense: the first such day on or after publication")


def _future(parsed, start: int) -> bool:
    """"will hold a rally on Wednesday", "plans to march on Friday": the weekday lies ahead."""
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    for verb in (token, token.head):
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children) or verb.lower_ in _FUTURE_AUX:
            return True
        if verb.lemma_.lower() in _FUTURE_VERBS and any(c.dep_ in ("xcomp", "prep") for c in verb.children):
            return True
        if verb.dep_ != "xcomp":
            break
    return False


def _nth(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    if published is None:
        return _expression(item, None, None, 1, "day of month without a publication date")
    found = cal.latest_day_of_month(int(m.group("d")), published)
    return _expression(item, found, None, 1, "the latest such day on or before publication")


def _ago(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    if published is None:
        return _expression(item, None, None, 1, "relative date without a publication date")
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else cal.SMALL_NUMBERS.get(raw, 1)
    unit = m.group("unit").lower()
    if unit == "day":
        return _expression(item, published - timedelta(days=n), None, 1)
    if unit == "week":
        found = published - timedelta(days=7 * n)
        return _expression(item, found - timedelta(days=found.weekday()), None, 2)
    if unit == "month":
        year, month = cal.shift_month(published.year, published.month, -n)
        return _expression(item, date(year, month, 1), cal.month_end(year, month), 3)
    return _expression(item, date(published.year - n, 1, 1), date(published.year - n, 12, 31), 3)


def _relative(item: _Found, m: re.Match[str], published: date | None) -> TimeExpression:
    _, table = cal.relative_cues()
    unit, offset, precision = table[re.sub(r"\s+", " ", m.group(0).lower())]
    if published is None:
        return _expression(item, None, None, precision, "relative date without a publication date")
    if unit == "day":
        return _expression(item, published + timedelta(days=int(offset)), None, precision)
    if unit == "days_back":
        return _expression(item, published + timedelta(days=int(offset)), published, precision)
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=int(offset))
        sunday = monday + timedelta(days=6)
        return _expression(item, monday, sunday if int(offset) > 0 else min(sunday, published), precision)
    if unit == "weekend":
        saturday = cal.latest_weekday(5, published) + timedelta(weeks=int(offset))
        if published.weekday() == 5:  # a Saturday paper's "weekend" began today
            return _expression(item, saturday, None, 1)
        return _expression(item, saturday, saturday + timedelta(days=1), precision)
    if unit == "month":
        year, month = cal.shift_month(published.year, published.month, int(offset))
        last = cal.month_end(year, month)
        return _expression(item, date(year, month, 1), last if int(offset) > 0 else min(last, published), precision)
    if unit == "year":
        year = published.year + int(offset)
        return _expression(item, date(year, 1, 1), min(date(year, 12, 31), published), precision)
    start = date(published.year, published.month if offset == "month" else 1, 1)
    return _expression(item, start, published, precision)


_RESOLVERS = {
    "range_dmy": _range, "range_mdy": _range, "weekday_day": _weekday_day, "dmy": _single,
    "mdy": _single, "iso": _iso, "numeric": _numeric, "numeric_dm": _numeric_day_month, "month_year": _month_year, "month": _month,
    "year": _year, "weekday": _weekday, "nth": _nth, "ago": _ago, "relative": _relative,
}


def _qualify(expression: TimeExpression, text: str) -> None:
    """"Around 26 December", "19 October (on or before)": the day is not certain, so precision 2."""
    before = text[max(0, expression.span.start - 20):expression.span.start]
    after = cal.QUALIFIER_AFTER.match(text, expression.span.end)
    if cal.QUALIFIER_BEFORE.search(before) or after:
        if expression.precision < 2:
            expression.precision = 2
        expression.reason = "date qualified as approximate"
    if after:
        expression.span = Span(expression.span.start, after.end())
        expression.text = text[expression.span.start:expression.span.end]


def _merge_ranges(times: list[TimeExpression], text: str) -> list[TimeExpression]:
    """"from 28 February to 2 March": two dates joined into one range."""
    merged: list[TimeExpression] = []
    for current in times:
        previous = merged[-1] if merged else None
        if (previous and previous.date and current.date and previous.end_date is None
                and _MERGE_GAP.match(text[previous.span.end:current.span.start])
                and _RANGE_OPENER.search(text[max(0, previous.span.start - 10):previous.span.start])
                and previous.date <= (current.end_date or current.date)):
            end = current.end_date or current.date
            previous.end_date = end
            previous.span = Span(previous.span.start, current.span.end)
            previous.text = text[previous.span.start:previous.span.end]
            previous.precision = cal.precision_of_range(date.fromisoformat(previous.date), date.fromisoformat(end))
            previous.reason = "range: from one date to another"
            continue
        merged.append(current)
    return merged


