"""Coverage of a story: which outlets reported it, when each first did, what each carried.

A journalist checking a story asks "who had it first, who followed, and did
they tell it the same way?". For one story this gathers, per outlet, its
articles in publication order, the quotes and figures it carried, and across
outlets the same figure as each reported it (``link.figures``), so a changed
number stands out.

It also lists the story's event groups (``link.events``) in date order, each
with its reports and the points where they disagree: the story's timeline.

``coverage_of`` is a pure function over records; ``coverage`` reads them from
a store. Both leave the story's own fields (title, first and last seen) as the
store has them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import ConfigError
from .link.events import Contradiction, contradictions
from .link.figures import ClaimContext, FigureGroup, group_figures
from .model import Article, Claim, Event, Quote, Story
from .store.sql import SQLStore

UNKNOWN_OUTLET = "(unknown outlet)"


@dataclass(frozen=True)
class ArticleRef:
    """What a citation shows of an article: id, title, outlet, URL, date."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        return cls(article.id, article.title, article.source, article.url, article.published)


@dataclass(frozen=True)
class OutletCoverage:
    """One outlet's reporting of a story, its articles in publication order."""

    outlet: str
    articles: tuple[ArticleRef, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]

    @property
    def first_seen(self) -> str | None:
        return self.articles[0].published if self.articles else None

    @property
    def first_article(self) -> ArticleRef:
        return self.articles[0]


@dataclass(frozen=True)
class EventGroup:
    """One real event as the story's articles report it (``link.events``)."""

    id: str
    type: str
    date: str | None  # the most precise date a report names
    events: tuple[Event, ...]
    contradictions: tuple[Contradiction, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.article_id for v in self.events))


@dataclass(frozen=True)
class Coverage:
    """A story across outlets: who reported it in what order, and the figures compared."""

    story: Story
    outlets: tuple[OutletCoverage, ...]  # first to report first
    figures: tuple[FigureGroup, ...]  # the same quantity as several reports gave it
    events: tuple[EventGroup, ...] = ()  # event groups in date order

    @property
    def first(self) -> OutletCoverage | None:
        return self.outlets[0] if self.outlets else None

    @property
    def disputed(self) -> tuple[FigureGroup, ...]:
        """Figures whose value changed from one report to the next."""
        return tuple(g for g in self.figures if g.differs)


def _when(published: str | None) -> str:
    # undated articles sort after every date
    return published or "~"


def coverage_of(
    story: Story,
    articles: Sequence[Article],
    quotes: Iterable[Quote] = (),
    claims: Iterable[Claim] = (),
    events: Iterable[Event] = (),
) -> Coverage:
    """Coverage of ``story`` from its articles and their extraction records.

    Records of articles not in ``articles`` are ignored. Figures come from
    ``link.figures.group_figures`` over every claim of the story, keeping
    groups reported by two or more articles.
    """
    ordered = sorted(articles, key=lambda a: (_when(a.published), a.id))
    by_id = {a.id: a for a in ordered}
    quotes_of: dict[str, list[Quote]] = {}
    for q in sorted(quotes, key=lambda q: (q.article_id, q.start)):
        if q.article_id in by_id:
            quotes_of.setdefault(q.article_id, []).append(q)
    claims_of: dict[str, list[Claim]] = {}
    story_claims: list[Claim] = []
    for c in sorted(claims, key=lambda c: (c.article_id, c.start)):
        if c.article_id in by_id:
            claims_of.setdefault(c.article_id, []).append(c)
            story_claims.append(c)
    outlets: dict[str, list[Article]] = {}
    for a in ordered:
        outlets.setdefault(a.source or UNKNOWN_OUTLET, []).append(a)
    rows = [
        OutletCoverage(
            outlet=name,
            articles=tuple(ArticleRef.of(a) for a in arts),
            quotes=tuple(q for a in arts for q in quotes_of.get(a.id, ())),
            claims=tuple(c for a in arts for c in claims_of.get(a.id, ())),
        )
        for name, arts in outlets.items()
    ]
    rows.sort(key=lambda r: (_when(r.first_seen), r.outlet))
    mine = [v for v in events if v.article_id in by_id]
    return Coverage(story, tuple(rows), tuple(figures_of(story_claims, by_id)),
                    tuple(event_groups(mine)))  # fmt: skip


_PRECISION = {"time": 0, "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4}


def precision(v: Event) -> int:
    """How precisely an event is dated: 0 for a day (or time) up to 4 for a year, 5 unknown."""
    return _PRECISION.get(v.granularity or "", 5)


def event_groups(events: Iterable[Event]) -> list[EventGroup]:
    """Events gathered by ``event_group`` (an ungrouped event stands alone), in date order.

    A group's date is the most precise one a report names explicitly, else
    the most precise of any report (an undated report carries its
    publication date).
    """
    by_group: dict[str, list[Event]] = {}
    for v in events:
        by_group.setdefault(v.event_group or v.id, []).append(v)
    out = []
    for gid, members in by_group.items():
        members.sort(key=lambda v: (v.article_id, v.start, v.id))
        best = min(members, key=lambda v: (v.date_text is None, precision(v), v.date or "~"))
        found = tuple(contradictions(members))
        out.append(EventGroup(gid, best.type, best.date, tuple(members), found))
    out.sort(key=lambda g: (g.date or "~", g.id))
    return out


def figures_of(claims: Sequence[Claim], articles: Mapping[str, Article],
               min_articles: int = 2) -> list[FigureGroup]:  # fmt: skip
    """The same quantity across the given articles (outlet and date beside each report)."""
    items = [
        ClaimContext(
            c,
            articles[c.article_id].source,
            articles[c.article_id].published,
            tuple(r.name for r in c.attributed_to),
        )  # fmt: skip
        for c in claims
        if c.article_id in articles
    ]
    return group_figures(items, min_articles=min_articles)


# -- reading a story from the store ----------------------------------------------


def load_story(store: SQLStore, story_id: str) -> Story:
    """The stored story with this id (or a unique id prefix); ConfigError when none."""
    rows = store.query("SELECT data FROM stories WHERE id = ?", (story_id,))
    if not rows and len(story_id) >= 4:
        rows = store.query("SELECT data FROM stories WHERE id LIKE ? LIMIT 2", (story_id + "%",))
        rows = rows if len(rows) == 1 else []
    if not rows:
        known = [r[0] for r in store.query("SELECT id FROM stories ORDER BY id LIMIT 5")]
        hint = f" (stories include: {', '.join(known)})" if known else " (no stories stored yet)"
        raise ConfigError(f"no story {story_id!r}{hint}")
    raw = json.loads(rows[0][0])
    return Story(raw["id"], raw["title"], tuple(raw.get("article_ids") or ()),
                 raw.get("first_seen"), raw.get("last_seen"))  # fmt: skip


def story_article_ids(store: SQLStore, story: Story) -> list[str]:
    """The story's articles: those it lists and those whose ``story_id`` names it."""
    linked = [
        r[0]
        for r in store.query(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY published, id", (story.id,)
        )
    ]
    return list(dict.fromkeys([*story.article_ids, *linked]))


def coverage(store: SQLStore, story_id: str) -> Coverage:
    """Coverage of a stored story: outlets, first reports, quotes and figures."""
    story = load_story(store, story_id)
    ids = story_article_ids(store, story)
    articles = list(store.iter_articles(ids))
    return coverage_of(story, articles, store.records("quotes", ids),
                       store.records("claims", ids), store.events(ids))  # fmt: skip
