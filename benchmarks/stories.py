"""Incremental story clustering: time to add 1,000 articles to a store of 10,000 and of 100,000.

    .venv/bin/python benchmarks/stories.py [--sizes 10000,100000] [--new 1000] [--write-docs]

A synthetic stream of short articles (no NLP): each belongs to a story with
its own words and names, mixed with common words drawn from a Zipf
distribution, dated in stream order. For each store size the first N
articles are clustered in memory and their state (stories, postings,
document frequencies, story ids) is written to a fresh SQLite store in bulk;
then the next ``--new`` articles, with their entity mentions, are stored and
``cluster_new_articles`` is timed (CPU time, which other processes on the
machine disturb less than wall time; both are printed). If clustering is
incremental the two times are close: they depend on the 1,000, not on the
store. Prints the
figures; ``--write-docs`` also rewrites its section of docs/performance.md.
It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.link.stories import StoryClusterer, day_number, story_doc
from newsgraph.link.story_store import _DAYS_KEY, _to_json, cluster_new_articles
from newsgraph.store.sqlite import SQLiteStore

COMMON = 20_000  # common-word vocabulary (Zipf)
PLACES = [f"place{i}" for i in range(300)]


def stream(n: int, seed: int = 7) -> list[dict]:
    """``n`` synthetic articles in publication order; about one in eight starts a story."""
    rng = random.Random(seed)
    cumulative = list(itertools.accumulate(1 / (r + 1) for r in range(COMMON)))
    open_stories: list[dict] = []
    out = []
    day = date(2020, 1, 1)
    for i in range(n):
        if not open_stories or rng.random() < 0.125:
            sid = len(out)
            open_stories.append({
                "label": sid, "words": [f"topic{sid}x{k}" for k in range(15)],
                "names": [(f"person{sid}", "PERSON"), (f"org{sid}", "ORG"),
                          (rng.choice(PLACES), "GPE")],
            })
            open_stories = open_stories[-40:]  # a story fades after 40 newer ones start
        story = rng.choice(open_stories)
        words = rng.choices(story["words"], k=40) + [
            f"common{w}" for w in rng.choices(range(COMMON), cum_weights=cumulative, k=80)]
        rng.shuffle(words)
        mentions = [nm for nm in story["names"] for _ in range(rng.randint(1, 3))]
        mentions.append((rng.choice(PLACES), "GPE"))
        if i % 50 == 0:
            day += timedelta(days=1)
        out.append({"id": f"a{i:07d}", "text": " ".join(words), "published": day.isoformat(),
                    "mentions": mentions, "label": story["label"]})
    return out


def _insert_articles(store: SQLiteStore, rows: list[dict], story_ids: dict[str, str]) -> None:
    """Articles, entities and mentions in bulk (the benchmark times clustering, not ingest)."""
    seq = store.query("SELECT COALESCE(MAX(seq), 0) FROM articles")[0][0]
    store.executemany(
        "INSERT INTO articles (id, content_hash, url, title, text, source, published, authors, "
        "related_links, metadata, story_id, ingested_at, seq) "
        "VALUES (?, ?, ?, ?, ?, 'synthetic.example', ?, '[]', '[]', '{}', ?, '2026-01-01', ?)",
        [(r["id"], hashlib.sha1(r["id"].encode()).hexdigest(), None, r["text"][:40], r["text"],
          r["published"], story_ids.get(r["id"]), seq + k + 1) for k, r in enumerate(rows)])
    entities = {(n, t) for r in rows for n, t in r["mentions"]}
    store.executemany("INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, '{}') "
                      "ON CONFLICT DO NOTHING", [(f"e-{n}", n, t) for n, t in entities])
    store.executemany(
        "INSERT INTO mentions (entity_id, article_id, start_char, end_char, text) "
        "VALUES (?, ?, ?, ?, ?)",
        [(f"e-{n}", r["id"], k, k + 1, n) for r in rows for k, (n, _) in enumerate(r["mentions"])])


def build(path: Path, rows: list[dict]) -> SQLiteStore:
    """A store holding ``rows`` already clustered (in memory, then written in bulk)."""
    clusterer = StoryClusterer()
    for r in rows:
        clusterer.add(story_doc(r["id"], r["text"], r["mentions"], None, r["published"]))
    store = SQLiteStore(path)
    with store.transaction():
        _insert_articles(store, rows, clusterer.by_article)
        store.executemany("INSERT INTO story_state (story_id, data) VALUES (?, ?)",
                          [(s.id, _to_json(s)) for s in clusterer.stories.values()])
        # a posting's seq is when its story was last updated, as the store writes it, and
        # its day the story's last day
        last = {clusterer.by_article[r["id"]]: i + 1 for i, r in enumerate(rows)}
        store.executemany(
            "INSERT INTO story_terms (term, story_id, seq, last_day) VALUES (?, ?, ?, ?)",
            [(t, sid, last.get(sid, 0), day_number(clusterer.stories[sid].last_seen))
             for sid, ts in clusterer.indexed.items() for t in ts])
        store.executemany("INSERT INTO term_df (term, df) VALUES (?, ?)",
                          list(clusterer.df.items()))
        store.execute("INSERT INTO meta (key, value) VALUES ('story_docs', ?)",
                      (str(clusterer.n_docs),))
        # its postings have their days already: no upgrade of older postings is due
        store.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (_DAYS_KEY,))
    return store


def measure(size: int, new: int) -> dict[str, float]:
    rows = stream(size + new)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        path = Path(tmp) / "stories.db"
        store = build(path, rows[:size])
        built = time.perf_counter() - t0
        stories = store.query("SELECT COUNT(*) FROM story_state")[0][0]
        with store.transaction():
            _insert_articles(store, rows[size:], {})
        # the generated stream is not the store's: left alive, its objects would make every
        # garbage collection in the timed run slower the larger the store
        del rows
        gc.collect()
        # reopened, as a store is between runs: the bulk load's write-ahead log is checkpointed
        # on close, where it would otherwise be folded in during the timed run
        store.close()
        store = SQLiteStore(path)
        t0, c0 = time.perf_counter(), time.process_time()
        done = cluster_new_articles(store)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        largest = store.query(
            "SELECT COUNT(*) FROM articles GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1")[0][0]
        store.close()
    return {"store": size, "stories": stories, "largest_story": largest, "added": done,
            "seconds": seconds, "cpu_seconds": cpu, "per_article_ms": 1000 * seconds / max(done, 1),
            "per_article_cpu_ms": 1000 * cpu / max(done, 1), "build_seconds": built}


def write_docs(results: list[dict[str, float]]) -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
    begin, end = "<!-- stories-benchmark -->", "<!-- /stories-benchmark -->"
    lines = [begin, "| articles in store | stories | largest story | added | CPU time "
             "| CPU per article | wall per article |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['store']:,} | {r['stories']:,} | {r['largest_story']:,} | {r['added']:,} "
              f"| {r['cpu_seconds']:.1f} s | {r['per_article_cpu_ms']:.1f} ms "
              f"| {r['per_article_ms']:.1f} ms |" for r in results]
    lines.append(end)
    section = "\n".join(lines)
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if begin in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text += ("\n## Incremental story clustering (SQLite)\n\n"
                 "`benchmarks/stories.py`: synthetic articles; the time to cluster 1,000 new "
                 "articles into a store already holding N. Times vary with machine load; the "
                 "time per article should not grow with the store.\n\n" + section + "\n")
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        result = measure(size, args.new)
        results.append(result)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v
                          for k, v in result.items()}), flush=True)
    if args.write_docs:
        write_docs(results)


if __name__ == "__main__":
    main()
