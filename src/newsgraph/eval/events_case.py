"""Score event typing on CASE 2021 task 2 (ACLED-style classes), weighted F1.

Our extractor codes PLOVER, not ACLED, so the scorer maps each snippet's main
event (the event nearest the parse root in the first sentence that has one)
onto the task's classes:

1. PLOVER category and mode give the class: ASSAULT/fight → ARMED_CLASH,
   ASSAULT/aerial → AIR_STRIKE, ASSAULT/heavy-weapons → ART_MISS_ATTACK,
   other ASSAULT → ATTACK, COERCE arrest/detain → ARREST, COERCE abduct →
   ABDUCT_DISSAP, COERCE destroy → PROPERTY_DISTRUCT, PROTEST riot →
   VIOL_DEMONSTR, other PROTEST → PEACE_PROTEST, AGREE → AGREEMENT, verbal and
   diplomatic categories → DIPLO.
2. A weapon word in the trigger's sentence refines an attack: "suicide" →
   SUIC_BOMB, "grenade" → GRENADE, "mine"/"IED"/"roadside" → REM_EXPLOS,
   "chemical"/"gas attack" → CHEM_WEAP; force against protesters →
   FORCE_AGAINST_PROTEST.
3. No event → OTHER.

Weighted F1 is the support-weighted mean of per-class F1 over the gold
classes of the chosen subtask (1: the 25 ACLED classes, 2: plus the three
disaster and crime classes, 3: plus DIPLO and ATTRIB; rows of other classes are
left out, as the task scored them). The set has one split, ``test``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from ..errors import DataError
from ..extract.annotate import parse_many
from ..extract.events import EventMention, extract_event_mentions
from .base import PRF, EvalReport, require_dir

CASE_FILE = "test_set_final_release_with_labels.tsv"
PUBLISHED = {"weighted_f1 subtask1 best": 83.9, "weighted_f1 subtask2 best": 79.7,
             "weighted_f1 subtask3 best": 77.1}  # fmt: skip
_UNSEEN_2 = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}
_UNSEEN_3 = _UNSEEN_2 | {"DIPLO", "ATTRIB"}
_DIPLO = frozenset("CONSULT SUPPORT REQUEST ACCUSE REJECT THREATEN SANCTION COOPERATE".split())
_WEAPON_WORDS = (
    (re.compile(r"\bsuicide\b", re.I), "SUIC_BOMB"),
    (re.compile(r"\bgrenades?\b", re.I), "GRENADE"),
    (re.compile(r"\b(land ?mines?|IEDs?|roadside|improvised explosive)\b", re.I), "REM_EXPLOS"),
    (re.compile(r"\b(chemical|sarin|chlorine|gas attack)\b", re.I), "CHEM_WEAP"),
)
_ATTACK_BY_MODE = {
    "fight": "ARMED_CLASH",
    "occupy": "ARMED_CLASH",
    "aerial": "AIR_STRIKE",
    "heavy-weapons": "ART_MISS_ATTACK",
    "explosives": "REM_EXPLOS",
}
_COERCE_BY_MODE = {
    "arrest": "ARREST",
    "detain": "ARREST",
    "abduct": "ABDUCT_DISSAP",
    "destroy": "PROPERTY_DISTRUCT",
}
_PROTESTERS = re.compile(r"\b(protesters|protestors|demonstrators|rally|protest)\b", re.I)


def case_label(mention: EventMention | None, sentence: str) -> str:
    """The CASE class our main event maps to."""
    if mention is None:
        return "OTHER"
    event = mention.event
    kind, mode = event.type, event.mode or ""
    if kind == "ASSAULT":
        for pattern, label in _WEAPON_WORDS:
            if pattern.search(sentence):
                return label
        if _PROTESTERS.search(sentence):
            return "FORCE_AGAINST_PROTEST"
        return _ATTACK_BY_MODE.get(mode, "ATTACK")
    if kind == "COERCE":
        return _COERCE_BY_MODE.get(mode, "OTHER")
    if kind == "PROTEST":
        return "VIOL_DEMONSTR" if mode == "riot" else "PEACE_PROTEST"
    if kind == "AGREE":
        return "AGREEMENT"
    if kind in _DIPLO:
        return "DIPLO"
    return "OTHER"


def load_case(data: Path, subtask: int = 3) -> list[tuple[str, str]]:
    """(snippet, label) rows of the subtask's classes."""
    path = require_dir(Path(data), "case2021_task2", CASE_FILE) / CASE_FILE
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not reader.fieldnames or not {"EventSnippet", "SubType"} <= set(reader.fieldnames):
            raise DataError(f"{path}: expected columns EventSnippet and SubType")
        for row in reader:
            label = (row.get("SubType") or "").strip()
            if not label or (
                subtask < 3 and label in _UNSEEN_3 - (_UNSEEN_2 if subtask == 2 else set())
            ):
                continue
            rows.append((row["EventSnippet"] or "", label))
    return rows


def evaluate_case(data: Path, split: str = "test", limit: int | None = None) -> EvalReport:
    """Weighted F1 (in %) of our events mapped to CASE 2021 task 2 subtask 3 classes."""
    if split not in ("test", "all"):
        raise DataError(f"case2021_task2: unknown split {split!r}; valid: test")
    from .events import entity_stage  # here: eval.events re-exports this scorer

    rows = load_case(data, subtask=3)
    rows = rows[:limit] if limit else rows
    find_entities = entity_stage()
    gold: list[str] = []
    pred: list[str] = []
    for (_, label), doc in zip(rows, parse_many(t for t, _ in rows), strict=True):
        mentions = extract_event_mentions(doc, "case", find_entities(doc), (), None)
        main, sentence = _first_main(mentions, doc.text)
        gold.append(label)
        pred.append(case_label(main, sentence))
    hits = sum(g == p for g, p in zip(gold, pred, strict=True))
    metrics = {
        "weighted_f1": 100 * _weighted_f1(gold, pred),
        "accuracy": 100 * hits / len(gold) if gold else 0.0,
    }
    notes = [
        "subtask 3 classes; our PLOVER events mapped to CASE classes (see module docstring)",
        "entities from the entity stage, no time expressions",
    ]
    return EvalReport("events-case", str(data), split, metrics, PUBLISHED, notes, len(rows))


def _first_main(mentions: list[EventMention], text: str) -> tuple[EventMention | None, str]:
    if not mentions:
        return None, text
    first_sentence = min(m.event.start for m in mentions)
    same = [m for m in mentions if m.event.start == first_sentence]
    main = min(same, key=lambda m: (m.depth, m.trigger_start))
    return main, main.event.sentence


def _weighted_f1(gold: list[str], pred: list[str]) -> float:
    support = Counter(gold)
    total = sum(support.values())
    score = 0.0
    for label, count in support.items():
        prf = PRF()
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        prf.add(tp, sum(p == label for p in pred), count)
        score += prf.f1 * count / total
    return score
