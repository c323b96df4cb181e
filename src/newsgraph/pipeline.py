"""The stages in order: read → normalize → store → parse → extract → link.

``ingest`` runs them for a list of sources; ``extract_pending`` parses and
extracts every stored article that has not been extracted yet (so an
interrupted run resumes where it stopped, and ``reprocess`` is the same call
after clearing the flag); ``extract_article`` runs the extractors over one
parsed Doc, each reading the same Doc once.

Articles are stored in batches, each in one transaction, before any parsing:
a crash loses at most the batch in flight, and the next run skips what is
stored (ids and URLs are unique) and extracts what is not yet extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .errors import InputError
from .extract.annotate import DEFAULT_MODEL, parse_many
from .model import Article, Extraction, RawArticle
from .normalize.article import normalize_article
from .normalize.dedupe import NEAR_DUPLICATE_JACCARD, Fingerprint, fingerprint, jaccard
from .store.sql import SQLStore

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A progress callback: (stage, done, total or None when unknown).
Progress = Callable[[str, int, int | None], None]


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    extracted: int = 0
    errors: list[InputError] = field(default_factory=list)
    undated: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def ingest(
    store: SQLStore,
    sources: Sequence[str],
    format: str | None = None,
    fetch: bool = False,
    extract: bool = True,
    batch_size: int = 200,
    model: str = DEFAULT_MODEL,
    n_process: int = 1,
    progress: Progress | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Read ``sources``, store new articles, then extract and link them."""
    from .ingest.sources import read_sources

    report = IngestReport()
    progress = progress or _noop
    store_items(store, read_sources(sources, format=format, fetch=fetch), report,
                batch_size, progress, on_error)
    if extract:
        report.extracted = extract_pending(store, model=model, n_process=n_process,
                                           progress=progress)
        link(store, progress=progress)
    return report


def store_items(
    store: SQLStore,
    items: Iterable[RawArticle | InputError],
    report: IngestReport,
    batch_size: int = 200,
    progress: Progress = _noop,
    on_error: Callable[[InputError], None] | None = None,
) -> None:
    """Normalize and store articles in batches; errors are collected, not raised."""
    batch = ArticleBatch()

    def flush() -> None:
        if not batch.articles:
            return
        result = store.add_articles(
            batch.articles, {aid: (fp.bands, fp.signature) for aid, fp in batch.prints.items()}
        )
        added = set(result.added)
        report.added += len(added)
        report.duplicates += len(result.duplicates)
        report.near_duplicates += len(result.near_duplicates)
        report.undated += sum(1 for a in batch.articles if a.published is None and a.id in added)
        batch.clear()

    for item in items:
        if isinstance(item, InputError):
            report.errors.append(item)
            if on_error:
                on_error(item)
            continue
        report.read += 1
        article = normalize_article(item)
        if batch.holds(article) or store.known_article(article.id, article.url):
            report.duplicates += 1
            progress("store", report.read, None)
            continue
        fp = fingerprint(article.text)
        if fp is not None:
            original = near_duplicate_of(store, fp, batch)
            if original:
                article = replace(article, duplicate_of=original)
        batch.add(article, fp)
        if len(batch.articles) >= batch_size:
            flush()
        progress("store", report.read, None)
    flush()


class ArticleBatch:
    """Articles waiting for one transaction, indexed like the store indexes them."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.prints: dict[str, Fingerprint] = {}
        self.keys: set[str] = set()
        self.bands: dict[tuple[int, str], list[str]] = {}

    def holds(self, article: Article) -> bool:
        return article.id in self.keys or (article.url is not None and article.url in self.keys)

    def add(self, article: Article, fp: Fingerprint | None) -> None:
        self.articles.append(article)
        self.keys.add(article.id)
        if article.url:
            self.keys.add(article.url)
        if fp is not None:
            self.prints[article.id] = fp
            for key in enumerate(fp.bands):
                self.bands.setdefault(key, []).append(article.id)

    def candidates(self, fp: Fingerprint) -> set[str]:
        return {aid for key in enumerate(fp.bands) for aid in self.bands.get(key, ())}

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]


def near_duplicate_of(store: SQLStore, fp: Fingerprint, batch: ArticleBatch) -> str | None:
    """The id of the stored (or batched) article this one copies, if any.

    Copies point at the original, never at another copy, so a chain of
    syndications forms one group.
    """
    best: tuple[float, str] | None = None
    for aid, sig, duplicate_of in store.minhash_candidates(fp.bands):
        score = jaccard(fp.signature, sig)
        if score >= NEAR_DUPLICATE_JACCARD and (best is None or score > best[0]):
            best = (score, duplicate_of or aid)
    for aid in sorted(batch.candidates(fp)):
        score = jaccard(fp.signature, batch.prints[aid].signature)
        original = next(a.duplicate_of for a in batch.articles if a.id == aid) or aid
        if score >= NEAR_DUPLICATE_JACCARD and (best is None or score > best[0]):
            best = (score, original)
    return best[1] if best else None


def extract_article(doc: Doc, article: Article) -> Extraction:
    """Every extractor over one parsed article, in dependency order."""
    from .extract.claims import extract_claims
    from .extract.entities import extract_entities
    from .extract.events import extract_events
    from .extract.quotes import extract_quotes
    from .extract.timexes import extract_timexes

    found = extract_entities(doc)
    entities = found.entities
    timexes = extract_timexes(doc, article.id, article.published)
    quotes = extract_quotes(doc, article.id, entities)
    claims = extract_claims(doc, article.id, entities, quotes, timexes)
    events = extract_events(doc, article.id, entities, timexes, article.published)
    return Extraction(
        article_id=article.id,
        entities=tuple(entities),
        timexes=tuple(timexes),
        quotes=tuple(quotes),
        claims=tuple(claims),
        events=tuple(events),
        dateline=found.dateline,
    )


def extract_pending(
    store: SQLStore,
    model: str = DEFAULT_MODEL,
    n_process: int = 1,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> int:
    """Parse and extract every stored article not yet extracted; returns how many."""
    from .link.entities import EntityLinker

    progress = progress or _noop
    pending = store.article_ids(unextracted_only=True)
    if not pending:
        return 0
    linker = EntityLinker(store)
    done = 0
    progress("extract", 0, len(pending))
    chunk = max(batch_size, 64)
    for i in range(0, len(pending), chunk):
        articles = store.articles_by_ids(pending[i : i + chunk])
        docs = parse_many((a.text for a in articles), model=model, batch_size=batch_size,
                          n_process=n_process)
        for article, doc in zip(articles, docs, strict=True):
            extraction = extract_article(doc, article)
            entity_ids = linker.link(extraction, article)
            store.save_extraction(extraction, entity_ids)
            done += 1
            progress("extract", done, len(pending))
    return done


def link(store: SQLStore, progress: Progress | None = None) -> None:
    """Cross-article linking after extraction, incremental in both steps.

    1. Stories: every article without a story joins one (``link.story_store``).
    2. Event groups: events not yet grouped are compared with stored events
       of their stories, actors and dates only (``link.events``).
    """
    from .link.events import link_new_events
    from .link.story_store import cluster_new_articles

    report = progress or _noop
    cluster_new_articles(store, progress=report)
    ungrouped = [r[0] for r in store.query(
        "SELECT DISTINCT article_id FROM events WHERE event_group IS NULL ORDER BY article_id")]
    for i in range(0, len(ungrouped), 200):
        link_new_events(store, ungrouped[i : i + 200])
        report("events", min(i + 200, len(ungrouped)), len(ungrouped))
