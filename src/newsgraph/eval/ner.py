"""Named-entity F1 on GUM news, ours beside the raw spaCy model on the same files.

GUM annotates every mention (pronouns, common nouns, nested spans) with a
semantic type. Following its README, we compare CoNLL-style: only *named*
person, organization and place mentions, not nested inside another named
mention of any type. How a gold mention becomes a named span:

1. its syntactic head (the token whose head lies outside the mention) must be
   a proper noun, or a common noun with the name as its ``flat`` or ``appos``
   dependent ("Harbour creator Ana Ruiz", "coauthor Lena Berg");
2. the span is cut to the run of capitalised words around the head, allowing
   "of", "the", "and", "on", "de", "&" and hyphens between capitalised words
   ("Council on Foreign Relations"), so a leading "the", a common-noun
   title ("ambassador") or a trailing relative clause falls away; a
   possessive joins a body's name ("Harbour People's Front") unless the
   possessor is a mention of its own ("Oslo's"); a place written "Town,
   Country" in one mention names both ("Tromso", "Norway");
3. leading office titles ("President", "Senator") are cut too, as CoNLL and
   OntoNotes (the small model's training data) leave them out; a bare title
   ("the President") names no one, and a person's run starts after a named
   place or body written in front ("Ambassador to Norway Ann Lind");
4. a mention inside another named mention of any GUM type is dropped, as
   CoNLL tags "Oslo Cup", not "Oslo" in it.

Predictions from both systems get the same edge cleaning (a leading "the", a
trailing possessive). Types map person→PER, organization→ORG (our MEDIA
counts as ORG) and place→GPE/LOC/FAC. GUM labels a country that acts ("Norway
vetoed …", a national team) as an organization; our entity layer
marks such mentions (``EntityResult.acting``, ACE's GPE-as-ORG role) while
the entity stays a country, and those mentions count as ORG. The raw model
has no mention roles. A prediction is right when its span and mapped type
match a gold mention exactly (typed micro F1); the untyped span F1 is
reported as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..extract.names import is_title_word
from .base import PRF, EvalReport, require_dir

GOLD_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
RAW_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
OUR_MAP = {**RAW_MAP, "MEDIA": "ORG"}
_CONNECTORS = frozenset("of the and for on de & - du la von van der al el".split())
_PARTICLE_NAME = re.compile(r"^(?:al|el|ul|ad|as|ash|at|az|bin|ibn)-[A-Z]")

Mention = tuple[int, int, str]
_Tok = tuple[int, int, str, str, int, str]  # start, end, form, UPOS, head index, deprel


@dataclass(frozen=True)
class GoldDoc:
    """One GUM document rebuilt as running text with its named gold mentions."""

    name: str
    text: str
    mentions: frozenset[Mention]


def load_split(data: Path, split: str, limit: int | None = None) -> list[GoldDoc]:
    """The documents of one split ("train", "dev", "test", or "all") from ``splits.tsv``."""
    require_dir(data, "GUM news", "splits.tsv")
    names = []
    for line in (data / "splits.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc_name, doc_split = line.split("\t")
        if doc_split == split or split == "all":
            names.append(doc_name)
    if not names:
        raise DataError(f"GUM news: no documents in split {split!r}; valid: train, dev, test, all")
    names = names[:limit] if limit else names
    return [_read_conllu(data / "conllu" / f"{n}.conllu", n) for n in names]


def _read_conllu(path: Path, name: str) -> GoldDoc:
    if not path.exists():
        raise DataError(f"GUM news: {path} is listed in splits.tsv but missing")
    pieces: list[str] = []
    length = 0
    tokens: list[_Tok] = []
    opened: dict[str, list[tuple[int, str]]] = {}
    spans: list[tuple[int, int, str]] = []  # token start, token end (incl.), type
    sent_base = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "# newpar" and pieces:
            # Paragraphs become blank-line separated, as in an article's text.
            trailing = len(pieces[-1]) - len(pieces[-1].rstrip(" "))
            pieces[-1] = pieces[-1].rstrip(" ") + "\n\n"
            length += 2 - trailing
        if not line or line.startswith("#"):
            if not line and tokens:
                sent_base = len(tokens)
                if pieces and not pieces[-1].endswith((" ", "\n")):
                    pieces.append(" ")
                    length += 1
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():
            continue
        start = length
        pieces.append(cols[1])
        length += len(cols[1])
        head = int(cols[6]) - 1 + sent_base if cols[6] != "0" else -1
        index = len(tokens)
        # "US President …": GUM tags an abbreviated name used as a modifier ADJ/NNP.
        upos = "PROPN" if cols[4] == "NNP" and "Abbr=Yes" in cols[5] else cols[3]
        tokens.append((start, start + len(cols[1]), cols[1], upos, head, cols[7]))
        misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
        for eid, etype in _brackets(misc.get("Entity", "")):
            if etype:
                opened.setdefault(eid, []).append((index, etype))
            elif opened.get(eid):
                begin, kind = opened[eid].pop()
                spans.append((begin, index, kind))
        if misc.get("SpaceAfter") != "No":
            pieces.append(" ")
            length += 1
    text = "".join(pieces)
    return GoldDoc(name, text, frozenset(_named(tokens, spans)))


def _brackets(value: str) -> list[tuple[str, str]]:
    """Openings ``(id, type)`` and closings ``(id, "")`` of a CorefUD ``Entity=`` value."""
    out: list[tuple[str, str]] = []
    # The body runs greedily to the next bracket: an identity may end in digits
    # ("Pier_39", "Tromso_%28city%29") that are not a closing "39)".
    for match in re.finditer(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)", value):
        if match.group(4) is not None:
            out.append((match.group(4), ""))
            continue
        out.append((match.group(1), match.group(2)))
        if match.group(3):
            out.append((match.group(1), ""))
    return out


def _named(tokens: list[_Tok], spans: list[tuple[int, int, str]]) -> list[Mention]:
    runs = []  # (left, right, type) of every named mention, scored types or not
    named_ends = frozenset(last for _, last, _ in spans)
    for begin, last, kind in spans:
        anchor = _anchor(tokens, range(begin, last + 1))
        if anchor is None:
            continue
        left, right = _name_run(tokens, anchor, begin, last, kind == "person", named_ends)
        if left < right and tokens[left][2] == "The":
            left += 1  # predictions lose a leading "the" too (``_clean``)
        runs.append((left, right, kind))
        if kind == "place" and left - 2 >= begin and tokens[left - 1][2] == ",":
            # "Tromso, Norway" is one GUM mention; CoNLL names both places.
            inner = left - 2
            if tokens[inner][3] == "PROPN" and tokens[inner][4] in range(begin, last + 1):
                runs.append((*_name_run(tokens, inner, begin, left - 2, False), kind))
    people = []
    for left, right, kind in runs:
        if kind == "person":
            left = _after_inner(left, right, runs)
            titles = [i for i in range(left, right) if is_title_word(tokens[i][2])]
            left = titles[-1] + 1 if titles else left
            if is_title_word(tokens[right][2]) and (not titles or left == right):
                continue  # a bare title ("the President", "Prime Minister") names no one
        people.append((left, right, kind))
    runs = people
    out = []
    for left, right, kind in runs:
        nested = any(
            o_l <= left and right <= o_r and (o_l, o_r) != (left, right) for o_l, o_r, _ in runs
        )
        if kind in GOLD_TYPES and not nested:
            out.append((tokens[left][0], tokens[right][1], GOLD_TYPES[kind]))
    return out


def _after_inner(left: int, right: int, runs: list[tuple[int, int, str]]) -> int:
    """A person's name starts after a named place or body written in front of it.

    "Ambassador to Norway Ann Lind": the capitalised run holds "Norway", a
    mention of its own, which is not part of the name.
    """
    for o_l, o_r, kind in runs:
        if kind != "person" and o_l == left and o_r < right:
            left = o_r + 1
    return left


def _anchor(tokens: list[_Tok], inside: range) -> int | None:
    """The proper noun a mention is named by: its head, or the name a title heads.

    GUM's trees make the title the head in "Facebook creator Mark Zuckerberg"
    ("Mark" hangs off "creator" as ``flat``) or "coauthor Lena Berg"
    ("Berg" is its ``appos``), so a name attached either way counts.
    """
    heads = [i for i in inside if tokens[i][4] not in inside]
    if not heads:
        return None
    head = heads[0]
    if tokens[head][3] == "PROPN":
        return head
    for i in inside:
        if tokens[i][4] == head and tokens[i][3] == "PROPN" and tokens[i][5].startswith("flat"):
            return i
        if tokens[i][4] == head and tokens[i][3] == "PROPN" and tokens[i][5] == "appos":
            return i if tokens[head][3] == "NOUN" else None  # not "One Dane, Ann Lind, ..."
    return None


def _name_run(
    tokens: list[_Tok],
    head: int,
    begin: int,
    last: int,
    person: bool,
    named_ends: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """The capitalised run around the head; a person's name never spans "of" or "and".

    A possessive joins a body's or place's name ("Harbour People's Front")
    unless the possessor is a mention of its own ("Oslo's Grand Hotel"), whose
    index is in ``named_ends``.
    """

    def cap(i: int) -> bool:
        form = tokens[i][2]
        # "al-Amr", "el-Baz": a lower-case particle glued to a capitalised name.
        return form[:1].isupper() or form[:1].isdigit() or bool(_PARTICLE_NAME.match(form))

    def joins(i: int, step: int) -> bool:
        # A hyphen joins anything ("Cheuk - yan"); other connectors join capitalised words.
        word = tokens[i][2]
        if word == "-":
            return True
        if person or tokens[i][2] == "The":
            return False
        if word in {"'s", "’s"} and (i in named_ends or i - 1 in named_ends):
            return False  # GUM ends a possessor mention on "'s" ("Oslo 's")
        if word not in _CONNECTORS and word not in {"'s", "’s"}:
            return False
        return begin <= i + step <= last and cap(i + step)

    left = head
    while left - 1 >= begin and (
        cap(left - 1) or joins(left - 1, -1) or (left - 2 >= begin and tokens[left - 1][2] == "-")
    ):
        left -= 1
    right = head
    while right + 1 <= last and (cap(right + 1) or joins(right + 1, 1) or tokens[right][2] == "-"):
        right += 1
    while left < right and (tokens[left][2] in _CONNECTORS or tokens[left][2] == "-"):
        left += 1
    return left, right


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """The same edge cleaning for both systems: no leading "the", no possessive."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    span = text[start:end]
    for suffix in ("'s", "’s", "'", "’"):
        if span.endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    return start, end


