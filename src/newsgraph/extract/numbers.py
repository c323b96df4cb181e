"""Numbers as news writes them, found in plain text and turned into values.

Why text and not spaCy's ``like_num``: news mixes digits, words, scale words and
currency in one phrase ("$40bn", "2.5 million", "two dozen", "a fifth of"),
and what matters is the phrase's value, its bounds and how sure the writer is.
The finder works on characters so it can be property-tested on its own;
``extract.claims`` then reads the parse around each mention.

The cascade in ``find_numbers``:

1. Tokenise into digit runs, words, currency signs and punctuation.
2. At each token try, in order: a vague quantity ("thousands of"), a fraction
   ("a fifth of", "two-thirds"), a plain number (digits or words, with currency
   before and scale/percent after).
3. Join two numbers into a range ("between 3,000 and 5,000", "3 to 5 million").
4. Read the qualifier in the words before ("about", "more than", "up to").
5. Drop what is time, not quantity: years, calendar dates, clock times,
   ordinals, and numbers that are part of a name ("iPhone 12") — unless a
   measurement unit follows ("the 1520 sq m site", "Tylenol 500mg").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Approx

# fmt: off
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    # South Asian English: "Rs 500 crore" is five billion rupees, "two lakh" two hundred thousand
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# Abbreviated scales glued to digits or following them ("$40bn", "35m", "2.5 mln").
SCALE_ABBR = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "b": 1e9, "tn": 1e12,
    "trn": 1e12,
}
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
# "thousands of X" says at least a thousand, and the writer does not know more.
VAGUE = {
    "dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12,
}
CURRENCY = {
    "$": "dollars", "us$": "dollars", "a$": "australian dollars", "$a": "australian dollars",
    "hk$": "hong kong dollars", "c$": "canadian dollars", "€": "euros", "£": "pounds", "¥": "yen",
    "₹": "rupees", "rm": "ringgit", "rs": "rupees", "usd": "dollars", "eur": "euros",
    "gbp": "pounds", "jpy": "yen", "yen": "yen", "cny": "yuan", "aud": "australian dollars",
    "$us": "dollars", "$c": "canadian dollars", "nz$": "new zealand dollars",
    "$nz": "new zealand dollars", "s$": "singapore dollars", "y=": "yen",
    "ps": "pounds",  # "£" folded to ASCII, as feeds often do: "PS6m"
}
# A currency word written apart from its sign: "HK $3.7 billion", "US $58".
CURRENCY_PREFIX = {
    "us": "dollars", "hk": "hong kong dollars", "c": "canadian dollars", "a": "australian dollars",
    "nz": "new zealand dollars", "s": "singapore dollars",
}


@lru_cache(maxsize=1)
def currency_table() -> dict[str, Any]:
    """``newsgraph/data/currencies.json``: currencies beyond those written out above."""
    path = resources.files("newsgraph").joinpath("data", "currencies.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _currency_maps() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, bool]]]:
    """Codes (exact capitals), signs (lower case) and words after an amount, from the table."""
    codes: dict[str, str] = {}
    signs: dict[str, str] = {}
    words: dict[str, tuple[str, bool]] = {}
    for cur in currency_table()["currencies"]:
        codes.update((code, cur["name"]) for code in cur["codes"])
        signs.update((sym.lower(), cur["name"]) for sym in cur["symbols"])
        words.update((w, (cur["words"][0], bool(cur.get("after_scale")))) for w in cur["words"])
    return codes, signs, words


# A code counts only in capitals ("SEK 3bn"); a sign in any case; a word after the amount
# ("1.2 trillion won") maps to (singular, needs a scale or a sum of 1,000 or more first).
CURRENCY_CODES, CURRENCY_SIGNS, CURRENCY_WORDS = _currency_maps()
# "R$ 5", "NT$5": the table's signs that are a capital prefix before "$", as "US $58" is
for _sign, _name in CURRENCY_SIGNS.items():
    if _sign.endswith("$") and _sign[:-1].isalpha():
        CURRENCY_PREFIX.setdefault(_sign[:-1], _name)
# Numbers after these words label something ("category 4", "aged 18"), they count nothing.
LABELS = {
    "category", "level", "grade", "no", "number", "phase", "stage", "round", "article", "section",
    "chapter", "flight", "route", "channel", "season", "aged", "ages", "tier", "version", "gate",
    "platform", "line", "row", "room", "seat", "step", "day", "week", "game", "match", "episode",
    "volume", "vol", "part", "item", "term", "rule", "page",
}
# Measurement units written after a number: surface (lower) → (plural name, singular name).
# fmt: off
UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilometres", "kilometre"), "kms": ("kilometres", "kilometre"),
    "kilometers": ("kilometres", "kilometre"), "kilometer": ("kilometres", "kilometre"),
    "meters": ("metres", "metre"), "meter": ("metres", "metre"), "m": ("metres", "metre"),
    "cm": ("centimetres", "centimetre"), "mm": ("millimetres", "millimetre"),
    "mi": ("miles", "mile"), "ft": ("feet", "foot"), "feet": ("feet", "foot"),
    "kg": ("kilograms", "kilogram"), "kgs": ("kilograms", "kilogram"), "g": ("grams", "gram"),
    "mg": ("milligrams", "milligram"), "lb": ("pounds", "pound-mass"),
    "lbs": ("pounds", "pound-mass"), "t": ("tonnes", "tonne"),
    "mph": ("miles per hour", "mile per hour"),
    "kph": ("kilometres per hour", "kilometre per hour"),
    "km/h": ("kilometres per hour", "kilometre per hour"), "hp": ("horsepower", "horsepower"),
    "bhp": ("brake horsepower", "brake horsepower"), "kw": ("kilowatts", "kilowatt"),
    "mw": ("megawatts", "megawatt"), "gw": ("gigawatts", "gigawatt"), "w": ("watts", "watt"),
    "kwh": ("kilowatt hours", "kilowatt hour"), "gwh": ("gigawatt hours", "gigawatt hour"),
    "gb": ("gigabytes", "gigabyte"), "mb": ("megabytes", "megabyte"),
    "tb": ("terabytes", "terabyte"), "hz": ("hertz", "hertz"), "khz": ("kilohertz", "kilohertz"),
    "mhz": ("megahertz", "megahertz"), "ghz": ("gigahertz", "gigahertz"),
    "mah": ("milliampere-hours", "milliampere-hour"),
    "ppb": ("parts per billion", "parts-per-billion"),
    "ppm": ("parts per million", "part per million"),
    "rpm": ("revolutions per minute", "revolutions per minute"),
    "mpg": ("miles per gallon", "mile per gallon"),
    "mbps": ("megabits per second", "megabit per second"), "ml": ("millilitres", "millilitre"),
    "l": ("litres", "litre"), "liters": ("litres", "litre"), "liter": ("litres", "litre"),
    "sqm": ("square metres", "square metre"), "m2": ("square metres", "square metre"),
    "ppg": ("points per game", "point per game"), "rpg": ("rebounds per game", "rebound per game"),
    "apg": ("assists per game", "assist per game"), "bps": ("basis points", "basis point"),
    "min": ("minutes", "minute"), "mins": ("minutes", "minute"), "hrs": ("hours", "hour"),
    "times": ("times", "count"), "pc": ("percent", "percent"), "pts": ("points", "point"),
    "gigatonnes": ("gigatonnes", "gigaton"), "gigatons": ("gigatonnes", "gigaton"),
    "tonnes": ("tonnes", "tonne"), "tons": ("tons", "ton"),
    "degf": ("degrees Fahrenheit", "fahrenheit"), "degc": ("degrees Celsius", "celsius"),
    "°c": ("degrees Celsius", "celsius"), "°f": ("degrees Fahrenheit", "fahrenheit"),
    "sq m": ("square metres", "square metre"), "sq ft": ("square feet", "square foot"),
    "square metres": ("square metres", "square metre"),
    "square meters": ("square metres", "square metre"),
    "square feet": ("square feet", "square foot"), "cubic feet": ("cubic feet", "cubic foot"),
    "square kilometres": ("square kilometres", "square kilometre"),
    "square miles": ("square miles", "square mile"),
    "square kilometers": ("square kilometres", "square kilometre"),
    "deg c": ("degrees Celsius", "celsius"), "degrees celsius": ("degrees Celsius", "celsius"),
    "degrees fahrenheit": ("degrees Fahrenheit", "fahrenheit"),
    "degrees c": ("degrees Celsius", "celsius"), "degrees f": ("degrees Fahrenheit", "fahrenheit"),
    "basis points": ("basis points", "basis point"), "metres": ("metres", "metre"),
    "kilometres": ("kilometres", "kilometre"), "miles": ("miles", "mile"),
    "mile": ("miles", "mile"), "inches": ("inches", "inch"), "inch": ("inches", "inch"),
    "yards": ("yards", "yard"), "yard": ("yards", "yard"), "degrees": ("degrees", "degree"),
    "lb-ft": ("pound-feet", "foot pound-force"),
    "ksi": ("kilopounds per square inch", "kilopound per square inch"),
    "mpa": ("megapascals", "megapascal"), "gpa": ("gigapascals", "gigapascal"),
    "kt": ("knots", "knot"), "knots": ("knots", "knot"),
    "mmbtu": ("million British thermal units", "mega british thermal unit"),
    "td": ("touchdowns", "touchdown"), "tds": ("touchdowns", "touchdown"),
    "war": ("wins above replacement", "win above replacement"), "jpy": ("yen", "yen"),
    "usd": ("dollars", "dollar"), "eur": ("euros", "euro"), "gbp": ("pounds", "pound"),
    "cny": ("yuan", "yuan"), "aud": ("australian dollars", "australian dollar"),
    "sq km": ("square kilometres", "square kilometre"),
    "km2": ("square kilometres", "square kilometre"), "sq mi": ("square miles", "square mile"),
    "kmh": ("kilometres per hour", "kilometre per hour"),
    "km/hr": ("kilometres per hour", "kilometre per hour"), "oz": ("ounces", "ounce"),
    "gal": ("gallons", "gallon"), "bbl": ("barrels", "barrel"),
    "bpd": ("barrels per day", "barrel per day"), "kv": ("kilovolts", "kilovolt"),
    "v": ("volts", "volt"), "gbps": ("gigabits per second", "gigabit per second"),
    "ms": ("milliseconds", "millisecond"), "µm": ("micrometres", "micrometre"),
    "μm": ("micrometres", "micrometre"), "nm": ("nanometres", "nanometre"),
    "cc": ("cubic centimetres", "cubic centimetre"), "yds": ("yards", "yard"),
    "yd": ("yards", "yard"), "sec": ("seconds", "second"), "secs": ("seconds", "second"),
    "°": ("degrees", "degree"), "kb": ("kilobytes", "kilobyte"),
    "mwh": ("megawatt hours", "megawatt hour"),
    "twh": ("terawatt hours", "terawatt hour"), "ha": ("hectares", "hectare"),
    "db": ("decibels", "decibel"), "cal": ("calories", "calorie"),
    "kcal": ("kilocalories", "kilocalorie"), "hr": ("hours", "hour"), "cents": ("cents", "cent"),
    "percentage points": ("percentage points", "percentage point"),
    "metric tons": ("metric tons", "metric ton"), "p": ("pence", "penny"),
    "cubic metres": ("cubic metres", "cubic metre"),
    "cubic meters": ("cubic metres", "cubic metre"),
    "cubic yards": ("cubic yards", "cubic yard"), "cubic inches": ("cubic inches", "cubic inch"),
    "cubic kilometres": ("cubic kilometres", "cubic kilometre"),
    "cubic kilometers": ("cubic kilometres", "cubic kilometre"),
    "square inches": ("square inches", "square inch"),
    "square yards": ("square yards", "square yard"),
    "b/d": ("barrels per day", "barrel per day"), "m/s": ("metres per second", "metre per second"),
    "mi/h": ("miles per hour", "mile per hour"), "wh": ("watt hours", "watt hour"),
    "fps": ("frames per second", "frame per second"), "mp": ("megapixels", "megapixel"),
    "megapixels": ("megapixels", "megapixel"),
    # the singular, as a rate writes it: "$40 per square foot"
    "square foot": ("square feet", "square foot"),
    "square metre": ("square metres", "square metre"),
    "square meter": ("square metres", "square metre"),
    "square mile": ("square miles", "square mile"),
    "square kilometre": ("square kilometres", "square kilometre"),
    "cubic foot": ("cubic feet", "cubic foot"), "cubic metre": ("cubic metres", "cubic metre"),
}
# Every word that names a measure, for telling "1520 sq m" or "Tylenol 500mg" from a year or a name.
MEASURE_WORDS = set(UNITS) | {w.lower() for pair in UNITS.values() for w in pair} | {
    "megawatt", "kilowatt", "gigawatt", "watt", "volt", "milligram", "gram", "kilogram",
}
# fmt: on
PERCENT_WORDS = ("per cent", "percent", "pc", "pct", "%")
# fmt: off
MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}
QUALIFIERS: tuple[tuple[str, Approx], ...] = (
    ("more than", "at_least"), ("greater than", "at_least"), ("at least", "at_least"),
    ("upwards of", "at_least"), ("in excess of", "at_least"), ("over", "at_least"),
    ("above", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("up to", "at_most"), ("fewer than", "at_most"), ("less than", "at_most"),
    ("nearly", "at_most"), ("almost", "at_most"), ("under", "at_most"), ("at most", "at_most"),
    ("as many as", "at_most"), ("no more than", "at_most"), ("below", "at_most"),
    ("just under", "at_most"), ("just over", "at_least"), ("about", "about"), ("around", "about"),
    ("approximately", "about"), ("roughly", "about"), ("some", "about"), ("an estimated", "about"),
    ("estimated", "about"), ("close to", "about"), ("nearly", "at_most"), ("circa", "about"),
    ("almost exactly", "exact"), ("exactly", "exact"),
)
# fmt: on

_GLUED_CODES = "|".join(
    sorted(
        {"RM", "Rs", "PS", "USD", "EUR", "GBP", "JPY", "AUD", "CNY", *CURRENCY_CODES}
        | {s for c in currency_table()["currencies"] for s in c["symbols"] if s.isalpha()},
        key=len,
        reverse=True,
    )
)
_TOKEN = re.compile(
    r"\d+:\d\d(?:[:.]\d+)*"  # clock times and lap times, kept whole so they are skipped
    r"|\d{4}-\d\d-\d\d(?:T[\d:.]+Z?)?"  # ISO dates, likewise
    r"|\d+(?:\.\d+)?\s?[×x]\s?10[−-]?\d+"  # scientific notation, "1.99×10−30"
    r"|\d+\s?[/⁄]\s?\d+(?!\s?[/⁄])"  # a written fraction, "1/16" ("9/11/2001" is not one)
    rf"|(?:{_GLUED_CODES})(?=\d)"  # a currency code glued to its amount, "Rp5,000"
    r"|\d+[A-Za-z]+\d\w*|[A-Za-z]+\d\w*"  # "i4", "M50", "cac40", "9AB8": names, not numbers
    r"|(?:US|HK|A|C|NZ|S)\$|Y=|\$(?:US|A|C|NZ)(?![a-z])|[$€£¥₹%]"
    r"|\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|[A-Za-z]+|\S"
)


@dataclass(frozen=True)
class NumberMention:
    """One quantity phrase in a text.

    ``start``/``end`` cover the number phrase with its currency and scale but
    not the qualifier (``qual_start`` marks where that begins). ``unit`` is what
    the phrase itself says is counted ("dollars", "percent") or None when the
    counted noun must be found in the sentence. ``vague`` marks "thousands of".
    """

    start: int
    end: int
    value: float
    value_max: float | None
    approx: Approx
    value_text: str
    unit: str | None = None
    kind: str = "number"  # number | percent | money | fraction | vague
    qual_start: int | None = None
    vague: bool = False
    ascending: bool = True  # a range written high to low ("from 4.8 to 4.7") is False


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class _Num:
    """A parsed number phrase over tokens [i, j)."""

    i: int
    j: int
    value: float
    unit: str | None
    kind: str
    scaled: bool
    vague: bool = False


def tokenize(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _digits(s: str) -> float | None:
    sci = re.fullmatch(r"(\d+(?:\.\d+)?)\s?[×x]\s?10([−-]?\d+)", s)
    if sci:
        return float(sci.group(1)) * 10.0 ** int(sci.group(2).replace("−", "-"))
    frac = re.fullmatch(r"(\d+)\s?[/⁄]\s?(\d+)", s)
    if frac:
        num, den = int(frac.group(1)), int(frac.group(2))
        return num / den if 0 < num < den and den in _DENOMINATORS else None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


# Written fractions we trust as shares; "9/11" or "24/7" are names, not halves.
_DENOMINATORS = {2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128}


def _is_digit(t: _Tok) -> bool:
    return t.text[0].isdigit() or (t.text[0] == "." and len(t.text) > 1)


def _words_value(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """Parse number words from ``toks[i]``: "two hundred and fifty thousand", "forty-five".

    Returns the value and the index after the last number word.
    """
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(toks):
        w = toks[j].low
        if w in SMALL:
            current += SMALL[w]
        elif w in TENS:
            current += TENS[w]
            # "forty-five": a hyphen joins tens and units
            if j + 2 < len(toks) and toks[j + 1].text == "-" and toks[j + 2].low in SMALL:
                current += SMALL[toks[j + 2].low]
                j += 2
        elif w == "hundred" and seen:
            current = (current or 1) * 100
        elif w in SCALES and seen and w != "hundred":
            total += (current or 1) * SCALES[w]
            current = 0.0
        elif (
            w == "and"
            and seen
            and j + 1 < len(toks)
            and (toks[j + 1].low in SMALL or toks[j + 1].low in TENS)
            and (current >= 100 or total)
        ):
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def _scale_after(toks: list[_Tok], j: int, money: bool) -> tuple[float, int]:
    """Multiply by a following scale: "2.5 million", "$40bn", "35m" (million only
    with money or before a word, else it is metres)."""
    mult = 1.0
    while j < len(toks):
        w = toks[j].low
        if w in SCALES:
            mult *= SCALES[w]
            j += 1
            continue
        if w in SCALE_ABBR and (
            _adjacent(toks[j - 1], toks[j]) or w in ("bn", "bln", "mn", "mln", "tn")
        ):
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if w in ("m", "b", "k") and not money:
                if nxt is None or not nxt.low.isalpha() or nxt.low in _AFTER_METRES:
                    break  # "ran 100m." / "800m in" / "828m tall": metres, not millions
            mult *= SCALE_ABBR[w]
            j += 1
            continue
        break
    return mult, j


# Words that follow a length, not a count: "the 828m tower is 828m tall", "300m away".
# fmt: off
_AFTER_METRES = {
    "in", "per", "a", "and", "tall", "high", "long", "wide", "deep", "thick", "away", "above",
    "below", "across", "underground", "underwater", "offshore", "inland", "apart",
}
# fmt: on


def _plain(toks: list[_Tok], i: int) -> _Num | None:
    """Currency? + (digits | words | a/an + scale) + scale* + percent?"""
    j, unit, kind = i, None, "number"
    low = toks[i].low
    if (
        low in CURRENCY_PREFIX
        and toks[i].text.isupper()
        and j + 2 < len(toks)
        and toks[j + 1].text == "$"
    ):
        if _is_digit(toks[j + 2]):
            return _with_unit(_plain(toks, j + 1), i, CURRENCY_PREFIX[low])
    if (
        low in ("-", "minus", "−")
        and j + 1 < len(toks)
        and _is_digit(toks[j + 1])
        and (
            j == 0
            or toks[j - 1].end < toks[j].start
            or toks[j - 1].low == "minus"
            or low == "minus"
        )
        and (low == "minus" or _adjacent(toks[j], toks[j + 1]))
    ):
        n = _plain(toks, j + 1)
        return None if n is None else _Num(i, n.j, -n.value, n.unit, n.kind, n.scaled)
    sign = CURRENCY.get(low) or CURRENCY_SIGNS.get(low) or CURRENCY_CODES.get(toks[i].text)
    if (
        sign is not None
        and j + 1 < len(toks)
        and (low != "ps" or _adjacent(toks[j], toks[j + 1]))
        and (_is_digit(toks[j + 1]) or toks[j + 1].low in SMALL or toks[j + 1].low in TENS)
    ):
        unit, kind = sign, "money"
        j += 1
    t = toks[j]
    if _is_digit(t):
        value = _digits(t.text)
        if value is None:
            return None
        if re.search(r"[/⁄]", t.text):
            return _Num(i, j + 1, value, unit, "fraction", False)
        j += 1
    elif t.low.endswith("fold") and (t.low[:-4] in SMALL or t.low[:-4] in TENS):
        return _Num(
            i,
            j + 1,
            float(SMALL.get(t.low[:-4], TENS.get(t.low[:-4], 0))),
            "times",
            "number",
            False,
        )
    elif t.low in ("a", "an") and j + 1 < len(toks) and toks[j + 1].low in (*SCALES, "dozen"):
        value = 1.0
        j += 1
    else:
        parsed = _words_value(toks, j)
        if parsed is None:
            return None
        value, j = parsed
    if j < len(toks) and toks[j].low == "dozen":
        value, j = value * 12, j + 1
    mult, j2 = _scale_after(toks, j, unit is not None)
    scaled = j2 > j
    value, j = value * mult, j2
    if unit == "dollars" and j < len(toks) and toks[j].text == "US" and _ends_phrase(toks, j + 1):
        j += 1  # "$31.20 US", "$76 US a barrel": the country of the dollar, said after it
    if j < len(toks) and toks[j].low in ("%", "percent", "pc", "pct"):
        unit, kind, j = "percent", "percent", j + 1
    elif unit is None and j < len(toks) and toks[j].text == "¢" and _adjacent(toks[j - 1], toks[j]):
        unit, kind, j = "cents", "money", j + 1
    elif j + 1 < len(toks) and toks[j].low == "per" and toks[j + 1].low == "cent":
        unit, kind, j = "percent", "percent", j + 2
    return _Num(i, j, value, unit, kind, scaled)


def _ends_phrase(toks: list[_Tok], j: int) -> bool:
    """Nothing, punctuation or a rate ("a barrel", "per share") follows token ``j - 1``."""
    return j >= len(toks) or not toks[j].text[0].isalnum() or toks[j].low in ("a", "an", "per")


def _with_unit(n: _Num | None, i: int, unit: str) -> _Num | None:
    return None if n is None else _Num(i, n.j, n.value, unit, "money", n.scaled)


def _fraction(toks: list[_Tok], i: int) -> _Num | None:
    """ "a fifth", "one-third", "two thirds", "half of", "three quarters"."""
    low = toks[i].low
    if (
        low == "half"
        and i + 1 < len(toks)
        and toks[i + 1].low in ("of", "the", "a", "an", "its", "their")
    ):
        return _Num(i, i + 1, 0.5, None, "fraction", False)
    if low in ("a", "an", "one") or low in SMALL or low in TENS:
        numer = 1.0 if low in ("a", "an") else float(SMALL.get(low, TENS.get(low, 0)))
        k = i + 1
        if k < len(toks) and toks[k].text == "-":
            k += 1
        if k < len(toks) and toks[k].low in FRACTIONS and numer:
            plural = toks[k].low.endswith("s")
            if plural == (numer > 1) and (
                k + 1 < len(toks) and toks[k + 1].low == "of" or low != "a"
            ):
                return _Num(i, k + 1, numer / FRACTIONS[toks[k].low], None, "fraction", False)
    return None


def _vague(toks: list[_Tok], i: int) -> _Num | None:
    """ "thousands of", "tens of thousands of", "hundreds of thousands"."""
    low = toks[i].low
    k, base = i, None
    some = _some_scale(toks, i)
    if some is not None:
        return some
    if (
        low in ("tens", "hundreds")
        and i + 2 < len(toks)
        and toks[i + 1].low == "of"
        and toks[i + 2].low in VAGUE
    ):
        base = VAGUE[toks[i + 2].low] * (10 if low == "tens" else 100)
        k = i + 3
    elif low in VAGUE:
        base, k = VAGUE[low], i + 1
    if base is None:
        return None
    # "several thousand" / "thousands" must be followed by "of" or a noun to count
    return _Num(i, k, base, None, "vague", False, vague=True)


def _some_scale(toks: list[_Tok], i: int) -> _Num | None:
    """ "several hundred", "a few thousand", "a couple of dozen": a scale the writer does
    not count out, kept as vague as "hundreds of"."""
    if toks[i].low == "several":
        k = i
    elif toks[i].low == "a" and i + 1 < len(toks) and toks[i + 1].low in ("few", "couple"):
        k = i + 1
    else:
        return None
    k += 2 if k + 1 < len(toks) and toks[k + 1].low == "of" else 1
    base = 1.0
    while k < len(toks) and (toks[k].low in SCALES or toks[k].low == "dozen"):
        base *= SCALES.get(toks[k].low, 12.0)
        k += 1
    return _Num(i, k, base, None, "vague", False, vague=True) if base > 1 else None


def _scale_of(n: _Num, toks: list[_Tok]) -> float:
    """The multiplier a range's upper end lends its lower end: "3 to 5 million"."""
    mult = 1.0
    for t in toks[n.i : n.j]:
        if t.low in SCALES:
            mult *= SCALES[t.low]
        elif t.low in SCALE_ABBR:
            mult *= SCALE_ABBR[t.low]
    return mult


