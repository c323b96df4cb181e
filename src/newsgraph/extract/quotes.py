"""Quotes and reported speech: who said what, where, through whom.

``extract_quotes`` reads one parsed article and returns ``Quote`` records. The
cascade:

1. find quoted segments from the quotation marks (double marks only; single
   marks are apostrophes far more often than quotes: "the ministers’ talks",
   "Reuters’ report"); a quotation may run over sentences and paragraphs;
2. find source–cue–content triples from the parse (``speech``);
3. a triple whose content is a quoted segment is a *direct* quote; one whose
   content clause merely contains a quoted stretch is *mixed*; one whose
   content is a noun phrase holding a quotation ("praised the “constructive
   spirit”") is *partial*; the rest are *indirect*; transcript lines
   ("PENCE: Well, …") are direct quotes of the tagged speaker;
4. quoted segments left over are *partial* when they sit inside a clause and
   *direct* otherwise; a direct one gets its speaker from a nearby verb, a
   dash signature ("― Ana Ruiz"), a colon-ended lead-in, a following "he
   added", the previous quote, or the subject of the sentence before;
5. ``"X," he said. "Y."`` is one quote; so is a quotation continued over
   paragraphs;
6. a triple inside "according to X" or "X reported that …" gains X in its
   chain (``via``) and the outer triple is not reported on its own;
7. speakers are linked to entities and pronouns resolved (``attribution``).

``find_quotes`` returns the raw spans before linking; the PolNeAR scorer reads
it, so what is measured is what the pipeline runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import ArticleEntity, Quote, QuoteKind, SourceRef
from .attribution import EntityIndex, Speaker, local_chain, resolve_speaker
from .speech import (
    NP_LEMMAS,
    SPEECH_LEMMAS,
    Attribution,
    content_of,
    cue_span,
    find_attributions,
    sentence_bounds,
    sentence_of,
    source_span,
    subject_of,
    text_of,
)

# --- quotation marks -------------------------------------------------------
# Double marks only (see the module docstring). A straight mark opens when
# what comes before it could start a phrase and a word follows it.

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
# A straight mark opens when what comes before it could start a phrase.
_OPEN_CONTEXT = set(" \t\n([{—–-/:")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class QuotedSegment:
    """The text between one opening and one closing mark.

    ``start``/``end`` are the inside (without marks); ``outer_start`` and
    ``outer_end`` include the marks. ``continues`` is True when the quotation
    goes on in the next segment (an unclosed paragraph followed by a reopened
    one), so both belong to one quote.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    continues: bool = False


