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
from .errors import ConfigError, InputError
from .eval.base import EvalReport
from .export import export as _export
from .extract.annotate import DEFAULT_MODEL
from .model import Article
from .pipeline import IngestReport, Progress
from .store import SearchHit, open_store
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
        self.store.execute("UPDATE articles SET extracted = 0")
        self.store.conn.commit()
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


def open(db: str | Path, read_only: bool = False) -> Newsgraph:  # noqa: A001 - the API's verb
    """Open (creating if needed) a store: a SQLite path or a ``postgresql://`` URL."""
    return Newsgraph(open_store(db, read_only=read_only))


def _html(data: Path, split: str | None, limit: int | None) -> EvalReport:
    from .eval.html import evaluate as run

    return run(data, **_args(split, limit))


def _args(split: str | None, limit: int | None) -> dict[str, Any]:
    args: dict[str, Any] = {"limit": limit}
    if split:
        args["split"] = split
    return args


EVAL_TASKS: dict[str, Callable[[Path, str | None, int | None], EvalReport]] = {
    "html": _html,
}


def evaluate(task: str, data: Path, split: str | None = None, limit: int | None = None) -> EvalReport:
    """Score one stage on a public evaluation set (``newsgraph eval``)."""
    if task not in EVAL_TASKS:
        raise ConfigError(f"unknown evaluation {task!r}; choose one of: {', '.join(EVAL_TASKS)}")
    return EVAL_TASKS[task](Path(data), split, limit)
