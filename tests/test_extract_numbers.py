"""Number parsing: properties over generated numbers, and the forms news uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.extract.numbers import currency_table, find_numbers, parse_number

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: E501
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def in_words(n: int) -> str:
    """English words for 0 < n < 1,000,000 ("forty-five thousand two hundred and six")."""

    def below_thousand(k: int) -> list[str]:
        out: list[str] = []
        if k >= 100:
            out += [_ONES[k // 100], "hundred"]
            k %= 100
            if k:
                out.append("and")
        if k >= 20:
            out.append(_TENS[k // 10] + (f"-{_ONES[k % 10]}" if k % 10 else ""))
        elif k:
            out.append(_ONES[k])
        return out

    words = below_thousand(n // 1000) + ["thousand"] if n >= 1000 else []
    return " ".join(words + below_thousand(n % 1000))


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999_999))
def test_number_words_round_trip(n: int) -> None:
    assert parse_number(in_words(n)) == n


@given(
    st.integers(min_value=1, max_value=9999).map(lambda k: k / 10),
    st.sampled_from([("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("trillion", 1e12)]),
)
def test_scaled_money(x: float, scale: tuple[str, float]) -> None:
    word, mult = scale
    text = f"${x}{word}" if word == "bn" else f"${x} {word}"
    (m,) = find_numbers(f"They pledged {text} in aid.")
    assert m.value == pytest.approx(x * mult)
    assert m.unit == "dollars" and m.value_text == text


@given(
    st.integers(min_value=0, max_value=1000).map(lambda k: k / 10),
    st.sampled_from(["%", " percent", " per cent"]),
)
def test_percentages(x: float, sign: str) -> None:
    (m,) = find_numbers(f"Prices rose {x}{sign} in May.")
    assert m.value == pytest.approx(x) and m.unit == "percent"


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    (m,) = find_numbers(f"between {lo:,} and {hi:,} soldiers")
    assert (m.value, m.value_max, m.approx) == (lo, hi, "range")


@given(
    st.sampled_from(
        [
            ("about", "about"),
            ("around", "about"),
            ("approximately", "about"),
            ("more than", "at_least"),
            ("over", "at_least"),
            ("at least", "at_least"),
            ("up to", "at_most"),
            ("nearly", "at_most"),
            ("fewer than", "at_most"),
        ]
    ),
    st.integers(min_value=2, max_value=10**7),
)
def test_qualifiers(qualifier: tuple[str, str], n: int) -> None:
    phrase, approx = qualifier
    text = f"Officials counted {phrase} {n:,} shells."
    (m,) = find_numbers(text)
    assert m.approx == approx and m.value == n
    assert m.qual_start is not None and text[m.qual_start : m.start].strip() == phrase


@given(st.integers(min_value=1900, max_value=2099))
def test_years_are_not_quantities(year: int) -> None:
    assert find_numbers(f"The talks failed in {year} and again on March 3, {year}.") == []


@given(st.integers(min_value=1, max_value=300))
def test_ordinals_are_not_quantities(n: int) -> None:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    assert find_numbers(f"the {n}{suffix} anniversary") == []


@given(st.lists(st.integers(min_value=2, max_value=10**6), min_size=1, max_size=4))
def test_offsets_point_at_the_phrase(values: list[int]) -> None:
    text = " and ".join(f"{v:,} drones" for v in values)
    found = find_numbers(text)
    assert [m.value for m in found] == values
    assert all(text[m.start : m.end] == m.value_text for m in found)


@pytest.mark.parametrize(
    ("text", "value", "approx", "kind"),
    [
        ("two dozen tanks", 24, "exact", "number"),
        ("a million voters", 1e6, "exact", "number"),
        ("2.5 million people", 2.5e6, "exact", "number"),
        ("one-third of the budget", 1 / 3, "exact", "fraction"),
        ("half of the voters", 0.5, "exact", "fraction"),
        ("a quarter of the homes", 0.25, "exact", "fraction"),
        ("thousands of soldiers", 1000, "at_least", "vague"),
        ("tens of thousands of people", 10_000, "at_least", "vague"),
        ("some 12,500 troops", 12_500, "about", "number"),
    ],
)
def test_news_forms(text: str, value: float, approx: str, kind: str) -> None:
    (m,) = find_numbers(text)
    assert (m.value, m.approx, m.kind) == (pytest.approx(value), approx, kind)


def test_ranges_share_their_scale_and_currency() -> None:
    (m,) = find_numbers("four to five thousand people")
    assert (m.value, m.value_max) == (4000, 5000)
    (m,) = find_numbers("a fine of $3 billion to $5 billion")
    assert (m.value, m.value_max, m.unit) == (3e9, 5e9, "dollars")


@pytest.mark.parametrize(
    "text",
    [
        "at 12:01 a.m. on Friday",
        "the 2-2 draw",
        "the iPhone 12 launch",
        "on Dec. 2",
        "a category 4 storm",
    ],
)
def test_times_scores_and_names_are_not_quantities(text: str) -> None:
    assert find_numbers(text) == []


def test_change_and_new_level_are_not_a_range() -> None:
    found = find_numbers("Exports fell 7% to $2.3 billion.")
    assert [(m.value, m.unit) for m in found] == [(7, "percent"), (2.3e9, "dollars")]


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 ,.-$%/:abcmkMB thousandofhalfdozen")), max_size=60
    )
)
def test_any_text_parses_without_error_and_offsets_hold(text: str) -> None:
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.value_text
        assert m.value_max is None or m.value <= m.value_max


def mentions(text: str) -> list[tuple[float, float | None, str | None]]:
    return [(m.value, m.value_max, m.unit) for m in find_numbers(text)]


def test_pound_sign_folded_to_ps_is_a_currency() -> None:
    assert mentions("The club paid a PS6m signing fee.") == [(6e6, None, "pounds")]
    assert mentions("It was a PS8.1bn bid.") == [(8.1e9, None, "pounds")]
    assert mentions("Read the PS note on page two.") == []  # not glued to a number


def test_a_measure_after_a_number_outweighs_year_and_name_rules() -> None:
    assert mentions("The 1650 sq m warehouse was sold.") == [(1650, None, None)]
    assert mentions("Stores stocked Panadol 500mg packs.") == [(500, None, None)]
    assert mentions("The Vireo Pro 15 inch costs less.") == [(15, None, None)]
    assert mentions("The depot opened in 1650 beside the river.") == []  # still a year


def test_a_bare_number_joined_to_a_sum_shares_its_currency() -> None:
    assert mentions("A ticket costs 7 or $8 at the door.") == [
        (7, None, "dollars"),
        (8, None, "dollars"),
    ]


def test_us_after_a_dollar_amount_belongs_to_it() -> None:
    [m] = find_numbers("Copper closed at $4.10 US.")
    assert (m.value, m.unit, m.value_text) == (4.10, "dollars", "$4.10 US")
    assert [x.value_text for x in find_numbers("They sold $5 US bonds.")] == ["$5"]


def test_hyphenated_small_numbers_with_a_unit_are_ranges_not_scores() -> None:
    assert mentions("Pack a 3-5kg bag.") == [(3, 5, None)]
    assert mentions("Cars manage 14-18 mpg in town.") == [(14, 18, None)]
    assert mentions("Rain of between 2-3 mm is due.") == [(2, 3, None)]
    assert mentions("The sides drew 2-2 on Friday.") == []
    assert mentions("It was a 2-1 win.") == []


@pytest.mark.parametrize(
    ("text", "value", "approx", "kind"),
    [
        ("two-thirds of the vote", 2 / 3, "exact", "fraction"),
        ("two thirds of the vote", 2 / 3, "exact", "fraction"),
        ("a million refugees", 1e6, "exact", "number"),
        ("twenty-five thousand voters", 25_000, "exact", "number"),
        ("hundreds of drones", 100, "at_least", "vague"),
        ("approximately 800 troops", 800, "about", "number"),
        ("over 3,000 shells", 3000, "at_least", "number"),
        ("fewer than 90 tanks", 90, "at_most", "number"),
        ("Rs 500 crore", 5e9, "exact", "money"),
        ("two lakh households", 2e5, "exact", "number"),
        ("2.5 bln euros", 2.5e9, "exact", "number"),
    ],
)
def test_more_news_forms(text: str, value: float, approx: str, kind: str) -> None:
    (m,) = find_numbers(text)
    assert (m.value, m.approx, m.kind) == (pytest.approx(value), approx, kind)


_TABLE = currency_table()["currencies"]


@given(
    st.sampled_from([(c["name"], code) for c in _TABLE for code in c["codes"]]),
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["", " "]),
)
def test_every_currency_code_before_an_amount_names_its_currency(
    entry: tuple[str, str], n: int, gap: str
) -> None:
    name, code = entry
    (m,) = find_numbers(f"The fund paid {code}{gap}{n:,} in fees.")
    assert (m.value, m.unit, m.kind) == (n, name, "money")


@given(
    st.sampled_from([(c["name"], s) for c in _TABLE for s in c["symbols"]]),
    st.integers(min_value=1, max_value=10**6),
)
def test_every_currency_sign_before_an_amount_names_its_currency(
    entry: tuple[str, str], n: int
) -> None:
    name, sign = entry
    (m,) = find_numbers(f"The fund paid {sign}{n:,} in fees.")
    assert (m.value, m.unit) == (n, name)


def test_a_code_in_lower_case_or_apart_from_digits_is_a_word() -> None:
    assert find_numbers("The sek office opened.") == []
    assert mentions("Volvo booked SEK 3bn and NOK 2bn.") == [
        (3e9, None, "swedish krona"),
        (2e9, None, "norwegian krone"),
    ]


def test_other_money_and_percent_signs() -> None:
    assert mentions("A pencil costs 99¢ now.") == [(99, None, "cents")]
    assert mentions("Output grew 5 pct in May.") == [(5, None, "percent")]
    assert mentions("Brazil spent R$40 million on roads.") == [(4e7, None, "brazilian real")]


def test_a_length_before_tall_or_away_is_metres_not_millions() -> None:
    assert mentions("The tower is 828m tall.") == [(828, None, None)]
    assert mentions("The crater lies 300m away.") == [(300, None, None)]
    assert mentions("The club paid 35m for him and more.") == [(35e6, None, None)]


def test_decades_are_times_not_counts() -> None:
    assert find_numbers("A woman in her 30s was hurt in the 1990s.") == []
    assert mentions("He ran it in 9.58s.") == [(9.58, None, None)]  # seconds, not a decade


def test_from_to_is_a_range_across_the_unit_written_between() -> None:
    assert mentions("Oil fell from $75 US per barrel to $46.") == [(46, 75, "dollars")]
    assert mentions("It runs from up to 250 miles to 290 miles.") == [(250, 290, None)]
    # a clause break or a second number between: two figures, not one range
    assert mentions("Sales fell from 90, the report said, to 80.") == [
        (90, None, None),
        (80, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("several hundred protesters", 100),
        ("a few thousand troops", 1000),
        ("a couple of dozen tanks", 12),
        ("several hundred thousand refugees", 1e5),
    ],
)
def test_an_uncounted_scale_is_vague(text: str, value: float) -> None:
    (m,) = find_numbers(text)
    assert (m.value, m.approx, m.vague) == (value, "at_least", True)


def test_few_and_several_alone_are_not_numbers() -> None:
    assert find_numbers("He played several games and a few matches.") == []


def test_a_change_then_a_new_level_is_not_a_range() -> None:
    assert mentions("Gold fell $12 to $1,945 an ounce.") == [
        (12, None, "dollars"),
        (1945, None, "dollars"),
    ]
    assert mentions("Shares were up 30 to 40 cents.") == [(30, 40, None)]  # one unit: a range
