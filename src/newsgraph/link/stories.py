"""Story clustering: articles about the same developing story, grouped as they arrive.

Single-pass and incremental: a new article is compared only with the stories
that share at least two of its distinctive terms (an inverted index), never
with the whole store, and joins the best one when the evidence is strong
enough, else starts a story of its own. Nothing is re-clustered when an
article arrives; the one repair is local: stories among the article's
candidates that have grown alike are merged.

The evidence an article brings to a story, in order of weight:

1. text: cosine of the article's tf-idf vector with the story's centroid
   (hashed terms, so the vocabulary never needs refitting; document
   frequencies are counted as articles arrive);
2. who and where: overlap of the article's named people, organisations and
   places with the story's; two stories of the same kind (two rehab
   admissions, two earthquakes) share words but not names. A name counts in
   full once at least ``name_share`` of the story's articles carry it: a
   big story has named nearly every place once, and those stray names must
   not let it absorb whatever mentions one of them. An article that names no
   one has no evidence either way, and its text weighs for both;
3. whom the story is about: when most of a story's articles (or its one
   article) are mainly about one person and the article does not name that
   person at all, it is most likely the same kind of event happening to
   someone else;
4. when: years named in the lede that the story never names, and a story
   quiet for longer than ``window_days``, count against.

A large story has a steadier centroid, so it accepts a little less
similarity (``size_bonus``): a broad, long-running story keeps its new
angles while two small same-kind stories stay apart.

A syndicated copy (``duplicate_of``) joins its original's story directly.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

N_FEATURES = 1 << 20
TOP_TERMS = 25  # distinctive terms per article used to find candidate stories
CENTROID_TERMS = 300  # terms kept in a story's centroid
MAX_CANDIDATES = 30  # stories scored per article, those sharing most of its top terms
MIN_SHARED = 2  # top terms a candidate story must share with the article
MAX_POSTINGS = 500  # terms in more articles than this are too common to find stories by
REACH_DAYS = 180  # a dated article's candidates: stories active this close to its date
NAME_LIMIT = 300  # names kept per story
YEAR_HEAD = 1500  # characters of the lede searched for years

_TOKEN = re.compile(r"[^\W\d_][\w'-]+", re.UNICODE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WEAPON", "NORP"})


@dataclass(frozen=True)
class StoryDoc:
    """What clustering needs of an article."""

    article_id: str
    text: str
    title: str | None = None
    names: frozenset[str] = frozenset()  # normalised entity names (people, orgs, places)
    published: str | None = None  # ISO date (any granularity)
    duplicate_of: str | None = None
    years: frozenset[int] = frozenset()  # years the lede itself mentions
    salient: tuple[str, ...] = ()  # its most mentioned people, most first (normalised)


@dataclass
class StoryState:
    """A story as clustering keeps it (mutable: it grows with every article)."""

    id: str
    title: str
    centroid: dict[int, float] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)  # name -> articles naming it
    years: Counter[int] = field(default_factory=Counter)
    size: int = 0  # articles in it (which ones: the clusterer's ``members`` or the store)
    first_seen: str | None = None
    last_seen: str | None = None
    people: Counter[str] = field(default_factory=Counter)  # person -> articles mainly about them
    norm: float = 1.0  # of the centroid, kept so scoring a candidate is one sparse dot product


@dataclass(frozen=True)
class StoryParams:
    """One configuration for every corpus (tuned on ECB+ train/dev and WikiRef220)."""

    threshold: float = 0.15  # score a lone-article story needs
    size_bonus: float = 0.03  # ... lowered by this * log(story size)
    floor: float = 0.08  # ... but never below this
    text_weight: float = 0.7
    name_weight: float = 0.4
    core_penalty: float = 0.25  # the person the story is about is not named
    core_share: float = 0.4  # of its articles mainly about one person, for that to count
    year_penalty: float = 0.15
    window_days: int = 14
    late_penalty: float = 0.25
    merge_threshold: float = 0.35
    merge_candidates: int = 5  # best-scoring other candidates checked for a merge
    name_share: float = 0.1  # a name in fewer of a story's articles than this counts less


def years_in(text: str, head: int = YEAR_HEAD) -> frozenset[int]:
    """Years named near the top of an article, where the story's own date is given."""
    return frozenset(int(y) for y in _YEAR.findall(text[:head]))


def terms(text: str) -> Counter[int]:
    """Hashed term counts: lower-cased words, stop words dropped."""
    counts: Counter[int] = Counter()
    for word in _TOKEN.findall(text.lower()):
        if word not in ENGLISH_STOP_WORDS and len(word) > 2:
            counts[_hash(word)] += 1
    return counts


