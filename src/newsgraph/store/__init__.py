"""Stores: SQLite (embedded default) and PostgreSQL, behind one protocol."""

from __future__ import annotations

from pathlib import Path

from .base import AddResult, SearchHit, Store
from .sqlite import SQLiteStore

__all__ = ["AddResult", "SearchHit", "Store", "SQLiteStore", "open_store"]


def open_store(db: str | Path, read_only: bool = False) -> SQLiteStore:
    """Open a store from a file path or a ``postgresql://`` URL."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(text)  # type: ignore[return-value]
    return SQLiteStore(text, read_only=read_only)
