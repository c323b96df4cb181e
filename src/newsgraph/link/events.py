"""Event coreference across articles: one real event, many reports of it.

A phone call reported by five outlets is five ``Event`` records, each with its
own wording and its own relative date ("on Friday", "last Friday's call")
already resolved to a calendar day by ``extract.events``. Here they become one
``event_group``. Two mentions may share a group only when nothing rules it out
and something positive ties them:

1. **What rules a pair out** (hard stops): a different kind of event (type,
   or a phone call against a visit); a different reality (a negated or
   hypothetical event never joins one that occurred or is planned); a
   different story, when both stories are known; dates that cannot overlap;
   places in different countries; the same sentence (one sentence names two
   events, not one twice).
2. **What ties a pair** (evidence): shared actors (store entity ids, or names
   when an id is missing), the same day named explicitly, the same place.
   Mentions with no actors in common may still meet inside one known story
   when their dates agree.
3. **What is tolerated but listed** (soft conflicts): dates a day apart,
   different places in the same (or an unknown) country, different
   counterparts. A pair with one soft conflict links only on strong evidence;
   two are a hard stop (Trump meeting Lee in Gyeongju on Wednesday is not
   Trump meeting Xi in Busan on Thursday). Inside a group the conflicts show
   up in ``contradictions`` rather than being hidden.

Groups grow greedily, strongest pair first, and a mention joins a group only
if it clashes with none of its members (complete link on hard stops), so a
chain of loose pairs cannot glue two meetings together.

A mention's date is an interval: an explicit date covers its period (a day,
a week, a month, a year); a date the extractor defaulted to the publication
date (``date_text`` is None) means "shortly before publication" for an
event that occurred and "some time after" for a planned one.

Group ids are deterministic: ``"grp-"`` + a hash of the smallest event id.
``assign_groups`` adds new mentions to stored groups without regrouping them;
``candidate_events`` fetches those stored mentions by type and date window.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..extract.names import ascii_fold
from ..extract.places import lookup
from ..model import Article, Event
from ..store.sql import SQLStore

# Types PLOVER coders disagree on for the same happening: a ceasefire is RETREAT
# or CONCEDE; a clash is ASSAULT or FIGHT.
_COMPATIBLE_TYPES = ({"RETREAT", "CONCEDE"}, {"ASSAULT", "FIGHT"})
# Modes that are the same kind of event; a phone call is never a visit.
_IN_PERSON = {"visit", "host", "multilateral", "third-party"}
# An undated report of something that occurred is taken to be this recent.
RECENT_DAYS = 7
# An undated plan is taken to happen within this many days of publication.
PLANNED_DAYS = 366
# Evidence a pair needs: a shared actor counts 1 (2 at most), the same named date 2,
# the same place 1. With one soft conflict the bar is higher.
MIN_EVIDENCE = 2
STRONG_EVIDENCE = 3

_FAR_PAST = date(1, 1, 1)
_FAR_FUTURE = date(9999, 12, 1)  # leaves room for a day of slack
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


@dataclass(frozen=True)
class Contradiction:
    """Members of one group that disagree on a field: each value with the events giving it."""

    group_id: str
    field: str  # "date" | "location" | "participants"
    values: tuple[tuple[str, tuple[str, ...]], ...]
    names: tuple[tuple[str, str], ...] = ()  # entity id -> name, from the events' own names

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """ "participants: Donald Trump + Xi Jinping (a1-v0) vs Donald Trump + Lee (c3-v1)".

        Entity ids are shown by name: the events' source and target names are
        kept in ``names``; pass ``names`` for other actor ids (a store lookup).
        """
        known = {**dict(self.names), **(names or {})}
        parts = [f"{self._shown(value, known)} ({', '.join(ids)})" for value, ids in self.values]
        return f"{self.field}: " + " vs ".join(parts)

    def _shown(self, value: str, known: Mapping[str, str]) -> str:
        if self.field != "participants":
            return value
        people = [known.get(k, k[2:] if k.startswith("n:") else k) for k in value.split(" + ")]
        return " + ".join(sorted(people))


@dataclass(frozen=True)
class _Mention:
    """What matching needs of one event, computed once."""

    event: Event
    story: str | None
    lo: date
    hi: date
    day: date | None  # the single day, when the interval is one day
    explicit: bool
    actors: frozenset[str]
    participants: frozenset[str]  # ids, names only where no id was linked
    place: str | None
    country: str | None
    reality: str  # "real" (occurred or planned), "hypothetical", "negated"
    states: frozenset[str] = frozenset()  # participants' countries, when all are known


@dataclass(frozen=True)
class _Pair:
    """Two mentions nothing rules out; ``linked`` when the evidence ties them."""

    evidence: int
    conflicts: frozenset[str]
    linked: bool


def group_id(event_ids: Iterable[str]) -> str:
    """The id of a group: a hash of its smallest event id, stable across runs."""
    first = min(event_ids)
    return "grp-" + hashlib.sha1(first.encode()).hexdigest()[:12]


# -- mentions ---------------------------------------------------------------------


def _parse_day(text: str | None) -> date | None:
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def period(value: str | None) -> tuple[date, date] | None:
    """The days an ISO date of any granularity covers ("2025-06" → June 1–30)."""
    if not value:
        return None
    day = _parse_day(value)
    if day is not None:
        return day, day
    try:
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            start = date(int(m[1]), int(m[2]), 1)
            return start, _month_end(start.year, start.month)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            first = 3 * int(m[2]) - 2
            return date(int(m[1]), first, 1), _month_end(int(m[1]), first + 2)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            first, last = _SEASONS[m[2]]
            year = int(m[1])
            end = _month_end(year + 1, last - 12) if last > 12 else _month_end(year, last)
            return date(year, first, 1), end
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return nxt - timedelta(days=1)


def _name_key(name: str) -> str:
    return "n:" + re.sub(r"[^a-z0-9]+", " ", ascii_fold(name)).strip()


def _keys(entity_id: str | None, name: str | None) -> frozenset[str]:
    """An actor's id and its name, so a report whose actor was not linked still meets."""
    return frozenset(k for k in (entity_id, _name_key(name) if name else None) if k)


