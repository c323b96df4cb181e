"""Readers for JSONL/CSV, HTML, feeds and URLs, and the read_sources entry point.

URL tests run against a real http.server on 127.0.0.1 in a thread; no network.
"""

from __future__ import annotations

import io
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError, FetchError, InputError
from newsgraph.ingest.feed import read_feed
from newsgraph.ingest.html import parse_html
from newsgraph.ingest.jsonl import read_csv, read_jsonl
from newsgraph.ingest.sources import read_sources
from newsgraph.ingest.url import USER_AGENT, Politeness, fetch, make_client
from newsgraph.model import RawArticle

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ferry crews strike over night shifts | Harbour Ledger</title>
<link rel="canonical" href="https://www.harbourledger.example/2025/10/27/ferry-crews-strike">
<meta name="author" content="Rosa Imbert">
<meta property="og:title" content="Ferry crews strike over night shifts">
<meta property="article:published_time" content="2025-10-27T08:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<h1>Ferry crews strike over night shifts</h1>
<p>Crews on the three ferries linking Port Aster with the outer islands stopped work at dawn
on Monday, leaving about 4,000 commuters looking for other ways across the strait.</p>
<p>The crews' union said the operator had added night shifts without agreeing extra pay.
"Nobody asked us," said union steward Pell Odegaard, standing by the closed ticket office.</p>
<p>The operator, Aster Lines, said the new timetable had been announced in August and that
talks with the union would resume on Wednesday.</p>
</article><footer><p>Subscribe to our newsletter for harbour news.</p></footer></body></html>
"""
EMPTY_PAGE = (
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
)
RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Harbour Ledger</title><link>https://www.harbourledger.example/</link>
<item><title>Strike talks to resume</title><link>{link}</link>
<pubDate>Tue, 28 Oct 2025 09:30:00 +0000</pubDate>
<author>desk@harbourledger.example (Rosa Imbert)</author>
<description>&lt;p&gt;Talks resume on &lt;b&gt;Wednesday&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Ferries stay idle.&lt;/p&gt;</description>
</item><item><title>No text here</title><link>{bare}</link></item>
</channel></rss>"""
ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Island Courier</title>
<entry><title>Market opens despite strike</title><link href="https://islandcourier.example/m"/>
<updated>2025-11-01T07:00:00Z</updated><summary>Teaser only.</summary>
<content type="html">&lt;p&gt;The autumn market opened on Saturday.&lt;/p&gt;</content>
</entry></feed>"""


def items(sources: list[str], **options: object) -> list[RawArticle | InputError]:
    return list(read_sources(sources, **options))  # type: ignore[arg-type]


def only_errors(found: list[RawArticle | InputError]) -> list[InputError]:
    return [item for item in found if isinstance(item, InputError)]


# --- JSONL and CSV -------------------------------------------------------------------------


def test_jsonl_keeps_text_verbatim_and_extra_fields_in_metadata() -> None:
    line = {
        "id": "a1",
        "text": "  Ferries idle.\r\n",
        "url": "https://www.x.example/a",
        "desk": "port",
    }
    (article,) = read_jsonl(json.dumps(line), "in.jsonl")
    assert isinstance(article, RawArticle)
    assert article.text == "  Ferries idle.\r\n" and article.verbatim
    assert article.metadata == {"id": "a1", "desk": "port"}
    assert article.source == "x.example" and article.origin == "in.jsonl:1"


def test_jsonl_authors_as_list_or_semicolon_string() -> None:
    text = '{"text": "a", "authors": ["Ann Lee", "Bo Sun"]}\n'
    text += '{"text": "b", "authors": "Ann Lee; Bo Sun"}'
    first, second = read_jsonl(text, "in.jsonl")
    assert first.authors == second.authors == ("Ann Lee", "Bo Sun")  # type: ignore[union-attr]


def test_malformed_jsonl_line_is_reported_and_the_rest_is_read() -> None:
    text = '{"text": "one"}\n{"text": broken\n\n["not", "an object"]\n'
    text += '{"title": "no text"}\n{"text": "two"}'
    found = list(read_jsonl(text, "in.jsonl"))
    assert [a.text for a in found if isinstance(a, RawArticle)] == ["one", "two"]
    assert [(e.origin, e.line) for e in only_errors(found)] == [
        ("in.jsonl", 2),
        ("in.jsonl", 4),
        ("in.jsonl", 5),
    ]


def test_json_array_items_and_body_alias() -> None:
    text = '[{"body": "Ferries idle again.", "story": "strike"}, {"title": "none"}]'
    article, error = read_jsonl(text, "in.json")
    assert isinstance(article, RawArticle) and article.text == "Ferries idle again."
    assert article.origin == "in.json#1" and article.metadata == {"story": "strike"}
    assert isinstance(error, InputError) and error.origin == "in.json#2"


def test_csv_rows_with_multiline_text_and_line_numbers() -> None:
    text = 'id,title,text,published\n7,Strike,"Line one.\nLine two.",2025-10-27\n8,Empty,,\n'
    article, error = read_csv(text, "in.csv")
    assert isinstance(article, RawArticle) and article.text == "Line one.\nLine two."
    assert article.published == "2025-10-27" and article.metadata == {"id": "7"}
    assert isinstance(error, InputError) and error.line == 4


def test_csv_without_text_column_is_one_error() -> None:
    (error,) = read_csv("title,url\nA,https://x.example\n", "in.csv")
    assert isinstance(error, InputError) and "text" in error.reason


# --- HTML and feeds ------------------------------------------------------------------------


def test_html_page_gives_body_title_author_date_canonical_url_outlet() -> None:
    article = parse_html(PAGE, "page.html")
    assert article.title == "Ferry crews strike over night shifts"
    assert article.text.startswith("Crews on the three ferries")
    assert "newsletter" not in article.text and "Home" not in article.text
    assert article.authors == ("Rosa Imbert",) and article.published == "2025-10-27"
    assert article.url == "https://www.harbourledger.example/2025/10/27/ferry-crews-strike"
    assert article.source == "harbourledger.example"


def test_html_page_without_article_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no article text"):
        parse_html(EMPTY_PAGE, "menu.html")


def test_rss_entry_summary_is_stripped_to_paragraphs() -> None:
    found = list(
        read_feed(
            RSS.format(link="https://www.harbourledger.example/t", bare="https://x.example/b"),
            "f.xml",
        )
    )
    article, error = found
    assert isinstance(article, RawArticle) and article.origin == "f.xml#1"
    assert article.text == "Talks resume on Wednesday.\n\nFerries stay idle."
    assert article.authors == ("Rosa Imbert",) and article.source == "harbourledger.example"
    assert article.published == "Tue, 28 Oct 2025 09:30:00 +0000"
    assert isinstance(error, InputError) and error.origin == "f.xml#2"


def test_atom_content_wins_over_summary() -> None:
    (article,) = read_feed(ATOM, "a.xml")
    assert (
        isinstance(article, RawArticle) and article.text == "The autumn market opened on Saturday."
    )


def test_unparseable_feed_is_one_error() -> None:
    (error,) = read_feed(b"<rss><channel><item>unclosed", "bad.xml")
    assert isinstance(error, InputError) and "feed" in error.reason


# --- a local HTTP server -------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"gone"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test); nothing to answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/article": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/feed": (
            200,
            "text/xml",
            RSS.format(link=f"{base}/article", bare=f"{base}/gone").encode(),
        ),
        "/menu": (200, "text/html", EMPTY_PAGE.encode()),
        "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
        "/robots.txt": (200, "text/plain", b"User-agent: newsgraph\nDisallow: /private/\n"),
        "/private/memo": (200, "text/html; charset=utf-8", PAGE.encode()),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page_is_fetched_with_our_user_agent(server: str) -> None:
    (article,) = items([f"{server}/moved"])
    assert (
        isinstance(article, RawArticle) and article.title == "Ferry crews strike over night shifts"
    )
    assert article.origin == f"{server}/moved"
    assert Handler.agents[-1] == USER_AGENT


def test_url_feed_detected_and_fetch_extracts_linked_pages(server: str) -> None:
    plain = items([f"{server}/feed"])
    assert plain[0].text == "Talks resume on Wednesday.\n\nFerries stay idle."  # type: ignore[union-attr]
    fetched = items([f"{server}/feed"], fetch=True)
    article = fetched[0]
    assert isinstance(article, RawArticle) and article.text.startswith("Crews on the three ferries")
    assert article.origin == f"{server}/feed#1" and article.published == "2025-10-27"
    assert isinstance(fetched[1], FetchError) and fetched[1].origin == f"{server}/feed#2"
    assert "404" in fetched[1].reason and len(fetched) == 2


def test_url_404_and_no_article_are_errors(server: str) -> None:
    missing, menu = items([f"{server}/nothing", f"{server}/menu"])
    assert isinstance(missing, FetchError) and "404" in missing.reason
    assert isinstance(menu, InputError) and "no article" in menu.reason


def test_url_timeout_and_size_cap_are_fetch_errors(server: str) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server}/slow", make_client(timeout=0.3))
    with pytest.raises(FetchError, match="cap"):
        fetch(f"{server}/big", max_bytes=1000)
    (error,) = items([f"{server}/slow"], client=make_client(timeout=0.3))
    assert isinstance(error, FetchError)


def test_robots_txt_disallow_is_a_fetch_error_and_the_page_is_not_requested(server: str) -> None:
    before = len(Handler.agents)
    (error,) = items([f"{server}/private/memo"])
    assert isinstance(error, FetchError) and "robots.txt does not allow" in error.reason
    assert len(Handler.agents) == before + 1  # robots.txt only, never the page
    (article,) = items([f"{server}/private/memo"], client=make_client(robots=False))
    assert isinstance(article, RawArticle)


def test_requests_to_one_host_are_spaced_by_the_delay(server: str) -> None:
    client = make_client(delay=0.4)
    start = time.monotonic()
    fetch(f"{server}/article", client)
    fetch(f"{server}/article", client)
    assert time.monotonic() - start >= 0.4


def test_politeness_waits_only_for_the_same_host() -> None:
    now = [100.0]
    slept: list[float] = []
    polite = Politeness(delay=2.0, robots=False, clock=lambda: now[0], sleep=slept.append)
    polite.admit("https://a.example/one", None)  # type: ignore[arg-type]
    now[0] += 0.5
    polite.admit("https://b.example/one", None)  # type: ignore[arg-type]
    polite.admit("https://a.example/two", None)  # type: ignore[arg-type]
    assert slept == [1.5]


def test_robots_server_error_refuses_the_host() -> None:
    polite = Politeness(delay=0)

    class Down:
        def get(self, url: str) -> object:
            return type("R", (), {"status_code": 503, "content": b""})()

    with pytest.raises(FetchError, match="HTTP 503"):
        polite.admit("https://down.example/story", Down())  # type: ignore[arg-type]


# --- read_sources: files, folders, stdin, formats ------------------------------------------


def test_directory_is_read_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second story body.\n")
    (tmp_path / "a.txt").write_text("First story body.\n")
    (tmp_path / ".hidden.txt").write_text("Secret draft.\n")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    found = items([str(tmp_path)])
    assert [a.text for a in found] == ["First story body.", "Second story body."]  # type: ignore[union-attr]


def test_format_detected_by_content_and_overridden(tmp_path: Path) -> None:
    page = tmp_path / "saved"
    page.write_text(PAGE)
    lines = tmp_path / "dump"
    lines.write_text('{"text": "From a dump."}\n')
    page_article, dump_article = items([str(page), str(lines)])
    assert page_article.title == "Ferry crews strike over night shifts"  # type: ignore[union-attr]
    assert dump_article.verbatim  # type: ignore[union-attr]
    (as_text,) = items([str(page)], format="text")
    assert as_text.text.startswith("<!doctype html>")  # type: ignore[union-attr]


def test_unknown_format_name_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="digest, text, jsonl, csv, html, feed"):
        read_sources(["x.txt"], format="pdf")


def test_stdin_is_read_for_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"Title here\n\nBody from a pipe.\nhttps://x.example/p\n"))
    monkeypatch.setattr(sys, "stdin", stream)
    (article,) = items(["-"])
    assert article.origin == "<stdin>:1" and article.url == "https://x.example/p"  # type: ignore[union-attr]


def test_every_bad_input_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = {
        "missing.txt": None,
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "empty.txt": b"  \n\n",
        "latin1.txt": "Caf\u00e9 owners protest.\n".encode("cp1252"),
        "menu.html": EMPTY_PAGE.encode(),
        "broken.xml": b"<?xml version='1.0'?><rss><channel><item>",
        "locked.txt": b"Locked away.\n",
    }
    for name, data in bad.items():
        if data is not None:
            (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("A good story.\n")
    locked = tmp_path / "locked.txt"
    real_read = Path.read_bytes
    monkeypatch.setattr(
        Path,
        "read_bytes",
        lambda self: (
            (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
            if self == locked
            else real_read(self)
        ),
    )
    found = items([str(tmp_path / name) for name in bad] + [str(good)])
    errors = only_errors(found)
    assert [Path(e.origin).name for e in errors] == list(bad)
    reasons = [e.reason for e in errors]
    assert "no such file" in reasons[0] and "binary" in reasons[1] and "empty" in reasons[2]
    assert "UTF-8" in reasons[3] and errors[3].line == 1 and "no article" in reasons[4]
    assert "feed" in reasons[5] and "Permission denied" in reasons[6]
    assert [a.text for a in found if isinstance(a, RawArticle)] == ["A good story."]
