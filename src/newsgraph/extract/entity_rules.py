"""Span repairs for ``entities``: edges, shapes and case evidence the small model misreads.

Each rule reads the one parse (tokens, tags, dependencies) and fixes a kind of
error seen again and again on news text, none keyed on particular names:

- **edges**: a photo caption's "Image:"/"Photo:" label glued to a name
  ("Anna Kovacs Image"), an acronym in brackets ("World Food Programme (WFP"),
  a hyphenated suffix ("Kovacs-like", "Kremlin-backed"), a match score glued
  to a country ("Peru 2-0"), a trailing "or"/"and" ("Riverside Station or");
- **modifiers**: a name inside "pro-Kremlin" or "anti-Seoul" is part of an
  adjective, not a mention of the place;
- **events and buildings**: a name ending in "Festival", "Cup" or "Summit"
  is an event, one ending in "Station", "Mosque" or "Hotel" a facility,
  whatever the model called it;
- **case evidence**: a single capitalised word the article also writes in
  lower case ("Iodine levels …" beside "iodine") is a common noun;
- **things**: a single-word "person" the article writes with "the" ("the
  Umrah") is not a person; handles, time zones, ideas ("Stoicism"), honours
  after a name ("Mark Tan, QC") and works after their kind ("the film
  Harbour Lights") are no entities of ours, a faith ("Islam") is NORP;
- **split names**: a one-word PERSON glued to a capitalised proper noun the
  parse puts in the same phrase ("Carly" + "Simon") is one name;
- **acronyms**: an all-caps word in brackets after the name it abbreviates
  ("World Health Organisation (WHO)") or after "<person> of" ("Ada Ho of
  DAB", the person's party or employer) is an organisation the model missed;
- **person shapes**: a common given name in front ("Dean Okafor"), a
  romanised hyphenated given name ("Chan Ka-wai") or a name coordinated with
  people ("Ana Ruiz, Helmut Brandt and …") votes PERSON, and an untagged
  proper-noun pair led by a given name is a person;
  a known surname the tagger reads as a plural noun ("Hallows said") is still
  a later mention of its person;
- **bodies taken for places**: a name with members, officials or lawyers
  ("a member of Orvane", "Orvane officials") votes ORG;
- **acting places**: a country that does something ("Norway vetoed the
  plan", "Chile beat Peru") stands, in that mention, for its government or
  its team: ACE's GPE-as-organisation role. The entity stays one country.

Everything here is a pass over tokens of the existing Doc: no second parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from .names import acronym as initials
from .names import clean_name, entity_table, is_title_word
from .places import lookup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Labels of captions and credits: "Anna Kovacs Image: Harbour Wire".
_CAPTION_WORDS = frozenset({"image", "photo", "video", "audio", "picture", "file"})
# "pro-Kremlin", "anti-Seoul": a name inside a hyphenated modifier.
_MODIFIER_PREFIXES = frozenset({"pro", "anti", "non", "post", "pre", "ex", "neo", "mid", "pan"})
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
# Last words of buildings, stops and streets: "Riverside Station", "Al-Noor Mosque".
_FACILITY_HEADS = frozenset(
    "station airport stadium arena hotel mosque cathedral temple synagogue bridge tower towers "
    "square palace hall street road avenue".split()
)


class WorkSpan(Protocol):
    """The fields of a working mention these rules read and change."""

    start: int
    end: int
    label: str
    name: str
    fixed: bool


def trim_end(doc: Doc, start: int, end: int) -> int:
    """The span's end without the edges a name never has.

    A caption label, a bracketed acronym, a "-like" suffix, a trailing
    conjunction or a match score.
    """
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
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in {"CCONJ", "ADP"}:
        end -= 1  # "Riverside Station or": a name never ends on "or", "and" or "of"
    return _without_score(doc, start, end)


def _without_score(doc: Doc, start: int, end: int) -> int:
    """ "Peru 2-0", "Chile 1": a match score glued to a known country is not its name."""
    cut = end
    while cut > start + 1 and (doc[cut - 1].like_num or doc[cut - 1].text in {"-", "–"}):
        cut -= 1
    if cut < end and doc[cut - 1].is_alpha and lookup(doc[start:cut].text) is not None:
        return cut
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


def facility_name(name: str) -> bool:
    """ "Riverside Station", "Al-Noor Mosque": a multi-word name headed by a building word."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in _FACILITY_HEADS and words[0][:1].isupper()


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

    Three cues: a common given name in front ("Dean Okafor", from our table),
    a romanised East Asian given name ("Lee Min-jun", "Chan Ka-wai"), and a
    place in a list of people ("Ana Ruiz, Tomas Berg and Ida Holm"), where the
    coordinated name takes its neighbours' type. Known places never do.
    """
    words = span.name.split()
    if not person_words(words) or lookup(span.name) is not None:
        return False
    if words[0] in given_names() or (_GIVEN_HYPHENATED.match(words[-1]) and len(words[0]) <= 5):
        return True
    root = doc[span.start : span.end].root
    linked = [c.i for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        linked.append(root.head.i)
    return any(i in people and not span.start <= i < span.end for i in linked)


def person_words(words: list[str]) -> bool:
    """Two or three capitalised words, none an office, a building or a body's kind."""
    if not 1 < len(words) <= 3:
        return False
    if not all(w[:1].isupper() and not w.isupper() and not is_title_word(w) for w in words):
        return False
    # "Tang Teaching Museum" listed beside a person is still a museum.
    name = " ".join(words)
    return not (
        any(w.lower() in _INSTITUTIONS for w in words) or facility_name(name) or event_name(name)
    )


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (``data/entities_given_names.json``)."""
    return frozenset(entity_table("given_names")["names"])


def given_name_run(doc: Doc, start: int, end: int) -> bool:
    """An untagged "Marta Tsui", "Dean Okafor": proper nouns led by a common given name."""
    words = [t.text for t in doc[start:end]]
    return (
        words[0] in given_names()
        and person_words(words)
        and all(t.pos_ == "PROPN" for t in doc[start:end])
        and lookup(" ".join(words)) is None
        and lookup(words[-1]) is None
    )


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


# Verbs whose subject is where something is or what it has, not who acts:
# "Chile borders Peru", "Peru has 33 million people", "Peru is in the Andes".
_STATIVE = frozenset(
    "be have lie border remain become sit stand contain include host cover span stretch "
    "belong rank seem appear".split()
)


def acting_places(doc: Doc, spans: list[S]) -> list[S]:
    """The place mentions that act in their sentence (ACE's GPE-as-organisation role).

    A country or region is the subject of an active verb of doing ("Norway
    vetoed", "Chile beat Peru"), listed with such a subject ("Chile, Peru and
    Bolivia signed"), or the object of a verb another acting place is the
    subject of ("Chile beat Peru"). Passives, possessives, prepositional uses,
    stative verbs ("borders", "has", "is") and addresses ("Toledo, Ohio")
    leave the mention a place.
    """
    places = [s for s in spans if s.label in {"GPE", "LOC"}]
    roots = {doc[s.start : s.end].root.i: s for s in places}
    acting: set[int] = set()
    for i in roots:
        token = doc[i]
        address = any(_placed_in(roots[i], roots[c.i]) for c in token.children if c.i in roots)
        if token.dep_ == "nsubj" and _doing(token.head) and not address:
            acting.add(i)  # not "Toledo, Ohio - Last week saw …", an address
    for i in roots:  # "Chile, Peru and Bolivia signed": the subject's coordinates act too
        token = doc[i]
        seen = 0
        while token.dep_ in {"conj", "appos"} and token.head.i != token.i and seen < 8:
            token, seen = token.head, seen + 1
            if token.i in acting:
                acting.add(i)
                break
    for i in roots:  # "Chile beat Peru": the object of what an acting place did
        token = doc[i]
        if token.dep_ == "dobj" and _doing(token.head):
            if any(c.i in acting for c in token.head.children if c.dep_ == "nsubj"):
                acting.add(i)
    return [roots[i] for i in sorted(acting)]


def _placed_in(place: WorkSpan, region: WorkSpan) -> bool:
    """ "Toledo, Ohio": a town placed in its region or country, an address."""
    outer = lookup(region.name)
    inner = lookup(place.name)
    return (
        outer is not None
        and outer.kind in {"country", "region"}
        and (inner is None or inner.kind not in {"country", "region"})
    )


def _doing(verb: Token) -> bool:
    return verb.pos_ == "VERB" and verb.lemma_ not in _STATIVE


def acronym(token: Token) -> bool:
    """ "WHO", "M5S": an all-caps word of two to six characters, not a known country."""
    text = token.text
    letters = sum(ch.isalpha() for ch in text)
    return (
        token.is_upper
        and 2 <= len(text) <= 6
        and letters >= 2
        and text.isalnum()
        and lookup(text) is None
    )


def acronym_spans(doc: Doc, spans: list[S], covered: list[bool]) -> list[tuple[int, int, str]]:
    """Organisations the model missed that an all-caps word names (start, end, label).

    "World Health Organisation (WHO)": the bracketed initials of the name just
    before; "Ada Ho of DAB", "Ada Ho of the NWSC": after a person and "of", the
    person's party or employer (an acronym there tagged a place is retyped).
    """
    ends = {s.end: s for s in spans}
    found = []
    for i in range(2, len(doc)):
        token = doc[i]
        if covered[i] or not acronym(token):
            continue
        if doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")":
            named = ends.get(i - 1)
            letters = "".join(ch for ch in token.text if ch.isalpha())
            if named is not None and named.label in {"ORG", "MEDIA"}:
                if initials(named.name) == letters:
                    found.append((i, i + 1, named.label))
            continue
        if _affiliation(doc, i, ends):
            found.append((i, i + 1, "ORG"))
    for span in spans:  # "Frank Tsang of ADPL" with "ADPL" tagged a place
        one = span.end - span.start == 1 and span.label in {"GPE", "LOC", "NORP"}
        if (
            one
            and not span.fixed
            and acronym(doc[span.start])
            and _affiliation(doc, span.start, ends)
        ):
            span.label = "ORG"
    return found


def _affiliation(doc: Doc, i: int, ends: dict[int, S]) -> bool:
    """Token ``i`` follows "<person> of" or "<person> of the"."""
    of = i - 1 if doc[i - 1].lower_ == "of" else i - 2
    if doc[of].lower_ != "of" or (of != i - 1 and doc[i - 1].lower_ != "the"):
        return False
    person = ends.get(of)
    return person is not None and person.label == "PERSON"


# People who belong to a body: "Orvane officials", "a member of the Orvane Order".
_MEMBER_NOUNS = frozenset(
    "organization organisation group member official spokesman spokeswoman spokesperson "
    "leader attorney lawyer executive staff employee founder headquarters chairman".split()
)


def organisation_cue(doc: Doc, span: WorkSpan) -> bool:
    """A name that has members, officials or lawyers, or that a kind of body heads.

    "Orvane officials", "the Orvane Order group", "a member of Orvane", "an
    attorney for Orvane": people belong to a body, not to a place (these
    cues are not read for a name the model took for a person, as "Smith's
    lawyer" is). "the group Green Dawn", "the band Velvet Arms": a body by
    its kind, whatever the model said. Known places ("U.S. officials") never count.
    """
    if lookup(span.name) is not None:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if (
        before is not None
        and before.is_lower
        and before.lower_ in _KIND_NOUNS
        and not _maker(before, after)  # "the party Ana Lund led"
    ):
        return True  # "the group Green Dawn" (the parse may not join the two)
    root = doc[span.start : span.end].root
    if span.label == "PERSON":
        return False
    head = root.head
    if root.dep_ == "compound" and head.lemma_.lower() in _MEMBER_NOUNS:
        return True
    return (
        root.dep_ == "pobj"
        and head.lower_ in {"of", "for", "within"}
        and head.head.lemma_.lower() in _MEMBER_NOUNS
    )


# Kinds of body written before a name: "the group Green Dawn", "rebel group X".
_KIND_NOUNS = frozenset(
    "group party band firm company organisation organization club movement charity "
    "union network agency".split()
)


# "the town of Pocheon", "the province of Varda": a name a place noun introduces.
_PLACE_NOUNS = frozenset(
    "town city village province region county district island port capital municipality "
    "prefecture".split()
)


def place_cue(doc: Doc, span: WorkSpan) -> bool:
    """A name the model typed otherwise that its context says is a place.

    "the town of Pocheon" (a place noun and "of" in front), or "Siena,
    Tuscany" and "Sudan, Iran and Varda" (written beside a known place as its
    address or in a list of places).
    """
    if span.label == "NORP":
        return False  # "a holy city of Islam"
    root = doc[span.start : span.end].root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_NOUNS:
        noun = head.head.i  # "the town of X", not "a holy city of X" or "the town's mayor of X"
        return noun == head.i - 1 and noun > 0 and doc[noun - 1].lower_ == "the"
    if root.dep_ not in {"conj", "appos", "npadvmod"} or head.i >= span.start:
        return False
    known = lookup(head.text)  # a place by our tables and by the model: not "George Washington"
    return (
        known is not None
        and known.kind in {"country", "region", "capital"}
        and head.ent_type_ in {"GPE", "LOC"}
    )


# Names that are not entities of ours, or are a group's faith (NORP).
_RELIGIONS = frozenset(
    "Islam Christianity Judaism Hinduism Buddhism Sikhism Shinto Taoism Jainism Catholicism "
    "Protestantism".split()
)
_TIME_ZONES = frozenset("GMT UTC BST CET CEST EST EDT CST CDT MST MDT PST PDT JST AEST".split())
# Honours and offices written after a name: "Mark Tan, QC".
_POST_NOMINALS = frozenset("QC KC SC MP MEP MSP MLA OBE CBE MBE KBE DBE PhD".split())
# Kinds of work written before a title: "the film Harbour Lights", "her novel Blue Fox".
_WORK_NOUNS = frozenset(
    "film movie novel book album song series show play opera documentary painting".split()
)


def other_kind(doc: Doc, span: WorkSpan) -> str | None:
    """What a span the model took for a person, body or place is instead.

    "NORP" for a faith ("Islam"); "DROP" for what is no entity of ours: a
    handle or hashtag ("@Harbour"), a time zone ("GMT"), an idea ("Stoicism",
    "Cynophobia"), an honour after a name ("Mark Tan, QC"), a work after its
    kind ("the film Harbour Lights"), the end of an office ("Secretary of State").
    """
    name = span.name
    if doc[span.start].text[:1] in {"@", "#"} or name in _TIME_ZONES:
        return "DROP"
    if name in _RELIGIONS:
        return "NORP"
    one = span.end - span.start == 1
    if one and name[:1].isupper() and name.lower().endswith(("ism", "phobia")):
        return "DROP"
    if (
        one
        and name in _POST_NOMINALS
        and span.start >= 2
        and doc[span.start - 1].text == ","
        and doc[span.start - 2].ent_type_ == "PERSON"
    ):
        return "DROP"
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if (
        before is not None
        and before.is_lower
        and before.lower_ in _WORK_NOUNS
        and not _maker(before, after)  # "the film Ana Lund made"
    ):
        return "DROP"
    if (
        one
        and span.label == "ORG"
        and span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].is_title
        and is_title_word(doc[span.start - 2].text)
        and lookup(name) is None
    ):
        return "DROP"  # "Secretary of State": the end of an office, not a body
    return None


def _maker(kind: Token, after: Token | None) -> bool:
    """The name after a kind noun is the subject of a clause about it ("the film Ana Lund made").

    Not so when the kind noun is that verb's subject too ("the group Green Dawn marched").
    """
    return (
        after is not None
        and after.pos_ in {"VERB", "AUX"}
        and kind.dep_ not in {"nsubj", "nsubjpass"}
    )