def raw_mentions(doc: object) -> set[Mention]:
    """The small model's own entities, mapped to the three scored types."""
    out = set()
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ in RAW_MAP:
            start, end = _clean(ent.doc.text, ent.start_char, ent.end_char)
            out.add((start, end, RAW_MAP[ent.label_]))
    return out


def our_mentions(doc: object) -> set[Mention]:
    """Our repaired entities' mentions, mapped to the three scored types."""
    from ..extract.entities import extract_entities

    out = set()
    text: str = doc.text  # type: ignore[attr-defined]
    found = extract_entities(doc)  # type: ignore[arg-type]
    acting = set(found.acting)
    for entity in found.entities:
        if entity.type in OUR_MAP:
            for start, end in entity.mentions:
                kind = "ORG" if (start, end) in acting else OUR_MAP[entity.type]
                start, end = _clean(text, start, end)
                out.add((start, end, kind))
    return out


def _score(prf: PRF, untyped: PRF, predicted: Iterable[Mention], gold: frozenset[Mention]) -> None:
    pred = set(predicted)
    prf.add(len(pred & gold), len(pred), len(gold))
    pred_spans, gold_spans = {m[:2] for m in pred}, {m[:2] for m in gold}
    untyped.add(len(pred_spans & gold_spans), len(pred_spans), len(gold_spans))


