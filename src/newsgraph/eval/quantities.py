"""Score quantity extraction on NewsQuant with the CQE paper's measures.

NewsQuant (Almasian et al., EMNLP 2023) is 590 news sentences with every
quantity tagged: value (a number or a "lo-hi" range), normalised unit, change
and referred concepts. We reproduce the paper's scorer from its description
and released evaluation script, so our figures sit beside the published ones:

1. Per sentence, gold and predicted quantities are sorted by normalised unit.
2. For each gold quantity, predictions are scanned in order. A prediction
   whose value matches (``isclose``, rtol 1e-5; a range matches only a range
   with both ends equal) counts toward **value** — at most as many times per
   sentence as the sentence has gold quantities — and its concepts are
   compared: **partial** if any gold concept word is among the predicted
   words, **complete** if the two word sets are equal (case-insensitive).
3. If the unit also matches, it counts toward **value+unit**, the prediction is
   consumed and the scan moves to the next gold quantity; otherwise the scan
   goes on to the next prediction.
4. P = hits / predictions, R = hits / gold quantities, F1 their harmonic mean,
   in percent, over the whole split.

The scorer's quirks (a value hit counted before the unit decides, concept
hits counted for every value-matching candidate) are kept on purpose: they
are what the published numbers mean.

Splits: ``dev`` is a fixed half chosen by a hash of the sentence text (used to
develop the rules), ``test`` the other half (the figures we report), ``all``
the whole set (comparable with the paper, which has no split).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..extract.annotate import parse_many
from ..extract.claims import UNITS, Quantity, find_quantities
from ..extract.numbers import currency_table
from .base import PRF, EvalReport, require_dir

# fmt: off
PUBLISHED = {
    "CQE value F1": 92.0, "CQE value+unit F1": 85.6, "CQE value+concept partial F1": 76.1,
    "CQE value+concept complete F1": 57.0, "GPT-3 value F1": 70.6, "quantulum3 value F1": 73.0,
    "quantulum3 value+unit F1": 47.2,
}
# fmt: on
SPLITS = ("dev", "test", "all")
FILE = "NewsQuant.json"

# Our unit names → the benchmark's normalised names (its naming, not ours).
# fmt: off
CQE_UNITS = {
    "percent": "percentage", "dollar": "dollar", "pound": "pound sterling", "yen": "japanese yen",
    "yuan": "chinese yuan", "ringgit": "malaysian ringgit", "euro": "euro",
    "rupee": "indian rupee", "australian dollar": "australian dollar",
    "hong kong dollar": "hong kong dollar", "canadian dollar": "canadian dollar", "time": "count",
    "tonne": "metric ton", "meter": "metre", "kilometer": "kilometre", "liter": "litre",
    "centimeter": "centimetre", "millimeter": "millimetre", "feet": "foot",
    "per cent": "percentage", "touchdown": "touch down", "lira": "turkish lira",
    "rand": "south african rand", "franc": "swiss franc", "lari": "georgian lari",
    "kuna": "croatian kuna", "kilowatt-hour": "kilowatt hour", "gigawatt-hour": "gigawatt hour",
    "part per million": "part per million", "metric ton": "metric ton", "renminbi": "chinese yuan",
    "won": "south korean won", "baht": "thai baht", "rouble": "russian ruble",
    "ruble": "russian ruble", "krone": "danish krone", "new zealand dollar": "new zealand dollar",
    "singapore dollar": "singapore dollar",
}
# fmt: on
# The currency table names a word's or a currency's benchmark spelling where it differs.
CQE_UNITS.update(
    (cur["words"][0], cur["benchmark"])
    for cur in currency_table()["currencies"]
    if "benchmark" in cur and cur["words"][0] not in CQE_UNITS
)
CQE_UNITS.update(
    (name, spelt)
    for name, spelt in currency_table()["benchmark_names"].items()
    if name not in CQE_UNITS
)

Value = float | tuple[float, float]
_MEASURES = {singular for _, singular in UNITS.values()} | {
    "pint",
    "quart",
    "gallon",
    "ounce",
    "pound",
}


@dataclass(frozen=True)
class Item:
    """One quantity as the scorer sees it."""

    value: Value
    unit: str
    concepts: tuple[str, ...]


def in_split(text: str, split: str) -> bool:
    """A fixed half of the sentences by hash: dev is even, test is odd."""
    if split == "all":
        return True
    odd = hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 1
    return odd if split == "test" else not odd


def load(data: Path, split: str, limit: int | None) -> list[tuple[str, list[Item]]]:
    if split not in SPLITS:
        raise DataError(f"newsquant: unknown split {split!r}; valid: {', '.join(SPLITS)}")
    path = require_dir(data, "newsquant", FILE) / FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"newsquant: cannot read {path}: {exc}") from exc
    out = [
        (r["text"], [gold_item(q) for q in r["quantities"]])
        for r in rows
        if in_split(r["text"], split)
    ]
    return out[:limit] if limit is not None else out


def gold_item(q: dict[str, str]) -> Item:
    raw = q["value"].strip()
    value: Value
    if "-" in raw and not raw.startswith("-") and "E" not in raw:
        lo, hi = raw.split("-")[:2]
        value = (float(lo), float(hi))
    else:
        value = float(raw)
    concepts = tuple(w for w in re.split(r"[,\s]+", q["referred_concepts"]) if w)
    return Item(value, q["normalized_unit"].lower(), concepts)


def predicted_item(q: Quantity) -> Item:
    """Our quantity in the benchmark's terms (vague amounts as decade ranges)."""
    value: Value = q.value if q.value_max is None else (q.value, q.value_max)
    if q.value_max is not None and not q.mention.ascending:
        value = (q.value_max, q.value)  # the benchmark keeps a range in the order written
    if q.mention.kind == "fraction":
        value = q.mention.value  # a share is scored as the share, not its product with a base
        if q.unit == "percent":  # the benchmark names a bare share "% <what it is of>"
            last = (q.share_of or "-").split()[-1]
            return Item(
                value, last if last in _MEASURES else f"% {q.share_of or '-'}", q.concepts or ("-",)
            )
    if q.mention.vague:
        value = (q.value, q.value * 10)
    unit = (q.unit_lemma or "-").lower()
    if " per " in unit:
        left, right = unit.split(" per ", 1)
        unit = f"{_benchmark_unit(left)} per {_benchmark_unit(right)}"
    else:
        unit = _benchmark_unit(unit)
    if q.mention.kind == "fraction" and unit != "-" and unit.split()[-1] not in _MEASURES:
        unit = f"% {unit}"  # a share of a counted base is still a share: "% digital physical sale"
    return Item(value, unit, q.concepts or ("-",))


