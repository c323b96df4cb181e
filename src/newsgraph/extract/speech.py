"""Reported speech found from the dependency parse: who said what, with which verb.

A *cue* is a verb of saying or believing ("said", "told", "warned",
"according to") that governs a *content* clause and has a *source*. This module
finds these triples as token spans; it knows nothing about quote marks or
entities (``quotes`` and ``attribution`` add those).

The cascade, per cue candidate:

1. the content is the verb's clausal complement (``ccomp``, or ``xcomp`` for
   verbs such as "promised to", or a ``that``/``if`` clause), else a
   ``parataxis`` clause, else nothing (then it is not an attribution);
2. the source is the verb's subject; a participle ("…, adding that") or a
   conjoined verb ("paused and said") borrows the subject of the verb it
   hangs on; a passive ("was quoted as saying") takes the ``by`` agent;
3. "according to X" makes X the source and the clause it modifies the content;
4. verbs of communication with a noun-phrase object ("called for a ban",
   "criticized the ruling") and claim nouns ("Trump's claim that …") are
   reported speech too, as PolNeAR counts them; a parenthetical "…, he said,
   …" reports the clause around it.

The spans follow PolNeAR's conventions because that is the corpus we are
measured on: the source is the whole noun phrase with its appositions, the cue
is the verb with its auxiliaries and adverbs ("has also said", "called for"),
the content starts at "that" and stops before the sentence's final
punctuation or where the reporter's own words resume.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Verbs whose clausal complement is something a source said, wrote or holds.
# Belief verbs ("believes", "thinks") are included: PolNeAR annotates them.
SPEECH_LEMMAS = frozenset(
    """
    say tell add note claim argue suggest insist warn announce report state
    explain write declare deny admit acknowledge confirm believe think predict
    promise pledge vow threaten urge ask accuse allege assert contend maintain
    reply respond recall stress emphasize emphasise tweet post estimate find
    show reveal indicate concede complain caution signal hint testify observe
    remark mention comment agree conclude speculate worry fear hope expect
    boast brag joke quip shout chant propose recommend demand question wonder
    disclose inform assure reiterate repeat counter retort acknowledge
    underline underscore charge contend lament fret plead predict forecast
    learn understand feel know suspect doubt stress rule declare
    announce vow guarantee suspect reckon figure imply proclaim affirm
    """.split()
)

# Verbs that take a to-infinitive as their content ("vowed to fight").
XCOMP_LEMMAS = frozenset(
    "promise pledge vow threaten refuse plan want urge vow call ask demand "
    "decline offer agree".split()
)

# Nouns that make "X's statement that", "the claim that" not a person speaking:
# we only accept subjects, so nouns never become sources by themselves.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CONTENT_DEPS = frozenset({"ccomp"})
_TRAIL = frozenset({",", ".", ";", ":", "—", "–", "-", "!", "?"})


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Each token's sentence as ``(start, end)``, computed once per Doc.

    ``Token.sent`` walks the parse on every call; extractors ask often enough
    that this table is most of the difference between 30 % and 10 % of the
    parse time. It is kept in ``doc.user_data`` under a private key.
    """
    cached = doc.user_data.get("_newsgraph_sentence_bounds")
    if cached is not None and len(cached) == len(doc):
        return cached
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        bounds.extend([(sent.start, sent.end)] * (sent.end - sent.start))
    doc.user_data["_newsgraph_sentence_bounds"] = bounds
    return bounds


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from the tokens on every access, once."""
    cached = doc.user_data.get("_newsgraph_text")
    if cached is None:
        cached = doc.user_data["_newsgraph_text"] = doc.text
    return cached


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``."""
    start, end = sentence_bounds(doc)[i]
    return doc[start:end]


@dataclass(frozen=True)
class Attribution:
    """One source–cue–content triple as token spans ``[start, end)`` of a Doc.

    ``source`` is None when the parse gave no subject (an imperative, a
    headline). ``source_head`` is the token index of the subject's head, the
    place where speaker linking looks for a named entity.
    """

    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: int | None
    according_to: bool = False
    # A parenthetical "…, he said, …" splits its content in two around it.
    hole: tuple[int, int] | None = None
    # The content is a noun phrase ("praised the “constructive spirit”").
    nominal: bool = False


