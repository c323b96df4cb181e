"""Numeric claims: how many of what, about what, says who, and when.

A claim is a number phrase from ``extract.numbers`` read against the parse of
its sentence:

1. **unit** — what is counted: the currency or percent the phrase itself
   carries, a measurement unit after it ("km", "mph"), else the noun the number
   modifies ("troops"), reached through "of" for fractions and vague amounts.
   A range names it once ("from 208 pounds to 193"); a bare number after a
   measured one in the sentence shares its unit ("rose 64 points to 4,577").
2. **subject** — the counted noun phrase with its modifiers and its verb frame
   ("people displaced by the floods since March"); for shares and money, the
   thing measured ("inflation", "the aid package").
3. **fractions with a base** — "a fifth of the 2,000 families" gives the base
   claim (2,000 families) and the share (400 families, value_text "a fifth").
4. **attributed_to** — the source chain, nearest first (``claim_sources``):
   the speaker of a quote holding the claim, "according to X", the subject of
   a reporting verb ("the ministry said"), then whoever relayed it.
   ``Quantity.concepts`` are the bare content words of what a figure is about
   (the benchmark's "referred concepts"); a converted sum in brackets shares
   those of the sum before it, and "one of the best X" or "six days later"
   have none beyond their unit.
5. **date** — the first date expression in the sentence, else None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import ArticleEntity, Claim, Quote, Timex
from .claim_sources import REPORTING, attribute
from .numbers import CURRENCY_WORDS, UNITS, NumberMention, find_numbers

__all__ = ["UNITS", "Quantity", "attribute", "extract_claims", "find_quantities", "read_quantity"]

# fmt: off
# "a" + these after a unit means a rate: "$52 a barrel", "325,000 barrels a day".
RATE_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "game", "share", "barrel",
    "gallon", "litre", "head", "person", "night", "season", "kilo", "pound", "ton", "tonne",
    "ounce", "kilogram", "metre", "foot", "unit", "passenger", "capita",
}
# fmt: on
_SKIP_DEPS = {"punct", "cc", "ccomp", "advcl", "mark", "relcl", "conj", "parataxis"}


@dataclass(frozen=True)
class Quantity:
    """A number mention read against its sentence (before attribution).

    ``unit_lemma`` is the singular form of the unit with the words between the
    number and the counted noun ("job cut"); ``concepts`` are the content words
    naming what the quantity is about, as the CQE benchmark scores them.
    """

    mention: NumberMention
    value: float
    value_max: float | None
    unit: str | None
    unit_lemma: str | None
    subject: str | None
    start: int
    end: int
    concepts: tuple[str, ...] = ()
    value_text: str = ""
    share_of: str | None = None  # for a share without a base: the lemma of what it is a share of


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _unit_after(
    doc: Doc, span: Span, mention: NumberMention
) -> tuple[Token | None, str | None, str | None]:
    """The counted noun or measurement unit after a number: (token, plural, singular).

    In order: a unit glued to the number ("5kW"), "N-year-old" ages, a
    two-word unit ("sq m"), a one-word unit ("km"), "one of the best
    speakers", then the noun the number counts.
    """
    last = span[-1]
    glued = last.text[mention.end - last.idx :] if last.idx + len(last) > mention.end else ""
    glued = re.split(r"[()\[\],;]", glued, maxsplit=1)[0]  # "121ft)-long": the unit is "ft"
    if glued:
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and f"{glued.lower()} {nxt.lower_}" in UNITS:
            return nxt, *UNITS[f"{glued.lower()} {nxt.lower_}"]  # "1.19deg C"
        return last, *_unit_word(glued)
    i = span.end
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1  # "five-year"
    if i + 1 < len(doc) and doc[i].lower_ in ("or", "to", "and") and doc[i + 1].like_num:
        i += 2  # "eight or nine euros": the unit is shared
    of_group = (  # "two of the soldiers", "two of Johnson's deputies": a part of a named group
        mention.kind == "number"
        and i + 1 < len(doc)
        and (doc[i + 1].pos_ == "DET" or doc[i + 1].dep_ == "poss")
    )
    if (
        i < len(doc)
        and (mention.vague or mention.kind == "fraction" or mention.value == 1 or of_group)
        and doc[i].lower_ == "of"
    ):
        if mention.value == 1 and mention.kind == "number":
            return _one_of(doc, i)
        i += 1
        while i < len(doc) and (
            doc[i].pos_ in ("DET", "PRON") or doc[i].dep_ == "poss" or doc[i].tag_ == "POS"
        ):
            i += 1
    elif mention.kind == "fraction" and i < len(doc) and doc[i].pos_ == "DET":
        i += 1  # "half the condos": "of" left out
    if i >= len(doc):
        return None, None, None
    tok = doc[i]
    low = tok.lower_
    if low in ("year", "years", "month", "months", "week", "weeks", "day", "days"):
        k = i + 1 + (1 if i + 1 < len(doc) and doc[i + 1].text == "-" else 0)
        if k < len(doc) and doc[k].lower_ == "old":
            return doc[k], f"{tok.lemma_}s old", f"{tok.lemma_} of age"
    if i + 1 < len(doc) and f"{low} {doc[i + 1].lower_}" in UNITS:
        return doc[i + 1], *UNITS[f"{low} {doc[i + 1].lower_}"]
    if i + 2 < len(doc) and doc[i + 1].text in ("-", "/"):
        joined = f"{low}{doc[i + 1].text}{doc[i + 2].lower_.rstrip('.')}"
        if joined in UNITS:
            return doc[i + 2], *UNITS[joined]  # "lb-ft", "km / h", "b / d." split by the parse
    if tok.text == "G":
        return tok, "G", "generation wireless"  # "5G"
    if tok.text == "Nm":
        return tok, *_unit_word("Nm")  # "400 Nm of torque"
    if low in ("pound", "pounds"):
        # after a number, pounds weigh, unless the sum is in millions ("5 million pounds")
        return (tok, "pounds", "pound") if mention.value >= 1e6 else (tok, "pounds", "pound-mass")
    low = low.rstrip("=-")  # "108.79 JPY=": the newswires' currency code; "287 miles-"
    currency = CURRENCY_WORDS.get(low)
    if currency is not None and (not currency[1] or mention.value >= 1000):
        return tok, tok.text, currency[0]  # "1.2 trillion won": the parse may take it for a verb
    if low in UNITS and not (low == "m" and span[-1].text.lower().endswith("m")):
        return tok, *UNITS[low]
    if tok.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "NUM") or tok.text == "-":
        head = _counted_noun(doc, span, i)
        if head is not None:
            words = [
                t
                for t in doc[i : head.i + 1]
                if t.pos_ in ("NOUN", "PROPN", "ADJ") and not any(ch.isdigit() for ch in t.text)
            ]
            singular = " ".join(_lemma(t) for t in words)
            return head, head.text, singular
    return None, None, None


def _inner_unit(span: Span, mention: NumberMention) -> tuple[Token | None, str | None, str | None]:
    """ "from 208 pounds to 193": a range names its unit once, after its first end."""
    for tok in span[1:]:
        low = tok.lower_
        if low in ("pound", "pounds"):
            return tok, "pounds", "pound" if mention.value >= 1e6 else "pound-mass"
        if low in UNITS and len(low) > 2:
            return tok, *UNITS[low]
    return None, None, None


_DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}


def _is_when(unit: Token | None) -> bool:
    """ "Nine days later", "two years ago": a span of time that places the clause in time."""
    if unit is None or unit.lemma_.lower() not in _DURATIONS:
        return False
    return unit.dep_ == "npadvmod"


def _is_one_of(doc: Doc, span: Span, mention: NumberMention) -> bool:
    """ "one of the best screens": the group is the unit and names all there is to say."""
    return (
        mention.value == 1
        and mention.kind == "number"
        and span.end < len(doc)
        and doc[span.end].lower_ == "of"
    )


def _lemma(t: Token) -> str:
    """Singular lower-case form; proper nouns keep their spelling ("Americans" → "american")."""
    if t.pos_ == "PROPN":
        return t.text.lower()[:-1] if t.tag_ == "NNPS" and t.text.endswith("s") else t.text
    return _LEMMA_FIXES.get(t.lower_, t.lemma_.lower())


# Plurals the small model's lemmatizer gets wrong, and news counts often ("3 million doses").
_LEMMA_FIXES = {"doses": "dose", "uses": "use"}


def _unit_word(word: str) -> tuple[str | None, str | None]:
    """A unit written into the number's token: "5kW", "45g", "5G"."""
    if word == "G":
        return "G", "generation wireless"
    if word in ("C", "F"):  # "30C", "86F": a temperature ("2.5 F" apart may be farads)
        return UNITS[f"°{word.lower()}"]
    if word == "Nm":  # "400Nm of torque"; a chip's "5nm" is nanometres
        return "newton metres", "newton metre"
    if word in ("s", "h"):  # "9.58s", "24h": glued, a time (decades, "the 30s", are dropped)
        return ("seconds", "second") if word == "s" else ("hours", "hour")
    return UNITS.get(word.lower(), (word, word.lower()))


