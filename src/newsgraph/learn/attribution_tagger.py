"""An optional learned attribution tagger: a CRF stacked on the rules.

PolNeAR marks attributions the rules cannot list one by one ("his adulation
of", "was viewed as"). A linear-chain CRF over spaCy token features, with the
rule-based spans as features, learns them from PolNeAR's train split.

The model is never shipped: PolNeAR has no licence beyond research use, so a
user trains it locally from their own copy of the data
(``newsgraph train attribution --data PATH``) into a cache outside the
project (``~/.cache/newsgraph/attribution-crf.model``, or the directory in
``NEWSGRAPH_MODELS``). Needs the ``[learn]`` extra (python-crfsuite).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from ..errors import ConfigError, DataError
from ..extract.annotate import load_nlp
from .features import ROLES, Features, doc_features, sequence

MODEL_NAME = "attribution-crf.model"
SPLITS = ("train", "dev", "test")
# Sentences without an attribution kept for training: one in this many,
# about their share in the scored files.
NEGATIVE_EVERY = 4
# Chosen on dev (c1 0.1 beat 0.05 and 0.2; 100 iterations of L-BFGS).
CRF_PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.05,
    "max_iterations": 100,
    "feature.possible_transitions": True,
}

Example = tuple[list[Features], list[str]]


@dataclass(frozen=True)
class LearnedQuote:
    """One attribution found by the tagger, shaped like ``FoundQuote``'s spans.

    Character offsets into the tagged text; ``outer`` holds the content spans
    (the scorer reads ``source``, ``cue`` and ``outer`` from either kind).
    """

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    outer: tuple[tuple[int, int], ...]


def default_model_path() -> Path:
    """Where a trained model lives: ``$NEWSGRAPH_MODELS`` or ``~/.cache/newsgraph``."""
    root = os.environ.get("NEWSGRAPH_MODELS")
    base = Path(root).expanduser() if root else Path.home() / ".cache" / "newsgraph"
    return base / MODEL_NAME


def _crfsuite() -> Any:
    try:
        import pycrfsuite
    except ImportError as exc:
        raise ConfigError(
            "the learned attribution tagger needs python-crfsuite; "
            "install the extra: pip install 'newsgraph[learn]'"
        ) from exc
    return pycrfsuite


def _project_root() -> Path | None:
    """The source checkout this module runs from, if it is one (has pyproject.toml)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").exists():
            return parent
    return None


def _articles(data: Path, split: str, limit: int | None) -> list[dict[str, Any]]:
    """One annotator per article (the first by id), as the scorer does."""
    if split not in SPLITS:
        raise DataError(f"polnear: unknown split {split!r}; valid: {', '.join(SPLITS)}")
    path = data / f"attributions_{split}.jsonl"
    if not path.exists():
        raise DataError(f"polnear: {path} missing; pass the PolNeAR folder as --data")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows.sort(key=lambda r: (r["doc_id"], r["annotator"]))
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row["doc_id"], row)
    docs = list(first.values())
    return docs[:limit] if limit else docs


