"""Publication dates: from whatever a source gave, or from the article's URL.

Every function returns ``(iso, granularity)``: the ISO date truncated to what
is known ("2025-10-27" day, "2025-10" month, "2025" year), or None. A value
with a time of day is kept at day precision, on the date as written (its own
time zone), because the reader's calendar day is what "on Monday" in the text
is relative to.

The cascade in ``parse_published``:

1. ISO 8601 forms ("2025-10-27", "2025-10-27T14:03:00+02:00", "2025-10", "2025").
2. RFC 822 dates of RSS feeds ("Mon, 27 Oct 2025 14:03:00 +0000").
3. Unix timestamps (9–11 digits).
4. dateparser for the rest ("27 October 2025", "Oct. 27, 2025", "October 2025"),
   only when a four-digit year is present: relative forms such as "yesterday"
   would resolve against today's date and make ingest irreproducible.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_tz
from functools import lru_cache
from urllib.parse import urlsplit

DAY, MONTH, YEAR = "day", "month", "year"
MIN_YEAR, MAX_YEAR = 1800, 2100
# URLs are younger than the web; a "/1812/" path segment is not a date.
MIN_URL_YEAR = 1995

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T\d{4,6}Z?)?$")
_EPOCH = re.compile(r"^\d{9,11}(?:\.\d+)?$")
_ISO_SHAPE = re.compile(r"^\d{4}[-/.]\d{1,2}")
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")

# URL paths: /2025/10/27/, /2025/10/, /2025-10-27-slug, /20251027/.
_URL_YMD = re.compile(r"(?<![\d])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$|[-_.])")
_URL_YM = re.compile(r"(?<![\d])(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")
_URL_DASHED = re.compile(r"(?<![\d])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])")
_URL_COMPACT = re.compile(r"(?<=[/_-])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?=[/_.-]|$)")


def parse_published(value: str | None) -> tuple[str, str] | None:
    """A publication date as ``(iso, granularity)``, or None if it is not a date."""
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    for parse in (_parse_iso, _parse_rfc822, _parse_epoch, _parse_free):
        found = parse(value)
        if found is not None:
            return found
    return None


def date_from_url(url: str | None) -> tuple[str, str] | None:
    """The date a URL's path spells, if any: "/2025/10/" → ("2025-10", "month")."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in (
        _URL_YMD,
        _URL_DASHED,
        _URL_COMPACT,
        _URL_YM,
    ):
        for match in pattern.finditer(path):
            found = _checked(match.group("y"), match.group("m"), match.groupdict().get("d"))
            if found is not None and int(found[0][:4]) >= MIN_URL_YEAR:
                return found
    return None


def best_published(published: str | None, url: str | None) -> tuple[str, str] | None:
    """The source's own date when it parses, else the date in the URL path."""
    return parse_published(published) or date_from_url(url)


def _checked(year: str, month: str | None, day: str | None) -> tuple[str, str] | None:
    """ISO text at the finest granularity given, or None if not a real date."""
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if month is None:
        return f"{y:04d}", YEAR
    m = int(month)
    if not 1 <= m <= 12:
        return None
    if day is None:
        return f"{y:04d}-{m:02d}", MONTH
    try:
        return date(y, m, int(day)).isoformat(), DAY
    except ValueError:
        return None


def _parse_iso(value: str) -> tuple[str, str] | None:
    match = _ISO.match(value) or _COMPACT.match(value)
    if match is None:
        return None
    return _checked(match.group("y"), match.group("m"), match.group("d"))


def _parse_rfc822(value: str) -> tuple[str, str] | None:
    parts = parsedate_tz(value)
    if parts is None or not parts[0] or not parts[1] or not parts[2]:
        return None
    return _checked(str(parts[0]), str(parts[1]), str(parts[2]))


def _parse_epoch(value: str) -> tuple[str, str] | None:
    if not _EPOCH.match(value):
        return None
    try:
        moment = datetime.fromtimestamp(float(value), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(str(moment.year), str(moment.month), str(moment.day))


def _parse_free(value: str) -> tuple[str, str] | None:
    if len(value) > 100 or not _HAS_YEAR.search(value) or _ISO_SHAPE.match(value):
        return None  # an ISO-shaped value that failed step 1 is not a date
    # dateparser fills missing parts from today's date; requiring the parts
    # makes "October 2025" a month and never "October <today's day> 2025".
    for granularity in (DAY, MONTH):
        moment = _date_parser(granularity).get_date_data(value).date_obj
        if moment is not None:
            day = str(moment.day) if granularity == DAY else None
            return _checked(str(moment.year), str(moment.month), day)
    return None


@lru_cache(maxsize=2)
def _date_parser(granularity: str):  # type: ignore[no-untyped-def]
    """dateparser is slow to import and set up; only free-text dates need it."""
    from dateparser.date import DateDataParser

    parts = ["day", "month", "year"] if granularity == DAY else ["month", "year"]
    return DateDataParser(settings={"REQUIRE_PARTS": parts, "RETURN_AS_TIMEZONE_AWARE": False})
