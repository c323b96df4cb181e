"""Fetch one URL politely and say what came back (an HTML page or a feed).

Why each limit: a timeout so one dead server cannot stall a batch; a size cap
so a mislabelled video or archive is refused rather than loaded into memory;
a User-Agent naming the tool so site owners can see who is reading; redirects
followed (news sites move articles), but only a few, so loops end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import httpx

from ..errors import FetchError

USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5

Kind = Literal["html", "feed", "jsonl", "csv", "text"]

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """A successful response: the final URL after redirects, its type and body."""

    url: str
    content_type: str
    content: bytes
    encoding: str | None = None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def make_client(timeout: float = TIMEOUT_SECONDS) -> httpx.Client:
    """An httpx client with our User-Agent, timeouts and redirect limit."""
    return httpx.Client(
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, "
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        },
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


def fetch(
    url: str,
    client: httpx.Client | None = None,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``; any failure is a FetchError naming the URL and the reason."""
    if not is_url(url):
        raise FetchError(url, "not an http(s) URL")
    own = client is None
    client = client or make_client(timeout)
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise FetchError(url, f"HTTP {response.status_code} {phrase}".rstrip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    url, f"response is {int(declared)} bytes, over the {_mb(max_bytes)} cap"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, f"response is over the {_mb(max_bytes)} cap")
                chunks.append(chunk)
            return Fetched(
                url=str(response.url),
                content_type=response.headers.get("content-type", ""),
                content=b"".join(chunks),
                encoding=response.charset_encoding,
            )
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out (limit {client.timeout.read or timeout:g} s)") from None
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.InvalidURL as exc:
        raise FetchError(url, f"invalid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"could not connect ({type(exc).__name__}: {exc})") from None
    finally:
        if own:
            client.close()


def kind_of(fetched: Fetched) -> Kind:
    """What a response holds, from its Content-Type, then from its first bytes.

    Servers often send feeds as ``text/xml`` or even ``text/html``, so a
    declared XML or HTML type is checked against the body's root element.
    """
    declared = fetched.content_type.split(";")[0].strip().lower()
    head = fetched.content[:4096].lstrip()
    if "rss" in declared or "atom" in declared:
        return "feed"
    found = markup_kind(head)
    if found is not None:
        return found
    if "html" in declared:
        return "html"
    if declared.endswith("xml"):
        return "feed"
    if declared in ("application/x-ndjson", "application/jsonl", "application/json"):
        return "jsonl"
    if declared == "text/csv":
        return "csv"
    return "text"


def markup_kind(head: bytes) -> Literal["html", "feed"] | None:
    """Feed or HTML by whichever root element comes first; None if neither."""
    feed, page = _FEED_ROOT.search(head), _HTML_ROOT.search(head)
    if feed and (page is None or feed.start() < page.start()):
        return "feed"
    return "html" if page else None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
