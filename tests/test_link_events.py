"""Event coreference: one real event reported by several outlets is one group."""

from __future__ import annotations

from dataclasses import replace

from newsgraph.link.events import (
    assign_groups,
    candidate_events,
    contradictions,
    group_events,
    link_new_events,
    period,
)
from newsgraph.model import Article, Event, Extraction
from newsgraph.store.sqlite import SQLiteStore


def art(aid: str, published: str, story: str | None = "s1") -> Article:
    return Article(id=aid, title=None, text="", url=None, source=None, published=published,
                   language="en", story_id=story)  # fmt: skip


def ev(aid: str, n: int, type: str, date: str | None, date_text: str | None, actors=(),
       location=None, mode=None, status="occurred", sentence=None,
       gran="day") -> Event:  # fmt: skip
    return Event(
        id=f"{aid}-v{n}", article_id=aid, type=type, mode=mode,
        source_id=actors[0] if actors else None, target_id=actors[1] if len(actors) > 1 else None,
        actors=tuple(actors), date=date, date_end=None, granularity=gran, date_text=date_text,
        location=location, status=status, trigger="t", sentence=sentence or f"{aid} sentence {n}",
        start=100 * n, end=100 * n + 50,
    )  # fmt: skip


# A phone call on Friday 19 September, told five ways, published over a week.
ARTICLES = {a.id: a for a in [
    art("wire", "2025-09-19"), art("post", "2025-09-20"), art("daily", "2025-09-20"),
    art("times", "2025-09-22"), art("weekly", "2025-09-26"),
]}  # fmt: skip
CALL = [
    ev("wire", 0, "CONSULT", "2025-09-19", "on Friday", ("trump", "xi"), mode="phone"),
    ev("post", 2, "CONSULT", "2025-09-19", "Friday", ("xi", "trump"), mode="phone"),
    ev("daily", 1, "CONSULT", "2025-09-19", "late on Friday", ("trump",), mode="meet"),
    ev("times", 0, "CONSULT", "2025-09-19", "last Friday’s call", ("xi", "trump"), mode="phone"),
    ev("weekly", 3, "CONSULT", "2025-W38", "last week", ("trump", "xi"), mode="phone", gran="week"),
]
STORY = dict.fromkeys(ARTICLES, "s1")


def test_phone_call_from_five_outlets_is_one_group() -> None:
    groups = group_events(CALL, ARTICLES, STORY)
    assert len(set(groups.values())) == 1
    assert set(groups) == {v.id for v in CALL}
    assert next(iter(groups.values())).startswith("grp-")


def test_group_ids_do_not_depend_on_input_order() -> None:
    assert group_events(CALL[::-1], ARTICLES, STORY) == group_events(CALL, ARTICLES, STORY)


def test_what_rules_a_pair_out() -> None:
    base = CALL[0]
    others = [
        ev(
            "post", 5, "CONSULT", "2025-09-19", "on Friday", ("trump", "xi"), mode="visit"
        ),  # a visit
        ev("daily", 6, "CONSULT", "2025-09-12", "a week earlier", ("trump", "xi"), mode="phone"),
        ev(
            "times",
            7,
            "CONSULT",
            "2025-09-19",
            "Friday",
            ("trump", "xi"),
            mode="phone",
            status="negated",
        ),  # fmt: skip
        ev("weekly", 8, "CONSULT", "2025-09-19", "Friday", ("lee", "ishiba"), mode="phone"),
    ]
    groups = group_events([base, *others], ARTICLES, STORY)
    assert len(set(groups.values())) == 5


def test_two_events_of_one_sentence_never_merge() -> None:
    same = replace(CALL[1], id="wire-v1", article_id="wire", sentence=CALL[0].sentence,
                   start=CALL[0].start, end=CALL[0].end)  # fmt: skip
    groups = group_events([CALL[0], same], ARTICLES, STORY)
    assert groups["wire-v0"] != groups["wire-v1"]