def _place_key(location: str | None) -> str | None:
    if not location:
        return None
    key = re.sub(r"^the\s+", "", re.sub(r"[^a-z0-9]+", " ", ascii_fold(location)).strip())
    return key or None


def _mention(
    event: Event,
    articles: Mapping[str, Article],
    story: str | None,
    states: Mapping[str, str] | None = None,
) -> _Mention:
    article = articles.get(event.article_id)
    explicit = event.date_text is not None
    span = period(event.date) or period(article.published if article else None)
    if span is None:
        lo, hi = _FAR_PAST, _FAR_FUTURE
    elif explicit:
        lo, hi = span
    elif event.status == "planned":
        lo, hi = span[0], span[1] + timedelta(days=PLANNED_DAYS)
    else:
        lo, hi = span[0] - timedelta(days=RECENT_DAYS), span[1]
    place = _place_key(event.location)
    found = lookup(event.location) if event.location else None
    reality = "real" if event.status in ("occurred", "planned") else event.status
    sources = _keys(event.source_id, event.source_name)
    targets = _keys(event.target_id, event.target_name)
    participants = _participants(event)
    codes = [(states or {}).get(p) for p in participants]
    return _Mention(
        event=event, story=story, lo=lo, hi=hi, day=lo if lo == hi else None, explicit=explicit,
        actors=frozenset(event.actors) | sources | targets, participants=participants,
        place=place, country=found.country if found else None, reality=reality,
        states=frozenset(c for c in codes if c) if all(codes) else frozenset(),
    )  # fmt: skip


# -- pairs ------------------------------------------------------------------------


def _types_compatible(a: Event, b: Event) -> bool:
    if a.type == b.type:
        return True
    if a.mode and a.mode == b.mode:  # "ceasefire" coded AGREE by one, RETREAT by another
        return True
    return any(a.type in group and b.type in group for group in _COMPATIBLE_TYPES)


def _modes_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return not ({a, b} & {"phone"} and {a, b} & _IN_PERSON)


def _same_sentence(a: Event, b: Event) -> bool:
    if a.article_id != b.article_id:
        return False
    return a.sentence == b.sentence or (a.start < b.end and b.start < a.end)


