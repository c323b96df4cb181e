"""Light text clean-up and the outlet name a URL implies.

``clean_text`` is for text we assembled ourselves (digest blocks, HTML and
feed extraction). It is never applied to JSONL text, which is stored exactly
as given so a user's own character offsets stay valid.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise line endings, drop trailing spaces, keep at most one blank line.

    Why: pasted and extracted text mixes ``\\r\\n``, ``\\r`` and stray
    whitespace, which would make the content hash (and so deduplication)
    depend on the editor that saved the file rather than on the words.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip("\n")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: its lower-case host without ``www.`` or a port.

    >>> outlet_from_url("https://www.coastlinewire.example/world/x")
    'coastlinewire.example'
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None
