"""Read queries shared by the web UI, the JSON API and the CLI.

Each function takes an ``SQLStore`` and runs SQL that SQLite and PostgreSQL
both accept (``?`` placeholders through ``store.query``; ``SUBSTR``, ``LOWER``,
``LIKE … ESCAPE``, ``COUNT(DISTINCT …)``, ``IN (SELECT …)``). They return small frozen
rows, never cursors, so callers can render or serialise them directly.

Extraction records keep their fields as JSON in ``data``; where we filter on a
field that has no column (a quote's text or speaker name, a claim's subject)
we match the serialised JSON between that field's key and the next key, which
``store.sql._dump`` writes in record order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..model import Claim, Event, Quote
from .base import SearchHit
from .sql import SQLStore, _load

# Full-text hits beyond this many are not filtered or faceted: the page says so.
HIT_CAP = 1000
_CHUNK = 500


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    snippet: str | None = None


@dataclass(frozen=True)
class EntityRow:
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class Neighbour:
    id: str
    name: str
    type: str
    articles: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    articles: int


@dataclass(frozen=True)
class MonthCount:
    month: str
    mentions: int
    articles: int


@dataclass(frozen=True)
class QuoteRow:
    quote: Quote
    article: ArticleRow


@dataclass(frozen=True)
class EventRow:
    event: Event
    article: ArticleRow


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    article: ArticleRow


@dataclass(frozen=True)
class Facet:
    value: str
    count: int
    label: str = ""  # a display name when ``value`` is an id


@dataclass(frozen=True)
class Facets:
    outlets: tuple[Facet, ...]
    months: tuple[Facet, ...]
    entity_types: tuple[Facet, ...]
    event_types: tuple[Facet, ...]
    entities: tuple[Facet, ...] = ()  # most-named entities (full-text hit sets only)


@dataclass(frozen=True)
class ArticleFilter:
    """Filters every article list accepts; ``ids`` restricts to a full-text hit set."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity_id: str | None = None
    event_type: str | None = None
    ids: tuple[str, ...] | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``articles a`` and its parameters."""
        clauses, params = ["1 = 1"], []
        if self.source:
            clauses.append("a.source = ?")
            params.append(self.source)
        if self.since:
            clauses.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("a.published <= ?")  # pad so "2025-10" includes "2025-10-31"
            params.append(self.until + "\uffff")
        if self.entity_id:
            # an uncorrelated IN is evaluated once, from the entity's index entries
            clauses.append("a.id IN (SELECT m0.article_id FROM mentions m0 WHERE m0.entity_id = ?)")
            params.append(self.entity_id)
        if self.event_type:
            clauses.append("a.id IN (SELECT v0.article_id FROM events v0 WHERE v0.type = ?)")
            params.append(self.event_type)
        if self.ids is not None:
            if not self.ids:
                clauses.append("1 = 0")
            else:
                clauses.append(f"a.id IN ({_marks(self.ids)})")
                params += list(self.ids)
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class SearchResult:
    total: int
    capped: bool  # the full-text hit set was cut at HIT_CAP before filtering
    hits: tuple[ArticleRow, ...]
    facets: Facets


def _marks(items: Sized) -> str:
    return ", ".join("?" for _ in range(len(items)))


def like(needle: str) -> str:
    """A case-insensitive LIKE pattern for ``needle`` with its wildcards escaped."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _json_like(field: str, next_field: str, needle: str) -> str:
    """A pattern matching ``needle`` inside one string field of a record's JSON."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f'%"{field}": "%{escaped}%", "{next_field}": %'


def _article_row(row: Sequence[Any], offset: int = 0) -> ArticleRow:
    return ArticleRow(*row[offset : offset + 5])


_ROW = "a.id, a.title, a.source, a.published, a.url"


# -- articles and search -----------------------------------------------------------


def browse_articles(
    store: SQLStore, flt: ArticleFilter, limit: int = 20, offset: int = 0
) -> tuple[int, list[ArticleRow]]:
    """Articles matching ``flt``, newest first, with the total count."""
    where, params = flt.where()
    total = int(store.query(f"SELECT COUNT(*) FROM articles a WHERE {where}", params)[0][0])
    rows = store.query(
        f"SELECT {_ROW} FROM articles a WHERE {where} "
        "ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [_article_row(r) for r in rows]


def search_articles(
    store: SQLStore, query: str, flt: ArticleFilter, limit: int = 20, offset: int = 0
) -> SearchResult:
    """Full-text search (or browsing when ``query`` is blank) with filters and facets.

    The backend ranks at most ``HIT_CAP`` full-text hits; entity and event-type
    filters and the facet counts are then applied to that hit set in SQL.
    """
    if not query.strip():
        total, listed = browse_articles(store, flt, limit, offset)
        return SearchResult(total, False, tuple(listed), search_facets(store, flt))
    # each backend (SQLite FTS5, PostgreSQL tsvector) defines ``search``
    hits: list[SearchHit] = store.search(  # type: ignore[attr-defined]
        query, source=flt.source, since=flt.since, until=flt.until, limit=HIT_CAP, offset=0
    )
    capped = len(hits) >= HIT_CAP
    if flt.entity_id or flt.event_type:
        keep = set(_filter_ids(store, [h.article_id for h in hits], flt))
        hits = [h for h in hits if h.article_id in keep]
    ids = tuple(h.article_id for h in hits)
    page = hits[offset : offset + limit]
    urls = (
        dict(
            store.query(
                f"SELECT id, url FROM articles WHERE id IN ({_marks(page)})",
                [h.article_id for h in page],
            )
        )
        if page
        else {}
    )
    rows = tuple(
        ArticleRow(h.article_id, h.title, h.source, h.published, urls.get(h.article_id), h.snippet)
        for h in page
    )
    facets = search_facets(store, ArticleFilter(ids=ids))
    return SearchResult(len(hits), capped, rows, facets)


def _filter_ids(store: SQLStore, ids: Sequence[str], flt: ArticleFilter) -> list[str]:
    out: list[str] = []
    for chunk in _chunks(ids):
        where, params = ArticleFilter(
            entity_id=flt.entity_id, event_type=flt.event_type, ids=tuple(chunk)
        ).where()
        out += [r[0] for r in store.query(f"SELECT a.id FROM articles a WHERE {where}", params)]
    return out


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def search_facets(store: SQLStore, flt: ArticleFilter, top: int = 12) -> Facets:
    """Counts of articles per outlet, month, entity type, event type and entity within ``flt``."""
    if flt.ids is not None and len(flt.ids) > _CHUNK:
        # large hit sets are counted chunk by chunk and summed
        parts = [
            search_facets(store, ArticleFilter(ids=tuple(c)), top=10_000) for c in _chunks(flt.ids)
        ]
        return Facets(
            *(
                _merge([getattr(p, f) for p in parts], top)
                for f in ("outlets", "months", "entity_types", "event_types", "entities")
            )
        )
    where, params = flt.where()
    outlets = store.query(
        f"SELECT a.source, COUNT(*) FROM articles a WHERE {where} AND a.source IS NOT NULL "
        "GROUP BY a.source ORDER BY COUNT(*) DESC, a.source LIMIT ?",
        [*params, top],
    )
    months = store.query(
        f"SELECT SUBSTR(a.published, 1, 7), COUNT(*) FROM articles a WHERE {where} "
        "AND a.published IS NOT NULL GROUP BY SUBSTR(a.published, 1, 7) "
        "ORDER BY SUBSTR(a.published, 1, 7) DESC LIMIT ?",
        [*params, max(top, 24)],
    )
    etypes: list[tuple[Any, ...]] = []
    entities: list[tuple[Any, ...]] = []
    if flt.ids is not None:
        # distinct (article, type) pairs per type: cheap for a full-text hit set (at most
        # HIT_CAP articles), a scan of most mentions when browsing, so browsing omits it
        etypes = store.query(
            "SELECT x.type, COUNT(*) FROM (SELECT DISTINCT m.article_id, e.type FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id "
            f"WHERE {where}) x GROUP BY x.type ORDER BY COUNT(*) DESC, x.type LIMIT ?",
            [*params, top],
        )
        entities = store.query(
            "SELECT x.entity_id, COUNT(*), e.name FROM (SELECT DISTINCT m.article_id, m.entity_id "
            f"FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {where}) x "
            "JOIN entities e ON e.id = x.entity_id GROUP BY x.entity_id, e.name "
            "ORDER BY COUNT(*) DESC, e.name LIMIT ?",
            [*params, top],
        )
    vtypes = store.query(
        "SELECT x.type, COUNT(*) FROM (SELECT DISTINCT v.article_id, v.type FROM events v "
        f"JOIN articles a ON a.id = v.article_id WHERE {where}) x GROUP BY x.type "
        "ORDER BY COUNT(*) DESC, x.type LIMIT ?",
        [*params, top],
    )
    return Facets(
        *(
            tuple(Facet(str(r[0]), int(r[1]), *r[2:]) for r in rows)
            for rows in (outlets, months, etypes, vtypes, entities)
        )
    )


def _merge(groups: list[tuple[Facet, ...]], top: int) -> tuple[Facet, ...]:
    total: dict[str, int] = defaultdict(int)
    labels: dict[str, str] = {}
    for group in groups:
        for f in group:
            total[f.value] += f.count
            labels.setdefault(f.value, f.label)
    ranked = sorted(total.items(), key=lambda x: (-x[1], labels[x[0]] or x[0]))[:top]
    return tuple(Facet(v, n, labels[v]) for v, n in ranked)


def near_duplicates(store: SQLStore, article_id: str, duplicate_of: str | None) -> list[ArticleRow]:
    """Articles marked as near-duplicates of this one, or of the same original."""
    root = duplicate_of or article_id
    rows = store.query(
        f"SELECT {_ROW} FROM articles a WHERE (a.duplicate_of = ? OR a.id = ?) AND a.id <> ? "
        "ORDER BY a.published, a.id LIMIT 50",
        (root, root, article_id),
    )
    return [_article_row(r) for r in rows]


# -- entities -------------------------------------------------------------------


def entity_types(store: SQLStore) -> list[Facet]:
    rows = store.query(
        "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY COUNT(*) DESC, type"
    )
    return [Facet(t, int(n)) for t, n in rows]


def entity_list(
    store: SQLStore,
    type: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EntityRow]:
    """Entities by mention count, with article counts and first/last publication seen.

    Ranking needs only the mention index; the costlier per-entity figures
    (distinct articles, first and last dates) are computed for the page alone.
    """
    clauses, params = ["1 = 1"], []
    if type:
        clauses.append("e.type = ?")
        params.append(type)
    if name:
        clauses.append("LOWER(e.name) LIKE ? ESCAPE '\\'")
        params.append(like(name))
    ranked = store.query(
        "SELECT e.id, e.name, e.type, r.n FROM (SELECT entity_id, COUNT(*) AS n FROM mentions "
        "GROUP BY entity_id) r JOIN entities e ON e.id = r.entity_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY r.n DESC, e.name, e.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if not ranked:
        return []
    ids = [r[0] for r in ranked]
    details = {
        r[0]: r[1:]
        for r in store.query(
            "SELECT m.entity_id, COUNT(DISTINCT m.article_id), MIN(a.published), "
            "MAX(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.entity_id IN ({_marks(ids)}) GROUP BY m.entity_id",
            ids,
        )
    }
    return [
        EntityRow(
            r[0], r[1], r[2], int(r[3]), int(details[r[0]][0]), details[r[0]][1], details[r[0]][2]
        )
        for r in ranked
    ]


def entity_months(store: SQLStore, entity_id: str) -> list[MonthCount]:
    """An entity's mentions and articles per publication month, oldest first."""
    rows = store.query(
        "SELECT SUBSTR(a.published, 1, 7), COUNT(*), COUNT(DISTINCT a.id) FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND a.published IS NOT NULL "
        "GROUP BY SUBSTR(a.published, 1, 7) ORDER BY SUBSTR(a.published, 1, 7)",
        (entity_id,),
    )
    return [MonthCount(r[0], int(r[1]), int(r[2])) for r in rows]


