"""PLOVER-coded events from the dependency parse: who did what to whom, where, when.

Why rules over the parse and not a classifier: every event must be explainable
from its evidence sentence (trigger, arguments, status cue), and the parse
already tells us who is the subject of "met" or the owner of "talks".

The cascade, per sentence:

1. **Triggers.** Verbs from ``event_lexicon`` (alone, with a particle such as
   "call for", or with an object class such as "send troops"), and event nouns
   ("talks", "summit", "sanctions") when a light verb ("held talks"), a time
   preposition ("after talks") or their own arguments ("talks with") make them
   an event. A verb of movement whose purpose clause is a meeting ("travelled to
   Riyadh to meet ...") lends its destination to that meeting instead of being
   an event itself.
2. **Actors.** Subject, agent, object, dative and prepositional arguments are
   linked to the article's entities (``extract.events_args``): the entity on or
   inside the argument's noun phrase, pronouns to the last fitting entity, "the
   two presidents" to the last two people.
3. **Status.** Negation, modals, "if", and controlling verbs ("is set to",
   "plans to", "refused to") decide occurred / planned / hypothetical / negated.
4. **Date.** The time expression attached to the trigger in the parse, else the
   sentence's, else an earlier sentence's date when this one points back
   ("Later that day"), else the publication date. A date after publication
   turns an "occurred" event into a planned one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import ArticleEntity, Event, EventStatus, Timex
from . import event_lexicon as lex
from .events_args import EntityIndex, actors_of, event_arguments, location_of
from .events_dates import DateResolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventMention", "extract_events", "extract_event_mentions"]


@dataclass(frozen=True)
class EventMention:
    """An event with where its trigger sits, for scorers that pick the main event.

    ``depth`` counts dependency arcs from the trigger's clause to the sentence
    root: the smallest depth is the sentence's main event.
    """

    event: Event
    trigger_start: int
    trigger_end: int
    depth: int


@dataclass(frozen=True)
class _Candidate:
    """A trigger found in the parse, before its arguments are read."""

    trigger: Token
    spec: lex.Trigger
    anchor: Token  # the verb carrying tense, negation and arguments
    noun: bool
    via_motion: Token | None = None  # "travelled to X to meet": the travel verb
    carrier: Token | None = None  # the noun holding a noun event's arguments
    used: frozenset[int] = frozenset()  # words of the trigger phrase, never actors

    @property
    def holder(self) -> Token:
        return self.carrier if self.carrier is not None else self.trigger


def extract_events(
    doc: Doc,
    article_id: str,
    entities: Sequence[ArticleEntity],
    timexes: Sequence[Timex],
    published: str | None,
) -> list[Event]:
    """Every PLOVER event in the article, in text order, ids ``{article_id}-v{n}``."""
    return [m.event for m in extract_event_mentions(doc, article_id, entities, timexes, published)]


def extract_event_mentions(
    doc: Doc,
    article_id: str,
    entities: Sequence[ArticleEntity],
    timexes: Sequence[Timex],
    published: str | None,
) -> list[EventMention]:
    """Like ``extract_events`` but keeps each trigger's offsets and parse depth."""
    index = EntityIndex(doc, entities)
    dates = DateResolver(doc, timexes, published)
    found: list[EventMention] = []
    for sent in doc.sents:
        candidates = _candidates(sent, index)
        dates.attach(sent, {c.anchor.i for c in candidates} | {c.holder.i for c in candidates})
        for cand in candidates:
            mention = _build(cand, sent, index, dates, article_id)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.trigger_start, m.trigger_end))
    return [
        replace(m, event=replace(m.event, id=f"{article_id}-v{n}")) for n, m in enumerate(found)
    ]


# -- 1. triggers ---------------------------------------------------------------


def _candidates(sent: Span, index: EntityIndex) -> list[_Candidate]:
    out: list[_Candidate] = []
    for tok in sent:
        cand = _verb_candidate(tok, index) if tok.pos_ in ("VERB", "AUX") else None
        if cand is None and tok.pos_ in ("NOUN", "PROPN"):
            cand = _noun_candidate(tok)
        if cand is not None:
            out.append(cand)
    out.extend(_demands_in_reports(sent, {c.anchor.i for c in out}))
    # A noun under a coded verb is part of that verb's event ("rejected calls").
    verbs = {c.trigger.i for c in out if not c.noun}
    out = [c for c in out if not (c.noun and c.anchor.i in verbs and c.anchor.i != c.holder.i)]
    return _fold_motion(out, sent)


