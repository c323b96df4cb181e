"""Who claims a number: the source chain of a claim, nearest first.

Split from ``extract.claims`` so that reading a quantity (value, unit, what it
is about) and reading its sources can change apart. The chain is built from
the parse of the claim's sentence and the article's quotes and entities:

1. Inside a quote: its speaker, then the quote's own relay chain.
2. "according to X" in the sentence.
3. The subject of a reporting verb governing the sentence ("the ministry
   said", "Ukraine's army estimates"), with "cited by Y" / "citing Z".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..model import ArticleEntity, Quote, SourceRef

# fmt: off
# Verbs whose subject is the source of what follows ("the ministry said", "the army estimates").
REPORTING = {
    "say", "tell", "estimate", "report", "claim", "announce", "state", "add", "confirm", "believe",
    "put", "reckon", "count", "warn", "note", "insist", "write", "suggest", "show", "indicate",
    "find", "assert", "allege", "record", "calculate", "predict",
}
# fmt: on


def attribute(
    doc: Doc, sentence: Span, pos: int, entities: Sequence[ArticleEntity], quotes: Sequence[Quote]
) -> tuple[SourceRef, ...]:
    """The source chain of a claim at character ``pos``, nearest first.

    1. Inside a quote: its speaker, then the quote's own relay chain.
    2. "according to X" in the sentence.
    3. The subject of a reporting verb governing the sentence ("the ministry
       said", "Ukraine's army estimates"), with "cited by Y" / "citing Z".
    """
    for q in quotes:
        if q.start <= pos < q.end and q.speaker_name:
            # a quote's chain already starts with its speaker
            rest = q.via[1:] if q.via and q.via[0].name == q.speaker_name else q.via
            return (SourceRef(q.speaker_name, q.speaker_id), *rest)
    for tok in sentence:
        if tok.lower_ == "according":
            to = [c for c in tok.children if c.lower_ == "to"]
            objs = [c for c in to[0].children if c.dep_ == "pobj"] if to else []
            if objs:
                return _chain(objs[0], entities)
    claim_tok = next((t for t in sentence if t.idx <= pos < t.idx + len(t) + 1), sentence.root)
    verbs = [t for t in claim_tok.ancestors if t.lemma_ in REPORTING and t.pos_ in ("VERB", "AUX")]
    verbs += [t for t in sentence if t.lemma_ in REPORTING and t.pos_ == "VERB" and t not in verbs]
    for verb in verbs:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj and subj[0].pos_ == "PRON":
            person = _antecedent(subj[0], entities)
            if person is not None:
                return (person,)
            continue
        if subj:
            chain = _chain(subj[0], entities)
            cited = _citing(verb, entities) or next(
                (
                    _citing(t.head, entities)
                    for t in sentence
                    if t.lemma_ == "cite" and t.dep_ == "advcl"
                ),
                (),
            )
            return (*cited, *chain) if cited else chain
    return ()


def _antecedent(pron: Token, entities: Sequence[ArticleEntity]) -> SourceRef | None:
    """ "he said" / "she said": the person named last before the pronoun, if any."""
    if pron.lower_ not in ("he", "she"):
        return None
    best: tuple[int, ArticleEntity] | None = None
    for e in entities:
        if e.type != "PERSON":
            continue
        for _start, end in e.mentions:
            if end <= pron.idx and (best is None or end > best[0]):
                best = (end, e)
    return SourceRef(best[1].name, best[1].key) if best is not None else None


def _chain(tok: Token, entities: Sequence[ArticleEntity]) -> tuple[SourceRef, ...]:
    """A source and whoever relayed it: "a senior official, cited by Reuters"."""
    refs = [_ref(tok, entities)]
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_ in ("cite", "quote"):
            for agent in (a for a in c.children if a.dep_ == "agent"):
                refs += [_ref(p, entities) for p in agent.children if p.dep_ == "pobj"]
        if (
            c.dep_ == "acl"
            and c.lemma_ == "cite"
            and not any(a.dep_ == "agent" for a in c.children)
        ):
            refs = [_ref(p, entities) for p in c.children if p.dep_ == "dobj"] + refs
    return tuple(refs)


def _citing(verb: Token, entities: Sequence[ArticleEntity]) -> tuple[SourceRef, ...]:
    """ "Reuters reported, citing the UN" puts the UN nearest the claim."""
    for c in verb.children:
        if c.lemma_ == "cite" and c.dep_ in ("advcl", "xcomp", "conj", "acl"):
            return tuple(_ref(o, entities) for o in c.children if o.dep_ == "dobj")
    return ()


def _ref(tok: Token, entities: Sequence[ArticleEntity]) -> SourceRef:
    words = [
        t
        for t in tok.subtree
        if t.dep_ not in ("punct", "appos", "acl", "relcl", "prep") or t.i == tok.i
    ]
    words = [
        t
        for t in words
        if not any(
            a.dep_ in ("acl", "relcl", "appos", "prep") and a.i != tok.i and a in tok.subtree
            for a in t.ancestors
            if a.i != tok.i and tok in a.ancestors
        )
    ]
    while words and words[0].pos_ == "DET":
        words = words[1:]
    name = doc_text(words) or tok.text
    start, end = tok.idx, tok.idx + len(tok)
    ent = next(
        (e for e in entities for (s, t) in e.mentions if s < end and start < t),
        None,
    )
    return SourceRef(name, ent.key if ent is not None else None)


def doc_text(words: list[Token]) -> str:
    """Tokens joined with the document's own spacing ("Ukraine's army")."""
    return "".join(t.text_with_ws for t in words).strip()
