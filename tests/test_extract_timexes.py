"""Time expressions found in our own sentences and resolved against a publication date.

Publication dates used: 2025-10-27 (a Monday, ISO week 44), 2025-10-24 (a
Friday), 2025-10-21 (a Tuesday), 2025-02-10 (a Monday in winter).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extract.annotate import parse
from newsgraph.extract.timexes import extract_timexes, find_timexes

MON, FRI, TUE, WINTER = "2025-10-27", "2025-10-24", "2025-10-21", "2025-02-10"


def found(text: str, published: str | None) -> dict[str, tuple[str, str | None, str | None]]:
    """Expression text -> (type, value, mod)."""
    return {t.text: (t.type, t.value, t.mod) for t in extract_timexes(parse(text), "a1", published)}


def value_of(text: str, published: str | None, expr: str) -> str | None:
    got = found(text, published)
    assert expr in got, f"{expr!r} not found in {got}"
    return got[expr][1]


@pytest.mark.parametrize(
    ("text", "published", "expr", "value"),
    [
        # weekdays: reports look back, plans look ahead, the day itself counts
        ("The minister resigned on Thursday, aides said.", FRI, "Thursday", "2025-10-23"),
        ("The envoy is set to meet the king on Friday.", TUE, "Friday", "2025-10-24"),
        ("The delegation will travel to Oslo on Monday.", FRI, "Monday", "2025-10-27"),
        ("Farmers blocked the motorway on Tuesday.", TUE, "Tuesday", "2025-10-21"),
        ("Parliament will vote on Tuesday.", TUE, "Tuesday", "2025-10-21"),
        ("The mayor spoke last Tuesday.", TUE, "last Tuesday", "2025-10-14"),
        # last / this / next
        ("Exports fell last week.", MON, "last week", "2025-W43"),
        ("The summit takes place this week.", MON, "this week", "2025-W44"),
        ("Talks resume next week.", MON, "next week", "2025-W45"),
        ("Prices rose last month.", MON, "last month", "2025-09"),
        ("Sales have slowed this month.", MON, "this month", "2025-10"),
        ("The law takes effect next month.", MON, "next month", "2025-11"),
        ("Turnout was low last year.", MON, "last year", "2024"),
        ("Growth will pick up next year.", MON, "next year", "2026"),
        # bare months: the past unless the clause plans ahead
        ("The factory closed in March.", MON, "March", "2025-03"),
        ("The union struck last September.", MON, "last September", "2025-09"),
        ("The bridge was opened in December.", MON, "December", "2024-12"),
        ("The bridge will open in December.", MON, "December", "2025-12"),
        ("Elections are due next March.", MON, "next March", "2026-03"),
        # seasons and parts of periods
        ("The river flooded last spring.", WINTER, "last spring", "2024-SP"),
        ("The river flooded last spring.", MON, "last spring", "2025-SP"),
        ("Work will start next summer.", MON, "next summer", "2026-SU"),
        ("Rents have climbed since last fall.", MON, "last fall", "2024-FA"),
        ("Harvest began in late June.", "2025-10", "late June", "2025-06"),
        ("Snow fell in early December.", MON, "early December", "2024-12"),
        ("Inflation peaked in mid-2024.", MON, "mid-2024", "2024"),
        # today and its neighbours, ago, narrative time
        ("Markets fell yesterday and may rise tomorrow.", MON, "yesterday", "2025-10-26"),
        ("The mine flooded three years ago.", MON, "three years ago", "2022"),
        ("The plant opened in 2019. A year later it closed.", MON, "A year later", "2020"),
        # explicit dates in common forms
        ("The accord was signed on March 3, 2024.", MON, "March 3, 2024", "2024-03-03"),
        ("The accord was signed on 3 March 2024.", MON, "3 March 2024", "2024-03-03"),
        (
            "The accord was signed on Sunday, March 3, 2024.",
            MON,
            "Sunday, March 3, 2024",
            "2024-03-03",
        ),
        ("Filed 2024-03-03 at the registry.", MON, "2024-03-03", "2024-03-03"),
        ("The memo is dated 3/14/2021.", MON, "3/14/2021", "2021-03-14"),
        ("Sales peaked in March 2024.", MON, "March 2024", "2024-03"),
        ("The party was founded in 1998.", MON, "1998", "1998"),
        ("The town boomed in the 1990s.", MON, "the 1990s", "199"),
        ("Profits doubled in the first quarter.", MON, "the first quarter", "2025-Q1"),
        ("The ferry sails on October 30.", MON, "October 30", "2025-10-30"),
        # clock times
        ("The polls close at 3 p.m.", MON, "3 p.m.", "2025-10-27T15:00"),
        (
            "He landed at 9:30 a.m. on Saturday, officials said.",
            MON,
            "9:30 a.m.",
            "2025-10-25T09:30",
        ),
    ],
)
def test_dates_resolve(text: str, published: str, expr: str, value: str) -> None:
    assert value_of(text, published, expr) == value


def test_quarters_without_a_year_take_the_tense() -> None:
    text = "Profits fell in the fourth quarter and will rise in the third quarter."
    got = found(text, "2025-02-10")
    assert got["the fourth quarter"][1] == "2024-Q4"
    assert got["the third quarter"][1] == "2025-Q3"


def test_part_of_period_keeps_its_mod() -> None:
    assert found("The suspect was arrested late Wednesday.", FRI)["late Wednesday"] == (
        "DATE",
        "2025-10-22",
        "END",
    )
    assert found("Harvest began in late June.", MON)["late June"] == ("DATE", "2025-06", "END")
    assert found("Snow fell in early December.", MON)["early December"][2] == "START"
    assert found("Budgets close at the end of the year.", MON)["the end of the year"] == (
        "DATE",
        "2025",
        "END",
    )


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("She has led the agency for two years.", "two years", "DURATION", "P2Y"),
        ("The siege lasted 18 months.", "18 months", "DURATION", "P18M"),
        ("The talks ran for six hours.", "six hours", "DURATION", "PT6H"),
        ("Unemployment rose over the past five years.", "the past five years", "DURATION", "P5Y"),
        ("Rates fell in recent years.", "recent years", "DURATION", "PXY"),
        ("Costs have risen recently.", "recently", "DATE", "PAST_REF"),
        ("The rules now apply to everyone.", "now", "DATE", "PRESENT_REF"),
        (
            "A decision is expected in the coming weeks.",
            "the coming weeks",
            "DATE",
            "FUTURE_REF",
        ),
        ("The committee meets every week.", "every week", "SET", "P1W"),
        ("Inspectors visit twice a year.", "twice a year", "SET", "P1Y"),
        ("The market opens every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The paper is printed daily.", "daily", "SET", "P1D"),
    ],
)
def test_durations_refs_and_sets(text: str, expr: str, type_: str, value: str) -> None:
    assert found(text, MON)[expr][:2] == (type_, value)


def test_without_publication_date_relative_values_stay_null() -> None:
    text = (
        "The minister resigned on Friday, last week's talks having failed. "
        "The treaty of March 3, 2024 had held for two years, officials said recently."
    )
    got = found(text, None)
    assert got["Friday"][1] is None
    assert got["last week"][1] is None
    assert got["March 3, 2024"][1] == "2024-03-03"
    assert got["two years"][1] == "P2Y"
    assert got["recently"][1] == "PAST_REF"


def test_month_precision_publication_date() -> None:
    got = found("Exports fell last month and rallied on Monday.", "2025-10")
    assert got["last month"][1] == "2025-09"
    assert got["Monday"][1] is None


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 2000 troops and 1500 tanks.",
        "Tickets cost $2013 each.",
        "Officials may decide later.",
        "Prices fall in some seasons.",
        "A second earthquake struck the town.",
    ],
)
def test_numbers_and_verbs_are_not_times(text: str) -> None:
    assert found(text, MON) == {}


def test_records_carry_ids_and_offsets() -> None:
    text = "Talks resumed on Monday and will end next week."
    doc = parse(text)
    timexes = extract_timexes(doc, "art9", MON)
    assert [t.id for t in timexes] == ["art9-t0", "art9-t1"]
    assert all(doc.text[t.start : t.end] == t.text for t in timexes)
    assert all(t.article_id == "art9" for t in timexes)


_WORDS = (
    "on Monday last week March 3 2024 the past two years at 5 p.m. every day early May , ago"
    " 12/31/2020 spring"
).split()


@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from([None, MON, "2025-10"]))
def test_any_text_gives_disjoint_spans_that_quote_it(
    words: list[str], published: str | None
) -> None:
    text = " ".join(words)
    spans = find_timexes(text, published)
    assert all(text[f.start : f.end] == f.text for f in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
