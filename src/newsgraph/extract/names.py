"""Personal and organisational names: trimming, roles, and spelling-insensitive keys.

News writes one person many ways: "German Chancellor Olaf Scholz's", "Mr. Scholz",
"Dmitry Peskov" in one outlet and "Dmitri Peskov" in another, "Kim Jong-un" and
"Kim Jong Un". This module turns such surface forms into

* a clean name with titles and possessives cut off (the titles become a role),
* a *skeleton* key that transliteration variants share ("Gaddafi", "Qaddafi",
  "Gadhafi" → ``kdf``), used to block and compare candidates,
* the name's parts (given names, surname, generational suffix), aware that
  East Asian names put the family name first ("Lee Jong-sup" is a Lee).

* the grouping of one article's mentions into entities by name
  (``resolve_article``): "Scholz" joins "Olaf Scholz", a surname shared by two
  people goes to the more salient one.

Everything here is string work so it is cheap and usable by ``link.resolve``
without a parse.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import ArticleEntity


@lru_cache(maxsize=8)
def entity_table(name: str) -> dict[str, Any]:
    """One of the data tables ``newsgraph/data/entities_<name>.json``, parsed once."""
    path = resources.files("newsgraph").joinpath("data", f"entities_{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _titles() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    table = entity_table("titles")
    return (
        frozenset(table["titles"]),
        frozenset(table["honorifics"]),
        frozenset(table["generational"]),
        frozenset(table["family"]),
    )


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def is_title_word(word: str) -> bool:
    """True for office words and honorifics that may precede a name ("Minister", "Dr.")."""
    return _bare(word) in _titles()[0] or word.lower() in _abbreviations()


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(entity_table("titles")["abbreviations"])


def is_honorific(word: str) -> bool:
    """True for "Mr", "Mrs.", "Dr" …: titles that say nothing about an office."""
    return _bare(word) in _titles()[1]


def is_generational(word: str) -> bool:
    """True for "Jr.", "Sr", "II" …: suffixes that tell father and son apart."""
    return _bare(word).rstrip(",") in _titles()[2]


def is_family_word(word: str) -> bool:
    """True for "wife", "son" …: words that make the next name a relative."""
    return _bare(word) in _titles()[3]


# Possessive endings and stray punctuation the model leaves on entity spans.
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = ' \t\n,;:-–—"“”‘()[]'
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def clean_name(text: str) -> str:
    """A surface form without a leading "the", a trailing possessive or stray punctuation."""
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT)
    return _LEADING_THE.sub("", text)


@dataclass(frozen=True)
class NameParts:
    """A name split from the title written in front of it."""

    name: str
    role: str | None = None


def split_role(text: str) -> NameParts:
    """Cut leading office words off a person's name; they become the role.

    "German Chancellor Olaf Scholz's" → ("Olaf Scholz", "German Chancellor").
    Honorifics alone ("Mr.") are dropped without a role. A capitalised word in
    front of a title ("German", "Defense") belongs to the role. At least one
    word always stays as the name.
    """
    words = clean_name(text).split()
    last_title = -1
    for i, word in enumerate(words[:-1]):
        if is_title_word(word):
            last_title = i
    if last_title < 0:
        return NameParts(" ".join(words))
    role_words = words[: last_title + 1]
    name = " ".join(words[last_title + 1 :])
    if all(is_honorific(w) for w in role_words if is_title_word(w)):
        return NameParts(name)
    return NameParts(name, " ".join(role_words))


# Transliteration classes: letters that different romanisations swap.
_DIGRAPHS = (
    ("kh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("gh", "g"),
    ("ck", "k"),
    ("ou", "u"),
)
# "j" stays itself: folding it into the vowel "y" made "Yo-jong" and "Jong" one key.
_CLASSES = str.maketrans({"q": "k", "g": "k", "c": "k", "w": "v", "z": "s", "x": "s"})
_VOWELS = set("aeiouy")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII: accents removed ("Zelenskyy" stays, "Élysée" → "elysee")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A consonant key shared by transliteration variants of one word or name.

    Letters are folded to ASCII, digraphs and interchangeable consonants are
    merged, vowels are dropped after the first letter and doubled letters
    collapse: "Dmitry"/"Dmitri" → ``dmtr``, "Gaddafi"/"Qaddafi" → ``kdf``.
    Hyphens and spaces vanish so "Jong-un" and "Jong Un" agree.
    """
    letters = "".join(ch for ch in ascii_fold(text) if ch.isalnum())
    for digraph, single in _DIGRAPHS:
        letters = letters.replace(digraph, single)
    letters = letters.translate(_CLASSES)
    if not letters:
        return ""
    out = [letters[0] if letters[0] not in _VOWELS else "a"]
    for ch in letters[1:]:
        if ch in _VOWELS or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


