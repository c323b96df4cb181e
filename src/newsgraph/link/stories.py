"""Story clustering: articles about the same developing story, grouped as they arrive.

Single-pass and incremental: a new article is compared with the stories that
share one of its distinctive terms (an inverted index), never with the whole
store, and joins the best one when the evidence is strong enough, else
starts a story of its own. Nothing is re-clustered when an article arrives.

The evidence, in order of weight:

1. text: cosine of the article's tf-idf vector with the story's centroid
   (hashed terms, so the vocabulary never needs refitting; document
   frequencies are counted as articles arrive);
2. who and where: overlap of the article's named people, organisations and
   places with the story's; two stories of the same kind (two rehab
   admissions, two earthquakes) share words but not names;
3. when: a story that has been quiet for longer than ``window_days`` before
   the article's date is penalised, so the same kind of event a year later
   starts a new story.

A syndicated copy (``duplicate_of``) joins its original's story directly.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

N_FEATURES = 1 << 20
TOP_TERMS = 25  # distinctive terms per article used to find candidate stories
CENTROID_TERMS = 300  # terms kept in a story's centroid

_TOKEN = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)


@dataclass(frozen=True)
class StoryDoc:
    """What clustering needs of an article."""

    article_id: str
    text: str
    title: str | None = None
    names: frozenset[str] = frozenset()  # normalised entity names (people, orgs, places)
    published: str | None = None  # ISO date (any granularity)
    duplicate_of: str | None = None
    years: frozenset[int] = frozenset()  # years the text itself mentions


_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def years_in(text: str, head: int = 1500) -> frozenset[int]:
    """Years named near the top of an article, where the story's own date is given."""
    return frozenset(int(y) for y in _YEAR.findall(text[:head]))


@dataclass
class StoryState:
    id: str
    title: str
    centroid: dict[int, float] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    article_ids: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class StoryParams:
    threshold: float = 0.25
    text_weight: float = 0.7
    name_weight: float = 0.3
    window_days: int = 30
    late_penalty: float = 0.25
    year_penalty: float = 0.15
    merge_threshold: float = 0.35


def terms(text: str) -> Counter[int]:
    """Hashed term counts: lower-cased words, stop words dropped."""
    counts: Counter[int] = Counter()
    for word in _TOKEN.findall(text.lower()):
        if word not in ENGLISH_STOP_WORDS and len(word) > 2:
            counts[_hash(word)] += 1
    return counts


def _hash(word: str) -> int:
    # a stable hash (Python's own is salted per process)
    h = 2166136261
    for byte in word.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h % N_FEATURES


