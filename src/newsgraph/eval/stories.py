"""Story clustering scored on ECB+ (sub-topics) and WikiRef220 (topics).

ECB+ is the hard case: each topic holds two real events of the same kind
(two celebrities entering rehab years apart), and the gold clusters are the
sub-topics, so grouping by kind scores poorly. Documents arrive in shuffled
orders (clustering is incremental, and the files' own order would hand it the
answer). One order is a draw: on ECB+ test, B-cubed F1 moves by up to 0.1
between orders. So every figure is the mean over three fixed orders
(``SEEDS``), and the notes give each order's B-cubed F1. Each document is
parsed once; only the clustering is repeated. Measures: B-cubed
precision/recall/F1, V-measure, ARI.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, v_measure_score

from ..errors import DataError
from ..link.stories import StoryParams, cluster, story_doc
from .base import EvalReport

ECB_SPLITS = ("train", "dev", "test", "all")
SEEDS = (13, 1, 2)  # the arrival orders every figure averages over


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    n = len(gold)
    precision = sum(c * c / pred_size[p] for (g, p), c in pairs.items()) / n
    recall = sum(c * c / gold_size[g] for (g, p), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    p, r, f = bcubed(gold, predicted)
    return {
        "bcubed_precision": p,
        "bcubed_recall": r,
        "bcubed_f1": f,
        "v_measure": v_measure_score(gold, predicted),
        "ari": adjusted_rand_score(gold, predicted),
    }


def _mentions(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """One ``(name, type)`` per entity mention, from our own extraction over one parse each."""
    from ..extract.annotate import parse_many
    from ..extract.entities import extract_entities

    out = []
    for doc in parse_many(texts, batch_size=16):
        found = extract_entities(doc)
        out.append([(e.name, e.type) for e in found.entities for _ in e.mentions])
    return out


def _runs(
    records: list[dict[str, str]], label: str, params: StoryParams | None,
    seeds: Sequence[int] = SEEDS,
) -> tuple[list[str], list[list[str]]]:
    """Gold labels and, per seed, predicted stories, all in the order of ``records``.

    Each seed shuffles the order of arrival; the documents are parsed once.
    """
    mentions = _mentions([r["text"] for r in records])
    docs = [story_doc(r["doc_id"], r["text"], m) for r, m in zip(records, mentions, strict=True)]
    predictions = []
    for seed in seeds:
        order = list(range(len(records)))
        random.Random(seed).shuffle(order)
        assigned = cluster([docs[i] for i in order], params)
        predictions.append([assigned[r["doc_id"]] for r in records])
    return [r[label] for r in records], predictions


def _mean(runs: Sequence[dict[str, float]]) -> dict[str, float]:
    return {k: sum(run[k] for run in runs) / len(runs) for k in runs[0]}


def _per_seed(runs: Sequence[dict[str, float]], seeds: Sequence[int] = SEEDS) -> str:
    each = ", ".join(f"{f['bcubed_f1']:.3f} (seed {s})" for s, f in zip(seeds, runs, strict=True))
    return f"mean over {len(runs)} arrival orders; B-cubed F1 per order: {each}"


def evaluate(data: Path, split: str = "test", limit: int | None = None,
             params: StoryParams | None = None) -> EvalReport:
    """ECB+ (a folder with docs.jsonl and xml/) or WikiRef220 (docs.jsonl and labels.tsv)."""
    docs_file = data / "docs.jsonl"
    if not docs_file.exists():
        raise DataError(f"{data}: no docs.jsonl; expected the ecbplus or wikiref220 folder")
    records = [json.loads(line) for line in docs_file.open(encoding="utf-8")]
    if "subtopic" in records[0]:
        if split not in ECB_SPLITS:
            raise DataError(f"unknown ECB+ split {split!r}; choose one of {', '.join(ECB_SPLITS)}")
        chosen = [r for r in records if split == "all" or r["split"] == split][:limit]
        gold, preds = _runs(chosen, "subtopic", params)
        runs = [score(gold, pred) for pred in preds]
        report = EvalReport("stories", "ecbplus", split, _mean(runs), documents=len(gold))
        report.notes.append(
            f"{len(set(gold))} gold sub-topics, {len(set(preds[0]))} predicted stories "
            "(first order); published: tf-idf k-means (given k) recovers sub-topics "
            "'almost perfectly'")
        report.notes.append(_per_seed(runs))
        return report
    chosen = records[:limit]
    gold, preds = _runs(chosen, "topic", params)
    real = [i for i, r in enumerate(chosen) if not r.get("is_noise_topic")]
    runs = []
    for pred in preds:
        metrics = score([gold[i] for i in real], [pred[i] for i in real])
        metrics["bcubed_f1_all_docs"] = bcubed(gold, pred)[2]
        runs.append(metrics)
    report = EvalReport("stories", "wikiref220", "all", _mean(runs), documents=len(gold))
    report.notes.append(
        f"all {len(chosen)} documents clustered; scores on the {len(real)} documents of the five "
        f"real topics (noise documents excluded), {len(set(preds[0]))} predicted stories "
        "(first order)")
    report.notes.append(_per_seed(runs))
    return report