def _is_opener(text: str, i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation (straight marks are ambiguous)."""
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_CONTEXT and not after.isspace()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph (here: line) boundaries as ``(start, end)`` offsets."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return [b for b in bounds if b[1] > b[0]]


def _next_nonspace(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def find_segments(text: str) -> list[QuotedSegment]:
    """Every quoted stretch of ``text``, in order, paragraphs handled.

    A mark that cannot be paired (a stray closer) is ignored. An opener left
    open at the end of a paragraph closes there; if the next paragraph starts
    with an opener the segment is marked ``continues``.
    """
    # Two apostrophes ('') stand for a straight double mark in some feeds;
    # a same-length stand-in keeps every offset valid.
    raw = text
    text = text.replace("''", '"\x01')
    segments: list[QuotedSegment] = []
    paragraphs = _paragraphs(text)
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in OPENERS and ch not in CLOSERS and ch != STRAIGHT:
                continue
            if open_at is None:
                if _is_opener(text, i):
                    open_at = i
                continue
            if ch in OPENERS and ch not in CLOSERS:
                # Two openers in a row: the first was stray (a typo or an
                # unclosed quote); start again from this one.
                open_at = i
                continue
            if i > open_at + 1:
                segments.append(QuotedSegment(open_at + 1, i, open_at, i + 1))
            open_at = None
        if open_at is not None and p_end > open_at + 1:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else len(text)
            first = _next_nonspace(text, nxt)
            continues = bool(first) and (first in OPENERS or first == STRAIGHT)
            end = p_end
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            segments.append(QuotedSegment(open_at + 1, end, open_at, end, continues))
    if "''" in raw:
        segments = [_widen(text, seg) for seg in segments]
    return segments


def _widen(text: str, seg: QuotedSegment) -> QuotedSegment:
    """Step over the second apostrophe of a '' mark at either end."""
    start, outer_end = seg.start, seg.outer_end
    if start < len(text) and text[start] == "\x01":
        start += 1
    if outer_end < len(text) and text[outer_end] == "\x01":
        outer_end += 1
    return replace(seg, start=start, outer_end=outer_end)


# Cues that pass on what someone else said: the inner quote gains the outer
# source as a chain link, and the outer triple is not a quote of its own.
TRANSMISSION = frozenset({"report", "according", "cite", "quote", "carry", "broadcast"})
_MAX_MERGE_GAP = 120
_INHERIT_WINDOW = 600


@dataclass(frozen=True)
class FoundQuote:
    """One quote before speaker linking. Offsets are characters, heads tokens.

    ``parts`` is the content inside the marks (several parts for an
    interrupted or multi-paragraph quote); ``outer`` the same with the marks,
    which is how PolNeAR marks direct content. ``nested`` flags an
    "according to"/"reported" wrapper whose source became another quote's
    chain link; ``inherit`` a quote whose speaker is the previous quote's.
    """

    kind: QuoteKind
    parts: tuple[tuple[int, int], ...]
    outer: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    source_head: int | None = None
    cue_head: int | None = None
    via_heads: tuple[int, ...] = ()
    nested: bool = False
    inherit: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _chars(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    last = doc[span[1] - 1]
    return doc[span[0]].idx, last.idx + len(last.text)


def _groups(segments: list[QuotedSegment]) -> list[list[QuotedSegment]]:
    """Segments chained by ``continues`` (multi-paragraph quotes) as groups."""
    groups: list[list[QuotedSegment]] = []
    chaining = False
    for seg in segments:
        if chaining:
            groups[-1].append(seg)
        else:
            groups.append([seg])
        chaining = seg.continues
    return groups


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _trim_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and the commas around a parenthetical from a character span."""
    text = text_of(doc)
    while start < end and (text[start].isspace() or text[start] in ",;—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–"):
        end -= 1
    return start, end


def _from_attribution(
    doc: Doc, att: Attribution, groups: list[list[QuotedSegment]], used: set[int]
) -> FoundQuote:
    """Classify one parse triple as direct, mixed or indirect by its quote marks."""
    content = _chars(doc, att.content)
    cue = _chars(doc, att.cue)
    source = _chars(doc, att.source) if att.source else None
    base = FoundQuote("indirect", (content,), (content,), cue, source, att.source_head, att.cue[0])
    hits = [
        (i, _overlap(content, (g[0].outer_start, g[-1].outer_end)))
        for i, g in enumerate(groups)
        if i not in used and _overlap(content, (g[0].outer_start, g[-1].outer_end))
    ]
    if not hits:
        parts: tuple[tuple[int, int], ...] = (content,)
        if att.hole is not None:
            before = _trim_chars(doc, content[0], doc[att.hole[0]].idx)
            after = _trim_chars(doc, _chars(doc, att.hole)[1], content[1])
            parts = tuple(p for p in (before, after) if p[1] > p[0])
        return replace(base, parts=parts, outer=parts)
    best, _ = max(hits, key=lambda h: h[1])
    group = groups[best]
    outer = (group[0].outer_start, group[-1].outer_end)
    inside = outer[0] - 3 <= content[0] and content[1] <= outer[1] + 3
    if inside or (_overlap(content, outer) > 0.6 * (content[1] - content[0])):
        used.add(best)
        return replace(
            base,
            kind="direct",
            parts=tuple((s.start, s.end) for s in group),
            outer=tuple((s.outer_start, s.outer_end) for s in group),
        )
    used.update(i for i, _ in hits)
    # A quotation that ends the content takes its closing mark along
    # ("is “dangerous for a president.”"): the trim left it outside.
    for i, _ in hits:
        g_end = groups[i][-1].outer_end
        if content[0] < g_end and content[1] < g_end <= content[1] + 3:
            content = (content[0], g_end)
    if att.nominal:
        # "praised the “constructive spirit”": the quoted words are the quote,
        # the whole object is what PolNeAR calls the content.
        words = tuple((s.start, s.end) for i, _ in sorted(hits) for s in groups[i])
        return replace(base, kind="partial", parts=words, outer=(content,))
    return replace(base, kind="mixed", parts=(content,), outer=(content,))


def _speech_verb_near(
    doc: Doc, sents: list[Span], quoted: list[tuple[int, int]], anchor: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int], int, int] | None:
    """The speech verb outside any quotation in ``sents`` nearest to the ``anchor`` span.

    Returns the cue and source character spans and the subject and verb token
    indices, or None.
    """
    best: tuple[int, Token, Token] | None = None
    for sent in sents:
        for tok in sent:
            if tok.lemma_ not in SPEECH_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
                continue
            if any(s <= tok.idx < e for s, e in quoted):
                continue
            subj = subject_of(tok)
            if subj is None or any(s <= subj.idx < e for s, e in quoted):
                continue
            lo, hi = (tok.idx, anchor[0]) if tok.idx < anchor[0] else (anchor[1], tok.idx)
            if any(lo <= s and e <= hi for s, e in quoted):
                continue  # another quotation sits between: the verb is its cue
            dist = hi - lo
            if best is None or dist < best[0]:
                best = (dist, tok, subj)
    if best is None:
        return None
    _, verb, subj = best
    return _chars(doc, cue_span(verb)), _chars(doc, source_span(subj)), subj.i, verb.i


