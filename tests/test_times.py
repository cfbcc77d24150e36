"""The times stage: dates named in the text, resolved against publication."""

import pytest


def _times(pipeline, text, published_at):
    return pipeline.extract(text, published_at=published_at).times


@pytest.mark.parametrize("text, published_at, expected", [
    ("On December 29 2019, a crowd gathered in the square.", "2019-12-30", "2019-12-29"),
    ("On 16 August 2023, students marched to the ministry.", "2023-08-17", "2023-08-16"),
    ("On Oct 30th 2019 traders closed their stalls.", "2019-10-31", "2019-10-30"),
    ("On Dec. 3, 2021, the convoy was stopped.", "2021-12-04", "2021-12-03"),
    ("The report was filed on 2022-04-11 by the monitors.", "2022-04-12", "2022-04-11"),
    ("04 Nov. Farmers blocked the highway.", "2020-11-05", "2020-11-04"),
])
def test_absolute_dates(pipeline, text, published_at, expected):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.precision) == (expected, 1)


@pytest.mark.parametrize("text, published_at, expected", [
    ("Villagers were attacked on 23 May near the river.", "2017-05-24", "2017-05-23"),
    ("Fighting resumed on 2 January, officials said.", "2020-12-30", "2021-01-02"),
    ("The curfew began on 28 December.", "2021-01-03", "2020-12-28"),
])
def test_day_and_month_take_the_year_nearest_publication(pipeline, text, published_at, expected):
    assert _times(pipeline, text, published_at)[0].date == expected


@pytest.mark.parametrize("text, published_at, date, precision", [
    ("Around Oct 27th 2019 (exact date not reported) traders protested.", "2019-10-28", "2019-10-27", 2),
    ("October 19th (on or before) police arrested ten people.", "2018-10-20", "2018-10-19", 2),
])
def test_qualified_dates_are_week_precision(pipeline, text, published_at, date, precision):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.precision) == (date, precision)


@pytest.mark.parametrize("text, published_at, start, end", [
    ("From September 24th - 26th, students boycotted classes.", "2018-09-27", "2018-09-24", "2018-09-26"),
    ("A strike was called for 3-4 December across the country.", "2023-12-02", "2023-12-03", "2023-12-04"),
    ("Roads were closed from 28 February to 2 March 2020.", "2020-03-05", "2020-02-28", "2020-03-02"),
])
def test_ranges(pipeline, text, published_at, start, end):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.end_date) == (start, end)


@pytest.mark.parametrize("text, published_at, date, precision", [
    ("The militia has held the town in 2014 and since.", "2020-01-10", "2014-01-01", 3),
    ("Thousands fled in March, the agency said.", "2020-02-10", "2019-03-01", 3),
    ("Thousands fled in January, the agency said.", "2020-02-10", "2020-01-01", 3),
    ("Prices rose in late March 2021.", "2021-06-01", "2021-03-21", 3),
])
def test_months_and_years(pipeline, text, published_at, date, precision):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.precision) == (date, precision)


@pytest.mark.parametrize("text, published_at, expected", [
    ("Gunmen stormed the market on Tuesday.", "2024-03-05", "2024-03-05"),  # a Tuesday paper
    ("Gunmen stormed the market on Sunday.", "2024-03-05", "2024-03-03"),
    ("Gunmen stormed the market last Tuesday.", "2024-03-05", "2024-02-27"),
    ("Gunmen stormed the market yesterday.", "2024-03-05", "2024-03-04"),
    ("Gunmen stormed the market today.", "2024-03-05", "2024-03-05"),
    ("Gunmen stormed the market last night.", "2024-03-05", "2024-03-04"),
    ("Gunmen stormed the market three days ago.", "2024-03-05", "2024-03-02"),
    ("The talks stalled on the 25th.", "2024-07-20", "2024-06-25"),
])
def test_relative_days(pipeline, text, published_at, expected):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.precision) == (expected, 1)


@pytest.mark.parametrize("text, published_at, date, end_date, precision", [
    ("Shelling intensified at the weekend.", "2024-03-05", "2024-03-02", "2024-03-03", 2),
    ("Shelling intensified last week.", "2024-03-05", "2024-02-26", "2024-03-03", 2),
    ("Shelling intensified in the past few days.", "2024-03-05", "2024-02-27", "2024-03-05", 2),
    ("Shelling has intensified since early June.", "2024-07-20", "2024-06-01", "2024-07-20", 3),
    ("Shelling intensified earlier this month.", "2024-07-20", "2024-07-01", "2024-07-20", 3),
    ("Shelling intensified last month.", "2024-07-20", "2024-06-01", "2024-06-30", 3),
])
def test_relative_periods(pipeline, text, published_at, date, end_date, precision):
    first = _times(pipeline, text, published_at)[0]
    assert (first.date, first.end_date, first.precision) == (date, end_date, precision)


