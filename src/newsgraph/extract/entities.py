"""Named entities of one article, repaired for news and resolved within the article.

The small spaCy model is a good start and a poor finish on news. This layer
reads the one parse (``doc.ents``, tags, dependencies) and, in order:

1. finds the dateline ("BERLIN (Reuters) —"): a place and the article's
   dateline, its agency a MEDIA entity, never an ORG called "BERLIN";
2. trims each span: a leading "the" or descriptor ("pro-Beijing"), a
   trailing possessive, leading titles, which become roles together with the
   office words written just before the name ("Japanese Defense Minister");
   drops pronouns and title fragments ("Defense" tagged ORG);
3. joins names the model cut in two ("Nguyen Van" + "An", "Moon Jae" + "-in");
   retypes weapons (HIMARS, plural "Stingers"), outlets and well-known
   organisations from our tables;
4. adds names the model missed that have a telling shape: a capitalised name
   after an office title, an organisation or outlet by its head word;
5. decides one type per name for the whole article from titles, suffixes,
   full names and votes (the model may call "Trump" PERSON once, ORG once);
6. normalises countries, demonyms, capitals and seats of government via
   ``places`` (an acting capital stands for its government);
7. adds known outlets, weapons and countries the model missed (one
   PhraseMatcher pass) and later mentions of names already found;
8. groups mentions into entities (``names.resolve_article``): short forms go
   to the full name, a shared surname to the most salient bearer, not to a
   byline writer or a relative;
9. marks the place mentions that act in their sentence ("Norway vetoed the
   plan"): the entity stays a country, the mention stands for its government
   or team (``EntityResult.acting``).

The token-shape rules behind steps 2-5 and 9 (captions, "pro-Beijing"
modifiers, event and building names, case evidence, split names, acronyms,
person-, body- and place-shaped names, acting places) live in ``entity_rules``.

Everything is a pass over tokens or spans of the existing Doc: no second parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import ArticleEntity
from . import entity_rules as rules
from .names import (
    Mention,
    clean_name,
    entity_table,
    is_family_word,
    is_honorific,
    is_title_word,
    resolve_article,
    split_role,
)
from .places import government_name, lookup

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WEAPON", "MEDIA")
# Model labels we read; PRODUCT and WORK_OF_ART only survive as WEAPON or MEDIA.
_READ = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
_PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their "
    "theirs himself herself itself themselves who whom whose this that these those".split()
)
_ORG_SUFFIXES = frozenset(
    "inc inc. corp corp. corporation ltd ltd. llc plc co co. company group party ministry council "
    "agency association university college bank committee commission union organization "
    "organisation institute foundation court department army forces force police office club fc "
    "league federation authority service services board airlines airways times news network "
    "school hospital church team assembly parliament congress senate government org".split()
)
_SPEECH = frozenset(
    "say tell add state announce claim insist warn write ask reply note argue confirm deny "
    "explain vow pledge urge accuse".split()
)
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
# Credit lines: "By Anna Roberts" (a short line), "Reporting by …; Editing by …",
# "… contributed to this report".
_BYLINE_SHORT = re.compile(r"^\W*by\s", re.IGNORECASE)
_BYLINE = re.compile(
    r"^\W*(?:additional )?(?:reporting|writing|editing) by\s|contributed to (?:this|the) report",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’\- ]*[A-Z.])"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?\s*(?:—|–|--|-)\s"
)


@dataclass(frozen=True)
class EntityResult:
    """The entities of one article and its dateline place ("Berlin"), if it has one.

    ``acting`` holds the character spans of place mentions that act in their
    sentence ("Norway vetoed the plan"): the entity stays a country (GPE), but
    that mention stands for its government or team, as ACE's GPE-as-ORG role.
    """

    entities: tuple[ArticleEntity, ...]
    dateline: str | None = None
    acting: tuple[tuple[int, int], ...] = ()


@dataclass
class _Span:
    """A working mention: token range, type and what we learnt about it."""

    start: int
    end: int
    label: str
    name: str = ""
    role: str | None = None
    country: str | None = None
    fixed: bool = False  # type decided by a table, not open to votes
    role_start: int = -1  # first token of the title written before a PERSON
    flags: set[str] = field(default_factory=set)


def extract_entities(doc: Doc) -> EntityResult:
    """Find, repair and resolve the named entities of one parsed article."""
    covered = [False] * len(doc)
    spans: list[_Span] = []
    dateline = _dateline(doc, spans)
    for span in spans:
        _cover(covered, span)
    for ent in doc.ents:
        if ent.label_ not in _READ or any(covered[ent.start : ent.end]):
            continue
        trimmed = _trim(doc, _Span(ent.start, ent.end, ent.label_))
        if trimmed is not None:
            spans.append(trimmed)
    spans = _join_split_names(doc, rules.drop_non_names(doc, spans))
    kept: list[_Span] = []
    for span in spans:
        if not span.fixed:
            rules.extend_person(doc, span)
            _roles(doc, span)
            _retype_things(doc, span)
        if span.label in TYPES:
            kept.append(span)
    kept = _drop_role_fragments(kept)
    covered = [False] * len(doc)
    for span in kept:
        _cover(covered, span)
    kept.extend(_pattern_spans(doc, covered))
    _vote_types(doc, kept)
    for span in kept:
        if not span.fixed:
            _retype_place(doc, span)
    for start, end, label in rules.acronym_spans(doc, kept, covered):
        kept.append(_Span(start, end, label, name=doc[start:end].text))
        covered[start:end] = [True] * (end - start)
    kept.extend(_gazetteer_spans(doc, covered))
    kept.extend(_repeat_spans(doc, kept, covered))
    kept.sort(key=lambda s: s.start)
    text = doc.text  # Doc.text joins every token: read it once
    mentions = [_mention(doc, text, s) for s in kept]
    acting = tuple(
        (doc[s.start].idx, doc[s.end - 1].idx + len(doc[s.end - 1]))
        for s in rules.acting_places(doc, kept)
    )
    return EntityResult(resolve_article(mentions, len(text)), dateline, acting)


def _cover(covered: list[bool], span: _Span) -> None:
    for i in range(span.start, span.end):
        covered[i] = True


def _dateline(doc: Doc, spans: list[_Span]) -> str | None:
    """Step 1: the all-caps place opening a wire story, and its agency."""
    match = _DATELINE.match(doc[:60].text if len(doc) > 60 else doc.text)
    if match is None or not match.group("place").isupper() or len(match.group("place")) < 2:
        return None
    groups = [("place", "GPE"), ("region", "GPE"), ("agency", "MEDIA")]
    for group, label in groups:
        if match.group(group) is None:
            continue
        span = doc.char_span(*match.span(group), alignment_mode="expand")
        if span is None:
            continue
        work = _Span(span.start, span.end, label, fixed=True)
        work.name = clean_name(span.text)
        place = lookup(span.text) if label == "GPE" else None
        if place is not None:
            work.name, work.country = place.name, place.country
        elif work.name.isupper() and label == "GPE":
            work.name = work.name.title()
        spans.append(work)
    place = lookup(match.group("place"))
    return place.name if place is not None else clean_name(match.group("place")).title()


def _trim(doc: Doc, span: _Span) -> _Span | None:
    """Step 2: cut "the", possessives and punctuation off the span's edges."""
    start, end = span.start, span.end
    while start < end:
        if start + 3 < end and doc[start].lower_ in rules.PREFIXES and doc[start + 1].text == "-":
            start += 3  # "pro-Beijing", "Pan-democrat" in front of a name
        elif (
            doc[start].lower_ == "the"
            or doc[start].is_punct
            or doc[start].is_space
            or rules.descriptor(doc[start], start + 1 < end)
        ):
            start += 1
        else:
            break
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in {"'s", "’s"}
    ):
        end -= 1
    end = rules.trim_end(doc, start, end) if start < end else end
    if start >= end or rules.in_modifier(doc, start) or rules.lower_case(doc, start, end):
        return None
    if end - start == 1 and (
        doc[start].pos_ == "PRON" or (doc[start].lower_ in _PRONOUNS and not doc[start].is_upper)
    ):
        return None  # pronouns are never entities; "US" is not "us"
    if span.label == "PERSON":
        # "Gary Chan of DAB", "Chan and Yung": a name stops at a connector.
        for i in range(start + 1, end):
            if doc[i].lower_ in {"of", "and", ","} or doc[i].text == ",":
                end = i
                break
    span.start, span.end = start, end
    span.name = clean_name(doc[start:end].text)
    return span if span.name else None


