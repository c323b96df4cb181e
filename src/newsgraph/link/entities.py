"""Entities across articles, incrementally: each new article links to the store.

For every entity an article mentions, ``link.resolve`` gives blocking keys
(surname, folded transliteration, ISO code, …); the store returns the
entities sharing a key, and ``link.resolve.same_entity`` decides. A match
gains the new spelling as an alias; no match becomes a new entity. Nothing
already stored is re-read beyond those candidates, so the cost of an article
does not grow with the store.
"""

from __future__ import annotations

import hashlib

from ..model import Article, ArticleEntity, Entity, Extraction
from ..store.sql import SQLStore
from .resolve import blocking_keys, same_entity


def entity_id(name: str, type: str, n: int = 0) -> str:
    """A stable id from the first name and type an entity was stored under."""
    digest = hashlib.sha1(f"{type}|{name}".encode()).hexdigest()[:12]
    return f"ent-{digest}" + (f"-{n}" if n else "")


class EntityLinker:
    def __init__(self, store: SQLStore) -> None:
        self.store = store

    def link(self, extraction: Extraction, article: Article) -> dict[str, str]:
        """Map each article-local entity key to a store-wide entity id, storing new ones."""
        ids: dict[str, str] = {}
        for ae in extraction.entities:
            ids[ae.key] = self._link_one(ae)
        return ids

    def _link_one(self, ae: ArticleEntity) -> str:
        keys = sorted(set().union(*(blocking_keys(n, ae.type) for n in (ae.name, *ae.aliases))))
        candidates = [c for c in self.store.entity_candidates(keys) if same_entity(ae, c)]
        if candidates:
            match = max(candidates, key=lambda c: (len(c.aliases), c.id))
            merged = Entity(
                id=match.id,
                name=_better_name(match.name, ae.name),
                type=match.type,
                aliases=tuple(sorted({*match.aliases, match.name, ae.name, *ae.aliases}
                                     - {_better_name(match.name, ae.name)})),
                country=match.country or ae.country,
            )
            self.store.upsert_entity(merged, keys)
            return match.id
        n = 0
        while self.store.get_entity(entity_id(ae.name, ae.type, n), with_mentions=False):
            n += 1  # the same name already names someone judged different
        new = Entity(entity_id(ae.name, ae.type, n), ae.name, ae.type,
                     tuple(sorted(set(ae.aliases) - {ae.name})), ae.country)
        self.store.upsert_entity(new, keys)
        return new.id


def _better_name(current: str, candidate: str) -> str:
    """Keep the fuller name: "Olaf Scholz" over "Scholz"; ties keep the current one."""
    return candidate if len(candidate.split()) > len(current.split()) else current
