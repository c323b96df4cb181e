"""The work a Dask worker does for one partition: read → normalize → parse → extract.

Everything here is a pure function of the partition and the model, so a
partition can be computed anywhere, any number of times. Nothing touches the
store: results (articles, MinHash fingerprints, extractions with
article-local entity keys) go back to the driver, the single writer.

Input errors travel as plain ``ErrorInfo`` records: ``InputError`` takes three
arguments and would not survive pickling between processes.
"""

from __future__ import annotations

import os
import resource
import socket
import time
from dataclasses import dataclass

from ..errors import FetchError, FormatError, InputError
from ..extract.annotate import DEFAULT_MODEL, parse_many
from ..model import Article, Extraction, RawArticle
from ..normalize.article import normalize_article
from ..normalize.dedupe import Fingerprint, fingerprint
from .partitions import Partition, read_partition

_ERRORS: dict[str, type[InputError]] = {
    "InputError": InputError, "FormatError": FormatError, "FetchError": FetchError,
}


@dataclass(frozen=True)
class ErrorInfo:
    kind: str
    origin: str
    reason: str
    line: int | None

    @classmethod
    def of(cls, error: InputError) -> ErrorInfo:
        return cls(type(error).__name__, error.origin, error.reason, error.line)

    def error(self) -> InputError:
        return _ERRORS.get(self.kind, InputError)(self.origin, self.reason, self.line)


@dataclass(frozen=True)
class Processed:
    """One article of a partition; ``extraction`` is None for a repeat within it."""

    article: Article
    fingerprint: Fingerprint | None
    extraction: Extraction | None


@dataclass(frozen=True)
class PartitionResult:
    partition: Partition
    items: tuple[Processed, ...]
    errors: tuple[ErrorInfo, ...]
    words: int
    seconds: float
    extract_seconds: float  # of ``seconds``, in the extractors (the rest: mostly parsing)
    peak_rss_mb: float  # the worker process's peak resident memory so far
    worker: str  # host:pid


def run_partition(
    partition: Partition, model: str = DEFAULT_MODEL, batch_size: int = 32
) -> PartitionResult:
    """Process one partition; every article is parsed once, repeats not at all."""
    # imported here: pipeline imports the store, which a worker never opens
    from ..pipeline import extract_article

    start = time.perf_counter()
    raws: list[RawArticle] = []
    errors: list[ErrorInfo] = []
    for item in read_partition(partition):
        if isinstance(item, InputError):
            errors.append(ErrorInfo.of(item))
        else:
            raws.append(item)
    articles = [normalize_article(raw) for raw in raws]
    first: dict[str, Article] = {}  # the first article of each id, in order
    for article in articles:
        first.setdefault(article.id, article)
    docs = parse_many((a.text for a in first.values()), model=model, batch_size=batch_size)
    extractions: dict[str, Extraction] = {}
    extract_seconds = 0.0
    for article, doc in zip(first.values(), docs, strict=True):
        t0 = time.perf_counter()
        try:
            extractions[article.id] = extract_article(doc, article)
            extract_seconds += time.perf_counter() - t0
        except Exception as exc:
            origin = article.metadata.get("origin", article.id)
            raise RuntimeError(f"extraction failed on {origin} (article {article.id})") from exc
    items = []
    for article in articles:
        extraction = extractions.pop(article.id, None)
        items.append(Processed(
            article, fingerprint(article.text) if extraction else None, extraction))
    return PartitionResult(
        partition=partition,
        items=tuple(items),
        errors=tuple(errors),
        words=sum(len(a.text.split()) for a in articles),
        seconds=time.perf_counter() - start,
        extract_seconds=extract_seconds,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


def warm_up(model: str = DEFAULT_MODEL) -> str:
    """Load the models on a worker ahead of the first partition (benchmarks time without it).

    spaCy's, and the language identifier that ``normalize_article`` loads on first use.
    """
    from ..extract.annotate import load_nlp
    from ..normalize.language import detect_language

    load_nlp(model)("Warm up.")
    detect_language("The language identifier loads its model on first use.")
    return f"{socket.gethostname()}:{os.getpid()}"
