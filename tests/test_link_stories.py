"""Story clustering on small invented articles, in memory and in the store."""

from __future__ import annotations

import hashlib
from collections import Counter

from newsgraph.link.stories import (
    StoryClusterer,
    StoryDoc,
    StoryState,
    best_candidates,
    cluster,
    story_doc,
)
from newsgraph.link.story_store import cluster_new_articles
from newsgraph.model import Article, ArticleEntity, Entity, Extraction
from newsgraph.store.sql import SQLStore

# (id, published, outlet, title, text, names) — written for these tests
SUMMIT_RIO = [
    ("rio-1", "2024-11-18", "harbourwire", "Leaders gather in Rio for G20 summit",
     "Leaders of the Group of Twenty arrived in Rio de Janeiro on Monday for a two-day summit "
     "hosted by Brazilian President Luiz Inacio Lula da Silva. Lula wants the summit to launch a "
     "global alliance against hunger and poverty and to back a tax on the very richest. Lula said "
     "the Rio summit would judge the Group of Twenty by what it does for the hungry.",
     ["Rio de Janeiro", "Luiz Inacio Lula da Silva", "Lula", "Lula", "G20", "Brazil"]),
    ("rio-2", "2024-11-18", "meridian-post", "Lula opens Rio summit with hunger alliance",
     "Brazil's Lula da Silva opened the G20 summit in Rio de Janeiro by launching a global "
     "alliance against hunger and poverty, which more than eighty countries joined. Lula told the "
     "leaders in Rio that hunger is a political choice. Diplomats in Rio said a tax on "
     "billionaires would appear in the summit declaration.",
     ["Luiz Inacio Lula da Silva", "Lula", "Lula", "Rio de Janeiro", "G20", "Brazil"]),
    ("rio-3", "2024-11-19", "northgate-times", "Rio summit ends with declaration on hunger",
     "The G20 summit in Rio de Janeiro closed on Tuesday with a declaration backing Lula's "
     "alliance against hunger and a call to tax billionaires. Lula thanked the leaders for "
     "coming to Rio. Host Brazil hands the summit presidency to South Africa.",
     ["G20", "Rio de Janeiro", "Lula", "Lula", "Brazil", "South Africa"]),
]
SUMMIT_DELHI = [
    ("delhi-1", "2023-09-09", "kestrel-news", "G20 leaders meet in New Delhi",
     "Leaders of the Group of Twenty met in New Delhi on Saturday for a summit hosted by Indian "
     "Prime Minister Narendra Modi. Modi announced that the African Union would join the group "
     "as a permanent member. Modi said the New Delhi summit would speak for the Global South.",
     ["New Delhi", "Narendra Modi", "Modi", "Modi", "African Union", "G20", "India"]),
    ("delhi-2", "2023-09-10", "atlas-daily", "Delhi summit agrees declaration, African Union joins",
     "The G20 summit in New Delhi agreed a joint declaration on Saturday, which Modi called a "
     "success for India's presidency. The African Union took its seat at the summit table in "
     "Delhi as a permanent member. Modi handed the presidency to Brazil on Sunday.",
     ["G20", "New Delhi", "Modi", "Modi", "African Union", "India", "Brazil"]),
]


def _doc(row: tuple, duplicate_of: str | None = None, article_id: str | None = None):
    aid, published, _, title, text, names = row
    return story_doc(article_id or aid, text, [(n, _kind(n)) for n in names], title, published,
                     duplicate_of)


def _kind(name: str) -> str:
    if name in {"Luiz Inacio Lula da Silva", "Lula", "Narendra Modi", "Modi"}:
        return "PERSON"
    return "ORG" if name in {"G20", "African Union"} else "GPE"


