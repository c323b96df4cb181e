"""The SQL both backends share.

``SQLStore`` holds every query that SQLite and PostgreSQL can run alike
(``INSERT … ON CONFLICT DO NOTHING`` works in both). Statements are written
with ``?`` placeholders; a backend whose driver wants ``%s`` sets
``placeholder``. Each backend adds its connection handling, its full-text
index and ``search``.

Writes happen in ``transaction()`` blocks: a batch of articles, or one
article's extraction, is stored whole or not at all, so an interrupted run
leaves a valid database and re-running it completes the work.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ..model import (
    Article,
    Claim,
    Entity,
    Event,
    Extraction,
    Mention,
    Quote,
    Role,
    SourceRef,
    Story,
    Timex,
)
from .base import AddResult
from .schema import MIGRATIONS, SCHEMA_VERSION, Dialect, render

_ARTICLE_COLUMNS = (
    "id, content_hash, url, title, text, source, published, published_granularity, language, "
    "authors, related_links, metadata, story_id, duplicate_of, ingested_at"
)


class SQLStore:
    """Shared implementation; subclasses provide ``conn``, ``dialect`` and search."""

    url: str
    dialect: Dialect
    placeholder = "?"

    def __init__(self) -> None:
        self.conn: Any = None
        self._depth = 0  # nesting of ``transaction()`` blocks

    # -- plumbing ---------------------------------------------------------------

    def _sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(statement), tuple(params))
        return cur

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self._sql(statement), [tuple(r) for r in rows])

    def query(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(statement, params).fetchall())

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit on success, roll back on error; nested blocks join the outermost one.

        The single writer wraps a whole partition (articles, entities,
        extractions, the finished mark) in one block: one commit, and a crash
        leaves either all of the partition or none of it.
        """
        self._depth += 1
        try:
            yield
        except BaseException:
            if self._depth == 1:
                self.conn.rollback()
            raise
        else:
            if self._depth == 1:
                self.conn.commit()
        finally:
            self._depth -= 1

    def _commit(self) -> None:
        """Commit a single write, unless an enclosing ``transaction()`` will."""
        if not self._depth:
            self.conn.commit()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------

    def extra_migrations(self) -> dict[int, list[str]]:
        """Backend-specific statements run with the shared migration of the same number."""
        return {}

    def schema_version(self) -> int:
        rows = self.query("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(rows[0][0]) if rows else 0

    def migrate(self) -> None:
        with self.transaction():
            self.execute(render(MIGRATIONS[1], self.dialect)[0])  # the meta table
        current = self.schema_version()
        extra = self.extra_migrations()
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in render(MIGRATIONS[version], self.dialect) + extra.get(version, []):
                    self.execute(statement)
                self.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )

    # -- articles ---------------------------------------------------------------

    def add_articles(
        self,
        articles: Sequence[Article],
        fingerprints: dict[str, tuple[list[str], bytes]] | None = None,
    ) -> AddResult:
        """Store a batch in one transaction; articles whose id or URL is stored are skipped."""
        added: list[str] = []
        skipped: list[str] = []
        near: list[tuple[str, str]] = []
        band_rows: list[tuple[int, str, str]] = []
        sig_rows: list[tuple[str, bytes]] = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            seq = self.query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0]
            for article in articles:
                seq += 1
                cur = self.execute(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}, seq) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (
                        article.id, article.content_hash, article.url, article.title, article.text,
                        article.source, article.published, article.published_granularity,
                        article.language, json.dumps(list(article.authors)),
                        json.dumps(list(article.related_links)),
                        json.dumps(article.metadata, ensure_ascii=False, default=str),
                        article.story_id, article.duplicate_of, article.ingested_at or now, seq,
                    ),
                )
                if cur.rowcount != 1:
                    skipped.append(article.url or article.id)
                    continue
                added.append(article.id)
                if article.duplicate_of:
                    near.append((article.id, article.duplicate_of))
                if fingerprints and article.id in fingerprints:
                    bands, sig = fingerprints[article.id]
                    band_rows += [(i, h, article.id) for i, h in enumerate(bands)]
                    sig_rows.append((article.id, sig))
            self.executemany(
                "INSERT INTO minhash_bands (band, hash, article_id) VALUES (?, ?, ?)", band_rows)
            self.executemany(
                "INSERT INTO minhash_sigs (article_id, sig) VALUES (?, ?) ON CONFLICT DO NOTHING",
                sig_rows,
            )
        return AddResult(tuple(added), tuple(skipped), tuple(near))

    def known_article(self, article_id: str, url: str | None) -> bool:
        """Whether an article with this id or URL is stored."""
        rows = self.query(
            "SELECT 1 FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?) LIMIT 1",
            (article_id, url),
        )
        return bool(rows)

    def minhash_candidates(self, bands: Sequence[str]) -> list[tuple[str, bytes, str | None]]:
        """Stored articles sharing a band with ``bands``: (id, signature, duplicate_of)."""
        if not bands:
            return []
        clause = " OR ".join("(b.band = ? AND b.hash = ?)" for _ in bands)
        params: list[Any] = []
        for i, h in enumerate(bands):
            params += [i, h]
        rows = self.query(
            "SELECT DISTINCT s.article_id, s.sig, a.duplicate_of FROM minhash_bands b "
            "JOIN minhash_sigs s ON s.article_id = b.article_id "
            f"JOIN articles a ON a.id = b.article_id WHERE {clause}",
            params,
        )
        return [(r[0], bytes(r[1]), r[2]) for r in rows]

    def _article(self, row: Sequence[Any]) -> Article:
        return Article(
            id=row[0], content_hash=row[1], url=row[2], title=row[3], text=row[4], source=row[5],
            published=row[6], published_granularity=row[7], language=row[8],
            authors=tuple(json.loads(row[9])), related_links=tuple(json.loads(row[10])),
            metadata=json.loads(row[11]), story_id=row[12], duplicate_of=row[13],
            ingested_at=row[14],
        )

    def get_article(self, article_id: str) -> Article | None:
        rows = self.query(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if not rows and len(article_id) >= 4:
            # a unique id prefix is accepted, as git accepts a short hash
            rows = self.query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? LIMIT 2",
                (article_id + "%",),
            )
            if len(rows) != 1:
                return None
        return self._article(rows[0]) if rows else None

    def iter_articles(
        self, ids: Sequence[str] | None = None, batch: int = 500
    ) -> Iterator[Article]:
        """Articles in ingest order (or the given ids, in that order)."""
        if ids is not None:
            for i in range(0, len(ids), batch):
                chunk = list(ids[i : i + batch])
                marks = ", ".join("?" for _ in chunk)
                rows = self.query(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
                )
                by_id = {r[0]: r for r in rows}
                yield from (self._article(by_id[i]) for i in chunk if i in by_id)
            return
        last = -1
        while True:
            rows = self.query(
                f"SELECT {_ARTICLE_COLUMNS}, seq FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            for row in rows:
                yield self._article(row)
            last = rows[-1][-1]

    def article_ids(self, unextracted_only: bool = False) -> list[str]:
        where = "WHERE extracted = 0" if unextracted_only else ""
        return [r[0] for r in self.query(f"SELECT id FROM articles {where} ORDER BY seq, id")]

    def articles_by_ids(self, ids: Sequence[str]) -> list[Article]:
        return list(self.iter_articles(ids))

    # -- extraction -------------------------------------------------------------

    def save_extraction(self, extraction: Extraction, entity_ids: dict[str, str]) -> None:
        """Replace an article's extraction records, with entity keys mapped to store ids."""
        self.save_extractions([(extraction, entity_ids)])

    def save_extractions(self, items: Sequence[tuple[Extraction, dict[str, str]]]) -> None:
        """Replace the extraction records of several articles in one transaction.

        Each table gets one ``executemany`` for the whole batch, so the number
        of statements does not grow with the number of articles.
        """
        if not items:
            return
        aids = [extraction.article_id for extraction, _ in items]
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _EXTRACTION_INSERTS}
        with self.transaction():
            texts = self._texts(aids)
            for extraction, entity_ids in items:
                _extraction_rows(extraction, entity_ids, texts.get(extraction.article_id, ""),
                                 rows)
            for i in range(0, len(aids), 500):
                chunk = aids[i : i + 500]
                marks = ", ".join("?" for _ in chunk)
                for table in ("mentions", "roles", "quotes", "claims", "timexes"):
                    self.execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", chunk)
                self.execute(
                    "DELETE FROM event_actors WHERE event_id IN "
                    f"(SELECT id FROM events WHERE article_id IN ({marks}))", chunk)
                self.execute(f"DELETE FROM events WHERE article_id IN ({marks})", chunk)
            for table, statement in _EXTRACTION_INSERTS.items():
                self.executemany(statement, rows[table])
            self.executemany("UPDATE articles SET extracted = 1 WHERE id = ?", [(a,) for a in aids])

    def _texts(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ", ".join("?" for _ in chunk)
            out.update(self.query(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk))
        return out

    def entity_candidates(self, keys: Sequence[str]) -> list[Entity]:
        """Stored entities sharing any blocking key (see ``link.resolve``), by id.

        Name, type, aliases and country only: matching reads nothing else, and
        an entity's roles grow with every article that mentions it.
        """
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        rows = self.query(
            "SELECT id, name, type, country, data FROM entities WHERE id IN "
            f"(SELECT entity_id FROM entity_keys WHERE key IN ({marks})) ORDER BY id", list(keys))
        return [Entity(eid, name, etype, tuple(json.loads(data)["aliases"]), country)
                for eid, name, etype, country, data in rows]

    def upsert_entity(self, entity: Entity, keys: Sequence[str]) -> None:
        """Insert or update an entity's name, type, aliases and blocking keys."""
        data = json.dumps({"aliases": list(entity.aliases)}, ensure_ascii=False)
        self.execute(
            "INSERT INTO entities (id, name, type, country, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, "
            "country = excluded.country, data = excluded.data",
            (entity.id, entity.name, entity.type, entity.country, data),
        )
        self.executemany(
            "INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, entity.id) for k in keys],
        )
        self._commit()

    def get_entity(self, entity_id: str, with_mentions: bool = True) -> Entity | None:
        rows = self.query(
            "SELECT id, name, type, country, data FROM entities WHERE id = ?", (entity_id,)
        )
        if not rows:
            return None
        eid, name, etype, country, data = rows[0]
        roles = tuple(Role(t, a) for t, a in self.query(
            "SELECT title, article_id FROM roles WHERE entity_id = ? ORDER BY article_id, title",
            (eid,)))
        mentions: tuple[Mention, ...] = ()
        if with_mentions:
            mentions = tuple(Mention(*r) for r in self.query(
                "SELECT article_id, start_char, end_char, text FROM mentions "
                "WHERE entity_id = ? ORDER BY article_id, start_char", (eid,)))
        return Entity(eid, name, etype, tuple(json.loads(data)["aliases"]), country, roles,
                      mentions)

    def entity_ids(self) -> list[str]:
        return [r[0] for r in self.query("SELECT id FROM entities ORDER BY id")]

    def records(self, table: str, article_ids: Sequence[str] | None = None) -> list[Any]:
        """Stored quotes, claims, timexes or events, as records."""
        kind = _RECORDS[table]
        if article_ids is None:
            rows = self.query(f"SELECT data FROM {table} ORDER BY article_id, id")
        else:
            rows = []
            for i in range(0, len(article_ids), 500):
                chunk = list(article_ids[i : i + 500])
                marks = ", ".join("?" for _ in chunk)
                rows += self.query(
                    f"SELECT data FROM {table} WHERE article_id IN ({marks}) "
                    "ORDER BY article_id, id", chunk)
        return [_load(kind, r[0]) for r in rows]

    def events(self, article_ids: Sequence[str] | None = None) -> list[Event]:
        return self.records("events", article_ids)

    # -- linking ----------------------------------------------------------------

    def set_story(self, article_id: str, story_id: str) -> None:
        self.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))
        self._commit()

    def save_story(self, story: Story) -> None:
        self.execute(
            "INSERT INTO stories (id, title, first_seen, last_seen, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
            "data = excluded.data",
            (story.id, story.title, story.first_seen, story.last_seen, _dump(story)),
        )
        self._commit()

    def stories(self) -> list[Story]:
        return [_load(Story, r[0]) for r in self.query("SELECT data FROM stories ORDER BY id")]

    def set_event_groups(self, groups: dict[str, str]) -> None:
        with self.transaction():
            for event_id, group in groups.items():
                row = self.query("SELECT data FROM events WHERE id = ?", (event_id,))
                if not row:
                    continue
                data = json.loads(row[0][0])
                data["event_group"] = group
                self.execute(
                    "UPDATE events SET event_group = ?, data = ? WHERE id = ?",
                    (group, json.dumps(data, ensure_ascii=False), event_id),
                )

    # -- summaries --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("articles", "entities", "mentions", "quotes", "claims", "timexes", "events",
                  "stories")
        out = {t: int(self.query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in tables}
        out["near_duplicates"] = int(self.query(
            "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")[0][0])
        out["sources"] = int(self.query(
            "SELECT COUNT(DISTINCT source) FROM articles")[0][0])
        out["unextracted"] = int(self.query(
            "SELECT COUNT(*) FROM articles WHERE extracted = 0")[0][0])
        return out

    def date_range(self) -> tuple[str | None, str | None]:
        row = self.query("SELECT MIN(published), MAX(published) FROM articles")[0]
        return row[0], row[1]

    def sources(self) -> list[tuple[str, int]]:
        return [(r[0], int(r[1])) for r in self.query(
            "SELECT source, COUNT(*) FROM articles WHERE source IS NOT NULL "
            "GROUP BY source ORDER BY COUNT(*) DESC, source")]


def article_filters(
    alias: str, source: str | None, since: str | None, until: str | None
) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters for the outlet and date filters of a search."""
    where: list[str] = []
    params: list[Any] = []
    if source:
        where.append(f"{alias}source = ?")
        params.append(source)
    if since:
        where.append(f"{alias}published >= ?")
        params.append(since)
    if until:
        # a date prefix compares below its extensions ("2025-10" < "2025-10-31"): pad the bound
        where.append(f"{alias}published <= ?")
        params.append(until + "\uffff")
    return where, params


_RECORDS: dict[str, type] = {"quotes": Quote, "claims": Claim, "timexes": Timex, "events": Event}


def _dump(record: Any) -> str:
    return json.dumps(_plain(record), ensure_ascii=False)


def _plain(value: Any) -> Any:
    """``model.to_dict`` without ``asdict``'s deep copies (the writer's hot path)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {n: _plain(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})


