"""Which side a speaker speaks for: an ISO2 country or an organisation code."""
from __future__ import annotations

import functools
import re

from sitroom.claims import lexicon

_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


@functools.lru_cache(maxsize=None)
def _country_names() -> list[tuple[re.Pattern, str]]:
    """Country names from pycountry (common and official), longest first."""
    import pycountry

    names = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and len(n) > 3:
                names.setdefault(n.lower(), c.alpha_2)
    rows = sorted(names.items(), key=lambda r: -len(r[0]))
    return [(re.compile(r"(?<![\w])" + re.escape(n) + r"(?![\w])", re.IGNORECASE), cc) for n, cc in rows]


def _earliest(text: str, table) -> str | None:
    best = None
    for pattern, side in table:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), side)
    return best[1] if best else None


def side_of(speaker: str | None, start: int | None, end: int | None, places: list[dict]) -> str | None:
    if not speaker:
        return None
    # A resolved place inside the speaker ("the governor of Belgorod").
    for p in places:
        if start is not None and start <= p.get("start", -1) and p.get("end", 10**12) <= end and p.get("country_code"):
            return p["country_code"]
    return _earliest(speaker, lexicon.sides()) or _earliest(speaker, _country_names())


def is_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.lower() in _PRONOUNS


def side_in_text(text: str) -> str | None:
    """The first side named in a stretch of text, by the same tables."""
    return _earliest(text, lexicon.sides()) or _earliest(text, _country_names())
