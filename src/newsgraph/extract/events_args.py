"""Event arguments: from a token of the parse to the article's entities.

An event's actor is an ``ArticleEntity`` key when one can be found: the entity
on the argument's head word, else one inside its noun phrase ("Sudan's
government" → Sudan, "Senior Hungarian officials" → Hungarian), a pronoun's
last fitting antecedent, or "the two presidents" → the last two people named.
Without any entity the actor keeps the phrase as its name and no key, so the
user still sees "rebels" or "police".

A person's country or organisation found in the same phrase ("British Defence
Secretary Tom King") is kept as the actor's ``affiliation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import ArticleEntity
from .event_lexicon import (
    LIGHT_VERBS,
    LOCATION_LABELS,
    LOCATION_PREPOSITIONS,
    TARGET_PREPOSITIONS,
    lemma_of,
)
from .places import lookup

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
_PRIORITY = {label: n for n, label in enumerate(ACTOR_LABELS)}
# Dependencies followed inside a noun phrase when looking for its entity.
_PHRASE_DEPS = frozenset("compound amod poss nmod appos pobj npadvmod nummod quantmod det".split())
_PHRASE_PREPS = frozenset("of from in throughout across for at".split())
_PERSON_PRONOUNS = frozenset("he she him her his".split())
_GROUP_PRONOUNS = frozenset("they them it its their".split())
_LEADER_NOUNS = frozenset("leader president premier".split())
_COUNTRY_NOUNS = frozenset("country nation state neighbour neighbor".split())
_GROUP_NOUNS = frozenset("country nation side government state capital neighbour neighbor".split())


@dataclass(frozen=True)
class Actor:
    """One side of an event: an entity key (or None) and its display name."""

    key: str | None
    name: str
    affiliation: str | None = None  # key of the person's country or organisation
    human: bool = False  # a phrase naming people ("rebels"), though no entity


class EntityIndex:
    """Which entity each token belongs to, for one article."""

    def __init__(self, doc: Doc, entities: Sequence[ArticleEntity]) -> None:
        self.doc = doc
        self.by_key = {e.key: e for e in entities}
        self.token_entity: dict[int, ArticleEntity] = {}
        self.mentions: list[tuple[int, ArticleEntity]] = []  # (first token, entity)
        for ent in entities:
            for start, end in ent.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                self.mentions.append((span.start, ent))
                for tok in span:
                    self.token_entity.setdefault(tok.i, ent)
        self.mentions.sort(key=lambda m: m[0])
        # "BERLIN (Agency) — ...": the dateline place is where it was filed, not who acted.
        self.dateline = frozenset(_dateline_tokens(doc))
        for i in self.dateline:
            self.token_entity.pop(i, None)

    def antecedent_by_role(self, tok: Token, role: str, count: int = 1) -> list[ArticleEntity]:
        """The last ``count`` people named before ``tok`` whose role ends in ``role``."""
        out: list[ArticleEntity] = []
        for first, ent in reversed(self.mentions):
            if first >= tok.i or ent in out or ent.type != "PERSON":
                continue
            if any(r.lower().endswith(role) for r in ent.roles):
                out.append(ent)
                if len(out) == count:
                    break
        return out

    def entity_at(self, tok: Token) -> ArticleEntity | None:
        return self.token_entity.get(tok.i)

    def entities_under(self, tok: Token) -> list[tuple[int, Token, ArticleEntity]]:
        """Entities in ``tok``'s noun phrase as (depth, token, entity), nearest first."""
        found: list[tuple[int, Token, ArticleEntity]] = []
        frontier = [(0, tok)]
        seen = set()
        while frontier:
            depth, cur = frontier.pop(0)
            ent = self.entity_at(cur)
            if ent is not None and ent.type in _PRIORITY and ent.key not in seen:
                seen.add(ent.key)
                found.append((depth, cur, ent))
            if depth >= 4:
                continue
            for child in cur.children:
                if child.dep_ in _PHRASE_DEPS or child.dep_ == "conj" and cur != tok:
                    frontier.append((depth + 1, child))
                elif child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS:
                    frontier.append((depth + 1, child))
        return found

    def is_place(self, tok: Token) -> bool:
        ent = self.entity_at(tok)
        if ent is not None:
            return ent.type in LOCATION_LABELS
        return tok.ent_type_ in LOCATION_LABELS

    def antecedent(self, tok: Token, types: tuple[str, ...], count: int = 1) -> list[ArticleEntity]:
        """The last ``count`` distinct entities of ``types`` named before ``tok``."""
        out: list[ArticleEntity] = []
        for first, ent in reversed(self.mentions):
            if first >= tok.i or ent.type not in types or ent in out:
                continue
            if self.entity_at(tok.doc[first]) is not ent:
                continue
            out.append(ent)
            if len(out) == count:
                break
        return out

    def countries_before(self, tok: Token, count: int) -> list[ArticleEntity]:
        """The last ``count`` countries named before ``tok`` ("China", or "American" goods)."""
        out: list[ArticleEntity] = []
        codes: set[str] = set()
        for first, ent in reversed(self.mentions):
            if first >= tok.i or ent.type not in ("GPE", "NORP"):
                continue
            place = lookup(ent.name)
            if place is None or place.kind not in ("country", "demonym") or place.country in codes:
                continue
            codes.add(place.country)
            out.append(ent)
            if len(out) == count:
                break
        return out

    def country_of_place(self, place: str | None) -> Actor | None:
        """The country entity named ``place``, when the place is one (GPE)."""
        for ent in self.by_key.values():
            if place and ent.name == place and ent.type == "GPE":
                return Actor(ent.key, ent.name)
        return None

    def actor_for_location(self, trigger: Token, motion: Token | None) -> Actor | None:
        """The visited place as the target of a visit ("visited Beijing")."""
        for verb in (motion, trigger):
            if verb is None:
                continue
            for child in verb.children:
                pobjs = (
                    [child]
                    if child.dep_ == "dobj"
                    else [p for p in child.children if p.dep_ == "pobj"]
                    if child.dep_ == "prep" and child.lower_ in ("to", "into")
                    else []
                )
                for tok in pobjs:
                    ent = self.entity_at(tok)
                    if ent is not None and ent.type in LOCATION_LABELS:
                        return Actor(ent.key, ent.name)
        return None


