"""The single writer: partition results into the store, in order, then marked done.

For one partition, in one pass over its articles in input order:

1. Decide each article's fate the way ``pipeline.store_items`` does: a repeat
   (same id or URL as a stored or batched article) is skipped; a new article
   gets its near-duplicate link from the store and the batch.
2. An article that is stored but not extracted is the trace of an interrupted
   ``ingest`` (a partition itself is written in one transaction): its
   extraction is saved now (saving replaces), so nothing is stored twice.
3. New articles go in with one ``add_articles`` call; then each extraction in
   order is linked (``EntityLinker``: entity linking reads the store, so it
   belongs here, not on the workers), and all are saved with one
   ``save_extractions`` (one ``executemany`` per table).
4. The partition is marked finished. Steps 1-4 are one transaction: a crash
   loses the whole partition or nothing, and a lost partition is redone.

Results are written in partition order, so near-duplicate decisions and entity
ids come out as a plain ``ingest`` of the same archive makes them. On
PostgreSQL, several driver processes may share a store: each partition is
written under one advisory lock, and a partition another process finished
while this one was computing it is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from ..extract.annotate import DEFAULT_MODEL, parse
from ..link.entities import EntityLinker
from ..model import Article, Extraction
from ..pipeline import ArticleBatch, extract_article, near_duplicate_of
from ..store.sql import SQLStore
from .partitions import mark_finished
from .tasks import PartitionResult

_WRITER_LOCK = 0x6E677772  # "ngwr": one advisory lock id for partition writes

# Article fields extraction may read besides the text (which the id fixes).
_EXTRACTION_INPUTS = ("title", "url", "source", "published", "published_granularity")


@dataclass(frozen=True)
class WriteCounts:
    added: int
    duplicates: int
    near_duplicates: int
    extracted: int
    undated: int
    redone: int  # stored by an interrupted run, extraction saved now


class Writer:
    def __init__(self, store: SQLStore, model: str = DEFAULT_MODEL) -> None:
        self.store = store
        self.model = model
        self.linker = EntityLinker(store)
        if store.dialect.name == "postgresql":
            # Linking commits once per entity; waiting for each WAL flush made the
            # writer the bottleneck. A server crash may now lose the last commits,
            # partition marks included, which only means those partitions are redone.
            store.execute("SET synchronous_commit TO off")
            store.conn.commit()

    def write(self, result: PartitionResult) -> WriteCounts | None:
        """Store one partition's results; None when it was already finished."""
        with self._lock():
            if self._finished(result.partition.id):
                return None
            with self.store.transaction():
                counts = self._write(result)
                mark_finished(self.store, result.partition, counts.extracted)
            return counts

    def _write(self, result: PartitionResult) -> WriteCounts:
        batch = ArticleBatch()
        to_save: list[tuple[Article, Extraction | None, bool]] = []  # (…, is new)
        duplicates = redone = 0
        redone_ids: set[str] = set()
        known = self._known(result)
        for item in result.items:
            article, fp = item.article, item.fingerprint
            if batch.holds(article) or article.id in redone_ids:
                duplicates += 1
                continue
            stored = self._stored(article, known)
            if stored is None:
                if fp is not None:
                    original = near_duplicate_of(self.store, fp, batch)
                    if original:
                        article = replace(article, duplicate_of=original)
                batch.add(article, fp)
                to_save.append((article, item.extraction, True))
            elif stored.id == article.id and not self._extracted(article.id):
                redone += 1
                redone_ids.add(article.id)
                same = all(getattr(stored, f) == getattr(article, f) for f in _EXTRACTION_INPUTS)
                to_save.append((stored, item.extraction if same else None, False))
            else:
                duplicates += 1
        added = self.store.add_articles(
            batch.articles, {aid: (fp.bands, fp.signature) for aid, fp in batch.prints.items()}
        )
        new = set(added.added)
        linked: list[tuple[Extraction, dict[str, str]]] = []
        for article, extraction, is_new in to_save:
            if is_new and article.id not in new:
                continue  # lost a race for its id or URL: stored by someone else
            if extraction is None:
                # rare: the worker extracted another copy of this text, or none
                extraction = extract_article(parse(article.text, self.model), article)
            linked.append((extraction, self.linker.link(extraction, article)))
        self.store.save_extractions(linked)
        extracted = len(linked)
        return WriteCounts(
            added=len(new),
            duplicates=duplicates + len(added.duplicates),
            near_duplicates=len(added.near_duplicates),
            extracted=extracted,
            undated=sum(1 for a in batch.articles if a.published is None and a.id in new),
            redone=redone,
        )

    # -- store reads ------------------------------------------------------------

    def _known(self, result: PartitionResult) -> dict[str, str]:
        """Stored ids and URLs among the partition's articles, each mapped to its id.

        One query per 250 articles instead of one per article: nothing is
        written until every article's fate is decided, so this is the same view.
        """
        known: dict[str, str] = {}
        items = result.items
        for i in range(0, len(items), 250):
            ids = [it.article.id for it in items[i : i + 250]]
            urls = [it.article.url for it in items[i : i + 250] if it.article.url]
            clause = f"id IN ({', '.join('?' for _ in ids)})"
            if urls:
                clause += f" OR url IN ({', '.join('?' for _ in urls)})"
            for aid, url in self.store.query(
                    f"SELECT id, url FROM articles WHERE {clause}", [*ids, *urls]):
                known[aid] = aid
                if url is not None:
                    known.setdefault(url, aid)
        return known

    def _stored(self, article: Article, known: dict[str, str]) -> Article | None:
        """The stored article with this id (or else this URL), if any."""
        aid = known.get(article.id) or (known.get(article.url) if article.url else None)
        return self.store.get_article(aid) if aid else None

    def _extracted(self, article_id: str) -> bool:
        rows = self.store.query("SELECT extracted FROM articles WHERE id = ?", (article_id,))
        return bool(rows and rows[0][0])

    def _finished(self, partition_id: str) -> bool:
        return bool(self.store.query(
            "SELECT 1 FROM partitions WHERE partition_id = ?", (partition_id,)))

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """PostgreSQL: one partition writer at a time across processes; SQLite: no-op.

        SQLite is written by one process (this driver); its own file lock only
        guards single transactions, which is all one writer needs.
        """
        if self.store.dialect.name != "postgresql":
            yield
            return
        self.store.execute("SELECT pg_advisory_lock(?)", (_WRITER_LOCK,))
        self.store.conn.commit()
        try:
            yield
        finally:
            self.store.conn.rollback()  # an error may have left a transaction open
            self.store.execute("SELECT pg_advisory_unlock(?)", (_WRITER_LOCK,))
            self.store.conn.commit()
