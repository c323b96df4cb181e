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
from dataclasses import replace

from ..model import Article, ArticleEntity, Entity, Extraction
from ..store.sql import SQLStore
from .resolve import best_match, blocking_keys, merge


def entity_id(name: str, type: str, n: int = 0) -> str:
    """A stable id from the first name and type an entity was stored under."""
    digest = hashlib.sha1(f"{type}|{name}".encode()).hexdigest()[:12]
    return f"ent-{digest}" + (f"-{n}" if n else "")


class EntityLinker:
    """The store-backed twin of ``link.resolve.EntityIndex``."""

    def __init__(self, store: SQLStore) -> None:
        self.store = store

    def link(self, extraction: Extraction, article: Article) -> dict[str, str]:
        """Map each article-local entity key to a store-wide entity id, storing new ones."""
        return {ae.key: self._link_one(ae) for ae in extraction.entities}

    def _link_one(self, ae: ArticleEntity) -> str:
        wanted = sorted(set().union(*(blocking_keys(n, ae.type) for n in (ae.name, *ae.aliases))))
        match = best_match(ae, self.store.entity_candidates(wanted))
        if match is None:
            n = 0
            while self.store.get_entity(entity_id(ae.name, ae.type, n), with_mentions=False):
                n += 1  # the same name already names someone judged different
            match = Entity(entity_id(ae.name, ae.type, n), ae.name, ae.type, country=ae.country)
        # roles and mentions are stored with the article's extraction, not on the entity row
        merged = replace(merge(match, ae), roles=(), mentions=())
        keys = sorted({k for name in (merged.name, *merged.aliases)
                       for k in blocking_keys(name, merged.type)})
        self.store.upsert_entity(merged, keys)
        return merged.id