def _verb_candidate(tok: Token, index: EntityIndex) -> _Candidate | None:
    lemma = lex.lemma_of(tok)
    if tok.pos_ == "AUX" and tok.dep_ != "ROOT":
        return None
    for child in tok.children:
        key = (
            lemma,
            child.lower_ if child.dep_ in ("prt", "prep", "agent") else lex.lemma_of(child),
        )
        if child.dep_ in ("prt", "prep", "agent", "dobj") and key in lex.PHRASAL:
            if key[1] == "by" and not _by_phone(child):
                continue
            used = frozenset([child.i]) if child.dep_ == "dobj" else frozenset()
            return _Candidate(tok, lex.PHRASAL[key], tok, False, used=used)
    obj = _object(tok)
    if lemma in lex.VERB_WITH_OBJECT and obj is not None:
        words = _object_words(obj)
        for cls, spec in lex.VERB_WITH_OBJECT[lemma].items():
            if words & lex.OBJECT_CLASSES[cls]:
                return _Candidate(tok, spec, tok, False, used=frozenset([obj.i]))
        if lemma in ("release", "free") and any(
            e.type == "PERSON" for _, _, e in index.entities_under(obj)
        ):
            return _Candidate(tok, lex.Trigger("CONCEDE", "release"), tok, False)
    if lemma == "call":
        return _phone_call(tok, obj, index)
    if (
        lemma == "receive"
        and obj is not None
        and (
            any(e.type == "PERSON" for _, _, e in index.entities_under(obj))
            or lex.lemma_of(obj) in lex.OFFICIAL_TITLES  # "received Russia's security chief"
        )
    ):
        return _Candidate(tok, lex.Trigger("CONSULT", "host"), tok, False)
    if lemma in ("recall", "charge", "warn") and any(c.dep_ == "ccomp" for c in tok.children):
        # "recalled that ...", "warned that inflation could rise": a report, not an act;
        # "warned Iran that ..." still threatens Iran.
        if lemma == "warn" and obj is not None and index.entities_under(obj):
            return _Candidate(tok, lex.VERBS[lemma], tok, False)
        return None
    if lemma in lex.VERBS:
        # A gerund used as a noun ("Fighting between A and B broke out") reads like one.
        gerund = tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        spec = lex.VERBS[lemma]
        # "fought a war": the object names the event again and is no one's target
        again = lex.NOUNS.get(lex.lemma_of(obj)) if obj is not None else None
        used = (
            frozenset([obj.i])
            if obj is not None and again and again.type == spec.type
            else (frozenset())
        )
        return _Candidate(tok, spec, tok, gerund, used=used)
    if lemma in lex.MOTION_VERBS and _destination(tok) is not None:
        return _Candidate(tok, lex.Trigger("CONSULT", "visit"), tok, False)
    return None


def _by_phone(prep: Token) -> bool:
    return any(lex.lemma_of(c) in ("phone", "telephone") for c in prep.children)


def _phone_call(tok: Token, obj: Token | None, index: EntityIndex) -> _Candidate | None:
    """ "called Xi" is a phone call; "called X a liar" or "called for" is not."""
    if obj is None or any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
        return None
    if not index.entities_under(obj):
        return None
    return _Candidate(tok, lex.Trigger("CONSULT", "phone"), tok, False)


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # "the deal struck by X and Y": a reduced passive's object is its head
    return None


def _object_words(obj: Token) -> set[str]:
    """The object's head and what it measures or compounds: "tons of food aid" → aid."""
    words: set[str] = set()
    # "1,000 deminers and 5,000 military workers": every conjunct object counts.
    for head in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
        words.add(lex.lemma_of(head))
        if head.ent_type_ == "MONEY" or any(c.tag_ == "$" for c in head.subtree):
            words.add("money")  # "provide £1 million": a sum of money is aid
        for child in head.children:
            if child.dep_ in ("compound", "amod"):
                words.add(lex.lemma_of(child))
                words.update(lex.lemma_of(c) for c in child.children if c.dep_ == "amod")
            elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        words.add(lex.lemma_of(pobj))
                        words.update(lex.lemma_of(c) for c in pobj.children if c.dep_ == "compound")
    return words


