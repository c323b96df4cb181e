"""Briefings: what happened, who said what, the numbers, every line cited.

A briefing is strictly extractive. Each line is built from pieces of three
kinds, and nothing else:

* ``span``: text copied from an article (an event's sentence, a quote, a
  figure as written), with the id of the article it comes from;
* ``fact``: a field the store holds (a date, an outlet, a speaker's name);
* ``label``: fixed connecting words of the layout ("—", "citing", "planned").

Every line carries the articles it rests on, and both renderings end with the
numbered sources (title, outlet, date, URL, article id) those cite. Nothing is
paraphrased or summarised, so a reader can check every line against its source.

``brief`` chooses the material:

1. **What happened**: event groups (``link.events``) in date order, each as
   the sentence of its best-dated report, cited to every article of the
   group; disagreements inside a group follow it.
2. **Who said what**: direct quotes first, at most a few per speaker.
3. **The numbers**: figures reported by several articles (``link.figures``),
   those that changed first.
4. **Coverage** (for a story): each outlet and when it first reported.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .coverage import (
    Coverage,
    coverage_of,
    figures_of,
    load_story,
    precision,
    story_article_ids,
)
from .errors import ConfigError
from .link.events import Contradiction, contradictions
from .model import Article, Claim, Event, Quote
from .store.sql import SQLStore

MAX_EVENTS = 15
MAX_QUOTES = 12
QUOTES_PER_SPEAKER = 2
MAX_FIGURES = 8

PieceKind = Literal["span", "fact", "label"]


@dataclass(frozen=True)
class Piece:
    text: str
    kind: PieceKind
    article_id: str | None = None  # for spans: the article the text is copied from


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]
    cites: tuple[str, ...]  # article ids, in citation order
    depth: int = 0  # 1 for a detail under the line before

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Source:
    n: int
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None


@dataclass(frozen=True)
class Briefing:
    title: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]

    def number(self) -> dict[str, int]:
        return {s.article_id: s.n for s in self.sources}

    def markdown(self) -> str:
        """The briefing as Markdown: headings, cited bullets, a numbered source list."""
        numbers = self.number()
        out = [f"# {_md(self.title)}", ""]
        for section in self.sections:
            out += [f"## {_md(section.title)}", ""]
            for line in section.lines:
                cites = "".join(f"[{numbers[a]}]" for a in line.cites)
                body = "".join(_md_piece(p) for p in line.pieces)
                out.append(f"{'  ' * line.depth}- {body} {cites}")
            out.append("")
        out += [f"## Sources ({len(self.sources)})", ""]
        for s in self.sources:
            out.append(
                f"{s.n}. {_md(_source_text(s))}"
                + (f" <{_md_url(s.url)}>" if _safe_url(s.url) else "")
            )
        return "\n".join(out) + "\n"

    def html(self) -> str:
        """The briefing as one self-contained HTML page; every text is escaped."""
        numbers = self.number()
        esc = html.escape
        out = [
            "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            f"<title>{esc(self.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
            f"<h1>{esc(self.title)}</h1>",
        ]  # fmt: skip
        for section in self.sections:
            out += ["<section>", f"<h2>{esc(section.title)}</h2>", "<ul>"]
            for line in section.lines:
                cites = "".join(
                    f'<sup><a href="#s{numbers[a]}">[{numbers[a]}]</a></sup>' for a in line.cites
                )
                body = "".join(_html_piece(p) for p in line.pieces)
                css = ' class="detail"' if line.depth else ""
                out.append(f"<li{css}>{body} {cites}</li>")
            out += ["</ul>", "</section>"]
        out += ["<section>", f"<h2>Sources ({len(self.sources)})</h2>", '<ol class="sources">']
        for s in self.sources:
            title = esc(s.title or "(untitled)")
            link = (
                f'<a href="{esc(s.url or "", quote=True)}">{title}</a>'
                if _safe_url(s.url)
                else title
            )
            rest = esc(_source_text(s, with_title=False))
            out.append(f'<li id="s{s.n}">{link} — {rest}</li>')
        out += ["</ol>", "</section>", "</body>", "</html>"]
        return "\n".join(out) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;line-height:1.5}"
    "li.detail{margin-left:1.5rem;color:#555}.fact{font-weight:600}"
    "sup a{text-decoration:none}"
)
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _flat(text: str) -> str:
    """Runs of whitespace (newlines included) as one space, the ends kept."""
    return re.sub(r"\s+", " ", text)


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _flat(text))


def _md_url(url: str | None) -> str:
    return (url or "").replace(">", "%3E").replace(" ", "%20")


def _md_piece(p: Piece) -> str:
    text = _md(p.text)
    return f"**{text.strip()}**" if p.kind == "fact" and text.strip() else text


def _html_piece(p: Piece) -> str:
    text = html.escape(_flat(p.text))
    if p.kind == "fact":
        return f'<span class="fact">{text}</span>'
    if p.kind == "span":
        return f'<span class="span">{text}</span>'
    return text


def _safe_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _source_text(s: Source, with_title: bool = True) -> str:
    parts = [s.title or "(untitled)"] if with_title else []
    parts += [x for x in (s.outlet, s.published) if x]
    return ", ".join(parts) + f" · article {s.article_id}"


# -- building ---------------------------------------------------------------------


def _span(text: str, article_id: str) -> Piece:
    return Piece(text.strip(), "span", article_id)


def _fact(text: str) -> Piece:
    return Piece(text, "fact")


def _label(text: str) -> Piece:
    return Piece(text, "label")


def _by_date(a: Article) -> tuple[str, str]:
    return (a.published or "~", a.id)


def event_lines(events: Sequence[Event], articles: dict[str, Article],
                names: dict[str, str], limit: int = MAX_EVENTS) -> list[Line]:  # fmt: skip
    """One line per event group: its date, its best report's sentence, every report cited."""
    groups: dict[str, list[Event]] = {}
    for v in events:
        if v.status in ("occurred", "planned") and v.article_id in articles:
            if v.sentence and articles[v.article_id].text[v.start : v.end] == v.sentence:
                groups.setdefault(v.event_group or v.id, []).append(v)

    def rank(members: list[Event]) -> tuple[int, int, int]:
        reports = len({v.article_id for v in members})
        dated = any(v.date_text for v in members)
        named = any(v.actors for v in members)
        return (-reports, -int(dated), -int(named))

    chosen = sorted(groups.values(), key=lambda m: (rank(m), min(v.id for v in m)))
    chosen = [m for m in chosen if len({v.article_id for v in m}) > 1
              or (any(v.date_text for v in m) and any(v.actors for v in m))][:limit]  # fmt: skip
    # one line per sentence: groups told by the same sentence share it and its citations
    rows: dict[tuple[str, int], _EventRow] = {}
    for members in chosen:
        lead = min(members, key=lambda v: _lead_key(v, articles))
        row = rows.setdefault((lead.article_id, lead.start), _EventRow(lead))
        if _lead_key(lead, articles) < _lead_key(row.lead, articles):
            row.lead = lead
        row.cites.update({v.article_id for v in members})
        row.details += [_contradiction_line(c, members, names) for c in contradictions(members)]
    out: list[Line] = []
    for row in sorted(rows.values(), key=lambda r: (r.lead.date or "~", r.lead.id)):
        lead = row.lead
        cited = sorted(row.cites, key=lambda a: _by_date(articles[a]))
        pieces = [
            _fact(lead.date or "undated"),
            _label(" — "),
            _span(lead.sentence, lead.article_id),
        ]
        if lead.status == "planned":
            pieces.append(_label(" (planned)"))
        out += [Line(tuple(pieces), tuple(cited)), *row.details]
    return out