def _qualifier(text: str, start: int) -> tuple[Approx, int | None]:
    before = text[max(0, start - 30) : start].lower()
    for phrase, approx in QUALIFIERS:
        if re.search(r"(?:^|[^a-z])" + re.escape(phrase) + r"\s+$", before):
            m = re.search(re.escape(phrase) + r"\s+$", before)
            assert m is not None
            return approx, start - (len(before) - m.start())
    return "exact", None


def _is_name_word(toks: list[_Tok], k: int) -> bool:
    """A capitalised word that names something, not a sentence-initial "About"."""
    t = toks[k]
    if not t.text.isalpha() or t.text == t.low or t.low in CURRENCY or t.low in MONTHS:
        return False
    if t.text in CURRENCY_CODES or t.low in CURRENCY_SIGNS:
        return False
    initial = k == 0 or toks[k - 1].text in (".", "!", "?", '"', "“", "(")
    return not initial or t.text[1:] != t.text[1:].lower()


def _is_time_or_name(text: str, toks: list[_Tok], n: _Num) -> bool:
    """Years, dates, clock times, ordinals and names are not quantities."""
    first, last = toks[n.i], toks[n.j - 1]
    prev = toks[n.i - 1] if n.i > 0 else None
    nxt = toks[n.j] if n.j < len(toks) else None
    after = text[last.end : last.end + 6].lower()
    if n.kind == "number" and not n.scaled and _is_digit(first) and n.j - n.i == 1:
        digits = first.text
        if _measured_by(toks, n.j):
            return False  # "1520 sq m", "Tylenol 500mg": a measure, whatever stands before
        if re.fullmatch(r"1[5-9]\d\d|2[01]\d\d", digits) and not (
            nxt and nxt.low in ("people", "troops")
        ):
            return True  # a year
        if re.fullmatch(r"0\d{3}", digits):
            return True  # "0401 GMT"
        month = toks[n.i - 2] if prev is not None and prev.text == "." and n.i >= 2 else prev
        if month is not None and month.low in MONTHS and month.text[0].isupper():
            return True  # "July 4", "Dec. 2"
        if nxt is not None and nxt.low in MONTHS and nxt.text[0].isupper():
            return True  # "4 July"
        if re.match(r"(st|nd|rd|th)\b", after):
            return True  # ordinal "75th"
        if digits.endswith("0") and re.match(r"'?s\b", after):
            return True  # a decade, "in her 30s", "the '80s": a time of life or history
        if re.match(r"[:.]\d\d\s*(a\.?m|p\.?m)|:\d\d", after) or re.match(
            r"\s*(a\.m|p\.m|am\b|pm\b)", after
        ):
            return True  # clock time
        if prev is not None and prev.low in LABELS:
            return True  # "category 4", "aged 18"
        if prev is not None and _is_name_word(toks, n.i - 1):
            return True  # "iPhone 12", "Section 427", "Boeing 737"
        if prev is not None and prev.text == "-" and n.i >= 2 and toks[n.i - 2].text[:1].isupper():
            return True  # "COVID-19", "F-16"
    if n.kind == "number" and _is_digit(first) and re.match(r"[:/]\d", after):
        return True  # "12:01", "9/11"
    if (
        first.text.isalpha()
        and nxt is not None
        and nxt.text == "-"
        and _adjacent(last, nxt)
        and (n.j + 1 < len(toks) and toks[n.j + 1].text.isalpha())
        and not re.match(r"-\w+-?\s?old", text[last.end : last.end + 14])
    ):
        return True  # "a five-year plan", "four-cylinder": a spelled-out compound modifier
    if prev is not None and prev.low in LABELS:
        return True
    return False


