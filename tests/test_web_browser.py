"""The web UI in a real browser (Debian's Chromium through Playwright).

Each page is opened on a synthetic store and checked for what a reader looks
for; with NEWSGRAPH_SCREENSHOTS=1 the screenshots land in docs/screenshots/ for the
README. The XSS test stores
an article whose every field carries script payloads and proves none runs.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsgraph.model import (
    Article,
    ArticleEntity,
    Claim,
    Event,
    Extraction,
    Quote,
    SourceRef,
    Story,
    Timex,
)
from newsgraph.store.sqlite import SQLiteStore
from newsgraph.web import sample
from newsgraph.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
# The README's screenshots are rewritten only on request (NEWSGRAPH_SCREENSHOTS=1), so a
# test run leaves the tree clean; otherwise they go to a scratch folder.
SHOTS = (Path(__file__).resolve().parents[1] / "docs" / "screenshots"
         if os.environ.get("NEWSGRAPH_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "newsgraph-screenshots")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(
        "Chromium not found at /usr/bin/chromium (apt-get install chromium, or make browser)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@contextmanager
def running(db: Path) -> Iterator[str]:
    """uvicorn serving ``db`` on a free local port, in a thread."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    store = SQLiteStore(db)
    sample.build(store, articles=240)
    store.close()
    with running(db) as url:
        yield url


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def shot(page, name: str, full: bool = False) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_home_and_search(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site + "/")
    assert page.locator(".stat b").first.inner_text() == "240"
    shot(page, "home")
    page.fill(".quick input", "grain")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=grain")
    assert page.locator("ol.hits > li").count() == 20
    assert page.locator(".snippet mark").first.inner_text().lower() == "grain"
    assert page.locator(".facets h3", has_text="Outlet").count() == 1
    shot(page, "search")
    page.locator(".facet a").first.click()  # narrow by the top outlet
    assert "source=" in page.url and page.locator("ol.hits > li").count() > 0
    assert page.errors == []


def test_article_entity_story_figures(site: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(site + "/articles/art00042")
    assert page.locator("a.hl-entity").count() >= 5
    assert page.locator(".hl-quote").count() > 0 and page.locator(".hl-claim").count() > 0
    assert page.locator(".quotes blockquote").count() == 1
    shot(page, "article", full=True)
    page.locator("a.hl-entity.t-PERSON").first.click()
    page.wait_for_selector("#mentions-chart canvas")
    page.wait_for_selector("#actor-graph canvas")
    assert page.locator(".events .event").count() > 0
    shot(page, "entity")
    page.goto(site + "/stories")
    page.locator("table.data a").first.click()
    page.wait_for_selector("#coverage-chart canvas")
    assert page.locator("#briefing h2").inner_text() == "Briefing"
    assert page.locator(".side-by-side .fig").count() >= 2  # outlets disagree on the figure
    shot(page, "story", full=True)
    page.locator("#briefing a").click()
    assert page.locator("h1").inner_text().startswith("Briefing")
    assert page.locator("ul.brief li sup a").count() > 0  # every line cites an article
    assert page.locator("ol.sources li").count() >= 2
    shot(page, "briefing")
    page.goto(site + "/figures?unit=troops")
    page.wait_for_selector("#figures-chart canvas")
    assert page.locator("table.data tbody tr").count() > 5
    shot(page, "figures")
    page.goto(site + "/entities?type=GPE")
    assert page.locator("table.data tbody tr").count() == len(sample.PLACES)
    assert page.errors == []


PAYLOADS = (
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    '"><svg onload=alert(3)>',
    "';alert(4);//",
)


def _hostile_store(path: Path) -> None:
    """One article whose title, body, URL, outlet and every record carry payloads."""
    text = "Intro. " + " ".join(PAYLOADS) + ' The minister said "' + PAYLOADS[1] + '" today.'
    store = SQLiteStore(path)
    store.add_articles(
        [
            Article(
                id="evil1",
                title="Breaking " + PAYLOADS[0] + PAYLOADS[1],
                text=text,
                url="javascript:window.__xss=5;alert(5)",
                source="evil" + PAYLOADS[2],
                published="2025-10-01",
                language="en",
                authors=(PAYLOADS[3],),
                story_id="s-evil",
                content_hash="evil",
            )
        ]
    )
    name = "Evil " + PAYLOADS[1]
    from newsgraph.model import Entity

    store.upsert_entity(Entity("x" + PAYLOADS[2], name, "PERSON", (PAYLOADS[0],)), ["evil"])
    store.upsert_entity(Entity("ok", "Calm Person", "PERSON"), ["calm"])
    q = text.index(PAYLOADS[1], len("Intro. ") + 60)
    ents = (
        ArticleEntity("e0", name, "PERSON", ((7, 50),), roles=(PAYLOADS[0],)),
        ArticleEntity("e1", "Calm Person", "PERSON", ((0, 5),)),
    )
    store.save_extraction(
        Extraction(
            "evil1",
            ents,
            (
                Quote(
                    "evil1-q0", "evil1", "direct", PAYLOADS[1], q, q + len(PAYLOADS[1]), "e0", name
                ),
            ),
            (
                Claim(
                    "evil1-c0",
                    "evil1",
                    5.0,
                    None,
                    "about",
                    PAYLOADS[0],
                    PAYLOADS[2],
                    PAYLOADS[1],
                    0,
                    5,
                    (SourceRef(PAYLOADS[0]),),
                ),
            ),
            (
                Timex(
                    "evil1-t0", "evil1", "today", len(text) - 6, len(text) - 1, "DATE", "2025-10-01"
                ),
            ),
            (
                Event(
                    "evil1-v0",
                    "evil1",
                    "CONSULT",
                    PAYLOADS[2],
                    "e0",
                    "e1",
                    ("e0", "e1"),
                    "2025-10-01",
                    None,
                    "day",
                    None,
                    PAYLOADS[1],
                    "occurred",
                    PAYLOADS[0],
                    PAYLOADS[1],
                    0,
                    12,
                    source_name=name,
                    target_name="Calm Person",
                ),
            ),
        ),
        {"e0": "x" + PAYLOADS[2], "e1": "ok"},
    )
    store.save_story(
        Story("s-evil", "Story " + PAYLOADS[0], ("evil1",), "2025-10-01", "2025-10-01")
    )
    store.close()


def test_script_payloads_never_run(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "evil.db"
    _hostile_store(db)
    dialogs: list[str] = []
    csp: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on(
        "console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None
    )
    from urllib.parse import quote

    evil_entity = "/entities/" + quote("x" + PAYLOADS[2], safe="")
    with running(db) as site:
        for path in (
            "/",
            "/articles/evil1",
            "/search?q=script",
            "/search?q=minister",
            evil_entity,
            "/entities",
            "/stories",
            "/stories/s-evil",
            "/stories/s-evil/briefing",
            "/figures?unit=" + quote(PAYLOADS[2]),
            "/api/articles/evil1",
        ):
            page.goto(site + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(150)
            assert page.evaluate("window.__xss") is None, path
            assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
            assert page.locator("[onerror], [onload]").count() == 0, path
            assert page.locator("a[href^='javascript']").count() == 0, path
        page.goto(site + "/articles/evil1")
        assert PAYLOADS[0] in page.locator("h1").inner_text()  # shown as text, not run
        hrefs = page.locator("a.hl-entity").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
        assert len(set(hrefs)) == 2  # both entities linked, the hostile id percent-encoded
    assert dialogs == [] and csp == [] and page.errors == []
