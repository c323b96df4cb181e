"""The whole pipeline on our sample corpus: ingest, extract, link, read back, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsgraph
from newsgraph import pipeline
from newsgraph.export import TABLES

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRUTH = json.loads((Path(__file__).parent / "data" / "sample_truth.json").read_text())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "sample.db"
    with newsgraph.open(db) as ng:
        report = ng.ingest([str(EXAMPLES / "articles.jsonl")])
    assert report.errors == [] and report.extracted == 34
    return db


def content(ng: newsgraph.Newsgraph) -> dict[str, list]:
    """Everything extraction and linking decided, without timestamps."""
    out = {}
    for table in ("quotes", "claims", "timexes", "events"):
        out[table] = sorted(json.dumps(r.__dict__, sort_keys=True, default=str)
                            for r in ng.store.records(table))
    out["entities"] = sorted(ng.store.query("SELECT id, name, type, country FROM entities"))
    out["mentions"] = sorted(ng.store.query("SELECT * FROM mentions"))
    out["stories"] = sorted(ng.store.query("SELECT id, story_id FROM articles"))
    return out


def test_every_stage_fills_its_part_of_the_export(corpus):
    with newsgraph.open(corpus, read_only=True) as ng:
        data = json.loads(_export(ng))
    assert data["schema"] == "newsgraph/v1"
    for table in TABLES:
        assert data[table], f"{table} is empty"
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for quote in data["quotes"]:  # offsets index the stored text
        assert texts[quote["article_id"]][quote["start"]:quote["end"]].strip()
    for entity in data["entities"][:50]:
        for m in entity["mentions"]:
            assert texts[m["article_id"]][m["start"]:m["end"]] == m["text"]


def _export(ng: newsgraph.Newsgraph) -> str:
    import io

    buf = io.StringIO()
    ng.export(buf)
    return buf.getvalue()


def test_reading_back_what_users_ask(corpus):
    with newsgraph.open(corpus, read_only=True) as ng:
        peskov = ng.find_entity("Peskov")
        assert peskov is not None and peskov.type == "PERSON"
        assert {"Dmitry Peskov", "Dmitri Peskov"} == {peskov.name, *peskov.aliases}
        assert any("Peskov" in (r.quote.speaker_name or "") for r in ng.quotes(speaker="Peskov"))
        assert ng.events(actor="Kim Jong Un", type="CONSULT")
        stories = ng.stories()
        assert 4 <= len(stories) <= 10
        briefing = ng.brief(story_id=stories[0].id).markdown()
        assert "[1]" in briefing


def test_reingest_changes_nothing(corpus, tmp_path):
    copy = tmp_path / "again.db"
    copy.write_bytes(corpus.read_bytes())
    with newsgraph.open(copy) as ng:
        before = content(ng)
        report = ng.ingest([str(EXAMPLES / "articles.jsonl")])
        assert report.added == 0 and report.extracted == 0
        assert content(ng) == before


def test_interrupted_extraction_resumes_to_the_same_result(corpus, tmp_path, monkeypatch):
    db = tmp_path / "broken.db"
    real = pipeline.extract_article
    calls = {"n": 0}

    def failing(doc, article):  # a crash in the middle of the batch
        calls["n"] += 1
        if calls["n"] == 12:
            raise KeyboardInterrupt
        return real(doc, article)

    monkeypatch.setattr(pipeline, "extract_article", failing)
    with newsgraph.open(db) as ng, pytest.raises(KeyboardInterrupt):
        ng.ingest([str(EXAMPLES / "articles.jsonl")])
    monkeypatch.setattr(pipeline, "extract_article", real)
    with newsgraph.open(db) as ng:
        assert 0 < ng.store.counts()["unextracted"] < 34
        ng.ingest([str(EXAMPLES / "articles.jsonl")])
        resumed = content(ng)
    with newsgraph.open(corpus, read_only=True) as ng:
        assert resumed == content(ng)
