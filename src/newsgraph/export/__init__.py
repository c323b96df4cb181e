"""Exports of the store in the ``newsgraph/v1`` schema: JSON, JSONL, CSV."""

from __future__ import annotations

from typing import TextIO

from ..errors import ConfigError
from ..store.sql import SQLStore
from .csv import write_csv
from .json import write_json, write_jsonl
from .records import FIELDS, TABLES

FORMATS = ("json", "jsonl", "csv")

__all__ = ["FIELDS", "FORMATS", "TABLES", "export"]


def export(store: SQLStore, out: TextIO, format: str = "json", table: str = "articles") -> None:
    """Write the store to ``out`` in ``format`` (``table`` chooses the CSV table)."""
    if format == "json":
        write_json(store, out)
    elif format == "jsonl":
        write_jsonl(store, out)
    elif format == "csv":
        write_csv(store, out, table)
    else:
        raise ConfigError(f"unknown export format {format!r}; choose one of: {', '.join(FORMATS)}")