def _lead_key(v: Event, articles: dict[str, Article]) -> tuple[object, ...]:
    """The report a line shows: one that occurred, precisely and explicitly dated, early, short."""
    return (v.status != "occurred", precision(v), v.date_text is None,
            _by_date(articles[v.article_id]), len(v.sentence), v.id)  # fmt: skip


class _EventRow:
    """A line of "What happened" while it is being assembled."""

    def __init__(self, lead: Event) -> None:
        self.lead = lead
        self.cites: set[str] = set()
        self.details: list[Line] = []


def _contradiction_line(c: Contradiction, members: list[Event], names: dict[str, str]) -> Line:
    by_id = {v.id: v for v in members}
    pieces: list[Piece] = [_label(f"Reports differ on the {c.field}: ")]
    cites: list[str] = []
    for k, (value, ids) in enumerate(c.values):
        if k:
            pieces.append(_label(" vs "))
        if c.field == "participants":
            value = " + ".join(names.get(x, x.removeprefix("n:")) for x in value.split(" + "))
        arts = list(dict.fromkeys(by_id[i].article_id for i in ids))
        pieces.append(_fact(value))
        cites += arts
    return Line(tuple(pieces), tuple(dict.fromkeys(cites)), depth=1)


def quote_lines(
    quotes: Sequence[Quote],
    articles: dict[str, Article],
    prefer: frozenset[str] = frozenset(),
    limit: int = MAX_QUOTES,
) -> list[Line]:
    """Key quotes with their speakers: direct ones first, a few per speaker, in date order."""
    usable = []
    for q in quotes:
        article = articles.get(q.article_id)
        if article is None or not q.speaker_name or not 0 <= q.start < q.end <= len(article.text):
            continue
        if not 20 <= q.end - q.start <= 600:
            continue
        usable.append(q)
    usable.sort(key=lambda q: (q.speaker_id not in prefer if prefer else False,
                               q.kind not in ("direct", "mixed"), _by_date(articles[q.article_id]),
                               q.start))  # fmt: skip
    per_speaker: dict[str, int] = {}
    picked: list[Quote] = []
    for q in usable:
        who = q.speaker_id or (q.speaker_name or "").lower()
        if per_speaker.get(who, 0) >= QUOTES_PER_SPEAKER:
            continue
        per_speaker[who] = per_speaker.get(who, 0) + 1
        picked.append(q)
        if len(picked) >= limit:
            break
    picked.sort(key=lambda q: (_by_date(articles[q.article_id]), q.start))
    lines = []
    for q in picked:
        text = articles[q.article_id].text[q.start : q.end]
        pieces = [_fact(q.speaker_name or ""), _label(": ")]
        if q.kind == "direct":
            pieces += [_label("“"), _span(text.strip("\"“”'‘’ "), q.article_id), _label("”")]
        else:
            pieces += [_label("(reported) "), _span(text, q.article_id)]
        chain = [r.name for r in q.via if r.name != q.speaker_name]
        if chain:
            pieces += [_label(" (via "), _fact(", ".join(chain)), _label(")")]
        lines.append(Line(tuple(pieces), (q.article_id,)))
    return lines


