"""Event coding on sentences we wrote: type, actors, status, place and date.

Entities and time expressions are built by hand here so that these tests pin
the event stage alone; the article is "published" on Wednesday 2025-10-29.
"""

from __future__ import annotations

import re

import pytest

from newsgraph.extract.annotate import parse
from newsgraph.extract.events import extract_events
from newsgraph.model import ArticleEntity, Event, Timex

PUBLISHED = "2025-10-29"


def _entities(text: str, names: dict[str, str]) -> list[ArticleEntity]:
    out = []
    for n, (name, label) in enumerate(names.items()):
        spans = tuple((m.start(), m.end()) for m in re.finditer(re.escape(name), text))
        out.append(ArticleEntity(f"e{n}", name, label, spans))
    return out


def _timexes(text: str, values: dict[str, str | None]) -> list[Timex]:
    out = []
    for n, (words, value) in enumerate(values.items()):
        start = text.index(words)
        out.append(Timex(f"a-t{n}", "a", words, start, start + len(words), "DATE", value))
    return out


def events(
    text: str, names: dict[str, str], times: dict[str, str | None] | None = None
) -> tuple[list[Event], dict[str, str]]:
    ents = _entities(text, names)
    found = extract_events(parse(text), "a", ents, _timexes(text, times or {}), PUBLISHED)
    return found, {e.key: e.name for e in ents}


def one(found: list[Event], type_: str) -> Event:
    hits = [e for e in found if e.type == type_]
    assert len(hits) == 1, [(e.type, e.trigger) for e in found]
    return hits[0]


def test_meeting_with_place_and_weekday() -> None:
    text = (
        "Finnish President Alexander Stubb met Kenyan President William Ruto in Nairobi on Monday."
    )
    found, _ = events(
        text,
        {"Alexander Stubb": "PERSON", "William Ruto": "PERSON", "Nairobi": "GPE"},
        {"Monday": "2025-10-27"},
    )
    ev = one(found, "CONSULT")
    assert (ev.mode, ev.source_name, ev.target_name) == ("meet", "Alexander Stubb", "William Ruto")
    assert (ev.location, ev.status, ev.date, ev.granularity) == (
        "Nairobi",
        "occurred",
        "2025-10-27",
        "day",
    )
    assert ev.date_text == "Monday" and ev.trigger == "met"
    assert text[ev.start : ev.end] == ev.sentence and ev.id == "a-v0"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Alexander Stubb will meet William Ruto in Helsinki.", "planned"),
        ("Alexander Stubb is set to meet William Ruto in Helsinki.", "planned"),
        ("Alexander Stubb plans to meet William Ruto in Helsinki.", "planned"),
        ("Alexander Stubb could meet William Ruto in Helsinki.", "hypothetical"),
        ("If the vote passes, Alexander Stubb will meet William Ruto in Helsinki.", "hypothetical"),
        ("Alexander Stubb did not meet William Ruto in Helsinki.", "negated"),
        ("Alexander Stubb refused to meet William Ruto in Helsinki.", "negated"),
    ],
)
def test_status(text: str, status: str) -> None:
    found, _ = events(
        text, {"Alexander Stubb": "PERSON", "William Ruto": "PERSON", "Helsinki": "GPE"}
    )
    ev = one(found, "CONSULT")
    assert (ev.status, ev.source_name, ev.target_name) == (
        status,
        "Alexander Stubb",
        "William Ruto",
    )


def test_future_date_makes_a_plan_and_visit_targets_the_place() -> None:
    text = "Dutch Prime Minister Dick Schoof is set to visit Jakarta next month."
    found, _ = events(
        text,
        {"Dick Schoof": "PERSON", "Jakarta": "GPE", "Dutch": "NORP"},
        {"next month": "2025-11"},
    )
    ev = one(found, "CONSULT")
    assert (ev.mode, ev.source_name, ev.target_name, ev.location) == (
        "visit",
        "Dick Schoof",
        "Jakarta",
        "Jakarta",
    )
    assert (ev.status, ev.date, ev.granularity) == ("planned", "2025-11", "month")


