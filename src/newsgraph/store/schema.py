"""The schema, defined once and rendered for each backend.

Tables are written in a neutral dialect: ``{json}``, ``{blob}``, ``{bigint}``
and ``{real}`` are replaced per backend. Migrations are numbered; a store
records the highest one applied in ``meta.schema_version`` and applies the
rest in order, each in its own transaction. Full-text search is backend
specific and lives beside each backend (``sqlite.py`` FTS5, ``postgres.py``
tsvector/GIN) as that backend's part of migration 1.

Extraction records (quotes, claims, timexes, events) keep their full record
as JSON in ``data`` beside the columns we filter on, so new export fields
need no migration.
"""

from __future__ import annotations

from dataclasses import dataclass

_V1 = [
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL,
        source TEXT,
        published TEXT,
        published_granularity TEXT,
        language TEXT,
        authors {json} NOT NULL,
        related_links {json} NOT NULL,
        metadata {json} NOT NULL,
        story_id TEXT,
        duplicate_of TEXT,
        ingested_at TEXT NOT NULL,
        seq {bigint} NOT NULL,
        extracted INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_url ON articles(url)",
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
    "CREATE INDEX IF NOT EXISTS articles_source ON articles(source)",
    "CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id)",
    "CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq)",
    """CREATE TABLE IF NOT EXISTS minhash_bands (
        band INTEGER NOT NULL, hash TEXT NOT NULL, article_id TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS minhash_bands_key ON minhash_bands(band, hash)",
    """CREATE TABLE IF NOT EXISTS minhash_sigs (
        article_id TEXT PRIMARY KEY, sig {blob} NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS entities (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
        data {json} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS entities_name ON entities(name)",
    """CREATE TABLE IF NOT EXISTS entity_keys (
        key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id)
    )""",
    """CREATE TABLE IF NOT EXISTS mentions (
        entity_id TEXT NOT NULL, article_id TEXT NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (article_id, start_char, end_char)
    )""",
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id)",
    """CREATE TABLE IF NOT EXISTS roles (
        entity_id TEXT NOT NULL, article_id TEXT NOT NULL, title TEXT NOT NULL,
        PRIMARY KEY (entity_id, article_id, title)
    )""",
    """CREATE TABLE IF NOT EXISTS quotes (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, speaker_id TEXT, data {json} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id)",
    """CREATE TABLE IF NOT EXISTS claims (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, unit TEXT, data {json} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id)",
    """CREATE TABLE IF NOT EXISTS timexes (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, data {json} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS timexes_article ON timexes(article_id)",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, type TEXT NOT NULL, date TEXT,
        event_group TEXT, data {json} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    "CREATE INDEX IF NOT EXISTS events_type ON events(type)",
    """CREATE TABLE IF NOT EXISTS event_actors (
        event_id TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (event_id, entity_id)
    )""",
    "CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors(entity_id)",
    """CREATE TABLE IF NOT EXISTS stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, first_seen TEXT, last_seen TEXT,
        data {json} NOT NULL
    )""",
]


@dataclass(frozen=True)
class Dialect:
    name: str
    json: str
    blob: str
    bigint: str
    real: str


SQLITE = Dialect("sqlite", json="TEXT", blob="BLOB", bigint="INTEGER", real="REAL")
POSTGRES = Dialect(
    "postgresql", json="TEXT", blob="BYTEA", bigint="BIGINT", real="DOUBLE PRECISION"
)

# version -> statements; later migrations are appended, never edited.
MIGRATIONS: dict[int, list[str]] = {1: _V1}

# 2: partitions of an archive finished by ``newsgraph process`` (resume skips them).
MIGRATIONS[2] = [
    """CREATE TABLE IF NOT EXISTS partitions (
        partition_id TEXT PRIMARY KEY, archive TEXT NOT NULL, first_item INTEGER NOT NULL,
        items INTEGER NOT NULL, articles INTEGER NOT NULL, finished_at TEXT NOT NULL
    )""",
]

# 3: incremental story clustering state (link/story_store.py): each story's
# centroid, names and years as JSON, an inverted index of its top terms, and
# document frequencies of hashed terms (the document count is in meta).
MIGRATIONS[3] = [
    """CREATE TABLE IF NOT EXISTS story_state (story_id TEXT PRIMARY KEY, data {json} NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS story_terms (term INTEGER NOT NULL, story_id TEXT NOT NULL,
        seq {bigint} NOT NULL DEFAULT 0, PRIMARY KEY (term, story_id))""",
    "CREATE INDEX IF NOT EXISTS story_terms_story ON story_terms(story_id)",
    # the most recent stories of a term, read without touching its older postings
    "CREATE INDEX IF NOT EXISTS story_terms_recent ON story_terms(term, seq)",
    """CREATE TABLE IF NOT EXISTS term_df (term INTEGER PRIMARY KEY, df {bigint} NOT NULL)""",
]

# 4: the day (date ordinal) a story posting was last active, so a dated article's
# candidate stories are read from the months around its date (link/story_store.py).
MIGRATIONS[4] = [
    "ALTER TABLE story_terms ADD COLUMN last_day {bigint}",
    "CREATE INDEX IF NOT EXISTS story_terms_day ON story_terms(term, last_day)",
]

# The highest migration, whichever were added last.
SCHEMA_VERSION = max(MIGRATIONS)


def render(statements: list[str], dialect: Dialect) -> list[str]:
    """The statements with the neutral type names replaced for ``dialect``."""
    names = {"json": dialect.json, "blob": dialect.blob, "bigint": dialect.bigint,
             "real": dialect.real}
    return [s.format(**names) for s in statements]