def figure_sections(claims: Sequence[Claim], articles: dict[str, Article],
                    limit: int = MAX_FIGURES) -> list[Section]:  # fmt: skip
    """One section per figure reported by several articles, changed ones first.

    Incidental counts ("the two leaders") are left out: they are not figures
    anyone claims.
    """
    groups = [g for g in figures_of(claims, articles) if not g.incidental]
    groups.sort(key=lambda g: (not g.differs, -len(g.rows), g.unit, g.about))
    sections = []
    for g in groups[:limit]:
        lines = []
        for row in g.rows:
            c = row.item.claim
            article = articles[c.article_id]
            if not 0 <= c.start < c.end <= len(article.text):
                continue
            pieces = [_fact(article.source or "(unknown outlet)"), _label(", "),
                      _fact(article.published or "undated"), _label(": "),
                      _span(article.text[c.start : c.end], c.article_id)]  # fmt: skip
            if c.attributed_to:
                pieces += [_label(" — citing "), _fact(c.attributed_to[0].name)]
            if row.changed:
                pieces.append(_label(" (differs from the report before)"))
            lines.append(Line(tuple(pieces), (c.article_id,)))
        title = f"Figures: {g.about}" + (" — reports differ" if g.differs else "")
        sections.append(Section(title, tuple(lines)))
    return sections


def coverage_lines(story_cov: Coverage) -> list[Line]:
    """Each outlet, when it first reported, and its first article."""
    lines = []
    for o in story_cov.outlets:
        first = o.first_article
        when = first.published or "an unknown date"
        pieces = [_fact(o.outlet), _label(" — first on "), _fact(when),
                  _label(": "), _fact(first.title or "(untitled)"), _label("; articles: "),
                  _fact(str(len(o.articles))), _label(", quotes: "), _fact(str(len(o.quotes))),
                  _label(", figures: "), _fact(str(len(o.claims)))]  # fmt: skip
        lines.append(Line(tuple(pieces), (first.id,)))
    return lines


# -- choosing the material ------------------------------------------------------------


