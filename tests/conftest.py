"""Shared fixtures: a store per backend, the shared evaluation data folder."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store.sql import SQLStore

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
PG_URL = os.environ.get("NEWSGRAPH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'newsgraph[postgres]')"
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"no PostgreSQL server at {PG_URL}: {str(exc).strip().splitlines()[0]}"
    return None


def open_test_store(backend: str, tmp_path: Path) -> SQLStore:
    if backend == "sqlite":
        from newsgraph.store.sqlite import SQLiteStore

        return SQLiteStore(tmp_path / "test.db")
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    from newsgraph.store.postgres import PostgresStore

    return PostgresStore(f"{PG_URL}?schema=t_{uuid.uuid4().hex[:12]}")


def drop_test_store(store: SQLStore) -> None:
    schema = getattr(store, "schema", None)
    if schema:
        store.conn.rollback()
        store.conn.execute(f"DROP SCHEMA {schema} CASCADE")
        store.conn.commit()
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLStore]:
    """An empty store on each backend; the same tests run against both."""
    s = open_test_store(request.param, tmp_path)
    yield s
    drop_test_store(s)


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"public evaluation data not found at {SHARED_DATA}")
    return SHARED_DATA
