"""Date arithmetic that turns a time expression into a TIMEX3 value.

Every function here is pure: it takes the publication date as an ``Anchor``
and returns a TimeML value string (``2025-10-27``, ``2025-W43``, ``2025-09``,
``2024-SP``, ``2025-Q3``, ``P2Y``) or ``None`` when the anchor is too coarse
to say (a weekday against a publication date known only to the month).
Keeping the arithmetic apart from the pattern matching in ``timexes`` lets
property tests check it on any date, and keeps dateparser's habits (it takes
"Tuesday" on a Tuesday to mean a week ago) out of the relative logic.

The word tables (month and weekday spellings, number words, season codes,
part-of-period mods, reference words) live here too: they are the other half
of normalisation, what a word is worth once it has been found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as _date  # the name ``date`` is taken by Anchor.date
from typing import Literal

Direction = Literal["past", "future"]

SEASONS = ("SP", "SU", "FA", "WI")
# Month (1..12) -> index into SEASONS. December opens the winter of its year;
# January and February close the winter that began the December before.
_MONTH_SEASON = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}

# ---------------------------------------------------------------- words and their values

# Each line of a month or weekday lists its spellings; the index is the number.
_MONTH_SPELLINGS = (
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sept sep", "october oct", "november nov", "december dec",
)  # fmt: skip
MONTHS = {w: n for n, names in enumerate(_MONTH_SPELLINGS, 1) for w in names.split()}
_WEEKDAY_SPELLINGS = (
    "monday mon", "tuesday tue tues", "wednesday wed", "thursday thu thurs", "friday fri",
    "saturday sat", "sunday sun",
)  # fmt: skip
WEEKDAYS = {w: n for n, names in enumerate(_WEEKDAY_SPELLINGS) for w in names.split()}
SMALL_NUMBERS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
SMALL_NUMBERS += "fifteen sixteen seventeen eighteen nineteen"
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBERS: dict[str, float] = {w: n for n, w in enumerate(SMALL_NUMBERS.split(), 1)}
NUMBERS.update({w: 20 + 10 * n for n, w in enumerate(TENS)})
NUMBERS.update({
    "a": 1, "an": 1, "hundred": 100, "a couple of": 2, "couple of": 2, "a half": 0.5,
    "half a": 0.5, "a dozen": 12,
})  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of")
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PART_MODS = {
    "early": "START", "the beginning of": "START", "the start of": "START", "mid": "MID",
    "mid-": "MID", "the middle of": "MID", "late": "END", "the end of": "END",
}  # fmt: skip
DAY_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
}  # fmt: skip
REFS = {
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "now": "PRESENT_REF",
    "right now": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip
# (month, day) for holidays fixed in the calendar.
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "halloween": (10, 31), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "independence day": (7, 4), "may day": (5, 1),
}  # fmt: skip


def number_value(text: str) -> float | None:
    """ "two" -> 2, "1.5" -> 1.5, "twenty-five" -> 25; vague words give None."""
    t = text.lower().strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if "-" in t and t.split("-")[0] in NUMBERS:
        tens, ones = t.split("-", 1)
        return float(NUMBERS[tens] + NUMBERS.get(ones, 0))
    value = NUMBERS.get(t)
    return None if value is None else float(value)


def unit_name(text: str) -> str:
    t = text.lower()
    if t == "centuries":
        return "century"
    return t[:-1] if t.endswith("s") and t[:-1] in unit_names() else t


def part_mod(text: str | None) -> str | None:
    """ "early"/"mid-"/"the end of" as a TIMEX3 mod (START, MID, END)."""
    if not text:
        return None
    key = text.lower().strip()
    return PART_MODS.get("mid" if key.startswith("mid") else key)


_ANCHOR_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Anchor:
    """The publication date, possibly known only to the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> _date | None:
        """The full date, or None when the day is not known."""
        if self.month is None or self.day is None:
            return None
        return _date(self.year, self.month, self.day)

    @classmethod
    def of(cls, d: _date) -> Anchor:
        return cls(d.year, d.month, d.day)