def _one_of(doc: Doc, i: int) -> tuple[Token | None, str | None, str | None]:
    """ "one of the best wireless speakers": the group named after "of"."""
    pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
        return None, None, None
    words = [
        t
        for t in pobj.subtree
        if t.i <= pobj.i and t.pos_ in ("ADJ", "NOUN", "PROPN") and t.lower_ != "most"
    ]
    # what bounds the group belongs to it: "the hottest cars in the world", "the largest
    # dinosaurs to ever live"; not a clause hung on with "with" or "which"
    for c in pobj.children:
        infinitive = c.dep_ == "relcl" and any(a.lower_ == "to" for a in c.children)
        if c.dep_ == "acl" or infinitive or (c.dep_ == "prep" and c.lower_ == "in"):
            words += [t for t in c.subtree if t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")]
    return pobj, pobj.text, " ".join(t.lemma_.lower() for t in words)


def _counted_noun(doc: Doc, span: Span, i: int) -> Token | None:
    """The noun a number counts, starting at token ``i`` after it.

    A singular noun right after the number and before another noun measures
    it ("a 12 page document", "3 cylinder engine"): that noun is the unit.
    """
    if (
        i + 1 < len(doc)
        and doc[i].tag_ == "NN"
        and doc[i + 1].tag_ == "NN"
        and span.root.lower_ != "one"
        and not span.root.lower_.endswith("s")
    ):
        return doc[i]
    for t in span:
        if (
            t.dep_ in ("nummod", "quantmod", "amod")
            and t.head.pos_ in ("NOUN", "PROPN")
            and t.head.i >= i
        ):
            if t.head.i - i <= 3:
                return t.head
    for j in range(i, min(i + 5, len(doc))):
        t = doc[j]
        if j - i >= 3 and not any(doc[k].pos_ == "CCONJ" for k in range(i, j)):
            return None  # past three words only when adjectives are joined ("digital and physical")
        if t.pos_ == "CCONJ" and j > i and doc[j - 1].pos_ in ("ADJ", "PROPN"):
            continue
        if t.pos_ == "NOUN" and t.tag_ in ("NNS", "NN", "NNPS"):
            # stop before a following compound continues: "job cuts"
            while j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN" and doc[j].dep_ == "compound":
                j += 1
            return doc[j]
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT") or t.text in (",", ".", ";", "(", ")"):
            return None
    return None


def _branch(tok: Token, skip: set[int], cut: tuple[str, ...]) -> list[Token]:
    """``tok``'s subtree without skipped tokens and without branches hanging by ``cut``."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        if t.i not in skip and t.dep_ != "punct":
            out.append(t)
        stack += [c for c in t.children if c.dep_ not in cut]
    return sorted(out, key=lambda t: t.i)


def _phrase(tok: Token, skip: set[int]) -> str:
    """A noun phrase without the number itself, leading determiners or coordinated phrases."""
    words = _branch(tok, skip, ("relcl", "appos", "conj", "cc", "punct"))
    while words and (
        words[0].pos_ in ("DET", "ADP", "CCONJ") or words[0].lower_ in ("more", "than", "some")
    ):
        words = words[1:]
    return " ".join(t.text for t in words).strip()


def _verb_frame(noun: Token, skip: set[int], frame: Token | None = None) -> str:
    """The noun phrase with the verb it belongs to: "people displaced by the floods".

    ``frame`` is the token whose role in the clause counts when it is not the
    noun itself: "a fifth of the families lost their homes" takes the verb
    frame of "fifth" and the phrase of "families".
    """
    phrase = _phrase(noun, skip)
    role = frame if frame is not None else noun
    verb = role.head
    if verb.pos_ != "VERB" or verb.i == role.i or verb.lemma_ in REPORTING:
        return phrase  # a copula's predicate ("are still in camps") is not the frame
    rest: list[str] = []
    if role.dep_ == "dobj":
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        rest = [verb.text] + ([f"by {_phrase(subj[0], skip)}"] if subj else [])
    elif role.dep_ in ("nsubjpass", "nsubj"):
        rest = [verb.text]
    else:
        return phrase
    for c in verb.children:
        if (
            c.i > verb.i
            and c.i != role.i
            and c.dep_ not in _SKIP_DEPS
            and c.dep_ not in ("aux", "auxpass")
            and (
                c.lemma_ != "accord"  # "according to X" names a source, not the subject
            )
        ):
            rest.append(" ".join(t.text for t in _branch(c, skip, ("relcl", "punct"))))
    return " ".join([phrase, *rest]).strip()


def _money_topic(span: Span, skip: set[int], money: bool) -> str | None:
    """ "$40bn in aid", "3% of GDP": what a sum or share is of.

    "in" names the topic only for sums ("3.5% in May" is a time, not a topic).
    """
    doc = span.doc
    nxt = [doc[span.end]] if span.end < len(doc) else []
    preps = ("in", "of") if money else ("of",)
    for tok in span:
        for c in [*tok.children, *nxt]:
            if c.dep_ == "prep" and c.lower_ in preps and c.i >= span.end:
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if (
                    pobj is not None
                    and pobj.pos_ in ("NOUN", "PROPN")
                    and pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC")
                ):
                    return _phrase(pobj, skip)
    return None


def _share_subject(doc: Doc, span: Span, skip: set[int]) -> str | None:
    """ "half of the voters backed the plan": the group after "of", in the share's clause."""
    root = span.root
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    frame: Token | None = root
    if pobj is None and root.head.pos_ == "NOUN" and root.head.i > root.i:
        pobj, frame = root.head, None  # "half the flats have sold": the share modifies its group
    if pobj is None:
        return None
    numbers = {t.i for t in pobj.subtree if t.like_num or t.dep_ in ("nummod", "quantmod")}
    return _verb_frame(pobj, skip | numbers, frame=frame) or None


def _measured(tok: Token, skip: set[int]) -> str | None:
    """What a share or sum is about: "inflation" in "inflation rose 3%"."""
    head = tok.head
    while (head.i in skip or head.lower_ in UNITS) and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
        return _phrase(head, skip)
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        return _phrase(
            head.head, skip | set(range(head.i, head.right_edge.i + 1))
        )  # "a rate of $80"
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip and c.pos_ != "PRON":
            return _phrase(c, skip)
    return None


def _rate(doc: Doc, i: int) -> tuple[str, str, int] | None:
    """ "per share", "a day", "a-year", "per sq m" after a unit: (plural, singular) of the
    divisor and the index of its last token."""
    if i + 2 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ in ("a", "per"):
        i += 1  # "a $2 billion-a-year business"
    if i + 1 >= len(doc) or doc[i].lower_ not in ("a", "an", "per"):
        return None
    k = i + 2 if doc[i + 1].text == "-" and i + 2 < len(doc) else i + 1  # "£24 a-year"
    words = [t.lower_.rstrip(".") for t in doc[k : k + 2]]  # "sq m." ends a sentence
    if len(words) == 2 and " ".join(words) in UNITS:
        return UNITS[" ".join(words)][1], UNITS[" ".join(words)][1], k + 1
    if words[0] in UNITS:
        return UNITS[words[0]][1], UNITS[words[0]][1], k
    if doc[k].dep_ == "amod" and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN":
        k += 1  # "$1.52 per diluted share": the divisor is the noun
    nxt = doc[k]
    if nxt.pos_ == "NOUN" and (doc[i].lower_ == "per" or nxt.lemma_ in RATE_NOUNS):
        return nxt.lemma_, nxt.lemma_.lower(), k
    return None


def _is_age(doc: Doc, span: Span) -> bool:
    """ "Maddon, 66, said": a bare number between commas after a name is an age."""
    if span.start < 2 or span.end >= len(doc) or not span.root.like_num:
        return False
    before, name, after = doc[span.start - 1], doc[span.start - 2], doc[span.end]
    value = span.root.text
    person = name.pos_ == "PROPN" or (  # "Maddon, 66," or "the driver, 23,"
        name.pos_ == "NOUN" and span.start >= 3 and doc[span.start - 3].lower_ == "the"
    )
    return (
        before.text == ","
        and after.text == ","
        and person
        and value.isdigit()
        and 0 < int(value) < 120
    )


def read_quantity(
    doc: Doc, mention: NumberMention, busy: frozenset[int] = frozenset()
) -> Quantity | None:
    """Unit, subject and concepts of one number mention, or None off the tokens.

    ``busy`` holds the token indices of every quantity in the text, so that one
    quantity's concepts do not name another's numbers or units.
    """
    span = _tokens(doc, mention.start, mention.end)
    if span is None:
        return None
    skip = set(range(span.start, span.end))
    if mention.qual_start is not None:
        qspan = _tokens(doc, mention.qual_start, mention.start)
        skip |= set(range(qspan.start, qspan.end)) if qspan is not None else set()
    head_tok, unit, unit_lemma = None, mention.unit, None
    if mention.unit is not None:
        unit_lemma = mention.unit.rstrip("s") if mention.unit != "percent" else "percent"
        nxt = span.end
    else:
        head_tok, unit, unit_lemma = _unit_after(doc, span, mention)
        nxt = head_tok.i + 1 if head_tok is not None else len(doc)
        if _is_age(doc, span) and unit is None:
            unit, unit_lemma = "years old", "year of age"
        if unit is None and mention.value_max is not None:
            head_tok, unit, unit_lemma = _inner_unit(span, mention)
    rate = _rate(doc, nxt) if unit is not None else None
    if rate is not None:
        unit, unit_lemma = f"{unit} per {rate[0]}", f"{unit_lemma} per {rate[1]}"
    end = max(span.end_char, head_tok.idx + len(head_tok) if head_tok is not None else 0)
    if rate is not None:
        end = max(end, doc[rate[2]].idx + len(doc[rate[2]]))  # "$52 a barrel": the unit's rate
    anchor = head_tok if head_tok is not None else span.root
    if mention.kind == "fraction":
        subject = _share_subject(doc, span, skip)
    elif (
        head_tok is not None and head_tok.pos_ in ("NOUN", "PROPN") and head_tok.lower_ not in UNITS
    ):
        # "thousands of soldiers were sent": the clause role is the vague word's
        frame = span.root if mention.vague and head_tok.head.lower_ == "of" else None
        subject = _verb_frame(head_tok, skip, frame) or None
    elif (
        mention.unit is not None
        and (topic := _money_topic(span, skip, mention.kind == "money")) is not None
    ):
        subject = topic
    else:
        subject = _measured(anchor, skip | ({head_tok.i} if head_tok is not None else set()))
    start = mention.qual_start if mention.qual_start is not None else mention.start
    return Quantity(
        mention,
        mention.value,
        mention.value_max,
        unit,
        unit_lemma,
        subject,
        start,
        end,
        ()
        if _is_one_of(doc, span, mention) or _is_when(head_tok)
        else _concepts(anchor, head_tok, set(busy) | skip),
        mention.value_text,
    )


_AGGREGATE = {"total", "combined"}
_CONTENT = {"NOUN", "PROPN", "ADJ", "NUM"}
_CLAUSES = {"relcl", "advcl", "ccomp", "cc", "punct", "det", "case"}


def _np_words(head: Token, busy: set[int]) -> list[Token]:
    """Content words of a noun phrase, leaving out clauses and any branch holding a quantity."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        if t.i in busy and t.i != head.i:
            continue  # the head may be a quantity's unit ("16 inch is"): keep its modifiers
        content = t.pos_ in _CONTENT or (t.pos_ == "VERB" and t.dep_ in ("amod", "compound", "acl"))
        if t.lower_ in _AGGREGATE:
            content = False  # "a total of", "a combined 435 homes": how it is summed, not what
        if (
            (content or t.i == head.i)
            and t.pos_ not in ("PRON", "DET")
            and any(ch.isalnum() for ch in t.text)
        ):
            if not (t.is_stop and t.text.islower()):
                out.append(t)
        for c in t.children:
            if c.dep_ in _CLAUSES or any(x.i in busy for x in c.subtree) and c.pos_ != "ADP":
                continue
            stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _governing_subject(tok: Token, busy: set[int], fallback: bool = True) -> list[Token]:
    """The subject of the clause holding ``tok``, climbing past relative and
    subordinate clauses that have none ("facebook, which has 2 billion users").

    Without a subject in the parse, ``fallback`` takes the nearest noun phrase
    before (not a date: "yesterday I ran 5 km" is not about yesterday). Callers
    turn it off for counted nouns, which already name what they count.
    """
    verb = tok
    for _ in range(8):
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].pos_ != "PRON" and subj[0].tag_ not in ("WDT", "WP"):
            return _np_words(subj[0], busy)
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return _np_words(verb.head, busy)
        if verb.head.i == verb.i:
            break
        verb = verb.head
    # no subject in the parse: the nearest noun phrase before the quantity
    doc, start = tok.doc, tok.sent.start
    if not fallback:
        return []
    for i in range(tok.i - 1, start - 1, -1):
        t = doc[i]
        if t.ent_type_ in ("DATE", "TIME"):
            continue  # "yesterday", "last week": when, not what
        if t.pos_ in ("NOUN", "PROPN") and i not in busy:
            while t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i and t.head.i < tok.i:
                t = t.head  # climb to the head of the noun phrase
            return _np_words(t, busy)
    return []


def _concepts(anchor: Token, unit_tok: Token | None, busy: set[int]) -> tuple[str, ...]:
    """Content words naming what the quantity is about (the CQE "referred concepts").

    The noun the quantity modifies ("a 25% tax on imported vehicles"), what a
    share is of ("60% of its market cap"), the subject of its clause and the
    object a figure is the new value of. Only "of" ties a figure to the noun
    before it: "the biggest rise in 18 months" is about what rose, not the rise.
    """
    base = unit_tok if unit_tok is not None else anchor
    head = base.head
    noun: list[Token] = []
    if base.dep_ in (
        "nummod",
        "amod",
        "compound",
        "npadvmod",
        "quantmod",
        "nmod",
    ) and head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        noun = _np_words(head, busy)  # "a 25% tax on imported vehicles"
    prep = base.head if base.dep_ == "pobj" else None
    if (
        prep is not None
        and prep.dep_ == "prep"
        and prep.lower_ == "of"
        and prep.head.pos_ in ("NOUN", "PROPN")
    ):
        # "a fine of $3 billion", "an interest rate of 1.4%"; not "the biggest rise in 18 months"
        noun += _np_words(prep.head, busy)
    share = [
        w
        for c in base.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
        for w in _np_words(p, busy)
    ]
    # a counted noun names what is counted; a neighbour noun would only add noise
    counted = unit_tok is not None and unit_tok.pos_ == "NOUN" and unit_tok.lower_ not in UNITS
    subject = _governing_subject(base, busy, fallback=not counted)
    obj = _verb_object(base, busy)
    out = [*noun, *share, *subject, *obj]
    return tuple(dict.fromkeys(_word(t) for t in out if t.i not in busy))


def _verb_object(base: Token, busy: set[int]) -> list[Token]:
    """ "lowered its revenue guidance to $84 billion": the object the figure is a value of."""
    link = base.head if base.dep_ == "pobj" else base
    verb = link.head
    if link.dep_ not in ("prep", "npadvmod", "advmod") or verb.pos_ != "VERB":
        return []
    objs = [
        c
        for c in verb.children
        if c.dep_ == "dobj" and c.i not in busy and c.pos_ != "PRON" and c.ent_type_ != "DATE"
    ]  # "will end 2019 at 16,644": a date is when, not what
    return _np_words(objs[0], busy) if objs else []


def _word(t: Token) -> str:
    """A token with the hyphenated words it is glued to ("e-commerce", "TA-25")."""
    doc, i, j = t.doc, t.i, t.i
    while (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
    ):
        i -= 2
    while (
        j + 2 < len(doc)
        and doc[j + 1].text == "-"
        and not doc[j].whitespace_
        and not doc[j + 1].whitespace_
    ):
        j += 2
    return doc[i : j + 1].text


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in a parsed text, fractions with a base split in two."""
    out: list[Quantity] = []
    mentions = find_numbers(doc.text)
    busy: set[int] = set()
    for mention in mentions:
        first = read_quantity(doc, mention)
        span = _tokens(doc, mention.start, mention.end)
        if span is not None:
            busy |= set(range(span.start, span.end))
        if first is not None and first.end > mention.end:
            unit_span = _tokens(doc, mention.end, first.end)
            busy |= set(range(unit_span.start, unit_span.end)) if unit_span is not None else set()
    for k, mention in enumerate(mentions):
        q = read_quantity(doc, mention, frozenset(busy))
        if q is None or (q.unit is None and mention.value_text.lower() in ("one", "a", "an")):
            continue  # "each one", "one of them": a pronoun, not a count
        base = mentions[k + 1] if mention.kind == "fraction" and k + 1 < len(mentions) else None
        if base is not None and _is_base(doc.text, mention, base):
            bq = read_quantity(doc, base, frozenset(busy))
            if bq is not None:
                q = Quantity(
                    mention,
                    mention.value * base.value,
                    None,
                    bq.unit,
                    bq.unit_lemma,
                    q.subject or bq.subject,
                    q.start,
                    bq.end,
                    q.concepts,
                    mention.value_text,
                )
        elif mention.kind == "fraction":
            q = Quantity(
                mention,
                mention.value * 100,
                None,
                "percent",
                "percent",
                q.subject,
                q.start,
                q.end,
                q.concepts,
                mention.value_text,
                q.unit_lemma,
            )
        out.append(q)
    return _carry_units(doc, _share_glosses(doc.text, out))


def _carry_units(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """ "rose 64 points to 4,577": a bare number after a measured one in the same
    sentence is in the same unit ("the highest is 84 cents, the lowest 74")."""
    out: list[Quantity] = []
    for q in quantities:
        m = q.mention
        sent = doc.char_span(q.start, m.end, alignment_mode="expand")
        after = _after(doc, q)
        glossed = _glossed(after, quantities)
        names_more = after is not None and (
            after.pos_ in ("NOUN", "PROPN", "ADJ", "ADV", "NUM")
            or (after.text == "(" and not glossed)
        )  # "49 Zorro Road", "12 (a record)": something else follows
        if q.unit is None and m.kind == "number" and not m.vague and not names_more:
            prev = next(
                (
                    p
                    for p in reversed(out)
                    if p.unit not in (None, "years old")
                    and (p.unit != "percent" or _both_by(doc, p, q))
                    and p.mention.kind not in ("fraction",)
                    and sent is not None
                    and p.start >= sent.sent.start_char
                    and (not glossed or _glossed(_after(doc, p), quantities))
                ),
                None,
            )
            if prev is not None:
                q = replace(q, unit=prev.unit, unit_lemma=prev.unit_lemma)
                rate = _rate(doc, after.i) if after is not None else None
                if rate is not None and prev.unit is not None and prev.unit_lemma is not None:
                    # "22 burglaries ... an average of 20 per week": the count, at a rate
                    unit, lemma = prev.unit.split(" per ")[0], prev.unit_lemma.split(" per ")[0]
                    q = replace(
                        q, unit=f"{unit} per {rate[0]}", unit_lemma=f"{lemma} per {rate[1]}"
                    )
        out.append(q)
    return out


def _both_by(doc: Doc, p: Quantity, q: Quantity) -> bool:
    """ "rose by 2 percent but the other fell by 1": two changes, so one unit. A share is not
    otherwise carried: "rose 0.7 percent to 6,327" is a change and then a level."""
    before = [doc.char_span(x.start, x.end, alignment_mode="expand") for x in (p, q)]
    return all(s is not None and s.start > 0 and doc[s.start - 1].lower_ == "by" for s in before)


def _after(doc: Doc, q: Quantity) -> Token | None:
    """The token right after a quantity's number phrase and unit."""
    span = doc.char_span(q.mention.start, q.end, alignment_mode="expand")
    return doc[span.end] if span is not None and span.end < len(doc) else None


def _glossed(bracket: Token | None, quantities: list[Quantity]) -> bool:
    """ "2,435,000 yen ($22,480) ... and 2,380,000 ($21,972)": a bracket opening on a converted
    sum; a bare number so glossed is a sum in the currency of the sum glossed before it."""
    return (
        bracket is not None
        and bracket.text == "("
        and any(
            q.mention.kind == "money" and q.mention.start == bracket.idx + 1 for q in quantities
        )
    )


def _share_glosses(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "10.5 million Australian dollars ($7.5 million)": a converted amount in
    brackets is the same figure, so it is about what the figure before it is about."""
    out: list[Quantity] = []
    for q in quantities:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.concepts
            and text[prev.end : q.start].strip() == "("
            and (q.unit is None) == (prev.unit is None)
        ):
            q = replace(q, concepts=prev.concepts, subject=q.subject or prev.subject)
        out.append(q)
    return out


def _is_base(text: str, fraction: NumberMention, base: NumberMention) -> bool:
    """ "a fifth of the 2,000 families": the next number is what the share is of."""
    between = text[fraction.end : base.qual_start or base.start].lower().split()
    return bool(between) and between[0] == "of" and len(between) <= 3


def extract_claims(
    doc: Doc,
    article_id: str,
    entities: Sequence[ArticleEntity],
    quotes: Sequence[Quote],
    timexes: Sequence[Timex],
) -> list[Claim]:
    """The numeric claims of one article, in text order, ids ``{article_id}-c{n}``."""
    claims: list[Claim] = []
    for q in find_quantities(doc):
        sent = doc.char_span(q.mention.start, q.mention.end, alignment_mode="expand")
        sentence = sent.sent if sent is not None else doc[:]
        date = next(
            (
                t.value
                for t in timexes
                if t.type == "DATE" and sentence.start_char <= t.start < sentence.end_char
            ),
            None,
        )
        claims.append(
            Claim(
                id=f"{article_id}-c{len(claims)}",
                article_id=article_id,
                value=q.value,
                value_max=q.value_max,
                approx=q.mention.approx,
                value_text=q.value_text,
                unit=q.unit,
                subject=q.subject,
                start=q.start,
                end=q.end,
                attributed_to=attribute(doc, sentence, q.start, entities, quotes),
                date=date,
            )
        )
    return claims
