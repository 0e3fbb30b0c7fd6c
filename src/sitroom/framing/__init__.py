"""The framing stage: fills `article.framing` with contract objects (see output.md).

Framing is language that steers the reader, in the outlet's own voice:
`phrases` matches the documented lexicon (data/lexicon.tsv: loaded language,
labels, speculation stated as fact), `contested` finds contested figures
asserted without a source, and `voice` tells the outlet's words from quoted
or attributed ones (the claims stage runs first).
"""
from __future__ import annotations

from sitroom.parse.docview import text_of


def run(doc, article) -> None:
    """Append framing found in `doc` (the parse of `article.body`) to `article.framing`."""
    from sitroom.framing import contested, phrases
    from sitroom.framing.voice import Voice

    voice = Voice(text_of(doc), article.claims)
    found = phrases.find(doc, voice) + contested.find(doc, voice)
    found.sort(key=lambda f: (f["start"], -f["end"]))
    kept, last_end = [], -1
    for f in found:
        if f["start"] < last_end:
            continue  # one flag per stretch of text: the earliest, longest match
        kept.append(f)
        last_end = f["end"]
    for k, f in enumerate(kept, len(article.framing) + 1):
        article.framing.append({"id": f"fr{k}", **f})
