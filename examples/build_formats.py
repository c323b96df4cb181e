"""Write the sample corpus in every input format from one master file.

The articles are written once, by hand, in ``articles.json`` (a list of
``{url, source, title, published, authors, body, credit?, story}``). This
script renders them as the formats newsgraph ingests, so that every reader is
tested on the same content and the formats can never drift apart:

* ``digest.txt``      the pasted-digest format (``docs/digest-format.md``)
* ``articles.jsonl``  one JSON object per line: id, title, text, url,
                      published, source, authors (+ credit when present)
* ``feed.xml``        one RSS 2.0 feed carrying every article
* ``html/<slug>.html`` a realistic page per article (nav, cookie banner,
                      related links, footer around the ``<article>``)

``story`` is the ground-truth label; it is deliberately left out of every
generated file so that clustering cannot read it back from metadata.

Run ``python examples/build_formats.py`` to regenerate, and
``python examples/build_formats.py --check`` to parse every generated file
without writing anything. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
MASTER = HERE / "articles.json"

# Display names for the invented outlets; the master stores only the host.
OUTLETS: dict[str, str] = {
    "harbourwire.example": "Harbourwire",
    "meridian-post.example": "The Meridian Post",
    "kestrel-news.example": "Kestrel News",
    "atlas-daily.example": "Atlas Daily",
    "northgate-times.example": "Northgate Times",
    "lumen-tv.example": "Lumen TV",
}
REQUIRED = ("url", "source", "title", "published", "authors", "body", "story")
SUBHEAD = "### "
# Every seventh article follows its predecessor's URL line with no blank line:
# the digest format allows both, so the sample exercises both.
NO_GAP_EVERY = 7


@dataclass(frozen=True)
class Sample:
    """One master article, validated."""

    url: str
    source: str
    title: str
    published: str
    authors: tuple[str, ...]
    body: str
    story: str
    credit: str | None = None

    @property
    def slug(self) -> str:
        """The last path segment of the URL: unique in the corpus, used as id."""
        return urlsplit(self.url).path.rstrip("/").rsplit("/", 1)[-1]

    @property
    def outlet(self) -> str:
        return OUTLETS[self.source]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]

    @property
    def plain_text(self) -> str:
        """Body without digest markup: subheadings become ordinary lines."""
        return "\n\n".join(p.removeprefix(SUBHEAD) for p in self.paragraphs)

    @property
    def timestamp(self) -> datetime:
        # Dates are day-precise in the master; pages carry a fixed morning time.
        day = datetime.fromisoformat(self.published)
        return day.replace(hour=7, minute=30, tzinfo=UTC)


def load(path: Path = MASTER) -> list[Sample]:
    """Read and validate the master; fail loudly on a malformed record."""
    records = json.loads(path.read_text(encoding="utf-8"))
    samples: list[Sample] = []
    for n, rec in enumerate(records):
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            raise ValueError(f"{path.name} record {n}: missing {', '.join(missing)}")
        if rec["source"] not in OUTLETS:
            raise ValueError(f"{path.name} record {n}: unknown outlet {rec['source']!r}")
        samples.append(
            Sample(
                url=rec["url"],
                source=rec["source"],
                title=rec["title"],
                published=rec["published"],
                authors=tuple(rec["authors"]),
                body=rec["body"],
                story=rec["story"],
                credit=rec.get("credit"),
            )
        )
    slugs = [s.slug for s in samples]
    if len(set(slugs)) != len(slugs):
        raise ValueError("two articles share a URL slug; slugs name the HTML files")
    return samples


def render_digest(samples: list[Sample]) -> str:
    """Title, blank line, body, optional ``___`` credit, URL — one after another."""
    blocks: list[str] = []
    for n, s in enumerate(samples):
        lines = [s.title, "", "\n\n".join(s.paragraphs)]
        if s.credit:
            lines += ["", "___", "", s.credit]
        lines.append(s.url)
        block = "\n".join(lines) + "\n"
        gap = "" if n == 0 or n % NO_GAP_EVERY == 0 else "\n"
        blocks.append(gap + block)
    return "".join(blocks)


def render_jsonl(samples: list[Sample]) -> str:
    rows = []
    for s in samples:
        row: dict[str, object] = {
            "id": s.slug,
            "title": s.title,
            "text": s.plain_text,
            "url": s.url,
            "published": s.published,
            "source": s.source,
            "authors": list(s.authors),
        }
        if s.credit:
            row["credit"] = s.credit
        rows.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(rows) + "\n"


def body_html(s: Sample, indent: str) -> str:
    """Paragraphs as ``<p>``, digest subheadings as ``<h2>``."""
    out = []
    for p in s.paragraphs:
        if p.startswith(SUBHEAD):
            out.append(f"{indent}<h2>{escape(p.removeprefix(SUBHEAD))}</h2>")
        else:
            out.append(f"{indent}<p>{escape(p)}</p>")
    if s.credit:
        out.append(f'{indent}<p class="credit"><em>{escape(s.credit)}</em></p>')
    return "\n".join(out)


def render_feed(samples: list[Sample]) -> str:
    items = []
    for s in samples:
        creators = "".join(f"\n      <dc:creator>{escape(a)}</dc:creator>" for a in s.authors)
        items.append(
            f"""    <item>
      <title>{escape(s.title)}</title>
      <link>{escape(s.url)}</link>
      <guid isPermaLink="true">{escape(s.url)}</guid>
      <pubDate>{format_datetime(s.timestamp)}</pubDate>{creators}
      <source url="https://{s.source}/rss">{escape(s.outlet)}</source>
      <description>{escape(s.paragraphs[0])}</description>
      <content:encoded><![CDATA[
{body_html(s, "")}
]]></content:encoded>
    </item>"""
        )
    latest = max(s.timestamp for s in samples)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>newsgraph sample corpus — all outlets</title>
    <link>https://harbourwire.example/</link>
    <description>Invented articles from six invented outlets, 2025.</description>
    <language>en</language>
    <lastBuildDate>{format_datetime(latest)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def related(s: Sample, samples: list[Sample], k: int = 3) -> list[Sample]:
    """Other pages of the same outlet, nearest in date: like a real sidebar."""
    same = [o for o in samples if o.source == s.source and o.url != s.url]
    same.sort(key=lambda o: abs((o.timestamp - s.timestamp).days))
    return same[:k]


def render_html(s: Sample, samples: list[Sample]) -> str:
    """A page with the clutter extraction must strip: nav, banner, aside, footer."""
    ts = s.timestamp.isoformat()
    authors_meta = "".join(f'\n  <meta name="author" content="{escape(a)}">' for a in s.authors)
    byline = ("By " + " and ".join(escape(a) for a in s.authors)) if s.authors else escape(s.outlet)
    links = "\n".join(
        f'        <li><a href="{escape(o.url)}">{escape(o.title)}</a></li>'
        for o in related(s, samples)
    )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": s.title,
            "datePublished": ts,
            "author": [{"@type": "Person", "name": a} for a in s.authors],
            "publisher": {"@type": "Organization", "name": s.outlet},
            "url": s.url,
        },
        ensure_ascii=False,
    )
    day = s.timestamp.strftime("%-d %B %Y")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(s.title)} | {escape(s.outlet)}</title>
  <link rel="canonical" href="{escape(s.url)}">{authors_meta}
  <meta name="description" content="{escape(s.paragraphs[0][:150])}">
  <meta property="og:site_name" content="{escape(s.outlet)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{escape(s.title)}">
  <meta property="og:url" content="{escape(s.url)}">
  <meta property="article:published_time" content="{ts}">
  <script type="application/ld+json">{ld}</script>
</head>
<body>
  <div class="cookie-banner" role="dialog">
    <p>We use cookies to understand how readers use this site.</p>
    <button type="button">Accept all</button> <button type="button">Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="https://{s.source}/">{escape(s.outlet)}</a>
    <nav>
      <ul>
        <li><a href="https://{s.source}/world/">World</a></li>
        <li><a href="https://{s.source}/asia/">Asia</a></li>
        <li><a href="https://{s.source}/europe/">Europe</a></li>
        <li><a href="https://{s.source}/business/">Business</a></li>
        <li><a href="https://{s.source}/opinion/">Opinion</a></li>
      </ul>
    </nav>
  </header>
  <main>
    <article>
      <header>
        <h1>{escape(s.title)}</h1>
        <p class="byline">{byline}</p>
        <time datetime="{ts}">{day}</time>
      </header>
      <div class="article-body">
{body_html(s, "        ")}
      </div>
    </article>
    <aside class="related">
      <h3>More from {escape(s.outlet)}</h3>
      <ul>
{links}
      </ul>
    </aside>
    <div class="newsletter">
      <p>Get the morning briefing in your inbox. Sign up for our free newsletter.</p>
      <form><input type="email" name="email"><button type="submit">Subscribe</button></form>
    </div>
  </main>
  <footer>
    <p>&copy; 2025 {escape(s.outlet)}. All rights reserved.</p>
    <p>
      <a href="https://{s.source}/privacy">Privacy</a> ·
      <a href="https://{s.source}/terms">Terms</a> ·
      <a href="https://{s.source}/contact">Contact</a>
    </p>
  </footer>
</body>
</html>
"""