def actors_of(tok: Token, index: EntityIndex) -> list[Actor]:
    """Actors named by the noun phrase headed by ``tok``, conjuncts included."""
    heads = [tok, *_conjuncts(tok)]
    out: list[Actor] = []
    for head in heads:
        for actor in _actors_of_head(head, index):
            if actor not in out:
                out.append(actor)
    return out


def _conjuncts(tok: Token) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ == "conj":
            out.append(child)
            out.extend(_conjuncts(child))
    return out


_NOT_ACTORS = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())


def _actors_of_head(tok: Token, index: EntityIndex) -> list[Actor]:
    lower = tok.lower_
    if tok.ent_type_ in _NOT_ACTORS and index.entity_at(tok) is None:
        return []
    if tok.pos_ == "PRON":
        if lower in _PERSON_PRONOUNS:
            return [Actor(e.key, e.name) for e in index.antecedent(tok, ("PERSON",))]
        if lower in _GROUP_PRONOUNS:
            groups = index.antecedent(tok, ("ORG", "GPE", "NORP"))
            return [Actor(e.key, e.name) for e in groups]
        return []
    plural = _plural_reference(tok, index) or _role_reference(tok, index)
    if plural:
        return plural
    found = index.entities_under(tok)
    if not found:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        if tok.i in index.dateline:
            return []  # parsed as the subject, but it only says where the report was filed
        owners = _their_reference(tok, index)
        if owners:
            return owners
        return [Actor(None, _phrase(tok), human=_names_people(tok))]
    found.sort(key=lambda f: (f[0] > 0 and _PRIORITY[f[2].type], f[0]))
    depth, where, best = found[0]
    actors = [Actor(best.key, best.name, _affiliation(best, found))]
    # "Hungarian and Romanian officials": conjoined modifiers are actors too.
    for conj in _conjuncts(where):
        ent = index.entity_at(conj)
        if ent is not None:
            actors.append(Actor(ent.key, ent.name))
    return actors


_PEOPLE = frozenset(
    "police policeman troop soldier force army military navy militia rebel militant insurgent "
    "guerrilla gunman fighter jihadist extremist terrorist protester protestor demonstrator "
    "student worker official government authority administration ministry minister leader "
    "president premier chancellor king queen prince emir monarch diplomat envoy ambassador "
    "delegation negotiator spokesman spokeswoman spokesperson parliament lawmaker legislator "
    "senator deputy court judge prosecutor party opposition union group coalition alliance "
    "activist resident villager refugee prisoner settler youth farmer people civilian crowd "
    "mob thousand hundred dozen member supporter regime junta cabinet council committee "
    "commission agency organization organisation movement faction side country nation state "
    "neighbour neighbor ally official officer commander general colonel captain chief "
    "mediator observer inspector peacekeeper bishop archbishop cleric imam pope".split()
)


