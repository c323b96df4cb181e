"""Figures across outlets: grouping, time order, change flags, the summary line."""

from __future__ import annotations

from newsgraph.extract.annotate import parse
from newsgraph.extract.claims import extract_claims
from newsgraph.link.figures import (
    ClaimContext,
    claim_contexts,
    format_value,
    group_figures,
    singular,
)
from newsgraph.model import Approx, Article, Claim, SourceRef


def ctx(
    aid: str,
    value: float,
    unit: str,
    subject: str,
    outlet: str,
    published: str,
    approx: Approx = "exact",
    source: str | None = None,
    value_max: float | None = None,
) -> ClaimContext:
    claim = Claim(
        id=f"{aid}-c0",
        article_id=aid,
        value=value,
        value_max=value_max,
        approx=approx,
        value_text=str(value),
        unit=unit,
        subject=subject,
        start=0,
        end=5,
        attributed_to=(SourceRef(source),) if source else (),
    )
    return ClaimContext(claim, outlet, published)


REPORTS = [
    ctx(
        "b",
        65_000,
        "people",
        "people displaced by the floods",
        "Daily Lantern",
        "2025-06-02",
        source="local officials",
    ),
    ctx(
        "a",
        40_000,
        "people",
        "people displaced by floods in the north",
        "Wire One",
        "2025-01-15",
        source="the UN",
    ),
    ctx(
        "c",
        65_000,
        "people",
        "people displaced by the floods",
        "Harbour Gazette",
        "2025-06-05",
        "about",
    ),
    ctx("d", 12, "bridges", "bridges destroyed by the floods", "Wire One", "2025-01-16"),
    ctx("e", 3.1, "percent", "inflation", "Wire One", "2025-02-01"),
    ctx("f", 9, "percent", "unemployment", "Daily Lantern", "2025-02-03"),
]


def test_same_quantity_from_different_outlets_is_one_group_in_time_order() -> None:
    groups = group_figures(REPORTS, about="displaced")
    assert len(groups) == 1
    (g,) = groups
    assert [r.item.claim.article_id for r in g.rows] == ["a", "b", "c"]
    assert g.outlets == ("Wire One", "Daily Lantern", "Harbour Gazette")


def test_changes_are_flagged() -> None:
    (g,) = group_figures(REPORTS, about="displaced")
    # 40k → 65k is a change; "about 65,000" after "65,000" is the same figure hedged
    assert [r.changed for r in g.rows] == [False, True, False]
    assert g.differs


def test_summary_reads_like_the_table() -> None:
    (g,) = group_figures(REPORTS, about="displaced")
    assert g.summary().startswith(
        "40,000 people (Wire One, 2025-01, citing the UN)"
        " → 65,000 (Daily Lantern, 2025-06, citing local officials)"
    )


def test_different_counted_nouns_or_subjects_stay_apart() -> None:
    groups = group_figures(REPORTS)
    units = sorted((g.unit, len(g.rows)) for g in groups)
    # inflation and unemployment share the unit but not the subject
    assert units == [("bridge", 1), ("people", 3), ("percent", 1), ("percent", 1)]


def test_group_is_labelled_by_the_subject_most_reports_share() -> None:
    (g,) = group_figures(REPORTS, about="displaced")
    assert g.about == "people displaced by the floods"


def test_different_fates_in_one_place_are_different_counts() -> None:
    rally = [
        ctx("r1", 10_000, "people", "people marched through Dunmore on Saturday", "Wire One",
            "2025-03-15"),
        ctx("r2", 12_000, "people", "people joined Saturday's rally in Dunmore", "Daily Lantern",
            "2025-03-16"),
        ctx("r3", 79, "people", "people detained in Dunmore on Saturday", "Wire One",
            "2025-03-16"),
        ctx("r4", 14, "people", "people injured in Dunmore on Saturday", "Harbour Gazette",
            "2025-03-16"),
        ctx("r5", 16, "people", "people hurt in the Dunmore clashes", "Daily Lantern",
            "2025-03-17"),
    ]  # fmt: skip
    groups = sorted(
        sorted(r.item.claim.article_id for r in g.rows) for g in group_figures(rally)
    )
    assert groups == [["r1", "r2"], ["r3"], ["r4", "r5"]]


