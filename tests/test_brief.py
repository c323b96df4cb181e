"""Briefings and coverage over a small store built by hand: cited, extractive, escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from newsgraph.brief import brief
from newsgraph.coverage import coverage
from newsgraph.errors import ConfigError
from newsgraph.link.events import group_events
from newsgraph.model import (
    Article,
    ArticleEntity,
    Claim,
    Entity,
    Event,
    Extraction,
    Quote,
    SourceRef,
    Story,
)  # fmt: skip
from newsgraph.store.sqlite import SQLiteStore

TEXTS = {
    "a": ("Dock workers in Port Amsel walked out on Friday over pay. "
          "“Wages have not moved in six years,” said union leader Mara Kessel. "
          "The union said 4,000 workers joined the strike."),
    "b": ("About 6,000 dock workers were on strike in Port Amsel on Friday, "
          "the port authority said. "
          "Transport minister Ivo Brandt called the strike illegal. "
          "“We will not be <b>held hostage</b> by a union & its bosses,” Brandt said."),
    "c": ("Transport minister Ivo Brandt met port owners in Amsel on Thursday. "
          "“The port must reopen this summer,” Brandt said after the talks."),
}  # fmt: skip
META = {  # id: (title, outlet, published, story)
    "a": (
        "Dockers strike in Port Amsel <script>alert(1)</script>",
        "Wire One",
        "2025-05-02",
        "s-strike",
    ),
    "b": ("Minister condemns dock strike", "Daily Lantern", "2025-05-03", "s-strike"),
    "c": ("Brandt meets port owners", "Harbour Gazette", "2025-07-11", "s-talks"),
}
ENTITIES = {"union": ("Amsel Dockers' Union", "ORG"), "kessel": ("Mara Kessel", "PERSON"),
            "brandt": ("Ivo Brandt", "PERSON"), "amsel": ("Port Amsel", "GPE")}  # fmt: skip


def span(aid: str, part: str) -> tuple[int, int]:
    start = TEXTS[aid].index(part)
    return start, start + len(part)


def sentence(aid: str, part: str) -> tuple[str, int, int]:
    text = TEXTS[aid]
    start = text.rindex(". ", 0, text.index(part)) + 2 if ". " in text[: text.index(part)] else 0
    end = text.index(".", text.index(part)) + 1
    return text[start:end], start, end


def event(aid: str, type: str, part: str, date: str, date_text: str, actors: tuple[str, ...],
          location: str | None = None) -> Event:  # fmt: skip
    text, start, end = sentence(aid, part)
    return Event(f"{aid}-v0", aid, type, None, actors[0], None, actors, date, None, "day",
                 date_text, location, "occurred", part, text, start, end)  # fmt: skip


def quote(aid: str, part: str, speaker: str) -> Quote:
    start, end = span(aid, part)
    return Quote(f"{aid}-q0", aid, "direct", part, start, end, speaker, ENTITIES[speaker][0])


def claim(aid: str, value: float, part: str, subject: str, source: str) -> Claim:
    start, end = span(aid, part)
    return Claim(f"{aid}-c0", aid, value, None, "exact", part.split()[-2], "workers", subject,
                 start, end, (SourceRef(source),))  # fmt: skip


def mentions(aid: str) -> tuple[ArticleEntity, ...]:
    out = []
    for key, (name, kind) in ENTITIES.items():
        found = [m.span() for m in re.finditer(re.escape(name.split()[-1]), TEXTS[aid])]
        if found:
            out.append(ArticleEntity(key, name, kind, tuple(found)))
    return tuple(out)


EXTRACTIONS = {
    "a": dict(events=(event("a", "PROTEST", "walked out", "2025-05-02", "on Friday", ("union",)),),
              quotes=(quote("a", "Wages have not moved in six years,", "kessel"),),
              claims=(claim("a", 4000, "4,000 workers", "workers joined the strike",
                            "The union"),)),
    "b": dict(events=(event("b", "PROTEST", "on strike", "2025-05-02", "on Friday", ("union",),
                            "Port Amsel"),),
              quotes=(quote("b", "We will not be <b>held hostage</b> by a union & its bosses,",
                            "brandt"),),
              claims=(claim("b", 6000, "6,000 dock workers", "dock workers on strike",
                            "the port authority"),)),
    "c": dict(events=(event("c", "CONSULT", "met port owners", "2025-07-10", "on Thursday",
                            ("brandt",), "Amsel"),),
              quotes=(quote("c", "The port must reopen this summer,", "brandt"),)),
}  # fmt: skip


@pytest.fixture
def store(tmp_path):
    db = SQLiteStore(tmp_path / "brief.db")
    db.add_articles([
        Article(aid, title, TEXTS[aid], f"https://{outlet.split()[0].lower()}.example/{aid}",
                outlet, published, "en", story_id=story)
        for aid, (title, outlet, published, story) in META.items()
    ])  # fmt: skip
    for key, (name, kind) in ENTITIES.items():
        db.upsert_entity(Entity(f"ent-{key}", name, kind), [key])
    for aid, records in EXTRACTIONS.items():
        db.save_extraction(Extraction(aid, entities=mentions(aid), **records),
                           {k: f"ent-{k}" for k in ENTITIES})  # fmt: skip
    for sid, title in (("s-strike", "Port Amsel dock strike"), ("s-talks", "Port talks")):
        ids = tuple(a for a, m in META.items() if m[3] == sid)
        db.save_story(Story(sid, title, ids, META[ids[0]][2], META[ids[-1]][2]))
    articles = {a.id: a for a in db.iter_articles()}
    db.set_event_groups(group_events(db.events(), articles, {a: m[3] for a, m in META.items()}))
    yield db
    db.close()


def cited_sources(md: str) -> set[str]:
    """Article ids of the source list; fails if a content line lacks a valid citation."""
    body, _, sources = md.partition("\n## Sources")
    listed = dict(re.findall(r"^(\d+)\. .* · article (\w+)", sources, re.M))
    for line in body.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cites = re.search(r"((?:\[\d+\])+)$", line)
        assert cites, f"uncited line: {line!r}"
        assert all(n in listed for n in re.findall(r"\d+", cites.group(1))), line
    return set(listed.values())


def test_every_line_of_a_story_briefing_is_cited(store) -> None:
    md = brief(store, story_id="s-strike").markdown()
    assert cited_sources(md) == {"a", "b"}
    headings = [h for h in md.splitlines() if h.startswith("## ")]
    assert headings[:2] + headings[3:] == [
        "## What happened", "## Who said what", "## Coverage", "## Sources (2)"]  # fmt: skip
    # labelled by a subject an article wrote, not by a bag of words
    assert headings[2] == "## Figures: dock workers on strike — reports differ"
    # one strike reported by two outlets: one line citing both
    (strike,) = [line for line in md.splitlines() if line.startswith("- **2025-05-02**")]
    assert strike.endswith("[1][2]")


def test_briefing_is_extractive(store) -> None:
    b = brief(store, story_id="s-strike")
    texts = {aid: " ".join(t.split()) for aid, t in TEXTS.items()}
    spans = [p for s in b.sections for line in s.lines for p in line.pieces if p.kind == "span"]
    assert spans
    for piece in spans:
        assert " ".join(piece.text.split()) in texts[piece.article_id]
    figures = next(s for s in b.sections if s.title.startswith("Figures"))
    assert [line.cites for line in figures.lines] == [("a",), ("b",)]
    assert "differs" in figures.lines[1].text


def test_html_escapes_every_text(store) -> None:
    page = brief(store, story_id="s-strike").html()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "&lt;b&gt;held hostage&lt;/b&gt; by a union &amp; its" in page

    class Tags(HTMLParser):
        seen: set[str] = set()

        def handle_starttag(self, tag, attrs):
            self.seen.add(tag)

    parser = Tags()
    parser.feed(page)
    assert parser.seen <= {"html", "head", "meta", "title", "style", "body", "h1", "h2",
                           "section", "ul", "ol", "li", "span", "sup", "a"}  # fmt: skip
    assert 'href="https://wire.example/a"' in page and 'id="s1"' in page


def test_entity_and_since_filters(store) -> None:
    by_brandt = brief(store, entity="ivo brandt")
    assert by_brandt.title == "Briefing: Ivo Brandt"
    assert {s.article_id for s in by_brandt.sources} == {"b", "c"}
    said = next(s for s in by_brandt.sections if s.title == "Who said what")
    assert all(line.pieces[0].text == "Ivo Brandt" for line in said.lines)
    assert {s.article_id for s in brief(store, since="2025-06-01").sources} == {"c"}
    both = brief(store, story_id="s-strike", since="2025-05-03")
    assert {s.article_id for s in both.sources} == {"b"}
    with pytest.raises(ConfigError, match="no entity named"):
        brief(store, entity="Nobody Known")
    with pytest.raises(ConfigError, match="not a date"):
        brief(store, since="last week")
    with pytest.raises(ConfigError, match="no story"):
        brief(store, story_id="s-missing")


def test_coverage_of_a_story(store) -> None:
    cov = coverage(store, "s-strike")
    assert [(o.outlet, o.first_seen) for o in cov.outlets] == [
        ("Wire One", "2025-05-02"), ("Daily Lantern", "2025-05-03")]  # fmt: skip
    assert [q.speaker_name for q in cov.outlets[1].quotes] == ["Ivo Brandt"]
    assert [c.value for c in cov.outlets[0].claims] == [4000]
    (figure,) = cov.disputed
    assert figure.outlets == ("Wire One", "Daily Lantern")
    (strike,) = cov.events  # one event, two reports
    assert (strike.type, strike.date, strike.article_ids) == ("PROTEST", "2025-05-02", ("a", "b"))
