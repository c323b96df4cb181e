"""CSV writer: one table of the export; nested fields are JSON text in their cell."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from ..errors import ConfigError
from ..store.sql import SQLStore
from .records import FIELDS, TABLES, rows


def write_csv(store: SQLStore, out: TextIO, table: str = "articles") -> None:
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    writer = csv.writer(out)
    writer.writerow(FIELDS[table])
    for row in rows(store, table):
        writer.writerow([_cell(v) for v in row.values()])


def _cell(value: object) -> object:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value
