"""Span repairs for ``entities``: edges, shapes and case evidence the small model misreads.

Each rule reads the one parse (tokens, tags, dependencies) and fixes a kind of
error seen again and again on news text, none keyed on particular names:

- **edges**: a photo caption's "Image:"/"Photo:" label glued to a name
  ("Anna Kovacs Image"), an acronym in brackets ("World Food Programme (WFP"),
  a hyphenated suffix ("Kovacs-like", "Kremlin-backed");
- **modifiers**: a name inside "pro-Kremlin" or "anti-Seoul" is part of an
  adjective, not a mention of the place;
- **events**: a name ending in "Festival", "Cup" or "Summit" is an event,
  whatever the model called it;
- **case evidence**: a single capitalised word the article also writes in
  lower case ("Iodine levels …" beside "iodine") is a common noun;
- **things**: a single-word "person" the article writes with "the" ("the
  Umrah") is not a person;
- **split names**: a one-word PERSON glued to a capitalised proper noun the
  parse puts in the same phrase ("Carly" + "Simon") is one name;
- **person shapes**: a romanised hyphenated given name ("Chan Ka-wai") or a
  name coordinated with people ("Ana Ruiz, Helmut Brandt and …") votes PERSON;
  a known surname the tagger reads as a plural noun ("Hallows said") is still
  a later mention of its person.

Everything here is a pass over tokens of the existing Doc: no second parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from .names import clean_name, is_title_word
from .places import lookup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Labels of captions and credits: "Anna Kovacs Image: Harbour Wire".
_CAPTION_WORDS = frozenset({"image", "photo", "video", "audio", "picture", "file"})
# "pro-Kremlin", "anti-Seoul": a name inside a hyphenated modifier.
_MODIFIER_PREFIXES = frozenset({"pro", "anti", "non", "post", "pre", "ex", "neo", "mid"})
# "Kovacs-like", "Kremlin-backed": a hyphenated suffix turns a name into a modifier.
HYPHEN_SUFFIXES = frozenset(
    "like based backed led owned run funded linked related style born era made affiliated "
    "aligned allied controlled friendly held occupied supported".split()
)
# Head words of named events: "Lantern Festival", "World Cup", "Science Fair".
_EVENT_HEADS = frozenset(
    "festival fair cup championship championships expo olympics games tournament summit "
    "conference convention awards marathon exhibition biennale carnival".split()
)
_EVENT_EXCEPTIONS = frozenset({"convention"})  # "Geneva Convention" is a treaty, not scored


class WorkSpan(Protocol):
    """The fields of a working mention these rules read and change."""

    start: int
    end: int
    label: str
    name: str
    fixed: bool


def trim_end(doc: Doc, start: int, end: int) -> int:
    """The span's end without a caption label, a bracketed acronym or a "-like" suffix."""
    for i in range(start + 1, end):
        if doc[i].text == "(":
            end = i  # "World Food Programme (WFP": the acronym is a mention of its own
            break
    if (
        end - start > 1
        and doc[end - 1].lower_ in _CAPTION_WORDS
        and end < len(doc)
        and doc[end].text == ":"
    ):
        end -= 1
    if (
        end - start > 2
        and doc[end - 1].lower_ in HYPHEN_SUFFIXES
        and doc[end - 2].text == "-"
        and not doc[end - 3].whitespace_
    ):
        end -= 2
    return end


def lower_case(doc: Doc, start: int, end: int) -> bool:
    """ "democrat", "miles": a span with no capital letter at all is not a name."""
    return not any(ch.isupper() for t in doc[start:end] for ch in t.text)


