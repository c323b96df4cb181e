"""From what a reader found to what the store holds: ``RawArticle`` → ``Article``.

1. Text: cleaned (line endings, stray blank lines) unless the input asked for
   it verbatim (JSONL), so a user's own offsets stay valid.
2. Outlet: the given ``source``, else the URL's host.
3. Publication date: the given value, else the URL path (``/2025/10/`` gives
   month granularity), else none: extraction then leaves relative dates open.
4. Language, content hash and the stable id (the first 16 hex digits of the hash).
"""

from __future__ import annotations

from ..model import Article, RawArticle
from .dates import date_from_url, parse_published
from .dedupe import content_hash
from .language import detect_language
from .text import clean_text, outlet_from_url

ID_LENGTH = 16


def normalize_article(raw: RawArticle) -> Article:
    text = raw.text if raw.verbatim else clean_text(raw.text)
    title = " ".join(raw.title.split()) if raw.title else None
    published = parse_published(raw.published) or date_from_url(raw.url)
    digest = content_hash(text)
    return Article(
        id=digest[:ID_LENGTH],
        title=title,
        text=text,
        url=raw.url or None,
        source=raw.source or outlet_from_url(raw.url),
        published=published[0] if published else None,
        published_granularity=published[1] if published else None,
        language=detect_language(text),
        authors=tuple(raw.authors),
        related_links=tuple(raw.related_links),
        metadata={**raw.metadata, "origin": raw.origin},
        content_hash=digest,
    )
