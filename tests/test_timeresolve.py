"""Property tests for the date arithmetic behind TIMEX3 values."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extract import timeresolve as tr

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
weekdays = st.integers(0, 6)
months = st.integers(1, 12)


@given(days, weekdays, st.booleans())
def test_past_weekday_is_the_latest_one_not_after_publication(
    d: date, wd: int, strict: bool
) -> None:
    got = date.fromisoformat(tr.weekday_date(tr.Anchor.of(d), wd, "past", strict) or "")
    assert got.weekday() == wd
    assert (1 if strict else 0) <= (d - got).days <= (7 if strict else 6)


@given(days, weekdays, st.booleans())
def test_future_weekday_is_the_first_one_not_before_publication(
    d: date, wd: int, strict: bool
) -> None:
    got = date.fromisoformat(tr.weekday_date(tr.Anchor.of(d), wd, "future", strict) or "")
    assert got.weekday() == wd
    assert (1 if strict else 0) <= (got - d).days <= (7 if strict else 6)


@given(days, st.integers(-10, 10))
def test_week_shift_matches_iso_calendar(d: date, n: int) -> None:
    year, week, _ = (d + timedelta(weeks=n)).isocalendar()
    assert tr.shift_weeks(tr.Anchor.of(d), n) == f"{year:04d}-W{week:02d}"


@given(st.integers(1900, 2099), months, st.integers(-300, 300))
def test_month_arithmetic_round_trips(year: int, month: int, n: int) -> None:
    y, m = tr.add_months(year, month, n)
    assert 1 <= m <= 12
    assert (y * 12 + m) - (year * 12 + month) == n
    assert tr.add_months(y, m, -n) == (year, month)


@given(days, months, st.booleans())
def test_named_month_in_the_past_is_within_a_year(d: date, month: int, strict: bool) -> None:
    y, m = map(int, tr.named_month(tr.Anchor.of(d), month, "past", strict).split("-"))
    gap = (d.year * 12 + d.month) - (y * 12 + m)
    assert m == month
    assert (1 if strict else 0) <= gap <= (12 if strict else 11)


@given(days, months)
def test_named_month_in_the_future_is_within_a_year(d: date, month: int) -> None:
    y, m = map(int, tr.named_month(tr.Anchor.of(d), month, "future").split("-"))
    assert m == month and 0 <= (y * 12 + m) - (d.year * 12 + d.month) <= 11


@given(days, st.sampled_from(tr.SEASONS), st.sampled_from(["past", "future"]), st.booleans())
def test_named_season_is_the_nearest_in_its_direction(
    d: date, season: str, dirn: str, strict: bool
) -> None:
    anchor = tr.Anchor.of(d)
    got = tr.named_season(anchor, season, dirn, strict)  # type: ignore[arg-type]
    assert got is not None and got.endswith(season)
    current = tr.season_index(d.year, d.month)
    target = int(got[:4]) * 4 + tr.SEASONS.index(season)
    step = (current - target) if dirn == "past" else (target - current)
    assert (1 if strict else 0) <= step <= (4 if strict else 3)


@given(days, months, st.integers(1, 28))
def test_yearless_day_lands_within_half_a_year(d: date, month: int, day: int) -> None:
    got = date.fromisoformat(tr.month_day(tr.Anchor.of(d), month, day) or "")
    assert (got.month, got.day) == (month, day)
    assert abs((got - d).days) <= 184


@given(st.one_of(st.none(), st.integers(0, 500)), st.sampled_from(tr.unit_names()))
def test_duration_values_are_well_formed(amount: int | None, unit: str) -> None:
    assert re.fullmatch(r"PT?(X|\d+)(Y|M|W|D|H|S|Q|WE)", tr.duration_value(amount, unit))


@given(days)
def test_anchor_round_trips_iso_text(d: date) -> None:
    assert tr.parse_anchor(d.isoformat()) == tr.Anchor.of(d)
    assert tr.parse_anchor(d.isoformat()[:7]) == tr.Anchor(d.year, d.month)


def test_unusable_anchors_give_none() -> None:
    assert tr.parse_anchor(None) is None
    assert tr.parse_anchor("yesterday") is None
    assert tr.parse_anchor("2025-13-01") is None
    assert tr.shift_days(tr.Anchor(2025, 10), 1) is None


@given(days, st.sampled_from([(q, 4) for q in range(1, 5)] + [(h, 2) for h in (1, 2)]))
def test_unyeared_quarter_or_half_is_within_a_year_of_publication(
    d: date, part: tuple[int, int]
) -> None:
    n, per_year = part
    anchor = tr.Anchor.of(d)
    past = int(tr.year_of_part(anchor, n, per_year, "past"))
    future = int(tr.year_of_part(anchor, n, per_year, "future"))
    first_month = (n - 1) * 12 // per_year + 1
    assert (past, first_month) <= (d.year, d.month) and d.year - past <= 1
    assert (future, first_month + 12 // per_year - 1) >= (d.year, d.month) and future - d.year <= 1
