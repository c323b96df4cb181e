"""The optional learned attribution tagger: train, load, tag (CRF on spaCy features)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite")

from newsgraph.errors import ConfigError  # noqa: E402
from newsgraph.extract.annotate import load_nlp  # noqa: E402
from newsgraph.learn import attribution_tagger as at  # noqa: E402

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

# Our own sentences: (source, cue, content) as they appear in the text.
_TRIPLES = [
    ("The mayor", "said", "the bridge would reopen in May"),
    ("Officials", "argued", "the budget was too small"),
    ("The senator", "claimed", "the vote had been rigged"),
    ("A spokeswoman", "told", "reporters the plant was safe"),
    ("The union", "warned", "strikes could spread to the ports"),
    ("Analysts", "believe", "prices will fall next year"),
    ("The coach", "insisted", "his team was ready"),
    ("Two witnesses", "said", "the car did not stop"),
    ("The governor", "announced", "schools would close early"),
    ("Her lawyer", "denied", "she had signed the contract"),
    ("The minister", "suggested", "taxes might rise"),
    ("Local farmers", "complained", "the rain came too late"),
    ("The company", "confirmed", "it had cut 200 jobs"),
    ("Critics", "noted", "the plan lacks funding"),
    ("The judge", "ruled", "the search was unlawful"),
    ("Residents", "fear", "the river will flood again"),
    ("The report", "found", "emissions rose by a tenth"),
    ("The chairman", "admitted", "mistakes were made"),
]
_FILLER = ["The bridge is painted green.", "It rained all week in the valley."]


def _corpus(path: Path) -> Path:
    """A PolNeAR-shaped train file: one article of our sentences with offsets."""
    text, atts = "", []
    for n, (source, cue, content) in enumerate(_TRIPLES):
        start = len(text)
        sent = f"{source} {cue} {content}. "
        spans = {}
        for role, part in (("source", source), ("cue", cue), ("content", content)):
            a = start + sent.index(part)
            spans[role] = [{"spans": [[a, a + len(part)]], "text": part}]
        atts.append({"id": f"E{n}", **spans})
        text += sent + _FILLER[n % 2] + " "
    row = {"doc_id": "ours", "annotator": "a1", "text": text, "attributions": atts}
    path.mkdir()
    (path / "attributions_train.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_train_load_tag(tmp_path: Path) -> None:
    data = _corpus(tmp_path / "data")
    model = at.train(data, tmp_path / "models" / "crf.model")
    assert model.is_file()
    tagger = at.load(model)
    assert tagger is not None
    text = "The ambassador said the talks would resume on Monday."
    found = tagger.tag(load_nlp()(text))
    spans = {
        "source": [text[slice(*q.source)] for q in found if q.source],
        "cue": [text[slice(*q.cue)] for q in found if q.cue],
        "content": [text[a:b] for q in found for a, b in q.outer],
    }
    assert any("ambassador" in s for s in spans["source"]), found
    assert "said" in spans["cue"], found
    assert any("talks would resume" in s for s in spans["content"]), found


def test_load_missing_model_is_none(tmp_path: Path) -> None:
    assert at.load(tmp_path / "nothing.model") is None


def test_model_path_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSGRAPH_MODELS", str(tmp_path))
    assert at.default_model_path() == tmp_path / at.MODEL_NAME


def test_refuses_to_write_inside_project(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    data = _corpus(tmp_path / "data")
    with pytest.raises(ConfigError, match="inside the project"):
        at.train(data, root / "crf.model")


def test_group_ties_roles_to_nearest_cue() -> None:
    doc = load_nlp().make_doc("Ann said it rained and Bob said it snowed")
    labels = [
        "B-source",
        "B-cue",
        "B-content",
        "I-content",
        "O",
        "B-source",
        "B-cue",
        "B-content",
        "I-content",
    ]
    found = at.group(doc, list(range(len(doc))), labels)
    assert [(doc.text[slice(*q.source)], doc.text[slice(*q.cue)]) for q in found] == [
        ("Ann", "said"),
        ("Bob", "said"),
    ]


def test_tag_article_tags_each_sentence(tmp_path: Path) -> None:
    tagger = at.load(at.train(_corpus(tmp_path / "data"), tmp_path / "crf.model"))
    assert tagger is not None
    doc = load_nlp()("The pilot said the engine failed. The airline denied the plane was old.")
    cues = [doc.text[slice(*q.cue)] for q in tagger.tag_article(doc) if q.cue]
    assert cues == ["said", "denied"]


def test_evaluate_with_missing_model_says_how_to_train(tmp_path: Path) -> None:
    from newsgraph.errors import DataError
    from newsgraph.eval.attribution import evaluate

    with pytest.raises(DataError, match="train attribution"):
        evaluate(tmp_path, "dev", model=tmp_path / "none.model")


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR.exists(), reason=f"PolNeAR not found at {POLNEAR}")
def test_learned_beats_rules_on_dev(tmp_path: Path) -> None:
    """Trained on 120 of 840 train articles, scored on 20 dev articles (keeps it short)."""
    from newsgraph.eval.attribution import evaluate

    model = at.train(POLNEAR, tmp_path / "crf.model", limit=120)
    rules = evaluate(POLNEAR, "dev", limit=20).metrics
    learned = evaluate(POLNEAR, "dev", limit=20, model=model).metrics
    for metric in ("source_f1", "cue_f1"):
        assert learned[metric] > rules[metric], (metric, learned[metric], rules[metric])