def _norm(vec: dict[int, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    return dot / (_norm(a) * _norm(b))


def _days_between(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        da = date.fromisoformat((a + "-01-01")[:10] if len(a) < 10 else a[:10])
        db = date.fromisoformat((b + "-01-01")[:10] if len(b) < 10 else b[:10])
    except ValueError:
        return None
    return (da - db).days


class StoryClusterer:
    """Incremental clustering over an in-memory state (see ``link.story_store`` for the store)."""

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.df: Counter[int] = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}
        self.postings: dict[int, set[str]] = {}
        self.by_article: dict[str, str] = {}

    # -- state access (overridden by the store-backed clusterer) -----------------

    def candidate_ids(self, top: Iterable[int]) -> set[str]:
        return {sid for t in top for sid in self.postings.get(t, ())}

    def load(self, story_id: str) -> StoryState:
        return self.stories[story_id]

    def save(self, story: StoryState, new_terms: Iterable[int]) -> None:
        self.stories[story.id] = story
        for t in new_terms:
            self.postings.setdefault(t, set()).add(story.id)

    def story_of(self, article_id: str) -> str | None:
        return self.by_article.get(article_id)

    def count_terms(self, counts: Counter[int]) -> None:
        self.df.update(counts.keys())
        self.n_docs += 1

    def doc_frequency(self, term_ids: Iterable[int]) -> dict[int, int]:
        return {t: self.df.get(t, 0) for t in term_ids}

    def new_story_id(self, doc: StoryDoc) -> str:
        return f"story-{doc.article_id}"

    # -- the algorithm ----------------------------------------------------------

    def vector(self, doc: StoryDoc) -> dict[int, float]:
        """Sublinear tf-idf over title (counted twice) and text."""
        counts = terms(((doc.title or "") + "\n") * 2 + doc.text)
        df = self.doc_frequency(counts)
        n = self.n_docs + 1
        return {t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1)
                for t, c in counts.items()}

    def score(self, vec: dict[int, float], doc: StoryDoc, story: StoryState) -> float:
        p = self.params
        text = _cosine(vec, story.centroid)
        names = 0.0
        if doc.names and story.names:
            shared = sum(1 for n in doc.names if n in story.names)
            names = shared / min(len(doc.names), len(story.names))
        s = p.text_weight * text + p.name_weight * names
        if doc.years and story.years and not any(y in story.years for y in doc.years):
            s -= p.year_penalty
        gap = _days_between(doc.published, story.last_seen)
        if gap is not None and gap > p.window_days:
            s -= p.late_penalty
        early = _days_between(story.first_seen, doc.published)
        if early is not None and early > p.window_days:
            s -= p.late_penalty
        return s

    def add(self, doc: StoryDoc) -> str:
        """Assign ``doc`` to a story (existing or new) and return its id."""
        counts = terms(((doc.title or "") + "\n") * 2 + doc.text)
        vec = self.vector(doc)
        top = [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:TOP_TERMS]]
        chosen: StoryState | None = None
        also: list[StoryState] = []  # other stories this article fits: it may bridge them
        if doc.duplicate_of and (sid := self.story_of(doc.duplicate_of)):
            chosen = self.load(sid)
        else:
            scored = sorted(
                ((self.score(vec, doc, self.load(sid)), sid) for sid in self.candidate_ids(top)),
                key=lambda x: (-x[0], x[1]),
            )
            fits = [sid for s, sid in scored if s >= self.params.threshold]
            if fits:
                chosen = self.load(fits[0])
                also = [self.load(sid) for sid in fits[1:]]
        if chosen is None:
            chosen = StoryState(self.new_story_id(doc), doc.title or _first_line(doc.text))
        self._absorb(chosen, doc, vec)
        self.count_terms(counts)
        self.by_article[doc.article_id] = chosen.id
        self.save(chosen, top)
        for other in also:
            if self.similarity(chosen, other) >= self.params.merge_threshold:
                chosen = self.merge(chosen, other)
        return self.by_article[doc.article_id]

    def similarity(self, a: StoryState, b: StoryState) -> float:
        """How alike two stories are, on the same signals as an article and a story."""
        p = self.params
        names = 0.0
        if a.names and b.names:
            shared = sum(1 for n in a.names if n in b.names)
            names = shared / min(len(a.names), len(b.names))
        s = p.text_weight * _cosine(a.centroid, b.centroid) + p.name_weight * names
        if a.years and b.years and not set(a.years) & set(b.years):
            s -= p.year_penalty
        return s

    def merge(self, keep: StoryState, gone: StoryState) -> StoryState:
        """Fold ``gone`` into ``keep`` (the larger survives) and relabel its articles."""
        if len(gone.article_ids) > len(keep.article_ids):
            keep, gone = gone, keep
        merged = Counter(keep.centroid)
        merged.update(gone.centroid)
        keep.centroid = dict(merged.most_common(CENTROID_TERMS))
        keep.names.update(gone.names)
        keep.years.update(gone.years)
        keep.article_ids += gone.article_ids
        for day in (gone.first_seen, gone.last_seen):
            if day:
                keep.first_seen = min(filter(None, (keep.first_seen, day)))
                keep.last_seen = max(filter(None, (keep.last_seen, day)))
        for aid in gone.article_ids:
            self.by_article[aid] = keep.id
        self.drop(gone.id)
        self.save(keep, [t for t, _ in sorted(keep.centroid.items(), key=lambda kv: -kv[1])[:TOP_TERMS]])
        return keep

    def drop(self, story_id: str) -> None:
        self.stories.pop(story_id, None)
        for ids in self.postings.values():
            ids.discard(story_id)

    def _absorb(self, story: StoryState, doc: StoryDoc, vec: dict[int, float]) -> None:
        norm = _norm(vec)
        merged = Counter(story.centroid)
        for t, v in vec.items():
            merged[t] += v / norm
        story.centroid = dict(merged.most_common(CENTROID_TERMS))
        story.names.update(doc.names)
        story.years.update(doc.years)
        story.article_ids.append(doc.article_id)
        if doc.published:
            story.first_seen = min(filter(None, (story.first_seen, doc.published)))
            story.last_seen = max(filter(None, (story.last_seen, doc.published)))


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line[:120]


def cluster(docs: Iterable[StoryDoc], params: StoryParams | None = None) -> dict[str, str]:
    """Article id → story id for a sequence of documents, in the order given."""
    clusterer = StoryClusterer(params)
    return {d.article_id: clusterer.add(d) for d in docs}


def names_of(entities: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The names clustering compares: people, organisations, places, events, weapons."""
    keep = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WEAPON", "NORP"}
    return frozenset(name.lower() for name, kind in entities if kind in keep)


def as_array(vec: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """A sparse vector as two arrays (for compact storage)."""
    keys = np.fromiter(vec.keys(), dtype=np.int32, count=len(vec))
    vals = np.fromiter(vec.values(), dtype=np.float32, count=len(vec))
    return keys, vals
