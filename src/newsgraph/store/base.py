"""The ``Store`` protocol: what the pipeline, the API and the web UI need of a database.

Two implementations share most of their SQL through ``store.sql.SQLStore``:
``store.sqlite.SQLiteStore`` (embedded default) and
``store.postgres.PostgresStore`` (server backend). ``open_store`` picks one
from a path or a ``postgresql://`` URL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..model import Article, Entity, Event, Extraction, Story


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    source: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True)
class AddResult:
    """What one ``add_articles`` batch did."""

    added: tuple[str, ...]
    duplicates: tuple[str, ...]  # ids (or URLs) already stored, skipped
    near_duplicates: tuple[tuple[str, str], ...]  # (article id, duplicate_of id)


class Store(Protocol):
    url: str

    def close(self) -> None: ...

    # articles
    def add_articles(self, articles: Sequence[Article]) -> AddResult: ...
    def get_article(self, article_id: str) -> Article | None: ...
    def iter_articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]: ...
    def article_ids(self, unextracted_only: bool = False) -> list[str]: ...
    def search(
        self,
        query: str,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]: ...

    # extraction
    def save_extraction(self, extraction: Extraction, entity_ids: dict[str, str]) -> None: ...
    def entity_candidates(self, keys: Sequence[str]) -> list[Entity]: ...
    def upsert_entity(self, entity: Entity, keys: Sequence[str]) -> None: ...
    def get_entity(self, entity_id: str) -> Entity | None: ...

    # linking
    def set_story(self, article_id: str, story_id: str) -> None: ...
    def save_story(self, story: Story) -> None: ...
    def set_event_groups(self, groups: dict[str, str]) -> None: ...
    def events(self, article_ids: Sequence[str] | None = None) -> list[Event]: ...

    def counts(self) -> dict[str, int]: ...
