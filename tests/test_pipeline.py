"""Ingest end to end without NLP: idempotence, near-duplicates, a killed run resumed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.ingest.sources import read_sources
from newsgraph.pipeline import IngestReport, store_items
from newsgraph.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ALL_FORMATS = [str(EXAMPLES / n) for n in
               ("articles.jsonl", "digest.txt", "feed.xml", "html", "lone-article.txt")]


def ingest(store, sources) -> IngestReport:
    report = IngestReport()
    store_items(store, read_sources(sources), report)
    return report


def snapshot(store) -> list[tuple]:
    """What an ingest run decides: every article and its duplicate link, in id order."""
    return sorted((a.id, a.url, a.title, a.text, a.source, a.published, a.duplicate_of)
                  for a in store.iter_articles())


def test_reingesting_every_format_changes_nothing(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    first = ingest(store, ALL_FORMATS)
    counts = store.counts()
    truth = json.loads((ROOT / "tests/data/sample_truth.json").read_text())
    assert first.errors == []
    # the same corpus in four formats shares URLs: each article is stored once, plus the lone one
    assert counts["articles"] == len(truth["articles"]) + 1
    second = ingest(store, ALL_FORMATS)
    assert second.added == 0 and second.duplicates == second.read
    assert store.counts() == counts


def test_syndicated_copy_is_marked_near_duplicate(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    ingest(store, [str(EXAMPLES / "articles.jsonl")])
    marked = {a.url: a.duplicate_of for a in store.iter_articles() if a.duplicate_of}
    by_id = {a.id: a.url for a in store.iter_articles()}
    assert len(marked) == 1
    (copy, original), = marked.items()
    assert "northgate-times" in copy and "harbourwire" in by_id[original]


def _generate(path: Path, n: int) -> None:
    with path.open("w") as fh:
        for i in range(n):
            words = " ".join(f"w{(i * 7 + k) % 997}" for k in range(60))
            fh.write(json.dumps({"title": f"Item {i}", "text": f"Report {i}. {words}",
                                 "url": f"https://gen.example/2025/01/{i}"}) + "\n")


def stored(db: Path) -> int:
    """Articles committed so far; 0 while the database is being created or is busy."""
    try:
        return SQLiteStore(db, read_only=True).counts()["articles"]
    except (StoreError, sqlite3.OperationalError):  # "database is locked": poll again
        return 0


def test_killed_ingest_resumes_to_the_same_database(tmp_path):
    archive = tmp_path / "archive.jsonl"
    _generate(archive, 2500)
    clean = SQLiteStore(tmp_path / "clean.db")
    ingest(clean, [str(archive)])

    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "newsgraph", "--db", str(db), "-q", "ingest", "--no-extract",
           str(archive)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:  # kill it once some batches landed
        if stored(db) >= 300:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = SQLiteStore(db, read_only=True).counts()["articles"]
    assert 0 < partial < 2500, "the run was not interrupted midway"

    subprocess.run(cmd, check=True, env={**os.environ}, capture_output=True)
    resumed = SQLiteStore(db)
    assert snapshot(resumed) == snapshot(clean)
    assert resumed.counts() == clean.counts()


def test_indexed_attribute_rules_annotate_as_spacys_ruler():
    spacy = pytest.importorskip("spacy")
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from newsgraph.extract.annotate import DEFAULT_MODEL, IndexedAttributeRules, load_nlp

    assert "indexed_attribute_rules" not in spacy.load(DEFAULT_MODEL).pipe_names  # baseline
    assert load_nlp().pipe_names.count("attribute_ruler") == 1
    nlp = spacy.load(DEFAULT_MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedAttributeRules(ruler)
    texts = [json.loads(line)["text"] for line in
             (EXAMPLES / "articles.jsonl").read_text().splitlines()]
    # the rules with several tokens, regexes and dependency labels: "ai n't", "gon na", "there is"
    texts += ["I ain't gonna sign it, you know, and it wasn't what they'd have done.",
              "There is a deal. Whatever you do, do it now! But she didn't, did she?",
              "  Spaces \n\n and\ttabs, 'd and 's and whom. ", ""]
    columns = [POS, TAG, MORPH, LEMMA, DEP]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        theirs, ours = ruler(doc.copy()), indexed(doc.copy())
        assert (theirs.to_array(columns) == ours.to_array(columns)).all(), doc.text[:60]
        assert [str(t.morph) for t in theirs] == [str(t.morph) for t in ours]
        assert ours.to_array([POS]).any() or not len(doc)  # it did set something
