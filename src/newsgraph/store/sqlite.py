"""The embedded default store: one SQLite file (WAL) with FTS5 over title and text."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from ..errors import StoreError
from .base import SearchHit
from .schema import SQLITE
from .sql import SQLStore, article_filters

_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
]

_PHRASE = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """A user's query as a safe FTS5 expression.

    Words are ANDed, "quoted phrases" stay phrases, a trailing ``*`` keeps a
    prefix search; every other FTS5 operator character is dropped, so no query
    can be a syntax error.
    """
    parts = []
    for phrase, word in _PHRASE.findall(query):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            prefix = word.endswith("*")
            parts += [f'"{w}"' + ("*" if prefix else "") for w in _WORD.findall(word)]
    return " ".join(parts)


class SQLiteStore(SQLStore):
    dialect = SQLITE

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path) if str(path) != ":memory:" else None
        self.url = str(path)
        try:
            if read_only:
                if self.path is None or not self.path.exists():
                    raise StoreError(f"{path}: no such database (run `newsgraph ingest` first)")
                self.conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
                )
                try:
                    self.schema_version()
                except sqlite3.OperationalError as exc:
                    raise StoreError(f"{path}: not a newsgraph database ({exc})") from exc
            else:
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                # linking reads indexes all over a large store: keep more of it in memory
                self.conn.execute("PRAGMA cache_size=-65536")
                self.conn.execute("PRAGMA mmap_size=268435456")
                self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open as a newsgraph database ({exc})") from exc

    def extra_migrations(self) -> dict[int, list[str]]:
        return {1: _FTS}

    def search(
        self,
        query: str,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search ranked by BM25 (title weighted above text), with filters."""
        expression = fts_query(query)
        if not expression:
            return []
        filters, values = article_filters("a.", source, since, until)
        where, params = ["articles_fts MATCH ?", *filters], [expression, *values]
        rows = self.query(
            "SELECT a.id, a.title, a.source, a.published, "
            "snippet(articles_fts, 1, '[', ']', ' … ', 12), bm25(articles_fts, 5.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY rank LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], -float(r[5])) for r in rows]
