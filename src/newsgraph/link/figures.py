"""Figures compared across outlets: the same quantity as different articles report it.

"40,000 displaced (Reuters, 2025-01, citing the UN) → 65,000 (AP, 2025-06,
citing local officials)" is the view a journalist needs to see who first said
a number, who repeated it and where it changed. Claims are grouped when they
count the same thing:

1. the same counted noun (``unit``, compared in a singular form, so "troops"
   and "troop" meet; shares and sums only with a shared subject word);
2. and something shared about it: a content word of the subject beyond the
   unit ("displaced", "floods") or an entity the claim names;
3. and no different fate: people killed, injured, detained, displaced, sent or
   taking part are different counts even in the same place on the same day
   ("79 people detained" is not a crowd size).

A group is labelled with the subject one of its reports actually wrote, the
one sharing most words with the others ("people displaced by the floods").

Groups are ordered in time (the article's publication date, else the claim's
own date) and every change of value from one report to the next is flagged.
Pure functions over plain records: the store gathers the input, the CLI and
web page print the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Article, Claim

# Words that say nothing about what is counted.
# fmt: off
_STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "by", "for", "from", "with", "and", "or",
    "since", "than", "more", "some", "about", "their", "its", "his", "her", "were", "was", "have",
    "has", "had", "been", "be", "is", "are", "that", "who", "which", "this", "these", "those",
    "as", "up", "over", "last", "year", "month", "week", "day",
}
# fmt: on
# Measures that need a shared subject word to be the same figure ("3% inflation" vs "3% growth").
_GENERIC_UNITS = {"percent", "dollar", "euro", "pound", "yen", "time", "point", "people", "person"}
_QUALIFIER_TEXT = {
    "about": "about ",
    "at_least": "more than ",
    "at_most": "up to ",
    "exact": "",
    "range": "",
}
# What happened to the counted people or things: two claims with different fates
# count different things. Words are compared after ``singular``.
_FATES = {
    "dead": "killed kill died die dead death toll perished drowned fatality",
    "hurt": "injured injure wounded wound hurt",
    "held": "detained detain arrested arrest jailed jail imprisoned captured prisoner",
    "displaced": "displaced displace fled flee evacuated evacuate homeless refugee",
    "missing": "missing",
    "sent": "sent send deployed deploy",
    "present": "joined join attended attend gathered gather rallied marched turned poured part",
}
# Two values within this share of each other are the same figure reported again.
TOLERANCE = 0.02


@dataclass(frozen=True)
class ClaimContext:
    """A claim with what the table shows beside it: the outlet and the article's date."""

    claim: Claim
    outlet: str | None = None
    published: str | None = None
    entities: tuple[str, ...] = ()  # names of entities the claim's sentence names
    story: str | None = None  # the article's story: figures of different stories never meet


@dataclass(frozen=True)
class FigureRow:
    """One report of a figure; ``changed`` when it differs from the report before it."""

    item: ClaimContext
    changed: bool = False

    @property
    def when(self) -> str | None:
        return self.item.published or self.item.claim.date


@dataclass(frozen=True)
class FigureGroup:
    """The same quantity across articles, in time order."""

    unit: str
    about: str
    rows: tuple[FigureRow, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.item.outlet for r in self.rows if r.item.outlet))

    @property
    def differs(self) -> bool:
        return any(r.changed for r in self.rows)

    @property
    def incidental(self) -> bool:
        """Only ones and twos of something nothing happened to ("the two leaders met").

        Such counts describe the scene rather than claim a figure; two people
        killed or injured are a figure and are not incidental.
        """
        return all(
            r.item.claim.value <= 2 and r.item.claim.value_max is None for r in self.rows
        ) and not any(_fates(_words(r.item, self.unit)) for r in self.rows)

    def summary(self) -> str:
        """ "40,000 people (Reuters, 2025-01, citing the UN) → 65,000 (AP, 2025-06)"."""
        parts: list[str] = []
        for k, row in enumerate(self.rows):
            c = row.item.claim
            text = format_value(c) + (f" {c.unit}" if k == 0 and c.unit else "")
            where = [x for x in (row.item.outlet, (row.when or "")[:7] or None) if x]
            if c.attributed_to:
                where.append(f"citing {c.attributed_to[0].name}")
            parts.append(f"{text} ({', '.join(where)})" if where else text)
        return " → ".join(parts)


def claim_contexts(claims: Iterable[Claim], articles: Mapping[str, Article]) -> list[ClaimContext]:
    """Claims joined to their article's outlet and date (claims of unknown articles kept bare)."""
    out = []
    for c in claims:
        art = articles.get(c.article_id)
        out.append(ClaimContext(c, art.source if art else None, art.published if art else None,
                                story=art.story_id if art else None))
    return out


