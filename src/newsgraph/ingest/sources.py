"""The ingest entry point: turn SOURCE arguments into raw articles.

A SOURCE is a file, a directory (read recursively in sorted order, hidden
files and folders skipped), an http(s) URL, or ``-`` for stdin. Its format
comes from ``format`` when given, else from the file extension, else from
the content itself. In a directory only files with a known extension are read
(so a README or an image beside the articles is not "bad input"), unless
``format`` is given, which reads every non-hidden file as that format.

Bad input never raises out of ``read_sources``: each unusable input (or line
of a JSONL file, or feed entry) is yielded as one ``InputError`` naming it and
the reason, and reading goes on with the rest. Only a wrong ``format`` name
raises (``ConfigError``): that is a mistake in the command, not in the data.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

import httpx

from ..errors import ConfigError, InputError
from ..model import RawArticle
from ..normalize.text import clean_text
from .digest import read_digest
from .feed import read_feed
from .html import read_html
from .jsonl import read_csv, read_jsonl
from .url import MAX_BYTES, is_url, kind_of, make_client, markup_kind
from .url import fetch as fetch_url

FORMATS = ("digest", "text", "jsonl", "csv", "html", "feed")
EXTENSIONS = {
    ".txt": "digest",
    ".text": "digest",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_SNIFF_BYTES = 8192
# Control bytes that never occur in text; more than a few means a binary file.
_TEXT_CONTROLS = {9, 10, 12, 13, 27}

Item = RawArticle | InputError


def read_sources(
    sources: Sequence[str],
    format: str | None = None,
    fetch: bool = False,
    *,
    client: httpx.Client | None = None,
) -> Iterator[Item]:
    """Every article (or input error) of every source, in the order given.

    ``fetch`` also fetches the page each feed entry links to. ``client`` lets
    a caller (or a test) supply its own httpx client; by default one is made
    on first use and closed at the end.
    """
    if format is not None and format not in FORMATS:
        raise ConfigError(f"unknown format {format!r}; valid formats: {', '.join(FORMATS)}")
    return _read_all(list(sources), format, fetch, client)


def format_from_name(name: str) -> str | None:
    """The format a file name implies ("a.html.gz" → "html"), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(os.path.splitext(lower)[1])


def sniff_format(data: bytes) -> str:
    """Guess a format from content: markup, JSON, a CSV header with "text", or a digest."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return markup_kind(head) or ("feed" if head.startswith(b"<?xml") else "html")
    if head.startswith((b"{", b"[")):
        return "jsonl"
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    columns = [c.strip().strip('"').lower() for c in first.split(",")]
    if len(columns) > 1 and "text" in columns:
        return "csv"
    return "digest"


def decode_text(data: bytes, origin: str, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an InputError.

    We do not guess legacy encodings: cp1252 decodes almost any bytes, so a
    guess would silently store mojibake. A declared HTTP charset is honoured.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(origin, "not valid UTF-16 text despite its byte-order mark") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass  # fall through to the UTF-8 error, which says where
        line = data.count(b"\n", 0, exc.start) + 1
        reason = (
            f"not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); save the file as UTF-8"
        )
        raise InputError(origin, reason, line=line) from None


def is_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KB."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > max(4, len(head) // 100)


def read_bytes(
    data: bytes,
    origin: str,
    format: str | None,
    fetch: bool = False,
    client: httpx.Client | None = None,
    url: str | None = None,
    encoding: str | None = None,
) -> Iterator[Item]:
    """One input's content, dispatched to its reader after the common checks."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, origin)
    if not data.strip():
        raise InputError(origin, "empty file" if url is None else "empty response")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and is_binary(data):
        raise InputError(origin, "binary content, not text")
    if utf16:
        data = decode_text(data, origin).encode("utf-8")
    format = format or sniff_format(data)
    if format == "html":
        yield from read_html(data, origin, url=url)
        return
    if format == "feed":
        yield from read_feed(data, origin, fetch=fetch, client=client)
        return
    text = decode_text(data, origin, encoding)
    if format == "jsonl":
        yield from read_jsonl(text, origin)
    elif format == "csv":
        yield from read_csv(text, origin)
    elif format == "text":
        yield from _read_text(text, origin, url)
    else:
        yield from read_digest(text, origin)


def _read_all(
    sources: list[str], format: str | None, fetch: bool, client: httpx.Client | None
) -> Iterator[Item]:
    own: list[httpx.Client] = []

    def get_client() -> httpx.Client:
        if client is not None:
            return client
        if not own:
            own.append(make_client())
        return own[0]

    try:
        for source in sources:
            if source == STDIN:
                yield from _guarded(STDIN_ORIGIN, partial(_read_stdin, format, fetch, get_client))
            elif is_url(source):
                yield from _guarded(source, partial(_read_url, source, format, fetch, get_client))
            else:
                yield from _read_path(Path(source), format, fetch, get_client)
    finally:
        for owned in own:
            owned.close()


def _guarded(origin: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader; whatever goes wrong becomes one InputError for it.

    Why catch everything: third-party parsers (lxml, trafilatura, feedparser)
    can raise almost anything on hostile input, and one bad file must not
    stop a batch of thousands. The error names the exception, so a bug in our
    own code still shows up in the report.
    """
    try:
        yield from read()
    except InputError as error:
        yield error
    except Exception as exc:  # noqa: BLE001 - reported as this input's error
        yield InputError(origin, f"could not be read ({type(exc).__name__}: {exc})")


def _read_path(
    path: Path, format: str | None, fetch: bool, get_client: Callable[[], httpx.Client]
) -> Iterator[Item]:
    if path.is_dir():
        files = list(_walk(path, include_unknown=format is not None))
        if not files:
            known = ", ".join(sorted(EXTENSIONS))
            yield InputError(str(path), f"directory has no files to read (looked for {known})")
        for file in files:
            yield from _read_path(file, format, fetch, get_client)
        return
    origin = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError(origin, "no such file or directory")
        return
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _guarded(
        origin,
        lambda: read_bytes(
            data,
            origin,
            format or format_from_name(path.name),
            fetch,
            get_client() if fetch else None,
        ),
    )


def _walk(root: Path, include_unknown: bool) -> Iterator[Path]:
    """Files under ``root``, sorted by path, hidden names and unknown types skipped."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if include_unknown or format_from_name(name) is not None:
                found.append(Path(folder) / name)
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_url(
    url: str, format: str | None, fetch: bool, get_client: Callable[[], httpx.Client]
) -> Iterator[Item]:
    client = get_client()
    page = fetch_url(url, client)
    kind = format or kind_of(page)
    if kind == "text" and format is None:
        kind = sniff_format(page.content)
    yield from read_bytes(
        page.content, url, kind, fetch, client, url=page.url, encoding=page.encoding
    )


def _read_stdin(
    format: str | None, fetch: bool, get_client: Callable[[], httpx.Client]
) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    yield from read_bytes(data, STDIN_ORIGIN, format, fetch, get_client() if fetch else None)


def _read_text(text: str, origin: str, url: str | None) -> Iterator[Item]:
    """Plain text: the whole content is one article body, nothing interpreted."""
    body = clean_text(text)
    if not body.strip():
        yield InputError(origin, "no text")
        return
    yield RawArticle(text=body, origin=origin, url=url)


def _gunzip(data: bytes, origin: str) -> bytes:
    """Decompress, refusing archives that expand past the size cap."""
    try:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, MAX_BYTES + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(origin, f"not a valid gzip file ({exc})") from None
    if len(out) > MAX_BYTES:
        raise InputError(origin, f"decompresses to over {MAX_BYTES // (1024 * 1024)} MB")
    return out
