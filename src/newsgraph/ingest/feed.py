"""Read an RSS or Atom feed through feedparser: each entry becomes an article.

An entry's text is its full content when the feed carries it, else its
summary, with HTML reduced to paragraphs of plain text. With ``fetch`` the
linked page is fetched and extracted instead (feeds often carry only a
teaser); if that fails, the error is reported and the teaser is kept.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import feedparser
import httpx
import lxml.html
from feedparser.exceptions import ThingsNobodyCaresAboutButMe
from lxml import etree

from ..errors import FormatError, InputError
from ..model import RawArticle
from ..normalize.text import clean_text, outlet_from_url
from .html import parse_html
from .url import fetch as fetch_url

_BLOCK_TAGS = frozenset(
    "p div section article blockquote pre table tr ul ol li h1 h2 h3 h4 h5 h6 hr".split()
    + ["figure", "figcaption"]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_RSS_AUTHOR = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")


def read_feed(
    content: bytes | str,
    origin: str,
    fetch: bool = False,
    client: httpx.Client | None = None,
) -> Iterator[RawArticle | InputError]:
    """Yield one article per entry ("feed.xml#3" is the third entry)."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    # A stream, never a str or bytes: feedparser would treat those as a URL to
    # fetch or a file name to open if they looked like one.
    parsed = feedparser.parse(io.BytesIO(content), sanitize_html=False, resolve_relative_uris=False)
    broken = parsed.get("bozo") and not isinstance(
        parsed.get("bozo_exception"), ThingsNobodyCaresAboutButMe
    )
    if broken or (not parsed.entries and not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        recovered = f"; {len(parsed.entries)} entries recovered" if parsed.entries else ""
        yield FormatError(
            origin, f"not a parseable RSS/Atom feed ({_first_line(reason)}){recovered}"
        )
    feed_info = parsed.get("feed", {})
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{index}"
        article = entry_to_article(entry, feed_info, where)
        if fetch and entry.get("link"):
            yield from _fetched(entry["link"], article, where, client)
        elif article.text:
            yield article
        elif not broken:
            # In a broken feed the error above already covers empty fragments.
            yield FormatError(where, "entry has neither content nor summary (try fetch)")


def entry_to_article(entry: Any, feed_info: Any, origin: str) -> RawArticle:
    """An entry as a RawArticle; ``text`` may be empty when the entry has none."""
    link = entry.get("link") or None
    metadata: dict[str, Any] = {}
    if feed_info.get("title"):
        metadata["feed_title"] = feed_info["title"]
    if entry.get("id"):
        metadata["guid"] = entry["id"]
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    if tags:
        metadata["tags"] = tags
    feed_link = feed_info.get("link")
    return RawArticle(
        text=entry_text(entry),
        origin=origin,
        title=_plain(entry.get("title_detail") or entry.get("title")) or None,
        url=link,
        source=outlet_from_url(link) or outlet_from_url(feed_link),
        published=entry.get("published") or entry.get("updated") or None,
        authors=_authors(entry),
        metadata=metadata,
    )


def entry_text(entry: Any) -> str:
    """The longest content block, else the summary, as plain text."""
    contents = [_plain(block) for block in entry.get("content", [])]
    best = max(contents, key=len, default="")
    if not best:
        best = _plain(entry.get("summary_detail") or entry.get("summary"))
    return best


def html_to_text(markup: str) -> str:
    """HTML fragment → text with a blank line between block elements."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(markup)
    parts: list[str] = []
    _walk(root, parts)
    paragraphs = ["".join(p).strip() for p in "".join(parts).split("\x00")]
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return clean_text(text)


def _walk(element: Any, parts: list[str]) -> None:
    # "\x00" marks a paragraph boundary; whitespace inside paragraphs is
    # collapsed afterwards, as a browser would render it.
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS:
        if element.tail:
            parts.append(element.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\x00")
    if tag == "br":
        parts.append("\x00")
    if element.text and tag:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\x00")
    if element.tail:
        parts.append(element.tail)


def _plain(detail: Any) -> str:
    """Text of a feedparser value or detail dict, HTML stripped when it is HTML."""
    if not detail:
        return ""
    if isinstance(detail, str):
        return html_to_text(detail) if "<" in detail else clean_text(detail)
    value = detail.get("value") or ""
    kind = (detail.get("type") or "").lower()
    if "html" in kind or "<" in value:
        return html_to_text(value)
    return clean_text(value)


def _authors(entry: Any) -> tuple[str, ...]:
    # RSS writes "email (Name)", which feedparser 6 splits at the wrong place.
    match = _RSS_AUTHOR.match(entry.get("author") or "")
    if match:
        return (match.group(1).strip(),)
    names = [author.get("name", "").strip() for author in entry.get("authors", [])]
    names = [name for name in names if name]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    return tuple(names)


def _fetched(
    link: str, article: RawArticle, origin: str, client: httpx.Client | None
) -> Iterator[RawArticle | InputError]:
    """The linked page's article, with the feed's title and date where it has none."""
    try:
        page = fetch_url(link, client)
        found = parse_html(page.content, origin, url=page.url)
    except InputError as error:
        yield type(error)(origin, f"{link}: {error.reason}")
        if article.text:
            yield replace(article, metadata={**article.metadata, "fetch_error": error.reason})
        return
    yield replace(
        found,
        title=found.title or article.title,
        published=found.published or article.published,
        authors=found.authors or article.authors,
        metadata={**article.metadata, **found.metadata},
    )


def _first_line(reason: Any) -> str:
    return str(reason).strip().split("\n")[0]