def find_entities(store: SQLStore, name: str) -> list[tuple[str, str]]:
    """(id, name) of the entities called ``name``: by name, by alias, else by part of a name."""
    needle = name.strip().lower()
    rows = store.query("SELECT id, name FROM entities WHERE LOWER(name) = ? ORDER BY id", (needle,))
    if not rows:
        candidates = store.query(
            "SELECT id, name, data FROM entities WHERE LOWER(data) LIKE ? ORDER BY id",
            ("%" + needle.replace("%", "").replace("_", "") + "%",),
        )
        rows = [(r[0], r[1]) for r in candidates
                if needle in (a.lower() for a in _aliases(r[2]))]  # fmt: skip
    if not rows:
        rows = store.query(
            "SELECT id, name FROM entities WHERE LOWER(name) LIKE ? ORDER BY id LIMIT 20",
            ("%" + needle.replace("%", "").replace("_", "") + "%",),
        )
    if not rows:
        raise ConfigError(f"no entity named {name!r} (try `newsgraph entities --name ...`)")
    return [(r[0], r[1]) for r in rows]


def _aliases(data: str) -> list[str]:
    return list(json.loads(data).get("aliases", []))


def _entity_article_ids(store: SQLStore, ids: Sequence[str]) -> list[str]:
    marks = ", ".join("?" for _ in ids)
    rows = store.query(
        f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks}) "
        f"UNION SELECT DISTINCT article_id FROM quotes WHERE speaker_id IN ({marks}) "
        "UNION SELECT DISTINCT e.article_id FROM events e JOIN event_actors x ON x.event_id = e.id "
        f"WHERE x.entity_id IN ({marks})",
        [*ids, *ids, *ids],
    )
    return sorted(r[0] for r in rows)


def _names(store: SQLStore, events: Sequence[Event]) -> dict[str, str]:
    ids = sorted({a for v in events for a in v.actors})
    names: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        names.update(
            dict(store.query(f"SELECT id, name FROM entities WHERE id IN ({marks})", chunk))
        )
    return names


def brief(
    store: SQLStore,
    story_id: str | None = None,
    entity: str | None = None,
    since: str | None = None,
) -> Briefing:
    """A cited briefing on a story, an entity, or everything since a date (filters combine).

    ``since`` is an ISO date (or a prefix: "2025-06"); articles published on or
    after it are kept. With no filter the whole store is briefed.
    """
    if since is not None and not _ISO_PREFIX.fullmatch(since):
        raise ConfigError(f"since: {since!r} is not a date (use 2025-06-01, 2025-06 or 2025)")
    title_parts: list[str] = []
    ids: list[str] | None = None
    story = None
    if story_id:
        story = load_story(store, story_id)
        ids = story_article_ids(store, story)
        title_parts.append(story.title)
    entity_ids: list[str] = []
    if entity:
        found = find_entities(store, entity)
        entity_ids = [i for i, _ in found]
        mentioned = _entity_article_ids(store, entity_ids)
        ids = mentioned if ids is None else [i for i in ids if i in set(mentioned)]
        title_parts.append(found[0][1])
    if ids is None:
        ids = store.article_ids()
    articles = {a.id: a for a in store.iter_articles(ids)}
    if since:
        articles = {k: a for k, a in articles.items() if a.published and a.published >= since}
        title_parts.append(f"since {since}")
    kept = sorted(articles, key=lambda a: _by_date(articles[a]))
    events = store.events(kept)
    if entity_ids:
        # the entity's events, with the other reports of the same events
        wanted = set(entity_ids)
        own = [v for v in events if wanted & set(v.actors)]
        groups = {v.event_group for v in own if v.event_group}
        events = [v for v in events if v in own or v.event_group in groups]
    quotes = store.records("quotes", kept)
    claims = store.records("claims", kept)
    sections = [
        Section("What happened", tuple(event_lines(events, articles, _names(store, events)))),
        Section("Who said what", tuple(quote_lines(quotes, articles, frozenset(entity_ids)))),
        *figure_sections(claims, articles),
    ]
    if story is not None:
        cov = coverage_of(story, list(articles.values()), quotes, claims)
        sections.append(Section("Coverage", tuple(coverage_lines(cov))))
    sections = [s for s in sections if s.lines]
    title = "Briefing: " + (" · ".join(title_parts) if title_parts else "all articles")
    return Briefing(title, tuple(sections), _sources(sections, articles))


def _sources(sections: Sequence[Section], articles: dict[str, Article]) -> tuple[Source, ...]:
    """The cited articles, numbered in the order they are first cited."""
    order: dict[str, int] = {}
    for section in sections:
        for line in section.lines:
            for a in line.cites:
                order.setdefault(a, len(order) + 1)
    return tuple(
        Source(
            n,
            aid,
            articles[aid].title,
            articles[aid].source,
            articles[aid].url,
            articles[aid].published,
        )  # fmt: skip
        for aid, n in order.items()
    )