@pytest.mark.parametrize(
    ("text", "names", "type_", "source", "target"),
    [
        (
            "Chile signed a trade agreement with Vietnam.",
            "Chile Vietnam",
            "AGREE",
            "Chile",
            "Vietnam",
        ),
        (
            "Ghana praised Togo for its handling of the border dispute.",
            "Ghana Togo",
            "SUPPORT",
            "Ghana",
            "Togo",
        ),
        (
            "Peru accused Bolivia of sheltering smugglers.",
            "Peru Bolivia",
            "ACCUSE",
            "Peru",
            "Bolivia",
        ),
        (
            "Norway rejected the proposal from Iceland.",
            "Norway Iceland",
            "REJECT",
            "Norway",
            "Iceland",
        ),
        (
            "Serbia threatened to cut gas deliveries to Croatia.",
            "Serbia Croatia",
            "THREATEN",
            "Serbia",
            "Croatia",
        ),
        (
            "Kenya urged Ethiopia to reopen the border.",
            "Kenya Ethiopia",
            "REQUEST",
            "Kenya",
            "Ethiopia",
        ),
        ("Canada imposed sanctions on Belarus.", "Canada Belarus", "SANCTION", "Canada", "Belarus"),
        (
            "Poland deployed troops to Lithuania.",
            "Poland Lithuania",
            "MOBILIZE",
            "Poland",
            "Lithuania",
        ),
        ("Japan sent food aid to Nepal.", "Japan Nepal", "AID", "Japan", "Nepal"),
        (
            "Armenia withdrew its troops from Georgia.",
            "Armenia Georgia",
            "RETREAT",
            "Armenia",
            "Georgia",
        ),
        ("Sudan released 40 prisoners from Chad.", "Sudan Chad", "CONCEDE", "Sudan", "Chad"),
        (
            "Uruguay extradited the banker to Spain.",
            "Uruguay Spain",
            "COOPERATE",
            "Uruguay",
            "Spain",
        ),
        (
            "Nicaragua arrested two journalists from Honduras.",
            "Nicaragua Honduras",
            "COERCE",
            "Nicaragua",
            "Honduras",
        ),
        ("Myanmar attacked Laos with drones.", "Myanmar Laos", "ASSAULT", "Myanmar", "Laos"),
        (
            "Thousands of farmers protested against Ireland in Dublin.",
            "Ireland Dublin",
            "PROTEST",
            None,
            "Ireland",
        ),
    ],
)
def test_categories_and_actors(
    text: str, names: str, type_: str, source: str | None, target: str | None
) -> None:
    found, _ = events(text, {n: "GPE" for n in names.split()})
    ev = min((e for e in found if e.type == type_), key=lambda e: e.start, default=None)
    assert ev is not None, [(e.type, e.trigger) for e in found]
    assert ev.target_name == target
    if source is not None:
        assert ev.source_name == source


def test_fighting_is_assault_between_both_sides() -> None:
    found, _ = events(
        "Fighting between Armenia and Azerbaijan broke out on Sunday.",
        {"Armenia": "GPE", "Azerbaijan": "GPE"},
        {"Sunday": "2025-10-26"},
    )
    ev = one(found, "ASSAULT")
    assert (ev.mode, ev.source_name, ev.target_name, ev.date) == (
        "fight",
        "Armenia",
        "Azerbaijan",
        "2025-10-26",
    )


def test_talks_then_travel_to_meet_gives_two_meetings() -> None:
    text = (
        "After talks with Prime Minister Kamla Persad, envoy Lena Varga travelled on "
        "to Riyadh to meet Crown Prince Faisal Saud."
    )
    names = {
        "Kamla Persad": "PERSON",
        "Lena Varga": "PERSON",
        "Riyadh": "GPE",
        "Faisal Saud": "PERSON",
    }
    found, _ = events(text, names)
    consult = [e for e in found if e.type == "CONSULT"]
    assert [(e.source_name, e.target_name) for e in consult] == [
        ("Lena Varga", "Kamla Persad"),
        ("Lena Varga", "Faisal Saud"),
    ]
    assert consult[0].location is None and consult[1].location == "Riyadh"
    assert all(e.status == "occurred" for e in consult)


