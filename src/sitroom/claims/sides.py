"""Which side a speaker speaks for: an ISO2 country or an organisation code."""
from __future__ import annotations

import functools
import re

from sitroom.claims import lexicon

_PRONOUNS = {"he", "she", "it", "they", "we", "i"}


@functools.lru_cache(maxsize=None)
def _country_names() -> lexicon.NameTable:
    """Country names (pycountry), unambiguous demonyms and capitals (countryinfo)."""
    import pycountry

    names: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and len(n) > 3:
                names.setdefault(n.lower(), set()).add(c.alpha_2)
    try:
        import countryinfo

        for c in countryinfo.all_countries():
            try:
                iso = c.iso(2)
                extra = [c.demonym(), c.capital()]
            except Exception:  # a record without these fields
                continue
            for n in extra:
                if n and len(n) > 3:
                    names.setdefault(n.lower(), set()).add(iso)
    except ImportError:  # pragma: no cover - countryinfo is a declared dependency
        pass
    # "French" is also the demonym of overseas departments: keep a name only
    # when it points to one country.
    rows = sorted(((n, next(iter(cc))) for n, cc in names.items() if len(cc) == 1), key=lambda r: -len(r[0]))
    return lexicon.NameTable(
        [(n, re.compile(r"(?<![\w])" + re.escape(n) + r"(?![\w])", re.IGNORECASE), cc) for n, cc in rows])


def side_of(speaker: str | None, start: int | None, end: int | None, places: list[dict]) -> str | None:
    """The side named earliest in the speaker: "The U.S. ambassador to Russia" -> US."""
    if not speaker:
        return None
    found = [f for f in (lexicon.sides().earliest(speaker), _country_names().earliest(speaker)) if f]
    # A resolved place inside the speaker ("the governor of Belgorod").
    for p in places:
        if start is not None and start <= p.get("start", -1) and p.get("end", 10**12) <= end and p.get("country_code"):
            found.append((p["start"] - start, p["country_code"]))
            break
    return min(found, key=lambda f: f[0])[1] if found else None


def is_pronoun(speaker: str | None) -> bool:
    return bool(speaker) and speaker.lower() in _PRONOUNS


def side_in_text(text: str) -> str | None:
    """The first side named in a stretch of text, by the same tables."""
    found = [f for f in (lexicon.sides().earliest(text), _country_names().earliest(text)) if f]
    return min(found, key=lambda f: f[0])[1] if found else None
