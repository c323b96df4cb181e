"""Where a pipeline run's CPU goes, stage by stage, in one process.

    .venv/bin/python benchmarks/stages.py [--articles 300] [--write-docs]

The same generated articles as ``benchmarks/throughput.py``, timed with
``time.process_time`` around each stage: raw ``nlp.pipe`` (``spacy.load``,
batch 32) and our parse (``extract.annotate.load_nlp``), each extractor over
the parsed Docs, then the single writer (SQLite) and cross-article linking.
No Dask: this is the work itself, without scheduling. Each figure is also
given as a share of the raw parse, the baseline of the throughput ratio.
It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from throughput import generate

from newsgraph.extract.annotate import DEFAULT_MODEL, load_nlp

OWNERS = {
    "entities": "extract/entities.py",
    "timexes": "extract/timexes.py",
    "quotes": "extract/quotes.py, speech.py",
    "claims": "extract/claims.py, numbers.py",
    "events": "extract/events*.py",
    "write (SQLite)": "process/writer.py, store/sql.py, link/entities.py",
    "link: stories": "link/story_store.py, stories.py",
    "link: events": "link/events.py",
}


def run(n: int) -> dict[str, float]:
    import spacy

    from newsgraph.extract.claims import extract_claims
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.events import extract_events
    from newsgraph.extract.quotes import extract_quotes
    from newsgraph.extract.timexes import extract_timexes
    from newsgraph.link.events import link_new_events
    from newsgraph.link.story_store import cluster_new_articles
    from newsgraph.model import Extraction
    from newsgraph.normalize.article import normalize_article
    from newsgraph.normalize.dedupe import fingerprint
    from newsgraph.pipeline import extract_article
    from newsgraph.process.partitions import plan_partitions, read_partition
    from newsgraph.process.tasks import PartitionResult, Processed, warm_up
    from newsgraph.process.writer import Writer
    from newsgraph.store import open_store

    cpu: dict[str, float] = defaultdict(float)

    def clock(stage: str, fn: Callable[..., Any], *args: Any) -> Any:
        t0 = time.process_time()
        out = fn(*args)
        cpu[stage] += time.process_time() - t0
        return out

    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        texts = generate(archive, n)
        raw_nlp, ours = spacy.load(DEFAULT_MODEL), load_nlp(DEFAULT_MODEL)
        warm_up(DEFAULT_MODEL)
        clock("raw nlp.pipe", lambda: list(raw_nlp.pipe(texts, batch_size=32)))
        (partition,) = plan_partitions([str(archive)], n)
        raws = clock("read", lambda: list(read_partition(partition)))
        articles = [clock("normalize", normalize_article, r) for r in raws]
        docs = clock("parse (ours)", lambda: list(ours.pipe([a.text for a in articles],
                                                            batch_size=32)))
        extract_article(docs[0], articles[0])  # lazy resources load outside the clock
        items = []
        for article, doc in zip(articles, docs, strict=True):
            entities = clock("entities", extract_entities, doc)
            timexes = clock("timexes", extract_timexes, doc, article.id, article.published)
            quotes = clock("quotes", extract_quotes, doc, article.id, entities.entities)
            claims = clock("claims", extract_claims, doc, article.id, entities.entities, quotes,
                           timexes)
            events = clock("events", extract_events, doc, article.id, entities.entities,
                           timexes, article.published)
            fp = clock("fingerprint", fingerprint, article.text)
            items.append(Processed(article, fp, Extraction(
                article.id, tuple(entities.entities), tuple(quotes), tuple(claims),
                tuple(timexes), tuple(events), entities.dateline)))
        store = open_store(str(Path(tmp) / "stages.db"))
        result = PartitionResult(partition, tuple(items), (), 0, 0.0, 0.0, 0.0, "here")
        writer = Writer(store)
        clock("write (SQLite)", writer.write, result)
        clock("link: stories", cluster_new_articles, store)
        ungrouped = [r[0] for r in store.query(
            "SELECT DISTINCT article_id FROM events WHERE event_group IS NULL ORDER BY 1")]
        for i in range(0, len(ungrouped), 200):
            clock("link: events", link_new_events, store, ungrouped[i : i + 200])
        store.close()
    return dict(cpu)


def table(cpu: dict[str, float], n: int) -> str:
    raw = cpu["raw nlp.pipe"]
    lines = ["| stage | CPU s | % of raw parse | code |", "|---|---|---|---|"]
    for stage, seconds in cpu.items():
        lines.append(f"| {stage} | {seconds:.2f} | {100 * seconds / raw:.0f} % "
                     f"| {OWNERS.get(stage, '')} |")
    total = sum(v for k, v in cpu.items() if k != "raw nlp.pipe")
    lines.append(f"| **pipeline total** | {total:.2f} | {100 * total / raw:.0f} % | |")
    return "\n".join(lines) + (
        f"\n\n`.venv/bin/python benchmarks/stages.py --articles {n} --write-docs`: one process, "
        f"no Dask; {n} generated articles. Pipeline / raw throughput in this process: "
        f"{100 * raw / total:.0f} %.")


def write_docs(text: str) -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
    begin, end = "<!-- stages-benchmark -->", "<!-- /stages-benchmark -->"
    section = f"{begin}\n{text}\n{end}"
    body = doc.read_text(encoding="utf-8")
    if begin in body and end in body:
        body = body[: body.index(begin)] + section + body[body.index(end) + len(end):]
    else:
        anchor = "<!-- /throughput-benchmark -->"
        block = "\n\n### Where the CPU goes\n\n" + section
        at = body.index(anchor) + len(anchor) if anchor in body else len(body)
        body = body[:at] + block + body[at:]
    doc.write_text(body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    text = table(run(args.articles), args.articles)
    print(text)
    if args.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
