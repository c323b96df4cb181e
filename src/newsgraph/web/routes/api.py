"""The JSON API under /api/: the reads the pages and the CLI use, paginated with limit/offset.

Lists answer ``{"limit", "offset", "next_offset", "items"}`` (``next_offset``
is null on the last page); search adds ``total``, ``capped`` and ``facets``.
Every route is a GET; there is nothing to write.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ...store import reads
from ...store.sql import SQLStore
from .. import views
from ..app import get_store, not_found
from ..params import Date, Id, Limit, Offset, Query_, Text, Type, blank


class ErrorBody(BaseModel):
    """What a 404 or 400 answers."""

    error: str


class InvalidBody(BaseModel):
    """What a 422 answers: one message per bad parameter, naming it."""

    error: str
    messages: list[str]


router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={
        404: {"model": ErrorBody, "description": "no such record"},
        422: {"model": InvalidBody, "description": "a parameter is invalid"},
    },
)
Store = Depends(get_store)


def page(items: list[Any], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(items) == limit else None,
        "items": views.jsonable(items),
        **extra,
    }


@router.get("/stats", summary="Counts of every record kind and the publication date range")
def stats(store: SQLStore = Store) -> dict[str, Any]:
    first, last = store.date_range()
    return {
        "counts": store.counts(),
        "first_published": first,
        "last_published": last,
        "sources": [{"source": s, "articles": n} for s, n in store.sources()[:50]],
    }


@router.get(
    "/search", summary="Full-text search (or browse when q is empty) with filters and facets"
)
def search(
    q: Query_ = "",
    source: Text = None,
    since: Date = None,
    until: Date = None,
    entity: Text = None,
    event_type: Type = None,
    limit: Limit = 20,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> dict[str, Any]:
    flt = reads.ArticleFilter(
        blank(source), blank(since), blank(until), blank(entity), blank(event_type)
    )
    result = reads.search_articles(store, q, flt, limit, offset)
    return page(
        list(result.hits),
        limit,
        offset,
        total=result.total,
        capped=result.capped,
        facets=views.jsonable(result.facets),
    )


@router.get(
    "/articles/{article_id}", summary="One article with its entities, quotes, figures, events"
)
def article(article_id: Id, store: SQLStore = Store) -> dict[str, Any]:
    found = store.get_article(article_id)
    if found is None:
        raise not_found("article", article_id)
    view = views.article_view(store, found)
    return views.jsonable(view)


@router.get("/entities", summary="Entities by mention count, filtered by type and name")
def entities(
    type: Type = None,
    name: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> dict[str, Any]:
    rows = reads.entity_list(store, blank(type), blank(name), limit, offset)
    return page(rows, limit, offset)


@router.get(
    "/entities/{entity_id}", summary="An entity: aliases, roles, monthly mentions, co-mentions"
)
def entity(entity_id: Id, store: SQLStore = Store) -> dict[str, Any]:
    view = views.entity_view(store, entity_id)
    if view is None:
        raise not_found("entity", entity_id)
    return views.jsonable(view)


@router.get("/quotes", summary="Quotes filtered by speaker entity id, speaker name and text")
def quotes(
    speaker_id: Text = None,
    speaker: Text = None,
    text: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> dict[str, Any]:
    rows = reads.quotes(
        store, blank(speaker_id), blank(speaker), blank(text), limit=limit, offset=offset
    )
    return page(rows, limit, offset)


@router.get("/events", summary="Events filtered by actor entity id, PLOVER type and dates")
def events(
    actor: Text = None,
    type: Type = None,
    since: Date = None,
    until: Date = None,
    limit: Limit = 50,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> dict[str, Any]:
    rows = reads.events(
        store, blank(actor), blank(type), blank(since), blank(until), limit=limit, offset=offset
    )
    return page(rows, limit, offset)


@router.get("/stories", summary="Stories, largest first")
def stories(limit: Limit = 50, offset: Offset = 0, store: SQLStore = Store) -> dict[str, Any]:
    rows = reads.story_sizes(store, limit, offset)
    items = [
        {"id": r[0], "title": r[1], "first_seen": r[2], "last_seen": r[3], "articles": r[4]}
        for r in rows
    ]
    return page(items, limit, offset)


@router.get(
    "/stories/{story_id}", summary="A story: outlets, articles, events, conflicting figures"
)
def story(story_id: Id, store: SQLStore = Store) -> dict[str, Any]:
    view = views.story_view(store, story_id)
    if view is None:
        raise not_found("story", story_id)
    return views.jsonable(view)


@router.get(
    "/stories/{story_id}/briefing", summary="A story's extractive briefing, every line cited"
)
def story_briefing(story_id: Id, store: SQLStore = Store) -> dict[str, Any]:
    briefing = views.story_briefing(store, story_id)
    if briefing is None:
        raise not_found("story", story_id)
    return {**views.jsonable(briefing), "markdown": briefing.markdown()}


@router.get("/figures/units", summary="Units of the stored figures with their counts")
def figure_units(store: SQLStore = Store) -> list[dict[str, Any]]:
    return views.jsonable(reads.claim_units(store))


@router.get("/figures", summary="Figures for one unit (empty = figures without a unit) and subject")
def figures(
    unit: Text = None,
    subject: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> dict[str, Any]:
    rows = reads.claims(
        store,
        unit.strip() if unit is not None else None,
        blank(subject),
        limit=limit,
        offset=offset,
    )
    return page(rows, limit, offset)
