"""Who a speaker is: entity linking, pronouns, and the chain a quote came through.

``quotes`` finds a speaker *span*; this module says whom it names:

1. a relative pronoun ("who said") stands for the noun it hangs on;
2. a personal pronoun ("he said") resolves to a PERSON mentioned before it that
   agrees in gender and number, preferring the nearest sentence, the grammatical
   subject and the more salient entity;
3. a noun phrase links to the ArticleEntity whose mention covers its head, or
   an apposition's head ("a spokesman, Dmitry Peskov,"), or for a government
   noun ("Japan's foreign ministry") the country that owns it;
4. anything else is an unnamed source: its description is the speaker's name
   and ``speaker_id`` stays None.

The chain (``via``) is the speaker followed by the outlets and addressees the
words passed through, nearest first: "cited by Le Monde", "told CNN's Christiane
Amanpour", "posted on Telegram", and an enclosing "according to X" or
"X reported" (those are added by ``quotes``, which sees the nesting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import ArticleEntity, SourceRef
from .speech import sentence_bounds, sentence_of

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "we"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Heads that make a possessor speak through its institution.
GOVERNMENT_NOUNS = frozenset(
    "ministry government cabinet administration embassy office department "
    "presidency kremlin military army spokesman spokeswoman spokesperson".split()
)
MEDIUM_NOUNS = frozenset(
    "telegram twitter x facebook instagram tiktok youtube truth weibo television "
    "tv radio interview statement broadcast podcast newspaper blog website".split()
)
_MALE_TITLES = frozenset({"mr", "mr.", "sir", "king", "prince", "lord"})
_FEMALE_TITLES = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "queen", "princess", "lady", "dame"}
)
PERSONISH = frozenset({"PERSON"})
_PRONOUN_WINDOW = 6  # sentences back a pronoun may reach
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "MEDIA", "GPE", "NORP"})


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: display name and entity key (None when unnamed)."""

    name: str
    entity_id: str | None


class EntityIndex:
    """Entity mentions of one article, looked up by character offset."""

    def __init__(self, doc: Doc, entities: Sequence[ArticleEntity]) -> None:
        self.doc = doc
        self.entities = {e.key: e for e in entities}
        self.mentions = sorted((s, e, ent.key) for ent in entities for (s, e) in ent.mentions)
        self.gender = {e.key: _gender(doc, e) for e in entities if e.type in PERSONISH}

    def at(self, start: int, end: int, types: frozenset[str] | None = None) -> ArticleEntity | None:
        """The entity whose mention overlaps ``[start, end)``, the longest mention first."""
        best: tuple[int, str] | None = None
        for m_start, m_end, key in self.mentions:
            if m_start >= end:
                break
            if m_end <= start:
                continue
            ent = self.entities[key]
            if types is not None and ent.type not in types:
                continue
            size = m_end - m_start
            if best is None or size > best[0]:
                best = (size, key)
        return self.entities[best[1]] if best else None

    def before(self, offset: int) -> list[tuple[int, int, ArticleEntity]]:
        """PERSON mentions ending before ``offset``, latest first."""
        out = [
            (s, e, self.entities[k])
            for s, e, k in self.mentions
            if e <= offset and self.entities[k].type in PERSONISH
        ]
        return sorted(out, key=lambda m: -m[0])


def _gender(doc: Doc, ent: ArticleEntity) -> str | None:
    """Guess a person's gender from titles and the pronouns that follow them.

    Votes: an honorific before a mention ("Mr.", "Ms."), and the first personal
    pronoun in the mention's sentence or the next one when the mention is the
    sentence's subject. No name lists: they age badly and travel poorly.
    """
    votes = {"m": 0, "f": 0}
    for start, end in ent.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        for word in (prev, span[0].lower_):
            if word in _MALE_TITLES:
                votes["m"] += 3
            elif word in _FEMALE_TITLES:
                votes["f"] += 3
        if span.root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        sent = sentence_of(doc, span.start)
        nxt = sentence_of(doc, sent.end) if sent.end < len(doc) else None
        tokens = [t for t in sent if t.i >= span.end] + (list(nxt) if nxt is not None else [])
        for tok in tokens:
            if tok.lower_ in MALE:
                votes["m"] += 1
                break
            if tok.lower_ in FEMALE:
                votes["f"] += 1
                break
    if votes["m"] == votes["f"]:
        return None
    return "m" if votes["m"] > votes["f"] else "f"