def _join_split_names(doc: Doc, spans: list[_Span]) -> list[_Span]:
    """Step 3a: "Nguyen Van" + "An" → one PERSON; two PERSON spans side by side → one."""
    spans.sort(key=lambda s: s.start)
    out: list[_Span] = []
    by_start = {s.start: s for s in spans}
    skip: set[int] = set()
    for span in spans:
        if span.start in skip:
            continue
        if span.label == "PERSON" and span.end < len(doc):
            nxt = by_start.get(span.end)
            if nxt is not None and nxt.label == "PERSON" and doc[span.end - 1].whitespace_ == " ":
                skip.add(nxt.start)
                span.end = nxt.end
            elif nxt is None and rules.continues_asian_name(doc, span):
                span.end += 1
            while rules.hyphen_tail(doc, span.end):
                span.end += 2  # "Moon Jae" + "-in": a hyphenated given name cut short
        elif _looks_like_person_pair(doc, span, by_start.get(span.end)):
            nxt = by_start[span.end]
            skip.add(nxt.start)
            span.end, span.label = nxt.end, "PERSON"
            span.name = clean_name(doc[span.start : span.end].text)
        out.append(span)
    return out


def _looks_like_person_pair(doc: Doc, span: _Span, nxt: _Span | None) -> bool:
    """ "Valeska" + "Paris" tagged places, "Dries" ORG + "Mertens" PERSON: one name in two.

    An unknown single word glued (one space, no comma) to a following one-word
    place or person is a given name before a surname.
    """
    pair_labels = (
        {"GPE", "LOC"} if nxt is None or nxt.label != "PERSON" else {"ORG", "GPE", "LOC", "NORP"}
    )
    return (
        nxt is not None
        and span.label in pair_labels
        and nxt.label in {"GPE", "LOC", "PERSON"}
        and span.end - span.start == 1
        and nxt.end - nxt.start == 1
        and doc[span.start].whitespace_ == " "
        and lookup(span.name) is None
        and doc[span.start].is_title
        and doc[nxt.start].is_title
    )


