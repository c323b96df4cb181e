"""The text digest splitter: each rule of docs/digest-format.md, on our own articles."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.digest import read_digest, split_blocks
from newsgraph.model import RawArticle

SEVERAL = """\
Bridge over the Vell river reopens after repairs

MARROW (Valley Herald) — The Vell bridge reopened on Thursday after eight months of repairs.

“It took longer than we promised, and I apologise,” roads director Ilse Maren told reporters.

### Tolls return in spring

Tolls will return in April. The office expects 12,000 vehicles a day, up from 9,000 before.

___

Valley Herald writer Jonas Petrak contributed from Marrow.
https://www.valleyherald.example/region/2025/03/vell-bridge-reopens/
Maren says delays were 'regrettable'

The roads director called the delays regrettable in a short statement on Friday.
https://meridian-tv.example/clips/maren-delays-regrettable/

Traders welcome the reopened crossing

Market traders on the east bank said trade had fallen by a third while the bridge was closed.

Several hoped the tolls would stay low. One baker called it "the best news this year".
https://kestrelpost.example/business/traders-welcome-crossing-a-998877
"""

LONE = """\
The Vell bridge reopened on Thursday, eight months after it was closed for repairs.
Roads director Ilse Maren said tolls would return in April.
Read more:
- Traders welcome the reopened crossing
- Maren apologises for bridge delays
"""


def articles(text: str) -> list[RawArticle]:
    found = list(read_digest(text, "digest.txt"))
    assert all(isinstance(item, RawArticle) for item in found), found
    return found  # type: ignore[return-value]


def test_several_articles_split_into_titles_and_urls() -> None:
    found = articles(SEVERAL)
    assert [a.title for a in found] == [
        "Bridge over the Vell river reopens after repairs",
        "Maren says delays were 'regrettable'",
        "Traders welcome the reopened crossing",
    ]
    assert [a.url for a in found] == [
        "https://www.valleyherald.example/region/2025/03/vell-bridge-reopens/",
        "https://meridian-tv.example/clips/maren-delays-regrettable/",
        "https://kestrelpost.example/business/traders-welcome-crossing-a-998877",
    ]
    assert [a.origin for a in found] == ["digest.txt:1", "digest.txt:15", "digest.txt:20"]


def test_outlet_comes_from_the_url_host() -> None:
    assert [a.source for a in articles(SEVERAL)] == [
        "valleyherald.example",
        "meridian-tv.example",
        "kestrelpost.example",
    ]


def test_subheading_stays_in_the_body() -> None:
    body = articles(SEVERAL)[0].text
    assert "### Tolls return in spring\n\nTolls will return in April." in body


def test_separator_ends_body_and_credit_goes_to_metadata() -> None:
    first = articles(SEVERAL)[0]
    assert first.text.endswith("up from 9,000 before.")
    assert "___" not in first.text and "Petrak" not in first.text
    assert first.metadata["credit"] == "Valley Herald writer Jonas Petrak contributed from Marrow."


def test_one_sentence_body_is_an_article() -> None:
    clip = articles(SEVERAL)[1]
    assert (
        clip.text
        == "The roads director called the delays regrettable in a short statement on Friday."
    )


def test_next_article_may_follow_the_url_without_blank_line() -> None:
    text = "First title\n\nFirst body.\nhttps://a.example/1\nSecond title\n\nSecond body.\nhttps://b.example/2\n"
    found = articles(text)
    assert [(a.title, a.text) for a in found] == [
        ("First title", "First body."),
        ("Second title", "Second body."),
    ]


def test_lone_article_has_no_title_and_no_url() -> None:
    (lone,) = articles(LONE)
    assert lone.title is None and lone.url is None and lone.source is None
    assert lone.text == (
        "The Vell bridge reopened on Thursday, eight months after it was closed for repairs.\n"
        "Roads director Ilse Maren said tolls would return in April."
    )


def test_read_more_list_is_related_links_not_body() -> None:
    (lone,) = articles(LONE)
    assert lone.related_links == (
        "Traders welcome the reopened crossing",
        "Maren apologises for bridge delays",
    )
    assert "Read more" not in lone.text


def test_read_more_without_list_items_stays_body() -> None:
    (lone,) = articles("A short note on the bridge.\nRead more:\nThe office will say more.\n")
    assert lone.related_links == () and "Read more:" in lone.text


def test_sentence_before_blank_line_is_not_a_title() -> None:
    text = "The bridge reopened on Thursday.\n\nTolls return in April.\nhttps://a.example/x\n"
    (only,) = articles(text)
    assert only.title is None
    assert only.text == "The bridge reopened on Thursday.\n\nTolls return in April."


def test_crlf_line_endings_split_the_same() -> None:
    assert articles(SEVERAL.replace("\n", "\r\n")) == articles(SEVERAL)


def test_url_with_no_text_before_it_is_an_input_error() -> None:
    found = list(read_digest("Title\n\nBody.\nhttps://a.example/1\nhttps://b.example/2\n", "d.txt"))
    assert isinstance(found[0], RawArticle)
    assert isinstance(found[1], InputError) and found[1].line == 5


# --- properties: splitting never loses or invents text -------------------------------------

WORDS = st.text(alphabet=string.ascii_letters + "’'“”,", min_size=1, max_size=8)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)
TITLE = st.lists(st.text(string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=8).map(
    " ".join
)
SLUG = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)
ARTICLE = st.tuples(TITLE, st.lists(PARAGRAPH, min_size=1, max_size=4), SLUG, st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, min_size=1, max_size=5))
def test_well_formed_digest_round_trips(items: list[tuple[str, list[str], str, bool]]) -> None:
    parts = []
    for title, paragraphs, slug, gap in items:
        parts.append(f"{title}\n\n" + "\n\n".join(paragraphs) + f"\nhttps://x.example/{slug}\n")
        parts.append("\n" if gap else "")
    found = articles("".join(parts))
    assert [(a.title, a.text, a.url) for a in found] == [
        (title, "\n\n".join(paragraphs), f"https://x.example/{slug}")
        for title, paragraphs, slug, _ in items
    ]


LINE = st.one_of(
    st.just(""),
    st.just("___"),
    st.just("Read more:"),
    st.just("### Aside"),
    SENTENCE,
    TITLE,
    WORDS.map(lambda w: f"- {w}"),
    SLUG.map(lambda s: f"https://x.example/{s}"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=30))
def test_every_non_blank_line_lands_in_exactly_one_role(lines: list[str]) -> None:
    text = "\n".join(lines)
    numbers = [n for block in split_blocks(text) for n in block.line_numbers()]
    expected = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert sorted(numbers) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=30))
def test_body_text_is_exactly_the_body_lines(lines: list[str]) -> None:
    for block in split_blocks("\n".join(lines)):
        body_lines = [line.text for line in block.body if line.text]
        assert [x for x in block.body_text.split("\n") if x] == body_lines
        for line in block.body:
            assert lines[line.number - 1] == line.text