def _noun_phrase_name(doc: Doc, start: int, end: int) -> str:
    """The description of an unnamed source, without trailing appositions."""
    text = doc[start:end].text
    for cut in (",", " (", " who ", " which "):
        pos = text.find(cut)
        if pos > 0:
            text = text[:pos]
    return text.strip()


def resolve_pronoun(tok: Token, index: EntityIndex, previous: Sequence[Speaker]) -> Speaker | None:
    """The PERSON a personal pronoun stands for, by agreement and salience.

    Candidates are PERSON mentions in this sentence before the pronoun and in
    the six sentences before it. Score: gender agreement (a known match beats
    an unknown gender; a mismatch is out), nearness in sentences, being a
    subject, the entity's salience, and having been the last quote's speaker.
    """
    word = tok.lower_
    wanted = "m" if word in MALE else "f" if word in FEMALE else None
    if wanted is None:
        return None
    doc = tok.doc
    bounds = sentence_bounds(doc)
    order = {start: n for n, start in enumerate(sorted({b[0] for b in bounds}))}
    my_sent = order[bounds[tok.i][0]]
    last_speakers = {s.entity_id for s in previous[-1:] if s.entity_id}
    best: tuple[float, ArticleEntity] | None = None
    for m_start, m_end, ent in index.before(tok.idx):
        span = doc.char_span(m_start, m_end, alignment_mode="expand")
        if span is None:
            continue
        distance = my_sent - order[bounds[span.start][0]]
        if distance > _PRONOUN_WINDOW:
            break
        gender = index.gender.get(ent.key)
        if gender is not None and gender != wanted:
            continue
        score = -0.75 * distance + (3.0 if gender == wanted else 0.0)
        score += 1.0 if span.root.dep_ in ("nsubj", "nsubjpass") else 0.0
        score += ent.salience + (1.0 if ent.key in last_speakers else 0.0)
        if best is None or score > best[0]:
            best = (score, ent)
    return Speaker(best[1].name, best[1].key) if best else None


def resolve_speaker(
    doc: Doc,
    source: tuple[int, int],
    head: int,
    index: EntityIndex,
    previous: Sequence[Speaker] = (),
) -> Speaker:
    """Name and link the speaker whose span is ``source`` (token offsets)."""
    tok = doc[head]
    if tok.lower_ in RELATIVE and tok.head.head.i != tok.head.i:
        noun = tok.head.head  # the relcl verb hangs on the noun it describes
        return resolve_speaker(doc, _np(noun), noun.i, index, previous)
    if tok.pos_ == "PRON":
        found = resolve_pronoun(tok, index, previous)
        if found is not None:
            return found
        if tok.lower_ in PLURAL and previous:
            return previous[-1] if previous[-1].entity_id else Speaker(tok.text, None)
        return Speaker(tok.text, None)
    ent = index.at(tok.idx, tok.idx + len(tok.text), SPEAKER_TYPES)
    if ent is None:
        for child in tok.children:
            if child.dep_ == "appos":
                ent = index.at(child.idx, child.idx + len(child.text), SPEAKER_TYPES)
                if ent is not None:
                    break
    if ent is None and tok.lower_ in GOVERNMENT_NOUNS:
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod"):
                ent = index.at(child.idx, child.idx + len(child.text), SPEAKER_TYPES)
                if ent is not None:
                    break
    if ent is None and tok.pos_ == "NOUN":
        ent = _by_role(tok, index)
    if ent is not None:
        return Speaker(ent.name, ent.key)
    return Speaker(_noun_phrase_name(doc, *source), None)