def _roles(doc: Doc, span: _Span) -> None:
    """Step 2b: titles inside or just before a PERSON span become its role.

    A title also turns a mistyped name into a person: "Chancellor Olaf Scholz"
    tagged ORG is a PERSON.
    """
    if span.label != "PERSON" and not _titled_name(doc, span):
        return
    span.label = "PERSON"
    parts = split_role(doc[span.start : span.end].text)
    if parts.role is not None or parts.name != span.name:
        words = len(doc[span.start : span.end].text.split()) - len(parts.name.split())
        span.start += max(0, words)
        span.name = parts.name
    start = span.start
    while start > 0 and _role_word(doc, start - 1):
        start -= 1
    if start < span.start:
        role_words = [t for t in doc[start : span.start] if t.lower_ not in {"the", "a"}]
        titles = [t.text for t in role_words if is_title_word(t.text)]
        if titles:
            span.flags.add("titled")
        if titles and not all(is_honorific(t) for t in titles):
            span.role = " ".join(t.text for t in role_words if not t.is_punct) or None
            span.role_start = start
    elif parts.role:
        span.role = parts.role
        span.flags.add("titled")
    if start >= 2 and is_family_word(doc[start - 1].text) and doc[start - 2].tag_ == "PRP$":
        span.flags.add("relative")


# Title words too weak to make the next name a person ("former Yugoslavia", "Home Office").
_WEAK_TITLES = frozenset(
    "former late acting ex first state home foreign grand high supreme chief head star".split()
)


def _titled_name(doc: Doc, span: _Span) -> bool:
    if span.label not in {"ORG", "GPE", "LOC", "NORP"} or span.start == 0:
        return False
    before = doc[span.start - 1]
    return (
        before.is_title
        and is_title_word(before.text)
        and before.lower_.rstrip(".") not in _WEAK_TITLES
        and lookup(span.name) is None
        and _plausible_person(span.name.split())
    )


