"""Language identification with py3langid (its model ships in the wheel)."""
from __future__ import annotations

import re
from itertools import islice

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
# py3langid, trained on longer texts, calls some one-sentence English
# reports Breton or Nigerian Pidgin ("The missile, an Iskander-M, travelled
# 400 kilometres." -> br, English 0.07 log-prob points a letter behind; an
# English sentence about Kaduna State -> pcm, 0.18 behind). Fifteen other
# languages, and real Pidgin, trail English by 1.2 a letter or more in
# sentences of 40+ letters (Danish 1.24, Pidgin 1.41, German 2.26): English
# within 0.5 a letter of the winner is read as English.
EN_MARGIN_PER_LETTER = 0.5


def detect_language(text: str, sample: int = 3000) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    head = text[:sample]
    # count only up to the 40 needed, not every letter of the sample
    if sum(1 for _ in islice(_LETTERS.finditer(head), 40)) < 40:
        return None
    import py3langid

    lang, score = py3langid.classify(head)
    if lang != "en":
        en = dict(py3langid.rank(head)).get("en")
        letters = len(_LETTERS.findall(head))
        if en is not None and (score - en) / letters < EN_MARGIN_PER_LETTER:
            return "en"
    return lang