def test_the_two_presidents_spoke_by_phone() -> None:
    text = (
        "President Lula da Silva hosted President Gabriel Boric in Brasilia last year. "
        "The two presidents spoke by phone in March."
    )
    names = {"Lula da Silva": "PERSON", "Gabriel Boric": "PERSON", "Brasilia": "GPE"}
    found, keys = events(text, names, {"last year": "2024", "March": "2025-03"})
    phone = [e for e in found if e.mode == "phone"]
    assert len(phone) == 1
    ev = phone[0]
    assert ev.type == "CONSULT" and {keys[k] for k in ev.actors} == {
        "Lula da Silva",
        "Gabriel Boric",
    }
    assert (ev.date, ev.granularity, ev.status) == ("2025-03", "month", "occurred")


def test_later_that_day_takes_the_earlier_date() -> None:
    text = (
        "On Monday, Foreign Minister Ana Ruiz met Chancellor Olaf Berg in Vienna. "
        "Later that day, Ana Ruiz held talks with President Marta Kos."
    )
    names = {"Ana Ruiz": "PERSON", "Olaf Berg": "PERSON", "Vienna": "GPE", "Marta Kos": "PERSON"}
    frames: list[dict[str, str | None]] = [
        {"Monday": "2025-10-27"},
        {"Monday": "2025-10-27", "that day": None},
    ]
    for times in frames:
        found, _ = events(text, names, times)
        talks = [e for e in found if e.target_name == "Marta Kos"]
        assert len(talks) == 1 and talks[0].type == "CONSULT"
        assert (talks[0].date, talks[0].granularity, talks[0].status) == (
            "2025-10-27",
            "day",
            "occurred",
        )


def test_undated_event_takes_the_publication_date() -> None:
    found, _ = events("Ghana praised Togo.", {"Ghana": "GPE", "Togo": "GPE"})
    ev = one(found, "SUPPORT")
    assert (ev.date, ev.granularity, ev.date_text) == (PUBLISHED, "day", None)


def test_no_publication_date_leaves_the_date_empty() -> None:
    text = "Ghana praised Togo on Monday."
    ents = _entities(text, {"Ghana": "GPE", "Togo": "GPE"})
    tx = _timexes(text, {"Monday": None})
    ev = extract_events(parse(text), "a", ents, tx, None)[0]
    assert (ev.date, ev.granularity) == (None, None)


def test_pronoun_subject_and_reporters_are_not_a_meeting() -> None:
    text = "Ana Ruiz arrived in Lima. She met Pedro Soto and later spoke to reporters."
    found, _ = events(text, {"Ana Ruiz": "PERSON", "Lima": "GPE", "Pedro Soto": "PERSON"})
    meets = [e for e in found if e.type == "CONSULT" and e.trigger != "arrived"]
    assert [(e.trigger, e.source_name, e.target_name) for e in meets] == [
        ("met", "Ana Ruiz", "Pedro Soto")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Shares hit a record high as investors welcomed the earnings.",
        "The central bank warned that inflation could rise.",
        "The law allows farmers to sell directly to consumers.",
    ],
)
def test_no_event_without_an_actor_or_an_act(text: str) -> None:
    assert events(text, {})[0] == []


def test_meeting_to_discuss_is_one_meeting() -> None:
    text = "Friedrich Merz met Emmanuel Macron to discuss defence spending."
    found, _ = events(text, {"Friedrich Merz": "PERSON", "Emmanuel Macron": "PERSON"})
    assert [(e.type, e.trigger) for e in found] == [("CONSULT", "met")]


def test_role_nouns_and_the_dateline_point_to_the_people_named() -> None:
    text = (
        "OSLO (Northwind Wire) — Envoy Lena Varga met Prime Minister Kamla Persad on Monday. "
        "After talks with the prime minister, the envoy travelled on to Riyadh to meet "
        "Crown Prince Faisal Saud."
    )

    def person(key: str, name: str, role: str) -> ArticleEntity:
        start = text.index(name)
        return ArticleEntity(key, name, "PERSON", ((start, start + len(name)),), roles=(role,))

    ents = [
        ArticleEntity("e0", "Oslo", "GPE", ((0, 4),)),
        person("e1", "Lena Varga", "Envoy"),
        person("e2", "Kamla Persad", "Prime Minister"),
        ArticleEntity("e3", "Riyadh", "GPE", ((text.index("Riyadh"), text.index("Riyadh") + 6),)),
        person("e4", "Faisal Saud", "Crown Prince"),
    ]
    tx = _timexes(text, {"Monday": "2025-10-27"})
    found = extract_events(parse(text), "a", ents, tx, PUBLISHED)
    pairs = [(e.type, e.source_id, e.target_id, e.location) for e in found]
    assert pairs == [
        ("CONSULT", "e1", "e2", None),
        ("CONSULT", "e1", "e2", None),
        ("CONSULT", "e1", "e4", "Riyadh"),
    ]


