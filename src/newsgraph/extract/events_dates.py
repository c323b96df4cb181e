"""When an event happened: which time expression dates it, and at what granularity.

The cascade for one event:

1. the time expression attached to the event in the parse (its first event
   word up the dependency chain is this event's trigger or verb);
2. else a date anywhere in the sentence ("officials said Thursday");
3. else, when the sentence points back ("Later that day", "the next day",
   "Afterwards"), the last date named in an earlier sentence, shifted by a day
   for "next"/"previous";
4. else the publication date (``date_text`` stays None to show it is a default).

Values are TIMEX3 (``extract.timexes``); the event's ``date`` is ISO truncated
to its granularity. Durations, sets and vague values (``PAST_REF``) never date
an event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..model import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_GRANULARITY = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}"), "time"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
)
_ANAPHORIC = re.compile(
    r"\b(that|the same|the next|the following|the previous|the preceding)\s+"
    r"(day|morning|afternoon|evening|night)\b|\bthe day (before|after)\b",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(
    r"^\W*(later|afterwards|afterward|earlier|then|hours later|shortly after(wards)?|"
    r"that (day|morning|afternoon|evening|night))\b",
    re.IGNORECASE,
)
_NEXT = re.compile(r"\b(next|following) (day|morning)\b|\bthe day after\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\b(previous|preceding) (day|evening|night)\b|\bthe day before\b", re.I)


_WEEKDAY = re.compile(r"(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_MONTH = re.compile(
    r"(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", re.I
)
_UNIT_DAYS = {"day": 1, "week": 7}
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class DateStamp:
    """An event's date, how precise it is, and the words it came from."""

    date: str | None
    granularity: str | None
    text: str | None
    after_publication: bool = False


def granularity_of(value: str | None) -> str | None:
    """The granularity of a TIMEX3 date value, or None when it is not a date."""
    if not value:
        return None
    for pattern, name in _GRANULARITY:
        if pattern.match(value):
            return name
    return None


def _truncate(value: str, granularity: str) -> str:
    return value[:10] if granularity == "day" else value