# Family names written first in Chinese, Korean and Vietnamese names.
_FAMILY_FIRST = frozenset(
    "kim lee park choi jung jeong kang cho yoon yun jang lim han shin oh seo kwon moon ahn "
    "xi li wang zhang liu chen yang huang zhao wu zhou sun ma hu zhu guo he lin luo gao "
    "liang zheng xie song tang han feng deng cao peng xu "
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly".split()
)


def name_words(name: str) -> list[str]:
    """The words of a clean name, honorifics removed, hyphenated parts kept whole."""
    return [w for w in clean_name(name).split() if not is_honorific(w)]


def family_first(words: list[str]) -> bool:
    """True when the name looks like an East Asian one written family name first.

    "Kim Jong-un", "Lee Sang-min", "Nguyen Van An", "Xi Jinping" — but not
    "Kim Kardashian": the given part must be hyphenated, or there must be three
    short parts, or the family name must be one not used as a Western given name.
    """
    if len(words) < 2 or ascii_fold(words[0]) not in _FAMILY_FIRST:
        return False
    rest = words[1:]
    if any("-" in w for w in rest):
        return True
    if len(words) == 3 and all(len(w) <= 5 for w in rest):
        return True
    return ascii_fold(words[0]) not in {"kim", "lee", "park", "han", "ma", "song", "le", "ho", "do"}


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts: surname, given names, generational suffix."""

    surname: str
    given: tuple[str, ...]
    suffix: str | None

    @property
    def surname_key(self) -> str:
        return skeleton(self.surname)

    @property
    def given_key(self) -> str:
        return skeleton("".join(self.given))


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    """Split a clean person name; family-first names keep their family name as surname."""
    words = name_words(name)
    suffix = None
    if len(words) > 1 and is_generational(words[-1]):
        suffix = _bare(words[-1]).rstrip(",")
        words = words[:-1]
    if not words:
        return PersonName("", (), suffix)
    if family_first(words):
        return PersonName(words[0], tuple(words[1:]), suffix)
    return PersonName(words[-1], tuple(words[:-1]), suffix)


def is_initial(word: str) -> bool:
    """ "W." or "H" — a given name reduced to its initial."""
    return len(word.rstrip(".")) == 1 and word[:1].isalpha()


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two lists of given names can name the same person.

    Missing given names are compatible with anything ("Peskov" / "Dmitry
    Peskov"). Otherwise the first given names must agree (by skeleton or as an
    initial), and if both sides spell middle names they must agree too: "George
    H. W." and "George W." differ, "George W." and "George Walker" agree.
    """
    if not a or not b:
        return True
    if skeleton("".join(a)) == skeleton("".join(b)):
        return True
    if not _word_compatible(a[0], b[0]):
        return False
    mid_a, mid_b = a[1:], b[1:]
    if not mid_a or not mid_b:
        return True
    if len(mid_a) != len(mid_b):
        return False
    return all(_word_compatible(x, y) for x, y in zip(mid_a, mid_b, strict=True))


def _word_compatible(x: str, y: str) -> bool:
    if is_initial(x) or is_initial(y):
        return ascii_fold(x)[:1] == ascii_fold(y)[:1]
    return skeleton(x) == skeleton(y)