def _names_people(tok: Token) -> bool:
    """Whether a phrase without an entity still names people or an institution."""
    if tok.lemma_.lower() in _PEOPLE:
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(p.lemma_.lower() in _PEOPLE for p in c.children)
        for c in tok.children
    )


def _affiliation(best: ArticleEntity, found: list[tuple[int, Token, ArticleEntity]]) -> str | None:
    if best.type != "PERSON":
        return None
    for _, tok, ent in found:
        if ent.type in ("GPE", "NORP", "ORG") and ent is not best and not _located(tok):
            return ent.key
    return None


def _located(tok: Token) -> bool:
    """ "Donald Trump in Busan": a place the person is in, not the state they serve."""
    return any(up.dep_ == "prep" and up.lower_ in ("in", "at", "near") for up in tok.ancestors)


def _plural_reference(tok: Token, index: EntityIndex) -> list[Actor]:
    """ "the two presidents", "both leaders", "the two countries": the last two named.

    People whose role matches the noun ("presidents") are preferred to any person.
    """
    if tok.tag_ not in ("NNS", "NNPS") or index.entities_under(tok):
        return []
    definite_leaders = tok.lemma_.lower() in _LEADER_NOUNS and any(
        c.lower_ == "the" for c in tok.children
    )  # "the leaders' phone call"
    if not definite_leaders and not any(c.lower_ in ("two", "both") for c in tok.children):
        return []
    lemma = tok.lemma_.lower()
    if lemma in _COUNTRY_NOUNS:
        # "the two countries" are states: cities, firms and aircraft named since do not count
        found = index.countries_before(tok, count=2)
        if len(found) < 2:
            found = index.antecedent(tok, ("GPE", "ORG"), count=2)
    elif lemma in _GROUP_NOUNS:
        found = index.antecedent(tok, ("GPE", "ORG"), count=2)
    else:
        found = index.antecedent_by_role(tok, lemma, count=2)
        if len(found) < 2:
            found = index.antecedent(tok, ("PERSON",), count=2)
    if len(found) < 2:
        return []
    return [Actor(e.key, e.name) for e in reversed(found)]


def _their_reference(tok: Token, index: EntityIndex) -> list[Actor]:
    """ "the two countries ... their economic teams": the teams act for both countries."""
    if not any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
        return []
    for prev in reversed(tok.doc[tok.sent.start : tok.i]):
        if prev.tag_ in ("NNS", "NNPS") and any(c.lower_ in ("two", "both") for c in prev.children):
            return _plural_reference(prev, index)
    return []


def _role_reference(tok: Token, index: EntityIndex) -> list[Actor]:
    """ "the prime minister": the last person named with that role before."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or index.entities_under(tok):
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return []
    words = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    role = " ".join([*words, tok.lower_])
    found = index.antecedent_by_role(tok, role)
    return [Actor(e.key, e.name) for e in found]


def _dateline_tokens(doc: Doc) -> list[int]:
    """Upper-case words opening the article before "(" or a dash: its dateline."""
    out: list[int] = []
    comma = False  # "BUSAN, South Korea (Agency) —": the country after the comma is title case
    for tok in doc[:8]:
        if tok.text in ("(", "—", "–", "-", "--", ":"):
            return out
        if not (tok.is_upper or tok.is_punct or (comma and tok.is_title)):
            return []
        comma = comma or tok.text == ","
        out.append(tok.i)
    return []


def _phrase(tok: Token) -> str:
    """A noun phrase without determiners or clauses, for actors that are not entities."""
    words = [
        t
        for t in tok.subtree
        if t.i <= tok.i and t.dep_ not in ("det", "predet", "punct") or t.i == tok.i
    ]
    start = min(t.i for t in words)
    return tok.doc[start : tok.i + 1].text


def location_of(
    trigger: Token, anchor: Token, motion: Token | None, index: EntityIndex
) -> str | None:
    """The place an event happened: "in/at X" on the trigger or its verb, or a visit's goal."""
    for tok in (trigger, anchor, motion):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LOCATION_PREPOSITIONS:
                name = _place_in(child, index)
                if name:
                    return name
    # "met X in Nairobi": the parser often hangs the place on the object.
    for child in anchor.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCATION_PREPOSITIONS:
                    name = _place_in(prep, index)
                    if name:
                        return name
    for tok in (motion, trigger):
        if tok is None:
            continue
        for child in tok.children:
            if (
                child.dep_ == "dobj"
                and tok.lemma_.lower() == "visit"
                or (child.dep_ == "prep" and child.lower_ in ("to", "into"))
            ):
                name = (
                    _place_in(child, index) if child.dep_ == "prep" else _place_name(child, index)
                )
                if name:
                    return name
            if child.dep_ == "advmod" and child.lower_ == "on":
                for sub in child.children:
                    if sub.dep_ == "prep" and sub.lower_ == "to":
                        name = _place_in(sub, index)
                        if name:
                            return name
    return None


