"""Numeric claims on our own sentences: value, qualifier, unit, subject, source chain, date."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsgraph.extract import claim_sources
from newsgraph.extract.annotate import parse
from newsgraph.extract.claims import Quantity, extract_claims, find_quantities
from newsgraph.extract.claims import attribute as claims_attribute
from newsgraph.model import ArticleEntity, Claim, Quote, SourceRef, Timex


def claims(
    text: str,
    entities: Sequence[ArticleEntity] = (),
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] = (),
) -> list[Claim]:
    return extract_claims(parse(text), "a1", entities, quotes, timexes)


def one(
    text: str,
    entities: Sequence[ArticleEntity] = (),
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] = (),
) -> Claim:
    found = claims(text, entities, quotes, timexes)
    assert len(found) == 1, found
    return found[0]


def chain(c: Claim) -> list[str]:
    return [r.name for r in c.attributed_to]


@pytest.mark.parametrize(
    ("text", "value", "value_max", "approx", "unit"),
    [
        (
            "Engineers cleared 12,500 mines from the fields last year.",
            12_500,
            None,
            "exact",
            "mines",
        ),
        ("The rebels captured two dozen tanks near the river.", 24, None, "exact", "tanks"),
        ("Nearly a million voters stayed at home.", 1e6, None, "at_most", "voters"),
        ("The fund lent 2.5 million farmers seed money.", 2.5e6, None, "exact", "farmers"),
        ("Brussels approved $40bn in aid for the region.", 4e10, None, "exact", "dollars"),
        ("Consumer prices rose 3.4% in the year to May.", 3.4, None, "exact", "percent"),
        ("Between 3,000 and 5,000 shells are fired every day.", 3000, 5000, "range", "shells"),
        ("Thousands of soldiers marched through the capital.", 1000, None, "at_least", "soldiers"),
        ("Around 300 kilometres of track were repaired.", 300, None, "about", "kilometres"),
        ("More than 40,000 people fled the city.", 40_000, None, "at_least", "people"),
        ("Up to 70 drones were launched overnight.", 70, None, "at_most", "drones"),
        ("At least 15 trucks reached the border crossing.", 15, None, "at_least", "trucks"),
    ],
)
def test_value_qualifier_unit(
    text: str, value: float, value_max: float | None, approx: str, unit: str
) -> None:
    c = one(text)
    assert (c.value, c.value_max, c.approx, c.unit) == (
        pytest.approx(value),
        value_max,
        approx,
        unit,
    )
    assert c.id == "a1-c0" and c.value_text in text[c.start : c.end]


def test_fraction_with_base_gives_two_claims() -> None:
    share, base = claims("A fifth of the 2,000 families in the valley lost their homes.")
    assert (base.value, base.unit, base.value_text) == (2000, "families", "2,000")
    assert (share.value, share.unit, share.value_text) == (400, "families", "A fifth")
    assert share.subject == "families in the valley lost their homes"


def test_fraction_without_base_is_a_share() -> None:
    c = one("Half of the voters backed the plan.")
    assert (c.value, c.unit, c.subject) == (50, "percent", "voters backed the plan")


def test_subject_keeps_modifiers_and_verb_frame() -> None:
    c = one("Officials counted about 65,000 people displaced by the floods since March.")
    assert c.subject == "people displaced by the floods since March"
    assert one("Brussels approved $40bn in aid for the region.").subject == "aid"
    assert one("Consumer prices rose 3.4% in May.").subject == "Consumer prices"
    assert one("Ministers agreed a fine of $3 billion.").subject == "fine"
    c = one("The storm destroyed 800 homes on the coast.")
    assert c.subject is not None and c.subject.startswith("homes destroyed by")


@pytest.mark.parametrize(
    "text",
    [
        "Crowds marked the 75th anniversary of the landing.",
        "The treaty was signed in 1994 and renewed on 4 July 2019.",
        "The meeting starts at 10:30 on Tuesday.",
    ],
)
def test_ordinals_years_and_times_are_not_claims(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        (
            "About 1,200 troops crossed the river, according to British intelligence.",
            ["British intelligence"],
        ),
        (
            "A senior official, cited by Reuters, said 40,000 people had been displaced.",
            ["senior official", "Reuters"],
        ),
        ("The ministry said 300 drones were shot down overnight.", ["ministry"]),
        (
            "Ukraine's army estimates that 5,000 soldiers are stationed near the border.",
            ["Ukraine's army"],
        ),
        (
            "The Harbour Gazette reported, citing the UN, that 9,000 refugees arrived in May.",
            ["UN", "Harbour Gazette"],
        ),
        ("Some 400 families returned to the village.", []),
    ],
)
def test_source_chain_nearest_first(text: str, sources: list[str]) -> None:
    assert chain(one(text)) == sources


def test_source_links_to_an_entity_key() -> None:
    text = "The Kestrel Agency said 2,000 shells were fired."
    ent = ArticleEntity(key="e0", name="Kestrel Agency", type="ORG", mentions=((4, 18),))
    assert one(text, entities=[ent]).attributed_to == (SourceRef("Kestrel Agency", "e0"),)


def test_claim_inside_a_quote_goes_to_its_speaker() -> None:
    text = '"We have counted 3,500 craters in the district," Mayor Ilse Brand told reporters.'
    quote = Quote(
        id="a1-q0",
        article_id="a1",
        kind="direct",
        text=text[1:47],
        start=1,
        end=47,
        speaker_id="e1",
        speaker_name="Ilse Brand",
        via=(SourceRef("Harbour Gazette", "e2"),),
    )
    c = one(text, quotes=[quote])
    assert (c.value, c.unit) == (3500, "craters")
    assert c.attributed_to == (SourceRef("Ilse Brand", "e1"), SourceRef("Harbour Gazette", "e2"))


def test_date_comes_from_a_timex_in_the_same_sentence() -> None:
    text = "On Monday the army said 600 prisoners were exchanged. Later 20 more were freed."
    monday = Timex(
        id="a1-t0", article_id="a1", text="Monday", start=3, end=9, type="DATE", value="2025-03-10"
    )
    first, second = claims(text, timexes=[monday])
    assert first.date == "2025-03-10" and second.date is None


def test_pronoun_source_resolves_to_the_last_named_person() -> None:
    text = "Marta Oyelaran visited the camp. She said 700 tents had arrived."
    person = ArticleEntity(key="e3", name="Marta Oyelaran", type="PERSON", mentions=((0, 14),))
    assert one(text, entities=[person]).attributed_to == (SourceRef("Marta Oyelaran", "e3"),)


def quantities(text: str) -> list[Quantity]:
    return find_quantities(parse(text))


def test_a_range_names_its_unit_once_after_its_first_end() -> None:
    [q] = quantities("Her weight fell from 180 pounds to 165 over the spring.")
    assert (q.value, q.value_max, q.unit_lemma) == (165, 180, "pound-mass")


def test_a_glued_unit_stops_at_a_bracket() -> None:
    assert [q.unit_lemma for q in quantities("The 30m (98ft)-long hull was towed.")] == [
        "metre",
        "foot",
    ]


def test_a_converted_sum_in_brackets_shares_the_concepts_before_it() -> None:
    first, second = quantities("The court set a fine of 9 million euros ($10 million).")
    assert first.concepts == second.concepts and "fine" in first.concepts


def test_one_of_a_group_has_no_concept_beyond_the_group() -> None:
    [q] = quantities("It is one of the busiest ports in the region.")
    assert (q.unit_lemma, q.concepts) == ("busy port region", ())  # "in ..." bounds the group
    [q] = quantities("It was one of the longest bridges to span the river.")
    assert q.unit_lemma == "long bridge span river"
    [q] = quantities("It is one of the fastest cars in the world with buyers queueing.")
    assert q.unit_lemma == "fast car world"  # a "with" phrase adds to the group, not bounds it


def test_a_span_of_time_placing_the_clause_has_no_concept() -> None:
    assert quantities("Six days later the mayor resigned.")[0].concepts == ()


def test_concepts_leave_out_dates_rates_and_totals() -> None:
    assert quantities("Yesterday I swam about 3 km.")[0].concepts == ()
    assert "month" not in quantities("They pay a $900 a month rent on the flat.")[0].concepts
    assert "total" not in quantities("The firm reported total sales of $5 million.")[0].concepts


def test_a_counted_noun_takes_no_neighbouring_noun_as_its_concept() -> None:
    assert quantities("Near the harbour office, two cranes.")[0].concepts == ()


def test_a_subject_headed_by_a_unit_keeps_its_modifiers() -> None:
    price = quantities("The Zephyr Max 14 inch is priced at $1500.")[-1]
    assert price.concepts == ("Zephyr", "Max")


def test_only_of_ties_a_figure_to_the_noun_before_it() -> None:
    months = quantities("Bread prices rose 2% in May, the biggest rise in 18 months.")[-1]
    assert "rise" not in months.concepts and "prices" in months.concepts


def test_attribution_lives_in_claim_sources_and_is_re_exported() -> None:
    assert claims_attribute is claim_sources.attribute


def test_a_bare_number_after_a_measured_one_takes_its_unit() -> None:
    assert [q.unit_lemma for q in quantities("The index rose 40 points to 5,210.")] == [
        "point",
        "point",
    ]
    bids = quantities("The highest bid was 84 cents, while the lowest was 72.")
    assert [q.unit_lemma for q in bids] == ["cent", "cent"]
    later = quantities("The trust sold it for $3 million, and 12 (a record) left.")[-1]
    assert later.unit is None  # something else is named right after the number


def test_a_share_without_of_still_finds_its_group() -> None:
    [q] = quantities("Half the flats have sold.")
    assert (q.value, q.unit, q.share_of, q.subject) == (50, "percent", "flat", "flats sold")


def test_a_date_the_verb_takes_is_not_what_a_figure_is_about() -> None:
    [q] = quantities("The Harbor Index will end 2027 at 9,400, analysts said.")
    assert q.concepts == ("Harbor", "Index")


def test_quote_chain_that_starts_with_its_speaker_names_the_speaker_once() -> None:
    text = '"We have counted 3,500 craters in the district," Mayor Ilse Brand told reporters.'
    quote = Quote(
        id="a1-q0",
        article_id="a1",
        kind="direct",
        text=text[1:47],
        start=1,
        end=47,
        speaker_id="e1",
        speaker_name="Ilse Brand",
        via=(SourceRef("Ilse Brand", "e1"), SourceRef("Harbour Gazette", "e2")),
    )
    assert chain(one(text, quotes=[quote])) == ["Ilse Brand", "Harbour Gazette"]


@pytest.mark.parametrize(
    ("text", "value", "approx", "unit"),
    [
        ("Approximately 800 troops were moved to the coast.", 800, "about", "troops"),
        ("Over 3,000 shells hit the town in a week.", 3000, "at_least", "shells"),
        ("Fewer than 90 tanks remain in service.", 90, "at_most", "tanks"),
        ("Tens of thousands of people fled the fighting.", 10_000, "at_least", "people"),
        ("The ministry paid out twenty-five thousand pensions.", 25_000, "exact", "pensions"),
        ("Samsung posted 1.2 trillion won in profit.", 1.2e12, "exact", "won"),
        ("The authority spent SEK 3 billion on trains.", 3e9, "exact", "swedish krona"),
        ("Two of the soldiers were wounded.", 2, "exact", "soldiers"),
    ],
)
def test_more_values_qualifiers_and_units(text: str, value: float, approx: str, unit: str) -> None:
    c = one(text)
    assert (c.value, c.approx, c.unit) == (pytest.approx(value), approx, unit)


def test_fractions_in_words_give_shares_or_parts_of_their_base() -> None:
    c = one("One-third of the budget went on fuel.")
    assert (c.value, c.unit, c.value_text) == (pytest.approx(100 / 3), "percent", "One-third")
    share, base = claims("A quarter of the 8,000 homes lost power.")
    assert (base.value, base.unit) == (8000, "homes")
    assert (share.value, share.unit, share.value_text) == (2000, "homes", "A quarter")


def test_glued_temperatures_and_split_rates_are_units() -> None:
    assert [q.unit_lemma for q in quantities("It was 30C in May and 86F in June.")] == [
        "celsius",
        "fahrenheit",
    ]
    assert quantities("Gusts reached 120 km/h.")[0].unit_lemma == "kilometre per hour"
    assert quantities("Output fell by 500,000 b/d.")[0].unit_lemma == "barrel per day"
    assert quantities("Fees rose by up to £24 a-year.")[0].unit_lemma == "pound per year"
    assert quantities("It is a $2 billion-a-year business.")[0].unit_lemma == "dollar per year"


def test_a_carried_unit_takes_the_rate_written_after_the_number() -> None:
    counts = quantities("Police logged 22 burglaries, against an average of 20 per week.")
    assert [q.unit_lemma for q in counts] == ["burglary", "burglary per week"]


def test_a_bare_sum_glossed_in_brackets_is_in_the_currency_glossed_before() -> None:
    found = quantities(
        "It costs 2,435,000 yen ($22,480) in Tokyo and 2,380,000 ($21,972) in Osaka."
    )
    assert [q.unit_lemma for q in found] == ["yen", "dollar", "yen", "dollar"]


def test_a_share_carries_only_between_two_changes_by_a_figure() -> None:
    both = quantities("Exports grew by 2 percent but imports fell by 1.")
    assert [q.unit for q in both] == ["percent", "percent"]
    level = quantities("The index gained 0.7 percent to 6,327.80.")
    assert [q.unit for q in level] == ["percent", None]


def test_adjectives_joined_by_and_still_reach_the_counted_noun() -> None:
    [q] = quantities("The label sold 4.3 million digital and physical albums.")
    assert q.unit_lemma == "digital physical album"


def test_a_bare_number_in_commas_after_a_person_is_an_age() -> None:
    assert quantities("The driver, 23, was unhurt.")[0].unit_lemma == "year of age"
    assert quantities("Maddon, 66, said so.")[0].unit_lemma == "year of age"
    assert [q.unit_lemma for q in quantities("It took 9.58s, then 24h.")] == ["second", "hour"]


def test_counted_nouns_are_singular_even_where_the_lemmatizer_slips() -> None:
    assert quantities("The agency shipped 3 million doses of vaccine.")[0].unit_lemma == "dose"
    assert quantities("Crews fixed 40 buses.")[0].unit_lemma == "bus"


def test_units_of_car_and_gadget_reviews() -> None:
    found = quantities("It makes 400Nm of torque on a 5nm chip with a 48MP camera at 60 fps.")
    assert [q.unit_lemma for q in found] == [
        "newton metre",
        "nanometre",
        "megapixel",
        "frame per second",
    ]


def test_a_rate_reads_past_an_adjective_and_knows_square_units() -> None:
    assert quantities("It earned $1.52 per diluted share.")[0].unit_lemma == "dollar per share"
    assert quantities("Land sells for $40 per square foot.")[0].unit_lemma == (
        "dollar per square foot"
    )