def _groups(assigned: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for aid, sid in assigned.items():
        by_story.setdefault(sid, set()).add(aid)
    return {frozenset(v) for v in by_story.values()}


EXPECTED = {frozenset({"rio-1", "rio-2", "rio-3"}), frozenset({"delhi-1", "delhi-2"})}


def test_two_summits_stay_apart_and_each_joins_across_outlets_and_days() -> None:
    rows = [SUMMIT_RIO[0], SUMMIT_DELHI[0], SUMMIT_RIO[1], SUMMIT_DELHI[1], SUMMIT_RIO[2]]
    assert _groups(cluster([_doc(r) for r in rows])) == EXPECTED


def test_syndicated_copy_joins_its_original() -> None:
    docs = [_doc(r) for r in SUMMIT_RIO + SUMMIT_DELHI]
    docs.append(_doc(SUMMIT_DELHI[0], duplicate_of="delhi-1", article_id="delhi-1-copy"))
    assigned = cluster(docs)
    assert assigned["delhi-1-copy"] == assigned["delhi-1"] != assigned["rio-1"]


def test_adding_later_gives_the_same_stories_as_adding_at_once() -> None:
    rows = SUMMIT_RIO[:2] + SUMMIT_DELHI[:1] + SUMMIT_RIO[2:] + SUMMIT_DELHI[1:]
    later = StoryClusterer()
    for row in rows[:3]:
        later.add(_doc(row))
    first = dict(later.by_article)
    for row in rows[3:]:
        later.add(_doc(row))
    assert _groups(dict(later.by_article)) == _groups(cluster([_doc(r) for r in rows])) == EXPECTED
    # nothing already assigned moved: incremental, not re-clustered
    assert all(later.by_article[a] == s for a, s in first.items())


def test_dropping_a_story_clears_only_its_postings() -> None:
    clusterer = StoryClusterer()
    for row in SUMMIT_RIO:
        clusterer.add(_doc(row))
    (sid,) = set(clusterer.by_article.values())
    assert all(sid in ids for t in clusterer.indexed[sid] for ids in [clusterer.postings[t]])
    clusterer.drop(sid)
    assert not any(sid in ids for ids in clusterer.postings.values())


def _story(size: int, names: dict[str, int], people: dict[str, int] | None = None) -> StoryState:
    return StoryState("s", "t", {1: 1.0}, Counter(names), size=size, people=Counter(people or {}))


def test_a_name_counts_by_how_many_of_the_storys_articles_carry_it() -> None:
    """A big story has named many places once: such a stray name is weak evidence."""
    clusterer = StoryClusterer()
    story = _story(40, {"oslo": 1, "bergen": 20})
    stray, held = (clusterer.score({}, StoryDoc("a", "x", names=frozenset({n})), story)
                   for n in ("oslo", "bergen"))
    assert 0 < stray < held / 2
    small = _story(3, {"oslo": 1})  # in a small story one article is a fair share
    assert clusterer.score({}, StoryDoc("a", "x", names=frozenset({"oslo"})), small) == held


def test_a_lone_articles_main_person_is_its_storys_core() -> None:
    clusterer = StoryClusterer()
    story = _story(1, {"tara reid": 1, "malibu": 1}, {"tara reid": 1})
    same = StoryDoc("a", "x", names=frozenset({"tara reid", "malibu"}))
    other = StoryDoc("b", "x", names=frozenset({"lindsay lohan", "malibu"}))
    penalty = clusterer.params.core_penalty
    assert clusterer.score({}, other, story) < clusterer.score({}, same, story) - penalty


def test_an_article_naming_no_one_is_judged_by_its_text_alone() -> None:
    clusterer = StoryClusterer()
    p, story = clusterer.params, _story(2, {"mandalay": 2})
    nameless = clusterer.score({1: 0.5}, StoryDoc("a", "x"), story)
    assert nameless == (p.text_weight + p.name_weight) * 0.5


def test_candidates_share_two_top_terms_most_first() -> None:
    assert best_candidates(Counter({"a": 1, "b": 3, "c": 2, "d": 3})) == ["b", "d", "c"]


def _add(store: SQLStore, rows: list[tuple], duplicate_of: dict[str, str] | None = None) -> None:
    dups = duplicate_of or {}
    store.add_articles([
        Article(aid, title, text, f"https://{outlet}.example/{aid}", outlet, published, "en",
                duplicate_of=dups.get(aid), content_hash=hashlib.sha1(aid.encode()).hexdigest())
        for aid, published, outlet, title, text, _ in rows])
    for aid, _, _, _, text, names in rows:
        ents, ids = [], {}
        for i, name in enumerate(dict.fromkeys(names)):
            spans = _spans(text, name)
            ents.append(ArticleEntity(f"e{i}", name, _kind(name), tuple(spans)))
            ids[f"e{i}"] = "ent-" + name.lower().replace(" ", "-")
            store.upsert_entity(Entity(ids[f"e{i}"], name, _kind(name)), [name.lower()])
        store.save_extraction(Extraction(aid, entities=tuple(ents)), ids)


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append((at, at + len(name)))
        at = text.find(name, at + 1)
    return out


def test_store_backed_clustering_matches_in_memory(store: SQLStore) -> None:
    """On both backends (the ``store`` fixture): the same stories as in memory."""
    rows = [SUMMIT_RIO[0], SUMMIT_DELHI[0], SUMMIT_RIO[1], SUMMIT_DELHI[1], SUMMIT_RIO[2]]
    _add(store, rows[:3])
    assert cluster_new_articles(store) == 3
    _add(store, rows[3:])  # arrives later, clustered against the stored state
    assert cluster_new_articles(store) == 2
    assert cluster_new_articles(store) == 0
    stored = dict(store.query("SELECT id, story_id FROM articles"))
    in_memory = cluster([story_doc(aid, text, [(n, _kind(n)) for n in dict.fromkeys(names)
                                               for _ in _spans(text, n)], title, day)
                         for aid, day, _, title, text, names in rows])
    assert stored == in_memory
    assert _groups(stored) == EXPECTED
    stories = {s.id: s for s in store.stories()}
    assert set(stories) == set(stored.values())
    rio = stories[stored["rio-1"]]
    assert (rio.first_seen, rio.last_seen, len(rio.article_ids)) == ("2024-11-18", "2024-11-19", 3)


def test_store_copy_joins_original(store: SQLStore) -> None:
    _add(store, SUMMIT_RIO + SUMMIT_DELHI)
    copy = ("delhi-1-copy",) + SUMMIT_DELHI[0][1:]
    _add(store, [copy], duplicate_of={"delhi-1-copy": "delhi-1"})
    cluster_new_articles(store)
    stored = dict(store.query("SELECT id, story_id FROM articles"))
    assert stored["delhi-1-copy"] == stored["delhi-1"] != stored["rio-1"]


def test_state_tables_hold_document_counts(store: SQLStore) -> None:
    _add(store, SUMMIT_RIO)
    cluster_new_articles(store)
    assert store.query("SELECT value FROM meta WHERE key = 'story_docs'") == [("3",)]
    assert store.query("SELECT COUNT(*) FROM story_state")[0][0] == 1


def test_a_story_quiet_for_half_a_year_is_not_a_candidate(store: SQLStore) -> None:
    """In the store and in memory alike: candidates come from the months around the article."""
    later = ("rio-again", "2025-08-01") + SUMMIT_RIO[1][2:]
    rows = [*SUMMIT_RIO[:2], later]
    _add(store, rows)
    cluster_new_articles(store)
    stored = dict(store.query("SELECT id, story_id FROM articles"))
    assert stored["rio-1"] == stored["rio-2"] != stored["rio-again"]
    in_memory = cluster([_doc(r) for r in rows])
    assert _groups(in_memory) == _groups(stored)
