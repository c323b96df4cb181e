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


# Our own sentences: "The President met coauthor Lena Berg at the Oslo Cup in Tromso, Norway.
# Later the Harbour People's Front met Ambassador to Norway Ann Lind."
_OWN_NESTED = """# newdoc id = own_nested
# newpar
# sent_id = own_nested-1
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-person-new-x-x-2-sgl
2\tPresident\tPresident\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tcoauthor\tcoauthor\tNOUN\tNN\t_\t3\tobj\t_\tEntity=(2-person-new-x-x-2-sgl
5\tLena\tLena\tPROPN\tNNP\t_\t4\tappos\t_\t_
6\tBerg\tBerg\tPROPN\tNNP\t_\t5\tflat\t_\tEntity=2)
7\tat\tat\tADP\tIN\t_\t10\tcase\t_\t_
8\tthe\tthe\tDET\tDT\t_\t10\tdet\t_\tEntity=(3-event-new-x-x-2-sgl
9\tOslo\tOslo\tPROPN\tNNP\t_\t10\tcompound\t_\tEntity=(4-place-new-x-x-1-sgl)
10\tCup\tCup\tPROPN\tNNP\t_\t3\tobl\t_\tEntity=3)
11\tin\tin\tADP\tIN\t_\t14\tcase\t_\t_
12\tTromso\tTromso\tPROPN\tNNP\t_\t14\tcompound\t_\t\
Entity=(5-place-new-x-x-1,3-sgl-Tromso_%2C_Norway(6-place-new-x-x-1-sgl-Tromso_%28city%29)|SpaceAfter=No
13\t,\t,\tPUNCT\t,\t_\t14\tpunct\t_\t_
14\tNorway\tNorway\tPROPN\tNNP\t_\t10\tnmod\t_\tEntity=5)|SpaceAfter=No
15\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = own_nested-2
1\tLater\tlater\tADV\tRB\t_\t7\tadvmod\t_\t_
2\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(7-organization-new-x-x-3-sgl
3\tHarbour\tHarbour\tPROPN\tNNP\t_\t4\tcompound\t_\t_
4\tPeople\tPeople\tPROPN\tNNP\t_\t6\tnmod:poss\t_\tSpaceAfter=No
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\t_
6\tFront\tFront\tPROPN\tNNP\t_\t7\tnsubj\t_\tEntity=7)
7\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
8\tAmbassador\tAmbassador\tPROPN\tNNP\t_\t11\tcompound\t_\tEntity=(8-person-new-x-x-4-sgl
9\tto\tto\tADP\tIN\t_\t10\tcase\t_\t_
10\tNorway\tNorway\tPROPN\tNNP\t_\t8\tnmod\t_\tEntity=(9-place-new-x-x-1-sgl)
11\tAnn\tAnn\tPROPN\tNNP\t_\t7\tobj\t_\t_
12\tLind\tLind\tPROPN\tNNP\t_\t11\tflat\t_\tEntity=8)|SpaceAfter=No
13\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

"""


def test_reader_names_what_conll_would_and_nothing_else(tmp_path: Path) -> None:
    """Bare titles, names nested in a named event, names under a common noun, "Town, Country"."""
    (tmp_path / "conllu").mkdir()
    (tmp_path / "conllu" / "own_nested.conllu").write_text(_OWN_NESTED, encoding="utf-8")
    (tmp_path / "splits.tsv").write_text("own_nested\tdev\n", encoding="utf-8")
    (doc,) = load_split(tmp_path, "dev")
    named = {(doc.text[s:e], t) for s, e, t in doc.mentions}
    # Not "President" (a bare title), not "Oslo" (inside the named event "Oslo Cup");
    # "Tromso" is read although its identity ends in "%29)", which is no closing "29)";
    # a possessive inside a body's name joins it; a person's name starts after "Norway".
    assert named == {
        ("Lena Berg", "PER"),
        ("Tromso", "LOC"),
        ("Norway", "LOC"),
        ("Harbour People's Front", "ORG"),
        ("Ann Lind", "PER"),
    }


def test_unknown_split_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "splits.tsv").write_text("own_doc\tdev\n", encoding="utf-8")
    with pytest.raises(DataError, match="valid: train, dev, test, all"):
        load_split(tmp_path, "test")


@pytest.mark.slow
@pytest.mark.skipif(not DATA.exists(), reason=f"GUM news data not found at {DATA}")
# The test floor follows the corrected gold reader (docs/quality.md): on it the
# test split gives 58.5 vs 57.5, the same for this layer and the one before it.
@pytest.mark.parametrize(("split", "floor", "margin"), [("dev", 86.5, 15.0), ("test", 58.0, 0.5)])
def test_gum_news_gate(split: str, floor: float, margin: float) -> None:
    report = evaluate(DATA, split)
    metrics = report.metrics
    assert metrics["f1"] >= floor, report.notes
    assert metrics["f1"] >= metrics["raw_f1"] + margin, report.notes