def _role_spans(row: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """(role, start, end, attribution number) for every gold span piece."""
    return [
        (role, a, b, n)
        for n, att in enumerate(row["attributions"])
        for role in ROLES
        for part in att[role]
        for a, b in part["spans"]
    ]


def _units(doc: Doc, row: dict[str, Any]) -> Iterator[tuple[int, int]]:
    """Character bounds of the sentences to learn from, as the scorer cuts them.

    Sentences one attribution runs across are joined; every sentence with an
    attribution is kept, and one in ``NEGATIVE_EVERY`` of the others.
    """
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    for att in row["attributions"]:
        edges = [sp for role in ROLES for part in att[role] for sp in part["spans"]]
        if not edges:
            continue
        lo, hi = min(s for s, _ in edges), max(e for _, e in edges)
        inside = [b for b in bounds if not (b[1] <= lo or b[0] >= hi)]
        if inside:
            keep = [b for b in bounds if b[1] <= lo or b[0] >= hi]
            bounds = sorted([*keep, (inside[0][0], inside[-1][1])])
    spans = _role_spans(row)
    negatives = 0
    for start, end in bounds:
        if not any(start <= a and b <= end for _, a, b, _ in spans):
            negatives += 1
            if negatives % NEGATIVE_EVERY:
                continue
        yield start, end


def gold_labels(doc: Doc, idx: list[int], row: dict[str, Any]) -> list[str]:
    """BIO labels of the tokens ``idx`` from the article's gold spans.

    Content is painted first, then source and cue, so the roles of an
    attribution nested in another's content survive; a token starts a chunk
    (``B-``) when its span differs from the previous token's.
    """
    owner: dict[int, tuple[str, int]] = {}
    order = {"content": 0, "source": 1, "cue": 2}
    spans = sorted(enumerate(_role_spans(row)), key=lambda x: order[x[1][0]])
    for k, (role, a, b, _) in spans:
        for i in idx:
            tok = doc[i]
            if tok.idx < b and tok.idx + len(tok.text) > a:
                owner[i] = (role, k)
    labels: list[str] = []
    prev: tuple[str, int] | None = None
    for i in idx:
        cur = owner.get(i)
        if cur is None:
            labels.append("O")
        else:
            labels.append(f"{'I' if cur == prev else 'B'}-{cur[0]}")
        prev = cur
    return labels


def examples_from(docs: Iterable[Doc], rows: Iterable[dict[str, Any]]) -> Iterator[Example]:
    """Training sequences from parsed articles and their gold attributions."""
    for doc, row in zip(docs, rows, strict=True):
        base = doc_features(doc)
        for start, end in _units(doc, row):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            idx, feats = sequence(doc, base, span.start, span.end)
            if idx:
                yield feats, gold_labels(doc, idx, row)


def examples(data: Path, split: str = "train", limit: int | None = None) -> Iterator[Example]:
    """Parse each article once and cut it into labelled sentence sequences."""
    rows = _articles(data, split, limit)
    docs = load_nlp().pipe((r["text"] for r in rows), batch_size=8)
    return examples_from(docs, rows)


def fit(seqs: Iterable[Example], out: Path, params: dict[str, Any] | None = None) -> Path:
    """Train a CRF on labelled sequences and write it to ``out``."""
    crf = _crfsuite()
    root = _project_root()
    out = out.expanduser().resolve()
    if root is not None and out.is_relative_to(root):
        raise ConfigError(
            f"{out} is inside the project at {root}; a model trained on PolNeAR "
            "must not ship with it — write it to ~/.cache/newsgraph or $NEWSGRAPH_MODELS"
        )
    trainer = crf.Trainer(verbose=False)
    n = 0
    for feats, labels in seqs:
        trainer.append(feats, labels)
        n += 1
    if n == 0:
        raise DataError("no training sequences: the data has no sentences to learn from")
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def train(
    data: Path, out: Path | None = None, split: str = "train", limit: int | None = None
) -> Path:
    """Train the tagger on PolNeAR's ``split`` (read from ``data``); return the model path."""
    return fit(examples(data, split, limit), out or default_model_path())


class Tagger:
    """A trained CRF that tags a parsed text with source, cue and content spans."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._crf = _crfsuite().Tagger()
        self._crf.open(str(path))

    def _tag_range(
        self, doc: Doc, base: list[Features], start: int, end: int
    ) -> list[LearnedQuote]:
        idx, feats = sequence(doc, base, start, end)
        return group(doc, idx, self._crf.tag(feats)) if idx else []

    def tag(self, doc: Doc | Span) -> list[LearnedQuote]:
        """Attributions in ``doc``, tagged as one sequence (a sentence or a scored unit)."""
        if isinstance(doc, Span):
            return self._tag_range(doc.doc, doc_features(doc.doc), doc.start, doc.end)
        return self._tag_range(doc, doc_features(doc), 0, len(doc))

    def tag_article(self, doc: Doc) -> list[LearnedQuote]:
        """Attributions in a whole article, one sentence at a time (rules run once)."""
        base = doc_features(doc)
        return [q for sent in doc.sents for q in self._tag_range(doc, base, sent.start, sent.end)]


def load(path: Path | None = None) -> Tagger | None:
    """The trained tagger at ``path`` (default: the user cache), or None if none was trained."""
    path = (path or default_model_path()).expanduser()
    if not path.is_file():
        return None
    return Tagger(path)


def _chunks(labels: list[str]) -> list[tuple[str, int, int]]:
    """(role, first, last + 1) positions of BIO chunks; a stray I- starts one."""
    out: list[tuple[str, int, int]] = []
    role, start = None, 0
    for k, label in enumerate([*labels, "O"]):
        tag, _, name = label.partition("-")
        if role is not None and (tag != "I" or name != role):
            out.append((role, start, k))
            role = None
        if tag == "B" or (tag == "I" and role is None):
            role, start = name, k
    return out


def group(doc: Doc, idx: list[int], labels: list[str]) -> list[LearnedQuote]:
    """Tie tagged chunks into attributions: each source and content joins its nearest cue.

    A sentence without a cue still yields its source and content (as one
    attribution without a cue), so nothing tagged is dropped.
    """
    cues: list[tuple[int, tuple[int, int]]] = []
    rest: list[tuple[str, int, tuple[int, int]]] = []
    for role, a, b in _chunks(labels):
        first, last = doc[idx[a]], doc[idx[b - 1]]
        chars = (first.idx, last.idx + len(last.text))
        if role == "cue":
            cues.append((a, chars))
        else:
            rest.append((role, a, chars))
    slots: list[dict[str, list[tuple[int, int]]]] = [
        {"source": [], "content": []} for _ in range(max(len(cues), 1))
    ]
    for role, a, chars in rest:
        near = min(range(len(cues)), key=lambda c: abs(cues[c][0] - a)) if cues else 0
        slots[near][role].append(chars)
    found: list[LearnedQuote] = []
    for k, slot in enumerate(slots):
        cue = cues[k][1] if cues else None
        first_source = slot["source"][0] if slot["source"] else None
        if first_source or cue or slot["content"]:
            found.append(LearnedQuote(first_source, cue, tuple(slot["content"])))
        found.extend(LearnedQuote(s, None, ()) for s in slot["source"][1:])
    return found