def in_modifier(doc: Doc, start: int) -> bool:
    """ "pro-Kremlin camp": the name is glued by a hyphen to a prefix before it."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        before = doc[start - 2]
        return before.lower_ in _MODIFIER_PREFIXES and not before.whitespace_
    token = doc[start]
    if (
        token.lower_ in _MODIFIER_PREFIXES
        and start + 1 < len(doc)
        and doc[start + 1].text == "-"
        and not token.whitespace_
    ):
        return True  # the whole span is "Pro-Beijing": longer spans lost the prefix in _trim
    head, _, rest = token.text.partition("-")
    return bool(rest) and head.lower() in _MODIFIER_PREFIXES


def event_name(name: str) -> bool:
    """ "Taipei Lantern Festival", "Davis Cup": a multi-word name headed by an event word."""
    words = name.split()
    last = words[-1].lower() if words else ""
    return len(words) > 1 and last in _EVENT_HEADS and last not in _EVENT_EXCEPTIONS


def capitalised_noun(doc: Doc, i: int) -> bool:
    """ "Wilkins observed": a title-case noun the article never writes in lower case.

    The tagger often reads a known surname ending in "s" as a plural noun; a
    later mention of a name already found should still count.
    """
    token = doc[i]
    return token.is_title and token.pos_ == "NOUN" and token.lower_ not in lower_words(doc)


def lower_words(doc: Doc) -> frozenset[str]:
    """Words the article writes in lower case somewhere: common nouns, not names.

    Several rules ask for one article in a row; the last answer is kept.
    """
    if _LAST_LOWER and _LAST_LOWER[0] is doc:
        return _LAST_LOWER[1]
    words = frozenset(t.lower_ for t in doc if t.is_lower and t.is_alpha)
    _LAST_LOWER[:] = [doc, words]
    return words


_LAST_LOWER: list = []  # [doc, its lower-case words]: one article's worth of cache


S = TypeVar("S", bound=WorkSpan)


def drop_non_names(doc: Doc, spans: list[S]) -> list[S]:
    """The spans left once one-word "persons" that are not names are gone.

    A word judged not a name once ("the Umrah") is dropped in every mention,
    as one name keeps one reading throughout an article.
    """
    lower = lower_words(doc)
    dropped = {doc[s.start].text for s in spans if not_a_name(doc, s, lower)}
    return [
        s
        for s in spans
        if not (
            s.label in _JUDGED
            and not s.fixed
            and s.end - s.start == 1
            and doc[s.start].text in dropped
        )
    ]


_INSTITUTIONS = frozenset(
    "museum gallery centre center hall station institute college university school hospital "
    "church party council committee club band group foundation".split()
)
_GIVEN_HYPHENATED = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def person_shape(doc: Doc, span: WorkSpan, people: set[int]) -> bool:
    """A name the model typed otherwise that is shaped like a person's.

    Two cues: a romanised East Asian given name ("Lee Min-jun", "Chan Ka-wai"),
    and a place in a list of people ("Ana Ruiz, Tomas Berg and Ida Holm"), where
    the coordinated name takes its neighbours' type. Known places never do.
    """
    words = span.name.split()
    if not 1 < len(words) <= 3 or lookup(span.name) is not None:
        return False
    if not all(w[:1].isupper() and not is_title_word(w) for w in words):
        return False
    if any(w.lower() in _INSTITUTIONS for w in words):
        return False  # "Tang Teaching Museum" listed beside a person is still a museum
    if _GIVEN_HYPHENATED.match(words[-1]) and len(words[0]) <= 5:
        return True
    root = doc[span.start : span.end].root
    linked = [c.i for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        linked.append(root.head.i)
    return any(i in people and not span.start <= i < span.end for i in linked)


def not_a_name(doc: Doc, span: WorkSpan, lower: frozenset[str]) -> bool:
    """A one-word "person" that case or a determiner says is not a name.

    Only the model's own unfixed one-word PERSON spans are judged: words from
    our tables and known places are never dropped here.
    """
    if span.fixed or span.end - span.start != 1 or span.label not in _JUDGED:
        return False
    token = doc[span.start]
    if not token.is_title or lookup(token.text) is not None:
        return False
    if token.lower_ in lower:
        return True  # "Iodine deficiency" beside "iodine-rich salt"
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        token.tag_ == "NNP"
        and token.dep_ != "compound"
        and before is not None
        and before.lower_ == "the"
    )


# Only "persons" are judged: "the Church" or "the Court" is a named institution.
_JUDGED = frozenset({"PERSON"})


def extend_person(doc: Doc, span: WorkSpan) -> None:
    """ "Carly" + "Simon", "Johnnie" + "Christmas": a one-word PERSON missing half its name.

    The neighbour must be an untagged, title-case proper noun that the parse
    joins to the span as a compound (one name), not an office word or a place.
    """
    if span.label != "PERSON" or span.end - span.start != 1:
        return
    token = doc[span.start]
    right = doc[span.end] if span.end < len(doc) else None
    if (
        right is not None
        and token.dep_ == "compound"
        and token.head.i == right.i
        and token.whitespace_
        and _name_part(right)
    ):
        span.end += 1
        span.name = clean_name(doc[span.start : span.end].text)
        return
    left = doc[span.start - 1] if span.start > 0 else None
    if (
        left is not None
        and left.dep_ == "compound"
        and left.head.i == token.i
        and left.whitespace_
        and _name_part(left)
    ):
        span.start -= 1
        span.name = clean_name(doc[span.start : span.end].text)


def _name_part(token: Token) -> bool:
    text = token.text
    return (
        not token.ent_type_
        and token.tag_ in {"NNP", "NNPS"}
        and token.is_title
        and len(text) > 1
        and not is_title_word(text)
        and lookup(text) is None
    )


# Shapes of names read by ``entities`` while trimming, joining and retyping spans.

PREFIXES = frozenset({"pro", "anti", "pan", "non", "ex"})
_PARTICLES = frozenset(
    "al el de da di du van von der den bin ibn la le dos das ter abu ben".split()
)


def descriptor(token: Token, more: bool) -> bool:
    """A lower-case word in front of a name ("nonpartisan", "pro-Beijing"): not the name."""
    text = token.text
    if not more or token.lower_ in _PARTICLES:
        return False
    lowered = text[:1].islower() and not any(ch.isupper() for ch in text[1:2])
    hyphen_word = "-" in text and text.split("-")[0].lower() in {"pro", "anti", "pan", "non", "ex"}
    initial_adjective = token.pos_ == "ADJ" and bool(token.is_sent_start)
    return lowered or hyphen_word or (initial_adjective and lookup(text) is None)


@lru_cache(maxsize=1)
def _asian_family() -> frozenset[str]:
    from .names import _FAMILY_FIRST

    return _FAMILY_FIRST


def hyphen_tail(doc: Doc, end: int) -> bool:
    """ "Moon Jae" + "-in": a lower-case hyphenated part of a given name, not "-like"."""
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
        and doc[end + 1].lower_ not in HYPHEN_SUFFIXES
    )


def continues_asian_name(doc: Doc, span: WorkSpan) -> bool:
    """ "Nguyen Van" + "An": a two-word family-first name missing its last part."""
    first = doc[span.start].lower_
    if span.end - span.start != 2 or first not in _asian_family():
        return False
    nxt = doc[span.end]
    return (
        nxt.is_alpha
        and nxt.is_title
        and not is_title_word(nxt.text)
        and doc[span.end - 1].whitespace_ == " "
        and nxt.ent_iob_ != "I"
        and nxt.pos_ not in {"VERB", "AUX"}
    )


def plural_thing(doc: Doc, i: int) -> bool:
    """A plural proper noun counted or determined like a thing: "the Stingers", "more Javelins".

    "Professor Burrows" or a sentence-initial "Roberts said" is a surname ending in s.
    """
    if doc[i].tag_ != "NNPS" or i == 0:
        return False
    before = doc[i - 1]
    return before.pos_ in {"DET", "NUM", "ADJ"} and not is_title_word(before.text)