def _place_in(prep: Token, index: EntityIndex) -> str | None:
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            name = _place_name(pobj, index)
            if name:
                return name
    return None


def _place_name(tok: Token, index: EntityIndex) -> str | None:
    for _, _, ent in index.entities_under(tok):
        if ent.type in LOCATION_LABELS:
            return ent.name
    if tok.ent_type_ in LOCATION_LABELS:
        ents = [e for e in tok.doc.ents if e.start <= tok.i < e.end]
        return ents[0].text if ents else tok.text
    return None


# -- who did it, to whom ----------------------------------------------------------

_STOP_DEEP = frozenset("relcl advcl ccomp csubj parataxis punct cc mark agent".split())
_OBJECT_CONTROL = frozenset("urge ask press invite order force persuade pressure tell".split())


def event_arguments(
    holder: Token,
    anchor: Token,
    noun: bool,
    motion: Token | None,
    used: frozenset[int],
    event_type: str,
    index: EntityIndex,
) -> tuple[list[Actor], list[Actor]]:
    """Source and target actors of one event, each a list (conjuncts kept).

    ``holder`` is the trigger word (or the noun carrying a noun event),
    ``anchor`` the verb with the clause's arguments, ``used`` the words of the
    trigger phrase ("opened *fire*"), which are never actors.
    """
    if noun:
        sources, targets = _noun_arguments(holder, index, event_type)
        if anchor != holder and (not sources or _mediation(holder, event_type)):
            # "X launched a mediation effort between A and B": X mediates, A and B are met.
            subject = subject_actors(anchor, index) or _passive_subject(anchor, index)
            if subject and sources and _mediation(holder, event_type):
                targets, sources = sources + targets, subject
            elif subject:
                sources = subject
        if not sources and holder.dep_ == "nsubj":
            others = [c for c in holder.head.children if c.dep_ == "nsubj" and c != holder]
            if others:
                sources = actors_of(others[0], index)
        if not sources and holder.dep_ == "pobj":
            sources = _clause_subject(holder, index)  # "After talks with X, Y ..."
        if not _keyed(targets) and anchor != holder:
            targets += _direct_targets(anchor, index, used | {holder.i})
        if not _keyed(targets):
            targets += _deep_targets(holder, index, used, own=False)
        return sources, _drop(targets, sources)
    comp = next((c for c in anchor.children if c.dep_ == "ccomp"), None)
    if event_type == "REQUEST" and comp is not None and not _direct_targets(anchor, index, used):
        return subject_actors(anchor, index), subject_actors(comp, index)
    sources = subject_actors(anchor, index)
    if not sources and motion is not None:
        sources = subject_actors(motion, index)
    targets = _direct_targets(anchor, index, used)
    if not _keyed(targets):
        targets += _deep_targets(anchor, index, used, own=True)
    if not _keyed(targets):
        # "threatened to cut off electricity to X", "opened fire to disperse X"
        for child in anchor.children:
            if (
                child.dep_ == "conj"
                or child.dep_ in ("xcomp", "advcl")
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
            ):
                targets += _direct_targets(child, index, used) + _deep_targets(
                    child, index, used, own=True
                )
    return sources, _drop(targets, sources)


def _mediation(holder: Token, event_type: str) -> bool:
    return event_type == "CONSULT" and any(
        c.dep_ == "prep" and c.lower_ == "between" for c in holder.children
    )


def _keyed(actors: list[Actor]) -> bool:
    return any(a.key for a in actors)


def _drop(targets: list[Actor], sources: list[Actor]) -> list[Actor]:
    """Entity targets first, never the source itself, no repeats."""
    taken = {a.key for a in sources if a.key}
    out: list[Actor] = []
    for actor in sorted(targets, key=lambda a: a.key is None):
        if (actor.key and actor.key in taken) or actor in out:
            continue
        out.append(actor)
    return out


def _direct_targets(verb: Token, index: EntityIndex, used: frozenset[int]) -> list[Actor]:
    out: list[Actor] = []
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.i in used:
            continue
        if child.dep_ in ("dobj", "dative", "iobj") or (passive and child.dep_ == "nsubjpass"):
            out.extend(actors_of(child, index))
    if passive and verb.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        # "Shoigu arrived in Pyongyang and was greeted on the tarmac by Kim": Shoigu was met
        out.extend(a for c in verb.head.children if c.dep_ == "nsubj" for a in actors_of(c, index))
    out.extend(_prep_actors(verb, index, used))
    return out


