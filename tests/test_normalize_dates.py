"""Publication dates from source metadata and from URL paths."""

from __future__ import annotations

import pytest

from newsgraph.normalize.dates import best_published, date_from_url, parse_published
from newsgraph.normalize.text import clean_text, outlet_from_url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-27", ("2025-10-27", "day")),
        ("2025-10-27T23:40:00-05:00", ("2025-10-27", "day")),  # the date as written
        ("2025-10-27 08:15", ("2025-10-27", "day")),
        ("2025-10", ("2025-10", "month")),
        ("2025", ("2025", "year")),
        ("Tue, 28 Oct 2025 09:30:00 +0000", ("2025-10-28", "day")),
        ("3 November 2025", ("2025-11-03", "day")),
        ("Nov. 3, 2025", ("2025-11-03", "day")),
        ("November 2025", ("2025-11", "month")),
        ("20251103", ("2025-11-03", "day")),
    ],
)
def test_parse_published(value: str, expected: tuple[str, str]) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "yesterday", "Monday", "2025-02-30", "soon", "2025-13"]
)
def test_unparseable_or_relative_dates_are_none(value: str | None) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://coast.example/world/2025/11/talks-end/", ("2025-11", "month")),
        ("https://coast.example/2025/11/04/talks-end", ("2025-11-04", "day")),
        ("https://coast.example/news/20251104/talks", ("2025-11-04", "day")),
        ("https://coast.example/a/2025-11-04-talks-end", ("2025-11-04", "day")),
        ("https://coast.example/2025/11", ("2025-11", "month")),
        ("https://coast.example/economy/cod-offer-c-1234567", None),
        ("https://coast.example/2025/14/x", None),
        ("https://coast.example/1850/10/old", None),
        ("https://coast.example/read?date=2025/11/04", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: tuple[str, str] | None) -> None:
    assert date_from_url(url) == expected


def test_best_published_prefers_metadata_over_url() -> None:
    url = "https://coast.example/2025/11/talks"
    assert best_published("2025-11-05", url) == ("2025-11-05", "day")
    assert best_published("not a date", url) == ("2025-11", "month")


def test_outlet_from_url_drops_www_port_and_case() -> None:
    assert outlet_from_url("https://WWW.CoastlineWire.example:8443/x") == "coastlinewire.example"
    assert outlet_from_url("not a url") is None


def test_clean_text_normalises_lines_and_blank_runs() -> None:
    assert clean_text("One.  \r\nTwo.\r\r\n\n\n\nThree.\n") == "One.\nTwo.\n\nThree."
