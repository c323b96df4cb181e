"""Score event coding on the PLOVER gold standard records (and CASE 2021 task 2).

PLOVER GSR (``plover_gsr``): 322 single sentences, each with one ideal coding
(category, source and target actors). There is no published score and no
split, so we fix one: a record is ``dev`` when the first byte of the SHA-1 of
its id is even, else ``test`` (172 / 150 records). Rules were developed on
``dev``; figures are reported on ``test`` (``--split test``; the default ``all``
mixes both halves).

1. Each sentence is parsed and run through the real stages: entities
   (``extract.entities`` when installed, else spaCy's entities as a stand-in),
   then ``extract.events.extract_event_mentions`` with no time expressions.
2. The sentence's predicted event is the one whose trigger is nearest the
   parse root (reporting verbs are not events, so "X said Y attacked Z" gives
   the attack).
3. Gold categories of this older PLOVER version are mapped to the current
   ones: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT.
   A predicted event that is planned or hypothetical is scored as the statement
   of intent PLOVER codes it as (``coded_type``): AGREE for cooperative acts,
   THREATEN for hostile ones; a negated cooperative act as REJECT. The figure
   without this rule is reported too.
4. Event-type accuracy is over all records (no event counts as wrong); macro F1
   averages per-category F1 over the gold categories.
5. An actor matches when it is an entity (not a bare phrase) and one of the
   coded actors shares a content word with its name, or has the ISO-3166 code
   of the entity's country (its own name, its ``country``, or the country of
   the person's affiliation). Source (target) accuracy is over the records
   that code a source (target); a missing prediction counts as wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError
from ..extract.annotate import parse_many
from ..extract.events import EventMention, extract_event_mentions
from ..model import ArticleEntity, Event
from .base import PRF, EvalReport, require_dir
from .events_case import evaluate_case
from .events_countries import country_code

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["evaluate", "evaluate_case", "load_gsr", "GOLD_MAP"]

GSR_FILE = "PLOVER_GSR_CAMEO.json"
SPLITS = ("dev", "test", "all")
GOLD_MAP = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
_STOP = frozenset(
    "the a an of and in on for to by from with at its his her their s new former senior "
    "official officials government leader leaders president minister".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_COOPERATIVE = frozenset("CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT".split())
_HOSTILE = frozenset("SANCTION COERCE ASSAULT MOBILIZE".split())


def split_of(record_id: str) -> str:
    """The fixed dev/test half a GSR record belongs to."""
    return "dev" if hashlib.sha1(record_id.encode()).digest()[0] % 2 == 0 else "test"


def load_gsr(data: Path, split: str = "all") -> list[dict]:
    """The GSR sentence records of ``split`` (the documentation record dropped)."""
    if split not in SPLITS:
        raise DataError(f"plover_gsr: unknown split {split!r}; valid: {', '.join(SPLITS)}")
    path = require_dir(Path(data), "plover_gsr", GSR_FILE) / GSR_FILE
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON ({exc})") from exc
    out = [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]
    return [r for r in out if split == "all" or split_of(r["id"]) == split]


def evaluate(data: Path, split: str = "all", limit: int | None = None) -> EvalReport:
    """Event-type accuracy and macro F1, source and target actor accuracy on the GSR."""
    records = load_gsr(data, split)[:limit] if limit else load_gsr(data, split)
    find_entities = entity_stage()
    gold_types: list[str] = []
    pred_types: list[str] = []
    raw_types: list[str] = []
    source_hits = source_total = target_hits = target_total = 0
    for record, doc in zip(records, parse_many(r["text"] for r in records), strict=True):
        entities = find_entities(doc)
        mentions = extract_event_mentions(doc, record["id"], entities, (), None)
        main = min(mentions, key=lambda m: (m.depth, m.trigger_start)) if mentions else None
        gold = GOLD_MAP.get(record["event"], record["event"])
        gold_types.append(gold)
        raw_types.append(main.event.type if main else "NONE")
        pred_types.append(coded_type(main.event) if main else "NONE")
        by_key = {e.key: e for e in entities}
        if _actors(record.get("source")):
            source_total += 1
            source_hits += _matches(main, "source", record["source"], by_key)
        if _actors(record.get("target")):
            target_total += 1
            target_hits += _matches(main, "target", record["target"], by_key)
    n = len(records)
    metrics = {
        "event_type_accuracy": _accuracy(gold_types, pred_types),
        "event_type_macro_f1": _macro_f1(gold_types, pred_types),
        "source_actor_accuracy": source_hits / source_total if source_total else 0.0,
        "target_actor_accuracy": target_hits / target_total if target_total else 0.0,
        "event_type_accuracy_without_intent_rule": _accuracy(gold_types, raw_types),
        "coverage": sum(p != "NONE" for p in pred_types) / n if n else 0.0,
    }
    notes = [
        f"split {split}: fixed SHA-1 half of the record ids (dev used for development)",
        "gold DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT",
        f"entities from {find_entities.__doc__.splitlines()[0] if find_entities.__doc__ else '?'}",
    ]
    return EvalReport("events", str(data), split, metrics, {}, notes, documents=n)


def coded_type(event: Event) -> str:
    """The category PLOVER gives a statement of intent: AGREE or THREATEN.

    We code "Finland will give Tanzania a grant" as AID with status planned;
    PLOVER codes the same sentence as the promise it is, AGREE (and a stated
    intent to impose martial law as THREATEN), and a cooperative act that
    did not happen ("failed to reach agreement") as REJECT. Occurred events
    keep their type.
    """
    if event.status == "negated" and event.type in _COOPERATIVE | {"AGREE"}:
        return "REJECT"
    if event.status not in ("planned", "hypothetical"):
        return event.type
    if event.type in _COOPERATIVE:
        return "AGREE"
    if event.type in _HOSTILE:
        return "THREATEN"
    return event.type


def _actors(value: object) -> list[dict]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def _matches(
    main: EventMention | None, side: str, gold: list[dict], by_key: dict[str, ArticleEntity]
) -> bool:
    if main is None:
        return False
    event = main.event
    key = event.source_id if side == "source" else event.target_id
    if key is None or key not in by_key:
        return False
    ent = by_key[key]
    names = [ent.name, *ent.aliases, *ent.roles]
    codes = {country_code(ent.name), country_code(ent.country)}
    # The person's affiliation ("British ... Tom King") travels in actors, right after them.
    actors = list(event.actors)
    if key in actors and actors.index(key) + 1 < len(actors):
        nxt = by_key.get(actors[actors.index(key) + 1])
        other = event.target_id if side == "source" else event.source_id
        if nxt is not None and nxt.key != other and nxt.type in ("GPE", "NORP", "ORG"):
            codes.update((country_code(nxt.name), country_code(nxt.country)))
            names.append(nxt.name)
    words = {w for n in names for w in _words(n) if w not in _STOP and len(w) > 1}
    for actor in _actors(gold):
        gold_words = set(_words(str(actor.get("actorText", ""))))
        if words & gold_words or (actor.get("code") and actor.get("code") in codes):
            return True
    return False


def _words(text: str) -> list[str]:
    """Lower-case words, with dotted acronyms joined ("U.N." → "un")."""
    return _WORD.findall(text.lower().replace(".", ""))


def _accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    classes = sorted(set(gold))
    if not classes:
        return 0.0
    scores = []
    for label in classes:
        prf = PRF()
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        prf.add(tp, sum(p == label for p in pred), sum(g == label for g in gold))
        scores.append(prf.f1)
    return sum(scores) / len(scores)


def entity_stage() -> Callable[[Doc], list[ArticleEntity]]:
    """The entity stage the pipeline uses, or spaCy's entities when it is absent."""
    try:
        from ..extract.entities import extract_entities
    except ImportError:
        return _spacy_entities

    def real(doc: Doc) -> list[ArticleEntity]:
        """extract.entities"""
        return list(extract_entities(doc).entities)

    return real


def _spacy_entities(doc: Doc) -> list[ArticleEntity]:
    """spaCy doc.ents (extract.entities not installed)"""
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            groups.setdefault((ent.text, ent.label_), []).append((ent.start_char, ent.end_char))
    return [
        ArticleEntity(f"e{n}", name, label, tuple(spans))
        for n, ((name, label), spans) in enumerate(groups.items())
    ]


def label_counts(records: Sequence[dict]) -> Counter[str]:
    """Gold categories after mapping, for reports and tests."""
    return Counter(GOLD_MAP.get(r["event"], r["event"]) for r in records)
