"""Split a pasted text digest back into its articles.

The shape (``docs/digest-format.md``): analysts paste articles one after
another, each a title line, a blank line, body paragraphs and the article's URL
alone on the last line. Inside a block:

1. A line that is only a URL ends the block; the next article starts on the
   following line, with or without a blank line between.
2. The first line is the title when a blank line follows it, more text comes
   after, and it reads like a headline (not a sentence ending in ``.``/``:``).
3. ``### `` subheadings stay in the body.
4. The last ``___`` line ends the body; the lines after it (before the URL) are
   a credit line, kept in ``metadata["credit"]``.
5. A trailing ``Read more:`` line followed only by ``- headline`` lines gives
   ``related_links``; it is not body.
6. Text after the last URL (or a file with no URL at all) is one more article:
   a lone article with no URL, and a title only if rule 2 finds one.

Splitting is line-based and accounts for every non-blank line: each one lands
in exactly one role of one block (``DigestBlock.line_numbers``), which is what
the property tests check. Nothing is dropped but blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import FormatError, InputError
from ..model import RawArticle
from ..normalize.text import outlet_from_url

URL_LINE = re.compile(r"^\s*<?(https?://[^\s<>]+)>?\s*$", re.IGNORECASE)
SEPARATOR = re.compile(r"^\s*_{3,}\s*$")
READ_MORE = re.compile(r"^\s*read more\s*:?\s*$", re.IGNORECASE)
LINK_ITEM = re.compile(r"^\s*[-–•*]\s+(\S.*?)\s*$")
SUBHEADING = re.compile(r"^\s*#{1,6}\s")
# A headline ends in a word, a closing quote, "?" or "!"; a sentence in "." etc.
_SENTENCE_END = (".", ":", ";", ",")
_CLOSERS = "\"'”’»)]"
MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class Line:
    """One line of the digest: its 1-based number and its text (right-stripped)."""

    number: int
    text: str


@dataclass(frozen=True)
class DigestBlock:
    """One article's lines, by role. Every non-blank line is in exactly one role."""

    title: Line | None
    body: tuple[Line, ...]
    separator: Line | None = None
    credit: tuple[Line, ...] = ()
    read_more: Line | None = None
    links: tuple[Line, ...] = ()
    url: Line | None = None

    def line_numbers(self) -> list[int]:
        """The numbers of the non-blank lines this block accounts for."""
        singles = [self.title, self.separator, self.read_more, self.url]
        lines = [*self.body, *self.credit, *self.links, *(x for x in singles if x)]
        return sorted(line.number for line in lines if line.text.strip())

    @property
    def first_line(self) -> int:
        numbers = self.line_numbers()
        return numbers[0] if numbers else (self.url.number if self.url else 1)

    @property
    def body_text(self) -> str:
        return join_paragraphs(self.body)


def split_blocks(text: str) -> list[DigestBlock]:
    """The digest's blocks in order, each ending at a URL line (rule 1)."""
    blocks: list[DigestBlock] = []
    pending: list[Line] = []
    for number, raw in enumerate(_lines(text), start=1):
        line = Line(number, raw.rstrip())
        if URL_LINE.match(line.text):
            blocks.append(_shape_block(pending, url=line))
            pending = []
        else:
            pending.append(line)
    if any(line.text.strip() for line in pending):
        blocks.append(_shape_block(pending, url=None))
    return blocks


def read_digest(text: str, origin: str) -> Iterator[RawArticle | InputError]:
    """Yield each article of a digest, or an error for a block without body text."""
    blocks = split_blocks(text)
    if not blocks:
        yield FormatError(origin, "no article text found")
    for block in blocks:
        yield block_to_article(block, origin)


def block_to_article(block: DigestBlock, origin: str) -> RawArticle | InputError:
    where = f"{origin}:{block.first_line}"
    body = block.body_text
    if not body:
        reason = "a URL line with no article text before it" if block.url else "no body text"
        return FormatError(origin, reason, line=block.first_line)
    url = URL_LINE.match(block.url.text).group(1) if block.url else None  # type: ignore[union-attr]
    metadata = {}
    if block.credit:
        metadata["credit"] = "\n".join(line.text.strip() for line in block.credit)
    return RawArticle(
        text=body,
        origin=where,
        title=block.title.text.strip() if block.title else None,
        url=url,
        source=outlet_from_url(url),
        related_links=tuple(_link_text(line) for line in block.links),
        metadata=metadata,
    )


def join_paragraphs(lines: Sequence[Line]) -> str:
    """Body lines as text: line breaks kept, runs of blank lines made one."""
    out: list[str] = []
    for line in lines:
        if not line.text.strip():
            if out and out[-1] != "":
                out.append("")
        else:
            out.append(line.text)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def looks_like_title(text: str) -> bool:
    """A headline: short, not a subheading or list item, not ending like a sentence."""
    text = text.strip()
    if not text or len(text) > MAX_TITLE_CHARS:
        return False
    if SUBHEADING.match(text) or LINK_ITEM.match(text) or SEPARATOR.match(text):
        return False
    if READ_MORE.match(text):
        return False
    return not text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _lines(text: str) -> list[str]:
    # Only \n, \r\n and \r end lines: str.splitlines would also split on
    # form feeds and U+2028 inside a paragraph, shifting every line number.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _trim(lines: Sequence[Line]) -> list[Line]:
    start, end = 0, len(lines)
    while start < end and not lines[start].text.strip():
        start += 1
    while end > start and not lines[end - 1].text.strip():
        end -= 1
    return list(lines[start:end])


def _shape_block(lines: Sequence[Line], url: Line | None) -> DigestBlock:
    """Assign roles to a block's lines: read-more list, credit, title, body."""
    rest = _trim(lines)
    read_more, links, rest = _take_read_more(rest)
    separator: Line | None = None
    credit: list[Line] = []
    for index in range(len(rest) - 1, -1, -1):
        if SEPARATOR.match(rest[index].text):
            separator = rest[index]
            credit = [line for line in rest[index + 1 :] if line.text.strip()]
            rest = _trim(rest[:index])
            break
    if read_more is None and separator is not None:
        # A "Read more:" list may also sit before the credit.
        read_more, links, rest = _take_read_more(rest)
    title: Line | None = None
    if len(rest) >= 3 and not rest[1].text.strip() and looks_like_title(rest[0].text):
        title, rest = rest[0], _trim(rest[1:])
    return DigestBlock(
        title=title,
        body=tuple(rest),
        separator=separator,
        credit=tuple(credit),
        read_more=read_more,
        links=tuple(links),
        url=url,
    )


def _take_read_more(lines: list[Line]) -> tuple[Line | None, list[Line], list[Line]]:
    """Split off a trailing ``Read more:`` header and its ``- headline`` lines."""
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if READ_MORE.match(text):
            tail = [line for line in lines[index + 1 :] if line.text.strip()]
            if tail and all(LINK_ITEM.match(line.text) for line in tail):
                return lines[index], tail, _trim(lines[:index])
            return None, [], lines
        if text.strip() and not LINK_ITEM.match(text):
            break
    return None, [], lines


def _link_text(line: Line) -> str:
    match = LINK_ITEM.match(line.text)
    return match.group(1) if match else line.text.strip()