def test_two_protests_months_apart_are_two_groups() -> None:
    arts = {a.id: a for a in [art("m1", "2025-03-15"), art("m2", "2025-03-16"),
                              art("j1", "2025-06-29"), art("j2", "2025-06-30")]}  # fmt: skip
    story = dict.fromkeys(arts, "serbia")
    events = [
        ev("m1", 0, "PROTEST", "2025-03-15", None, location="Belgrade"),  # undated, same day
        ev("m2", 0, "PROTEST", "2025-03-15", "on Saturday", location="Belgrade"),
        ev("j1", 0, "PROTEST", "2025-06-28", "on Saturday", location="Belgrade"),
        ev("j2", 1, "PROTEST", "2025-06-28", "Saturday’s rally"),
        ev("j2", 4, "PROTEST", "2025-03", "the March rally", gran="month"),
    ]
    groups = group_events(events, arts, story)
    assert groups["m1-v0"] == groups["m2-v0"]
    assert groups["j1-v0"] == groups["j2-v1"]
    assert groups["m1-v0"] != groups["j1-v0"]
    assert groups["j2-v4"] != groups["j1-v0"]  # "the March rally" is not June's


def test_different_stories_stay_apart() -> None:
    story = {**STORY, "weekly": "s2"}
    groups = group_events(CALL, ARTICLES, story)
    assert groups["weekly-v3"] != groups["wire-v0"]


SUMMIT = {a.id: a for a in [art("k", "2025-08-26"), art("a", "2025-08-27"), art("n", "2025-08-27")]}


def grouped(events: list[Event]) -> list[Event]:
    groups = group_events(events, SUMMIT, dict.fromkeys(SUMMIT, "summit"))
    assert len(set(groups.values())) == 1
    return [replace(v, event_group=groups[v.id]) for v in events]


def test_a_date_a_day_off_is_listed() -> None:
    events = grouped([
        ev("k", 0, "CONSULT", "2025-08-25", "on Monday", ("lee", "trump", "usa"), "White House"),
        ev("a", 0, "CONSULT", "2025-08-26", "on Tuesday", ("lee", "trump", "usa"), "White House"),
        ev("n", 0, "CONSULT", "2025-08-25", "Monday", ("lee", "trump"), "the White House"),
    ])  # fmt: skip
    (found,) = contradictions(events)
    assert found.field == "date" and found.group_id == events[0].event_group
    assert found.values == (("2025-08-25", ("k-v0", "n-v0")), ("2025-08-26", ("a-v0",)))
    assert found.describe() == "date: 2025-08-25 (k-v0, n-v0) vs 2025-08-26 (a-v0)"


def test_places_and_participants_are_listed() -> None:
    events = grouped([
        ev("k", 0, "CONSULT", "2025-08-25", "on Monday", ("lee", "trump", "usa"), "White House"),
        ev("a", 0, "CONSULT", "2025-08-25", "Monday", ("lee", "trump", "usa"), "Washington"),
        ev("n", 0, "CONSULT", "2025-08-25", "Monday", ("lee", "trump", "vance")),
    ])  # fmt: skip
    found = {c.field: c.values for c in contradictions(events)}
    assert found["location"] == (("Washington", ("a-v0",)), ("White House", ("k-v0",)))
    assert found["participants"][-1] == ("lee + trump + vance", ("n-v0",))
    assert set(found) == {"location", "participants"}


def test_contained_dates_and_places_are_no_contradiction() -> None:
    events = [
        ev("k", 0, "CONSULT", "2025-08-25", "on Monday", ("lee", "trump"), "White House"),
        ev("a", 0, "CONSULT", "2025-08", "in August", ("lee", "trump"), "the White House",
           gran="month"),
    ]  # fmt: skip
    assert contradictions(grouped(events)) == []


def test_a_day_apart_and_elsewhere_is_another_event() -> None:
    arts = {a.id: a for a in [art("x", "2025-11-01"), art("y", "2025-11-01")]}
    events = [
        ev("x", 0, "CONSULT", "2025-10-29", "on Wednesday", ("trump", "lee"), "Gyeongju"),
        ev("y", 0, "CONSULT", "2025-10-30", "on Thursday", ("trump", "xi", "lee"), "Busan"),
    ]
    groups = group_events(events, arts, dict.fromkeys(arts, "apec"))
    assert groups["x-v0"] != groups["y-v0"]


