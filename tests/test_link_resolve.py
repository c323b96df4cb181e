"""Cross-article identity on a small corpus of our own: variants merge, namesakes stay apart.

The articles are written for this test (facts public, sentences ours). They
are parsed, run through ``extract_entities`` and fed one by one to an
``EntityIndex``, as the pipeline feeds the store.
"""

from __future__ import annotations

import pytest

from newsgraph.extract.annotate import load_nlp
from newsgraph.extract.entities import extract_entities
from newsgraph.link.resolve import EntityIndex, best_match, blocking_keys, same_entity
from newsgraph.model import ArticleEntity, Entity

CORPUS = {
    "a1": (
        "MOSCOW (Northwind Wire) — Kremlin spokesman Dmitry Peskov said on Monday that talks "
        "with Kyiv had stalled. Peskov told reporters that President Vladimir Putin would not "
        "travel to Geneva."
    ),
    "a2": (
        "Dmitri Peskov, the Kremlin's spokesman, rejected the report on Tuesday. Mr. Peskov "
        "said the U.S. was escalating the conflict."
    ),
    "a3": (
        "Libyan leader Muammar Gaddafi addressed the United Nations on Wednesday. Gaddafi spoke "
        "for ninety minutes and tore up a copy of the charter."
    ),
    "a4": (
        "Rebel commanders said Moammar Qaddafi had fled Tripoli with his guards. Qaddafi's "
        "whereabouts remained unknown on Sunday."
    ),
    "a5": (
        "SEOUL (Lantern Press) — North Korean leader Kim Jong-un watched a missile launch on "
        "Friday, state media said. Kim praised the engineers."
    ),
    "a6": (
        "Kim Jong Un met South Korean President Moon Jae-in at the border village. South "
        "Korean Defense Minister Lee Jong-sup said the army stayed on alert."
    ),
    "a7": (
        "Interior Minister Lee Sang-min resigned on Friday after weeks of criticism over the "
        "crowd crush in Seoul. Lee apologised to the families."
    ),
    "a8": (
        "Former President George H. W. Bush died on Friday at the age of 94. His son, former "
        "President George W. Bush, called him a man of the highest character."
    ),
    "a9": (
        "George W. Bush has painted portraits of wounded veterans for a new book. Bush said "
        "painting had changed his life."
    ),
    "a10": (
        "The White House said on Tuesday that Washington would send more HIMARS launchers to "
        "Ukraine. American officials said the United States would not send troops."
    ),
    "a11": (
        "The Kremlin said the new American weapons would prolong the war, and Moscow warned "
        "America against further deliveries."
    ),
}

SAME = [  # (article, name) pairs that must be one entity
    (("a1", "Dmitry Peskov"), ("a2", "Dmitri Peskov")),
    (("a3", "Muammar Gaddafi"), ("a4", "Moammar Qaddafi")),
    (("a5", "Kim Jong-un"), ("a6", "Kim Jong Un")),
    (("a8", "George W. Bush"), ("a9", "George W. Bush")),
    (("a2", "United States"), ("a10", "United States")),
    (("a10", "United States"), ("a11", "United States")),
    (("a1", "Government of Russia"), ("a11", "Government of Russia")),
    (("a5", "Seoul"), ("a7", "Seoul")),
]
APART = [  # pairs that share a surname (or a city and its country) but are different
    (("a8", "George H. W. Bush"), ("a8", "George W. Bush")),
    (("a8", "George H. W. Bush"), ("a9", "George W. Bush")),
    (("a6", "Lee Jong-sup"), ("a7", "Lee Sang-min")),
    (("a1", "Moscow"), ("a11", "Government of Russia")),
    (("a10", "Government of the United States"), ("a10", "United States")),
]


@pytest.fixture(scope="module")
def linked() -> tuple[EntityIndex, dict[tuple[str, str], str]]:
    nlp = load_nlp()
    index = EntityIndex()
    ids: dict[tuple[str, str], str] = {}
    for article_id, text in CORPUS.items():
        entities = extract_entities(nlp(text)).entities
        mapping = index.add_article(entities, article_id)
        ids.update({(article_id, e.name): mapping[e.key] for e in entities})
    return index, ids


@pytest.mark.parametrize(("left", "right"), SAME)
def test_variants_merge(linked, left, right) -> None:  # type: ignore[no-untyped-def]
    _, ids = linked
    assert ids[left] == ids[right]


@pytest.mark.parametrize(("left", "right"), APART)
def test_namesakes_stay_apart(linked, left, right) -> None:  # type: ignore[no-untyped-def]
    _, ids = linked
    assert ids[left] != ids[right]


def test_merged_entity_keeps_spellings_roles_and_country(linked) -> None:  # type: ignore[no-untyped-def]
    index, ids = linked
    peskov = index.entities[ids[("a1", "Dmitry Peskov")]]
    assert peskov.name == "Dmitry Peskov" and "Dmitri Peskov" in peskov.aliases
    assert [r.title for r in peskov.roles] == ["Kremlin spokesman"]
    usa = index.entities[ids[("a2", "United States")]]
    assert usa.country == "US" and {"U.S.", "America"} <= set(usa.aliases)


def test_new_article_links_incrementally(linked) -> None:  # type: ignore[no-untyped-def]
    index, ids = linked
    before = dict(index.entities)
    later = ArticleEntity("e0", "Qaddafi", "PERSON", ((0, 7),))
    assert index.add(later, "a12") == ids[("a3", "Muammar Gaddafi")]
    changed = [k for k in before if before[k] is not index.entities[k]]
    assert changed == [ids[("a3", "Muammar Gaddafi")]]  # nothing else was touched


def test_bare_surname_of_two_people_links_to_neither() -> None:
    elder = Entity("E0", "George H. W. Bush", "PERSON")
    son = Entity("E1", "George W. Bush", "PERSON")
    bare = ArticleEntity("e0", "Bush", "PERSON", ((0, 4),))
    assert same_entity(bare, elder) and same_entity(bare, son)
    assert best_match(bare, [elder, son]) is None


def test_blocking_keys_meet_across_spellings_not_types() -> None:
    assert blocking_keys("Gaddafi", "PERSON") & blocking_keys("Moammar Qaddafi", "PERSON")
    assert blocking_keys("U.S.", "GPE") & blocking_keys("America", "GPE")
    assert not blocking_keys("Jordan", "PERSON") & blocking_keys("Jordan", "GPE")


def test_acronym_meets_full_organisation_name() -> None:
    full = Entity("E0", "North Atlantic Treaty Organization", "ORG")
    short = ArticleEntity("e0", "NATO", "ORG", ((0, 4),))
    assert blocking_keys("NATO", "ORG") & blocking_keys(full.name, "ORG")
    assert same_entity(short, full)
