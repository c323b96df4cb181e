"""ISO-3166 alpha-3 codes for country names, adjectives and capitals, for actor scoring.

The PLOVER gold records code actors by country ("Hungarian officials" → HUN);
our actors are entities named as the text names them. pycountry knows official
names only, so demonyms are matched to the country name with the longest
shared prefix ("Romanian" → Romania, "Afghan" → Afghanistan), and the
irregular ones and common short names sit in a small table.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

_ALIASES = {
    "us": "USA", "u.s.": "USA", "america": "USA", "american": "USA", "americans": "USA",
    "united states": "USA", "washington": "USA", "the united states": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "british": "GBR", "great britain": "GBR",
    "london": "GBR", "england": "GBR", "english": "GBR", "scotland": "GBR",
    "french": "FRA", "paris": "FRA", "dutch": "NLD", "holland": "NLD", "swiss": "CHE",
    "turkey": "TUR", "turkish": "TUR", "turk": "TUR", "ankara": "TUR", "filipino": "PHL",
    "philippine": "PHL", "greek": "GRC", "spanish": "ESP", "danish": "DNK", "swedish": "SWE",
    "finnish": "FIN", "polish": "POL", "czech": "CZE", "croat": "HRV", "croatian": "HRV",
    "russia": "RUS", "moscow": "RUS", "kremlin": "RUS", "soviet": "RUS",
    "china": "CHN", "beijing": "CHN", "chinese": "CHN", "iran": "IRN", "tehran": "IRN",
    "syria": "SYR", "damascus": "SYR", "north korea": "PRK", "north korean": "PRK",
    "pyongyang": "PRK", "south korea": "KOR", "south korean": "KOR", "seoul": "KOR",
    "vietnam": "VNM", "vietnamese": "VNM", "laos": "LAO", "bolivia": "BOL",
    "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA", "taiwan": "TWN",
    "palestinian": "PSE", "palestinians": "PSE", "palestine": "PSE", "israeli": "ISR",
    "kabul": "AFG", "baghdad": "IRQ", "jerusalem": "ISR", "berlin": "DEU", "tokyo": "JPN",
    "cairo": "EGY", "riyadh": "SAU", "saudi": "SAU", "emirates": "ARE", "uae": "ARE",
    "congolese": "COD", "congo": "COD", "ivorian": "CIV", "burma": "MMR", "burmese": "MMR",
    "myanmar": "MMR", "bosnian": "BIH", "bosnia": "BIH", "kosovo": "XKX", "macedonian": "MKD",
    "macedonia": "MKD", "yugoslav": "SRB", "serb": "SRB", "serbs": "SRB", "thai": "THA",
    "welsh": "GBR", "irish": "IRL", "icelandic": "ISL", "norwegian": "NOR", "belgian": "BEL",
    "pakistani": "PAK", "bangladeshi": "BGD", "kurdish": "IRQ", "kuwaiti": "KWT",
    "qatari": "QAT", "yemeni": "YEM", "omani": "OMN", "iraqi": "IRQ", "afghan": "AFG",
    "nigerian": "NGA", "nigerien": "NER", "zimbabwean": "ZWE", "somali": "SOM",
}  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, str]]:
    out = []
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                out.append((name.lower(), country.alpha_3))
    return out


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The alpha-3 code a country name, adjective or capital points to, or None."""
    if not name:
        return None
    text = name.strip().lower().removeprefix("the ")
    if text in _ALIASES:
        return _ALIASES[text]
    if len(text) in (2, 3) and text.isalpha() and name.strip().isupper():
        code = text.upper()
        found = (
            pycountry.countries.get(alpha_2=code)
            if len(code) == 2
            else pycountry.countries.get(alpha_3=code)
        )
        if found is not None:
            return found.alpha_3
    for cname, code in _countries():
        if text == cname:
            return code
    best, best_len = None, 0
    for cname, code in _countries():
        n = _shared_prefix(text, cname)
        if n > best_len:
            best, best_len = code, n
    # A demonym shares at least four letters and most of itself with the name.
    if best_len >= 4 and best_len >= len(text.rstrip("s")) - 4:
        return best
    return None


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