_METRIC = re.compile(r"\b(kilo|centi|milli|micro|nano|deci)?(met|lit)er\b")


def _benchmark_unit(unit: str) -> str:
    """Our unit in the benchmark's spelling, the way CQE's evaluation normalises every
    system's output before its exact match: its names for currencies and measures, British
    "-metre"/"-litre", and a US measure named without "US" ("us pint" is a "pint")."""
    unit = CQE_UNITS.get(unit, unit)
    unit = _METRIC.sub(lambda m: f"{m.group(1) or ''}{m.group(2)}re", unit)
    if unit.startswith("us ") and unit.split()[-1] in _MEASURES:
        unit = unit[3:]
    return {"fluid ounce": "ounce"}.get(unit, unit)


def values_match(gold: Value, pred: Value) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return _close(gold[0], pred[0]) and _close(gold[1], pred[1])
    assert isinstance(gold, float) and isinstance(pred, float)
    return _close(gold, pred)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


@dataclass
class Tally:
    value: PRF
    unit: PRF
    partial: PRF
    complete: PRF


def score_sentence(gold: list[Item], pred: list[Item], tally: Tally) -> None:
    """Add one sentence's hits to the tally (steps 1-3 of the module docstring)."""
    for prf in (tally.value, tally.unit, tally.partial, tally.complete):
        prf.add(0, len(pred), len(gold))
    remaining = sorted(pred, key=lambda it: it.unit)
    value_budget = len(gold)
    for g in sorted(gold, key=lambda it: it.unit):
        gwords = {w.lower() for w in g.concepts}
        for p in list(remaining):
            if not values_match(g.value, p.value):
                continue
            if value_budget > 0:
                tally.value.tp += 1
                value_budget -= 1
            pwords = [w.lower() for w in p.concepts]
            common = gwords & set(pwords)
            tally.partial.tp += 1 if common else 0
            tally.complete.tp += 1 if len(common) == len(g.concepts) == len(pwords) else 0
            if p.unit == g.unit:
                tally.unit.tp += 1
                remaining.remove(p)
                break


def evaluate(data: Path, split: str = "test", limit: int | None = None) -> EvalReport:
    """Value, value+unit and value+concept F1 on NewsQuant (percent)."""
    rows = load(Path(data), split, limit)
    tally = Tally(PRF(), PRF(), PRF(), PRF())
    for (_, gold), doc in zip(rows, parse_many(r[0] for r in rows), strict=True):
        score_sentence(gold, [predicted_item(q) for q in find_quantities(doc)], tally)
    metrics: dict[str, float] = {}
    for name, prf in _named(tally):
        metrics[f"{name} P"] = round(100 * prf.precision, 1)
        metrics[f"{name} R"] = round(100 * prf.recall, 1)
        metrics[f"{name} F1"] = round(100 * prf.f1, 1)
    return EvalReport(
        task="quantities",
        data=str(data),
        split=split,
        metrics=metrics,
        published=PUBLISHED,
        notes=[
            "scorer: CQE_Evaluation protocol (value, value+unit, value+concept partial/complete)",
            "splits: dev/test = fixed halves by SHA-1 of the sentence; the paper scores all 590",
        ],
        documents=len(rows),
    )


def _named(t: Tally) -> Iterable[tuple[str, PRF]]:
    return (
        ("value", t.value),
        ("value+unit", t.unit),
        ("value+concept partial", t.partial),
        ("value+concept complete", t.complete),
    )