def write_all(samples: list[Sample]) -> None:
    (HERE / "digest.txt").write_text(render_digest(samples), encoding="utf-8")
    (HERE / "articles.jsonl").write_text(render_jsonl(samples), encoding="utf-8")
    (HERE / "feed.xml").write_text(render_feed(samples), encoding="utf-8")
    html_dir = HERE / "html"
    html_dir.mkdir(exist_ok=True)
    for old in html_dir.glob("*.html"):
        old.unlink()  # a renamed article must not leave its old page behind
    for s in samples:
        (html_dir / f"{s.slug}.html").write_text(render_html(s, samples), encoding="utf-8")


VOID = {"meta", "link", "input", "br", "img", "hr", "source"}


class _Balance(HTMLParser):
    """Checks that every non-void tag is closed in order: a cheap well-formedness test."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> at line {self.getpos()[0]}")
            return
        self.stack.pop()


def check(samples: list[Sample]) -> list[str]:
    """Parse every generated file; return problems (empty when all is well)."""
    problems: list[str] = []
    lines = (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        try:
            json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"articles.jsonl:{n}: {exc}")
    if len(lines) != len(samples):
        problems.append(f"articles.jsonl has {len(lines)} lines, master {len(samples)}")
    items = ET.parse(HERE / "feed.xml").getroot().findall("./channel/item")
    if len(items) != len(samples):
        problems.append(f"feed.xml has {len(items)} items, master {len(samples)}")
    digest = (HERE / "digest.txt").read_text(encoding="utf-8")
    for s in samples:
        if f"\n{s.url}\n" not in f"\n{digest}":
            problems.append(f"digest.txt lacks the URL line {s.url}")
        page = HERE / "html" / f"{s.slug}.html"
        parser = _Balance()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        problems += [f"{page.name}: {e}" for e in parser.errors]
        if parser.stack:
            problems.append(f"{page.name}: unclosed {parser.stack}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only parse the generated files")
    args = ap.parse_args(argv)
    samples = load()
    if not args.check:
        write_all(samples)
    problems = check(samples)
    for p in problems:
        print(p, file=sys.stderr)
    print(
        f"{len(samples)} articles, {len({s.source for s in samples})} outlets, "
        f"{len({s.story for s in samples})} stories: {'OK' if not problems else 'FAILED'}",
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
