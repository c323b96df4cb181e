"""Score HTML → article text on the Zyte/Scrapinghub article extraction benchmark.

The metric is the benchmark's own, re-implemented from its description so our
figures sit beside the published ones:

1. Tokens are ``\\w+`` runs; a text's shingles are its word 4-grams, counted as
   a multiset (a text shorter than four tokens is one shingle).
2. Per document, TP/FP/FN are multiset overlaps of predicted and gold
   shingles, normalised by their sum so every document weighs the same.
3. Precision is averaged over documents that predicted something, recall over
   documents whose gold has something; F1 is their harmonic mean.
4. Accuracy is the share of documents whose token sequences match exactly.

The extractor scored is ``ingest.html.extract_text``, the very function the
HTML reader uses, with the options it uses.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..ingest.html import extract_text
from .base import EvalReport, require_dir

PUBLISHED = {
    "f1 rs_trafilatura": 0.970,
    "f1 trafilatura 2.0.0": 0.958,
    "precision trafilatura 2.0.0": 0.938,
    "recall trafilatura 2.0.0": 0.978,
    "f1 newspaper4k": 0.949,
    "f1 readability-lxml": 0.922,
}
SPLITS = ("all",)

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class DocScore:
    """Normalised shingle overlap of one document (tp + fp + fn == 1 unless all 0)."""

    tp: float
    fp: float
    fn: float
    exact: bool


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Word n-gram multiset; a text of fewer than n tokens counts as one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def score_document(gold: str | None, predicted: str | None) -> DocScore:
    true, pred = shingles(gold), shingles(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocScore(tp, fp, fn, tokens(gold) == tokens(predicted))


def _precision(s: DocScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp)


def _recall(s: DocScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn)


def aggregate(scores: Iterable[DocScore]) -> dict[str, float]:
    """Benchmark-style P/R/F1/accuracy over documents weighted equally."""
    scores = list(scores)
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "accuracy": 0.0}
    precisions = [_precision(s) for s in scores if s.tp + s.fp > 0]
    recalls = [_recall(s) for s in scores if s.tp + s.fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores)
    return {"precision": p, "recall": r, "f1": f1, "accuracy": accuracy}


def load_ground_truth(data: Path) -> dict[str, str]:
    require_dir(data, "scrapinghub_article_extraction", "ground-truth.json")
    try:
        raw = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
        return {key: item.get("articleBody") or "" for key, item in raw.items()}
    except (ValueError, AttributeError) as exc:
        raise DataError(f"{data / 'ground-truth.json'}: not the expected JSON ({exc})") from exc


def load_reference(data: Path, system: str) -> dict[str, str]:
    """A published system's outputs, to check this scorer reproduces its figure."""
    raw = json.loads((data / "reference_outputs" / f"{system}.json").read_text(encoding="utf-8"))
    output = raw.get("output", raw)
    return {key: (item or {}).get("articleBody") or "" for key, item in output.items()}


def read_page(data: Path, key: str) -> str:
    path = data / "html" / f"{key}.html.gz"
    if not path.exists():
        raise DataError(f"{path} is missing; the benchmark folder is incomplete")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def evaluate(
    data: Path,
    split: str = "all",
    limit: int | None = None,
    extractor: Callable[[str], str | None] = extract_text,
) -> EvalReport:
    """Extract every page (in sorted id order, the first ``limit``) and score it.

    The benchmark has no dev/test split: its 181 pages are one test set, so
    ``split`` accepts only "all".
    """
    if split not in SPLITS:
        raise DataError(f"scrapinghub_article_extraction has no split {split!r}; valid: all")
    data = Path(data)
    gold = load_ground_truth(data)
    keys = sorted(gold)[:limit] if limit is not None else sorted(gold)
    scores = [score_document(gold[key], extractor(read_page(data, key))) for key in keys]
    notes = ["word 4-gram shingles, documents weighted equally (the benchmark's metric)"]
    if limit is not None:
        notes.append(f"first {len(keys)} of {len(gold)} pages by id (--limit)")
    return EvalReport(
        task="html",
        data=str(data),
        split=split,
        metrics=aggregate(scores),
        published=dict(PUBLISHED),
        notes=notes,
        documents=len(keys),
    )