def format_value(c: Claim) -> str:
    """The value as a reader writes it: "more than 40,000", "3,000–5,000"."""
    if c.value_max is not None:
        return f"{_num(c.value)}–{_num(c.value_max)}"
    return _QUALIFIER_TEXT.get(c.approx, "") + _num(c.value)


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _num(v: float) -> str:
    """A number as news writes it: 40,000; 2.5 million; 350 billion."""
    for size, word in _SCALES:
        if abs(v) >= size:
            return f"{v / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def singular(word: str) -> str:
    """A rough singular for grouping units: "casualties" → "casualty", "troops" → "troop"."""
    w = word.lower().strip()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_FATE_OF = {singular(w): fate for fate, words in _FATES.items() for w in words.split()}


# Spans of time ("talks lasted two days") are durations, not figures anyone disputes.
_DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}


def _unit_key(c: Claim) -> str | None:
    if not c.unit:
        return None
    key = " ".join(singular(w) for w in c.unit.split())
    return None if key in _DURATIONS else key


def _words(item: ClaimContext, unit: str) -> set[str]:
    unit_words = set(unit.split())
    words = {singular(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]+", item.claim.subject or "")}
    return {w for w in words if w not in _STOP and w not in unit_words}


def _values_differ(a: Claim, b: Claim) -> bool:
    lo_a, hi_a = a.value, a.value_max if a.value_max is not None else a.value
    lo_b, hi_b = b.value, b.value_max if b.value_max is not None else b.value
    if hi_a < lo_b * (1 - TOLERANCE) or hi_b < lo_a * (1 - TOLERANCE):
        return True
    return (
        a.approx != b.approx and a.value_max is None and b.value_max is None and a.value != b.value
    )


def _related(a: ClaimContext, b: ClaimContext, unit: str) -> bool:
    """Same counted thing: a shared subject word or a shared entity, in the same story."""
    if a.story and b.story and a.story != b.story:
        return False  # "people killed" in two earthquakes are two figures
    wa, wb = _words(a, unit), _words(b, unit)
    fates_a, fates_b = _fates(wa), _fates(wb)
    if fates_a and fates_b and not fates_a & fates_b:
        return False  # killed vs injured, detained vs marching: different counts
    if wa & wb:
        return True
    if {e.lower() for e in a.entities} & {e.lower() for e in b.entities}:
        return True
    # bare counts ("40,000 displaced people" vs "65,000 people") with nothing else said
    return not wa and not wb and unit not in _GENERIC_UNITS


def _matches(item: ClaimContext, about: str) -> bool:
    needle = about.lower()
    hay = " ".join(
        filter(None, (item.claim.subject, item.claim.unit, item.claim.value_text))
    ).lower()
    return needle in hay or singular(needle) in {singular(w) for w in hay.split()}


def group_figures(
    items: Sequence[ClaimContext], about: str | None = None, min_articles: int = 1
) -> list[FigureGroup]:
    """Group claims about the same quantity, each group in time order.

    ``about`` keeps only claims whose subject or unit mentions it ("displaced");
    ``min_articles`` drops groups reported by fewer articles (2 shows only
    figures that more than one article gives). Groups come largest first.
    """
    chosen = [it for it in items if about is None or _matches(it, about)]
    by_unit: dict[str, list[ClaimContext]] = {}
    for it in chosen:
        key = _unit_key(it.claim)
        if key is not None:
            by_unit.setdefault(key, []).append(it)
    groups: list[FigureGroup] = []
    for unit, members in by_unit.items():
        for cluster in _clusters(members, unit):
            cluster.sort(
                key=lambda it: (
                    it.published or it.claim.date or "",
                    it.claim.article_id,
                    it.claim.start,
                )
            )
            if len({it.claim.article_id for it in cluster}) < min_articles:
                continue
            rows = [FigureRow(cluster[0])]
            for prev, cur in zip(cluster, cluster[1:], strict=False):
                rows.append(FigureRow(cur, _values_differ(prev.claim, cur.claim)))
            groups.append(FigureGroup(unit, _about(cluster, unit), tuple(rows)))
    groups.sort(key=lambda g: (-len(g.rows), g.unit, g.about))
    return groups


def _clusters(members: list[ClaimContext], unit: str) -> list[list[ClaimContext]]:
    """Connected components of ``_related`` (single link), in input order."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if _related(members[i], members[j], unit):
                parent[find(j)] = find(i)
    out: dict[int, list[ClaimContext]] = {}
    for i, m in enumerate(members):
        out.setdefault(find(i), []).append(m)
    return list(out.values())


def _fates(words: set[str]) -> set[str]:
    return {_FATE_OF[w] for w in words if w in _FATE_OF}


def _about(cluster: list[ClaimContext], unit: str) -> str:
    """The subject one report wrote that shares most words with the others.

    Ties go to the subject with fewer words of its own, then the shorter; a
    group whose claims have no subject is labelled by its unit.
    """
    counts: dict[str, int] = {}
    words = [_words(it, unit) for it in cluster]
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    best: tuple[int, int, int, str] | None = None
    for it, ws in zip(cluster, words, strict=True):
        subject = " ".join((it.claim.subject or "").split())
        if not subject:
            continue
        shared = sum(counts[w] - 1 for w in ws)
        alone = sum(1 for w in ws if counts[w] == 1)
        rank = (-shared, alone, len(subject), subject)
        if best is None or rank < best:
            best = rank
    return best[3] if best else unit
