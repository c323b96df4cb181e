"""Untrusted article text turned into safe HTML.

Article text, titles, URLs and snippets come from the web. Nothing here
trusts them: every piece of text is escaped with ``markupsafe.escape`` before
it is joined with markup we write ourselves, and links are only made to
``http(s)`` URLs (``javascript:`` or ``data:`` URLs are shown as text).

Highlighting works on character offsets, which may overlap (an entity inside a
quote inside a figure's sentence). Rather than nest tags, the text is cut at
every span boundary; each piece gets one ``<span>`` carrying the classes of all
spans covering it, so the output is always well-formed HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as urlquote
from urllib.parse import urlsplit

from markupsafe import Markup, escape

KINDS = ("quote", "speaker", "claim", "event", "timex", "entity")


@dataclass(frozen=True)
class Span:
    """One highlighted range: ``kind`` is one of ``KINDS``; ``label`` becomes the tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""
    entity_id: str | None = None
    entity_type: str | None = None
    anchor: str | None = None  # the id of the matching item in the side lists


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (never a script URL)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def entity_href(entity_id: str) -> str:
    return "/entities/" + urlquote(entity_id, safe="")


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` as HTML with every span marked; offsets out of range are dropped."""
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n and s.kind in KINDS]
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    starts: dict[int, list[Span]] = {}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        piece = str(escape(text[a:b]))
        out.append(_wrap(piece, active) if active else piece)
    return Markup("".join(out))


def _wrap(piece: str, spans: Sequence[Span]) -> str:
    kinds = sorted({s.kind for s in spans}, key=KINDS.index)
    classes = ["hl"] + [f"hl-{k}" for k in kinds]
    entity = next((s for s in spans if s.kind == "entity" and s.entity_id), None)
    if entity is not None and entity.entity_type:
        classes.append("t-" + re.sub(r"[^A-Za-z0-9_-]", "", entity.entity_type))
    title = " | ".join(dict.fromkeys(s.label for s in spans if s.label))
    attrs = f' class="{escape(" ".join(classes))}"'
    if title:
        attrs += f' title="{escape(title)}"'
    anchor = next((s.anchor for s in spans if s.anchor), None)
    if anchor:
        attrs += f' data-ref="{escape(anchor)}"'
    if entity is not None and entity.entity_id:
        return f'<a{attrs} href="{escape(entity_href(entity.entity_id))}">{piece}</a>'
    return f"<span{attrs}>{piece}</span>"


_MARK = re.compile(r"\[([^\[\]]{1,200})\]")


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet whose ``[matched]`` words become ``<mark>``, everything escaped."""
    if not snippet:
        return Markup("")
    out, last = [], 0
    for m in _MARK.finditer(snippet):
        out.append(str(escape(snippet[last : m.start()])))
        out.append(f"<mark>{escape(m.group(1))}</mark>")
        last = m.end()
    out.append(str(escape(snippet[last:])))
    return Markup("".join(out))
