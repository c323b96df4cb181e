"""Score time expressions on TempEval-3 platinum, the way TempEval-3 Task A did.

The set (``timex_gold.jsonl``, 20 news articles, 138 TIMEX3) is the test set
of the task; there is no development split. Each article is resolved against
its document creation time (DCT), which plays the part of our publication
date. The DCT itself is not an expression found in the text and is not
scored.

Metrics, as in the task's table (percentages):

* ``relaxed_*``: a system expression matches a gold one when their extents
  overlap (one-to-one, best overlap first);
* ``strict_*``: the extents are identical;
* ``type_*`` and ``value_*``: a match whose type (value) is also right is a
  true positive; precision divides by all system expressions and recall by
  all gold ones, so that attribute F1 folds in detection, as TempEval-3's
  "value F1" does. ``*_accuracy`` is the share right among relaxed matches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..extract.annotate import parse
from ..extract.timexes import FoundTimex, find_timexes
from .base import PRF, EvalReport, require_dir

GOLD_FILE = "timex_gold.jsonl"
SPLITS = ("test",)
PUBLISHED = {  # HeidelTime-t, TempEval-3 Task A platinum (UzZaman et al. 2013)
    "relaxed_f1": 90.30,
    "relaxed_precision": 93.08,
    "relaxed_recall": 87.68,
    "strict_f1": 81.34,
    "value_f1": 77.61,
}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


def load(data: Path) -> list[dict[str, object]]:
    """The documents of the gold file, each with ``text``, ``dct`` and ``timexes``."""
    path = require_dir(data, "TempEval-3 platinum", GOLD_FILE) / GOLD_FILE
    docs: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                _ = doc["text"], doc["dct"], doc["timexes"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise DataError(f"{path}:{n}: not a TempEval-3 document record ({exc})") from exc
            docs.append(doc)
    return docs


def match(gold: list[GoldTimex], found: list[FoundTimex]) -> list[tuple[GoldTimex, FoundTimex]]:
    """Pair gold and system expressions one-to-one by largest overlap."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(found):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((overlap, gi, si))
    pairs.sort(key=lambda p: -p[0])
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[GoldTimex, FoundTimex]] = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], found[si]))
    return out


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and trailing punctuation so extents compare on words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


def evaluate(data: Path, split: str = "test", limit: int | None = None) -> EvalReport:
    """Find and normalise every TIMEX3 of the platinum set; score as TempEval-3."""
    if split not in SPLITS:
        raise DataError(
            f"TempEval-3 platinum has only the split(s) {', '.join(SPLITS)}; got {split!r}"
        )
    docs = load(Path(data))
    if limit is not None:
        docs = docs[:limit]
    relaxed, strict, typed, valued = PRF(), PRF(), PRF(), PRF()
    for doc in docs:
        text = str(doc["text"])
        gold = [
            GoldTimex(*_span(text, int(t["start"]), int(t["end"])), str(t["type"]), str(t["value"]))
            for t in doc["timexes"]  # type: ignore[attr-defined]
        ]
        found = find_timexes(text, str(doc["dct"]), parse(text))
        pairs = match(gold, found)
        n_sys, n_gold = len(found), len(gold)
        relaxed.add(len(pairs), n_sys, n_gold)
        exact = sum(1 for g, s in pairs if (g.start, g.end) == _span(text, s.start, s.end))
        strict.add(exact, n_sys, n_gold)
        typed.add(sum(1 for g, s in pairs if g.type == s.type), n_sys, n_gold)
        valued.add(
            sum(1 for g, s in pairs if s.value is not None and g.value == s.value), n_sys, n_gold
        )
    metrics = {
        "relaxed_f1": 100 * relaxed.f1,
        "relaxed_precision": 100 * relaxed.precision,
        "relaxed_recall": 100 * relaxed.recall,
        "strict_f1": 100 * strict.f1,
        "type_f1": 100 * typed.f1,
        "value_f1": 100 * valued.f1,
        "type_accuracy": 100 * typed.tp / relaxed.tp if relaxed.tp else 0.0,
        "value_accuracy": 100 * valued.tp / relaxed.tp if relaxed.tp else 0.0,
    }
    notes = [
        f"{relaxed.gold:.0f} gold TIMEX3, {relaxed.predicted:.0f} found, {relaxed.tp:.0f} matched",
        "each article resolved against its DCT; the DCT itself is not scored",
    ]
    return EvalReport(
        task="timex",
        data=str(data),
        split=split,
        metrics=metrics,
        published=dict(PUBLISHED),
        notes=notes,
        documents=len(docs),
    )