def _participants_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name two or more, agree on someone, and each names someone the other does not."""
    return len(a) > 1 and len(b) > 1 and bool(a & b) and bool(a - b) and bool(b - a)


def _compare(a: _Mention, b: _Mention) -> _Pair | None:
    """How strongly two mentions are one event; None when something rules it out.

    Two soft conflicts rule a pair out; with one, the pair is linked only on
    strong evidence. A mention joins a group through one linked pair and must
    be clear of hard stops with every member.
    """
    ea, eb = a.event, b.event
    if a.reality != b.reality or _same_sentence(ea, eb):
        return None
    if not _types_compatible(ea, eb) or not _modes_compatible(ea.mode, eb.mode):
        return None
    if a.story and b.story and a.story != b.story:
        return None
    conflicts: set[str] = set()
    if a.hi < b.lo or b.hi < a.lo:
        near = (
            a.day and b.day and a.explicit and b.explicit and abs((a.day - b.day).days) == 1
        )  # fmt: skip
        if not near:
            return None
        conflicts.add("date")
    if a.place and b.place and not _places_agree(a.place, b.place):
        if a.country and b.country and a.country != b.country:
            return None
        conflicts.add("location")
    shared = len(a.actors & b.actors)
    pa, pb = a.participants, b.participants
    same_states = len(a.states) > 1 and a.states == b.states
    if len(pa) > 1 and len(pb) > 1 and not pa & pb:
        if not same_states:
            return None  # two different pairs of people
        # "Xi and Trump struck a deal" vs "the two countries reached a consensus":
        # the leaders stand for their states, so the pairs are the same two sides
        shared = 1
    if _participants_clash(pa, pb):
        conflicts.add("participants")
    same_place = bool(a.place and b.place and _places_agree(a.place, b.place))
    evidence = min(shared, 2) + _date_evidence(a, b) + int(same_place)
    if len(conflicts) > 1:
        return None  # a day apart *and* elsewhere (or with others): another event
    # with no actor in common, only a named date inside one known story ties them
    tied = bool(shared) or bool(a.story and a.story == b.story and (a.explicit or b.explicit))
    needed = MIN_EVIDENCE if not conflicts else STRONG_EVIDENCE
    if "participants" in conflicts:
        needed += 1  # "Trump met Xi" against "Trump met Lee": most often two meetings
    linked = tied and evidence >= needed
    return _Pair(evidence, frozenset(conflicts), linked)


def _date_evidence(a: _Mention, b: _Mention) -> int:
    """2 when both name the same date (or one names the day the other was reported on),
    1 when a named day falls in the days before an undated report, else 0."""
    if a.explicit and b.explicit:
        return 2 if a.event.date == b.event.date else 0
    if a.explicit == b.explicit or a.day is None and b.day is None:
        return 0  # two undated reports: their publication dates prove nothing
    dated, undated = (a, b) if a.explicit else (b, a)
    if dated.day is None or undated.event.status != "occurred":
        return 0
    published = _parse_day(undated.event.date)
    if published == dated.day:
        return 2
    return int(undated.lo <= dated.day <= undated.hi)


def _places_agree(a: str, b: str) -> bool:
    """The same place, or one inside the other's name ("kursk" in "kursk region russia")."""
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


# -- grouping ---------------------------------------------------------------------