def _prep_actors(tok: Token, index: EntityIndex, used: frozenset[int]) -> list[Actor]:
    out: list[Actor] = []
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ not in TARGET_PREPOSITIONS:
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj" or pobj.i in used:
                continue
            if child.lower_ in LOCATION_PREPOSITIONS and index.is_place(pobj):
                continue
            out.extend(actors_of(pobj, index))
    return out


def _deep_targets(tok: Token, index: EntityIndex, used: frozenset[int], own: bool) -> list[Actor]:
    """The first entity inside the objects of ``tok`` ("sanctions on the Taliban")."""
    starts = []
    for child in tok.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass") or (
            child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS
        ):
            starts.append(child)
    if not own:
        starts = [c for c in tok.children if c.dep_ == "prep"]
    frontier = list(starts)
    seen = 0
    while frontier and seen < 40:
        cur = frontier.pop(0)
        seen += 1
        ent = index.entity_at(cur)
        if ent is not None and ent.type in _PRIORITY and cur.i not in used:
            if not (cur.head.lower_ in LOCATION_PREPOSITIONS and ent.type in LOCATION_LABELS):
                return [Actor(ent.key, ent.name)]
        frontier.extend(c for c in cur.children if c.dep_ not in _STOP_DEEP)
    return []


def _noun_arguments(
    noun: Token, index: EntityIndex, event_type: str
) -> tuple[list[Actor], list[Actor]]:
    sources: list[Actor] = []
    targets: list[Actor] = []
    # "demands from X" come from X; a "withdrawal from X" leaves X.
    from_source = ("by",) if event_type == "RETREAT" else ("by", "from")
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and index.entity_at(child)):
            sources.extend(actors_of(child, index))
        elif child.dep_ in ("prep", "agent") and child.lower_ in from_source:
            sources.extend(
                a for p in child.children if p.dep_ == "pobj" for a in actors_of(p, index)
            )
        elif child.dep_ == "relcl" and lemma_of(child) in LIGHT_VERBS:
            # "the ceasefire it announced": the subject of the relative clause acted.
            sources.extend(subject_actors(child, index))
        elif child.dep_ == "prep" and child.lower_ == "between":
            both = [a for p in child.children if p.dep_ == "pobj" for a in actors_of(p, index)]
            return both[:1], both[1:]
    targets.extend(_prep_actors(noun, index, frozenset()))
    return sources, targets


def _passive_subject(verb: Token, index: EntityIndex) -> list[Actor]:
    """ "Serb forces were engaged in ethnic cleansing": the forces did it."""
    if verb.lemma_.lower() not in ("engage", "involve"):
        return []
    return [a for c in verb.children if c.dep_ == "nsubjpass" for a in actors_of(c, index)]


def _clause_subject(tok: Token, index: EntityIndex) -> list[Actor]:
    """The subject of the nearest clause above ``tok`` that has one."""
    cur = tok
    for _ in range(8):
        if cur.head == cur:
            return []
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            found = subject_actors(cur, index)
            if found:
                return found
    return []


def subject_actors(verb: Token, index: EntityIndex) -> list[Actor]:
    """The doer of ``verb``: its subject or agent, else the controlling clause's."""
    climbed = False
    for _ in range(6):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if climbed:  # "X is set to meet": the raised subject of the controller
            subjects += [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subjects:
            # Nearest before the verb: "After talks ..., the envoy travelled" is often
            # parsed with two subjects.
            before = [c for c in subjects if c.i < verb.i] or subjects
            child = max(before, key=lambda c: c.i)
            if child.tag_ in ("WDT", "WP") or child.lower_ == "that":
                return actors_of(verb.head, index)  # relative clause: its noun
            return actors_of(child, index)
        for child in verb.children:
            if child.dep_ == "agent":
                return [a for p in child.children if p.dep_ == "pobj" for a in actors_of(p, index)]
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
            return actors_of(verb.head, index)  # "groups donating aid": the groups
        if verb.dep_ not in ("xcomp", "advcl", "conj", "acl", "acomp") or verb.head == verb:
            return []
        if verb.dep_ == "advcl" and (
            any(c.dep_ in ("mark", "nsubjpass") for c in verb.children)
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            return []  # "after it was evacuated": a clause of its own, not the main subject's
        head = verb.head
        if verb.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return actors_of(obj, index)
        verb = head
        climbed = True
    return []