_FIELDS: dict[type, tuple[str, ...]] = {}

_EXTRACTION_INSERTS = {
    "mentions": "INSERT INTO mentions (entity_id, article_id, start_char, end_char, text) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    "roles": "INSERT INTO roles (entity_id, article_id, title) VALUES (?, ?, ?) "
             "ON CONFLICT DO NOTHING",
    "quotes": "INSERT INTO quotes (id, article_id, speaker_id, data) VALUES (?, ?, ?, ?)",
    "claims": "INSERT INTO claims (id, article_id, unit, data) VALUES (?, ?, ?, ?)",
    "timexes": "INSERT INTO timexes (id, article_id, data) VALUES (?, ?, ?)",
    "events": "INSERT INTO events (id, article_id, type, date, event_group, data) "
              "VALUES (?, ?, ?, ?, ?, ?)",
    "event_actors": "INSERT INTO event_actors (event_id, entity_id) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING",
}


def _extraction_rows(
    extraction: Extraction, entity_ids: dict[str, str], text: str,
    rows: dict[str, list[tuple[Any, ...]]],
) -> None:
    """Append one article's rows, entity keys mapped to store ids, to ``rows`` by table."""
    aid = extraction.article_id

    def eid(key: str | None) -> str | None:
        return entity_ids.get(key, key) if key else None

    def refs(chain: Sequence[SourceRef]) -> tuple[SourceRef, ...]:
        return tuple(replace(r, entity_id=eid(r.entity_id)) for r in chain)

    for ent in extraction.entities:
        gid = entity_ids.get(ent.key)
        if gid is None:
            continue
        rows["mentions"] += [(gid, aid, s, e, text[s:e]) for s, e in ent.mentions]
        rows["roles"] += [(gid, aid, r) for r in ent.roles]
    for q in extraction.quotes:
        q = replace(q, speaker_id=eid(q.speaker_id), via=refs(q.via))
        rows["quotes"].append((q.id, aid, q.speaker_id, _dump(q)))
    for c in extraction.claims:
        c = replace(c, attributed_to=refs(c.attributed_to))
        rows["claims"].append((c.id, aid, c.unit, _dump(c)))
    rows["timexes"] += [(t.id, aid, _dump(t)) for t in extraction.timexes]
    for v in extraction.events:
        v = replace(v, source_id=eid(v.source_id), target_id=eid(v.target_id),
                    actors=tuple(x for x in (eid(a) for a in v.actors) if x))
        rows["events"].append((v.id, aid, v.type, v.date, v.event_group, _dump(v)))
        rows["event_actors"] += [(v.id, a) for a in v.actors]


def _load(kind: type, data: str) -> Any:
    """A record from its JSON form (lists back to tuples, source chains to ``SourceRef``)."""
    raw = json.loads(data)
    fields = {}
    for name, value in raw.items():
        if name in ("via", "attributed_to"):
            value = tuple(SourceRef(**v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        fields[name] = value
    known = kind.__dataclass_fields__  # type: ignore[attr-defined]
    return kind(**{k: v for k, v in fields.items() if k in known})
