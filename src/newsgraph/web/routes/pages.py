"""The HTML pages: home, search, article, entities, entity, stories, story, figures, API.

Each page gathers its data through ``store.reads`` / ``web.views`` and renders
a template; templates escape everything, and the only HTML built in Python is
``web.highlight``'s, which escapes each text piece itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse

from ...store import reads
from ...store.sql import SQLStore
from .. import views
from ..app import get_store, not_found
from ..highlight import highlight
from ..params import Date, Id, Offset, Query_, Text, Type, blank
from ..render import render

router = APIRouter(include_in_schema=False)
Store = Depends(get_store)
PAGE = 20


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: SQLStore = Store) -> HTMLResponse:
    first, last = store.date_range()
    return render(
        request,
        "home.html",
        {
            "title": "Overview",
            "counts": store.counts(),
            "first": first,
            "last": last,
            "sources": store.sources()[:12],
            "stories": reads.story_sizes(store, 8),
            "entity_types": reads.entity_types(store)[:10],
            "event_types": reads.event_types(store)[:12],
            "units": reads.claim_units(store)[:10],
            "recent": reads.browse_articles(store, reads.ArticleFilter(), 8)[1],
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Query_ = "",
    source: Text = None,
    since: Date = None,
    until: Date = None,
    entity: Text = None,
    event_type: Type = None,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> HTMLResponse:
    flt = reads.ArticleFilter(
        blank(source), blank(since), blank(until), blank(entity), blank(event_type)
    )
    result = reads.search_articles(store, q, flt, PAGE, offset)
    entity_name = None
    if flt.entity_id:
        found = store.get_entity(flt.entity_id, with_mentions=False)
        entity_name = found.name if found else flt.entity_id
    params = {
        "q": q,
        "source": flt.source,
        "since": flt.since,
        "until": flt.until,
        "entity": flt.entity_id,
        "event_type": flt.event_type,
    }
    return render(
        request,
        "search.html",
        {
            "title": f"Search: {q}" if q.strip() else "Browse articles",
            "result": result,
            "params": params,
            "offset": offset,
            "page": PAGE,
            "entity_name": entity_name,
            "sources": store.sources()[:100],
            "event_types": reads.event_types(store),
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Id, store: SQLStore = Store) -> HTMLResponse:
    found = store.get_article(article_id)
    if found is None:
        raise not_found("article", article_id)
    view = views.article_view(store, found)
    entities: dict[str, tuple[str, str, int]] = {}
    for m in view.mentions:
        name, etype, n = entities.get(m.entity_id, (m.name, m.type, 0))
        entities[m.entity_id] = (name, etype, n + 1)
    return render(
        request,
        "article.html",
        {
            "title": found.title or found.id,
            "v": view,
            "a": found,
            "body": highlight(found.text, view.spans()),
            "entities": sorted(entities.items(), key=lambda kv: (-kv[1][2], kv[1][0])),
        },
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    type: Type = None,
    name: Text = None,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> HTMLResponse:
    rows = reads.entity_list(store, blank(type), blank(name), 50, offset)
    return render(
        request,
        "entities.html",
        {
            "title": "Entities",
            "rows": rows,
            "types": reads.entity_types(store),
            "params": {"type": blank(type), "name": blank(name)},
            "offset": offset,
            "page": 50,
        },
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: Id, store: SQLStore = Store) -> HTMLResponse:
    view = views.entity_view(store, entity_id)
    if view is None:
        raise not_found("entity", entity_id)
    roles: dict[str, int] = {}
    for r in view.entity.roles:
        roles[r.title] = roles.get(r.title, 0) + 1
    return render(
        request,
        "entity.html",
        {
            "title": view.entity.name,
            "v": view,
            "e": view.entity,
            "roles": sorted(roles.items(), key=lambda kv: -kv[1]),
            "chart": view.chart(),
            "graph": view.graph(),
        },
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, offset: Offset = 0, store: SQLStore = Store) -> HTMLResponse:
    return render(
        request,
        "stories.html",
        {
            "title": "Stories",
            "rows": reads.story_sizes(store, 50, offset),
            "offset": offset,
            "page": 50,
        },
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Id, store: SQLStore = Store) -> HTMLResponse:
    view = views.story_view(store, story_id)
    if view is None:
        raise not_found("story", story_id)
    return render(
        request, "story.html", {"title": view.title, "v": view, "outlet_chart": _outlet_chart(view)}
    )


@router.get("/stories/{story_id}/briefing", response_class=HTMLResponse)
def story_briefing(request: Request, story_id: Id, store: SQLStore = Store) -> HTMLResponse:
    briefing = views.story_briefing(store, story_id)
    if briefing is None:
        raise not_found("story", story_id)
    return render(
        request,
        "briefing.html",
        {
            "title": briefing.title,
            "b": briefing,
            "story_id": story_id,
            "numbers": briefing.number(),
        },
    )


def _outlet_chart(view: views.StoryView) -> dict[str, Any]:
    """Articles per outlet per day across the story, for the coverage chart."""
    days = sorted({a.published[:10] for a in view.articles if a.published})
    xs = [views.day_epoch(d) for d in days]
    index = {d: i for i, d in enumerate(days)}
    series: dict[str, list[int]] = {}
    for a in view.articles:
        if not a.published:
            continue
        values = series.setdefault(a.source or "(unknown)", [0] * len(days))
        values[index[a.published[:10]]] += 1
    top = sorted(series.items(), key=lambda kv: -sum(kv[1]))[:8]
    return {"x": xs, "series": [{"label": k, "values": v} for k, v in top], "integer": True}


@router.get("/figures", response_class=HTMLResponse)
def figures(
    request: Request,
    unit: Text = None,
    subject: Text = None,
    offset: Offset = 0,
    store: SQLStore = Store,
) -> HTMLResponse:
    units = reads.claim_units(store)
    chosen = unit if unit is not None else (units[0].value if units else None)
    rows = (
        reads.claims(store, chosen, blank(subject), limit=500, offset=offset)
        if chosen is not None
        else []
    )
    return render(
        request,
        "figures.html",
        {
            "title": "Figures",
            "units": units,
            "unit": chosen,
            "subject": blank(subject),
            "rows": rows,
            "chart": views.figures_chart(rows),
            "offset": offset,
            "page": 500,
        },
    )


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    routes = [
        (path, op.get("summary", ""), [p["name"] for p in op.get("parameters", [])])
        for path, ops in schema["paths"].items()
        for op in ops.values()
    ]
    return render(request, "api.html", {"title": "JSON API", "routes": routes})


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(
        Path(__file__).parents[1] / "static" / "favicon.svg", media_type="image/svg+xml"
    )
