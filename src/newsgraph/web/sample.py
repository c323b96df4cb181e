"""A synthetic store for the web tests, the screenshots and the page benchmark.

The articles are written from templates in our own words about invented
people and outlets; each comes with the extraction records the pipeline would
store (entities with mentions and roles, a quote, a figure, time expressions
and an event), saved through the ``Store`` API, so the web pages see exactly
what a real ingest leaves behind without needing spaCy. Articles about the
same topic in the same fortnight form a story, and outlets disagree on the
figures, so every page has something to show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import (
    Article,
    ArticleEntity,
    Claim,
    Entity,
    Event,
    Extraction,
    Quote,
    SourceRef,
    Story,
    Timex,
)
from ..store.sql import SQLStore

OUTLETS = (
    "northwind.example",
    "meridian-daily.example",
    "harbor-ledger.example",
    "eastern-courier.example",
    "civic-wire.example",
    "lantern-news.example",
)
FIRST = (
    "Elena",
    "Tomas",
    "Ana",
    "Kwame",
    "Mira",
    "Jonas",
    "Leila",
    "Pavel",
    "Ines",
    "Omar",
    "Sofia",
    "Henrik",
    "Amara",
    "Dmitri",
    "Yuki",
    "Rafael",
)
LAST = (
    "Varga",
    "Lind",
    "Ribeiro",
    "Mensah",
    "Castell",
    "Haugen",
    "Nasser",
    "Orlov",
    "Duarte",
    "Achebe",
    "Kowal",
    "Brandt",
    "Sato",
    "Moreau",
    "Quinn",
    "Ferreira",
)
ROLES = (
    "Foreign Minister",
    "Defence Minister",
    "UN envoy",
    "trade commissioner",
    "port authority chief",
    "opposition leader",
)
PLACES = ("Odesa", "Brussels", "Geneva", "Istanbul", "Warsaw", "Vienna", "Ankara", "Riga")
ORGS = (
    "United Nations",
    "Red Cross",
    "European Commission",
    "World Food Programme",
    "Black Sea Shipping Council",
    "Harbour Workers Union",
)
# topic, unit, subject, base figure, event type, mode, verb
TOPICS = (
    ("grain corridor talks", "tonnes", "grain shipped", 420_000, "CONSULT", "meet", "met"),
    ("prisoner exchange", "people", "prisoners released", 230, "CONCEDE", None, "agreed with"),
    ("port reconstruction", "USD", "reconstruction aid", 75_000_000, "AID", None, "pledged aid to"),
    ("border troop build-up", "troops", "troops deployed", 12_000, "MOBILIZE", None, "warned"),
    ("energy sanctions", "barrels", "oil exports", 900_000, "SANCTION", None, "sanctioned"),
)
QUOTES = (
    "We will not accept any deal that leaves our ports closed",
    "The talks were difficult but they were honest",
    "Every week of delay costs lives and livelihoods",
    "Our partners have given us their word, and we expect them to keep it",
    "Nobody should mistake patience for weakness",
)


@dataclass
class _Text:
    """Text built piece by piece, remembering where each piece landed."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _people(n: int) -> list[tuple[str, str]]:
    names = [f"{f} {last}" for last in LAST for f in FIRST]
    return [
        (f"p{i:04d}", names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}"))
        for i in range(n)
    ]