# “…” ― Sonya Herridge: a quotation signed with a dash and a name.
_DASH_BYLINE = re.compile(r"[ \t]*([―—–])[ \t]*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})")


_COMPLEMENTS = frozenset({"dobj", "dative", "oprd", "ccomp", "xcomp", "attr", "acomp"})


def _leftover(
    doc: Doc, group: list[QuotedSegment], quoted: list[tuple[int, int]]
) -> FoundQuote | None:
    """A quoted group no triple claimed: partial inside a clause, else direct."""

    first, last = group[0], group[-1]
    parts = tuple((s.start, s.end) for s in group)
    outer = tuple((s.outer_start, s.outer_end) for s in group)
    before = text_of(doc)[: first.outer_start].rstrip()
    prev_tok = (
        doc.char_span(len(before) - 1, len(before), alignment_mode="expand") if before else None
    )
    embedded = bool(before) and (before[-1].isalnum() or before[-1] in ")%$")
    if embedded and prev_tok is not None and prev_tok[0].lemma_ in SPEECH_LEMMAS:
        embedded = False
    if embedded:
        span = doc.char_span(first.start, last.end, alignment_mode="expand")
        if span is None:
            return None
        verb = span.root
        while verb.head.i != verb.i and (
            verb.pos_ not in ("VERB", "AUX") or verb.i in range(span.start, span.end)
        ):
            verb = verb.head
        if verb.lemma_ not in SPEECH_LEMMAS and verb.lemma_ not in NP_LEMMAS:
            return None  # a title or scare quote ("starred in “The Apprentice”")
        subj = subject_of(verb)
        if subj is None or span.start <= subj.i < span.end:
            return None
        # What the speaker characterised is the verb's whole complement that
        # holds the quotation ("described all young men as “…”").
        branch = span.root
        while branch.head.i != verb.i and branch.head.i != branch.i:
            branch = branch.head
        # From the verb's first complement ("called half of them “deplorables”",
        # "described the law as a “crazy system”") to the quotation's branch.
        left = branch.left_edge.i
        comp = next((c for c in verb.children if c.i > verb.i and c.dep_ in _COMPLEMENTS), None)
        if comp is not None and comp.i < branch.i:
            left = min(left, comp.left_edge.i)
        b_start, b_end = _chars(doc, (left, branch.right_edge.i + 1))
        wide = ((min(b_start, outer[0][0]), max(b_end, outer[-1][1])),)
        return FoundQuote(
            "partial",
            parts,
            wide,
            _chars(doc, cue_span(verb)),
            _chars(doc, source_span(subj)),
            subj.i,
            verb.i,
        )
    first_tok = doc.char_span(first.start, first.end, alignment_mode="expand")
    last_tok = doc.char_span(last.start, last.end, alignment_mode="expand")
    if first_tok is None or last_tok is None:
        return FoundQuote("direct", parts, outer)
    head_sent = sentence_of(doc, first_tok[0].i)
    tail_sent = sentence_of(doc, last_tok[-1].i)
    sents = [head_sent] + ([tail_sent] if tail_sent.start != head_sent.start else [])
    dash = _DASH_BYLINE.match(text_of(doc), last.outer_end)
    if dash is not None:
        name = doc.char_span(dash.start(2), dash.end(2), alignment_mode="expand")
        if name is not None and name.root.pos_ == "PROPN":
            return FoundQuote("direct", parts, outer, dash.span(1), dash.span(2), name.root.i, None)
    found = _speech_verb_near(doc, sents, quoted, (first.outer_start, last.outer_end))
    if found is None and before.endswith(":"):
        lead = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if lead is not None:
            found = _speech_verb_near(
                doc, [sentence_of(doc, lead[0].i)], quoted, (first.outer_start, last.outer_end)
            )
    if found is None:
        return FoundQuote("direct", parts, outer)
    cue, source, head, verb_i = found
    return FoundQuote("direct", parts, outer, cue, source, head, verb_i)


