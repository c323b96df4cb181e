"""Score quote attribution (source, cue, content spans) on PolNeAR.

Splits:

* ``test`` is CofeNet's sentence-level BIO file of the PolNeAR test split
  (``cofenet_sentence_level/test.jsonl``), the file behind the published
  figures. Its PTB tokens are joined back into text (``` `` ``` → “, ``''`` →
  ”, no space before commas and clitics), the text is parsed and
  ``extract.quotes.find_quotes`` runs on it, exactly as in the pipeline.
* ``dev`` (and ``train``) are built the same way from the brat-derived
  ``attributions_<split>.jsonl``: each article is cut into spaCy sentences,
  sentences an attribution runs across are joined, one annotator per article
  (the first by id). Every sentence with an attribution is scored, plus every
  fourth sentence without one, which is about the share of empty sentences in
  the CofeNet file.

Metrics, per role (source, cue, content):

1. exact: a predicted span counts when its token boundaries equal a gold span
   of the same role in the same sentence (CofeNet's span-level P/R/F1);
2. token overlap: precision and recall over tokens labelled with the role.

Predicted character spans are snapped outward to whole tokens. Direct-quote
content is scored with its quotation marks, as PolNeAR marks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..extract.annotate import load_nlp
from ..extract.quotes import find_quotes
from .base import PRF, EvalReport, require_dir

if TYPE_CHECKING:
    from ..learn.attribution_tagger import Tagger

ROLES = ("source", "cue", "content")
SPLITS = ("dev", "test", "train")
PUBLISHED = {
    "source_f1 BERT-CofeNet": 83.2,
    "cue_f1 BERT-CofeNet": 75.3,
    "content_f1 BERT-CofeNet": 72.9,
    "source_f1 rule baseline": 10.7,
    "cue_f1 rule baseline": 22.8,
    "content_f1 rule baseline": 5.6,
}
_PTB = {
    "``": "“",
    "''": "”",
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "`": "‘",
    "'": "’",
}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "”", "’", "..."}
_NO_SPACE_AFTER = {"“", "(", "[", "{", "$", "‘"}
_NEGATIVE_EVERY = 4

Chunks = dict[str, set[tuple[int, int]]]


@dataclass(frozen=True)
class Unit:
    """One scored sentence: its text, token offsets and gold chunks per role."""

    text: str
    tokens: tuple[tuple[int, int], ...]
    gold: dict[str, frozenset[tuple[int, int]]]


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """PTB tokens back to running text, with each token's character span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for raw in tokens:
        tok = _PTB.get(raw, raw)
        clitic = tok.startswith("'") and len(tok) > 1 or tok.lower() == "n't"
        if out and tok not in _NO_SPACE_BEFORE and not clitic and prev not in _NO_SPACE_AFTER:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(out), spans


def _bio_chunks(labels: list[str]) -> dict[str, frozenset[tuple[int, int]]]:
    """BIO labels → token spans per role (a stray I- starts a span, as conlleval does)."""
    chunks: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    start, role = 0, None
    for i, label in enumerate([*labels, "O"]):
        tag, _, name = label.partition("-")
        if role is not None and (tag != "I" or name != role):
            chunks[role].add((start, i))
            role = None
        if tag == "B" or (tag == "I" and role is None):
            start, role = i, name
    return {r: frozenset(c) for r, c in chunks.items()}


def _to_tokens(
    span: tuple[int, int], tokens: tuple[tuple[int, int], ...]
) -> tuple[int, int] | None:
    """Character span → token span ``[first, last + 1)`` of the tokens it touches."""
    hit = [i for i, (s, e) in enumerate(tokens) if s < span[1] and e > span[0]]
    return (hit[0], hit[-1] + 1) if hit else None


def cofenet_units(path: Path, limit: int | None) -> Iterator[Unit]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            text, spans = detokenize(row["tokens"])
            yield Unit(text, tuple(spans), _bio_chunks(row["labels"]))