def build(
    store: SQLStore,
    articles: int = 60,
    people: int = 40,
    seed: int = 7,
    start: date = date(2025, 6, 2),
) -> list[str]:
    """Fill ``store`` with ``articles`` synthetic articles; returns their ids."""
    rng = random.Random(seed)
    persons = _people(people)
    for pid, name in persons:
        store.upsert_entity(Entity(pid, name, "PERSON", (name.split()[-1],)), [name.lower()])
    for i, org in enumerate(ORGS):
        store.upsert_entity(Entity(f"o{i}", org, "ORG"), [org.lower()])
    for i, place in enumerate(PLACES):
        store.upsert_entity(Entity(f"g{i}", place, "GPE"), [place.lower()])
    ids: list[str] = []
    stories: dict[str, list[tuple[str, str]]] = {}
    batch: list[tuple[Article, Extraction, dict[str, str]]] = []
    for n in range(articles):
        t = n % len(TOPICS)
        day = start + timedelta(days=n * 150 // max(articles, 1) + rng.randint(0, 3))
        story_id = f"s{t}-{(day - start).days // 14}"
        a, b = rng.sample(range(len(persons)), 2)
        article, extraction, keys = _article(n, rng, persons[a], persons[b], t, day, story_id)
        batch.append((article, extraction, keys))
        stories.setdefault(story_id, []).append((article.id, article.published or ""))
        ids.append(article.id)
        if len(batch) == 500 or n == articles - 1:
            store.add_articles([x[0] for x in batch])
            for _, ex, k in batch:
                store.save_extraction(ex, k)
            batch = []
    for sid, members in stories.items():
        dates = sorted(d for _, d in members)
        topic = TOPICS[int(sid[1:].split("-")[0])][0]
        store.save_story(
            Story(
                sid,
                f"{topic.capitalize()} ({dates[0][:10]})",
                tuple(i for i, _ in members),
                dates[0],
                dates[-1],
            )
        )
    return ids


def _article(
    n: int,
    rng: random.Random,
    a: tuple[str, str],
    b: tuple[str, str],
    t: int,
    day: date,
    story_id: str,
) -> tuple[Article, Extraction, dict[str, str]]:
    topic, unit, subject, base, etype, mode, verb = TOPICS[t]
    aid = f"art{n:05d}"
    outlet = OUTLETS[(n * 7 + t) % len(OUTLETS)]
    place_i = rng.randrange(len(PLACES))
    org_i = rng.randrange(len(ORGS))
    role_a, role_b = rng.choice(ROLES), rng.choice(ROLES)
    # outlets disagree: each reports the base figure scaled by its own factor
    value = float(round(base * (0.8 + 0.1 * (OUTLETS.index(outlet) % 4))))
    weekday = day.strftime("%A")
    tx = _Text()
    place = tx.add(PLACES[place_i])
    tx.add(f", {day.isoformat()} — ")
    a1 = tx.add(a[1])
    tx.add(f", the {role_a}, {verb} ")
    b1 = tx.add(b[1])
    tx.add(" on ")
    wd = tx.add(weekday)
    tx.add(f" as the {topic} entered a new phase.\n\n")
    tx.add("\u201c")
    quote_text = rng.choice(QUOTES)
    qt = tx.add(quote_text)
    tx.add(",\u201d ")
    a2 = tx.add(a[1].split()[-1])
    tx.add(" ")
    cue = tx.add("said")
    tx.add(" after the meeting.\n\n")
    tx.add("According to the ")
    org = tx.add(ORGS[org_i])
    tx.add(", about ")
    figure_text = f"{value:,.0f} {unit}"
    fig = tx.add(figure_text)
    tx.add(
        f" were counted as {subject} by the end of the month, a figure other outlets "
        "reported differently.\n\n"
    )
    b2 = tx.add(b[1].split()[-1])
    tx.add(" is expected to travel to ")
    place2 = tx.add(PLACES[(place_i + 1) % len(PLACES)])
    tx.add(" ")
    nm = tx.add("next month")
    tx.add(" for a further round of talks.")
    text = tx.text()
    published = day.isoformat()
    article = Article(
        id=aid,
        title=f"{a[1]} {verb} {b[1]} amid {topic}",
        text=text,
        url=f"https://{outlet}/{day.year}/{day.month:02d}/{aid}",
        source=outlet,
        published=published,
        language="en",
        authors=(f"{rng.choice(FIRST)} {rng.choice(LAST)}",),
        story_id=story_id,
        published_granularity="day",
        content_hash=f"h{aid}",
        duplicate_of=f"art{n - 5:05d}" if n % 10 == 9 and n >= 5 else None,
    )
    ents = (
        ArticleEntity("e0", a[1], "PERSON", (a1, a2), roles=(role_a,)),
        ArticleEntity("e1", b[1], "PERSON", (b1, b2), roles=(role_b,)),
        ArticleEntity("e2", PLACES[place_i], "GPE", (place,)),
        ArticleEntity("e3", ORGS[org_i], "ORG", (org,)),
        ArticleEntity("e4", PLACES[(place_i + 1) % len(PLACES)], "GPE", (place2,)),
    )
    keys = {
        "e0": a[0],
        "e1": b[0],
        "e2": f"g{place_i}",
        "e3": f"o{org_i}",
        "e4": f"g{(place_i + 1) % len(PLACES)}",
    }
    quote = Quote(
        f"{aid}-q0",
        aid,
        "direct",
        quote_text,
        qt[0],
        qt[1],
        "e0",
        a[1],
        a2[0],
        a2[1],
        "said",
        cue[0],
        cue[1],
    )
    claim = Claim(
        f"{aid}-c0",
        aid,
        value,
        None,
        "about",
        figure_text,
        unit,
        subject,
        fig[0],
        fig[1],
        (SourceRef(ORGS[org_i], "e3"),),
        published[:7],
    )
    timexes = (
        Timex(f"{aid}-t0", aid, weekday, wd[0], wd[1], "DATE", published),
        Timex(
            f"{aid}-t1",
            aid,
            "next month",
            nm[0],
            nm[1],
            "DATE",
            (day.replace(day=1) + timedelta(days=32)).isoformat()[:7],
        ),
    )
    sentence_end = text.index("\n\n")
    event = Event(
        f"{aid}-v0",
        aid,
        etype,
        mode,
        "e0",
        "e1",
        ("e0", "e1"),
        published,
        None,
        "day",
        weekday,
        PLACES[place_i],
        "occurred",
        verb,
        text[:sentence_end],
        a1[0],
        b1[1],
        event_group=f"{story_id}-{etype}",
        source_name=a[1],
        target_name=b[1],
    )
    return article, Extraction(aid, ents, (quote,), (claim,), timexes, (event,)), keys