def parse_anchor(published: str | None) -> Anchor | None:
    """Read ``2025-10-27``, ``2025-10``, ``2025`` (or a longer ISO timestamp)."""
    if not published:
        return None
    m = _ANCHOR_RE.match(published.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            return None
    return Anchor(year, month, day)


# ---------------------------------------------------------------- formatting


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    """The ISO week holding ``d``: ``2025-W43`` (ISO years differ near New Year)."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def explicit_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """A calendar date written out in full; None when it does not exist."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return month_value(year, month)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- shifting


def shift_days(anchor: Anchor, n: int) -> str | None:
    """Yesterday (-1), today (0), tomorrow (1)."""
    d = anchor.date
    return None if d is None else day_value(d + timedelta(days=n))


def shift_weeks(anchor: Anchor, n: int) -> str | None:
    """Last week (-1), this week (0), next week (1), as ISO weeks."""
    d = anchor.date
    return None if d is None else week_value(d + timedelta(weeks=n))


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def shift_months(anchor: Anchor, n: int) -> str | None:
    if anchor.month is None:
        return None
    return month_value(*add_months(anchor.year, anchor.month, n))


def shift_years(anchor: Anchor, n: int) -> str:
    return f"{anchor.year + n:04d}"


def shift_quarters(anchor: Anchor, n: int) -> str | None:
    if anchor.month is None:
        return None
    index = anchor.year * 4 + (anchor.month - 1) // 3 + n
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def shift_decades(anchor: Anchor, n: int) -> str:
    return f"{anchor.year // 10 + n:03d}"


def shift_centuries(anchor: Anchor, n: int) -> str:
    return f"{anchor.year // 100 + n:02d}"


def season_index(year: int, month: int) -> int:
    """A running count of seasons, so that "last"/"next" is plain subtraction."""
    season = _MONTH_SEASON[month]
    if month in (1, 2):
        year -= 1
    return year * 4 + season


def season_label(index: int) -> str:
    return f"{index // 4:04d}-{SEASONS[index % 4]}"


def shift_seasons(anchor: Anchor, n: int) -> str | None:
    """This spring/last fall as a season relative to the current one."""
    if anchor.month is None:
        return None
    return season_label(season_index(anchor.year, anchor.month) + n)


def named_season(
    anchor: Anchor, season: str, direction: Direction | None, strict: bool
) -> str | None:
    """ "last spring" (strict past), "next winter" (strict future), "in the summer".

    Strict means the current season does not count: in October "last fall"
    is the previous year's autumn. Without strictness the current season is
    the answer when it is the one named.
    """
    if anchor.month is None:
        return None
    current = season_index(anchor.year, anchor.month)
    target = SEASONS.index(season)
    if direction == "future":
        step = (target - current % 4) % 4
        if strict and step == 0:
            step = 4
        return season_label(current + step)
    step = (current % 4 - target) % 4
    if strict and step == 0:
        step = 4
    return season_label(current - step)


# ---------------------------------------------------------------- weekdays, months


def weekday_date(
    anchor: Anchor, weekday: int, direction: Direction, strict: bool = False
) -> str | None:
    """The named weekday (Monday = 0) nearest the publication day.

    Past: the most recent one on or before publication day; future: the
    coming one on or after it. The publication day itself counts unless
    ``strict`` ("last Monday" written on a Monday means a week ago).
    """
    d = anchor.date
    if d is None:
        return None
    if direction == "past":
        back = (d.weekday() - weekday) % 7
        if strict and back == 0:
            back = 7
        return day_value(d - timedelta(days=back))
    ahead = (weekday - d.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return day_value(d + timedelta(days=ahead))


def named_month(anchor: Anchor, month: int, direction: Direction, strict: bool = False) -> str:
    """ "in March", "last September", "next May" resolved to a year and month.

    Past: the most recent such month, the current one included unless
    ``strict``; future likewise forward. With only a year known, that year.
    """
    if anchor.month is None:
        return month_value(anchor.year, month)
    if direction == "past":
        year = (
            anchor.year
            if (month < anchor.month or (month == anchor.month and not strict))
            else anchor.year - 1
        )
    else:
        year = (
            anchor.year
            if (month > anchor.month or (month == anchor.month and not strict))
            else anchor.year + 1
        )
    return month_value(year, month)


def year_of_part(anchor: Anchor, part: int, per_year: int, direction: Direction) -> str:
    """The year of "the fourth quarter" or "the first half" when none is written.

    ``part`` counts from 1 among ``per_year`` equal parts. Past: the latest
    such part that has begun by publication; future: the next one not yet over.
    """
    if anchor.month is None:
        return f"{anchor.year:04d}"
    current = (anchor.month - 1) * per_year // 12 + 1
    if direction == "past":
        return f"{anchor.year if part <= current else anchor.year - 1:04d}"
    return f"{anchor.year if part >= current else anchor.year + 1:04d}"


def month_day(
    anchor: Anchor, month: int, day: int, direction: Direction | None = None
) -> str | None:
    """A day written without its year ("March 22"): the year that puts it nearest.

    A stated direction overrides nearness only when the nearest reading
    contradicts it by more than a week (news often reports a date a few days
    ahead in the past tense when the article was written in advance).
    """
    if anchor.month is None:
        return None
    ref = anchor.date or date(anchor.year, anchor.month, 15)
    best: date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    if best is None:
        return None
    gap = (best - ref).days
    if direction == "past" and gap > 7:
        return explicit_date(best.year - 1, month, day)
    if direction == "future" and gap < -7:
        return explicit_date(best.year + 1, month, day)
    return day_value(best)


# ---------------------------------------------------------------- durations, times

_UNIT_CODES = {
    "second": ("S", True, 1),
    "minute": ("M", True, 1),
    "hour": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "decade": ("Y", False, 10),
    "century": ("Y", False, 100),
    "weekend": ("WE", False, 1),
}


def duration_value(amount: float | None, unit: str) -> str:
    """``P2Y``, ``PT3H``, ``P10Y`` for a decade, ``PXY`` for "several years"."""
    code, is_time, factor = _UNIT_CODES[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    total = amount * factor
    text = str(int(total)) if float(total).is_integer() else f"{total:g}"
    return f"{prefix}{text}{code}"


def unit_names() -> tuple[str, ...]:
    return tuple(_UNIT_CODES)


def shift_unit(anchor: Anchor, unit: str, n: int) -> str | None:
    """The period ``n`` units from the anchor, at the unit's own granularity.

    "three years ago" is a year, "two weeks ago" a week, "ten days ago" a day.
    Units below a day have no calendar granularity here and give None.
    """
    if unit in ("day", "night"):
        return shift_days(anchor, n)
    if unit == "week":
        return shift_weeks(anchor, n)
    if unit == "fortnight":
        return shift_weeks(anchor, 2 * n)
    if unit == "month":
        return shift_months(anchor, n)
    if unit == "quarter":
        return shift_quarters(anchor, n)
    if unit == "year":
        return shift_years(anchor, n)
    if unit == "decade":
        return shift_years(anchor, 10 * n)
    if unit == "century":
        return shift_years(anchor, 100 * n)
    return None


def time_value(day: str | None, hour: int, minute: int = 0) -> str | None:
    """``2025-10-27T15:00``; None when the day is unknown or the clock is wrong."""
    if day is None or not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"{day}T{hour:02d}:{minute:02d}"


def clock_hour(hour: int, meridiem: str | None) -> int:
    """12-hour clock to 24-hour: 12 a.m. is 0, 12 p.m. is 12."""
    if meridiem is None:
        return hour
    pm = meridiem.lower().startswith("p")
    if hour == 12:
        return 12 if pm else 0
    return hour + 12 if pm else hour


def anchor_from_value(value: str | None) -> Anchor | None:
    """The anchor a resolved DATE value gives later expressions ("a day later")."""
    if value is None or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
        return None
    return parse_anchor(value)
