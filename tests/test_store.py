"""The Store protocol, run against both backends (SQLite always, PostgreSQL when reachable)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import (
    Article,
    ArticleEntity,
    Claim,
    Entity,
    Event,
    Extraction,
    Quote,
    SourceRef,
    Story,
    Timex,
)
from newsgraph.store.schema import SCHEMA_VERSION
from newsgraph.store.sqlite import fts_query


def art(i: int, text: str = "", **kw: object) -> Article:
    fields = dict(id=f"a{i:04d}", title=f"Title {i}", text=text or f"Body number {i} about ports.",
                  url=f"https://x.example/{i}", source="x.example",
                  published="2025-10-0" + str(i % 9 + 1), language="en", content_hash=f"h{i}")
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]


def test_schema_version_recorded(store):
    assert store.schema_version() == SCHEMA_VERSION
    store.migrate()  # a second run is a no-op
    assert store.schema_version() == SCHEMA_VERSION


def test_articles_stored_once_by_id_and_by_url(store):
    first = store.add_articles([art(1), art(2)])
    assert first.added == ("a0001", "a0002")
    again = store.add_articles([art(1), art(3, url="https://x.example/2")])
    assert again.added == ()
    assert len(again.duplicates) == 2
    assert store.counts()["articles"] == 2


def test_article_round_trip_keeps_every_field(store):
    a = art(5, authors=("Ana Ribeiro", "Tomas Lind"), related_links=("More talks",),
            metadata={"credit": "Wire writer contributed", "n": 3}, duplicate_of="a0001",
            published_granularity="day")
    store.add_articles([a, art(6)])
    back = store.get_article("a0005")
    assert back is not None
    assert (back.authors, back.related_links, back.metadata) == (
        a.authors, a.related_links, a.metadata)
    assert back.duplicate_of == "a0001"
    assert store.get_article("a000") is None  # ambiguous prefixes find nothing
    assert store.get_article("nope") is None


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300).filter(lambda t: "\x00" not in t))
def test_text_is_stored_exactly(store, text):
    aid = f"p{abs(hash(text)):x}"[:16]
    store.add_articles([art(0, text=text, id=aid, url=None)])
    assert store.get_article(aid).text == text


def test_search_ranks_filters_and_never_fails_on_syntax(store):
    store.add_articles([
        art(1, text="Ministers met in Lisbon to discuss fishing quotas.", published="2025-10-01"),
        art(2, text="Fishing fleets protested in Oslo.", published="2025-11-05",
            source="y.example"),
        art(3, text="A summit on trade.", published="2025-11-06"),
    ])
    assert [h.article_id for h in store.search("fishing")] and len(store.search("fishing")) == 2
    assert [h.article_id for h in store.search("fishing", source="y.example")] == ["a0002"]
    assert [h.article_id for h in store.search("fishing", since="2025-11-01")] == ["a0002"]
    assert [h.article_id for h in store.search("fishing", until="2025-10-01")] == ["a0001"]
    for nasty in ['"unbalanced', "AND OR NOT", "col:value", "(", "*", "fish*"]:
        store.search(nasty)  # no exception
    assert store.search("") == []


def test_fts_query_quotes_every_word():
    assert fts_query('fishing "catch limits" NOT x*') == '"fishing" "catch limits" "NOT" "x"*'


def test_extraction_is_replaced_not_duplicated(store):
    store.add_articles([art(1, text="Olaf Scholz met Emmanuel Macron in Paris.")])
    store.upsert_entity(Entity("ent-scholz", "Olaf Scholz", "PERSON", ("Scholz",)), ["scholz"])
    extraction = Extraction(
        article_id="a0001",
        entities=(ArticleEntity("e0", "Olaf Scholz", "PERSON", ((0, 11),), roles=("Chancellor",)),),
        quotes=(Quote("a0001-q0", "a0001", "indirect", "x", 0, 1, speaker_id="e0",
                      via=(SourceRef("Kestrel News", None),)),),
        claims=(Claim("a0001-c0", "a0001", 3.0, None, "exact", "three", "ships", None, 0, 5),),
        timexes=(Timex("a0001-t0", "a0001", "Paris", 0, 5, "DATE", "2025-10-01"),),
        events=(Event("a0001-v0", "a0001", "CONSULT", "meet", "e0", None, ("e0",), "2025-10-01",
                      None, "day", None, "Paris", "occurred", "met", "s", 0, 40),),
    )
    for _ in range(2):
        store.save_extraction(extraction, {"e0": "ent-scholz"})
    counts = store.counts()
    assert (counts["mentions"], counts["quotes"], counts["claims"], counts["timexes"],
            counts["events"], counts["unextracted"]) == (1, 1, 1, 1, 1, 0)
    quote = store.records("quotes")[0]
    assert quote.speaker_id == "ent-scholz" and quote.via == (SourceRef("Kestrel News", None),)
    assert store.events()[0].actors == ("ent-scholz",)
    entity = store.get_entity("ent-scholz")
    assert entity.mentions[0].text == "Olaf Scholz" and entity.roles[0].title == "Chancellor"
    assert [e.id for e in store.entity_candidates(["scholz", "other"])] == ["ent-scholz"]


def test_stories_and_event_groups(store):
    store.add_articles([art(1)])
    store.save_story(Story("s1", "Talks", ("a0001",), "2025-10-01", "2025-10-01"))
    store.set_story("a0001", "s1")
    assert store.stories()[0].article_ids == ("a0001",)
    assert store.get_article("a0001").story_id == "s1"


def test_processes_opening_a_new_postgres_schema_at_once_all_succeed():
    import threading
    import uuid

    import pytest

    from conftest import PG_URL, postgres_reason
    from newsgraph.store.postgres import PostgresStore

    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    url = f"{PG_URL}?schema=race_{uuid.uuid4().hex[:10]}"
    errors: list[str] = []

    def open_once() -> None:
        try:
            PostgresStore(url).close()
        except Exception as exc:  # noqa: BLE001 - the test collects whatever goes wrong
            errors.append(repr(exc))

    threads = [threading.Thread(target=open_once) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store = PostgresStore(url)
    store.conn.execute(f"DROP SCHEMA {store.schema} CASCADE")
    store.conn.commit()
    store.close()
    assert errors == []


def _extraction(aid: str, who: str) -> Extraction:
    return Extraction(
        article_id=aid,
        entities=(ArticleEntity("e0", who, "PERSON", ((0, len(who)),)),),
        timexes=(Timex(f"{aid}-t0", aid, "today", 0, 5, "DATE", "2025-10-01"),),
        events=(Event(f"{aid}-v0", aid, "CONSULT", "meet", "e0", None, ("e0",), "2025-10-01",
                      None, "day", None, None, "occurred", "met", "s", 0, 9),),
    )


def test_a_batch_of_extractions_equals_saving_them_one_by_one(store):
    texts = {1: "Ana Ribeiro met the council.", 2: "Tomas Lind met the mayor.",
             3: "Ana Ribeiro spoke later."}
    store.add_articles([art(i, text=t) for i, t in texts.items()])
    for eid, name in (("ent-ana", "Ana Ribeiro"), ("ent-tomas", "Tomas Lind")):
        store.upsert_entity(Entity(eid, name, "PERSON"), [name.split()[-1].lower()])
    batch = [(_extraction("a0001", "Ana Ribeiro"), {"e0": "ent-ana"}),
             (_extraction("a0002", "Tomas Lind"), {"e0": "ent-tomas"}),
             (_extraction("a0003", "Ana Ribeiro"), {"e0": "ent-ana"})]

    def stored() -> tuple:
        return (store.query("SELECT entity_id, article_id, text FROM mentions ORDER BY 2"),
                [(v.id, v.actors) for v in store.events()], store.records("timexes"),
                store.counts()["unextracted"])

    for extraction, ids in batch:
        store.save_extraction(extraction, ids)
    one_by_one = stored()
    store.save_extractions(batch)  # replaces: nothing twice
    assert stored() == one_by_one
    assert one_by_one[0][0][2] == "Ana Ribeiro" and one_by_one[1][1] == ("a0002-v0", ("ent-tomas",))
    assert one_by_one[3] == 0


def test_nested_transactions_commit_once_or_roll_back_whole(store):
    try:
        with store.transaction():
            store.add_articles([art(1)])  # its own transaction joins the outer one
            store.upsert_entity(Entity("ent-x", "X", "PERSON"), ["x"])
            raise RuntimeError("crash mid-partition")
    except RuntimeError:
        pass
    assert store.counts()["articles"] == 0 and store.entity_ids() == []
    with store.transaction():
        store.add_articles([art(1)])
    assert store.counts()["articles"] == 1