def _by_role(tok: Token, index: EntityIndex) -> ArticleEntity | None:
    """ "the minister" after "Ines Moreau, the health minister": the person with that role.

    Only a definite noun phrase ("the minister", not "a minister") refers
    back; the latest person whose role contains the noun wins.
    """
    if not any(c.lower_ == "the" for c in tok.children):
        return None
    doc = tok.doc
    for start, end, ent in index.before(tok.idx):
        if any(tok.lower_ in role.lower().split() for role in ent.roles):
            return ent
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        # "Ines Moreau, the health minister," or "the health minister, Ines Moreau"
        near = [c for c in span.root.children if c.dep_ == "appos"]
        if span.root.dep_ == "appos":
            near.append(span.root.head)
        if any(t.lemma_ == tok.lemma_ for n in near for t in n.subtree):
            return ent
    return None


def _np(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _ref(doc: Doc, tok: Token, index: EntityIndex) -> SourceRef:
    """A chain link for the noun ``tok``: its entity if it has one, else its phrase."""
    ent = index.at(tok.idx, tok.idx + len(tok.text))
    if ent is not None:
        return SourceRef(ent.name, ent.key)
    start, end = _np(tok)
    return SourceRef(_noun_phrase_name(doc, start, end), None)


def local_chain(
    doc: Doc, cue: tuple[int, int], head: int | None, index: EntityIndex
) -> list[SourceRef]:
    """Outlets and addressees named around the cue and the speaker, nearest first.

    Reads "cited by / quoted by X" on the speaker, "told X" (with "X's Y", the
    person and then the outlet), and "on/in/to/with X" after the verb when X is
    an organisation or a medium ("on Telegram", "in an interview with CNN").
    """
    chain: list[SourceRef] = []
    if head is not None:
        for child in doc[head].children:
            if child.dep_ == "acl" and child.lemma_ in ("cite", "quote"):
                for agent in child.children:
                    for pobj in agent.children:
                        if agent.dep_ == "agent" and pobj.dep_ == "pobj":
                            chain.append(_ref(doc, pobj, index))
    verb = doc[cue[0]]
    for child in verb.children:
        if verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative"):
            chain.extend(_addressee(doc, child, index))
        elif child.dep_ == "prep" and child.lower_ in ("on", "in", "to", "with"):
            chain.extend(_medium(doc, child, index))
    return chain


def _addressee(doc: Doc, tok: Token, index: EntityIndex) -> list[SourceRef]:
    """ "told CNN's Christiane Amanpour" → [Amanpour, CNN]; "told reporters" → []."""
    out: list[SourceRef] = []
    ent = index.at(tok.idx, tok.idx + len(tok.text))
    if ent is not None:
        out.append(SourceRef(ent.name, ent.key))
    for child in tok.children:
        if child.dep_ == "poss":
            owner = index.at(child.idx, child.idx + len(child.text))
            out.append(SourceRef(owner.name, owner.key) if owner else SourceRef(child.text, None))
    return out


def _medium(doc: Doc, prep: Token, index: EntityIndex) -> list[SourceRef]:
    """The organisation or medium behind "on Telegram", "in an interview with CNN"."""
    out: list[SourceRef] = []
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        ent = index.at(pobj.idx, pobj.idx + len(pobj.text), frozenset({"ORG", "MEDIA", "PERSON"}))
        if ent is not None:
            out.append(SourceRef(ent.name, ent.key))
        elif pobj.lower_ in MEDIUM_NOUNS and pobj.lower_ not in ("interview", "statement"):
            out.append(SourceRef(_noun_phrase_name(doc, *_np(pobj)), None))
        for sub in pobj.children:
            if sub.dep_ == "prep" and sub.lower_ == "with":
                out.extend(_medium(doc, sub, index))
    return out
