"""Quality gate: HTML extraction on the Scrapinghub benchmark keeps F1 ≥ 0.95.

The whole set (181 pages) takes about 15 s, so the gate runs on all of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.html import aggregate, evaluate, load_ground_truth, score_document

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "scrapinghub_article_extraction"
F1_FLOOR = 0.95

needs_data = pytest.mark.skipif(
    not (DATA / "ground-truth.json").exists(), reason=f"benchmark data not found at {DATA}"
)


def test_score_counts_shingle_overlap_per_document() -> None:
    perfect = score_document("one two three four five", "one two three four five")
    assert (perfect.tp, perfect.fp, perfect.fn, perfect.exact) == (1.0, 0.0, 0.0, True)
    half = score_document("a b c d e", "a b c d")  # gold: abcd, bcde; predicted: abcd
    assert (half.tp, half.fp, half.fn) == (0.5, 0.0, 0.5)
    empty = score_document("a b c d", "")
    metrics = aggregate([half, empty])
    assert metrics["precision"] == 1.0  # an empty prediction has no precision to average
    assert metrics["recall"] == pytest.approx(0.25)


@pytest.mark.slow
@needs_data
def test_scorer_reproduces_published_trafilatura_figure() -> None:
    from newsgraph.eval.html import load_reference

    gold, output = load_ground_truth(DATA), load_reference(DATA, "trafilatura")
    metrics = aggregate(score_document(gold[key], output.get(key)) for key in gold)
    assert round(metrics["f1"], 3) == 0.958


@pytest.mark.slow
@needs_data
def test_html_extraction_f1_floor() -> None:
    report = evaluate(DATA)
    assert report.documents == 181
    assert report.metrics["f1"] >= F1_FLOOR, report.metrics
