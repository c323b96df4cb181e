"""Read JSONL (and JSON arrays) and CSV: one article per line or row.

Known fields: ``id, title, text, url, published, source, authors`` (``body``,
``content`` or ``articleBody`` stand in for a missing ``text``); any other
field is kept in ``metadata``, and the given ``id`` as ``metadata["id"]`` (our
own id is a content hash). ``text`` is kept exactly as given (``verbatim``):
users bring their own character offsets into it, so not even trailing spaces
may change. A line or row that cannot be used is one ``InputError`` naming
file and line; the lines after it are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import FormatError, InputError
from ..model import RawArticle
from ..normalize.text import outlet_from_url

KNOWN_FIELDS = ("id", "title", "text", "url", "published", "source", "authors")
# Names other tools give the text field; used only when "text" is absent.
TEXT_ALIASES = ("body", "content", "articleBody")


def read_jsonl(text: str, origin: str) -> Iterator[RawArticle | InputError]:
    """Each non-blank line a JSON object; a whole-file JSON array is accepted too."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _read_json_array(text, origin)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield FormatError(origin, f"not valid JSON ({_json_reason(exc)})", line=number)
            continue
        yield record_to_article(record, origin, number)


def read_csv(text: str, origin: str) -> Iterator[RawArticle | InputError]:
    """A CSV file with a header row that names at least a ``text`` column."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield FormatError(origin, f"not valid CSV ({exc})", line=1)
        return
    if not header or "text" not in [name.strip().lower() for name in header]:
        names = ", ".join(header or []) or "none"
        yield FormatError(origin, f"CSV header has no 'text' column (columns: {names})", line=1)
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield FormatError(origin, f"not valid CSV ({exc})", line=start)
            return
        if None in row:
            yield FormatError(origin, "row has more fields than the header", line=start)
            continue
        record = {
            key.strip().lower(): value for key, value in row.items() if value not in (None, "")
        }
        if not any(value.strip() for value in record.values() if isinstance(value, str)):
            continue  # an empty row (",,,") is spacing, not an article
        yield record_to_article(record, origin, start)


def record_to_article(record: Any, origin: str, line: int | None) -> RawArticle | InputError:
    """One decoded record as a RawArticle, or the error that says what is missing."""
    if not isinstance(record, Mapping):
        return FormatError(origin, f"expected a JSON object, got {type(record).__name__}", line)
    text_field = next((f for f in ("text", *TEXT_ALIASES) if f in record), "text")
    text = record.get(text_field)
    if not isinstance(text, str) or not text.strip():
        reason = "no 'text' field" if text is None else "'text' is empty or not a string"
        return FormatError(origin, reason, line=line)
    url = _optional_str(record.get("url"))
    known = (*KNOWN_FIELDS, text_field)
    metadata = {key: value for key, value in record.items() if key not in known}
    if record.get("id") is not None:
        metadata["id"] = record["id"]
    return RawArticle(
        text=text,
        origin=f"{origin}:{line}" if line is not None else origin,
        title=_optional_str(record.get("title")),
        url=url,
        source=_optional_str(record.get("source")) or outlet_from_url(url),
        published=_optional_str(record.get("published")),
        authors=parse_authors(record.get("authors")),
        metadata=metadata,
        verbatim=True,
    )


def parse_authors(value: Any) -> tuple[str, ...]:
    """Authors as a list, or one string with names split on ";"."""
    if value is None:
        return ()
    if isinstance(value, str):
        names: list[Any] = value.split(";")
    elif isinstance(value, (list, tuple)):
        names = list(value)
    else:
        names = [value]
    return tuple(str(name).strip() for name in names if name is not None and str(name).strip())


def _read_json_array(text: str, origin: str) -> Iterator[RawArticle | InputError]:
    try:
        records = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        yield FormatError(origin, f"not valid JSON ({_json_reason(exc)})", line=line)
        return
    if not isinstance(records, list):
        yield FormatError(origin, "expected a JSON array of objects")
        return
    for index, record in enumerate(records, start=1):
        # Array items have no line of their own; "file.json#3" names the item.
        yield record_to_article(record, f"{origin}#{index}", line=None)


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _json_reason(exc: ValueError) -> str:
    return getattr(exc, "msg", None) or str(exc)
