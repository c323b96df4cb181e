"""Ingest rate and full-text search latency on generated articles (no NLP).

    .venv/bin/python benchmarks/ingest.py [--articles 20000] [--queries 300] [--write-docs]

Generates a JSONL archive of synthetic articles (random sentences over a news
vocabulary, 5 % of them syndicated near-copies), ingests it into a fresh
SQLite store with ``--no-extract`` semantics (read, normalize, language,
MinHash near-duplicates, store, FTS index), then times searches for one- and
two-word queries with and without filters. Prints the figures; with
``--write-docs`` also rewrites its section of docs/performance.md.
It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph.ingest.sources import read_sources
from newsgraph.pipeline import IngestReport, store_items
from newsgraph.store.sqlite import SQLiteStore

WORDS = (
    "minister talks summit ceasefire troops border sanctions harbour fishing quota election "
    "protest parliament budget inflation drought flood earthquake refugees aid convoy missile "
    "drone strike negotiations envoy embassy treaty tariff export grain pipeline reactor vote "
    "court ruling strike union wages hospital vaccine outbreak coalition opposition president "
    "governor mayor city village province capital officials reporters statement agreement"
).split()
GLUE = "the a of in on at to from with after before during said would could has have was".split()
OUTLETS = ["harbourwire.example", "meridian-post.example", "kestrel-news.example",
           "atlas-daily.example", "northgate-times.example"]


SYLLABLES = "ka ri to mel san dor vi lu pe ash on gra ben tu mi sol far est kor lin".split()
# A Zipfian vocabulary like a news archive's: a few words everywhere, most words rare.
VOCABULARY = WORDS + sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES
                             if a != b})[:6000]
WEIGHTS = [1.0 / (rank + 5) for rank in range(len(VOCABULARY))]


def sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    content = rng.choices(VOCABULARY, weights=WEIGHTS, k=n)
    words = [w if rng.random() < 0.6 else rng.choice(GLUE) for w in content]
    return " ".join(words).capitalize() + "."


def generate(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    previous: list[str] = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if previous and rng.random() < 0.05:
                body = "A wire report. " + previous[rng.randrange(len(previous))]
            else:
                body = "\n\n".join(
                    " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
                    for _ in range(rng.randint(3, 7))
                )
                previous = (previous + [body])[-50:]
            outlet = rng.choice(OUTLETS)
            month = rng.randint(1, 12)
            fh.write(json.dumps({
                "id": f"gen-{i}", "title": sentence(rng)[:80], "text": body,
                "url": f"https://{outlet}/2025/{month:02d}/story-{i}",
                "published": f"2025-{month:02d}-{rng.randint(1, 28):02d}", "source": outlet,
            }) + "\n")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(n_articles: int, n_queries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        generate(archive, n_articles)
        store = SQLiteStore(Path(tmp) / "bench.db")
        report = IngestReport()
        start, cpu = time.perf_counter(), time.process_time()
        store_items(store, read_sources([str(archive)]), report)
        ingest_s = time.perf_counter() - start
        ingest_cpu = time.process_time() - cpu

        rng = random.Random(2)
        latencies = []
        for i in range(n_queries):
            # users search for names and topics: words of middling frequency
            words = " ".join(rng.sample(VOCABULARY[40:3000], 1 + i % 2))
            kwargs = {"source": rng.choice(OUTLETS)} if i % 3 == 0 else {}
            if i % 5 == 0:
                kwargs["since"] = "2025-06-01"
            t0 = time.perf_counter()
            store.search(words, limit=20, **kwargs)
            latencies.append((time.perf_counter() - t0) * 1000)
        store.close()
    return {
        "articles": n_articles,
        "stored": report.added,
        "near_duplicates": report.near_duplicates,
        "ingest_seconds": ingest_s,
        "articles_per_second": report.read / ingest_s,
        # on a shared machine wall time includes waiting for a core; CPU time does not
        "articles_per_cpu_second": report.read / ingest_cpu,
        "search_median_ms": statistics.median(latencies),
        "search_p95_ms": percentile(latencies, 0.95),
    }


def write_docs(result: dict[str, float]) -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
    begin, end = "<!-- ingest-benchmark -->", "<!-- /ingest-benchmark -->"
    section = (
        f"{begin}\n| measure | value |\n|---|---|\n"
        f"| articles generated | {result['articles']:,} |\n"
        f"| stored (near-duplicates marked) | {result['stored']:,} "
        f"({result['near_duplicates']:,}) |\n"
        f"| ingest rate, no NLP (wall clock) | {result['articles_per_second']:,.0f} articles/s |\n"
        f"| ingest rate, no NLP (per CPU second) | {result['articles_per_cpu_second']:,.0f} "
        "articles/s |\n"
        f"| search latency median | {result['search_median_ms']:.1f} ms |\n"
        f"| search latency p95 | {result['search_p95_ms']:.1f} ms |\n{end}"
    )
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if begin in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text += "\n## Ingest and search (SQLite)\n\n" + section + "\n"
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    result = run(args.articles, args.queries)
    for key, value in result.items():
        print(f"{key:>22}: {value:,.1f}" if isinstance(value, float) else f"{key:>22}: {value:,}")
    if args.write_docs:
        write_docs(result)


if __name__ == "__main__":
    main()