def evaluate(
    data: Path, split: str = "test", limit: int | None = None, model: str | None = None
) -> EvalReport:
    """Typed and untyped F1 (0..100) of ours and of the raw model on one GUM split."""
    from ..extract.annotate import DEFAULT_MODEL, parse_many

    docs = load_split(Path(data), split, limit)
    ours, ours_any, raw, raw_any = PRF(), PRF(), PRF(), PRF()
    for gold, doc in zip(
        docs, parse_many((d.text for d in docs), model or DEFAULT_MODEL), strict=True
    ):
        _score(ours, ours_any, our_mentions(doc), gold.mentions)
        _score(raw, raw_any, raw_mentions(doc), gold.mentions)
    metrics = {
        "f1": 100 * ours.f1,
        "precision": 100 * ours.precision,
        "recall": 100 * ours.recall,
        "raw_f1": 100 * raw.f1,
        "raw_precision": 100 * raw.precision,
        "raw_recall": 100 * raw.recall,
        "span_f1": 100 * ours_any.f1,
        "raw_span_f1": 100 * raw_any.f1,
    }
    notes = [
        f"{int(ours.gold)} named person/organization/place mentions in {len(docs)} documents",
        f"ours {metrics['f1']:.1f} vs raw {model or DEFAULT_MODEL} {metrics['raw_f1']:.1f} "
        f"typed F1 ({metrics['f1'] - metrics['raw_f1']:+.1f} points)",
    ]
    # The reference printed beside ours is the raw model on the same files (DESIGN.md).
    reference = {k: metrics[f"raw_{k}"] for k in ("f1", "precision", "recall", "span_f1")}
    return EvalReport(
        "ner", str(data), split, metrics, published=reference, notes=notes, documents=len(docs)
    )