def ego_network(
    store: SQLStore, entity_id: str, size: int = 20
) -> tuple[list[Neighbour], list[Edge]]:
    """Who is named in the same articles as ``entity_id``, and how those others co-occur.

    One query fetches the distinct (article, entity) pairs of the entity's
    articles; counting them here is several times cheaper than a self-join of
    ``mentions`` in SQL for a busy entity.
    """
    rows = store.query(
        "SELECT DISTINCT m.article_id, m.entity_id FROM mentions m WHERE m.article_id IN "
        "(SELECT article_id FROM mentions WHERE entity_id = ?)",
        (entity_id,),
    )
    by_article: dict[str, list[str]] = defaultdict(list)
    for article_id, other in rows:
        if other != entity_id:
            by_article[article_id].append(other)
    shared = Counter(e for ents in by_article.values() for e in ents)
    if not shared:
        return [], []
    ids = [e for e, _ in shared.most_common()]
    names = {
        r[0]: (r[1], r[2])
        for r in store.query(
            f"SELECT id, name, type FROM entities WHERE id IN ({_marks(ids[: size * 4])})",
            ids[: size * 4],
        )
    }
    ranked = sorted(ids[: size * 4], key=lambda e: (-shared[e], names.get(e, (e,))[0]))[:size]
    top = set(ranked)
    pairs: Counter[tuple[str, str]] = Counter()
    for ents in by_article.values():
        pairs.update(combinations(sorted(e for e in ents if e in top), 2))
    neighbours = [Neighbour(e, *names.get(e, (e, "")), shared[e]) for e in ranked]
    return neighbours, [Edge(x, y, n) for (x, y), n in sorted(pairs.items())]


