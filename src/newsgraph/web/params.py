"""Query and path parameters shared by the pages and the JSON API, validated at the edge.

Every parameter has bounds, so a bad value is rejected with a 4xx and a
message naming the parameter, never reaching SQL. Form fields left empty
arrive as "" and mean "no filter"; ``blank`` turns them into None.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_LIMIT = 200
MAX_OFFSET = 100_000
_DATE = r"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
_TEXT = r"^[^\x00]*$"  # PostgreSQL cannot store NUL; nothing needs it

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1–{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Date = Annotated[
    str | None, Query(pattern=_DATE, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")
]
Text = Annotated[str | None, Query(max_length=200, pattern=_TEXT)]
Query_ = Annotated[str, Query(max_length=500, pattern=_TEXT, description="full-text query")]
Id = Annotated[str, Path(min_length=1, max_length=200, pattern=_TEXT)]
Type = Annotated[
    str | None,
    Query(
        max_length=40,
        pattern=r"^[A-Za-z_]*$",
        description="an upper-case type label, e.g. PERSON or CONSULT",
    ),
]


def blank(value: str | None) -> str | None:
    """None for a missing or empty form field, else the value stripped."""
    if value is None:
        return None
    value = value.strip()
    return value or None