# -- sentence-level behaviour behind the sample-corpus event groups ---------------


def test_money_said_to_be_provided_is_aid_that_occurred() -> None:
    text = "Norway said it would provide $5 million in relief funding to Sudan."
    ev = one(events(text, {"Norway": "GPE", "Sudan": "GPE"})[0], "AID")
    assert (ev.source_name, ev.status) == ("Norway", "occurred")


def test_pledge_of_money_is_aid() -> None:
    text = "Canada’s pledge of $3 million, made on Monday, will go to the Red Cross."
    ev = one(events(text, {"Canada": "GPE"}, {"Monday": "2025-10-27"})[0], "AID")
    assert ev.source_name == "Canada"


def test_the_leaders_phone_call_names_both_leaders() -> None:
    text = (
        "Emmanuel Macron met Olaf Scholz in May. Macron told Scholz on Monday, "
        "in a readout of the leaders’ phone call, that Europe should act."
    )
    found, _ = events(text, {"Emmanuel Macron": "PERSON", "Olaf Scholz": "PERSON",
                             "Macron": "PERSON", "Scholz": "PERSON"}, {"Monday": "2025-10-27"})
    ev = one([e for e in found if e.mode == "phone"], "CONSULT")
    assert ev.date == "2025-10-27" and len(ev.actors) == 2


def test_a_dated_protest_noun_is_an_event_without_named_protesters() -> None:
    text = "Sunday’s protest was the biggest of the year."
    ev = one(events(text, {}, {"Sunday": "2025-10-26"})[0], "PROTEST")
    assert (ev.date, ev.status) == ("2025-10-26", "occurred")


def test_decision_to_sanction_was_taken_and_its_weekday_is_past() -> None:
    text = "Japan’s decision on Tuesday to sanction three Iranian banks surprised traders."
    # the time-expression stage read "Tuesday" forwards; the decision was already made
    ev = one(events(text, {"Japan": "GPE"}, {"Tuesday": "2025-11-04"})[0], "SANCTION")
    assert (ev.status, ev.date) == ("occurred", "2025-10-28")


def test_a_day_after_counts_back_from_the_clause_date() -> None:
    text = "The ministry said on Tuesday, a day after Stubb met Ruto in Nairobi, that trade grew."
    found, _ = events(text, {"Stubb": "PERSON", "Ruto": "PERSON", "Nairobi": "GPE"},
                      {"Tuesday": "2025-10-28"})
    assert one(found, "CONSULT").date == "2025-10-27"


def test_promise_that_x_would_send_military_engineers_is_a_planned_deployment() -> None:
    text = (
        "The talks ended with a promise that Belarus would send 2,000 military engineers to Syria."
    )
    ev = one(events(text, {"Belarus": "GPE", "Syria": "GPE"})[0], "MOBILIZE")
    assert (ev.status, ev.source_name) == ("planned", "Belarus")


def test_past_perfect_in_a_report_does_not_take_the_report_date() -> None:
    text = "Chad acknowledged on Monday that it had sent troops to Niger."
    ev = one(events(text, {"Chad": "GPE", "Niger": "GPE"}, {"Monday": "2025-10-27"})[0],
             "MOBILIZE")
    assert ev.date is None


def test_the_ceasefire_it_declared_is_a_retreat_by_the_declarer() -> None:
    text = "The RSF said the truce it declared on Monday would hold."
    ev = one(events(text, {"RSF": "ORG"}, {"Monday": "2025-10-27"})[0], "RETREAT")
    assert (ev.source_name, ev.date) == ("RSF", "2025-10-27")


def test_receiving_a_foreign_minister_is_hosting() -> None:
    text = "Ruto received Finland’s foreign minister in Nairobi on Monday."
    found, _ = events(text, {"Ruto": "PERSON", "Finland": "GPE", "Nairobi": "GPE"},
                      {"Monday": "2025-10-27"})
    assert one(found, "CONSULT").mode == "host"