def acronym(name: str) -> str:
    """Initials of the capitalised words: "North Atlantic Treaty Organization" → "NATO"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


# --- Within one article: mentions grouped into entities by name --------------------


@dataclass(frozen=True)
class Mention:
    """One repaired mention, ready to be grouped into an article entity."""

    start: int
    end: int
    text: str
    name: str
    label: str
    role: str | None = None
    country: str | None = None
    flags: frozenset[str] = frozenset()


@dataclass
class _Cluster:
    label: str
    mentions: list[Mention] = field(default_factory=list)

    def score(self) -> float:
        """How likely a bare surname means this bearer: mentions, quotes, office."""
        flags = [m.flags for m in self.mentions]
        score = float(len(self.mentions))
        score += 2.0 * sum("speaker" in f for f in flags) + 2.0 * any(m.role for m in self.mentions)
        if flags and all("byline" in f for f in flags):
            score -= 10.0
        if any("relative" in f for f in flags):
            score -= 4.0
        return score

    def full_names(self) -> list[str]:
        return [m.name for m in self.mentions if len(m.name.split()) > 1]


def resolve_article(mentions: list[Mention], text_length: int) -> tuple[ArticleEntity, ...]:
    """Group mentions into entities: full names first, then short forms onto them.

    Non-person mentions group by type and spelling key (countries already carry
    their canonical name, so "U.S." and "America" meet). An all-caps ORG that is
    the acronym of another ORG in the article joins it. Person mentions are taken
    longest name first; a short form goes to the one full name whose surname it
    is, or, if several people share it, to the most salient of them.
    """
    clusters: list[_Cluster] = []
    keyed: dict[tuple[str, str], _Cluster] = {}
    people: list[_Cluster] = []
    order = sorted(mentions, key=lambda m: (m.label != "PERSON", -len(m.name.split()), m.start))
    for mention in order:
        if mention.label == "PERSON":
            cluster = _person_cluster(mention, people)
            if cluster is None:
                cluster = _Cluster("PERSON")
                people.append(cluster)
                clusters.append(cluster)
            cluster.mentions.append(mention)
            continue
        key = (mention.label, skeleton(mention.name) or mention.name)
        if key not in keyed:
            keyed[key] = _Cluster(mention.label)
            clusters.append(keyed[key])
        keyed[key].mentions.append(mention)
    clusters = _merge_acronyms(clusters)
    return _freeze(clusters, text_length)


def _person_cluster(mention: Mention, people: list[_Cluster]) -> _Cluster | None:
    parts = person_name(mention.name)
    candidates = []
    for cluster in people:
        names = [person_name(n) for n in cluster.full_names()] or [
            person_name(cluster.mentions[0].name)
        ]
        if any(
            p.surname_key == parts.surname_key
            and given_compatible(p.given, parts.given)
            and (p.suffix == parts.suffix or not p.suffix or not parts.suffix)
            for p in names
        ):
            candidates.append(cluster)
    if not candidates and not parts.given:
        # "Jong-un" alone or a first name used as a short form of a family-first name.
        candidates = [
            c
            for c in people
            if any(skeleton(w) == parts.surname_key for n in c.full_names() for w in n.split())
        ]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    exact = [
        c for c in candidates if any(skeleton(n) == skeleton(mention.name) for n in c.full_names())
    ]
    if len(exact) == 1:
        return exact[0]
    return max(candidates, key=_Cluster.score)


def _merge_acronyms(clusters: list[_Cluster]) -> list[_Cluster]:
    by_acronym: dict[str, _Cluster] = {}
    for cluster in clusters:
        name = cluster.mentions[0].name
        if cluster.label in {"ORG", "MEDIA"} and len(name.split()) > 2:
            by_acronym.setdefault(acronym(name), cluster)
    out = []
    for cluster in clusters:
        name = cluster.mentions[0].name
        target = (
            by_acronym.get(name) if name.isupper() and cluster.label in {"ORG", "MEDIA"} else None
        )
        if target is not None and target is not cluster:
            target.mentions.extend(cluster.mentions)
            continue
        out.append(cluster)
    return out


def _best_name(cluster: _Cluster) -> str:
    counts: dict[str, int] = {}
    for m in cluster.mentions:
        counts[m.name] = counts.get(m.name, 0) + 1
    if cluster.label == "PERSON":
        return max(counts, key=lambda n: (len(n.split()), counts[n], -len(n)))
    return max(counts, key=lambda n: (counts[n], len(n)))


def _freeze(clusters: list[_Cluster], text_length: int) -> tuple[ArticleEntity, ...]:
    """Article entities in order of first mention, with aliases, roles and salience."""
    clusters = sorted(clusters, key=lambda c: min(m.start for m in c.mentions))
    raw = []
    for cluster in clusters:
        first = min(m.start for m in cluster.mentions)
        value = len(cluster.mentions) + 2.0 * sum("speaker" in m.flags for m in cluster.mentions)
        value += 2.0 if first < 0.2 * max(text_length, 1) else 0.0
        if all("byline" in m.flags for m in cluster.mentions):
            value = 0.0
        raw.append(value)
    top = max(raw, default=1.0) or 1.0
    entities = []
    for i, (cluster, value) in enumerate(zip(clusters, raw, strict=True)):
        name = _best_name(cluster)
        aliases = sorted(
            ({m.text for m in cluster.mentions} | {m.name for m in cluster.mentions}) - {name}
        )
        roles = tuple(dict.fromkeys(m.role for m in cluster.mentions if m.role))
        country = next((m.country for m in cluster.mentions if m.country), None)
        entities.append(
            ArticleEntity(
                key=f"e{i}",
                name=name,
                type=cluster.label,
                mentions=tuple(sorted({(m.start, m.end) for m in cluster.mentions})),
                aliases=tuple(aliases),
                country=country,
                roles=roles,
                salience=round(value / top, 3),
            )
        )
    return tuple(entities)
