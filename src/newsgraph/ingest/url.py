"""Fetch one URL politely and say what came back (an HTML page or a feed).

Why each limit: a timeout so one dead server cannot stall a batch; a size cap
so a mislabelled video or archive is refused rather than loaded into memory;
a User-Agent naming the tool so site owners can see who is reading; redirects
followed (news sites move articles), but only a few, so loops end.

The client ``make_client`` returns also keeps to each site's robots.txt (read
once per host, RFC 9309: a missing file allows everything, a server error
refuses everything until it answers) and waits ``delay`` seconds between two
requests to the same host, longer if robots.txt asks for a Crawl-delay. A
client the caller builds with plain httpx gets neither: that is the caller's
choice.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import FetchError

USER_AGENT = "newsgraph/0.1 (+https://github.com/newsgraph)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
DELAY_SECONDS = 1.0
ROBOTS_AGENT = "newsgraph"  # the product token robots.txt rules name
ROBOTS_MAX_BYTES = 512 * 1024

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


@dataclass
class Politeness:
    """What a polite client remembers per host: its robots.txt and its last request."""

    delay: float = DELAY_SECONDS
    robots: bool = True
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _rules: dict[str, RobotFileParser | str] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    def admit(self, url: str, client: httpx.Client) -> None:
        """Raise FetchError if robots.txt forbids ``url``; otherwise wait for the host's turn."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}".lower()
        pause = self.delay
        if self.robots:
            rules = self._rules.get(host)
            if rules is None:
                rules = self._rules[host] = _read_robots(host, client)
            if isinstance(rules, str):
                raise FetchError(url, rules)
            if not rules.can_fetch(ROBOTS_AGENT, url):
                raise FetchError(url, f"{host}/robots.txt does not allow newsgraph to fetch it")
            pause = max(pause, float(rules.crawl_delay(ROBOTS_AGENT) or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + pause - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()


class PoliteClient(httpx.Client):
    """An httpx client that ``fetch`` runs every request past its ``politeness`` first."""

    def __init__(self, politeness: Politeness, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.politeness = politeness


def _read_robots(host: str, client: httpx.Client) -> RobotFileParser | str:
    """A host's robots.txt rules, or the reason to refuse the host for now."""
    rules = RobotFileParser()
    try:
        response = client.get(f"{host}/robots.txt")
    except httpx.HTTPError:
        rules.parse([])  # unreachable: the page request itself will say why
        return rules
    if response.status_code >= 500:
        status = response.status_code
        return f"{host}/robots.txt answered HTTP {status}; not fetching until it answers"
    if response.status_code >= 400:
        rules.parse([])  # no robots.txt: everything is allowed
        return rules
    body = response.content[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
    rules.parse(body.splitlines())
    return rules


def make_client(
    timeout: float = TIMEOUT_SECONDS, *, delay: float = DELAY_SECONDS, robots: bool = True
) -> httpx.Client:
    """An httpx client with our User-Agent, timeouts, redirect limit and politeness."""
    return PoliteClient(
        Politeness(delay=delay, robots=robots),
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
        if isinstance(client, PoliteClient):
            client.politeness.admit(url, client)
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