class _Groups:
    """Union-find over mentions, refusing any union that puts a clash inside a group."""

    def __init__(self, mentions: Sequence[_Mention], fixed: Mapping[int, str]) -> None:
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
        self.fixed: dict[int, str] = {}  # root -> stored group id (never merged with another)
        self._cache: dict[tuple[int, int], _Pair | None] = {}
        by_group: dict[str, int] = {}
        for i, gid in fixed.items():
            if gid in by_group:
                self._join(by_group[gid], i)
            else:
                by_group[gid] = i
                self.fixed[i] = gid

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def pair(self, i: int, j: int) -> _Pair | None:
        key = (i, j) if i < j else (j, i)
        if key not in self._cache:
            self._cache[key] = _compare(self.mentions[i], self.mentions[j])
        return self._cache[key]

    def try_union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or (ri in self.fixed and rj in self.fixed):
            return False
        if any(self.pair(x, y) is None for x in self.members[ri] for y in self.members[rj]):
            return False
        self._join(ri, rj)
        return True

    def _join(self, ri: int, rj: int) -> None:
        if rj in self.fixed:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri] += self.members.pop(rj)

    def ids(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for root, members in self.members.items():
            gid = self.fixed.get(root) or group_id(self.mentions[m].event.id for m in members)
            for m in members:
                out[self.mentions[m].event.id] = gid
        return out


def _family(event: Event) -> str:
    return next(("/".join(sorted(g)) for g in _COMPATIBLE_TYPES if event.type in g), event.type)


def _blocks(mentions: Sequence[_Mention]) -> Iterable[list[int]]:
    """Indices that may be compared: a compatible type (or the same mode), and the same
    story or, for mentions with no story, a shared actor."""
    by_key: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(mentions):
        kinds = [_family(m.event)] + ([f"mode:{m.event.mode}"] if m.event.mode else [])
        where = [("s", m.story)] if m.story else [("a", actor) for actor in m.actors]
        for kind in kinds:
            for place in where:
                by_key.setdefault((kind, *place), []).append(i)
    return by_key.values()


def _overlapping(mentions: Sequence[_Mention]) -> set[tuple[int, int]]:
    """Pairs inside a block whose dates can meet (a day's slack): a sweep over start dates,
    so a story with thousands of events compares each only with its neighbours in time."""
    slack = timedelta(days=1)
    pairs: set[tuple[int, int]] = set()
    for block in _blocks(mentions):
        active: list[int] = []
        for i in sorted(set(block), key=lambda k: (mentions[k].lo, k)):
            start = mentions[i].lo
            active = [j for j in active if mentions[j].hi + slack >= start]
            pairs.update((min(i, j), max(i, j)) for j in active)
            active.append(i)
    return pairs


def _cluster(mentions: Sequence[_Mention], fixed: Mapping[int, str]) -> dict[str, str]:
    """Greedy merging, strongest linked pair first (ties by event id, so runs agree)."""
    groups = _Groups(mentions, fixed)
    linked: dict[tuple[int, int], int] = {}
    for i, j in _overlapping(mentions):
        found = groups.pair(i, j)
        if found is not None and found.linked:
            linked[(min(i, j), max(i, j))] = found.evidence
    ranked = sorted(
        linked,
        key=lambda p: (-linked[p], mentions[p[0]].event.id, mentions[p[1]].event.id),
    )
    for i, j in ranked:
        groups.try_union(i, j)
    return groups.ids()


def _story(
    event: Event, articles: Mapping[str, Article], story_of: Mapping[str, str | None]
) -> str | None:
    if event.article_id in story_of:
        return story_of[event.article_id]
    article = articles.get(event.article_id)
    return article.story_id if article else None


def group_events(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    story_of: Mapping[str, str | None],
    states: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Event id → group id for every event given (a lone report is a group of one).

    ``articles`` supplies publication dates (for undated reports) and, when
    ``story_of`` (article id → story id) lacks an article, its ``story_id``.
    ``states`` (entity id → country code, see ``entity_states``) lets a pair of
    leaders meet a report naming their two countries.
    """
    mentions = [
        _mention(v, articles, _story(v, articles, story_of), states)
        for v in sorted(events, key=lambda v: v.id)
    ]
    return _cluster(mentions, {})


def assign_groups(
    new_events: Sequence[Event],
    existing_candidates: Sequence[Event],
    articles: Mapping[str, Article],
    story_of: Mapping[str, str | None],
    states: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Group ids for ``new_events`` only, joining stored groups where they fit.

    ``existing_candidates`` are stored events with their ``event_group`` set
    (see ``candidate_events``); their groups are kept as they are, never split
    or merged with each other. ``articles`` must cover both lists.
    """
    new_ids = {v.id for v in new_events}
    old = [v for v in existing_candidates if v.id not in new_ids]
    ordered = sorted(old, key=lambda v: v.id) + sorted(new_events, key=lambda v: v.id)
    mentions = [_mention(v, articles, _story(v, articles, story_of), states) for v in ordered]
    fixed = {i: v.event_group or group_id([v.id]) for i, v in enumerate(ordered[: len(old)])}
    ids = _cluster(mentions, fixed)
    return {v.id: ids[v.id] for v in new_events}


def candidate_events(
    store: SQLStore,
    types: Iterable[str],
    start: str,
    end: str,
    story_ids: Iterable[str] = (),
    actor_ids: Iterable[str] = (),
) -> list[Event]:
    """Stored events of these types that may fall between ``start`` and ``end`` (ISO days).

    When ``story_ids`` or ``actor_ids`` are given, only events of those stories
    or with one of those actors are returned (the blocks ``group_events``
    compares within), so the work stays proportional to the new articles, not
    to the store: the events of given stories are read through their
    articles (index ``articles_story``), those of given actors through
    ``event_actors``. Dates are filtered by year first (ISO text of any
    granularity; ``SUBSTR`` works alike in SQLite and PostgreSQL), then by
    the exact window; undated events are not candidates.
    """
    kinds, stories, actors = sorted(set(types)), sorted(set(story_ids)), sorted(set(actor_ids))
    if not kinds:
        return []
    years = (start[:4], end[:4])
    if stories:
        # led by the stories' articles (index articles_story), type and year checked here: with
        # a type in the SQL, SQLite reads every stored event of that type instead
        rows = [r for chunk in _in_chunks(stories) for r in store.query(
            "SELECT e.id, e.article_id, e.type, e.date FROM articles a "
            f"JOIN events e ON e.article_id = a.id WHERE a.story_id IN ({_marks(chunk)})", chunk)]
        rows = [r for r in rows if r[2] in kinds and r[3] and years[0] <= r[3][:4] <= years[1]]
    else:
        rows = []
    if actors or not stories:
        where = [f"e.type IN ({_marks(kinds)})", "SUBSTR(e.date, 1, 4) >= ?",
                 "SUBSTR(e.date, 1, 4) <= ?"]
        params: list[str] = [*kinds, *years]
        if actors:
            where.append("e.id IN (SELECT event_id FROM event_actors "
                         f"WHERE entity_id IN ({_marks(actors)}))")
            params += actors
        rows += store.query(
            f"SELECT e.id, e.article_id FROM events e WHERE {' AND '.join(where)}", params)
    wanted = {r[0] for r in rows}
    lo, hi = period(start), period(end)
    events = [v for v in store.events(sorted({r[1] for r in rows})) if v.id in wanted]
    if lo is None or hi is None:
        return events
    return [v for v in events if (p := period(v.date)) is None or (p[1] >= lo[0] and p[0] <= hi[1])]


def _in_chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(items: Sequence[str]) -> str:
    return ", ".join("?" for _ in items)


def link_new_events(
    store: SQLStore, article_ids: Sequence[str], window_days: int = 30
) -> dict[str, str]:
    """Group the events of newly stored articles against the store, and save the groups.

    Candidates are stored events of the same (or compatible) types, of the
    new articles' stories or sharing an actor with them, dated within
    ``window_days`` (plus the planning horizon) of the new events. Articles
    are read for publication dates and stories (``Article.story_id``, so run
    story clustering first). Returns the new events' groups.
    """
    new = store.events(list(article_ids))
    if not new:
        return {}
    spans = [p for p in (period(v.date) for v in new) if p]
    old: list[Event] = []
    if spans:
        reach = timedelta(days=window_days + PLANNED_DAYS)
        start = (min(p[0] for p in spans) - reach).isoformat()
        end = (max(p[1] for p in spans) + reach).isoformat()
        kinds = {v.type for v in new}
        kinds |= {t for g in _COMPATIBLE_TYPES if kinds & g for t in g}
        mine = {a.id: a for a in store.iter_articles(sorted({v.article_id for v in new}))}
        stories = {a.story_id for a in mine.values() if a.story_id}
        # a mention with a story is compared within its story only (``_blocks``): actors
        # find candidates for story-less mentions alone, else a common actor ("United
        # States") would fetch a year of the store's events that are never compared
        actors = {x for v in new if not getattr(mine.get(v.article_id), "story_id", None)
                  for x in v.actors}
        old = candidate_events(store, kinds, start, end, stories, actors)
    ids = sorted({v.article_id for v in [*new, *old]})
    articles = {a.id: a for a in store.iter_articles(ids)}
    states = entity_states(store, {x for v in [*new, *old] for x in v.actors})
    groups = assign_groups(new, [v for v in old if v.event_group], articles, {}, states)
    store.set_event_groups(groups)
    return groups


def entity_states(store: SQLStore, entity_ids: Iterable[str]) -> dict[str, str]:
    """Entity id → the country it is or serves ("Chinese President" Xi → CN), where known."""
    out: dict[str, str] = {}
    for eid in sorted(set(entity_ids)):
        entity = store.get_entity(eid)
        if entity is None:
            continue
        code = entity_state(entity.type, entity.name, entity.country,
                            [r.title for r in entity.roles])
        if code:
            out[eid] = code
    return out


def entity_state(type_: str, name: str, country: str | None, titles: Sequence[str]) -> str | None:
    """A country's own code, a demonym's, or the country most of a person's titles name."""
    if type_ in ("GPE", "NORP"):
        found = lookup(name)
        if found is not None and found.kind in ("country", "demonym"):
            return found.country
    if type_ != "PERSON":
        return country
    votes: dict[str, int] = {}
    for title in titles:
        words = title.split()
        for n in range(len(words) - 1, 0, -1):  # "U.S. President" → "U.S."
            found = lookup(" ".join(words[:n]))
            if found is not None and found.kind in ("country", "demonym"):
                votes[found.country] = votes.get(found.country, 0) + 1
                break
    return max(sorted(votes), key=lambda c: votes[c]) if votes else country


# -- contradictions ---------------------------------------------------------------


def contradictions(group_events: Sequence[Event]) -> list[Contradiction]:
    """Where the reports of one group disagree: dates, places, participants.

    Dates are compared at day granularity among explicitly dated reports
    (a month-level report does not contradict a day inside it); places when
    neither name contains the other; participants when two reports each name
    two or more, agree on one and each name someone the other does not
    ("Trump met Xi" against "Trump met Lee"). A participants value is the
    report's ids joined by " + " (``n:``-prefixed names where no id was linked).
    """
    if len(group_events) < 2:
        return []
    gid = next((v.event_group for v in group_events if v.event_group), None) or group_id(
        v.id for v in group_events
    )
    out: list[Contradiction] = []
    days = _by_value(
        (v.date[:10], v.id) for v in group_events if v.date and v.date_text and _parse_day(v.date)
    )
    if len(days) > 1:
        out.append(Contradiction(gid, "date", days))
    places = _by_value((v.location, v.id) for v in group_events if v.location)
    keys = [_place_key(p) or "" for p, _ in places]
    if any(not _places_agree(a, b) for k, a in enumerate(keys) for b in keys[k + 1 :]):
        out.append(Contradiction(gid, "location", places))
    clashing: set[str] = set()
    for k, a in enumerate(group_events):
        for b in group_events[k + 1 :]:
            if _participants_clash(_participants(a), _participants(b)):
                clashing |= {a.id, b.id}
    if clashing:
        told = _by_value(
            (" + ".join(sorted(_participants(v))), v.id) for v in group_events if v.id in clashing
        )
        named = {eid: name for v in group_events
                 for eid, name in ((v.source_id, v.source_name), (v.target_id, v.target_name))
                 if eid and name}
        out.append(Contradiction(gid, "participants", told, tuple(sorted(named.items()))))
    return out


def _participants(v: Event) -> frozenset[str]:
    """Who took part, as store ids (names where an id is missing)."""
    keys = set(v.actors)
    for eid, name in ((v.source_id, v.source_name), (v.target_id, v.target_name)):
        if eid:
            keys.add(eid)
        elif name:
            keys.add(_name_key(name))
    return frozenset(keys)


def _by_value(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Event ids by value; spellings that differ only in case or punctuation are one value."""
    seen: dict[str, tuple[str, list[str]]] = {}
    for value, eid in sorted(pairs):
        seen.setdefault(_name_key(value), (value, []))[1].append(eid)
    return tuple((value, tuple(ids)) for value, ids in seen.values())
