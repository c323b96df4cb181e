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
                    self._attached.setdefault(tok.i, tx)
                    break
                if tok.head == tok:
                    break
                tok, hops = tok.head, hops + 1

    def date_for(self, trigger: Token, anchor: Token, sent: Span) -> DateStamp:
        """The date of the event whose trigger and verb are given."""
        tx = self._attached.get(trigger.i) or self._attached.get(anchor.i)
        if tx is None:
            usable = [
                t for t, _ in self._in(sent) if self._absolute(t) or _ANAPHORIC.search(t.text)
            ]
            tx = usable[0] if usable else None
        if tx is not None and self._absolute(tx) and not _ANAPHORIC.search(tx.text):
            return self._stamp(tx.value or "", tx.text)
        if tx is not None or _POINTS_BACK.search(sent.text):
            stamp = self._from_frame(tx.text if tx else sent.text)
            if stamp is not None:
                return stamp
        if self.published and self.pub_granularity:
            return DateStamp(self.published, self.pub_granularity, None)
        return DateStamp(None, None, None)

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
