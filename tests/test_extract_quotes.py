"""Quotes, reported speech, speakers and chains on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.extract.annotate import parse
from newsgraph.extract.quotes import extract_quotes
from newsgraph.model import ArticleEntity, Quote

_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}


def entities_of(doc) -> list[ArticleEntity]:  # type: ignore[no-untyped-def]
    """ArticleEntities straight from spaCy's NER, one per distinct text (tests only)."""
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        if ent.label_ in _TYPES:
            label = "ORG" if ent.label_ == "FAC" else ent.label_
            found.setdefault(
                (ent.text.removeprefix("the ").removeprefix("The "), label), []
            ).append((ent.start_char, ent.end_char))
    # Surnames alone ("Ruiz") join the full name seen earlier ("Ana Ruiz").
    merged: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for (name, label), spans in found.items():
        full = next(
            (k for k in merged if k[1] == label == "PERSON" and k[0].endswith(" " + name)), None
        )
        merged.setdefault(full or (name, label), []).extend(spans)
    return [
        ArticleEntity(f"e{i}", name, label, tuple(sorted(spans)))
        for i, ((name, label), spans) in enumerate(merged.items())
    ]


def article_entities(doc) -> list[ArticleEntity]:  # type: ignore[no-untyped-def]
    """The pipeline's entities when that stage is importable, else the NER helper."""
    try:
        from newsgraph.extract.entities import extract_entities
    except ImportError:
        return entities_of(doc)
    return list(extract_entities(doc).entities)


def quotes(text: str) -> list[Quote]:
    doc = parse(text)
    return extract_quotes(doc, "a1", article_entities(doc))


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


# 1. direct quotes ------------------------------------------------------------


def test_direct_speaker_after() -> None:
    q = only('"We will not sign this treaty," Foreign Minister Ana Ruiz said on Monday.')
    assert (q.kind, q.text, q.speaker_name, q.cue) == (
        "direct",
        "We will not sign this treaty,",
        "Ana Ruiz",
        "said",
    )
    assert q.id == "a1-q0" and q.speaker_id is not None


def test_direct_speaker_before_with_colon_and_curly_marks() -> None:
    q = only("Tomas Berg told the crowd: “The border stays open. Nobody will close it.”")
    assert q.kind == "direct" and q.speaker_name == "Tomas Berg"
    assert q.text == "The border stays open. Nobody will close it."


def test_interrupted_quote_is_one_quote() -> None:
    q = only('"The talks were useful," Tomas Berg said. "But nothing is settled yet."')
    assert q.kind == "direct" and q.speaker_name == "Tomas Berg"
    assert "useful" in q.text and "settled" in q.text and "said" not in q.text


def test_quote_over_paragraphs_is_one_quote() -> None:
    text = (
        "Mayor Lena Dahl described the night of the flood.\n\n"
        '"We heard the sirens just after midnight.\n\n'
        '"Then the power went out and the water kept rising," she said.'
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].speaker_name == "Lena Dahl" and "sirens" in found[0].text


def test_speaker_in_previous_sentence() -> None:
    q = only('Ana Ruiz spoke after the vote in Madrid. "This is a good day for farmers."')
    assert q.kind == "direct" and q.speaker_name == "Ana Ruiz"


def test_speaker_in_following_he_added() -> None:
    text = (
        'Tomas Berg spoke first. "The harbour will reopen in May." He added that fees would rise.'
    )
    found = quotes(text)
    direct = next(q for q in found if q.kind == "direct")
    assert direct.speaker_name == "Tomas Berg"


@pytest.mark.parametrize(
    "text",
    [
        "The ministers' talks ended late, and Reuters' report was short.",
        "The ministers’ talks ended late, and Reuters’ report was short.",
        "Ana Ruiz's aides left the farmers' union hall before the vote.",
    ],
)
def test_apostrophes_are_never_quote_marks(text: str) -> None:
    assert [q for q in quotes(text) if q.kind in ("direct", "partial")] == []


# 2. partial quotes -----------------------------------------------------------


def test_partial_quote_inside_a_clause() -> None:
    q = only('The minister praised the "constructive spirit" of the talks in Oslo.')
    assert (q.kind, q.text, q.speaker_name, q.cue) == (
        "partial",
        "constructive spirit",
        "The minister",
        "praised",
    )


def test_quote_inside_reported_speech_is_mixed() -> None:
    q = only('Ana Ruiz said the new tariffs were "a mistake we will correct" before spring.')
    assert q.kind == "mixed" and q.speaker_name == "Ana Ruiz"


# 3. indirect speech ----------------------------------------------------------


def test_indirect_with_that_clause() -> None:
    q = only("Angela Merkel said on Friday that the sanctions would stay until the troops left.")
    assert (q.kind, q.cue, q.speaker_name) == ("indirect", "said", "Angela Merkel")
    assert q.text == "that the sanctions would stay until the troops left"


def test_indirect_without_that() -> None:
    q = only("The president suggested he could lift the tariffs if Beijing cut its duties.")
    assert (q.kind, q.cue) == ("indirect", "suggested")
    assert q.text.startswith("he could lift the tariffs")


