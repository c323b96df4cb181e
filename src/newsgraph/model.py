"""The records newsgraph reads, extracts and stores.

Every record is a frozen dataclass. Their fields follow the export schema
``newsgraph/v1`` (``docs/data-model.md``): fields are only ever added, never
renamed. Character offsets are Python ``str`` indices into ``Article.text``.

Two layers:

* ``RawArticle`` is what a reader in ``ingest/`` yields: text as found, no id.
* ``Article`` and the extraction records are what the store holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "newsgraph/v1"

QuoteKind = Literal["direct", "partial", "indirect", "mixed"]
Approx = Literal["exact", "about", "at_least", "at_most", "range"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal["occurred", "planned", "hypothetical", "negated"]
Granularity = Literal["year", "season", "quarter", "month", "week", "day", "time"]


@dataclass(frozen=True)
class RawArticle:
    """One article as a reader found it, before normalisation.

    ``origin`` names where it came from for error messages and progress
    ("digest.txt:12", "https://…"). ``published`` is whatever the source gave
    (ISO text, RFC 822, …); ``normalize.dates`` turns it into ISO.
    """

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    related_links: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    # JSONL text is kept byte-for-byte so a user's own offsets stay valid.
    verbatim: bool = False


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None
    text: str
    url: str | None
    source: str | None
    published: str | None  # ISO, truncated to ``published_granularity``
    language: str | None
    authors: tuple[str, ...] = ()
    story_id: str | None = None
    duplicate_of: str | None = None
    related_links: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    published_granularity: str | None = None
    content_hash: str = ""
    ingested_at: str | None = None


@dataclass(frozen=True)
class SourceRef:
    """One link of an attribution chain: a named source, maybe resolved."""

    name: str
    entity_id: str | None = None


@dataclass(frozen=True)
class Role:
    title: str
    article_id: str


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[Role, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class ArticleEntity:
    """An entity as found inside one article, before cross-article linking.

    ``key`` is unique within the article; extractors that refer to an entity
    (a quote's speaker, an event's actor) use it until ``link.resolve``
    replaces it with a store-wide ``Entity.id``.
    """

    key: str
    name: str
    type: str
    mentions: tuple[tuple[int, int], ...]
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[str, ...] = ()
    salience: float = 0.0


@dataclass(frozen=True)
class Quote:
    id: str
    article_id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Claim:
    id: str
    article_id: str
    value: float
    value_max: float | None
    approx: Approx
    value_text: str
    unit: str | None
    subject: str | None
    start: int
    end: int
    attributed_to: tuple[SourceRef, ...] = ()
    date: str | None = None


@dataclass(frozen=True)
class Timex:
    id: str
    article_id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str | None
    mod: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    article_id: str
    type: str
    mode: str | None
    source_id: str | None
    target_id: str | None
    actors: tuple[str, ...]
    date: str | None
    date_end: str | None
    granularity: str | None
    date_text: str | None
    location: str | None
    status: EventStatus
    trigger: str
    sentence: str
    start: int
    end: int
    event_group: str | None = None
    source_name: str | None = None
    target_name: str | None = None


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one article, with article-local keys."""

    article_id: str
    entities: tuple[ArticleEntity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    dateline: str | None = None


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (tuples become lists)."""
    return _listify(asdict(record))


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _listify(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_listify(v) for v in value]
    return value
