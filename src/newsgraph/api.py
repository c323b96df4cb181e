"""The Python API: ``newsgraph.open(db)`` and the verbs the CLI and web UI wrap.

>>> import newsgraph
>>> with newsgraph.open("news.db") as ng:           # doctest: +SKIP
...     ng.ingest(["examples/digest.txt"])
...     hits = ng.search("ceasefire")
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import pipeline
from .brief import Briefing, brief
from .coverage import Coverage, coverage
from .errors import ConfigError, InputError
from .eval.base import EvalReport
from .export import export as _export
from .extract.annotate import DEFAULT_MODEL
from .link.figures import FigureGroup, claim_contexts, group_figures
from .model import Article, Entity
from .pipeline import IngestReport, Progress
from .store import SearchHit, open_store, reads
from .store.sql import SQLStore

__all__ = ["DEFAULT_MODEL", "EVAL_TASKS", "Newsgraph", "Progress", "evaluate", "open"]


class Newsgraph:
    """A store with the verbs of the CLI. Use as a context manager, or call ``close``."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Newsgraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------

    def ingest(
        self,
        sources: Sequence[str],
        format: str | None = None,
        fetch: bool = False,
        extract: bool = True,
        model: str = DEFAULT_MODEL,
        n_process: int = 1,
        progress: Progress | None = None,
        on_error: Callable[[InputError], None] | None = None,
    ) -> IngestReport:
        """Read, store, extract and link; see ``pipeline.ingest``."""
        return pipeline.ingest(self.store, sources, format=format, fetch=fetch, extract=extract,
                               model=model, n_process=n_process, progress=progress,
                               on_error=on_error)

    def reprocess(self, model: str = DEFAULT_MODEL, progress: Progress | None = None) -> int:
        """Re-run extraction and linking over every stored article."""
        with self.store.transaction():
            self.store.execute("UPDATE articles SET extracted = 0, story_id = NULL")
            for table in ("stories", "story_terms", "story_state", "term_df"):
                self.store.execute(f"DELETE FROM {table}")
        done = pipeline.extract_pending(self.store, model=model, progress=progress)
        pipeline.link(self.store, progress=progress)
        return done

    # -- reading ----------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        return self.store.get_article(article_id)

    def search(self, query: str, source: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        return self.store.search(query, source=source, since=since, until=until, limit=limit,
                                 offset=offset)

    def stats(self) -> dict[str, Any]:
        counts = self.store.counts()
        first, last = self.store.date_range()
        return {**counts, "first_published": first or "", "last_published": last or ""}

    def export(self, out: TextIO, format: str = "json", table: str = "articles") -> None:
        _export(self.store, out, format=format, table=table)

    # -- entities, quotes, events -----------------------------------------------

    def entities(self, type: str | None = None, top: int = 50,
                 name: str | None = None) -> list[reads.EntityRow]:
        """Entities by mention count, with article counts and first/last seen."""
        return reads.entity_list(self.store, type=type, name=name, limit=top)

    def find_entity(self, name: str) -> Entity | None:
        """The entity a user means by ``name``: exact name, then alias, then a name part."""
        wanted = name.strip().lower()
        if not wanted:
            return None
        rows = reads.entity_list(self.store, name=wanted, limit=200)
        exact = [r for r in rows if r.name.lower() == wanted]
        if exact or rows:
            return self.store.get_entity((exact or rows)[0].id)
        for (entity_id,) in self.store.query(
            "SELECT e.id FROM entities e WHERE LOWER(e.data) LIKE ? ESCAPE '\\' "
            "ORDER BY (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) DESC, e.id",
            (reads.like(wanted),),
        ):
            entity = self.store.get_entity(entity_id)
            if entity and any(wanted in a.lower() for a in entity.aliases):
                return entity
        return None

    def co_mentioned(self, entity_id: str, limit: int = 10) -> list[reads.Neighbour]:
        return reads.co_mentioned(self.store, entity_id, limit=limit)

    def quotes(self, speaker: str | None = None, search: str | None = None,
               limit: int = 50) -> list[reads.QuoteRow]:
        """Quotes by a speaker (an entity name, alias or description) and/or containing text."""
        entity = self.find_entity(speaker) if speaker else None
        if entity is not None:
            return reads.quotes(self.store, speaker_id=entity.id, text=search, limit=limit)
        return reads.quotes(self.store, speaker=speaker, text=search, limit=limit)

    def figures(self, about: str | None = None, min_articles: int = 1) -> list[FigureGroup]:
        """Figures about the same quantity across articles, in time order, changes flagged."""
        claims = self.store.records("claims")
        articles = {a.id: a for a in self.store.iter_articles(
            sorted({c.article_id for c in claims}))}
        return group_figures(claim_contexts(claims, articles), about=about,
                             min_articles=min_articles)

    def stories(self, limit: int = 50, offset: int = 0) -> list[reads.StoryRow]:
        """Stories, largest first."""
        return reads.story_list(self.store, limit=limit, offset=offset)

    def coverage(self, story_id: str) -> Coverage:
        """Who covered a story when, its event groups, and its figures compared."""
        return coverage(self.store, story_id)

    def brief(self, story_id: str | None = None, entity: str | None = None,
              since: str | None = None) -> Briefing:
        """An extractive, cited briefing on a story, an entity and/or a period."""
        return brief(self.store, story_id=story_id, entity=entity, since=since)

    def events(self, actor: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None,
               limit: int = 200) -> list[reads.EventRow]:
        """Events in date order, by actor (a name), PLOVER type and date range."""
        actor_id = None
        if actor:
            entity = self.find_entity(actor)
            if entity is None:
                return []
            actor_id = entity.id
        return reads.events(self.store, actor_id=actor_id, type=type.upper() if type else None,
                            since=since, until=until, limit=limit)


def group_quotes(rows: Sequence[reads.QuoteRow]) -> list[list[reads.QuoteRow]]:
    """The same quote reported by several outlets, once, with every report.

    Two quotes are the same when their speaker matches and their words do,
    ignoring case, punctuation and spacing; order follows first appearance.
    """
    groups: dict[tuple[str, str], list[reads.QuoteRow]] = {}
    for row in rows:
        q = row.quote
        words = " ".join("".join(c for c in q.text.lower() if c.isalnum() or c.isspace()).split())
        key = (q.speaker_id or (q.speaker_name or "").lower(), words)
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def open(db: str | Path, read_only: bool = False) -> Newsgraph:  # noqa: A001 - the API's verb
    """Open (creating if needed) a store: a SQLite path or a ``postgresql://`` URL."""
    return Newsgraph(open_store(db, read_only=read_only))


def _args(split: str | None, limit: int | None) -> dict[str, Any]:
    args: dict[str, Any] = {"limit": limit}
    if split:
        args["split"] = split
    return args


def _eval_html(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.html import evaluate as run

    return run(data, **_args(split, limit))


def _eval_ner(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.ner import evaluate as run

    return run(data, **_args(split, limit))


def _eval_attribution(data: Path, split: str | None, limit: int | None,
                      model: Path | None = None) -> EvalReport:
    from .eval.attribution import evaluate as run

    return run(data, model=model, **_args(split, limit))


def _eval_timex(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.timex import evaluate as run

    return run(data, **_args(split, limit))


def _eval_events(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.events import evaluate as run

    return run(data, **_args(split, limit))


def _eval_quantities(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.quantities import evaluate as run

    return run(data, **_args(split, limit))


def _eval_stories(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.stories import evaluate as run

    return run(data, **_args(split, limit))


EVAL_TASKS: dict[str, Callable[[Path, str | None, int | None], EvalReport]] = {
    "html": _eval_html,
    "ner": _eval_ner,
    "attribution": _eval_attribution,
    "timex": _eval_timex,
    "events": _eval_events,
    "quantities": _eval_quantities,
    "stories": _eval_stories,
}


def evaluate(task: str, data: Path, split: str | None = None, limit: int | None = None,
             model: Path | None = None) -> EvalReport:
    """Score one stage on a public evaluation set (``newsgraph eval``).

    ``model`` (attribution only) scores a locally trained tagger instead of the rules.
    """
    if task not in EVAL_TASKS:
        raise ConfigError(f"unknown evaluation {task!r}; choose one of: {', '.join(EVAL_TASKS)}")
    if model is not None:
        return _eval_attribution(Path(data), split, limit, model)
    return EVAL_TASKS[task](Path(data), split, limit)
