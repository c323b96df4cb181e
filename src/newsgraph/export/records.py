"""The export schema ``newsgraph/v1`` as rows: one generator per top-level array.

Every exporter (JSON, JSONL, CSV, Parquet, GraphML) reads these, so a field
appears in every format or in none. Fields are only ever added.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import SCHEMA, to_dict
from ..store.sql import SQLStore

TABLES = ("articles", "entities", "quotes", "claims", "timexes", "events", "stories")

# The v1 fields of each array, in order (docs/data-model.md documents each one).
FIELDS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "text", "url", "source", "published", "language", "authors",
                 "story_id", "duplicate_of", "related_links", "metadata",
                 "published_granularity", "content_hash", "ingested_at"),
    "entities": ("id", "name", "type", "aliases", "country", "roles", "mentions"),
    "quotes": ("id", "article_id", "kind", "text", "start", "end", "speaker_id", "speaker_name",
               "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "via"),
    "claims": ("id", "article_id", "value", "value_max", "approx", "value_text", "unit",
               "subject", "start", "end", "attributed_to", "date"),
    "timexes": ("id", "article_id", "text", "start", "end", "type", "value", "mod"),
    "events": ("id", "article_id", "type", "mode", "source_id", "target_id", "actors", "date",
               "date_end", "granularity", "date_text", "location", "status", "trigger",
               "sentence", "start", "end", "event_group", "source_name", "target_name"),
    "stories": ("id", "title", "article_ids", "first_seen", "last_seen"),
}


def rows(store: SQLStore, table: str) -> Iterator[dict[str, Any]]:
    """The records of one top-level array as ordered dicts of JSON-ready values."""
    if table == "articles":
        items: Iterator[Any] = store.iter_articles()
    elif table == "entities":
        items = (e for e in (store.get_entity(i) for i in store.entity_ids()) if e)
    elif table == "stories":
        items = iter(store.stories())
    else:
        items = iter(store.records(table))
    for item in items:
        data = to_dict(item)
        yield {name: data.get(name) for name in FIELDS[table]}


def header() -> dict[str, str]:
    return {"schema": SCHEMA}
