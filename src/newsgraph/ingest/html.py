"""Read one saved or fetched HTML page into a raw article, through trafilatura.

The same function, ``extract_document``, serves ingest and the benchmark
scorer (``eval/html.py``), so the published F1 is the F1 of what we store.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import trafilatura
from trafilatura.settings import Document

from ..errors import FormatError, InputError
from ..model import RawArticle
from ..normalize.text import clean_text, outlet_from_url

# Options chosen on the Scrapinghub benchmark (all 181 pages; it has no dev
# split): favor_precision lifts F1 from 0.960 to 0.964 (0.966 with the
# headline not repeated, see body_text); boilerplate in a stored article costs
# more downstream (false quotes, stray entities) than a lost closing line.
# Comments are not article text; tables in news bodies are.
# Fewer words than this is a page's leftover chrome ("Home"), not an article.
MIN_ARTICLE_WORDS = 5
_WORD = re.compile(r"\w+")

EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
}


def extract_document(html: str | bytes, url: str | None = None) -> Document | None:
    """Trafilatura's view of a page: body text plus metadata, or None if no article."""
    if not html.strip():
        return None
    # No second try in trafilatura's default mode when precision mode finds
    # nothing: on pages without an article (menus, shops, link lists) the
    # default mode returns their navigation as "text".
    return _bare(html, url, EXTRACT_OPTIONS)


def _bare(html: str | bytes, url: str | None, options: dict[str, Any]) -> Document | None:
    # Bytes go to trafilatura as they are: it honours the page's declared charset.
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, **options)
    return found if isinstance(found, Document) else None


def extract_text(html: str | bytes) -> str | None:
    """Only the article body of a page (what the benchmark scores)."""
    document = extract_document(html)
    return body_text(document) if document is not None else None


def body_text(document: Document) -> str:
    """The body as we store it: one blank line between blocks, headline not repeated.

    Trafilatura puts one block (paragraph, heading, list item) per line and
    often starts with the ``<h1>`` headline, which we already hold as the
    title; repeated in the body it would run into the first sentence.
    """
    lines = [line.strip() for line in clean_text(document.text or "").split("\n")]
    lines = [line for line in lines if line]
    if lines and document.title and lines[0] == document.title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def parse_html(html: str | bytes, origin: str, url: str | None = None) -> RawArticle:
    """One page as a RawArticle; a page without article text is a FormatError.

    ``url`` is where the page came from, if known; the page's own canonical
    URL wins because it names the article rather than a tracking variant.
    """
    document = extract_document(html, url=url)
    text = body_text(document) if document is not None else ""
    if document is None or len(_WORD.findall(text)) < MIN_ARTICLE_WORDS:
        raise FormatError(origin, "no article text found in the HTML page")
    page_url = document.url or url
    metadata: dict[str, Any] = {}
    if document.sitename:
        metadata["sitename"] = document.sitename
    if document.description:
        metadata["description"] = document.description
    if url and page_url != url:
        metadata["fetched_url"] = url
    return RawArticle(
        text=text,
        origin=origin,
        title=document.title or None,
        url=page_url,
        source=outlet_from_url(page_url) or document.sitename or None,
        published=document.date or None,
        authors=split_authors(document.author),
        metadata=metadata,
    )


def read_html(
    html: str | bytes, origin: str, url: str | None = None
) -> Iterator[RawArticle | InputError]:
    """The reader interface: yields the article, or the error saying why there is none."""
    try:
        yield parse_html(html, origin, url=url)
    except InputError as error:
        yield error


def split_authors(value: str | None) -> tuple[str, ...]:
    """Trafilatura joins several authors with "; "; we keep them apart."""
    if not value:
        return ()
    return tuple(name.strip() for name in value.split(";") if name.strip())