def test_new_events_join_stored_groups_without_regrouping() -> None:
    stored = [replace(v, event_group="grp-stored") for v in CALL[:3]]
    late = art("late", "2025-10-01")
    newer = [ev("late", 0, "CONSULT", "2025-09-19", "on Sept. 19", ("trump", "xi"), mode="phone"),
             ev("late", 1, "PROTEST", "2025-09-30", "on Tuesday", location="Paris")]  # fmt: skip
    arts = {**ARTICLES, "late": late}
    groups = assign_groups(newer, stored, arts, {**STORY, "late": "s1"})
    assert groups == {"late-v0": "grp-stored", "late-v1": groups["late-v1"]}
    assert groups["late-v1"].startswith("grp-") and groups["late-v1"] != "grp-stored"


def test_store_round_trip_groups_new_articles_incrementally(tmp_path) -> None:
    store = SQLiteStore(tmp_path / "ev.db")
    old = ev("past", 0, "CONSULT", "2024-03-01", "in March", ("trump", "xi"), mode="phone")
    store.add_articles([*ARTICLES.values(), art("past", "2024-03-02"), art("late", "2025-10-01")])
    for v in [*CALL, old]:
        store.save_extraction(Extraction(v.article_id, events=(v,)), {})
    stored = {a.id: a for a in store.iter_articles()}
    store.set_event_groups(group_events(store.events(), stored, {}))
    window = candidate_events(store, ["CONSULT"], "2025-09-01", "2025-09-30")
    assert sorted(v.id for v in window) == sorted(v.id for v in CALL)
    late = ev("late", 0, "CONSULT", "2025-09-19", "on Sept. 19", ("trump", "xi"), mode="phone")
    store.save_extraction(Extraction("late", events=(late,)), {})
    groups = link_new_events(store, ["late"])
    call_group = store.events(["wire"])[0].event_group
    assert groups == {"late-v0": call_group}
    assert store.events(["late"])[0].event_group == call_group
    assert store.events(["past"])[0].event_group != call_group


def test_periods() -> None:
    assert [str(d) for d in period("2025-W38")] == ["2025-09-15", "2025-09-21"]
    assert [str(d) for d in period("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [str(d) for d in period("2025-WI")] == ["2025-12-01", "2026-02-28"]
    assert period("PAST_REF") is None


def test_contradiction_names_participants_instead_of_ids() -> None:
    from newsgraph.link.events import Contradiction

    clash = Contradiction(
        "grp-1", "participants",
        (("ent-a + ent-b", ("a-v0",)), ("ent-a + ent-c", ("b-v0",))),
        (("ent-a", "Donald Trump"), ("ent-b", "Xi Jinping")),
    )
    text = clash.describe({"ent-c": "Lee Jae-myung"})
    assert text == ("participants: Donald Trump + Xi Jinping (a-v0) vs "
                    "Donald Trump + Lee Jae-myung (b-v0)")


def test_two_leaders_meet_a_report_naming_their_two_countries() -> None:
    from newsgraph.link.events import entity_state

    arts = {a.id: a for a in [art("a", "2025-10-30"), art("b", "2025-10-31")]}
    leaders = ev("a", 0, "AGREE", "2025-10-30", "on Thursday", ("ent-xi", "ent-trump"))
    states = ev("b", 0, "AGREE", "2025-10-30", None, ("ent-china", "ent-us"))
    codes = {"ent-xi": "CN", "ent-trump": "US", "ent-china": "CN", "ent-us": "US"}
    assert len(set(group_events([leaders, states], arts, {}, codes).values())) == 1
    # without knowing whom the leaders serve, two disjoint pairs stay apart
    assert len(set(group_events([leaders, states], arts, {}).values())) == 2
    assert entity_state("PERSON", "Xi", None, ["Chinese President", "President"]) == "CN"
    assert entity_state("NORP", "American", None, []) == "US"
    assert entity_state("GPE", "Mombasa", None, []) is None
