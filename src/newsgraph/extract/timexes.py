"""Time expressions: find them in the text and give each its TIMEX3 value.

Finding is a set of regular expressions over ``doc.text`` (the one spaCy
parse supplies only the tense of the clause a weekday or month sits in).
Every pattern proposes a span; the longest spans win where they overlap, so
"late June 2025" beats "June 2025" beats "June". Resolution is delegated to
the pure functions of ``timeresolve``.

The cascade for one article:

1. collect candidate spans from every pattern (``_PATTERNS``);
2. keep the longest non-overlapping ones, in text order;
3. resolve each against the publication date: absolute dates need none,
   relative ones ("last week", "on Friday") get value None without it;
   weekdays, months and seasons without "last"/"next" take the direction of
   their clause ("said on Monday" looks back, "will travel on Friday" ahead);
   "a year later" counts from the last date the text mentioned.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Timex, TimexType
from . import timeresolve as tr
from .timeresolve import (
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    REFS,
    SEASON_CODES,
    SET_ADVERBS,
    SMALL_NUMBERS,
    TENS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    Anchor,
    Direction,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_timexes", "find_timexes"]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "sept" wins over "sep"."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_FULL = {"may", "june", "july"}  # short, yet full names: no abbreviation dot
_MONTH_FULL = _alt(k for k in MONTHS if len(k) > 4 or k in _FULL)
_MONTH = rf"(?:{_MONTH_FULL}|(?:{_alt(k for k in MONTHS if len(k) <= 4 and k not in _FULL)})\.?)"
_WDAY_ABBR = _alt(k for k in WEEKDAYS if len(k) <= 4)
_WDAY = rf"(?:{_alt(k for k in WEEKDAYS if len(k) > 4)}|(?:{_WDAY_ABBR})\.?)"
_COMPOUND = rf"(?:{'|'.join(TENS)})-(?:{'|'.join(SMALL_NUMBERS.split()[:9])})"
_NUMWORD = rf"(?:{_COMPOUND}|{_alt(NUMBERS)}|{_alt(VAGUE_NUMBERS)})"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMWORD})"
_UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
)
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = r"(?:early|mid-?|late|the (?:beginning|start|end|middle) of)"
_SEASON = rf"(?:{_alt(SEASON_CODES)})"
_REL = r"(?:this\s+past|last|this|next|past|previous|coming|current|following)"
_ZONE = r"\s+(?:GMT|UTC|ET|EST|EDT|CET|CEST|BST|PT|PST|PDT|local time)"
_TZ = rf"(?:{_ZONE})?"


@dataclass(frozen=True)
class _Hit:
    type: TimexType
    value: str | None
    mod: str | None = None
    floating: bool = False  # a clock time whose day may be named elsewhere in the sentence


@dataclass
class _Ctx:
    """What resolution needs besides the match: the anchors and the parse."""

    text: str  # ``doc.text`` rebuilds the string on every call; keep it once
    anchor: Anchor | None
    doc: Doc | None
    ref: Anchor | None = None  # the last absolute date the text mentioned

    @property
    def narrative(self) -> Anchor | None:
        return self.ref or self.anchor


_Handler = Callable[[re.Match[str], _Ctx], "_Hit | None"]
_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = []


def _pattern(regex: str) -> Callable[[_Handler], _Handler]:
    def register(fn: _Handler) -> _Handler:
        _PATTERNS.append(
            (re.compile(rf"(?<![\w-])(?<!\d[,.])(?:{regex})(?![\w])", re.IGNORECASE), fn)
        )
        return fn

    return register


# ---------------------------------------------------------------- small readers


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


# ---------------------------------------------------------------- tense

_FUTURE_AUX = set("will wo 'll ll shall would could may might should can".split())
_PLAN_LEMMAS = set(
    "set schedule plan expect due intend prepare aim hope propose promise vow pledge threaten"
    " want seek agree await".split()
)
_REPORTING = set("say tell report announce claim add note state insist write".split())
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}


def clause_direction(
    doc: Doc | None, start: int, end: int, present: Direction | None = None
) -> Direction | None:
    """Whether the clause around a span looks ahead (a plan) or back (a report).

    Climbs from the span to its verb, then through the verbs it complements
    ("is set to meet" → "set"), looking for future auxiliaries, modals, plan
    verbs and the present progressive ("is meeting on Friday"). A past-tense
    or perfect verb means a report. A simple present ("polls open on
    Sunday") gives ``present``: a schedule for weekdays, undecided otherwise.
    None when the clause says neither.
    """
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    chain = [verb]
    while (
        chain[-1].dep_ in ("xcomp", "auxpass", "aux")
        and len(chain) < 4
        and chain[-1].head is not chain[-1]
    ):
        chain.append(chain[-1].head)
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return "future"
        if v.lemma_ in _PLAN_LEMMAS and v is not verb:
            return "future"
        if v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children):
            return "future"
        if v.tag_ == "VBG" and any(a.lower_ in _PRESENT_BE for a in auxes):
            return "future"
    if verb.tag_ in ("VBD", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    ):
        return "past"
    if (
        verb.tag_ in ("VBZ", "VBP")
        and verb.lemma_ not in _REPORTING
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        return present
    return None


def _direction(m: re.Match[str], ctx: _Ctx, present: Direction | None = None) -> Direction:
    """The clause's direction; news reports look back when it says nothing."""
    return clause_direction(ctx.doc, m.start(), m.end(), present) or "past"


def _strict(word: str | None) -> tuple[Direction | None, bool]:
    """ "last" and "next" fix the direction and skip the current period."""
    w = " ".join((word or "").lower().split())
    if w in ("last", "past", "previous", "this past"):
        return "past", True
    if w in ("next", "coming", "following"):
        return "future", True
    return None, False


# ---------------------------------------------------------------- explicit dates


@_pattern(rf"(?:{_WDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})")
def _mdy(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not _capitalised(m["m"]):
        return None
    return _Hit("DATE", tr.explicit_date(int(m["y"]), _month(m["m"]), _day(m["d"])))


@_pattern(
    rf"(?:{_WDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})"
)
def _dmy(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not _capitalised(m["m"]):
        return None
    return _Hit("DATE", tr.explicit_date(int(m["y"]), _month(m["m"]), _day(m["d"])))


@_pattern(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
def _iso(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    value = tr.explicit_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None if value is None else _Hit("DATE", value)


@_pattern(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})")
def _slashed(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless it cannot be
    value = tr.explicit_date(y, month, day)
    return None if value is None else _Hit("DATE", value)


@_pattern(rf"(?:(?P<p>{_PART})\s*)?(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})")
def _month_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not _capitalised(m["m"]):
        return None
    return _Hit("DATE", tr.explicit_date(int(m["y"]), _month(m["m"])), tr.part_mod(m["p"]))


@_pattern(rf"(?:{_WDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d)")
def _month_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not _capitalised(m["m"]):
        return None
    if ctx.anchor is None:
        return _Hit("DATE", None)
    dirn = clause_direction(ctx.doc, m.start(), m.end())
    return _Hit("DATE", tr.month_day(ctx.anchor, _month(m["m"]), _day(m["d"]), dirn))


@_pattern(rf"(?:{_WDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})")
def _day_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _month_day(m, ctx)


@_pattern(
    rf"(?:(?P<p>{_PART})\s*|(?P<r>this\s+past|last|this|next|past|coming)\s+)?(?P<m>{_MONTH})"
)
def _bare_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m["m"]
    if not _capitalised(word) or (len(word) <= 3 and word.lower() != "may"):
        return None  # abbreviations alone ("Mar", "Jan") are too often names
    if word.lower() == "may" and not (m["p"] or m["r"] or _preposition_before(ctx, m.start())):
        return None
    if ctx.anchor is None:
        return _Hit("DATE", None, tr.part_mod(m["p"]))
    dirn, strict = _strict(m["r"])
    if dirn is None:
        dirn = _direction(m, ctx)
    return _Hit("DATE", tr.named_month(ctx.anchor, _month(word), dirn, strict), tr.part_mod(m["p"]))


def _preposition_before(ctx: _Ctx, start: int) -> bool:
    text = ctx.text
    before = text[max(0, start - 12) : start].lower()
    return bool(
        re.search(
            r"\b(in|since|until|till|by|from|to|through|during|before|after|of|early|late|mid)\s*$",
            before,
        )
    )


@_pattern(rf"(?:(?P<p>{_PART})\s*)?(?:(?P<f>fiscal)\s+)?(?P<y>{_YEAR})")
def _year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not (m["p"] or m["f"]) and not _looks_like_year(ctx, m.start("y"), m.end("y")):
        return None
    return _Hit("DATE", m["y"], tr.part_mod(m["p"]))


def _looks_like_year(ctx: _Ctx, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it counts something or is money."""
    text = ctx.text
    if re.search(r"[$€£#]\s*$", text[max(0, start - 2) : start]) or re.match(
        r"\s*(%|percent|per cent)", text[end : end + 9]
    ):
        return False
    if not 1800 <= int(text[start:end]) <= 2100:
        return bool(re.search(r"\b(in|since|of|from)\s+$", text[max(0, start - 8) : start]))
    if ctx.doc is None:
        return True
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    tok = span[0]
    head = tok.head
    counted = tok.dep_ == "nummod" and head.tag_ == "NNS" and head.i > tok.i
    return not (
        counted and head.lower_ not in ("budget", "election", "elections", "season", "census")
    )


@_pattern(r"(?:the\s+)?(?:(?P<p>early|mid-?|late)\s*)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0s|'(?P<s>\d)0s)")
def _decade(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if m["c"]:
        value = f"{m['c']}{m['d']}"
    else:
        century = "19" if int(m["s"]) >= 3 else "20"
        value = f"{century}{m['s']}"
    return _Hit("DATE", value, tr.part_mod(m["p"]))


@_pattern(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century")
def _century(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit("DATE", f"{int(m['n']) - 1:02d}")


_ORDINAL = {
    w: n
    for n, ws in enumerate(("first 1st", "second 2nd", "third 3rd", "fourth 4th"), 1)
    for w in ws.split()
}


_YEAR_PHRASE = rf"(?:{_YEAR}|this year|last year|next year|the year)"


@_pattern(
    rf"(?:the\s+)?(?P<o>{_alt(_ORDINAL)})(?:-|\s+)quarter(?:\s+of)?(?:\s+(?P<y>{_YEAR_PHRASE}))?"
    rf"|Q(?P<q>[1-4])(?:\s+(?P<y2>{_YEAR}))?"
)
def _quarter(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    q = int(m["q"]) if m["q"] else _ORDINAL[m["o"].lower()]
    year = _year_phrase(m["y"] or m["y2"], ctx, m, (q, 4))
    return _Hit("DATE", None if year is None else f"{year}-Q{q}")


@_pattern(rf"(?:the\s+)?(?P<o>first|second)\s+half(?:\s+of)?(?:\s+(?P<y>{_YEAR_PHRASE}))?")
def _half(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    half = 1 if m["o"].lower() == "first" else 2
    year = _year_phrase(m["y"], ctx, m, (half, 2))
    return _Hit("DATE", None if year is None else f"{year}-H{half}")


def _year_phrase(
    text: str | None, ctx: _Ctx, m: re.Match[str], part: tuple[int, int]
) -> str | None:
    """The year of "the fourth quarter (of last year)": stated, or the nearest in the tense."""
    if text and text[0].isdigit():
        return text
    if ctx.anchor is None:
        return None
    if text:
        shift = {"last year": -1, "next year": 1}.get(text.lower(), 0)
        return tr.shift_years(ctx.anchor, shift)
    return tr.year_of_part(ctx.anchor, part[0], part[1], _direction(m, ctx))


# ---------------------------------------------------------------- relative to publication


@_pattern(r"today|yesterday|tomorrow|tonight|the day (?P<x>before yesterday|after tomorrow)")
def _deictic(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m[0].lower()
    if ctx.anchor is None:
        return _Hit("DATE", None)
    if word == "tonight":
        day = tr.shift_days(ctx.anchor, 0)
        return _Hit("TIME", None if day is None else day + "TNI")
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(word)
    if shift is None:
        shift = -2 if "before" in word else 2
    return _Hit("DATE", tr.shift_days(ctx.anchor, shift))


@_pattern(rf"(?P<w>this|yesterday|tomorrow|last|{_WDAY})\s+(?P<p>morning|afternoon|evening|night)")
def _day_part(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    w = m["w"].lower().rstrip(".")
    if w in WEEKDAYS and not _capitalised(m["w"]):
        return None
    if ctx.anchor is None:
        return _Hit("TIME", None)
    if w in WEEKDAYS:
        day = tr.weekday_date(ctx.anchor, WEEKDAYS[w], _direction(m, ctx, "future"))
    else:
        day = tr.shift_days(ctx.anchor, {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[w])
    return _Hit("TIME", None if day is None else day + DAY_PARTS[m["p"].lower()])


@_pattern(
    rf"(?:(?P<p>early|late)\s+)?(?:(?P<r>this\s+past|last|this|next|past|coming)\s+)?"
    rf"(?P<w>{_WDAY})(?P<pl>s)?"
)
def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m["w"].rstrip(".")
    abbreviated = len(word) <= 4
    # "Sat"/"Wed" without a dot read as verbs; "Sun." is a newspaper as often as a day
    if not _capitalised(word) or (abbreviated and not m["w"].endswith(".")) or word == "Sun":
        return None
    wd = WEEKDAYS[word.lower()]
    if m["pl"]:
        return _Hit("SET", f"XXXX-WXX-{wd + 1}")
    if ctx.anchor is None:
        return _Hit("DATE", None, tr.part_mod(m["p"]))
    dirn, strict = _strict(m["r"])
    if dirn is None:
        dirn = _direction(m, ctx, "future")
    return _Hit("DATE", tr.weekday_date(ctx.anchor, wd, dirn, strict), tr.part_mod(m["p"]))


_PERIODS = r"(?:week|month|year|quarter|weekend|decade|century)"


@_pattern(rf"(?:(?P<p>{_PART})\s*)?(?P<the>the\s+)?(?P<r>{_REL})\s+(?P<u>{_PERIODS}|{_SEASON})")
def _relative_period(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    rel, unit = " ".join(m["r"].lower().split()), m["u"].lower()
    rel = "last" if rel == "this past" else rel
    mod = tr.part_mod(m["p"])
    if m["the"] and rel in ("previous", "following") and unit not in SEASON_CODES:
        # "the following week" counts from the story's own time, not publication
        base = ctx.narrative
        if base is None or unit in ("weekend", "decade", "century"):
            return _Hit("DATE", None, mod)
        return _Hit("DATE", tr.shift_unit(base, unit, -1 if rel == "previous" else 1), mod)
    if m["the"] and rel in ("past", "last", "coming", "next") and not m["p"]:
        if unit in SEASON_CODES:
            return None
        # "the past week" spans the week up to now rather than naming a week
        return _Hit("DURATION", tr.duration_value(1, unit))
    if rel == "past" and not m["the"]:
        return None
    if unit in SEASON_CODES:
        if ctx.anchor is None:
            return _Hit("DATE", None, mod)
        if rel in ("this", "current"):  # the season of the publication year
            return _Hit("DATE", f"{ctx.anchor.year:04d}-{SEASON_CODES[unit]}", mod)
        dirn, strict = _strict(rel)
        code = SEASON_CODES[unit]
        return _Hit("DATE", tr.named_season(ctx.anchor, code, dirn or "past", strict), mod)
    if ctx.anchor is None:
        return _Hit("DATE", None, mod)
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit == "weekend":
        week = tr.shift_weeks(ctx.anchor, shift)
        return _Hit("DATE", None if week is None else week + "-WE", mod)
    if unit == "decade":
        return _Hit("DATE", tr.shift_decades(ctx.anchor, shift), mod)
    if unit == "century":
        return _Hit("DATE", tr.shift_centuries(ctx.anchor, shift), mod)
    return _Hit("DATE", tr.shift_unit(ctx.anchor, unit, shift), mod)


@_pattern(
    rf"(?:(?P<p>{_PART})\s*)?(?P<the>the\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?"
)
def _season(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    code = SEASON_CODES[m["s"].lower()]
    if m["y"]:
        return _Hit("DATE", f"{m['y']}-{code}", tr.part_mod(m["p"]))
    if not (m["p"] or m["the"] or _preposition_before(ctx, m.start())):
        return None  # "spring" in "a spring offensive" or "fall" the verb
    if m["s"].lower() == "fall" and not m["the"]:
        return None
    if ctx.anchor is None:
        return _Hit("DATE", None, tr.part_mod(m["p"]))
    return _Hit(
        "DATE", tr.named_season(ctx.anchor, code, _direction(m, ctx), False), tr.part_mod(m["p"])
    )


# "two days before the vote" is left to ``_duration``: its anchor is an event.
@_pattern(rf"(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+(?P<w>ago|earlier|later|from now|hence)")
def _offset(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word, unit, amount = m["w"].lower(), tr.unit_name(m["u"]), tr.number_value(m["n"])
    if amount is None or not float(amount).is_integer():
        return _Hit("DATE", "PAST_REF" if word in ("ago", "earlier") else "FUTURE_REF")
    if unit in ("second", "minute", "hour"):
        return _Hit("TIME", None)  # "12 minutes later": a clock time we cannot know
    sign = -1 if word in ("ago", "earlier") else 1
    base = ctx.anchor if word in ("ago", "from now", "hence") else ctx.narrative
    if base is None:
        return _Hit("DATE", None)
    return _Hit("DATE", tr.shift_unit(base, unit, sign * int(amount)))


# ---------------------------------------------------------------- durations, refs, sets


# "1.5 billion a month", "twice a week", "300 euros a day": a rate, so a SET.
_RATE_BEFORE = re.compile(
    r"(\d|\b(?:times|twice|once|thrice|hundred|thousand|million|billion|trillion|dollars?"
    r"|euros?|pounds?|yen|yuan|barrels?|tons?|tonnes?|people|cases|deaths|meals|hours|days))"
    r"\S*\s*$"
)


_SPAN_ADJ = r"(?:(?:straight|consecutive|successive|full|more|further|additional|long)\s+)?"


@_pattern(
    rf"(?:the\s+(?P<r>past|last|next|first|previous|coming|following|final)\s+)?"
    rf"(?P<n>{_NUM})(?P<h>-|\s+{_SPAN_ADJ})(?P<u>{_UNIT})(?P<o>-old|\s+old)?"
)
def _duration(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    unit, n = tr.unit_name(m["u"]), m["n"].lower()
    if m["h"] == "-" and m["u"].lower().endswith("s") and not m["o"]:
        return None  # "two-days" is not a form writers use; likely a compound name
    text = ctx.text
    if n in ("a", "an") and m["u"].lower() == "second":
        return None  # "a second earthquake" counts, it does not last
    if n in ("a", "an") and not m["r"]:
        before = text[max(0, m.start() - 24) : m.start()].lower()
        if _RATE_BEFORE.search(before):
            return _Hit("SET", tr.duration_value(1, unit))
    if n in ("some", "many") and not m["r"]:
        return None
    if m["r"] and m["r"].lower() in ("coming",) and tr.number_value(n) is None:
        return _Hit("DATE", "FUTURE_REF")
    return _Hit("DURATION", tr.duration_value(tr.number_value(n), unit))


@_pattern(rf"(?P<the>the\s+)?(?P<r>coming|recent|past|last|next)\s+(?P<u>{_UNIT})")
def _vague_period(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not m["u"].lower().endswith("s"):
        return None
    rel = m["r"].lower()
    if rel == "coming" or (rel == "next" and m["the"]):
        return _Hit("DATE", "FUTURE_REF")
    if rel == "recent" or m["the"]:
        # TimeML reads "recent years" and "the past months" as spans of vague length
        return _Hit("DURATION", tr.duration_value(None, tr.unit_name(m["u"])))
    return None


@_pattern(rf"(?P<p>{_PART})\s+the\s+(?P<u>week|month|year|decade|century)")
def _part_of_current(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "the end of the year": the current period, with its part as the mod."""
    unit, mod = m["u"].lower(), tr.part_mod(m["p"])
    if ctx.narrative is None:
        return _Hit("DATE", None, mod)
    if unit == "decade":
        return _Hit("DATE", tr.shift_decades(ctx.narrative, 0), mod)
    if unit == "century":
        return _Hit("DATE", tr.shift_centuries(ctx.narrative, 0), mod)
    return _Hit("DATE", tr.shift_unit(ctx.narrative, unit, 0), mod)


@_pattern(
    r"the\s+(?P<w>same|next|following|previous)\s+day|the\s+day\s+(?P<b>before|after)(?=\s*[,.;])"
)
def _narrative_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """Days counted from the last date the story gave ("the next day")."""
    word = (m["w"] or m["b"]).lower()
    base = ctx.narrative
    if base is None:
        return _Hit("DATE", None)
    shift = {"same": 0, "next": 1, "following": 1, "after": 1}.get(word, -1)
    return _Hit("DATE", tr.shift_days(base, shift))


@_pattern(r"year-end|(?P<p>mid-?)year")
def _year_end(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "by year-end", "at midyear": the publication year, with its part as mod."""
    if ctx.anchor is None:
        return _Hit("DATE", None, "MID" if m["p"] else "END")
    return _Hit("DATE", tr.shift_years(ctx.anchor, 0), "MID" if m["p"] else "END")


@_pattern(r"(?P<r>the|this|last|next|coming)\s+weekend")
def _weekend(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.anchor is None or ctx.anchor.date is None:
        return _Hit("DATE", None)
    rel = m["r"].lower()
    if rel == "the":
        rel = "next" if _direction(m, ctx, "future") == "future" else "last"
        day = ctx.anchor.date
        # a weekend read on a Saturday or Sunday is the current one
        if day.weekday() >= 5 or (rel == "next" and day.weekday() < 5):
            rel = "this"
    shift = {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
    week = tr.shift_weeks(ctx.anchor, shift)
    return _Hit("DATE", None if week is None else week + "-WE")


@_pattern(rf"(?:(?P<n>{_NUM})-)?(?P<u>{_UNIT})-long")
def _long(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    amount = tr.number_value(m["n"]) if m["n"] else (None if m["u"].lower().endswith("s") else 1)
    return _Hit("DURATION", tr.duration_value(amount, tr.unit_name(m["u"])))


@_pattern(r"(?P<u>(?:second|minute|hour|day|week|month|year|decade)s)")
def _bare_units(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """ "for years", "months of talks", "years ago": plural units with no number."""
    text = ctx.text
    before = text[max(0, m.start() - 8) : m.start()].lower()
    after = text[m.end() : m.end() + 6].lower()
    if re.match(r"\s+ago\b", after):
        return _Hit("DATE", "PAST_REF")
    if re.search(r"\b(the|early|late|small|wee)\s+$", before):
        return None  # "the early hours of Saturday" names a time of day, not a span
    if re.search(r"\b(for|over|within|in|after)\s+$", before) or re.match(r"\s+of\b", after):
        return _Hit("DURATION", tr.duration_value(None, tr.unit_name(m["u"])))
    return None


@_pattern(rf"{_alt(REFS)}|the\s+(?:coming|next\s+few)\s+(?:days|weeks|months|years)")
def _ref(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m[0].lower()
    if "coming" in word or "next" in word:
        return _Hit("DATE", "FUTURE_REF")
    return _Hit("DATE", REFS[word])


@_pattern(rf"every\s+(?P<n>{_NUM})\s+(?P<u>{_UNIT})")
def _every_n(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not m["u"].lower().endswith("s"):
        return None
    return _Hit("SET", tr.duration_value(tr.number_value(m["n"]), tr.unit_name(m["u"])))


@_pattern(
    rf"(?:every|each)\s+(?P<o>other\s+)?(?P<u>day|night|week|month|year|quarter|morning|afternoon|evening|{_WDAY}|{_SEASON})|{_alt(SET_ADVERBS)}|(?:once|twice|\w+\s+times)\s+(?:a|per|each|every)\s+(?P<u2>day|week|month|year)|per\s+(?P<u3>day|week|month|year)"
)
def _set(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    word = m[0].lower()
    if word in SET_ADVERBS:
        return _Hit("SET", SET_ADVERBS[word])
    unit = (m["u"] or m["u2"] or m["u3"]).lower().rstrip(".")
    step = 2 if m["o"] else 1
    if unit in WEEKDAYS:
        return _Hit("SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}")
    if unit in DAY_PARTS:
        return _Hit("SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}")
    if unit in SEASON_CODES:
        return _Hit("SET", f"XXXX-{SEASON_CODES[unit]}")
    if unit == "quarter":
        return _Hit("SET", f"P{3 * step}M")
    return _Hit("SET", tr.duration_value(step, unit))


# ---------------------------------------------------------------- clock times and holidays


@_pattern(
    rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?![a-z]){_TZ}|(?P<h2>\d{{1,2}}):(?P<mi2>\d{{2}}){_ZONE}|(?P<w>noon|midday|midnight)|(?P<h3>\d{{1,2}})\s+o'clock"
)
def _clock(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if m["w"]:
        hour, minute = (24 if m["w"].lower() == "midnight" else 12), 0
    else:
        hour = int(m["h"] or m["h2"] or m["h3"])
        minute = int(m["mi"] or m["mi2"] or 0)
        if m["h"]:
            if not 1 <= hour <= 12:
                return None
            hour = tr.clock_hour(hour, m["ap"])
    day = None if ctx.anchor is None else tr.shift_days(ctx.anchor, 0)
    return _Hit("TIME", tr.time_value(day, hour, minute), floating=True)


@_pattern(rf"{_alt(HOLIDAYS)}")
def _holiday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if not _capitalised(m[0]):
        return None
    month, day = HOLIDAYS[m[0].lower()]
    if ctx.anchor is None:
        return _Hit("DATE", None)
    return _Hit(
        "DATE", tr.month_day(ctx.anchor, month, day, clause_direction(ctx.doc, m.start(), m.end()))
    )


# ---------------------------------------------------------------- the cascade


@dataclass(frozen=True)
class FoundTimex:
    """A time expression before it gets its record id."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    mod: str | None = None


def find_timexes(text: str, published: str | None, doc: Doc | None = None) -> list[FoundTimex]:
    """Every time expression in ``text``, resolved against ``published``.

    ``doc`` (a spaCy parse of the same text) supplies clause tense; without
    it weekdays and months default to the past, as news reports mostly do.
    """
    candidates: list[tuple[int, int, _Handler, re.Match[str]]] = []
    for regex, handler in _PATTERNS:
        for m in regex.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), handler, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(len(text))  # 1 where a chosen expression already sits
    chosen: list[tuple[int, int, _Handler, re.Match[str]]] = []
    ctx = _Ctx(text, tr.parse_anchor(published), doc)
    for cand in candidates:
        start, end = cand[0], cand[1]
        if any(taken[start:end]):
            continue
        # A pattern may veto its own match ("may" the modal); only then does a
        # shorter overlapping candidate get its turn.
        if cand[2](cand[3], _Ctx(text, ctx.anchor, doc)) is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    found: list[FoundTimex] = []
    floating: list[int] = []
    for start, end, handler, m in sorted(chosen, key=lambda c: c[0]):
        hit = handler(m, ctx)
        if hit is None:
            continue
        found.append(FoundTimex(start, end, text[start:end], hit.type, hit.value, hit.mod))
        if hit.floating:
            floating.append(len(found) - 1)
        ref = tr.anchor_from_value(hit.value) if hit.type == "DATE" else None
        if ref is not None:
            ctx.ref = ref
    for i in floating:
        found[i] = _day_of_clock(found, i, doc)
    return found


_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day_of_clock(found: list[FoundTimex], i: int, doc: Doc | None) -> FoundTimex:
    """Put a clock time on the day its sentence names ("3 p.m. on Thursday")."""
    clock = found[i]
    if doc is None or clock.value is None:
        return clock
    span = doc.char_span(clock.start, clock.end, alignment_mode="expand")
    if span is None:
        return clock
    sent = span[0].sent
    days = [
        f
        for f in found
        if f.type == "DATE"
        and f.value
        and _DAY_VALUE.match(f.value)
        and sent.start_char <= f.start
        and f.end <= sent.end_char
    ]
    if not days:
        return clock
    day = min(days, key=lambda f: abs(f.start - clock.start))
    return dataclasses.replace(clock, value=f"{day.value}{clock.value[10:]}")


def extract_timexes(doc: Doc, article_id: str, published: str | None) -> list[Timex]:
    """The pipeline stage: TIMEX3 records for one parsed article.

    ``published`` is ISO ("2025-10-27", "2025-10" or "2025") or None; with
    None, expressions relative to the publication date keep value None.
    """
    return [
        Timex(
            id=f"{article_id}-t{n}",
            article_id=article_id,
            text=f.text,
            start=f.start,
            end=f.end,
            type=f.type,
            value=f.value,
            mod=f.mod,
        )
        for n, f in enumerate(find_timexes(doc.text, published, doc))
    ]
