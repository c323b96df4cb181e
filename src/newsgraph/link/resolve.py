"""Who is who across articles: cheap blocking keys, a strict same-entity test.

Resolution is incremental. For each entity of a new article the store looks up
the entities sharing one of its ``blocking_keys`` (a handful, however big the
store is) and ``best_match`` picks the one it is, or none. Spelling and
transliteration variants meet through ``names.skeleton`` ("Dmitry"/"Dmitri",
"Gaddafi"/"Qaddafi", "Kim Jong-un"/"Kim Jong Un"); people who share a surname
stay apart because given names, middle initials and generational suffixes
must agree ("George H. W. Bush" is not "George W. Bush"; "Lee Jong-sup" is not
"Lee Sang-min"). When a bare surname fits several people, it links to none
of them rather than guess.

``EntityIndex`` is the same algorithm over a dict, for tests and for callers
without a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from ..extract.names import acronym, ascii_fold, given_compatible, person_name, skeleton
from ..extract.places import lookup
from ..model import ArticleEntity, Entity, Mention, Role

# Types the model confuses with each other are compared as one group.
_GROUPS = {"ORG": "O", "MEDIA": "O", "GPE": "G", "LOC": "G", "FAC": "G", "PERSON": "P"}


def _group(type_: str) -> str:
    return _GROUPS.get(type_, type_)


def blocking_keys(name: str, type: str) -> set[str]:
    """Keys under which an entity is filed; two entities can only match if they share one.

    People are filed by surname skeleton, so every variant of a surname meets;
    places by ISO code when they are countries; organisations by skeleton and
    acronym. Keys carry the type group, so "Jordan" the person never meets
    "Jordan" the country.
    """
    group = _group(type)
    keys = {f"{group}:{skeleton(name) or ascii_fold(name)}"}
    if group == "P":
        surname = person_name(name).surname_key
        if surname:
            keys.add(f"P:s:{surname}")
    elif group == "O":
        short = acronym(name) if len(name.split()) > 2 else name if name.isupper() else ""
        if short:
            keys.add(f"O:a:{short.lower()}")
    place = lookup(name)
    if place is not None and place.kind in {"country", "demonym"}:
        keys.add(f"{group}:c:{place.country}")
    return keys


def _forms(entity: Entity | ArticleEntity) -> list[str]:
    return [entity.name, *entity.aliases]


def same_entity(a: ArticleEntity, b: Entity | ArticleEntity) -> bool:
    """Whether ``a`` and ``b`` can be the same real person, organisation or place."""
    if _group(a.type) != _group(b.type):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if _group(a.type) == "P":
        return _same_person(a.name, b.name)
    if a.country and a.country == b.country and _national(a) and _national(b):
        # "U.S." and "America" arrive as "United States": a country is its ISO code.
        return True
    return any(_same_name(x, y) for x in _forms(a) for y in _forms(b))


def _national(entity: Entity | ArticleEntity) -> bool:
    """A country (GPE) or a people (NORP) named after its country, not a city in it."""
    place = lookup(entity.name)
    if place is None:
        return False
    return (entity.type, place.kind) in {("GPE", "country"), ("NORP", "demonym")}


def _same_person(x: str, y: str) -> bool:
    px, py = person_name(x), person_name(y)
    if not px.surname_key or px.surname_key != py.surname_key:
        return False
    if px.suffix and py.suffix and px.suffix != py.suffix:
        return False
    return given_compatible(px.given, py.given)


def _same_name(x: str, y: str) -> bool:
    """Organisations and places: same skeleton and close spelling, or acronym of the other."""
    if x.isupper() and len(y.split()) > 2 and acronym(y) == x:
        return True
    if y.isupper() and len(x.split()) > 2 and acronym(x) == y:
        return True
    if skeleton(x) != skeleton(y):
        return False
    return fuzz.ratio(ascii_fold(x), ascii_fold(y)) >= 80


def best_match(a: ArticleEntity, candidates: list[Entity]) -> Entity | None:
    """The candidate ``a`` is, or ``None``: a new entity.

    Several fitting candidates happen for short forms ("Bush" when two Bushes
    are stored). Then a candidate with exactly ``a``'s name or alias wins;
    failing that, one whose given names spell ``a``'s in full; failing that, no
    link, because a wrong merge is worse than a duplicate.
    """
    fitting = [c for c in candidates if same_entity(a, c)]
    if len(fitting) <= 1:
        return fitting[0] if fitting else None
    exact = [c for c in fitting if a.name in _forms(c)]
    if len(exact) == 1:
        return exact[0]
    if _group(a.type) == "P" and person_name(a.name).given:
        given = person_name(a.name).given_key
        spelled = [c for c in fitting if person_name(c.name).given_key == given]
        if len(spelled) == 1:
            return spelled[0]
    return None


def fuller_name(current: str, candidate: str) -> str:
    """The name to keep when two forms merge: more words wins, ties keep the current one."""
    return candidate if len(candidate.split()) > len(current.split()) else current


def merge(entity: Entity, a: ArticleEntity, article_id: str = "") -> Entity:
    """``entity`` after learning ``a``: fuller name, new aliases, roles and mentions."""
    name = fuller_name(entity.name, a.name)
    aliases = ({entity.name, *entity.aliases, a.name, *a.aliases}) - {name}
    roles = entity.roles + tuple(
        Role(title, article_id) for title in a.roles if Role(title, article_id) not in entity.roles
    )
    mentions = entity.mentions + tuple(Mention(article_id, s, e, "") for s, e in a.mentions)
    return replace(
        entity,
        name=name,
        aliases=tuple(sorted(aliases)),
        roles=roles,
        country=entity.country or a.country,
        mentions=mentions,
    )


@dataclass
class EntityIndex:
    """Incremental cross-article resolution in memory, as the store does it on disk."""

    entities: dict[str, Entity] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)

    def add(self, a: ArticleEntity, article_id: str = "") -> str:
        """Link one article entity, creating a new entity if it matches none; its id."""
        wanted = set().union(*(blocking_keys(n, a.type) for n in _forms(a)))
        ids = sorted({i for k in wanted for i in self.keys.get(k, ())})
        match = best_match(a, [self.entities[i] for i in ids])
        if match is None:
            entity = merge(
                Entity(f"E{len(self.entities)}", a.name, a.type, country=a.country), a, article_id
            )
        else:
            entity = merge(match, a, article_id)
        self.entities[entity.id] = entity
        for name in _forms(entity):
            for key in blocking_keys(name, entity.type):
                self.keys.setdefault(key, set()).add(entity.id)
        return entity.id

    def add_article(
        self, entities: tuple[ArticleEntity, ...] | list[ArticleEntity], article_id: str = ""
    ) -> dict[str, str]:
        """Link every entity of one article: article-local key → entity id."""
        return {a.key: self.add(a, article_id) for a in entities}

    def __len__(self) -> int:
        return len(self.entities)