def _noun_candidate(tok: Token) -> _Candidate | None:
    lemma = lex.lemma_of(tok)
    if lemma not in lex.NOUNS or tok.dep_ == "amod":
        return None
    trigger = tok
    if tok.dep_ == "compound":
        # "a mediation effort between A and B": the generic head carries the arguments.
        if lex.lemma_of(tok.head) not in lex.GENERIC_EVENT_HEADS:
            return None
        tok = tok.head
    spec = lex.NOUNS[lemma]
    mods = {lex.lemma_of(c) for c in trigger.children if c.dep_ in ("compound", "amod", "nmod")}
    head = tok.head
    light = tok.dep_ in ("dobj", "nsubjpass", "attr") and lex.lemma_of(head) in lex.LIGHT_VERBS
    if lemma == "strike":
        spec = _strike(trigger, mods)
    elif lemma == "protest" and lex.lemma_of(head) in lex.COMPLAINT_VERBS:
        spec = lex.Trigger("ACCUSE", "disapprove")
    elif lemma == "call" and mods & {"phone", "telephone"}:
        pass
    elif lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        spec = lex.Trigger("REQUEST")
    elif lemma in lex.PLEDGE_NOUNS and _pledges_aid(tok):
        spec = lex.Trigger("AID")  # "a pledge of £1m": PLOVER codes pledged aid as AID
    elif lemma in lex.LIGHT_ONLY_NOUNS and not light:
        if not (
            lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        ):
            return None
    cand = _noun_frame(tok, spec, head, light)
    return replace(cand, trigger=trigger, carrier=tok) if cand is not None else None


def _pledges_aid(noun: Token) -> bool:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and _object_words(pobj) & lex.OBJECT_CLASSES["aid"]:
                    return True
    return False


def _dated(noun: Token) -> bool:
    """ "Saturday's protest": a possessive date makes the noun one real event."""
    return any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in noun.children)


def _noun_frame(tok: Token, spec: lex.Trigger, head: Token, light: bool) -> _Candidate | None:
    """Whether the noun is used as an event here, and which verb carries it."""
    if light:
        return _Candidate(tok, spec, head, True)
    if tok.dep_ == "pobj" and head.lower_ == "on" and lex.lemma_of(head.head) in lex.STATE_VERBS:
        return _Candidate(tok, spec, head.head, True)
    if tok.dep_ == "pobj" and head.lower_ == "in" and lex.lemma_of(head.head) in _TAKE_PART:
        return _Candidate(tok, spec, head.head, True)  # "took part in talks"
    if tok.dep_ == "pobj" and head.lower_ in lex.TIME_PREPOSITIONS:
        return _Candidate(tok, spec, tok, True)
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "ahead":
        return _Candidate(tok, spec, tok, True)
    if tok.dep_ in ("nsubj", "nsubjpass", "ROOT") or _has_arguments(tok):
        return _Candidate(tok, spec, tok, True)
    if tok.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and lex.lemma_of(head) not in lex.VERBS:
        return _Candidate(tok, spec, head, True) if _has_arguments(tok, strict=False) else None
    return None


def _strike(tok: Token, mods: set[str]) -> lex.Trigger:
    if "hunger" in mods:
        return lex.Trigger("PROTEST", "strike-hun")
    if mods & lex.STRIKE_ASSAULT_WORDS or any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "against")
        and not any(p.ent_type_ in _NOT_ACTORS for p in c.children)
        for c in tok.children
    ):
        return lex.Trigger("ASSAULT", "aerial")
    return lex.Trigger("PROTEST", "strike")


_NOT_ACTORS = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
_TAKE_PART = frozenset(["take", "engage", "participate"])


def _has_arguments(tok: Token, strict: bool = True) -> bool:
    preps = {"between", "with", "on", "against", "by", "to", "into"}
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            return True
        if child.dep_ == "poss" and (not strict or child.tag_ == "NNS"):
            return True  # "the leaders' phone call"
        if child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME"):
            return True
        if child.dep_ == "poss" and child.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
            return True
    return False


def _demands_in_reports(sent: Span, taken: set[int]) -> list[_Candidate]:
    """ "X said Y must ..." is X's demand on Y (PLOVER codes the statement)."""
    out = []
    for tok in sent:
        if lex.lemma_of(tok) not in lex.REPORTING_VERBS or tok.i in taken:
            continue
        if tok.dep_ not in ("ROOT", "conj", "ccomp"):
            continue  # "..., saying he must resign" adds to another event
        for comp in tok.children:
            if comp.dep_ == "ccomp" and any(
                a.dep_ == "aux" and a.lower_ in ("must", "should") for a in comp.children
            ):
                out.append(_Candidate(tok, lex.Trigger("REQUEST"), tok, False))
    return out


