"""Story clustering with its state in the store, so it survives between runs.

``StoreStoryClusterer`` is ``StoryClusterer`` with its state access moved to
SQL (tables of schema migrations 3 and 4): a story's centroid, names and
years as JSON in ``story_state``, the inverted index of its top terms in
``story_terms`` (with the day each posting's story was last active),
document frequencies in ``term_df`` and the document count in ``meta``.
Each article costs a fixed number of indexed look-ups: the postings of its
top terms, the candidate stories they name, the document
frequencies of its own terms. Nothing scans the whole store, so adding 1,000
articles takes as long with 100,000 stored as with 10,000 (see
``benchmarks/stories.py``).

Only portable SQL with ``?`` placeholders, through ``store.query`` and
``store.execute``: the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model import Story
from ..store.sql import SQLStore
from .stories import (
    REACH_DAYS,
    StoryClusterer,
    StoryDoc,
    StoryParams,
    StoryState,
    _norm,
    best_candidates,
    day_number,
    story_doc,
)

_DOCS_KEY = "story_docs"  # meta key: articles counted into term_df
_CHUNK = 500  # values per IN (...) list
RECENT_POSTINGS = 60  # stories read per term: the most recently updated
CACHE_STORIES = 5000  # loaded stories kept from one batch to the next
_DAYS_KEY = "story_terms_days"  # meta key: postings written before migration 4 have days


class StoreStoryClusterer(StoryClusterer):
    """Incremental story clustering whose state lives in ``store`` (an ``SQLStore``).

    Loaded stories are kept for the life of the object (a write-through cache),
    so a story is read once however many articles of a run it is compared with;
    the object must be the store's only story writer while it lives.
    """

    def __init__(self, store: SQLStore, params: StoryParams | None = None) -> None:
        super().__init__(params)
        self.store = store
        self.cache: dict[str, StoryState] = {}
        self.touched: set[str] = set()  # stories whose Story record must be rewritten
        self.dropped: set[str] = set()
        rows = store.query("SELECT value FROM meta WHERE key = ?", (_DOCS_KEY,))
        self.n_docs = int(rows[0][0]) if rows else 0

    # -- state access -------------------------------------------------------------

    def candidate_ids(self, top: Iterable[int], doc: StoryDoc) -> list[str]:
        """Stories sharing most of the article's top terms, among each term's recent stories.

        A dated article looks only at dated stories active within
        ``REACH_DAYS`` of its date (a story quiet for longer than
        ``window_days`` is already counted against; one quiet for half a year
        that comes back starts a new story), so the look-up costs what the news
        of those months costs, however many years a store holds. Each term
        contributes at most its ``RECENT_POSTINGS`` latest stories, which bounds
        a look-up on a busy day too (and for an undated article: the most
        recently updated stories).
        """
        terms = list(top)[:_CHUNK]
        if not terms:
            return []
        day = day_number(doc.published)
        if day is None:
            one = "SELECT story_id FROM story_terms WHERE term = ? ORDER BY seq DESC LIMIT ?"
            per_term: list[Any] = [RECENT_POSTINGS]
        else:
            one = ("SELECT story_id FROM story_terms WHERE term = ? AND last_day BETWEEN ? AND ? "
                   "ORDER BY last_day DESC LIMIT ?")
            per_term = [day - REACH_DAYS, day + REACH_DAYS, RECENT_POSTINGS]
        union = " UNION ALL ".join(f"SELECT story_id FROM ({one}) p{i}" for i in range(len(terms)))
        params: list[Any] = []
        for term in terms:
            params += [term, *per_term]
        return best_candidates(Counter(r[0] for r in self.store.query(union, params)))

    def load(self, story_id: str) -> StoryState:
        if story_id not in self.cache:
            rows = self.store.query("SELECT data FROM story_state WHERE story_id = ?", (story_id,))
            if not rows:
                raise KeyError(f"story {story_id!r} has no saved state (table story_state)")
            self.cache[story_id] = _from_json(story_id, rows[0][0])
        return self.cache[story_id]

    def save(self, story: StoryState, new_terms: Iterable[int]) -> None:
        self.cache[story.id] = story
        self.touched.add(story.id)
        self.store.execute(
            "INSERT INTO story_state (story_id, data) VALUES (?, ?) "
            "ON CONFLICT (story_id) DO UPDATE SET data = excluded.data",
            (story.id, _to_json(story)),
        )
        day = day_number(story.last_seen)
        self.store.executemany(
            "INSERT INTO story_terms (term, story_id, seq, last_day) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (term, story_id) DO UPDATE SET seq = excluded.seq, "
            "last_day = excluded.last_day",
            [(t, story.id, self.n_docs, day) for t in set(new_terms)],
        )

    def assign(self, article_id: str, story_id: str) -> None:
        self.store.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id))

    def relabel(self, gone_id: str, keep_id: str) -> None:
        self.store.execute("UPDATE articles SET story_id = ? WHERE story_id = ?",
                           (keep_id, gone_id))

    def drop(self, story_id: str) -> None:
        self.cache.pop(story_id, None)
        self.touched.discard(story_id)
        self.dropped.add(story_id)
        for table, column in (("story_state", "story_id"), ("story_terms", "story_id"),
                              ("stories", "id")):
            self.store.execute(f"DELETE FROM {table} WHERE {column} = ?", (story_id,))

    def story_of(self, article_id: str) -> str | None:
        rows = self.store.query("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def indexed_terms(self, story_id: str) -> list[int]:
        return [int(r[0]) for r in self.store.query(
            "SELECT term FROM story_terms WHERE story_id = ? ORDER BY term", (story_id,))]

    def count_terms(self, counts: Counter[int]) -> None:
        self.store.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, 1) "
            "ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1",
            [(t,) for t in counts],
        )
        self.n_docs += 1
        self.store.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_DOCS_KEY, str(self.n_docs)),
        )

    def doc_frequency(self, term_ids: Iterable[int]) -> dict[int, int]:
        wanted = list(term_ids)
        out = dict.fromkeys(wanted, 0)
        for chunk in _chunks(wanted):
            marks = ", ".join("?" for _ in chunk)
            out.update((int(t), int(df)) for t, df in self.store.query(
                f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk))
        return out

    def new_story_id(self, doc: StoryDoc) -> str:
        return f"story-{doc.article_id}"

    # -- records --------------------------------------------------------------------

    def write_stories(self) -> None:
        """Rewrite the ``Story`` record of every story this object changed."""
        for sid in sorted(self.touched):
            s = self.cache[sid]
            ids = tuple(r[0] for r in self.store.query(
                "SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (sid,)))
            self.store.save_story(Story(s.id, s.title, ids, s.first_seen, s.last_seen))
        self.touched.clear()


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _to_json(s: StoryState) -> str:
    # the centroid as two parallel lists: read back with one zip, not a dict of string keys
    return json.dumps({
        "title": s.title, "terms": list(s.centroid), "weights": list(s.centroid.values()),
        "norm": s.norm, "names": dict(s.names), "years": {str(k): v for k, v in s.years.items()},
        "people": dict(s.people), "size": s.size,
        "first_seen": s.first_seen, "last_seen": s.last_seen,
    }, ensure_ascii=False)


def _from_json(story_id: str, data: str) -> StoryState:
    raw = json.loads(data)
    if "terms" in raw:
        centroid = dict(zip(raw["terms"], raw["weights"], strict=True))
    else:  # written before the centroid was stored as two lists
        centroid = {int(k): float(v) for k, v in raw["centroid"].items()}
    return StoryState(
        story_id, raw["title"], centroid,
        Counter(raw["names"]), Counter({int(k): v for k, v in raw["years"].items()}),
        int(raw["size"]), raw["first_seen"], raw["last_seen"], Counter(raw["people"]),
        raw.get("norm") or _norm(centroid),
    )


def _mentions(store: SQLStore, article_id: str) -> list[tuple[str, str]]:
    """One ``(name, type)`` pair per stored entity mention of the article."""
    return [(r[0], r[1]) for r in store.query(
        "SELECT e.name, e.type FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.article_id = ?", (article_id,))]


def _date_postings(store: SQLStore) -> None:
    """Once per store: give postings written before migration 4 their story's last day."""
    if store.query("SELECT value FROM meta WHERE key = ?", (_DAYS_KEY,)):
        return
    with store.transaction():
        for story_id, data in store.query("SELECT story_id, data FROM story_state"):
            day = day_number(json.loads(data).get("last_seen"))
            if day is not None:
                store.execute("UPDATE story_terms SET last_day = ? WHERE story_id = ?",
                              (day, story_id))
        store.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (_DAYS_KEY,))


def cluster_new_articles(
    store: SQLStore, progress: Callable[[str, int, int | None], None] | None = None,
    params: StoryParams | None = None, batch: int = 200,
) -> int:
    """Give every stored article without a story one; return how many were assigned.

    Articles go in ingest order, so a near-duplicate (``duplicate_of``) comes
    after its original and joins the original's story. Each batch of
    ``batch`` articles is one transaction; ``progress`` (the pipeline's
    ``(stage, done, total)`` callback) is called as ``("stories", done, total)``
    after each.
    """
    ids = [r[0] for r in store.query(
        "SELECT id FROM articles WHERE story_id IS NULL ORDER BY seq, id")]
    _date_postings(store)
    done = 0
    clusterer = StoreStoryClusterer(store, params)
    for start in range(0, len(ids), batch):
        if len(clusterer.cache) > CACHE_STORIES:  # every touched story is written by now
            clusterer.cache.clear()
        with store.transaction():
            for article in store.iter_articles(ids[start : start + batch]):
                clusterer.add(story_doc(article.id, article.text, _mentions(store, article.id),
                                        article.title, article.published, article.duplicate_of))
                done += 1
            clusterer.write_stories()
        if progress is not None:
            progress("stories", done, len(ids))
    return done