def _subtree_span(tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """The contiguous token span of ``tok``'s subtree, minus a branch if asked.

    A branch is only cut off at an edge (punctuation aside); a branch in the
    middle would leave a hole, and spans must stay contiguous.
    """
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None:
        ex_start, ex_end = exclude.left_edge.i, exclude.right_edge.i + 1
        if ex_start > start and all(t.is_punct for t in doc[ex_end:end]):
            end = ex_start
        elif ex_end < end and all(t.is_punct for t in doc[start:ex_start]):
            start = ex_end
    return start, end


def _cut_participles(clause: Token, span: tuple[int, int]) -> tuple[int, int]:
    """End the content where the reporter's own words take over.

    Cut before: a new speech verb ("…, adding that …", "… and warned that …");
    a participle after a comma that comments on the report ("…, contradicting
    the police"); a paragraph break.
    """
    start, end = span
    doc = clause.doc
    for tok in clause.subtree:
        if tok.i <= clause.i or tok.i >= end:
            continue
        new_cue = (
            tok.lemma_ in SPEECH_LEMMAS
            and tok.dep_ in ("advcl", "xcomp", "conj")
            and (tok.tag_ == "VBG" or tok.dep_ == "conj")
            and content_of(tok) is not None
        )
        comment = (
            tok.head.i == clause.i
            and tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and doc[tok.left_edge.i - 1].text == ","
        )
        if new_cue or comment:
            end = min(end, tok.left_edge.i)
            if tok.dep_ == "conj" and end > start and doc[end - 1].dep_ == "cc":
                end -= 1
    for tok in doc[start:end]:
        if "\n\n" in tok.text or "\n\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            if all(t.is_punct or t.is_space for t in doc[start : tok.i]):
                start = tok.i + 1  # only a stray mark before the break: skip it
                continue
            end = tok.i
            break
    return start, end


def _trim(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Strip punctuation and conjunctions from both ends of a span."""
    start, end = span
    while start < end and doc[start].text in _TRAIL:
        start += 1
    while end > start and (doc[end - 1].text in _TRAIL or doc[end - 1].dep_ == "cc"):
        end -= 1
    return start, end


def source_span(subj: Token) -> tuple[int, int]:
    """The subject's noun phrase, with appositions and a closing comma kept.

    PolNeAR keeps "Flynn, a top Trump surrogate," whole, comma included, but
    not a participle hung on it ("Trump, speaking to veterans"; relative
    clauses stay, as PolNeAR keeps them), nor anything across
    a line break (a dateline or time stamp above the sentence).
    """
    doc = subj.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for child in subj.children:
        if child.i > subj.i and (child.dep_ == "acl" and child.tag_ == "VBG"):
            end = min(end, child.left_edge.i)
        # A long aside in brackets is a comment, not part of the name; a short
        # one is a party and state ("Sen. Lindsey Graham (R-S.C.)").
        long_aside = child.right_edge.i - child.left_edge.i > 4
        if child.i > subj.i and long_aside and doc[child.left_edge.i - 1].text == "(":
            end = min(end, child.left_edge.i - 1)
    for i in range(subj.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(subj.i, end):
        if "\n" in doc[i].whitespace_ or "\n" in doc[i].text:
            end = i + 1
            break
    while start < end and doc[start].is_punct and doc[start].text != "(":
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and doc[end - 1].text != ")"
    ):
        end -= 1
    inner_comma = any(t.text == "," for t in doc[subj.i : end])
    if inner_comma and end < len(doc) and doc[end].text == ",":
        end += 1
    return start, end


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject, or the one it borrows from the verb it depends on."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return subject_of(verb.head)
    if verb.dep_ in ("advcl", "xcomp", "acl") and verb.tag_ == "VBG":
        # "…, adding that": the subject of the nearest speech verb above, else
        # of the clause this participle modifies.
        # A participle the parser hung inside another verb's content belongs
        # to that speech verb ("told CNN that X would respond, adding …").
        target, node = verb.head, verb.head
        while node.head.i != node.i:
            if node.dep_ == "ccomp" and node.head.lemma_ in SPEECH_LEMMAS:
                target = node.head
                break
            node = node.head
        if target.i != verb.i:
            return subject_of(target)
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        # "went on to discuss": the controller is the object if there is one
        # ("urged voters to ask"), else the subject.
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        return obj if obj is not None else subject_of(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a series of tweets criticizing Machado"
    if verb.dep_ == "relcl":
        # "the senator, who said …": PolNeAR marks the relative pronoun.
        for child in verb.children:
            if child.tag_ in ("WP", "WDT"):
                return child
    return None


# Verbs of communication whose object is what was said ("called for a ban",
# "criticized the ruling", "cited a study"): PolNeAR counts these as reported
# speech, and so do we. Attitude verbs ("wants", "supports") are left out.
NP_LEMMAS = frozenset(
    """
    call cite mention criticize criticise blast slam attack praise condemn
    applaud welcome denounce reject dismiss deny demand propose urge question
    accuse blame defend endorse tout highlight describe announce promise
    pledge acknowledge dispute echo discuss predict warn decry
    dub label brand term characterize characterise liken compare
    """.split()
)
# Prepositions that join such a verb to its content ("call for", "point to").
NP_PREPS = {
    "call": ("for", "on"),
    "point": ("to",),
    "speak": ("about", "of"),
    "talk": ("about",),
    "warn": ("of", "about", "against"),
    "complain": ("about",),
}


def _npcontent_of(verb: Token) -> tuple[Token, int] | None:
    """The object a communication verb governs, and where its cue ends."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in NP_PREPS.get(verb.lemma_, ()):
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and child.i <= verb.i + 2:
                return pobj, child.i + 1
    if verb.lemma_ not in NP_LEMMAS:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            if child.lower_ in ("it", "this", "that", "them", "him", "her"):
                return None
            return child, verb.i + 1
    return None


def content_of(verb: Token) -> Token | None:
    """The clause a speech verb governs, if it governs one."""
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS:
            return child
    if verb.lemma_ in XCOMP_LEMMAS:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child
    for child in verb.children:
        if child.dep_ == "parataxis" and child.i < verb.i:
            return child
    # "told a meeting of leaders that few people understood …": the parser
    # hung the that-clause on the object; a clause with its own subject after
    # "that" is a complement, not a relative clause.
    for child in verb.children:
        if child.dep_ not in ("dobj", "dative"):
            continue
        for desc in child.subtree:
            if (
                desc.dep_ in ("relcl", "acl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in desc.children)
                and any(n.dep_ in ("nsubj", "nsubjpass") for n in desc.children)
            ):
                return desc
    return None


_LEFT_OF_CUE = frozenset({"aux", "auxpass", "neg", "advmod"})


def cue_span(verb: Token) -> tuple[int, int]:
    """The verb as PolNeAR marks it: "has also questioned", "called for", "said:".

    Kept: auxiliaries, negation and adverbs right before the verb; a particle
    or the preposition of "call for" / "point to" right after it; a bare date
    ("said Friday") and a colon that opens the content; and a governing verb
    of which this one is the infinitive ("appeared to suggest").
    """
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    for child in sorted(verb.children, key=lambda t: t.i):
        if child.i != end:
            continue
        if child.dep_ == "prt" or (
            child.dep_ == "prep" and child.lower_ in NP_PREPS.get(verb.lemma_, ())
        ):
            end += 1
        elif child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
            end = child.right_edge.i + 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    start = _extend_left(verb, start)
    head = verb.head
    if verb.dep_ == "xcomp" and head.i < verb.i and head.lemma_ not in SPEECH_LEMMAS:
        between = doc[head.i + 1 : start]
        if all(t.dep_ in ("aux", "prt") for t in between):
            start = _extend_left(head, head.i)
    return start, end


def _extend_left(verb: Token, start: int) -> int:
    """Step left over the verb's own auxiliaries, negation and adverbs."""
    for child in sorted(verb.children, key=lambda t: -t.i):
        if child.i == start - 1 and child.dep_ in _LEFT_OF_CUE and child.tag_ != "WRB":
            start -= 1
    return start


def _according_to(tok: Token) -> Attribution | None:
    """ "…, according to X": X is the source, the modified clause the content."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc):
        return None
    to = tok.doc[tok.i + 1]
    if to.lower_ != "to":
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head
    if head.i == tok.i:
        return None
    content = _trim(tok.doc, _subtree_span(head, exclude=tok))
    if content[0] >= content[1]:
        return None
    source = _subtree_span(pobj)
    return Attribution(content, (tok.i, tok.i + 2), source, pobj.i, according_to=True)


def _parenthetical(verb: Token, cue: tuple[int, int]) -> Attribution | None:
    """ "But to prevent problems, he said, officials should be vigilant."

    The verb hangs on the clause it reports; that clause is the content, with
    a hole where the attribution sits.
    """
    subj = subject_of(verb)
    if subj is None:
        return None
    doc = verb.doc
    content = _trim(doc, _subtree_span(verb.head))
    hole = (verb.left_edge.i, verb.right_edge.i + 1)
    if not (content[0] < hole[0] and hole[1] < content[1]):
        return None
    return Attribution(content, cue, source_span(subj), subj.i, hole=hole)


def _with_as_phrase(verb: Token, obj: Token, span: tuple[int, int]) -> tuple[int, int]:
    """ "described her opponent as a fraud": the "as" phrase is part of the content."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "for") and child.i == span[1]:
            return span[0], child.right_edge.i + 1
    return span


# Nouns that report what their owner said or holds: "Trump's claim that …".
CLAIM_NOUNS = frozenset(
    """
    claim assertion statement allegation argument warning promise suggestion
    contention belief view insistence remark accusation charge pledge vow
    prediction assessment conclusion denial admission
    """.split()
)


def _claim_noun(noun: Token) -> Attribution | None:
    """ "Trump's claim that there were thousands of shootings"."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if clause is None or owner is None:
        return None
    content = _trim(noun.doc, _subtree_span(clause))
    source = (owner.left_edge.i, owner.right_edge.i + 1)
    if source[1] < len(noun.doc) and noun.doc[source[1]].dep_ == "case":
        source = (source[0], source[1] + 1)
    return Attribution(content, (noun.i, noun.i + 1), source, owner.i)


def find_attributions(doc: Doc | Span) -> Iterator[Attribution]:
    """Every source–cue–content triple the parse supports, in text order."""
    for tok in doc:
        if tok.lower_ == "according":
            found = _according_to(tok)
            if found is not None:
                yield found
            continue
        if tok.pos_ == "NOUN" and tok.lemma_ in CLAIM_NOUNS:
            found_noun = _claim_noun(tok)
            if found_noun is not None:
                yield found_noun
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        clause = content_of(tok) if lemma in SPEECH_LEMMAS else None
        cue = cue_span(tok)
        if clause is None and lemma in SPEECH_LEMMAS and tok.dep_ == "parataxis":
            found_par = _parenthetical(tok, cue)
            if found_par is not None:
                yield found_par
            continue
        if clause is None:
            found_np = _npcontent_of(tok)
            if found_np is None:
                continue
            clause, cue_end = found_np
            cue = (cue[0], max(cue[1], cue_end))
        content = _trim(tok.doc, _cut_participles(clause, _subtree_span(clause)))
        if clause.dep_ == "dobj":
            content = _with_as_phrase(tok, clause, content)
        if content[0] >= content[1]:
            continue
        subj = subject_of(tok)
        if subj is not None and content[0] <= subj.i < content[1]:
            subj = None
        source = source_span(subj) if subj is not None else None
        yield Attribution(
            content,
            cue,
            source,
            subj.i if subj is not None else None,
            nominal=clause.dep_ not in ("ccomp", "xcomp", "parataxis"),
        )