def co_mentioned(store: SQLStore, entity_id: str, limit: int = 20) -> list[Neighbour]:
    """Entities named in the same articles, by number of shared articles."""
    return ego_network(store, entity_id, limit)[0]


def article_mentions(store: SQLStore, article_id: str) -> list[tuple[str, str, str, int, int]]:
    """(entity id, name, type, start, end) of every mention in one article."""
    rows = store.query(
        "SELECT m.entity_id, e.name, e.type, m.start_char, m.end_char FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start_char",
        (article_id,),
    )
    return [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]


# -- quotes, events, claims --------------------------------------------------------


def quotes(
    store: SQLStore,
    speaker_id: str | None = None,
    speaker: str | None = None,
    text: str | None = None,
    article_ids: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes, newest article first, filtered by speaker entity, speaker name and text."""
    clauses, params = ["1 = 1"], []
    if speaker_id:
        clauses.append("q.speaker_id = ?")
        params.append(speaker_id)
    if speaker:
        clauses.append(
            "(LOWER(COALESCE(e.name, '')) LIKE ? ESCAPE '\\' OR LOWER(q.data) LIKE ? ESCAPE '\\')"
        )
        params += [like(speaker), _json_like("speaker_name", "speaker_start", speaker)]
    if text:
        clauses.append("LOWER(q.data) LIKE ? ESCAPE '\\'")
        params.append(_json_like("text", "start", text))
    if article_ids is not None:
        clauses.append(f"q.article_id IN ({_marks(article_ids)})" if article_ids else "1 = 0")
        params += list(article_ids)
    rows = store.query(
        f"SELECT q.data, {_ROW} FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN entities e ON e.id = q.speaker_id WHERE {' AND '.join(clauses)} "
        "ORDER BY a.published DESC, q.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [QuoteRow(_load(Quote, r[0]), _article_row(r, 1)) for r in rows]


def events(
    store: SQLStore,
    actor_id: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article_ids: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
    newest_first: bool = False,
) -> list[EventRow]:
    """Events by date (undated ones by their article's date), filtered by actor, type and dates."""
    clauses, params = ["1 = 1"], []
    if actor_id:
        clauses.append("v.id IN (SELECT x.event_id FROM event_actors x WHERE x.entity_id = ?)")
        params.append(actor_id)
    if type:
        clauses.append("v.type = ?")
        params.append(type)
    if since:
        clauses.append("COALESCE(v.date, a.published) >= ?")
        params.append(since)
    if until:
        clauses.append("COALESCE(v.date, a.published) <= ?")
        params.append(until + "\uffff")
    if article_ids is not None:
        clauses.append(f"v.article_id IN ({_marks(article_ids)})" if article_ids else "1 = 0")
        params += list(article_ids)
    order = "DESC" if newest_first else "ASC"
    rows = store.query(
        f"SELECT v.data, {_ROW} FROM events v JOIN articles a ON a.id = v.article_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY COALESCE(v.date, a.published) {order}, v.id "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [EventRow(_load(Event, r[0]), _article_row(r, 1)) for r in rows]


def event_types(store: SQLStore) -> list[Facet]:
    rows = store.query(
        "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type"
    )
    return [Facet(t, int(n)) for t, n in rows]


def claim_units(store: SQLStore) -> list[Facet]:
    """Units of the stored figures with how many claims each ("" for figures without a unit)."""
    rows = store.query(
        "SELECT COALESCE(unit, ''), COUNT(*) FROM claims "
        "GROUP BY COALESCE(unit, '') ORDER BY COUNT(*) DESC, COALESCE(unit, '')"
    )
    return [Facet(u, int(n)) for u, n in rows]


def claims(
    store: SQLStore,
    unit: str | None = None,
    subject: str | None = None,
    article_ids: Sequence[str] | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[ClaimRow]:
    """Figures oldest first, for one unit ("" = no unit) and a subject filter."""
    clauses, params = ["1 = 1"], []
    if unit is not None:
        clauses.append("COALESCE(c.unit, '') = ?")
        params.append(unit)
    if subject:
        clauses.append("LOWER(c.data) LIKE ? ESCAPE '\\'")
        params.append(_json_like("subject", "start", subject))
    if article_ids is not None:
        clauses.append(f"c.article_id IN ({_marks(article_ids)})" if article_ids else "1 = 0")
        params += list(article_ids)
    rows = store.query(
        f"SELECT c.data, {_ROW} FROM claims c JOIN articles a ON a.id = c.article_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY a.published, c.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [ClaimRow(_load(Claim, r[0]), _article_row(r, 1)) for r in rows]


def claims_by_unit(rows: Sequence[ClaimRow]) -> dict[str, list[ClaimRow]]:
    """Figures grouped by unit ("" for none), in first-seen order."""
    out: dict[str, list[ClaimRow]] = defaultdict(list)
    for row in rows:
        out[row.claim.unit or ""].append(row)
    return dict(out)


# -- stories ----------------------------------------------------------------------


@dataclass(frozen=True)
class OutletCoverage:
    source: str
    first_seen: str | None
    articles: int


def story_articles(store: SQLStore, story_id: str, limit: int = 500) -> list[ArticleRow]:
    """A story's articles in publication order."""
    rows = store.query(
        f"SELECT {_ROW} FROM articles a WHERE a.story_id = ? ORDER BY a.published, a.id LIMIT ?",
        (story_id, limit),
    )
    return [_article_row(r) for r in rows]


def story_outlets(store: SQLStore, story_id: str) -> list[OutletCoverage]:
    """Each outlet covering a story, with when it first published on it."""
    rows = store.query(
        "SELECT COALESCE(a.source, '(unknown)'), MIN(a.published), COUNT(*) FROM articles a "
        "WHERE a.story_id = ? GROUP BY COALESCE(a.source, '(unknown)') "
        "ORDER BY MIN(a.published), COALESCE(a.source, '(unknown)')",
        (story_id,),
    )
    return [OutletCoverage(r[0], r[1], int(r[2])) for r in rows]


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    articles: int
    outlets: int


def story_list(store: SQLStore, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Stories with at least one article, largest first, with their outlet counts."""
    rows = store.query(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, COUNT(a.id), "
        "COUNT(DISTINCT a.source) FROM stories s JOIN articles a ON a.story_id = s.id "
        "GROUP BY s.id, s.title, s.first_seen, s.last_seen "
        "ORDER BY COUNT(a.id) DESC, s.last_seen DESC, s.id LIMIT ? OFFSET ?",
        (limit, offset))
    return [StoryRow(r[0], r[1], r[2], r[3], int(r[4]), int(r[5])) for r in rows]


def story_sizes(
    store: SQLStore, limit: int = 50, offset: int = 0
) -> list[tuple[str, str, str | None, str | None, int]]:
    """(id, title, first seen, last seen, article count) of stories, largest first."""
    rows = store.query(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, COALESCE(n.articles, 0) FROM stories s "
        "LEFT JOIN (SELECT story_id, COUNT(*) AS articles FROM articles "
        "WHERE story_id IS NOT NULL GROUP BY story_id) n ON n.story_id = s.id "
        "ORDER BY COALESCE(n.articles, 0) DESC, s.last_seen DESC, s.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]


def get_story(store: SQLStore, story_id: str) -> tuple[str, str, str | None, str | None] | None:
    """(id, title, first seen, last seen) of one story, or None."""
    rows = store.query(
        "SELECT id, title, first_seen, last_seen FROM stories WHERE id = ?", (story_id,)
    )
    return tuple(rows[0]) if rows else None  # type: ignore[return-value]
