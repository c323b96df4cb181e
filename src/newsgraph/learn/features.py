"""Token features for the learned attribution tagger.

The tagger is stacked on the rules: every token carries the role the
rule-based ``find_quotes`` gave it, beside what the parse says about it (word,
shape, lemma, part of speech, dependency, head, the nearest governing verb and
whether it is a speech verb). The rules supply the precise cases (quotation
marks, "said that" clauses); the learned weights add the broad attributions
PolNeAR also marks ("his adulation of", "was viewed as") and learn where its
annotators draw span boundaries.

Features are computed once per parsed ``Doc`` and then cut into sequences, so
training can parse each article once and slice its sentences out of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..extract.quotes import find_quotes
from ..extract.speech import CLAIM_NOUNS, SPEECH_LEMMAS

ROLES = ("source", "cue", "content")
QUOTE_MARKS = frozenset('"“”«»„')
_VERBAL = frozenset({"VERB", "AUX"})
_WINDOW = (-2, -1, 1, 2)

Features = dict[str, str | float]


def rule_labels(doc: Doc) -> list[str]:
    """BIO role of each token according to the rule-based ``find_quotes``.

    Content is painted first, then source and cue, so a nested attribution's
    source and cue stay visible inside an outer quote's content.
    """
    labels = ["O"] * len(doc)
    kinds = [""] * len(doc)
    for q in find_quotes(doc):
        by_role = (("content", q.outer), ("source", (q.source,)), ("cue", (q.cue,)))
        for role, spans in by_role:
            for span in spans:
                if span is None:
                    continue
                chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
                if chunk is None or len(chunk) == 0:
                    continue
                for tok in chunk:
                    labels[tok.i] = f"I-{role}"
                    kinds[tok.i] = q.kind
                labels[chunk.start] = f"B-{role}"
    return [f"{lab}|{kind}" if kind else lab for lab, kind in zip(labels, kinds, strict=True)]


def _governor(tok: Token) -> tuple[Token | None, str]:
    """Nearest verb above the token and the dependency under which the path enters it."""
    dep = tok.dep_
    node = tok
    while node.head.i != node.i:
        dep = node.dep_
        node = node.head
        if node.pos_ in _VERBAL:
            return node, dep
    return None, dep


def _shape(text: str) -> str:
    """A short word shape ("Xx", "d", "x-x"): case and digits without the length."""
    out: list[str] = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:5])


def token_features(tok: Token, rules: Sequence[str]) -> Features:
    """What one token says on its own, before its neighbours are added.

    ``rules`` are the rule-based labels of the whole text: the token's own,
    its head's and its governing verb's role are features.
    """
    lower = tok.lower_
    gov, path_dep = _governor(tok)
    rule = rules[tok.i]
    head_rule = rules[tok.head.i].split("|")[0][2:] or "O"
    gov_rule = (rules[gov.i].split("|")[0][2:] or "O") if gov is not None else "O"
    feats: Features = {
        "bias": 1.0,
        "w": lower,
        "suf3": lower[-3:],
        "shape": _shape(tok.text),
        "lemma": tok.lemma_.lower(),
        "pos": tok.pos_,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "hlemma": tok.head.lemma_.lower(),
        "hpos": tok.head.pos_,
        "dep_hpos": f"{tok.dep_}|{tok.head.pos_}",
        "dir": "L" if tok.i < tok.head.i else "R" if tok.i > tok.head.i else "0",
        "ent": f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_type_ else "O",
        "rule": rule,
        "rrole": rule.split("|")[0][2:] or "O",
    }
    if lower in QUOTE_MARKS or tok.text in QUOTE_MARKS:
        feats["qmark"] = 1.0
    if tok.lemma_.lower() in SPEECH_LEMMAS:
        feats["speech"] = 1.0
    if tok.lemma_.lower() in CLAIM_NOUNS:
        feats["claimnoun"] = 1.0
    if tok.head.lemma_.lower() in SPEECH_LEMMAS:
        feats["hspeech"] = 1.0
    feats["hrule"] = head_rule
    if gov is not None:
        feats["govrule"] = gov_rule
        feats["gov"] = gov.lemma_.lower()
        feats["gov_dep"] = f"{gov.lemma_.lower()}|{path_dep}"
        feats["govspeech_dep"] = f"{gov.lemma_.lower() in SPEECH_LEMMAS}|{path_dep}"
    kids = {c.dep_ for c in tok.children}
    for dep in ("ccomp", "nsubj", "nsubjpass", "xcomp", "dobj", "prep", "agent"):
        if dep in kids:
            feats[f"has_{dep}"] = 1.0
    return feats


def doc_features(doc: Doc) -> list[Features]:
    """Per-token features for a whole parsed text (rules run once on it)."""
    rules = rule_labels(doc)
    return [token_features(tok, rules) for tok in doc]


def sequence(
    doc: Doc, base: Sequence[Features], start: int, end: int
) -> tuple[list[int], list[Features]]:
    """Features of the non-space tokens in ``doc[start:end]`` with their neighbours'.

    Returns the token indices (into ``doc``) and one feature dict per token.
    The quote-mark parity ("inside a quotation so far") is counted within the
    sequence, as the tagger sees it.
    """
    idx = [i for i in range(start, end) if not doc[i].is_space]
    cues = [k for k, i in enumerate(idx) if base[i]["rrole"] == "cue"]
    out: list[Features] = []
    inside = False
    for k, i in enumerate(idx):
        feats = dict(base[i])
        if cues:  # where the nearest rule-found cue is, and how far
            gap = min((c - k for c in cues), key=abs)
            side = "R" if gap > 0 else "L" if gap < 0 else "0"
            feats["rcue"] = f"{side}{min(abs(gap), 6) if abs(gap) < 6 else 'far'}"
        else:
            feats["rcue"] = "none"
        if "qmark" in feats:
            inside = not inside
        elif inside:
            feats["inq"] = 1.0
        for off in _WINDOW:
            j = k + off
            if 0 <= j < len(idx):
                near = base[idx[j]]
                feats[f"{off}w"] = near["w"]
                feats[f"{off}pos"] = near["pos"]
                feats[f"{off}rule"] = near["rrole"]
            else:
                feats[f"{off}w"] = "<edge>"
        if k == 0:
            feats["first"] = 1.0
        if k == len(idx) - 1:
            feats["last"] = 1.0
        out.append(feats)
    return idx, out