@lru_cache(maxsize=1 << 17)  # words repeat: most of an article's are hashed already
def _hash(word: str) -> int:
    # FNV-1a: stable across processes (Python's own hash is salted), so stored terms stay valid
    h = 2166136261
    for byte in word.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h % N_FEATURES


def _name_term(name: str) -> int:
    # names share the term space (and document counts) with words, marked apart
    return _hash("\x00" + name)


def _norm(vec: dict[int, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    # only the shared terms: the key intersection runs in C, the products over a few dozen
    return sum(a[k] * b[k] for k in sorted(a.keys() & b.keys()))


def day_number(iso: str | None) -> int | None:
    """The proleptic ordinal of an ISO date of any granularity ("2025", "2025-03", …)."""
    if not iso:
        return None
    try:
        return date.fromisoformat((iso + "-01-01")[:10] if len(iso) < 10 else iso[:10]).toordinal()
    except ValueError:
        return None


def _days_between(a: str | None, b: str | None) -> int | None:
    da, db = day_number(a), day_number(b)
    return None if da is None or db is None else da - db


def _name_overlap(a: Iterable[str], b: Counter[str] | frozenset[str]) -> float:
    mine = list(a)
    if not mine or not b:
        return 0.0
    return sum(1 for n in mine if n in b) / min(len(mine), len(b))


class StoryClusterer:
    """Incremental clustering over an in-memory state (see ``link.story_store`` for the store).

    The state access methods (``candidate_ids`` … ``new_story_id``) are the
    seam a store-backed subclass overrides; the algorithm never touches the
    dictionaries directly.
    """

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams()
        self.df: Counter[int] = Counter()
        self.n_docs = 0
        self.stories: dict[str, StoryState] = {}
        self.postings: dict[int, set[str]] = {}
        self.indexed: dict[str, set[int]] = {}  # story -> its terms in ``postings``
        self.by_article: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    # -- state access (overridden by the store-backed clusterer) -----------------

    def candidate_ids(self, top: Iterable[int], doc: StoryDoc) -> list[str]:
        """The stories sharing most of the article's top terms (at most ``MAX_CANDIDATES``),
        and for a dated article active within ``REACH_DAYS`` of its date."""
        shared = Counter(sid for t in top for sid in self.postings.get(t, ()))
        day = day_number(doc.published)
        if day is not None:
            for sid in list(shared):
                last = day_number(self.stories[sid].last_seen)
                if last is None or abs(last - day) > REACH_DAYS:  # as the store's index
                    del shared[sid]
        return best_candidates(shared)

    def load(self, story_id: str) -> StoryState:
        return self.stories[story_id]

    def save(self, story: StoryState, new_terms: Iterable[int]) -> None:
        self.stories[story.id] = story
        own = self.indexed.setdefault(story.id, set())
        for t in new_terms:
            self.postings.setdefault(t, set()).add(story.id)
            own.add(t)

    def assign(self, article_id: str, story_id: str) -> None:
        self.by_article[article_id] = story_id
        self.members.setdefault(story_id, []).append(article_id)

    def relabel(self, gone_id: str, keep_id: str) -> None:
        """Move every article of story ``gone_id`` to ``keep_id``."""
        moved = self.members.pop(gone_id, [])
        for aid in moved:
            self.by_article[aid] = keep_id
        self.members.setdefault(keep_id, []).extend(moved)

    def drop(self, story_id: str) -> None:
        """Forget a story folded into another; only its own postings are touched."""
        self.stories.pop(story_id, None)
        for t in self.indexed.pop(story_id, ()):
            self.postings[t].discard(story_id)

    def story_of(self, article_id: str) -> str | None:
        return self.by_article.get(article_id)

    def indexed_terms(self, story_id: str) -> list[int]:
        return sorted(self.indexed.get(story_id, ()))

    def count_terms(self, counts: Counter[int]) -> None:
        self.df.update(counts.keys())
        self.n_docs += 1

    def doc_frequency(self, term_ids: Iterable[int]) -> dict[int, int]:
        return {t: self.df.get(t, 0) for t in term_ids}

    def new_story_id(self, doc: StoryDoc) -> str:
        return f"story-{doc.article_id}"

    # -- the algorithm ----------------------------------------------------------

    def idf(self, df: dict[int, int]) -> dict[int, float]:
        """Inverse document frequency from the counts so far."""
        n = self.n_docs + 1
        return {t: math.log((n + 1) / (d + 1)) + 1 for t, d in df.items()}

    def name_weights(self, names: Iterable[str], idf: dict[int, float]) -> dict[str, float]:
        """Each name weighted by its rarity: "United States" says less than "Hanwha Ocean"."""
        return {n: idf.get(_name_term(n), 1.0) for n in sorted(names)}  # a fixed sum order

    def core(self, story: StoryState) -> list[str]:
        """The people most of a story's articles are mainly about.

        A lone article counts too: the person it is mainly about is the story's
        until other articles say otherwise (two same-kind events, two people).
        """
        least = self.params.core_share * story.size
        return [n for n, c in story.people.items() if c >= least]

    def score(self, vec: dict[int, float], doc: StoryDoc, story: StoryState,
              names: dict[str, float] | None = None) -> float:
        """How well ``doc`` fits ``story`` (see the module docstring for the signals).

        ``vec``: the article's tf-idf vector, of unit length; ``names``: its names
        with their weights (``name_weights``).
        """
        p = self.params
        names = names if names is not None else dict.fromkeys(doc.names, 1.0)
        total = sum(names.values())
        # an article naming no one has no name evidence either way: its text counts for both
        weight = p.text_weight if total else p.text_weight + p.name_weight
        s = weight * _dot(vec, story.centroid) / story.norm
        if total and story.names:
            s += p.name_weight * sum(w * self.name_share(story, n) for n, w in names.items()
                                     if n in story.names) / total
        core = self.core(story)
        if core and not any(n in doc.names for n in core):
            s -= p.core_penalty
        if doc.years and story.years and not any(y in story.years for y in doc.years):
            s -= p.year_penalty
        gap = _days_between(doc.published, story.last_seen)
        if gap is not None and gap > p.window_days:
            s -= p.late_penalty
        early = _days_between(story.first_seen, doc.published)
        if early is not None and early > p.window_days:
            s -= p.late_penalty
        return s

    def name_share(self, story: StoryState, name: str) -> float:
        share = self.params.name_share * story.size
        return min(1.0, story.names[name] / share) if share > 1 else 1.0

    def threshold(self, story: StoryState) -> float:
        """Larger stories have steadier centroids: they may accept a little less."""
        p = self.params
        return max(p.floor, p.threshold - p.size_bonus * math.log(story.size))

    def add(self, doc: StoryDoc) -> str:
        """Assign ``doc`` to a story (existing or new) and return its id.

        1. a near-duplicate joins its original's story;
        2. else the candidate stories (sharing a top term) are scored and the
           best one over its threshold is joined, or a new story starts;
        3. the joined story is merged with the best other candidates it now
           resembles (an article can bridge two halves of one story).
        """
        counts = terms(((doc.title or "") + "\n") * 2 + doc.text)
        name_terms = Counter(_name_term(n) for n in doc.names)
        df = self.doc_frequency(list(counts) + list(name_terms))
        idf = self.idf(df)
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items()}
        length = _norm(vec)
        vec = {t: v / length for t, v in vec.items()}
        names = self.name_weights(doc.names, idf)
        # common terms are not indexed: a term's postings stay under MAX_POSTINGS stories,
        # so finding candidates costs the same in a store of 10,000 or 1,000,000
        top = [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])
               if df[t] < MAX_POSTINGS][:TOP_TERMS]
        chosen: StoryState | None = None
        near: list[str] = []
        if doc.duplicate_of and (sid := self.story_of(doc.duplicate_of)):
            chosen = self.load(sid)
        else:
            scored = sorted(
                ((self.score(vec, doc, self.load(sid), names), sid)
                 for sid in self.candidate_ids(top, doc)),
                key=lambda x: (-x[0], x[1]),
            )
            fits = [sid for s, sid in scored if s >= self.threshold(self.load(sid))]
            if fits:
                chosen = self.load(fits[0])
                near = [sid for _, sid in scored if sid != fits[0]][: self.params.merge_candidates]
        if chosen is None:
            chosen = StoryState(self.new_story_id(doc), doc.title or _first_line(doc.text))
        self._absorb(chosen, doc, vec)
        self.count_terms(counts + name_terms)
        self.assign(doc.article_id, chosen.id)
        self.save(chosen, top)
        for sid in near:
            other = self.load(sid)
            if self.similarity(chosen, other) >= self.params.merge_threshold:
                chosen = self.merge(chosen, other)
        return chosen.id

    def similarity(self, a: StoryState, b: StoryState) -> float:
        """How alike two stories are, on the same signals as an article and a story."""
        p = self.params
        s = p.text_weight * _dot(a.centroid, b.centroid) / (a.norm * b.norm)
        s += p.name_weight * _name_overlap(a.names, b.names)
        if a.years and b.years and not set(a.years) & set(b.years):
            s -= p.year_penalty
        core_a, core_b = self.core(a), self.core(b)
        if core_a and core_b and not any(n in b.names for n in core_a) \
                and not any(n in a.names for n in core_b):
            s -= p.core_penalty
        for later, earlier in ((a, b), (b, a)):  # a quiet gap between their spans
            gap = _days_between(later.first_seen, earlier.last_seen)
            if gap is not None and gap > p.window_days:
                s -= p.late_penalty
        return s

    def merge(self, keep: StoryState, gone: StoryState) -> StoryState:
        """Fold ``gone`` into ``keep`` (the larger survives) and relabel its articles."""
        if gone.size > keep.size:
            keep, gone = gone, keep
        merged = Counter(keep.centroid)
        merged.update(gone.centroid)
        keep.centroid = dict(merged.most_common(CENTROID_TERMS))
        keep.norm = _norm(keep.centroid)
        keep.names = _top(keep.names + gone.names)
        keep.years.update(gone.years)
        keep.people.update(gone.people)
        keep.size += gone.size
        for day in (gone.first_seen, gone.last_seen):
            if day:
                keep.first_seen = min(filter(None, (keep.first_seen, day)))
                keep.last_seen = max(filter(None, (keep.last_seen, day)))
        self.relabel(gone.id, keep.id)
        moved = self.indexed_terms(gone.id)  # its postings move over, so none grows longer
        self.drop(gone.id)
        self.save(keep, moved)
        return keep

    def _absorb(self, story: StoryState, doc: StoryDoc, vec: dict[int, float]) -> None:
        merged = Counter(story.centroid)
        merged.update(vec)
        story.centroid = dict(merged.most_common(CENTROID_TERMS))
        story.norm = _norm(story.centroid)
        story.names = _top(story.names + Counter(sorted(doc.names)))  # ties cut the same way
        story.years.update(doc.years)
        if doc.salient:
            story.people[doc.salient[0]] += 1
        story.size += 1
        if doc.published:
            story.first_seen = min(filter(None, (story.first_seen, doc.published)))
            story.last_seen = max(filter(None, (story.last_seen, doc.published)))


