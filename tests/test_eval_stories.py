"""The story-clustering scorer on made-up labels, then the gates on ECB+ and WikiRef220."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataError
from newsgraph.eval.stories import bcubed, evaluate

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_bcubed_rewards_exact_clusters_and_punishes_lumping_and_splitting() -> None:
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, ["x", "x", "y", "y"]) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed(gold, ["x", "x", "x", "x"])  # one story for all
    assert (p, r) == (0.5, 1.0)
    p, r, _ = bcubed(gold, ["w", "x", "y", "z"])  # every article alone
    assert (p, r) == (1.0, 0.5)


def test_missing_files_and_unknown_split_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="docs.jsonl"):
        evaluate(tmp_path)
    (tmp_path / "docs.jsonl").write_text('{"doc_id": "1", "subtopic": "1_ecb", "text": "x"}\n')
    with pytest.raises(DataError, match="split"):
        evaluate(tmp_path, split="validation")


def test_labels_come_back_in_the_order_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer picks WikiRef's real-topic documents by position: the order must hold."""
    from newsgraph.eval import stories

    monkeypatch.setattr(stories, "_mentions", lambda texts: [[] for _ in texts])
    records = [{"doc_id": str(i), "text": f"word{i} other{i} thing{i}", "topic": f"t{i}"}
               for i in range(12)]
    gold, preds = stories._runs(records, "topic", None)
    assert gold == [r["topic"] for r in records] and len(preds) == len(stories.SEEDS)
    for pred in preds:  # nothing shared, so every document alone, in its own place
        assert len(set(pred)) == 12 and pred == preds[0]


# Floors: the mean over the scorer's three arrival orders, rounded down (ECB+ test 0.823,
# WikiRef 0.885). Until the scorer averaged orders, the gates checked seed 13 alone
# (0.89 and 0.90): one order is a draw that moves ECB+ by 0.11 (docs/quality.md). The
# issue targets (0.90 and 0.85) stand; ECB+ is under its target.
# Both sets in full: about a minute of parsing on an idle 2-core machine.
@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ecbplus").exists(), reason=f"ECB+ not found at {DATA}")
def test_ecbplus_test_topics_gate() -> None:
    report = evaluate(DATA / "ecbplus", split="test")
    assert report.documents == 210
    assert report.metrics["bcubed_f1"] >= 0.82


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "wikiref220").exists(), reason=f"WikiRef220 not found at {DATA}")
def test_wikiref220_gate() -> None:
    report = evaluate(DATA / "wikiref220")
    assert report.documents == 220
    assert report.metrics["bcubed_f1"] >= 0.88