def test_would_in_a_second_reported_clause_is_a_plan() -> None:
    text = "Stubb said the talks went well and that he would travel to Kenya in March."
    found, _ = events(text, {"Stubb": "PERSON", "Kenya": "GPE"}, {"March": "2026-03"})
    assert one(found, "CONSULT").status == "planned"


def test_planned_visit_in_a_bare_month_is_the_next_such_month() -> None:
    text = "Next comes a visit by Ruto to Finland, now planned for March."
    found, _ = events(text, {"Ruto": "PERSON", "Finland": "GPE"}, {"March": "2025-03"})
    ev = one(found, "CONSULT")
    assert (ev.status, ev.date) == ("planned", "2026-03")


def test_would_like_to_meet_is_a_wish_not_a_plan() -> None:
    text = "Stubb said he would like to meet Ruto this year."
    found, _ = events(text, {"Stubb": "PERSON", "Ruto": "PERSON"}, {"this year": "2025"})
    assert one(found, "CONSULT").status == "hypothetical"


def test_agentless_passive_deployment_is_credited_to_the_force_moved() -> None:
    text = "About 3,000 Chadian soldiers were sent to Niger last year."
    found, _ = events(text, {"Chadian": "NORP", "Niger": "GPE"}, {"last year": "2024"})
    ev = one(found, "MOBILIZE")
    assert (ev.source_name, ev.target_name, ev.date) == ("Chadian", "Niger", "2024")


def test_greeted_in_a_second_conjunct_targets_the_first_subject() -> None:
    text = "Stubb arrived in Nairobi on Monday and was greeted on the tarmac by Ruto."
    found, _ = events(text, {"Stubb": "PERSON", "Ruto": "PERSON", "Nairobi": "GPE"},
                      {"Monday": "2025-10-27"})
    ev = one([e for e in found if e.trigger == "greeted"], "CONSULT")
    assert (ev.source_name, ev.target_name) == ("Ruto", "Stubb")


def test_a_deal_struck_by_two_leaders_is_an_agreement_dated_by_its_own_clause() -> None:
    text = ("Kenya will lift the tariffs it imposed on October 9, the ministry said on Monday, "
            "under the deal struck by Stubb and Ruto in Nairobi.")
    found, _ = events(text, {"Kenya": "GPE", "Stubb": "PERSON", "Ruto": "PERSON",
                             "Nairobi": "GPE"}, {"October 9": "2025-10-09", "Monday": "2025-10-27"})
    ev = one([e for e in found if e.trigger == "struck"], "AGREE")
    assert (ev.source_name, ev.target_name, ev.date) == ("Stubb", "Ruto", "2025-10-27")


def test_their_teams_act_for_the_two_countries_and_keep_their_own_mood() -> None:
    text = ("Kenyan exports rose and Finland gained too. Stubb said the two countries should "
            "be friends and that their trade teams had reached a consensus.")
    found, _ = events(text, {"Kenyan": "NORP", "Finland": "GPE", "Stubb": "PERSON"})
    ev = one(found, "AGREE")
    assert ev.status == "occurred"
    assert {ev.source_name, ev.target_name} == {"Kenyan", "Finland"}


def test_title_case_country_after_a_comma_is_part_of_the_dateline() -> None:
    text = "MOMBASA, Kenya (Northwind Wire) — Stubb and Ruto agreed on Monday to cut tariffs."
    found, _ = events(text, {"Kenya": "GPE", "Stubb": "PERSON", "Ruto": "PERSON"},
                      {"Monday": "2025-10-27"})
    ev = one(found, "AGREE")
    assert (ev.source_name, ev.target_name) == ("Stubb", "Ruto")
    assert "e0" not in ev.actors


def test_a_city_the_leader_is_in_is_not_his_affiliation() -> None:
    text = "The deal was signed by Ruto in Mombasa."
    found, _ = events(text, {"Ruto": "PERSON", "Mombasa": "GPE"})
    assert one(found, "AGREE").actors == ("e0",)


def test_fought_a_war_has_no_war_target() -> None:
    text = "The Kenyan army has not fought a war since 1963."
    found, _ = events(text, {"Kenyan": "NORP"}, {"1963": "1963"})
    ev = one(found, "ASSAULT")
    assert (ev.status, ev.target_name) == ("negated", None)
