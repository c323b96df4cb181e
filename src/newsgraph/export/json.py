"""JSON and JSONL writers for the ``newsgraph/v1`` export."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import SCHEMA
from ..store.sql import SQLStore
from .records import TABLES, rows


def write_json(store: SQLStore, out: TextIO) -> None:
    """One JSON object: ``{"schema": "newsgraph/v1", "articles": [...], ...}``.

    Written record by record, so a large store is never held in memory.
    """
    out.write('{"schema": ' + json.dumps(SCHEMA))
    for table in TABLES:
        out.write(f',\n "{table}": [')
        for i, row in enumerate(rows(store, table)):
            out.write(("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False))
        out.write("\n ]")
    out.write("\n}\n")


def write_jsonl(store: SQLStore, out: TextIO) -> None:
    """One record per line, each tagged with its array: ``{"record": "quotes", ...}``.

    The first line is ``{"record": "schema", "schema": "newsgraph/v1"}``.
    """
    out.write(json.dumps({"record": "schema", "schema": SCHEMA}) + "\n")
    for table in TABLES:
        for row in rows(store, table):
            out.write(json.dumps({"record": table, **row}, ensure_ascii=False) + "\n")