def _top(names: Counter[str]) -> Counter[str]:
    # a long-running story keeps its most repeated names, so its state stays bounded
    return names if len(names) <= NAME_LIMIT else Counter(dict(names.most_common(NAME_LIMIT)))


def best_candidates(shared: Counter[str]) -> list[str]:
    """The stories sharing most top terms with an article, at least ``MIN_SHARED`` of them.

    A story sharing one term is most often a chance hit on a rare word: it is
    not worth loading and scoring, and in a large store there are many.
    """
    ranked = sorted(((n, sid) for sid, n in shared.items() if n >= MIN_SHARED),
                    key=lambda x: (-x[0], x[1]))
    return [sid for _, sid in ranked[:MAX_CANDIDATES]]


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line[:120]


def cluster(docs: Iterable[StoryDoc], params: StoryParams | None = None) -> dict[str, str]:
    """Article id → story id for a sequence of documents, in the order given."""
    clusterer = StoryClusterer(params)
    order = [d.article_id for d in docs if clusterer.add(d)]
    # read at the end: a later article may have merged two earlier stories
    return {aid: clusterer.by_article[aid] for aid in order}


def names_of(entities: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The names clustering compares: people, organisations, places, events, weapons."""
    return frozenset(name.lower() for name, kind in entities if kind in _NAME_TYPES)


def story_doc(
    article_id: str, text: str, mentions: Iterable[tuple[str, str]], title: str | None = None,
    published: str | None = None, duplicate_of: str | None = None,
) -> StoryDoc:
    """A ``StoryDoc`` from one ``(name, type)`` pair per entity mention of the article.

    Mention counts pick the article's main people: the person named most often
    (at least twice) is who the article is about.
    """
    counted = Counter((name.lower(), kind) for name, kind in mentions if kind in _NAME_TYPES)
    people = Counter({name: c for (name, kind), c in counted.items() if kind == "PERSON"})
    salient = tuple(name for name, c in people.most_common(3) if c >= 2)
    return StoryDoc(article_id, text, title, frozenset(name for name, _ in counted), published,
                    duplicate_of, years_in(text), salient)
