"""Event groups on our own sample corpus, checked against its hand-written truth.

The whole pipeline runs once (ingest → extract → stories → event coreference)
on examples/articles.jsonl into a temporary SQLite store; every multi-outlet
group in tests/data/sample_truth.json must then come out as one event_group
holding a mention of the right type from each of its articles, each with the
right status and a date that agrees with the truth, and with no mention from
an article outside the group.  Where the truth itself allows two codings
(``alt_types``), either is accepted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Event
from newsgraph.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
TRUTH = json.loads((ROOT / "tests" / "data" / "sample_truth.json").read_text(encoding="utf-8"))
CORPUS = ROOT / "examples" / "articles.jsonl"

# Groups the pipeline cannot yet get right, with the precise reason.
XFAIL: dict[str, str] = {
    "g-nk-2024-kursk-deployment": (
        "The Meridian Post's undated 'troops were sent' is now a MOBILIZE event, but its only "
        "actor is '11,000 to 12,000 troops' (no entity) and, undated, it is read as the 7 days "
        "before publication (link.events.RECENT_DAYS); with no shared actor, date or place "
        "the linker has no evidence to join it to the 2024 deployment ('late last year')."),
}


class Corpus:
    """The ingested sample: events by article URL, and each event's group."""

    def __init__(self, store: SQLiteStore) -> None:
        urls = {a.id: a.url for a in store.iter_articles()}
        self.texts = {a.url: a.text for a in store.iter_articles()}
        self.by_url: dict[str, list[Event]] = {}
        self.groups: dict[str, list[Event]] = {}
        for event in store.events():
            self.by_url.setdefault(urls[event.article_id] or "", []).append(event)
            if event.event_group:
                self.groups.setdefault(event.event_group, []).append(event)
        self.urls = urls
        self.story_of = {a.url: a.story_id for a in store.iter_articles()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    from newsgraph.pipeline import ingest

    store = SQLiteStore(tmp_path_factory.mktemp("sample") / "sample.db")
    ingest(store, [str(CORPUS)])
    yield Corpus(store)
    store.close()


def _dates_agree(found: str | None, truth: str | None) -> bool:
    """Same value, or one a coarser reading of the other ("2026" vs "2026-04")."""
    if truth is None:
        return True
    if found is None:
        return False
    return found.startswith(truth) or truth.startswith(found)


def _types(spec: dict[str, Any]) -> set[str]:
    return {spec["type"], *spec.get("alt_types", ())}


def _mention_ok(event: Event, mention: dict[str, Any], truth_date: str | None) -> bool:
    if event.status != mention["status"]:
        return False
    if mention.get("date_text") is None and event.date is None:
        return True
    return _dates_agree(event.date, truth_date)


def group_problems(corpus: Corpus, spec: dict[str, Any]) -> list[str]:
    """Why the pipeline's grouping differs from one truth group (empty when right)."""
    types = _types(spec)
    date = spec.get("date")
    candidates = {m["url"]: [v for v in corpus.by_url.get(m["url"], []) if v.type in types]
                  for m in spec["mentions"]}
    missing = [url for url, found in candidates.items() if not found]
    if missing:
        return [f"no {'/'.join(sorted(types))} event in {url}" for url in missing]
    votes = Counter(v.event_group for found in candidates.values()
                    for v in {v.event_group: v for v in found}.values())
    group, _ = votes.most_common(1)[0]
    problems: list[str] = []
    for mention in spec["mentions"]:
        found = [v for v in candidates[mention["url"]] if v.event_group == group]
        if not found:
            others = "; ".join(
                f"{v.trigger}/{v.status}/{v.date}" for v in candidates[mention["url"]])
            problems.append(f"{mention['url']} not in the group: {others}")
        elif not any(_mention_ok(v, mention, date) for v in found):
            problems.append(f"{mention['url']}: " + "; ".join(
                f"{v.trigger} status {v.status} date {v.date} (want {mention['status']} {date})"
                for v in found))
    allowed = {m["url"] for m in spec["mentions"]} | {
        m["url"] for m in spec.get("secondary_mentions", ())}
    strays = {corpus.urls[v.article_id] for v in corpus.groups.get(group or "", [])} - allowed
    problems += [f"stray mention from {url}" for url in sorted(strays)]
    return problems


@pytest.mark.parametrize("spec", TRUTH["event_groups"], ids=lambda s: s["id"])
def test_event_group(corpus: Corpus, spec: dict[str, Any]) -> None:
    if spec["id"] in XFAIL:
        pytest.xfail(XFAIL[spec["id"]])
    assert group_problems(corpus, spec) == []


def _single_ok(corpus: Corpus, spec: dict[str, Any]) -> bool:
    text = corpus.texts.get(spec["url"], "")
    for event in corpus.by_url.get(spec["url"], []):
        if event.type not in _types(spec) or event.status != spec["status"]:
            continue
        where = text.find(spec["text"])
        if where >= 0 and not _overlaps(event, where, len(spec["text"])):
            continue
        if _dates_agree(event.date, spec.get("date")):
            return True
    return False


def _overlaps(event: Event, start: int, length: int) -> bool:
    return event.start < start + length and start < event.end


@pytest.mark.parametrize("spec", TRUTH["single_events"], ids=lambda s: s["text"][:40])
def test_single_event(corpus: Corpus, spec: dict[str, Any]) -> None:
    found = [(v.type, v.status, v.date, v.trigger) for v in corpus.by_url.get(spec["url"], [])]
    assert _single_ok(corpus, spec), found


def test_every_story_of_the_sample_corpus_is_right(corpus: Corpus) -> None:
    """Story clustering, on the same run: the truth's stories exactly, no more, no fewer."""
    found: dict[str | None, set[str]] = {}
    for url, story in corpus.story_of.items():
        found.setdefault(story, set()).add(url)
    truth: dict[str, set[str]] = {}
    for url, story in TRUTH["articles"].items():
        truth.setdefault(story, set()).add(url)
    assert None not in found
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, truth.values()))
