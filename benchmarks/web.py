"""Page render times on a 20,000-article synthetic store.

    python benchmarks/web.py [--articles 20000] [--repeat 15] [--keep DB]

Builds the store with ``newsgraph.web.sample`` in a temporary folder (about a
minute), then requests every page and API route through FastAPI's TestClient
(in-process, so the figures are server time plus a little client overhead) and
prints the median and 95th percentile of wall time per route, and the median
CPU time of the process per request (all threads), which stays meaningful when
other jobs load the machine. Target: median < 200 ms.
It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from newsgraph.store.sqlite import SQLiteStore
from newsgraph.web import sample
from newsgraph.web.app import create_app

ROUTES = [
    ("home", "/"),
    ("search: word", "/search?q=grain"),
    ("search: phrase + outlet", '/search?q="prisoner exchange"&source=civic-wire.example'),
    ("search: word + entity + event", "/search?q=talks&entity=p0001&event_type=CONSULT"),
    ("browse: filters, no query", "/search?since=2025-07&until=2025-09&event_type=AID"),
    ("article", "/articles/art10001"),
    ("entities", "/entities"),
    ("entities: PERSON", "/entities?type=PERSON"),
    ("entity: person", "/entities/p0007"),
    ("entity: place (busiest)", "/entities/g0"),
    ("stories", "/stories"),
    ("story", "/stories/s0-3"),
    ("story briefing (370 articles)", "/stories/s0-3/briefing"),
    ("figures", "/figures?unit=troops"),
    ("api search", "/api/search?q=grain"),
    ("api entity", "/api/entities/p0007"),
    ("api quotes by speaker", "/api/quotes?speaker=varga"),
    ("api events", "/api/events?type=CONSULT&since=2025-08"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store at this path")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "bench.db"
        if not db.exists():
            started = time.perf_counter()
            store = SQLiteStore(db)
            sample.build(store, articles=args.articles, people=args.people)
            counts = store.counts()
            store.close()
            print(
                f"built {counts['articles']:,} articles, {counts['mentions']:,} mentions, "
                f"{counts['events']:,} events in {time.perf_counter() - started:.0f} s"
            )
        with TestClient(create_app(str(db))) as client:
            print(f"{'route':34} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8}  status  bytes")
            for name, url in ROUTES:
                times, cpu, response = [], [], None
                for i in range(args.repeat + 1):
                    t0, c0 = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    if i:  # the first request warms caches and is not counted
                        times.append((time.perf_counter() - t0) * 1000)
                        cpu.append((time.process_time() - c0) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                assert response is not None
                print(
                    f"{name:34} {statistics.median(times):10.1f} {p95:8.1f} "
                    f"{statistics.median(cpu):8.1f}  "
                    f"{response.status_code:6}  {len(response.content):,}"
                )


if __name__ == "__main__":
    main()