def brat_units(path: Path, limit: int | None) -> Iterator[Unit]:
    """Sentence units from a brat-derived JSONL file (one annotator per article)."""
    nlp = load_nlp()
    first: dict[str, dict[str, Any]] = {}
    negatives = 0
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows.sort(key=lambda r: (r["doc_id"], r["annotator"]))
    for row in rows:  # one annotator per article: the first by id
        first.setdefault(row["doc_id"], row)
    docs = list(first.values())
    for row in docs[:limit] if limit else docs:
        doc = nlp(row["text"])
        bounds = [[s.start_char, s.end_char] for s in doc.sents]
        roles = [
            (role, sp)
            for att in row["attributions"]
            for role in ROLES
            for part in att[role]
            for sp in part["spans"]
        ]
        for att in row["attributions"]:  # join sentences an attribution crosses
            edges = [sp for role in ROLES for part in att[role] for sp in part["spans"]]
            if not edges:
                continue
            lo, hi = min(s for s, _ in edges), max(e for _, e in edges)
            merged = [b for b in bounds if b[1] <= lo or b[0] >= hi]
            inside = [b for b in bounds if not (b[1] <= lo or b[0] >= hi)]
            merged.append([min(b[0] for b in inside), max(b[1] for b in inside)])
            bounds = sorted(merged)
        for s_start, s_end in bounds:
            gold_chars = [(r, (a, b)) for r, (a, b) in roles if s_start <= a and b <= s_end]
            if not gold_chars:
                negatives += 1
                if negatives % _NEGATIVE_EVERY:
                    continue
            text = row["text"][s_start:s_end]
            sent = nlp.make_doc(text)
            toks = tuple((t.idx, t.idx + len(t.text)) for t in sent if not t.is_space)
            gold: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
            for role, (a, b) in gold_chars:
                span = _to_tokens((a - s_start, b - s_start), toks)
                if span is not None:
                    gold[role].add(span)
            yield Unit(text, toks, {r: frozenset(c) for r, c in gold.items()})


def predict(unit: Unit, tagger: Tagger | None = None) -> Chunks:
    """Our role spans for one unit, as token spans (the rules', or a learned tagger's)."""
    doc = load_nlp()(unit.text)
    chunks: Chunks = {r: set() for r in ROLES}
    quotes = tagger.tag(doc) if tagger is not None else find_quotes(doc)
    for q in quotes:
        spans: dict[str, list[tuple[int, int] | None]] = {
            "source": [q.source],
            "cue": [q.cue],
            "content": list(q.outer),
        }
        for role, found in spans.items():
            for span in found:
                tok = _to_tokens(span, unit.tokens) if span else None
                if tok is not None:
                    chunks[role].add(tok)
    return chunks


def _tokens_of(chunks: set[tuple[int, int]] | frozenset[tuple[int, int]]) -> set[int]:
    return {i for s, e in chunks for i in range(s, e)}


def evaluate(
    data: Path, split: str = "dev", limit: int | None = None, model: Path | None = None
) -> EvalReport:
    """Exact-span and token-overlap P/R/F1 for source, cue and content.

    With ``model``, the learned tagger trained into that file is scored
    instead of the rules.
    """
    tagger = None
    if model is not None:
        from ..learn.attribution_tagger import load

        tagger = load(model)
        if tagger is None:
            raise DataError(
                f"no attribution model at {model}; train one with "
                "`newsgraph train attribution --data PATH`"
            )
    if split not in SPLITS:
        raise DataError(f"polnear: unknown split {split!r}; valid: {', '.join(SPLITS)}")
    require_dir(data, "polnear", "README.md")
    if split == "test":
        path = data / "cofenet_sentence_level" / "test.jsonl"
        if not path.exists():
            raise DataError(f"polnear: {path} missing; the test figure needs CofeNet's file")
        units: Iterator[Unit] = cofenet_units(path, limit)
    else:
        path = data / f"attributions_{split}.jsonl"
        if not path.exists():
            raise DataError(f"polnear: {path} missing")
        units = brat_units(path, limit)
    exact = {r: PRF() for r in ROLES}
    overlap = {r: PRF() for r in ROLES}
    count = 0
    for unit in units:
        count += 1
        pred = predict(unit, tagger)
        for role in ROLES:
            gold = unit.gold[role]
            exact[role].add(len(pred[role] & gold), len(pred[role]), len(gold))
            p_tok, g_tok = _tokens_of(pred[role]), _tokens_of(gold)
            overlap[role].add(len(p_tok & g_tok), len(p_tok), len(g_tok))
    metrics: dict[str, float] = {}
    for role in ROLES:
        for name, prf in (("", exact[role]), ("token_", overlap[role])):
            metrics[f"{role}_{name}precision"] = round(100 * prf.precision, 1)
            metrics[f"{role}_{name}recall"] = round(100 * prf.recall, 1)
            metrics[f"{role}_{name}f1"] = round(100 * prf.f1, 1)
    notes = [f"{count} sentences from {path.name}; exact = token-boundary span match"]
    if model is not None:
        notes.append(f"learned tagger {model} (CRF stacked on the rules)")
    return EvalReport("attribution", str(data), split, metrics, PUBLISHED, notes, count)