def _destination(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "into"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ in lex.LOCATION_LABELS:
                    return pobj
        if child.dep_ == "advmod" and child.lower_ == "on":  # "travelled on to Riyadh"
            found = _destination(child)
            if found is not None:
                return found
    return None


def _fold_motion(cands: list[_Candidate], sent: Span) -> list[_Candidate]:
    """Drop "travelled" when its purpose clause is a meeting; the meeting keeps the place.

    Likewise "met X to discuss Y" is one meeting: the purpose clause is dropped.
    """
    consult = {c.anchor.i for c in cands if c.spec.type == "CONSULT"}
    cands = [
        c
        for c in cands
        if not (
            c.spec.type == "CONSULT"
            and c.anchor.dep_ in ("advcl", "xcomp")
            and c.anchor.head.i in consult
            and c.anchor.head.i != c.anchor.i
            and lex.lemma_of(c.anchor.head) not in lex.MOTION_VERBS
        )
    ]
    motion = {c.anchor.i: c for c in cands if lex.lemma_of(c.anchor) in lex.MOTION_VERBS}
    out = []
    folded: set[int] = set()
    for cand in cands:
        head = cand.anchor.head
        if (
            cand.spec.type == "CONSULT"
            and cand.anchor.dep_ in ("advcl", "xcomp", "conj")
            and head.i in motion
        ):
            folded.add(head.i)
            out.append(replace(cand, via_motion=head))
        else:
            out.append(cand)
    return [c for c in out if c.anchor.i not in folded or c.via_motion is not None]


# -- 2.-4. arguments, status, date -----------------------------------------------


def _build(
    cand: _Candidate, sent: Span, index: EntityIndex, dates: DateResolver, article_id: str
) -> EventMention | None:
    sources, targets = event_arguments(
        cand.holder, cand.anchor, cand.noun, cand.via_motion, cand.used, cand.spec.type, index
    )
    spec = cand.spec
    lemma = lex.lemma_of(cand.trigger)
    if lemma in ("speak", "talk") and not cand.noun and spec.mode != "phone":
        if not any(t.key for t in targets):
            return None  # "spoke to reporters" is not a meeting
    if spec.type == "MOBILIZE" and any(
        t.lower_.startswith("peacekeep") for t in [*cand.holder.subtree, *cand.anchor.children]
    ):
        spec = lex.Trigger("AID", "peacekeeping")  # sending peacekeepers is aid
    if lemma in ("allow", "permit") and not any(a.key for a in sources):
        return None  # "the law allows ...": a concession needs an actor who makes it
    if lemma == "protest" and not cand.noun and _official_subject(cand.anchor, index):
        spec = lex.Trigger("ACCUSE", "disapprove")  # a government protests in words
    if (
        spec.type in ("CONSULT", "AGREE", "COOPERATE")
        and spec.mode != "mediate"
        and len(sources) > 1
        and not any(t.key for t in targets)
    ):
        sources, targets = sources[:1], sources[1:] + targets  # "A and B met": reciprocal
    if spec.type == "MOBILIZE" and not sources and _passive(cand.anchor) and not cand.noun:
        moved = _object(cand.anchor)
        if moved is not None:  # "North Korean soldiers were sent": the force moved acts
            sources = actors_of(moved, index)
    if not any(a.key or a.human for a in [*sources, *targets]) and not (
        cand.noun and spec.type == "PROTEST" and _dated(cand.trigger)
    ):
        return None  # "Shares hit a record": no one acted; "Saturday's protest" needs no name
    source = sources[0] if sources else None
    target = targets[0] if targets else None
    place = location_of(cand.holder, cand.anchor, cand.via_motion, index)
    if source is None and spec.type == "COERCE" and _passive(cand.anchor):
        # "was arrested in Lebanon": PLOVER credits the state where it happened.
        source = index.country_of_place(place)
        sources = [source] if source else []
    if spec.mode == "visit" and target is None and place is not None and not cand.noun:
        target = index.actor_for_location(cand.trigger, cand.via_motion)
    status = _status(cand)
    if spec.type == "AID" and status == "planned" and _reported_would(cand.anchor):
        status = "occurred"  # "said it would provide £1m": the pledge itself is the AID event
    stamp = dates.date_for(cand.holder, cand.anchor, sent)
    decided = _decided(cand.anchor)
    if decided and stamp.after_publication:
        stamp = dates.past_weekday(stamp)  # "the decision on Tuesday to sanction": done
    if status == "planned":
        stamp = dates.future_month(stamp)  # "a visit now planned for April"
    if status == "occurred" and stamp.after_publication:
        status = "planned"
    keys: list[str] = []
    for actor in [*sources, *targets]:
        for key in (actor.key, actor.affiliation):
            if key and key not in keys:
                keys.append(key)
    trig = cand.trigger
    event = Event(
        id="",
        article_id=article_id,
        type=spec.type,
        mode=spec.mode,
        source_id=source.key if source else None,
        target_id=target.key if target else None,
        actors=tuple(keys),
        date=stamp.date,
        date_end=None,
        granularity=stamp.granularity,
        date_text=stamp.text,
        location=place,
        status=status,
        trigger=trig.text,
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        source_name=source.name if source else None,
        target_name=target.name if target else None,
    )
    depth = _depth(cand.anchor) + (1 if cand.noun and cand.anchor == cand.holder else 0)
    return EventMention(event, trig.idx, trig.idx + len(trig.text), depth)


def _reported_would(verb: Token) -> bool:
    return (
        verb.dep_ == "ccomp"
        and lex.lemma_of(verb.head) in lex.REPORTING_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)
    )


