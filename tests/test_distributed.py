"""Distributed processing: same result as ``ingest``, resumable after a kill, PG-safe."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from conftest import PG_URL, postgres_reason
from newsgraph.ingest.sources import read_sources
from newsgraph.model import to_dict
from newsgraph.pipeline import ingest
from newsgraph.process import plan_partitions, process
from newsgraph.process.partitions import read_partition
from newsgraph.store.sql import SQLStore
from newsgraph.store.sqlite import SQLiteStore

PEOPLE = [("Ilse Varga", "foreign minister"), ("Tomas Okafor", "defence secretary"),
          ("Lena Brandvold", "prime minister"), ("Ravi Menon", "trade commissioner"),
          ("Sofia Castellanos", "interior minister"), ("Kenji Arakawa", "ambassador")]
PLACES = ["Vienna", "Lagos", "Oslo", "Jakarta", "Lima", "Warsaw", "Nairobi", "Hanoi"]
TOPICS = ["grain exports", "the border crossing", "fishing quotas", "the pipeline deal",
          "flood relief", "the ceasefire"]
OUTLETS = ["tidewater-courier.example", "plainsong-gazette.example", "lanternpost.example"]
MONTHS = ["March", "April", "May", "June", "July", "September"]


def generate(path: Path, n: int, seed: int = 3) -> None:
    """A JSONL archive written from our own templates, with repeats, copies and a bad line."""
    rng = random.Random(seed)
    lines: list[str] = []
    for i in range(n):
        (a, title_a), (b, _) = rng.sample(PEOPLE, 2)
        place, topic, month = rng.choice(PLACES), rng.choice(TOPICS), rng.choice(MONTHS)
        body = (
            f"{place.upper()} — {title_a.capitalize()} {a} met {b} in {place} on Tuesday "
            f"to discuss {topic}. \"We will not accept another delay on {topic},\" {a} said "
            f"after the talks. Officials said {rng.randint(2, 900)} people had been moved "
            f"since {month} {rng.randint(1, 28)}. {b.split()[-1]} told reporters that an "
            f"agreement could be signed within {rng.randint(2, 9)} weeks. Item {i}."
        )
        outlet = rng.choice(OUTLETS)
        record = {"title": f"{a} and {b} meet over {topic}", "text": body,
                  "url": f"https://{outlet}/2025/05/item-{i}", "published": "2025-05-14"}
        lines.append(json.dumps(record))
        if i % 50 == 7:  # the same record again: stored once
            lines.append(json.dumps(record))
        if i % 60 == 11:  # a syndicated copy under another URL: a near-duplicate
            copy = dict(record, url=f"https://{OUTLETS[0]}/wire/{i}", text="Wire copy. " + body)
            lines.append(json.dumps(copy))
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def snapshot(store: SQLStore) -> dict[str, Any]:
    """Everything a run stored that must not depend on how it was run."""
    rows = store.query("SELECT id, url, title, published, duplicate_of, story_id, extracted "
                       "FROM articles ORDER BY id")
    out: dict[str, Any] = {"articles": [tuple(r) for r in rows]}
    for table in ("quotes", "claims", "timexes", "events"):
        out[table] = [to_dict(r) for r in store.records(table)]
    out["mentions"] = [tuple(r) for r in store.query(
        "SELECT entity_id, article_id, start_char, end_char FROM mentions "
        "ORDER BY article_id, start_char, end_char")]
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    generate(path, 240)
    return path


@pytest.fixture(scope="module")
def reference(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A plain ``ingest`` of the archive: what every distributed run must equal."""
    with SQLiteStore(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        ingest(store, [str(archive)])
        return snapshot(store)


def test_partitions_are_stable_line_ranges(archive: Path) -> None:
    plan = plan_partitions([str(archive)], partition_size=40)
    assert plan == plan_partitions([str(archive)], partition_size=40)
    assert [p.first_item for p in plan] == list(range(0, 40 * len(plan), 40))
    assert sum(p.items for p in plan) == len(archive.read_text().splitlines())
    assert len({p.id for p in plan}) == len(plan)


def test_directory_partitions_keep_reading_order(tmp_path: Path) -> None:
    page = "<html><head><title>{0}</title></head><body><article><p>{0} {1}</p></article>"
    body = "The harbour council met on Monday and agreed to widen the northern quay. " * 3
    for name in ("a", "c", "d"):
        (tmp_path / f"{name}.html").write_text(page.format(name, body), encoding="utf-8")
    lines = [json.dumps({"text": f"Line {i}. {body}"}) for i in range(3)]
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    plan = plan_partitions([str(tmp_path)], partition_size=2)
    assert [(p.kind, p.items) for p in plan] == [("files", 1), ("lines", 2), ("lines", 1),
                                                 ("files", 2)]
    read = [item for p in plan for item in read_partition(p)]
    expected = list(read_sources([str(tmp_path)]))
    assert [i.origin for i in read] == [i.origin for i in expected]
    assert [i.text for i in read] == [i.text for i in expected]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def cluster() -> Any:
    from dask.distributed import LocalCluster

    """A 2-worker local cluster shared by the tests (starting one costs seconds)."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, scheduler_port=0) as running:
        yield running


@pytest.mark.slow
def test_two_worker_cluster_equals_plain_ingest(archive: Path, reference: dict[str, Any],
                                                 cluster: Any, tmp_path: Path) -> None:
    assert reference["mentions"] and reference["timexes"]  # the comparison is not vacuous
    db = tmp_path / "dist.db"
    report = process(str(db), [str(archive)], scheduler=cluster.scheduler_address,
                     partition_size=40)
    assert report.processed == report.partitions and report.skipped == 0
    assert [e.line for e in report.errors] == [6]
    assert 1 <= len(report.worker_peak_mb) <= 2 and max(report.worker_peak_mb.values()) < 2048
    with SQLiteStore(db) as store:
        assert snapshot(store) == reference


def _finished(db: Path) -> dict[str, str]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return dict(conn.execute("SELECT partition_id, finished_at FROM partitions"))
    except sqlite3.OperationalError:
        return {}  # not created yet


@pytest.mark.slow
def test_killed_run_resumes_without_redoing_partitions(
    archive: Path, reference: dict[str, Any], cluster: Any, tmp_path: Path
) -> None:
    db, size = tmp_path / "resumed.db", 20
    total = len(plan_partitions([str(archive)], size))
    code = (f"from newsgraph.process import process\n"
            f"process({str(db)!r}, [{str(archive)!r}], scheduler={cluster.scheduler_address!r}, "
            f"partition_size={size})")
    child = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while len(_finished(db)) < 3 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    before = _finished(db)
    assert 3 <= len(before) < total, "the run was not killed midway"

    report = process(str(db), [str(archive)], scheduler=cluster.scheduler_address,
                     partition_size=size)
    assert report.skipped == len(before)
    assert report.processed == total - len(before)
    after = _finished(db)
    assert len(after) == total
    assert {k: after[k] for k in before} == before  # finished ones were not written again
    with SQLiteStore(db) as store:
        assert snapshot(store) == reference


def test_partly_written_partition_is_redone_to_the_same_result(tmp_path: Path) -> None:
    path, db = tmp_path / "small.jsonl", tmp_path / "small.db"
    generate(path, 30, seed=9)
    process(str(db), [str(path)], workers=0, partition_size=10)
    with SQLiteStore(db) as store:
        whole = snapshot(store)
        # what a crash after storing the last partition's articles, before their
        # extractions were all saved, leaves behind
        total = len(store.query("SELECT 1 FROM partitions"))
        last, n = store.query(
            "SELECT partition_id, articles FROM partitions ORDER BY first_item DESC")[0]
        store.execute("DELETE FROM partitions WHERE partition_id = ?", (last,))
        top = store.query("SELECT MAX(seq) FROM articles")[0][0]
        store.execute("UPDATE articles SET extracted = 0 WHERE seq > ?", (top - n,))
        store.execute("DELETE FROM timexes WHERE article_id IN "
                      "(SELECT id FROM articles WHERE seq > ?)", (top - n + 1,))
        store.conn.commit()
    report = process(str(db), [str(path)], workers=0, partition_size=10)
    assert (report.skipped, report.processed, report.added) == (total - 1, 1, 0)
    assert report.redone == n > 0
    with SQLiteStore(db) as store:
        assert snapshot(store) == whole


@pytest.mark.postgres
def test_two_processes_on_one_postgres_schema_store_each_article_once(
    tmp_path: Path,
) -> None:
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    path = tmp_path / "small.jsonl"
    generate(path, 40, seed=5)
    url = f"{PG_URL}?schema=t_{uuid.uuid4().hex[:12]}"
    from newsgraph.store.postgres import PostgresStore

    # created first: two connections racing on CREATE SCHEMA IF NOT EXISTS can both fail
    store = PostgresStore(url)
    code = ("import json, sys\nfrom newsgraph.process import process\n"
            f"r = process({url!r}, [{str(path)!r}], workers=0, partition_size=8)\n"
            "print(json.dumps([r.processed, r.skipped, r.added]))")
    children = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
                for _ in range(2)]
    outputs = [json.loads(c.communicate(timeout=300)[0].splitlines()[-1]) for c in children]
    assert all(c.returncode == 0 for c in children)
    try:
        total = len(plan_partitions([str(path)], 8))
        assert sum(o[0] for o in outputs) == total  # each partition written by one process
        assert sum(o[2] for o in outputs) == store.counts()["articles"]
        ids = store.query("SELECT id FROM articles")
        urls = store.query("SELECT url FROM articles")
        # 40 articles and one wire copy; the repeated record is stored once
        assert len(ids) == len({r[0] for r in ids}) == len({r[0] for r in urls}) == 41
        assert store.counts()["unextracted"] == 0
    finally:
        store.conn.rollback()
        store.conn.execute(f"DROP SCHEMA {store.schema} CASCADE")
        store.conn.commit()
        store.close()