@pytest.mark.parametrize("text", [
    "The order was signed on 31 February 2020.",
    "The order was signed on 30 February.",
])
def test_impossible_dates_have_no_date_and_a_reason(pipeline, text):
    first = _times(pipeline, text, "2020-03-10")[0]
    assert first.date is None and "no such date" in first.reason


@pytest.mark.parametrize("text", ["Gunmen stormed the market on Tuesday.", "The curfew began on 28 December."])
def test_relative_dates_without_publication_are_unresolved(pipeline, text):
    first = _times(pipeline, text, None)[0]
    assert first.date is None and first.reason


@pytest.mark.parametrize("text", [
    "March organisers said the route was changed.",
    "Rebels may attack the town, residents fear.",
    "The 3 Marsabit police posts were reinforced.",
])
def test_month_names_alone_are_not_dates(pipeline, text):
    assert _times(pipeline, text, "2020-03-10") == []


def test_spans_point_at_the_expression(pipeline):
    text = "Clashes broke out on 12 March 2022 in the north."
    first = _times(pipeline, text, "2022-03-13")[0]
    assert text[first.span.start:first.span.end] == first.text == "12 March 2022"


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 villagers in an overnight attack on the village on Sunday.",
    "The overnight raid on the camp began on Sunday.",
])
def test_overnight_as_a_kind_of_attack_is_no_date(pipeline, text):
    found = _times(pipeline, text, "2024-03-05")
    assert [(t.text, t.date) for t in found] == [("Sunday", "2024-03-03")]


def test_overnight_as_an_adverb_is_the_night_before(pipeline):
    first = _times(pipeline, "The device had been planted overnight on the road.", "2024-03-05")[0]
    assert (first.text, first.date) == ("overnight", "2024-03-04")


@pytest.mark.parametrize("text, expected", [
    ("Students said they would hold a nationwide rally on Wednesday.", "2024-03-06"),
    ("Traders will close their shops on Friday in protest.", "2024-03-08"),
    ("The union plans to march on Thursday.", "2024-03-07"),
    ("Students held a nationwide rally on Wednesday.", "2024-02-28"),
])
def test_weekdays_in_the_future_tense_lie_ahead(pipeline, text, expected):
    # published on Tuesday 2024-03-05
    weekday = [t for t in _times(pipeline, text, "2024-03-05") if t.text.endswith("day")][0]
    assert weekday.date == expected


@pytest.mark.parametrize("text, date, end_date, precision", [
    ("The talks resume tomorrow.", "2024-03-06", None, 1),
    ("The talks resume next week.", "2024-03-11", "2024-03-17", 2),
    ("The talks resume next month.", "2024-04-01", "2024-04-30", 3),
])
def test_future_periods(pipeline, text, date, end_date, precision):
    first = _times(pipeline, text, "2024-03-05")[0]
    assert (first.date, first.end_date, first.precision) == (date, end_date, precision)


def test_two_years_joined_by_and_are_one_period(pipeline):
    doc = pipeline.extract("Similar arrests in 2019 and 2020 ended with the suspects freed.", published_at="2024-03-05")
    assert [(t.date, t.end_date, t.precision) for t in doc.times] == [("2019-01-01", "2020-12-31", 3)]
    assert all(q.value != 2020 for q in doc.quantities)


@pytest.mark.parametrize("text, date, end_date, precision", [
    ("Shelling resumed on Saturday.", "2024-03-02", None, 1),
    ("Shelling resumed yesterday.", "2024-03-04", None, 1),
    ("Shelling has continued in the past few days.", "2024-02-27", "2024-03-05", 2),
    ("Shelling has continued since early February.", "2024-02-01", "2024-03-05", 3),
    ("The town fell to the rebels in 2014.", "2014-01-01", "2014-12-31", 3),
])
def test_issue_date_forms(pipeline, text, date, end_date, precision):
    first = _times(pipeline, text, "2024-03-05")[0]
    assert (first.date, first.end_date, first.precision) == (date, end_date, precision)


@pytest.mark.parametrize("text, date", [
    ("Police dispersed the sit-in on 31-12-2007 outside the office.", "2007-12-31"),
    ("Gunmen raided the depot on 04.11.2019 before dawn.", "2019-11-04"),  # day first, as the region writes it
    ("The convoy was ambushed on 3/14/2019 near the border.", "2019-03-14"),  # 14 cannot be a month
    ("The school was torched late 21/01, residents said.", "2020-01-21"),  # year from publication
    ("Source dated 28/12: three injured.", "2019-12-28"),
])
def test_numeric_dates_are_read_day_first(pipeline, text, date):
    assert _times(pipeline, text, "2020-01-25")[0].date == date


@pytest.mark.parametrize("text", [
    "Traders said 24/7 patrols had not stopped the thefts.",
    "Rebels now hold 3/4 of the district, the governor said.",
    "The clinic runs on 2/3 of its old budget.",
])
def test_fractions_and_round_the_clock_are_not_dates(pipeline, text):
    assert _times(pipeline, text, "2020-01-25") == []