def test_participle_adding_keeps_the_speaker() -> None:
    found = quotes(
        "Dmitry Peskov told CNN that Moscow would respond, adding that nothing was decided."
    )
    assert [q.speaker_name for q in found] == ["Dmitry Peskov", "Dmitry Peskov"]
    assert "adding" not in found[0].text


# 4. speakers -----------------------------------------------------------------


def test_pronouns_resolve_by_gender() -> None:
    text = (
        "Ms. Clara Lopez met Mr. Karl Weber in Vienna on Tuesday. "
        "He said the meeting was frank. She said the talks would continue in May."
    )
    found = quotes(text)
    assert [q.speaker_name for q in found] == ["Karl Weber", "Clara Lopez"]
    assert all(q.speaker_id for q in found)


def test_unnamed_source_keeps_its_description() -> None:
    q = only("A senior European diplomat said the deal was close.")
    assert q.speaker_name == "A senior European diplomat" and q.speaker_id is None


def test_government_noun_links_to_the_country() -> None:
    text = "Japan's foreign ministry said the ambassador would return to Seoul."
    doc = parse(text)
    ents = article_entities(doc)
    q = extract_quotes(doc, "a1", ents)[0]
    japan = next(e for e in ents if e.name == "Japan")
    assert q.speaker_id == japan.key


def test_relative_pronoun_speaker_is_the_noun() -> None:
    q = only("The vote was delayed by Karl Weber, who said the count was unfair.")
    assert q.speaker_name == "Karl Weber"


# 5. chains -------------------------------------------------------------------


def test_according_to_alone_is_the_speaker() -> None:
    q = only("The convoy was stopped at the border, according to Iranian state media.")
    assert q.speaker_name == "Iranian state media" and q.cue == "according to"
    assert q.text == "The convoy was stopped at the border"


def test_according_to_after_a_speaker_is_a_chain_link() -> None:
    q = only("Karl Weber said the convoy was stopped, according to Iranian state media.")
    assert [v.name for v in q.via] == ["Karl Weber", "Iranian state media"]


def test_cited_by_outlet() -> None:
    q = only("A senior EU official, cited by Le Monde, said the deal was dead.")
    assert [v.name for v in q.via] == ["A senior EU official", "Le Monde"]


def test_outlet_reported_wraps_the_quote() -> None:
    q = only(
        "Chinese state television reported on Friday that Xi Jinping told visitors "
        "the economy was strong."
    )
    assert q.speaker_name == "Xi Jinping"
    assert [v.name for v in q.via] == ["Xi Jinping", "Chinese state television"]


def test_medium_and_addressee() -> None:
    q = only("Volodymyr Zelensky wrote on Telegram that the bridge had been repaired.")
    assert [v.name for v in q.via] == ["Volodymyr Zelensky", "Telegram"]
    q = only("Karl Weber told CNN's Christiane Amanpour that the border would stay shut.")
    assert [v.name for v in q.via][0] == "Karl Weber"
    assert {"Christiane Amanpour", "CNN"} <= {v.name for v in q.via}


# speaker accuracy on whole articles -------------------------------------------

ARTICLES = [
    (
        'Harbour workers in Valdora walked out on Monday. "We have waited two years for a '
        'contract," said union leader Petra Novak. "Nobody listens to us."\n\n'
        "The port authority's director, Jonas Eklund, rejected the claim. \"The offer on the "
        'table is generous," he said. "We will not raise it."\n\n'
        'Novak answered within the hour. "Then the ships will wait," she told reporters.\n\n'
        'Eklund said talks could resume on Friday. "My door is open," he added.',
        ["Petra Novak", "Jonas Eklund", "Petra Novak", "Jonas Eklund"],
    ),
    (
        "Ms. Ines Moreau, the health minister, visited the clinic on Tuesday. "
        '"These nurses work miracles," Moreau said.\n\n'
        'Dr. Samuel Okafor, who runs the ward, was less upbeat. "We are short of beds, '
        'short of staff and short of time," Okafor said. "Something has to give."\n\n'
        '"We will fund forty new beds," the minister promised. Asked when, she said: '
        '"Before the winter."',
        ["Ines Moreau", "Samuel Okafor", "Moreau", "Ines Moreau"],
    ),
]


def test_direct_quote_speakers_on_articles() -> None:
    right = total = 0
    for text, speakers in ARTICLES:
        direct = [q for q in quotes(text) if q.kind == "direct"]
        got = [q.speaker_name for q in direct]
        total += len(speakers)
        if len(got) != len(speakers):  # a missed or split quote counts as all wrong
            continue
        right += sum(
            1 for g, want in zip(got, speakers, strict=True) if g and want.split()[-1] in g
        )
    assert right / total >= 0.95, (right, total)


@pytest.mark.parametrize(
    "text",
    ["", "No one spoke.", 'An unclosed "quotation runs to the end', '"', "“”"],
)
def test_odd_inputs_do_not_break(text: str) -> None:
    for q in quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