class DateResolver:
    """Dates for the events of one article, read sentence by sentence in order."""

    def __init__(self, doc: Doc, timexes: Sequence[Timex], published: str | None) -> None:
        self.published = published
        self.pub_granularity = granularity_of(published)
        self._timexes: list[tuple[Timex, Token]] = []
        for tx in sorted(timexes, key=lambda t: t.start):
            if tx.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None and len(span):
                self._timexes.append((tx, span.root))
        self._attached: dict[int, Timex] = {}  # event word index -> its timex
        self._frame: Timex | None = None  # last absolute date of earlier sentences
        self._sentence: Span | None = None

    def attach(self, sent: Span, event_words: set[int]) -> None:
        """Link each time expression of ``sent`` to the first event word above it."""
        if self._sentence is not None:
            self._advance_frame(self._sentence)
        self._sentence = sent
        for tx, root in self._in(sent):
            tok = root.head
            hops = 0
            while hops < 12:
                if tok.i in event_words:
                    held = self._attached.get(tok.i)
                    # "now planned for April": a named date outranks a bare "now".
                    if held is None or (held.value == "PRESENT_REF" and granularity_of(tx.value)):
                        self._attached[tok.i] = tx
                    break
                if tok.head == tok:
                    break
                tok, hops = tok.head, hops + 1

    def date_for(self, trigger: Token, anchor: Token, sent: Span) -> DateStamp:
        """The date of the event whose trigger and verb are given."""
        tx = self._attached.get(trigger.i) or self._attached.get(anchor.i)
        if tx is None:
            shifted = self._relative_clause_date(anchor, sent)
            if shifted is not None:
                return shifted
        if tx is None and _pluperfect_report(anchor):
            # "acknowledged on Monday that it had sent troops": Monday dates the
            # acknowledgement; the sending came earlier, on an unstated day.
            return DateStamp(None, None, None)
        if tx is None:
            usable = [
                (t, r) for t, r in self._in(sent) if self._absolute(t) or _ANAPHORIC.search(t.text)
            ]
            # a time expression governing the event's own clause beats one in a side clause
            # ("controls it announced on October 9, ... the deal struck by X")
            above = {t.i for t in anchor.ancestors}
            ranked = sorted(usable, key=lambda tr: _governor(tr[1]) not in above)
            tx = ranked[0][0] if ranked else None
        if tx is not None and self._absolute(tx) and not _ANAPHORIC.search(tx.text):
            return self._stamp(tx.value or "", tx.text)
        if tx is not None or _POINTS_BACK.search(sent.text):
            stamp = self._from_frame(tx.text if tx else sent.text)
            if stamp is not None:
                return stamp
        if self.published and self.pub_granularity:
            return DateStamp(self.published, self.pub_granularity, None)
        return DateStamp(None, None, None)

    def past_weekday(self, stamp: DateStamp) -> DateStamp:
        """A bare weekday read forwards, moved to the week before publication.

        For events the grammar shows were done ("the decision on Tuesday to
        sanction") when the time expression alone was read as a plan.
        """
        if (
            stamp.granularity != "day"
            or not stamp.date
            or not _WEEKDAY.fullmatch((stamp.text or "").strip())
        ):
            return stamp
        day = date.fromisoformat(stamp.date) - timedelta(days=7)
        return DateStamp(
            day.isoformat(), "day", stamp.text, self._after_publication(day.isoformat())
        )

    def future_month(self, stamp: DateStamp) -> DateStamp:
        """A bare month named for a planned event is the next such month, not the last."""
        pub = self.published or ""
        if (
            stamp.granularity != "month"
            or not stamp.date
            or len(pub) < 7
            or not _MONTH.fullmatch((stamp.text or "").strip())
            or stamp.date >= pub[:7]
        ):
            return stamp
        value = f"{int(stamp.date[:4]) + 1}{stamp.date[4:7]}"
        return DateStamp(value, "month", stamp.text, self._after_publication(value))

    def _relative_clause_date(self, anchor: Token, sent: Span) -> DateStamp | None:
        """ "said on Tuesday, a day after X met Y": X's date is Tuesday minus a day."""
        marks = [c.lower_ for c in anchor.children if c.dep_ in ("mark", "prep")]
        direction = -1 if "after" in marks else 1 if "before" in marks else 0
        gap = next((c for c in anchor.children if c.dep_ == "npadvmod"), None)
        if not direction or gap is None or gap.lemma_.lower() not in _UNIT_DAYS:
            return None
        count = 1
        for child in gap.children:
            if child.dep_ == "nummod":
                count = _COUNTS.get(child.lower_, int(child.text) if child.text.isdigit() else 0)
        own = {t.i for t in anchor.subtree}
        for tx, root in self._in(sent):
            if root.i in own or granularity_of(tx.value) != "day" or tx.value is None:
                continue
            days = count * _UNIT_DAYS[gap.lemma_.lower()] * direction
            day = date.fromisoformat(tx.value[:10]) + timedelta(days=days)
            return self._stamp(
                day.isoformat(), f"{gap.text} {'after' if direction < 0 else 'before'}"
            )
        return None

    def _in(self, sent: Span) -> list[tuple[Timex, Token]]:
        return [(t, r) for t, r in self._timexes if sent.start_char <= t.start < sent.end_char]

    @staticmethod
    def _absolute(tx: Timex) -> bool:
        return granularity_of(tx.value) is not None or tx.value == "PRESENT_REF"

    def _advance_frame(self, sent: Span) -> None:
        for tx, _ in self._in(sent):
            if granularity_of(tx.value) is not None and not _ANAPHORIC.search(tx.text):
                self._frame = tx

    def _from_frame(self, cue: str) -> DateStamp | None:
        frame = self._frame
        if frame is None or frame.value is None:
            return None
        value = frame.value
        gran = granularity_of(value)
        if gran in ("day", "time"):
            shift = 1 if _NEXT.search(cue) else -1 if _PREVIOUS.search(cue) else 0
            if shift:
                day = date.fromisoformat(value[:10]) + timedelta(days=shift)
                value, gran = day.isoformat(), "day"
        match = _ANAPHORIC.search(cue) or _POINTS_BACK.search(cue)
        text = match.group(0).strip() if match else frame.text
        return self._stamp(value, text)

    def _stamp(self, value: str, text: str) -> DateStamp:
        if value == "PRESENT_REF":
            return DateStamp(self.published, self.pub_granularity, text)
        gran = granularity_of(value) or "day"
        iso = _truncate(value, gran)
        return DateStamp(iso, gran, text, self._after_publication(iso))

    def _after_publication(self, iso: str) -> bool:
        """True when a plain ISO date lies wholly after the publication date."""
        if not self.published or not re.match(r"^\d{4}(-\d{2}){0,2}$", iso):
            return False
        if not re.match(r"^\d{4}(-\d{2}){0,2}$", self.published):
            return False
        n = min(len(iso), len(self.published))
        return iso[:n] > self.published[:n]


def _pluperfect_report(verb: Token) -> bool:
    """A past-perfect clause under another verb ("said it had sent", "admitted that it had")."""
    return verb.dep_ in ("ccomp", "relcl", "advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children
    )


def _governor(tok: Token) -> int:
    """The index of the verb a time expression modifies ("said on Thursday" → said)."""
    for up in tok.ancestors:
        if up.pos_ in ("VERB", "AUX"):
            return up.i
    return tok.i