def test_ones_and_twos_of_nothing_that_happened_are_incidental() -> None:
    met = [ctx("m1", 2, "leaders", "leaders met at the air base", "Wire One", "2025-10-30"),
           ctx("m2", 2, "leaders", "leaders met at the air base", "Daily Lantern", "2025-10-30")]
    died = [ctx("k1", 2, "people", "people killed in the blast", "Wire One", "2025-10-30"),
            ctx("k2", 2, "people", "people killed in the blast", "Daily Lantern", "2025-10-31")]
    (g_met,), (g_died,) = group_figures(met), group_figures(died)
    assert g_met.incidental and not g_died.incidental
    assert not group_figures(REPORTS, about="displaced")[0].incidental


def test_min_articles_keeps_only_repeated_figures() -> None:
    assert [g.unit for g in group_figures(REPORTS, min_articles=2)] == ["people"]


def test_entities_link_claims_with_different_wording() -> None:
    a = ClaimContext(REPORTS[4].claim, "Wire One", "2025-02-01", entities=("Veltria",))
    b_claim = Claim(
        id="g-c0",
        article_id="g",
        value=3.4,
        value_max=None,
        approx="exact",
        value_text="3.4%",
        unit="percent",
        subject="prices",
        start=0,
        end=4,
    )
    b = ClaimContext(b_claim, "Daily Lantern", "2025-03-01", entities=("Veltria",))
    (g,) = group_figures([a, b])
    assert len(g.rows) == 2 and g.rows[1].changed


def test_value_formats() -> None:
    assert format_value(REPORTS[2].claim) == "about 65,000"
    ranged = ctx("h", 3000, "shells", "shells", "X", "2025", "range", value_max=5000).claim
    assert format_value(ranged) == "3,000–5,000"
    assert [singular(w) for w in ("casualties", "troops", "marches", "press")] == [
        "casualty",
        "troop",
        "march",
        "press",
    ]


def test_claim_contexts_join_outlet_and_date() -> None:
    art = Article(
        id="a",
        title=None,
        text="",
        url=None,
        source="Wire One",
        published="2025-01-15",
        language="en",
    )
    (c,) = claim_contexts([REPORTS[1].claim], {"a": art})
    assert (c.outlet, c.published) == ("Wire One", "2025-01-15")


def test_extracted_claims_from_three_outlets_are_grouped() -> None:
    stories = [
        (
            "w1",
            "Wire One",
            "2025-01-15",
            "About 40,000 people were displaced by the floods, the UN said.",
        ),
        (
            "d1",
            "Daily Lantern",
            "2025-06-02",
            "Officials said 65,000 people have been displaced by the floods.",
        ),
        (
            "h1",
            "Harbour Gazette",
            "2025-03-09",
            "The floods displaced more than 50,000 people, aid groups said.",
        ),
        ("h2", "Harbour Gazette", "2025-03-10", "The council spent $2 million on new pumps."),
    ]
    items = [
        ClaimContext(c, outlet, date)
        for aid, outlet, date, text in stories
        for c in extract_claims(parse(text), aid, [], [], [])
    ]
    (g,) = group_figures(items, about="displaced")
    assert [(r.item.outlet, r.item.claim.value) for r in g.rows] == [
        ("Wire One", 40_000),
        ("Harbour Gazette", 50_000),
        ("Daily Lantern", 65_000),
    ]
    assert g.rows[0].item.claim.attributed_to[0].name == "UN"
    assert [
        (r.item.claim.approx, r.item.claim.unit, [s.name for s in r.item.claim.attributed_to])
        for r in g.rows
    ] == [
        ("about", "people", ["UN"]),
        ("at_least", "people", ["aid groups"]),
        ("exact", "people", ["Officials"]),
    ]
    assert all(r.changed for r in g.rows[1:])
