"""Language identification with py3langid (its model ships in the wheel)."""
from __future__ import annotations

import re
from itertools import islice

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def detect_language(text: str, sample: int = 3000) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    head = text[:sample]
    # count only up to the 40 needed, not every letter of the sample
    if sum(1 for _ in islice(_LETTERS.finditer(head), 40)) < 40:
        return None
    import py3langid

    lang, _score = py3langid.classify(head)
    return lang
