"""Language identification with py3langid (its model ships in the wheel)."""
from __future__ import annotations

import re

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str, sample: int = 3000) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    head = text[:sample]
    if len(_LETTERS.findall(head)) < 40:
        return None
    import py3langid

    lang, _score = py3langid.classify(head)
    return lang