def _role_word(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.is_sent_start and not token.is_title:
        return False
    if is_title_word(token.text) or token.text == "-":
        return True
    if token.lower_ == "of" and i > 0 and is_title_word(doc[i - 1].text):
        return True  # "Secretary of State Marco Rubio"
    # "Japanese Defense Minister": capitalised words joined to a title on the right.
    return token.is_title and i + 1 < len(doc) and _role_word_right(doc, i + 1)


def _role_word_right(doc: Doc, i: int) -> bool:
    while i < len(doc) and doc[i].is_title and not is_title_word(doc[i].text):
        if doc[i].ent_type_ == "PERSON":
            return False
        i += 1
    return i < len(doc) and is_title_word(doc[i].text)


def _drop_role_fragments(spans: list[_Span]) -> list[_Span]:
    """Step 2c: "Defense" tagged ORG in "Defense Minister Gen Nakatani" is part of a title.

    ORG and PERSON spans inside a person's title go; nationalities and
    countries there ("Japanese", "U.S.") stay, they are real mentions.
    """
    titles = [(s.role_start, s.start) for s in spans if s.role_start >= 0]
    return [
        span
        for span in spans
        if span.label not in {"ORG", "PERSON"}
        or not any(a <= span.start and span.end <= b for a, b in titles)
    ]


@lru_cache(maxsize=1)
def _weapons() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    table = entity_table("weapons")
    return (
        frozenset(table["names"]),
        frozenset(table["ambiguous"]),
        frozenset(table["generic_heads"]),
    )


@lru_cache(maxsize=1)
def _media() -> tuple[frozenset[str], frozenset[str]]:
    table = entity_table("media")
    return frozenset(table["names"]), frozenset(table["ambiguous"])


@lru_cache(maxsize=1)
def _orgs() -> tuple[frozenset[str], frozenset[str]]:
    table = entity_table("orgs")
    return frozenset(table["names"]), frozenset(table["ambiguous"])


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    return frozenset(entity_table("media")["heads"])


def _outlet_name(name: str) -> bool:
    """ "Sydney Morning Herald", "Saudi Gazette": a name ending in an outlet word."""
    words = name.split()
    return len(words) > 1 and words[-1] in _outlet_heads() and words[0][:1].isupper()


def _singular(name: str) -> str | None:
    return name[:-1] if name.endswith("s") and len(name) > 3 else None


def _weapon_name(doc: Doc, span: _Span) -> str | None:
    """The weapon a span names: from the table, in the plural, or beside a weapon noun."""
    sure, ambiguous, heads = _weapons()
    name = span.name
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if name in sure:
        return name
    single = _singular(name)
    if single is not None and (single in sure or single in ambiguous):
        return single
    if name in ambiguous and nxt in heads:
        return name
    return None


def _retype_things(doc: Doc, span: _Span) -> None:
    """Step 3: weapons and media from our tables; plural PERSON names that are things."""
    weapon = _weapon_name(doc, span)
    if weapon is not None:
        span.label, span.name, span.fixed = "WEAPON", weapon, True
        return
    sure, ambiguous = _media()
    if span.name in sure or span.name in ambiguous or _outlet_name(span.name):
        span.label, span.fixed = "MEDIA", True
        return
    if span.name in _orgs()[0] or span.name in _orgs()[1]:
        span.label, span.fixed = "ORG", True
        return
    if rules.event_name(span.name):
        span.label, span.fixed = "EVENT", True
        return
    if span.label in {"ORG", "PERSON", "GPE"} and rules.facility_name(span.name):
        span.label = "FAC"  # "Riverside Station", "Harbour Towers": a building or a stop
        return
    if span.label in {"PRODUCT", "WORK_OF_ART"}:
        span.label = "DROP"
        return
    other = rules.other_kind(doc, span)
    if other is not None:
        span.label = other
        return
    name = span.name
    if (
        span.label in {"PERSON", "GPE", "LOC"}
        and span.end - span.start == 1
        and any(ch.isdigit() for ch in name)
        and any(ch.isalpha() for ch in name)
    ):
        span.label = "DROP"  # "IE6", "T-72": a model number is neither a person nor a place
        return
    if (
        span.label == "PERSON"
        and span.end - span.start == 1
        and rules.plural_thing(doc, span.start)
    ):
        span.label = "DROP"  # "Stingers", "Javelins": plural things, never a person


def _retype_place(doc: Doc, span: _Span) -> None:
    """Step 3b: countries, demonyms, capitals and seats of government via ``places``."""
    place = lookup(span.name)
    if place is None or (span.label == "PERSON" and not _after_preposition(doc, span)):
        return
    if place.kind == "region":
        # States and provinces share names with teams and people: only a place gets a code.
        if span.label in {"GPE", "LOC"}:
            span.country = place.country
        return
    span.country, span.fixed = place.country, True
    if place.kind == "seat" or (place.kind == "capital" and _acts(doc, span)):
        span.label, span.name = "ORG", government_name(place.country)
    elif place.kind == "demonym":
        span.label, span.name = "NORP", _singular_demonym(span.name)
    else:
        span.label, span.name = "GPE", place.name


def _singular_demonym(name: str) -> str:
    single = _singular(name)
    return single if single is not None and lookup(single) is not None else name


def _after_preposition(doc: Doc, span: _Span) -> bool:
    return span.start > 0 and doc[span.start - 1].pos_ == "ADP"


def _acts(doc: Doc, span: _Span) -> bool:
    """A capital used as an actor: the subject or possessor, not a location."""
    root = doc[span.start : span.end].root
    return root.dep_ in _ACTOR_DEPS and not _after_preposition(doc, span)


_MATCHERS: dict[int, tuple[object, PhraseMatcher]] = {}


def _matcher(doc: Doc) -> PhraseMatcher:
    """One PhraseMatcher per vocabulary over unambiguous outlets, weapons and countries."""
    key = id(doc.vocab)
    if key not in _MATCHERS:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(doc.vocab)
        sure_weapons = sorted(_weapons()[0])
        media = sorted(_media()[0])
        places = entity_table("places")
        countries = [k for k in places["aliases"] if len(k) > 2] + list(places["seats"])
        for label, names in (
            ("WEAPON", sure_weapons + [w + "s" for w in sure_weapons]),
            ("MEDIA", media),
            ("GPE", countries),
        ):
            matcher.add(label, [_pattern(doc, n) for n in names])
        _MATCHERS[key] = (doc.vocab, matcher)
    return _MATCHERS[key][1]


def _pattern(doc: Doc, text: str) -> Doc:
    """A pattern tokenised as the English tokenizer would tokenise it in running text."""
    from spacy.tokens import Doc as _Doc

    words = [t.text for t in _blank_tokenizer()(text)]
    return _Doc(doc.vocab, words=words)


@lru_cache(maxsize=1)
def _blank_tokenizer() -> Callable[[str], Doc]:
    import spacy

    return spacy.blank("en").tokenizer  # type: ignore[no-any-return]


def _gazetteer_spans(doc: Doc, covered: list[bool]) -> list[_Span]:
    """Step 4a: known outlets, weapons and countries the model did not tag."""
    found = []
    for match_id, start, end in _matcher(doc)(doc):
        if any(covered[start:end]) or rules.in_modifier(doc, start):
            continue
        label = doc.vocab.strings[match_id]
        span = _Span(start, end, label, name=clean_name(doc[start:end].text), fixed=True)
        if label == "WEAPON" and span.name not in _weapons()[0]:
            span.name = _singular(span.name) or span.name
        elif label == "GPE":
            _retype_place(doc, span)
        _cover(covered, span)
        found.append(span)
    return found


def _vote_types(doc: Doc, spans: list[_Span]) -> None:
    """Step 5: one type per name for the whole article (PERSON vs ORG vs GPE …).

    Each mention votes for its model label. A title in front, a personal cue
    ("was born", "X's father") or a person's shape (``entity_rules.person_shape``)
    votes PERSON; an organisational last word ("Party", "Inc"), an
    organisational head before "of" ("Municipality of X") or members and
    officials ("a member of X") vote ORG. A name that is the surname of a full
    personal name in the article gets PERSON votes for each full mention, and
    more if the full name came first, as news introduces people before
    shortening them. A tie goes to the label of the name's first mention.
    """
    surnames: dict[str, list[int]] = {}
    for span in spans:
        words = span.name.split()
        if span.label == "PERSON" and len(words) > 1 and _plausible_person(words):
            surnames.setdefault(words[-1], []).append(span.start)
    votes: dict[str, dict[str, float]] = {}
    first: dict[str, int] = {}
    first_label: dict[str, str] = {}
    people = {i for s in spans if s.label == "PERSON" for i in range(s.start, s.end)}
    for span in sorted(spans, key=lambda s: s.start):
        if span.fixed or span.label not in _VOTING:
            continue
        tally = votes.setdefault(span.name, {})
        first.setdefault(span.name, span.start)
        first_label.setdefault(span.name, span.label)
        tally[span.label] = tally.get(span.label, 0.0) + 1.0
        if span.role or _person_cue(doc, span) or rules.person_shape(doc, span, people):
            tally["PERSON"] = tally.get("PERSON", 0.0) + 3.0
        elif rules.organisation_cue(doc, span):
            tally["ORG"] = tally.get("ORG", 0.0) + 3.0
        elif rules.place_cue(doc, span):
            tally["GPE"] = tally.get("GPE", 0.0) + 3.0
    org_parts = _org_name_parts(spans)
    for name, tally in votes.items():
        words = name.split()
        headed = len(words) > 2 and words[1] == "of" and words[0].lower() in _ORG_HEADS
        if (words[-1].lower() in _ORG_SUFFIXES and len(words) > 1) or headed:
            tally["ORG"] = tally.get("ORG", 0.0) + 5.0  # "Civic Party", "Municipality of Ada"
        elif name in org_parts and lookup(name) is None and "PERSON" not in tally:
            tally["ORG"] = tally.get("ORG", 0.0) + 3.0 * org_parts[name] + 2.0
        elif name in surnames and getattr(lookup(name), "kind", None) != "country":
            full = surnames[name]
            bonus = 3.0 * len(full) + (2.0 if min(full) < first[name] else 0.0)
            tally["PERSON"] = tally.get("PERSON", 0.0) + bonus
    for span in spans:
        found = votes.get(span.name)
        if found and not span.fixed and span.label in found:
            # A tie goes to the label of the name's first mention: one type per article.
            lead = first_label[span.name]
            span.label = max(found.items(), key=lambda kv: (kv[1], kv[0] == lead))[0]


def _org_name_parts(spans: list[_Span]) -> dict[str, int]:
    """Names that end an organisation's name here ("Church of Scientology" → "Scientology").

    Standing alone, such a name usually means the organisation, whatever label
    the model gave it; known places ("Bank of England") are excluded by the caller.
    """
    parts: dict[str, int] = {}
    for span in spans:
        words = span.name.split()
        if span.label == "ORG" and len(words) >= 3 and words[-2] == "of":
            parts[words[-1]] = parts.get(words[-1], 0) + 1
    return parts


_VOTING = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _plausible_person(words: list[str]) -> bool:
    """Title-case words only: "Pro-Beijing DAB" or "Gary Chan of DAB" are not a person's name."""
    return all(
        w[:1].isupper() and not (len(w) > 1 and w.isupper()) and "-" not in w[:4] for w in words
    )


def _person_cue(doc: Doc, span: _Span) -> bool:
    """ "Paris was born", "Paris's father": things only people are or have."""
    root = doc[span.start : span.end].root
    if root.head.lemma_ in {"bear", "marry", "die"} and root.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return (
        span.end + 1 < len(doc)
        and doc[span.end].tag_ == "POS"
        and is_family_word(doc[span.end + 1].text)
    )


def _repeat_spans(doc: Doc, spans: list[_Span], covered: list[bool]) -> list[_Span]:
    """Step 4b: later mentions of names already found that the model missed.

    A person's surname and the last word of an organisation named "X of Y"
    (not a known place) count as later mentions too.
    """
    known: dict[str, list[tuple[tuple[str, ...], _Span]]] = {}
    for span in spans:
        if span.label not in {"PERSON", "ORG", "GPE", "MEDIA", "NORP", "LOC", "FAC"}:
            continue
        words = tuple(t.text for t in doc[span.start : span.end])
        forms = [words]
        if span.label == "PERSON" and len(words) > 1 and _plausible_person(list(words)):
            forms.append(words[-1:])
        elif span.label == "ORG" and len(words) > 2 and words[-2] == "of":
            if lookup(words[-1]) is None:
                forms.append(words[-1:])  # "Temple of Orvane", later "Orvane"
        for form in forms:
            if form[0][:1].isupper():
                known.setdefault(form[0], []).append((form, span))
    found: list[_Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        options = known.get(token.text) if not covered[i] else None
        if options:
            for form, source in sorted(options, key=lambda o: -len(o[0])):
                end = i + len(form)
                if (
                    end <= len(doc)
                    and tuple(t.text for t in doc[i:end]) == form
                    and not any(covered[i:end])
                    and (len(form) > 1 or _alone(doc, i))
                ):
                    span = _Span(
                        i,
                        end,
                        source.label,
                        name=clean_name(doc[i:end].text),
                        country=source.country,
                        fixed=source.fixed,
                    )
                    if source.label in {"ORG", "NORP"} and source.country:
                        span.name = source.name
                    if source.label == "GPE" and source.country:
                        span.name = source.name
                    _cover(covered, span)
                    found.append(span)
                    i = end - 1
                    break
        i += 1
    return found


_ORG_HEADS = frozenset(
    "ministry university party council agency association institute foundation commission "
    "committee organization organisation union bank department court police army navy "
    "corporation company group federation authority college hospital church municipality".split()
)


def _pattern_spans(doc: Doc, covered: list[bool]) -> list[_Span]:
    """Step 4c: names the model missed whose shape says what they are.

    A run of capitalised proper nouns right after an office title ("Professor
    Burrows", "Secretary Regina Ip") is a person; a run of capitalised words
    holding an organisational head word ("Ministry of Defence", "Civic Party")
    is an organisation. Only untagged tokens are read, so the model's own
    spans always win.
    """
    found: list[_Span] = []
    i = 0
    while i < len(doc):
        if covered[i] or not doc[i].is_title or doc[i].pos_ != "PROPN":
            i += 1
            continue
        end = i
        while end < len(doc) and not covered[end] and _name_word(doc, end, i):
            end += 1
        while end > i + 1 and not doc[end - 1].is_title:
            end -= 1  # never end on "of" or "the"
        words = [t.lower_ for t in doc[i:end]]
        before = doc[i - 1] if i > 0 else None
        span = None
        name = clean_name(doc[i:end].text)
        if end - i > 1 and _outlet_name(name):
            span = _Span(i, end, "MEDIA", name=name, fixed=True)
        elif end - i > 1 and rules.facility_name(name):
            span = _Span(i, end, "FAC", name=name)
        elif 2 <= end - i <= 3 and rules.given_name_run(doc, i, end):
            span = _Span(i, end, "PERSON", name=name)
        elif _ORG_HEADS.intersection(words) and end - i > 1:
            span = _Span(i, end, "ORG", name=name)
        elif (
            before is not None
            and before.is_title
            and is_title_word(before.text)
            and before.lower_.rstrip(".") not in _WEAK_TITLES
            and end - i <= 3
        ):
            if lookup(name) is None and _plausible_person(name.split()):
                span = _Span(i, end, "PERSON", name=name, flags={"titled"})
                _roles(doc, span)
        if span is not None:
            _cover(covered, span)
            found.append(span)
        i = max(end, i + 1)
    return found


def _name_word(doc: Doc, i: int, start: int) -> bool:
    token = doc[i]
    if token.is_title and token.pos_ in {"PROPN", "NOUN"}:
        return True
    # "of"/"for"/"the" inside a name, or a hyphen glued on both sides ("Al-Noor"),
    # followed by a capitalised word.
    glued = token.text == "-" and not token.whitespace_ and not doc[i - 1].whitespace_
    return (
        i > start
        and (token.lower_ in {"of", "for", "the", "and"} or glued)
        and i + 1 < len(doc)
        and doc[i + 1].is_title
    )


def _alone(doc: Doc, i: int) -> bool:
    """A proper noun not glued to other capitalised words ("Explorer" in "Internet Explorer")."""
    if doc[i].pos_ != "PROPN" and not rules.capitalised_noun(doc, i) and not rules.acronym(doc[i]):
        return False
    before = i > 0 and doc[i - 1].is_title and not doc[i].is_sent_start
    after = i + 1 < len(doc) and doc[i + 1].is_title
    return not before and not after


def _line(text: str, offset: int) -> str:
    """The short line holding ``offset``; credit lines are short, paragraphs are not."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)]
    return line if len(line) <= 200 else ""


def _mention(doc: Doc, text: str, span: _Span) -> Mention:
    """Freeze a working span into what within-article resolution needs."""
    tokens = doc[span.start : span.end]
    flags = set(span.flags)
    line = _line(text, tokens.start_char)
    if span.label == "PERSON" and (
        _BYLINE.search(line) or (_BYLINE_SHORT.match(line) and len(line) <= 80)
    ):
        flags.add("byline")
    root: Token = tokens.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in _SPEECH:
        flags.add("speaker")
    return Mention(
        start=tokens.start_char,
        end=tokens.end_char,
        text=tokens.text,
        name=span.name,
        label=span.label,
        role=span.role,
        country=span.country,
        flags=frozenset(flags),
    )