def _decided(verb: Token) -> bool:
    """ "China's decision to sanction X": the infinitive under a decision noun was done."""
    return (
        verb.dep_ == "acl"
        and verb.head.pos_ == "NOUN"
        and lex.lemma_of(verb.head) in lex.DECISION_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _official_subject(verb: Token, index: EntityIndex) -> bool:
    for child in verb.children:
        if child.dep_ == "nsubj":
            ent = index.entity_at(child)
            return ent is not None and ent.type in ("ORG", "GPE", "PERSON")
    return False


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head != tok and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _status(cand: _Candidate) -> EventStatus:
    """Occurred unless negation, a modal, "if" or a controlling verb says otherwise."""
    anchor = cand.anchor
    probe: Token | None = anchor
    hops = 0
    while probe is not None and hops < 4:
        hops += 1
        local = _local_status(probe, cand.holder if probe == anchor else None)
        if local is not None:
            return local
        if probe.dep_ in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in probe.children
        ):
            head_lemma = lex.lemma_of(probe.head)
            if probe.dep_ == "xcomp" and head_lemma in lex.NEGATING_CONTROLLERS:
                return "negated"
            if probe.dep_ == "xcomp" and head_lemma in lex.HYPOTHETICAL_CONTROLLERS:
                return "hypothetical"
            if probe.dep_ == "xcomp" and head_lemma in lex.PLANNED_CONTROLLERS:
                return "planned"
            probe = probe.head
        elif probe.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in probe.children
        ):
            probe = probe.head  # "will meet X and sign a deal" shares the first verb's mood
        else:
            probe = None  # "should be friends and that their teams had agreed": its own clause
    if cand.via_motion is not None:
        return _local_status(cand.via_motion, None) or "occurred"
    return "occurred"


def _local_status(verb: Token, noun: Token | None) -> EventStatus | None:
    children = list(verb.children)
    if noun is not None:
        for child in noun.children:  # "a visit by Trump, now planned for April"
            if child.lower_ == "no" and child.dep_ == "det":
                return "negated"
            if lex.lemma_of(child) in ("plan", "planned", "upcoming", "scheduled", "proposed"):
                return "planned"
            if lex.lemma_of(child) in ("possible", "potential"):
                return "hypothetical"
        if noun.dep_ == "pobj" and noun.head.head.lower_ == "ahead":
            return "planned"
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children):
        return "hypothetical"
    if any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in children
    ):
        return "hypothetical"
    for aux in (c for c in children if c.dep_ == "aux"):
        word = aux.lower_
        if word in lex.PLANNED_AUX:
            return "planned"
        if word == "would" and (_reported(verb) or _content_clause(verb)):
            return "planned"  # "said they would meet", "a promise that X would send"
        if word in lex.HYPOTHETICAL_AUX:
            return "hypothetical"
    return None


def _content_clause(verb: Token) -> bool:
    """ "a promise that X would send": the clause states what the noun promises."""
    return (
        verb.dep_ == "acl"
        and lex.lemma_of(verb.head) in lex.PLEDGE_NOUNS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
    )


def _reported(verb: Token) -> bool:
    """A reported clause, or one conjoined to it ("said X and that he would travel")."""
    return verb.dep_ == "ccomp" or (verb.dep_ == "conj" and verb.head.dep_ == "ccomp")
