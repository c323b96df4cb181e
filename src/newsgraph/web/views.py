"""What each page shows, gathered once for both the HTML page and its JSON twin.

A view is a frozen dataclass of records and ``store.reads`` rows; the page
renders it, the API serialises it with ``jsonable``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..brief import Briefing, brief
from ..link.figures import ClaimContext, FigureGroup, group_figures
from ..model import Article, Claim, Entity, Quote, Timex
from ..store import reads
from ..store.sql import SQLStore
from .highlight import Span


def jsonable(value: Any) -> Any:
    """Records and rows as JSON-ready data (tuples to lists, dataclasses to dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class MentionRef:
    entity_id: str
    name: str
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class ArticleView:
    article: Article
    mentions: tuple[MentionRef, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    events: tuple[reads.EventRow, ...]
    timexes: tuple[Timex, ...]
    story: tuple[str, str, str | None, str | None] | None
    near_duplicates: tuple[reads.ArticleRow, ...]

    def spans(self) -> list[Span]:
        """Every highlight of the article text, with tooltips naming what it is."""
        out = [
            Span(m.start, m.end, "entity", f"{m.type}: {m.name}", m.entity_id, m.type)
            for m in self.mentions
        ]
        for q in self.quotes:
            who = q.speaker_name or "unattributed"
            out.append(Span(q.start, q.end, "quote", f"{q.kind} quote — {who}", anchor=q.id))
            if q.speaker_start is not None and q.speaker_end is not None:
                out.append(Span(q.speaker_start, q.speaker_end, "speaker", "speaker", anchor=q.id))
        for c in self.claims:
            out.append(
                Span(
                    c.start,
                    c.end,
                    "claim",
                    f"figure: {c.value_text} {c.unit or ''}".strip(),
                    anchor=c.id,
                )
            )
        text = self.article.text
        for row in self.events:
            v = row.event
            # mark the trigger word inside the event's span, not the whole sentence
            at = text.find(v.trigger, v.start, v.end) if v.trigger else -1
            start, end = (at, at + len(v.trigger)) if at >= 0 else (v.start, v.end)
            label = f"event {v.type}{'/' + v.mode if v.mode else ''} ({v.status})"
            out.append(Span(start, end, "event", label, anchor=v.id))
        for t in self.timexes:
            out.append(Span(t.start, t.end, "timex", f"{t.type} {t.value or ''}".strip()))
        return out


def article_view(store: SQLStore, article: Article) -> ArticleView:
    mentions = tuple(MentionRef(*m) for m in reads.article_mentions(store, article.id))
    ids = [article.id]
    story = reads.get_story(store, article.story_id) if article.story_id else None
    return ArticleView(
        article,
        mentions,
        tuple(store.records("quotes", ids)),
        tuple(store.records("claims", ids)),
        tuple(reads.events(store, article_ids=ids, limit=500)),
        tuple(store.records("timexes", ids)),
        story,
        tuple(reads.near_duplicates(store, article.id, article.duplicate_of)),
    )


@dataclass(frozen=True)
class EntityView:
    entity: Entity
    mentions: int
    articles: int
    months: tuple[reads.MonthCount, ...]
    quotes: tuple[reads.QuoteRow, ...]
    events: tuple[reads.EventRow, ...]
    neighbours: tuple[reads.Neighbour, ...]
    edges: tuple[reads.Edge, ...]

    def chart(self) -> dict[str, Any]:
        """Mentions per month with empty months filled in, as uPlot columns."""
        months = fill_months([m.month for m in self.months])
        counts = {m.month: m.mentions for m in self.months}
        return {
            "x": [month_epoch(m) for m in months],
            "months": True,
            "integer": True,
            "series": [{"label": "mentions", "values": [counts.get(m, 0) for m in months]}],
        }

    def graph(self) -> dict[str, Any]:
        """The ego network: this entity, who appears with it, and their links."""
        e = self.entity
        nodes = [
            {"id": e.id, "label": e.name, "type": e.type, "weight": self.articles, "ego": True}
        ]
        nodes += [
            {"id": n.id, "label": n.name, "type": n.type, "weight": n.articles, "ego": False}
            for n in self.neighbours
        ]
        edges = [{"source": e.id, "target": n.id, "weight": n.articles} for n in self.neighbours]
        edges += [
            {"source": x.source, "target": x.target, "weight": x.articles} for x in self.edges
        ]
        return {"nodes": nodes, "edges": edges}


def entity_view(store: SQLStore, entity_id: str, graph_size: int = 15) -> EntityView | None:
    entity = store.get_entity(entity_id, with_mentions=False)
    if entity is None:
        return None
    months = tuple(reads.entity_months(store, entity.id))
    totals = store.query(
        "SELECT COUNT(*), COUNT(DISTINCT article_id) FROM mentions WHERE entity_id = ?",
        (entity.id,),
    )[0]
    neighbours, edges = reads.ego_network(store, entity.id, graph_size)
    return EntityView(
        entity,
        int(totals[0]),
        int(totals[1]),
        months,
        tuple(reads.quotes(store, speaker_id=entity.id, limit=30)),
        tuple(reads.events(store, actor_id=entity.id, limit=60)),
        tuple(neighbours),
        tuple(edges),
    )


MAX_COMPARED_FIGURES = 150


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    outlets: tuple[reads.OutletCoverage, ...]
    articles: tuple[reads.ArticleRow, ...]
    events: tuple[reads.EventRow, ...]
    conflicts: tuple[FigureGroup, ...]  # figures of one quantity whose values change
    conflicts_checked: int  # how many of the story's figures were compared


def story_view(store: SQLStore, story_id: str) -> StoryView | None:
    story = reads.get_story(store, story_id)
    if story is None:
        return None
    articles = tuple(reads.story_articles(store, story_id))
    ids = [a.id for a in articles]
    claim_rows = reads.claims(store, article_ids=ids, limit=MAX_COMPARED_FIGURES)
    # link.figures groups claims about the same quantity; its pairwise clustering
    # grows with the square of the claims, so a huge story compares its first ones
    items = [ClaimContext(r.claim, r.article.source, r.article.published) for r in claim_rows]
    conflicts = tuple(g for g in group_figures(items, min_articles=2) if g.differs)
    return StoryView(
        *story,
        tuple(reads.story_outlets(store, story_id)),
        articles,
        tuple(reads.events(store, article_ids=ids, limit=200)),
        conflicts,
        len(claim_rows),
    )


def figures_chart(rows: list[reads.ClaimRow], max_series: int = 8) -> dict[str, Any]:
    """Figures as points over publication date, one series per outlet (the rest as "other")."""
    dated = [r for r in rows if r.article.published]
    by_outlet: dict[str, int] = {}
    for r in dated:
        by_outlet[r.article.source or "(unknown)"] = (
            by_outlet.get(r.article.source or "(unknown)", 0) + 1
        )
    top = [s for s, _ in sorted(by_outlet.items(), key=lambda x: -x[1])[:max_series]]
    names = top + (["other"] if len(by_outlet) > len(top) else [])
    xs = sorted({day_epoch(r.article.published or "") for r in dated})
    index = {x: i for i, x in enumerate(xs)}
    series: dict[str, list[float | None]] = {n: [None] * len(xs) for n in names}
    for r in dated:
        name = r.article.source or "(unknown)"
        name = name if name in top else "other"
        series[name][index[day_epoch(r.article.published or "")]] = r.claim.value
    return {"x": xs, "series": [{"label": n, "values": v} for n, v in series.items()]}


def month_epoch(month: str) -> int:
    y, m = int(month[:4]), int(month[5:7] or 1)
    return int((date(y, m, 1) - date(1970, 1, 1)).total_seconds())


def day_epoch(published: str) -> int:
    parts = (published[:10] + "-01-01")[:10].split("-")
    try:
        d = date(int(parts[0]), int(parts[1]) or 1, int(parts[2]) or 1)
    except ValueError:
        d = date(int(parts[0]), 1, 1)
    return int((d - date(1970, 1, 1)).total_seconds())


def fill_months(months: list[str]) -> list[str]:
    """Every month from the first to the last given, so gaps show as zeros."""
    valid = sorted(m for m in months if len(m) == 7 and m[:4].isdigit() and m[5:].isdigit())
    if not valid:
        return []
    y, m = int(valid[0][:4]), int(valid[0][5:])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= valid[-1] and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def story_briefing(store: SQLStore, story_id: str) -> Briefing | None:
    """The extractive, cited briefing of ``newsgraph.brief`` for one story, or None.

    It reads every article of the story, so it has its own page rather than
    slowing the story page down.
    """
    if reads.get_story(store, story_id) is None:
        return None
    return brief(store, story_id=story_id)
