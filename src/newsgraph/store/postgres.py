"""The server backend: PostgreSQL through psycopg 3, full-text search with tsvector/GIN.

Several processes may ingest at once: article ids and URLs are unique and
every insert is ``ON CONFLICT DO NOTHING``, so the same article stored by two
workers is stored once. Migrations take an advisory lock so two processes
opening a fresh database do not race.

``?schema=NAME`` in the URL selects (and creates) a schema, which keeps
test runs and separate projects apart in one database.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ..errors import StoreError
from .base import SearchHit
from .schema import POSTGRES
from .sql import SQLStore, article_filters

_FTS = [
    """ALTER TABLE articles ADD COLUMN IF NOT EXISTS fts tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', text), 'B')) STORED""",
    "CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts)",
]

_MIGRATION_LOCK = 0x6E657773  # "news": one advisory lock id for schema changes


def split_schema(url: str) -> tuple[str, str | None]:
    """The connection URL without our ``schema`` parameter, and that schema."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    schema = query.pop("schema", [None])[0]
    rest = urlencode({k: v[0] for k, v in query.items()})
    return urlunsplit(parts._replace(query=rest)), schema


class PostgresStore(SQLStore):
    dialect = POSTGRES
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__()
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL support needs psycopg: pip install 'newsgraph[postgres]'"
            ) from exc
        self.url = url
        dsn, self.schema = split_schema(url)
        try:
            self.conn = psycopg.connect(dsn, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{dsn}: cannot connect ({str(exc).strip()})") from exc
        if self.schema:
            if not self.schema.replace("_", "").isalnum():
                raise StoreError(f"schema name {self.schema!r} must be letters, digits and _")
            try:
                self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.schema}")
                self.conn.commit()
            except psycopg.errors.UniqueViolation:
                # another process created it between our check and our insert: it exists now
                self.conn.rollback()
            self.conn.execute(f"SET search_path TO {self.schema}")
            self.conn.commit()
        self.migrate()

    def _sql(self, statement: str) -> str:
        # literal % must be doubled for psycopg's %s placeholders
        return statement.replace("%", "%%").replace("?", "%s")

    def migrate(self) -> None:
        self.execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
        try:
            super().migrate()
        finally:
            self.execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))
            self.conn.commit()

    def extra_migrations(self) -> dict[int, list[str]]:
        return {1: _FTS}

    def query(self, statement: str, params: Any = ()) -> list[tuple[Any, ...]]:
        cur = self.execute(statement, params)
        return list(cur.fetchall()) if cur.description else []

    def search(
        self,
        query: str,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search ranked by ts_rank (title weighted above text), with filters."""
        if not query.strip():
            return []
        filters, values = article_filters("", source, since, until)
        where = ["fts @@ websearch_to_tsquery('english', ?)", *filters]
        params: list[Any] = [query, *values]
        rows = self.query(
            "SELECT id, title, source, published, "
            "ts_headline('english', text, websearch_to_tsquery('english', ?), "
            "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8'), "
            "ts_rank(fts, websearch_to_tsquery('english', ?)) AS rank "
            f"FROM articles WHERE {' AND '.join(where)} ORDER BY rank DESC, id "
            "LIMIT ? OFFSET ?",
            [query, query, *params, limit, offset],
        )
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]
