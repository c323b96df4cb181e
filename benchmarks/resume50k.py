"""A large archive on a 2-worker local Dask cluster, killed midway and resumed.

    .venv/bin/python benchmarks/resume50k.py [--articles 50000] [--partition-size 500]
                                             [--kill-at 0.4] [--write-docs]

Generates a JSONL archive of short synthetic articles (our own templates, with
exact repeats and syndicated near-copies), then:

1. runs ``newsgraph process --workers 2`` into a fresh SQLite store in a child
   process and kills its whole process group (SIGKILL) once ``--kill-at`` of
   the partitions are recorded as finished;
2. runs the same command again: it resumes, skipping finished partitions;
3. runs it once more, uninterrupted, into a second store;
4. compares the two stores table by table: row counts and a SHA-256 of every
   row, sorted (articles with their near-duplicate and story links, entities,
   mentions, roles, quotes, claims, timexes, events, event actors, stories).

It reports; it asserts nothing (``tests/test_distributed.py`` asserts the same
on a small archive).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from throughput import GROUPS, OUTLETS, PEOPLE, PLACES, SENTENCES, TOPICS, WEEKDAYS

from newsgraph.process import plan_partitions

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# What a run stores; ORDER BY makes the hash independent of insertion order.
TABLES = {
    "articles": "SELECT id, url, title, published, duplicate_of, story_id, extracted "
                "FROM articles ORDER BY id",
    "entities": "SELECT id, name, type, country, data FROM entities ORDER BY id",
    "mentions": "SELECT entity_id, article_id, start_char, end_char, text FROM mentions "
                "ORDER BY article_id, start_char, end_char, entity_id",
    "roles": "SELECT entity_id, article_id, title FROM roles ORDER BY 1, 2, 3",
    "quotes": "SELECT id, article_id, speaker_id, data FROM quotes ORDER BY id",
    "claims": "SELECT id, article_id, unit, data FROM claims ORDER BY id",
    "timexes": "SELECT id, article_id, data FROM timexes ORDER BY id",
    "events": "SELECT id, article_id, type, date, event_group, data FROM events ORDER BY id",
    "event_actors": "SELECT event_id, entity_id FROM event_actors ORDER BY 1, 2",
    "stories": "SELECT id, title, first_seen, last_seen, data FROM stories ORDER BY id",
}


def generate(path: Path, n: int, seed: int = 50) -> int:
    """``n`` short articles (2-3 sentences), 1 in 100 repeated, 1 in 120 copied as wire copy."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        (a, title), (b, _) = rng.sample(PEOPLE, 2)
        month = rng.randint(1, 12)
        slots = {
            "a": a, "b": b, "title": title, "a_last": a.split()[-1], "b_last": b.split()[-1],
            "place": rng.choice(PLACES), "place2": rng.choice(PLACES),
            "topic": rng.choice(TOPICS), "group": rng.choice(GROUPS),
            "month": MONTHS[month - 1], "day": rng.randint(1, 28),
            "weekday": rng.choice(WEEKDAYS), "n": rng.randint(2, 12),
            "big": rng.randint(200, 90000), "pct": rng.randint(3, 80),
            "money": rng.randint(5, 900),
        }
        text = " ".join(s.format(**slots) for s in rng.sample(SENTENCES, rng.randint(2, 3)))
        outlet = rng.choice(OUTLETS)
        record = {"title": f"{a} and {b} on {slots['topic']}", "text": f"{text} (Item {i}.)",
                  "url": f"https://{outlet}/2025/{month:02d}/item-{i}",
                  "published": f"2025-{month:02d}-{rng.randint(1, 28):02d}"}
        lines.append(json.dumps(record))
        if i % 100 == 7:
            lines.append(json.dumps(record))
        if i % 120 == 11:
            copy = dict(record, url=f"https://{OUTLETS[0]}/wire/{i}", text="Wire copy. " + text)
            lines.append(json.dumps(copy))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def command(db: Path, archive: Path, size: int) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "--db", str(db), "-q", "process", str(archive),
            "--workers", "2", "--partition-size", str(size)]


