"""The NER gate on GUM news: ours must beat the raw small model on the same files.

The GUM reader is checked on a document of our own in its format, so the
scoring logic is tested even where the public data is missing. The gate runs
on the public data (``../shared/data/gum_news``), dev and test splits, about
ten seconds; it is marked slow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataError
from newsgraph.eval.ner import evaluate, load_split

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gum_news"

# Our own two-sentence document in GUM's CoNLL-U layout (only the columns we read).
_OWN = """# newdoc id = own_doc
# newpar
# sent_id = own_doc-1
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-person-new-x-x-2-sgl
2\tspokesman\tspokesman\tNOUN\tNN\t_\t5\tnsubj\t_\t_
3\tAnna\tAnna\tPROPN\tNNP\t_\t2\tflat\t_\t_
4\tKovacs\tKovacs\tPROPN\tNNP\t_\t2\tflat\t_\tEntity=1)
5\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(2-place-new-x-x-2-sgl
7\tUnited\tUnited\tPROPN\tNNP\t_\t5\tobj\t_\t_
8\tStates\tStates\tPROPN\tNNP\t_\t7\tflat\t_\tEntity=2)|SpaceAfter=No
9\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# newpar
# sent_id = own_doc-2
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-x-x-1-sgl)
2\tresigned\tresign\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


def test_reader_keeps_named_mentions_only(tmp_path: Path) -> None:
    (tmp_path / "conllu").mkdir()
    (tmp_path / "conllu" / "own_doc.conllu").write_text(_OWN, encoding="utf-8")
    (tmp_path / "splits.tsv").write_text("own_doc\tdev\n", encoding="utf-8")
    (doc,) = load_split(tmp_path, "dev")
    assert doc.text.startswith("The spokesman Anna Kovacs left the United States.")
    named = {(doc.text[s:e], t) for s, e, t in doc.mentions}
    assert named == {("Anna Kovacs", "PER"), ("United States", "LOC")}  # "She" is not named


def test_unknown_split_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "splits.tsv").write_text("own_doc\tdev\n", encoding="utf-8")
    with pytest.raises(DataError, match="valid: train, dev, test, all"):
        load_split(tmp_path, "test")


@pytest.mark.slow
@pytest.mark.skipif(not DATA.exists(), reason=f"GUM news data not found at {DATA}")
@pytest.mark.parametrize(("split", "floor", "margin"), [("dev", 81.0, 12.0), ("test", 55.0, 2.5)])
def test_gum_news_gate(split: str, floor: float, margin: float) -> None:
    report = evaluate(DATA, split)
    metrics = report.metrics
    assert metrics["f1"] >= floor, report.notes
    assert metrics["f1"] >= metrics["raw_f1"] + margin, report.notes
