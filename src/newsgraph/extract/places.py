"""Countries, demonyms, capitals and seats of government, normalised to ISO codes.

"U.S.", "US", "United States" and "America" are one country; "North Korean"
is a demonym of North Korea; "Beijing" is a city in China, and when it *acts*
("Beijing rejected the offer") it stands for China's government, as "the White
House", "the Kremlin" and "Downing Street" always do. pycountry supplies the
official list; ``data/entities_places.json`` adds what news actually writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .names import ascii_fold, clean_name, entity_table


@dataclass(frozen=True)
class Place:
    """What a place name refers to.

    ``kind`` is "country", "demonym", "capital", "seat" or "region"; ``name`` is the
    canonical name (the country for countries and demonyms, the city for
    capitals, the seat for seats); ``country`` the ISO 3166-1 alpha-2 code.
    """

    name: str
    kind: str
    country: str


def _key(text: str) -> str:
    return ascii_fold(clean_name(text)).replace(".", "").replace("’", "'")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Every spelling of every country we know, keyed by folded text, to its code."""
    import pycountry

    table = entity_table("places")
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[_key(value)] = country.alpha_2
    for alias, code in table["aliases"].items():
        names[_key(alias)] = code
    for code, name in table["canonical"].items():
        names[_key(name)] = code
    return names


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The short English name of a country code ("KP" → "North Korea")."""
    import pycountry

    canonical = entity_table("places")["canonical"]
    if code in canonical:
        return str(canonical[code])
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@lru_cache(maxsize=1)
def _other_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    table = entity_table("places")
    demonyms: dict[str, str] = {}
    for word, code in table["demonyms"].items():
        demonyms[_key(word)] = code
        # Plural nouns ("Russians", "Afghans"); "-ese"/"-ish" forms have none.
        if not word.endswith(("ese", "ish", "ch", "ss")):
            demonyms[_key(word + "s")] = code
    capitals = {_key(k): v for k, v in table["capitals"].items()}
    seats = {_key(k): v for k, v in table["seats"].items()}
    return demonyms, capitals, seats


@lru_cache(maxsize=4096)
def lookup(text: str) -> Place | None:
    """Say what a place-like surface form refers to, or ``None`` if we do not know it."""
    key = _key(text)
    if not key:
        return None
    # "THE HAGUE" and "KYIV" come in capitals in datelines.
    countries = _country_names()
    demonyms, capitals, seats = _other_tables()
    if key in seats:
        return Place(_canonical_seat(text), "seat", seats[key])
    if key in countries:
        code = countries[key]
        return Place(country_name(code), "country", code)
    if key in demonyms:
        code = demonyms[key]
        return Place(country_name(code), "demonym", code)
    if key in capitals:
        return Place(_canonical_city(text), "capital", capitals[key])
    if key in _regions():
        return Place(_canonical_city(text), "region", _regions()[key])
    return None


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """States, provinces and regions (pycountry subdivisions) to their country's code.

    A name used by regions of two countries ("Punjab") belongs to neither.
    """
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        found.setdefault(_key(sub.name), set()).add(sub.country_code)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


def _canonical_city(text: str) -> str:
    name = clean_name(text) if not text.lower().startswith("the hague") else "The Hague"
    return name.title() if name.isupper() else name


def _canonical_seat(text: str) -> str:
    name = clean_name(text)
    return name.title() if name.isupper() else name


def government_name(code: str) -> str:
    """The entity a seat of government or an acting capital stands for."""
    name = country_name(code)
    article = "the " if name.startswith(_TAKES_THE) else ""
    return f"Government of {article}{name}"


# Country names written with "the" in running text.
_TAKES_THE = (
    "United",
    "Netherlands",
    "Philippines",
    "Czech",
    "Democratic Republic",
    "Republic of",
    "Bahamas",
    "Gambia",
    "Maldives",
    "Soviet",
)