def finished(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM partitions").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet, or busy


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (the command and all its children) of a run to completion."""
    t0, c0 = time.perf_counter(), _children_cpu()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, _children_cpu() - c0


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def digest(db: Path) -> dict[str, tuple[int, str]]:
    """Each table: (rows, SHA-256 of its rows in order)."""
    out = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        for table, sql in TABLES.items():
            h, n = hashlib.sha256(), 0
            for row in conn.execute(sql):
                h.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v
                                    for v in row)).encode())
                n += 1
            out[table] = (n, h.hexdigest()[:16])
    return out


def run(n: int, size: int, kill_at: float, workdir: Path) -> dict[str, Any]:
    archive = workdir / "archive.jsonl"
    lines = generate(archive, n)
    total = len(plan_partitions([str(archive)], size))
    out: dict[str, Any] = {"articles": n, "lines": lines, "partitions": total,
                           "partition_size": size, "words": sum(
                               len(json.loads(x)["text"].split())
                               for x in archive.read_text().splitlines())}
    killed_db, clean_db = workdir / "killed.db", workdir / "clean.db"

    t0, c0 = time.perf_counter(), _children_cpu()
    child = subprocess.Popen(command(killed_db, archive, size), start_new_session=True,
                             stdout=subprocess.DEVNULL)
    while finished(killed_db) < kill_at * total and child.poll() is None:
        time.sleep(0.5)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    out["killed_after_s"] = time.perf_counter() - t0
    out["killed_cpu_s"] = _children_cpu() - c0
    out["finished_at_kill"] = finished(killed_db)
    print(f"killed after {out['killed_after_s']:.0f} s with {out['finished_at_kill']}/{total} "
          "partitions finished", flush=True)
    out["resume_s"], out["resume_cpu_s"] = timed(command(killed_db, archive, size))
    print(f"resumed in {out['resume_s']:.0f} s", flush=True)
    out["clean_s"], out["clean_cpu_s"] = timed(command(clean_db, archive, size))
    print(f"uninterrupted run in {out['clean_s']:.0f} s", flush=True)
    out["killed"], out["clean"] = digest(killed_db), digest(clean_db)
    out["identical"] = out["killed"] == out["clean"]
    out["load"] = os.getloadavg()[0]
    return out


def table(r: dict[str, Any]) -> str:
    lines = ["| table | rows (killed + resumed) | rows (uninterrupted) | content hash equal |",
             "|---|---|---|---|"]
    for name in TABLES:
        (a, ha), (b, hb) = r["killed"][name], r["clean"][name]
        lines.append(f"| {name} | {a:,} | {b:,} | {'yes' if ha == hb else 'NO'} |")
    notes = [
        f"`.venv/bin/python benchmarks/resume50k.py --articles {r['articles']} "
        f"--partition-size {r['partition_size']} --write-docs`: {r['articles']:,} generated "
        f"short articles ({r['lines']:,} archive lines with repeats and wire copies, "
        f"{r['words']:,} words), {r['partitions']} partitions, `newsgraph process --workers 2` "
        "into SQLite.",
        f"Killed (SIGKILL to the whole process group) after {r['killed_after_s']:.0f} s with "
        f"{r['finished_at_kill']} of {r['partitions']} partitions finished; the resumed run "
        f"took {r['resume_s']:.0f} s; the uninterrupted run {r['clean_s']:.0f} s "
        f"({r['lines'] / r['clean_s']:,.1f} lines/s wall, "
        f"{r['lines'] / r['clean_cpu_s']:,.1f} per CPU-second; load average "
        f"{r['load']:.1f} at the end, shared 2-core machine).",
        "Result: " + ("every table identical in rows and content." if r["identical"] else
                      "the stores DIFFER (see the table)."),
    ]
    return "\n".join(lines) + "\n\n" + "\n".join(notes)


def write_docs(r: dict[str, Any]) -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
    begin, end = "<!-- resume-benchmark -->", "<!-- /resume-benchmark -->"
    section = f"{begin}\n{table(r)}\n{end}"
    text = doc.read_text(encoding="utf-8")
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        anchor = "<!-- /throughput-benchmark -->"
        block = ("\n\n## A killed and resumed run on a large archive (2 Dask workers)\n\n"
                 + section)
        at = text.index(anchor) + len(anchor) if anchor in text else len(text)
        text = text[:at] + block + text[at:]
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--kill-at", type=float, default=0.4)
    parser.add_argument("--keep", help="a directory to keep the archive and stores in")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        result = run(args.articles, args.partition_size, args.kill_at, Path(args.keep))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = run(args.articles, args.partition_size, args.kill_at, Path(tmp))
    print(table(result))
    print(json.dumps(result))
    if args.write_docs:
        write_docs(result)


if __name__ == "__main__":
    main()
