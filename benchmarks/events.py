"""Incremental event grouping: time to link the events of new articles into a store of N.

    .venv/bin/python benchmarks/events.py [--sizes 2000,20000] [--new 400]

A synthetic store (no NLP): articles in stories of eight, 30 a day, three
events each of ten types, with one actor of the article's own and one from a
pool of twenty shared actors, the first three of which are in half of all
events (as "United States" is); a fifth of the events undated, a sixth dated
to a year only. The stored events are already grouped; then ``link_new_events``
groups the events of ``--new`` more articles in batches of 200, as
``pipeline.link`` does, and its CPU time is printed per new article. If
candidate search is bounded, the figure does not grow with the store. It
reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.link.events import link_new_events
from newsgraph.model import Event
from newsgraph.store.sql import _dump
from newsgraph.store.sqlite import SQLiteStore

TYPES = ["CONSULT", "AGREE", "ASSAULT", "PROTEST", "AID", "ACCUSE", "REQUEST", "THREATEN",
         "MOBILIZE", "SANCTION"]
SHARED = [f"e-shared{i}" for i in range(20)]


def build(path: Path, size: int, new: int, seed: int = 3) -> tuple[SQLiteStore, list[str]]:
    """A store of ``size`` articles with grouped events, plus ``new`` with ungrouped ones."""
    rng = random.Random(seed)
    articles, events, actors = [], [], []
    day = date(2023, 1, 1)
    for i in range(size + new):
        if i % 30 == 0:
            day += timedelta(days=1)
        aid = f"a{i:07d}"
        articles.append((aid, hashlib.sha1(aid.encode()).hexdigest(), aid, "-", day.isoformat(),
                         f"story-{i // 8}", i + 1))
        for k in range(3):
            shared = rng.choice(SHARED[:3] if rng.random() < 0.5 else SHARED)
            who = (f"e-own{i // 8}", shared)
            r = rng.random()
            when = None if r < 0.2 else str(day.year) if r < 0.35 else (
                day - timedelta(days=rng.randint(0, 3))).isoformat()
            event = Event(f"{aid}-v{k}", aid, rng.choice(TYPES), None, who[0], who[1], who, when,
                          None, None, None, None, "reported", "met", "-", 0, 1,
                          event_group=f"g-{aid}-{k}" if i < size else None)
            events.append((event.id, aid, event.type, when, event.event_group, _dump(event)))
            actors += [(event.id, a) for a in who]
    store = SQLiteStore(path)
    with store.transaction():
        store.executemany(
            "INSERT INTO articles (id, content_hash, url, title, text, source, published, "
            "authors, related_links, metadata, story_id, ingested_at, seq) VALUES "
            "(?, ?, NULL, ?, ?, 'synthetic.example', ?, '[]', '[]', '{}', ?, '2026-01-01', ?)",
            articles)
        store.executemany("INSERT INTO events (id, article_id, type, date, event_group, data) "
                          "VALUES (?, ?, ?, ?, ?, ?)", events)
        store.executemany("INSERT INTO event_actors (event_id, entity_id) VALUES (?, ?) "
                          "ON CONFLICT DO NOTHING", actors)
    return store, [a[0] for a in articles[size:]]


def measure(size: int, new: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        store, ids = build(Path(tmp) / "events.db", size, new)
        t0 = time.process_time()
        for i in range(0, len(ids), 200):
            link_new_events(store, ids[i : i + 200])
        cpu = time.process_time() - t0
        store.close()
    return {"store": size, "added": new, "cpu_seconds": cpu,
            "per_article_cpu_ms": 1000 * cpu / max(new, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--new", type=int, default=400)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        result = measure(size, args.new)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v
                          for k, v in result.items()}), flush=True)


if __name__ == "__main__":
    main()