def _merge_interrupted(quotes: list[FoundQuote], text: str) -> list[FoundQuote]:
    """Join ``"X," he said. "Y."``: Y has no cue of its own and follows X's."""
    out: list[FoundQuote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if (
            prev is not None
            and q.kind == "direct"
            and prev.kind == "direct"
            and q.cue is None
            and prev.cue is not None
            and prev.outer[-1][1] <= prev.cue[0]
            and prev.cue[1] <= q.outer[0][0]
            and q.outer[0][0] - prev.outer[-1][1] <= _MAX_MERGE_GAP
            and "\n" not in text[prev.outer[-1][1] : q.outer[0][0]]
        ):
            out[-1] = replace(prev, parts=prev.parts + q.parts, outer=prev.outer + q.outer)
            continue
        out.append(q)
    return out


def _following_cue(doc: Doc, q: FoundQuote, quoted: list[tuple[int, int]]) -> FoundQuote:
    """A speakerless quote followed by a short "he added." sentence takes it."""
    end_tok = doc.char_span(q.outer[-1][0], q.outer[-1][1], alignment_mode="expand")
    if end_tok is None or end_tok[-1].i + 1 >= len(doc):
        return q
    nxt = sentence_of(doc, end_tok[-1].i + 1)
    if nxt.start <= end_tok[-1].i:
        return q
    found = _speech_verb_near(doc, [nxt], quoted, (q.outer[0][0], q.outer[-1][1]))
    if found is None:
        return q
    cue, source, head, verb_i = found
    # "He added." is short; "Trump said, looking at the crowd." opens with the
    # attribution and gives the verb nothing else to report.
    if len(nxt) > 8 and (verb_i - nxt.start > 4 or content_of(doc[verb_i]) is not None):
        return q
    return replace(q, cue=cue, source=source, source_head=head, cue_head=verb_i)


def _previous_subject(doc: Doc, q: FoundQuote) -> FoundQuote:
    """A lone quotation after "Ruiz spoke after the vote." is Ruiz's."""

    first = doc.char_span(q.outer[0][0], q.outer[0][1], alignment_mode="expand")
    if first is None or first.start == 0:
        return q
    own = sentence_bounds(doc)[first[0].i][0]
    prev = sentence_of(doc, own - 1) if own > 0 else None
    if prev is None:
        return q
    subj = next((t for t in prev.root.children if t.dep_ == "nsubj"), None)
    if subj is None or not (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG")):
        return q
    return replace(q, source=_chars(doc, source_span(subj)), source_head=subj.i)


def _nest(doc: Doc, quotes: list[FoundQuote]) -> list[FoundQuote]:
    """Wrappers ("according to X", "X reported that …") become chain links."""
    out = list(quotes)
    for i, outer in enumerate(quotes):
        if outer.cue_head is None or outer.source_head is None:
            continue
        if (
            doc[outer.cue_head].lemma_ not in TRANSMISSION
            and doc[outer.cue_head].lower_ != "according"
        ):
            continue
        c_start, c_end = outer.outer[0][0], outer.outer[-1][1]
        for j, inner in enumerate(out):
            if j != i and inner.cue is not None and c_start <= inner.cue[0] < c_end:
                out[j] = replace(inner, via_heads=inner.via_heads + (outer.source_head,))
                out[i] = replace(out[i], nested=True)
        if doc[outer.cue_head].lower_ != "according" or out[i].nested or outer.cue is None:
            continue
        # "Ruiz said the convoy was stopped, according to X": the phrase sits
        # inside another quote's content, so that quote came through X.
        for j, host in enumerate(out):
            h_start, h_end = host.outer[0][0], host.outer[-1][1]
            if j != i and host.cue is not None and h_start <= outer.cue[0] < h_end:
                out[j] = replace(host, via_heads=host.via_heads + (outer.source_head,))
                out[i] = replace(out[i], nested=True)
                break
    return out


_SPEAKER_TAG = re.compile(r"^[\"“(\s]*((?:[A-Z][\w.’'-]*\s?){1,3}):\s+(\S.*)$", re.M)


def _speaker_tags(doc: Doc) -> list[FoundQuote]:
    """Transcript and headline lines "PENCE: Well, …" / "Pelosi: Talks fail"."""
    found: list[FoundQuote] = []
    for match in _SPEAKER_TAG.finditer(text_of(doc)):
        name = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if name is None or not all(t.pos_ == "PROPN" or t.is_upper for t in name if t.text.strip()):
            continue
        colon = match.end(1)
        end = match.end(2)
        while end > match.start(2) and text_of(doc)[end - 1] in "\"”' \t":
            end -= 1
        content = (match.start(2), end)
        found.append(
            FoundQuote(
                "direct",
                (content,),
                (content,),
                (colon, colon + 1),
                (match.start(1), match.end(1)),
                name.root.i,
                None,
            )
        )
    return found


def find_quotes(doc: Doc) -> list[FoundQuote]:
    """All quotes of a parsed text as spans, before speakers are linked."""
    groups = _groups(find_segments(text_of(doc)))
    quoted = [(g[0].outer_start, g[-1].outer_end) for g in groups]
    used: set[int] = set()
    # A verb inside a quotation ("I think …") is the speaker's own words, not
    # a new attribution.
    atts = [
        att
        for att in find_attributions(doc)
        if not any(s <= doc[att.cue[0]].idx < e for s, e in quoted)
    ]
    tags = _speaker_tags(doc)
    for tag in tags:  # a tagged transcript line is not a quote of its own
        used.update(i for i, q in enumerate(quoted) if _overlap(q, tag.parts[0]))
    found = tags + [_from_attribution(doc, att, groups, used) for att in atts]
    for i, group in enumerate(groups):
        if i not in used:
            left = _leftover(doc, group, quoted)
            if left is not None:
                found.append(left)
    found.sort(key=lambda q: q.start)
    found = _merge_interrupted(found, text_of(doc))
    result: list[FoundQuote] = []
    for q in found:
        if q.cue is None and q.kind == "direct":
            q = _following_cue(doc, q, quoted)
        if q.cue is None and result and q.start - result[-1].end <= _INHERIT_WINDOW:
            q = replace(q, inherit=True)
        elif q.cue is None and q.kind == "direct":
            q = _previous_subject(doc, q)
        result.append(q)
    return _nest(doc, result)


def extract_quotes(doc: Doc, article_id: str, entities: Sequence[ArticleEntity]) -> list[Quote]:
    """The quotes of one article with linked speakers and chains, in text order."""
    index = EntityIndex(doc, entities)
    previous: list[Speaker] = []
    quotes: list[Quote] = []
    for fq in find_quotes(doc):
        if fq.nested:
            continue
        speaker: Speaker | None = None
        if fq.source is not None and fq.source_head is not None:
            span = doc.char_span(*fq.source, alignment_mode="expand")
            assert span is not None  # built from token offsets of this doc
            speaker = resolve_speaker(doc, (span.start, span.end), fq.source_head, index, previous)
        elif fq.inherit and previous:
            speaker = previous[-1]
        via: list[SourceRef] = [SourceRef(speaker.name, speaker.entity_id)] if speaker else []
        if fq.cue_head is not None:
            via += local_chain(doc, (fq.cue_head, fq.cue_head + 1), fq.source_head, index)
        for head in fq.via_heads:
            tok = doc[head]
            link = resolve_speaker(
                doc, (tok.left_edge.i, tok.right_edge.i + 1), head, index, previous
            )
            via.append(SourceRef(link.name, link.entity_id))
        if speaker is not None:
            previous.append(speaker)
        text = " ".join(text_of(doc)[s:e] for s, e in fq.parts)
        quotes.append(
            Quote(
                id=f"{article_id}-q{len(quotes)}",
                article_id=article_id,
                kind=fq.kind,
                text=text,
                start=fq.start,
                end=fq.end,
                speaker_id=speaker.entity_id if speaker else None,
                speaker_name=speaker.name if speaker else None,
                speaker_start=fq.source[0] if fq.source else None,
                speaker_end=fq.source[1] if fq.source else None,
                cue=text_of(doc)[fq.cue[0] : fq.cue[1]] if fq.cue else None,
                cue_start=fq.cue[0] if fq.cue else None,
                cue_end=fq.cue[1] if fq.cue else None,
                via=tuple(_dedupe(via)),
            )
        )
    return quotes


def _dedupe(refs: list[SourceRef]) -> list[SourceRef]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for ref in refs:
        if (ref.name, ref.entity_id) not in seen:
            seen.add((ref.name, ref.entity_id))
            out.append(ref)
    return out
