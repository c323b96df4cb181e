"""The TempEval-3 scorer: matching rules on made-up spans, then the gate on platinum."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataError
from newsgraph.eval.timex import GoldTimex, evaluate, match
from newsgraph.extract.timexes import FoundTimex

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3_platinum"


def test_overlap_matching_is_one_to_one_and_prefers_larger_overlap() -> None:
    gold = [GoldTimex(0, 10, "DATE", "2025"), GoldTimex(20, 30, "DATE", "2024")]
    found = [
        FoundTimex(2, 4, "ab", "DATE", "2025"),
        FoundTimex(0, 9, "abcdefghi", "DATE", "2025"),
        FoundTimex(40, 45, "xxxxx", "DATE", None),
    ]
    pairs = match(gold, found)
    assert [(g.start, s.start) for g, s in pairs] == [(0, 0)]


def test_unknown_split_and_missing_folder_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="split"):
        evaluate(tmp_path, split="dev")
    with pytest.raises(DataError, match="timex_gold.jsonl"):
        evaluate(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not DATA.exists(), reason=f"TempEval-3 platinum not found at {DATA}")
def test_platinum_gate() -> None:
    """Floors are the issue's targets (the whole set takes a few seconds)."""
    report = evaluate(DATA)
    assert report.documents == 20
    assert report.metrics["relaxed_f1"] >= 88.0
    assert report.metrics["value_f1"] >= 78.0