def _measured_by(toks: list[_Tok], j: int) -> bool:
    """A measurement unit follows token ``j - 1`` ("500mg", "16 inch", "1520 sq m")."""
    if j >= len(toks) or toks[j].low in ("times", "count", "m", "t", "l", "g", "w", "v", "p"):
        return False  # too ambiguous alone: "Boeing 737 t", a clause's "m"
    pair = f"{toks[j].low} {toks[j + 1].low}" if j + 1 < len(toks) else ""
    return toks[j].low in MEASURE_WORDS or pair in MEASURE_WORDS


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity phrase in ``text``, in order, without years, dates and ordinals."""
    toks = tokenize(text)
    nums: list[_Num] = []
    i = 0
    while i < len(toks):
        n = _vague(toks, i) or _fraction(toks, i) or _plain(toks, i)
        if n is None:
            i += 1
            continue
        nums.append(n)
        i = n.j
    return _assemble(text, toks, nums)


def _assemble(text: str, toks: list[_Tok], nums: list[_Num]) -> list[NumberMention]:
    out: list[NumberMention] = []
    k = 0
    while k < len(nums):
        n = nums[k]
        m = nums[k + 1] if k + 1 < len(nums) else None
        if m is not None and _is_score(toks, n, m):
            k += 2  # "drew 2-2": a score is not a quantity
            continue
        if m is not None and _is_range(toks, n, m) and n.i > 0 and toks[n.i - 1].low in LABELS:
            k += 2  # "aged 18 to 34": a description, not a count
            continue
        if m is not None and _is_range(toks, n, m):
            lo, hi = n.value, m.value
            if _scale_of(n, toks) == 1 and _scale_of(m, toks) > 1 and lo * _scale_of(m, toks) <= hi:
                lo *= _scale_of(m, toks)
            unit = m.unit or n.unit
            kind = m.kind if m.kind != "number" else n.kind
            start = toks[n.i].start
            if n.i > 0 and toks[n.i - 1].low in ("between", "from"):
                start = toks[n.i - 1].start
            approx, qs = _qualifier(text, start)
            out.append(
                NumberMention(
                    toks[n.i].start,
                    toks[m.j - 1].end,
                    min(lo, hi),
                    max(lo, hi),
                    "range" if approx == "exact" else approx,
                    text[toks[n.i].start : toks[m.j - 1].end],
                    unit,
                    kind,
                    qs,
                    ascending=lo <= hi,
                )
            )
            k += 2
            continue
        k += 1
        if _is_time_or_name(text, toks, n):
            continue
        if m is not None and n.unit is None and m.kind == "money" and _shares_unit(toks, n, m):
            n = _Num(n.i, n.j, n.value, m.unit, m.kind, n.scaled)  # "8 or $9": both in dollars
        start, end = toks[n.i].start, toks[n.j - 1].end
        approx, qs = _qualifier(text, start)
        if n.vague:
            approx = "at_least"
        out.append(
            NumberMention(
                start, end, n.value, None, approx, text[start:end], n.unit, n.kind, qs, n.vague
            )
        )
    return out


def _shares_unit(toks: list[_Tok], n: _Num, m: _Num) -> bool:
    """ "8 or $9", "5 and £6": a bare number joined to a sum shares its currency."""
    return (
        m.i - n.j == 1
        and toks[n.j].low in ("or", "and", "to")
        and n.kind == "number"
        and not n.vague
        and not n.scaled
    )


def _is_score(toks: list[_Tok], n: _Num, m: _Num) -> bool:
    """ "drew 2-2": two small numbers joined by a hyphen, unless a unit makes them a
    range ("3-5kg", "14-18 mpg") or a word before asks for one ("between 2-3")."""
    nxt = toks[m.j] if m.j < len(toks) else None
    if nxt is not None and (
        _measured_by(toks, m.j) or (_adjacent(toks[m.j - 1], nxt) and nxt.text.isalpha())
    ):
        return False
    if n.i > 0 and toks[n.i - 1].low in ("between", "from", "about", "around"):
        return False
    return (
        m.i - n.j == 1
        and toks[n.j].text == "-"
        and n.j - n.i == 1
        and m.j - m.i == 1
        and _is_digit(toks[n.i])
        and _is_digit(toks[m.i])
        and n.value < 20
        and m.value < 20
        and toks[n.i].end == toks[n.j].start
        and toks[n.j].end == toks[m.i].start
    )


def _year_like(digits: str) -> bool:
    return re.fullmatch(r"1[5-9]\d\d|2[01]\d\d", digits) is not None


# fmt: off
_CHANGE_VERBS = {
    "rose", "rise", "rises", "risen", "fell", "fall", "falls", "fallen", "gained", "gains",
    "lost", "loses", "climbed", "dropped", "slipped", "jumped", "added", "adds", "shed",
    "increased", "decreased", "declined", "grew", "surged", "plunged", "slid", "eased",
    "rallied", "tumbled", "sank", "soared", "advanced", "edged", "dipped", "up", "down",
}
# fmt: on


def _from_before(toks: list[_Tok], i: int) -> bool:
    """ "from" before token ``i``, or before a qualifier that is ("from up to 252 miles")."""
    if i > 0 and toks[i - 1].low == "from":
        return True
    words = " ".join(t.low for t in toks[max(0, i - 4) : i])
    return any(words.endswith(f"from {phrase}") for phrase, _ in QUALIFIERS)


def _is_range(toks: list[_Tok], n: _Num, m: _Num) -> bool:
    """Two numbers joined by "to", "-", "–", or "and" after "between".

    "rose 7% to $2.3 billion" and "increased by $43.6 billion to $419.2
    billion" are a change and a new level, not a range.
    """
    if n.vague or m.vague or n.kind == "fraction" or m.kind == "fraction":
        return False
    gap = m.i - n.j
    glued_unit = (
        gap == 2 and _adjacent(toks[n.j - 1], toks[n.j]) and toks[n.j].low == toks[m.j].low
        if (m.j < len(toks))
        else False
    )
    before = "from" if _from_before(toks, n.i) else toks[n.i - 1].low if n.i > 0 else ""
    # "from 208 pounds to 193", "from $75 US per barrel to $45": what lies between names the
    # unit, so it holds no clause break, no other number and no second "to"
    from_to = (
        gap <= 8
        and before == "from"
        and toks[m.i - 1].low == "to"
        and not any(t.low in (",", ";", "and", "or", "but", "to") for t in toks[n.j : m.i - 1])
    )
    if gap != 1 and not glued_unit and not from_to:
        return False
    joiner = toks[m.i - 1].low
    if _year_like(toks[n.i].text) and not n.unit and (_year_like(toks[m.i].text) or m.value < 100):
        return False  # "2008 to 2020", "2014-15": years
    if from_to:
        return True
    if joiner == "and":
        return before == "between"
    if joiner not in ("to", "-", "–", "—"):
        return False
    if before in ("between", "from"):
        return True
    if before == "by" or (n.unit is not None and m.unit is not None and n.unit != m.unit):
        return False
    # "gold fell $12 to $1,945": the change, then the new level; "were up 30 to 40 cents"
    # names its unit once, so it is a range of the change
    if before in _CHANGE_VERBS and (n.unit is not None or gap > 1):
        return False
    if n.kind == "percent" and m.kind != "percent":
        return False
    return True


def parse_number(text: str) -> float | None:
    """The value of a whole number phrase ("12,500", "two dozen", "$40bn"), or None.

    Ranges give their lower end; fractions their share ("a fifth" → 0.2).
    """
    found = find_numbers(text)
    if len(found) != 1:
        toks = tokenize(text)
        n = (_vague(toks, 0) or _fraction(toks, 0) or _plain(toks, 0)) if toks else None
        return n.value if n is not None and n.j == len(toks) else None
    return found[0].value
