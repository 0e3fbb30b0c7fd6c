"""The events stage: fills `article.events` with contract objects (see output.md).

Each clause with an event trigger (data/triggers.tsv) becomes a candidate coded in ACLED and PLOVER,
with actors from its syntax (data/actors.tsv, countries.tsv, people.tsv), the place, date and figures
tied to it, and negation/hypothetical flags (data/modality.tsv); mentions of one happening are merged.
"""
from __future__ import annotations


def run(doc, article) -> None:
    """Append events found in `doc` (the parse of `article.body`) to `article.events`."""
    from sitroom.events.coder import candidates
    from sitroom.events.dedupe import across_article, within_sentences

    cands = across_article(within_sentences(candidates(doc, article)))
    cands.sort(key=lambda c: (c.record["evidence"]["start"], c.hit.anchor.i))
    for n, c in enumerate(cands, 1):
        eid = f"e{n}"
        c.record["id"] = eid
        article.events.append(c.record)
        for f in c.figures:
            if f.get("event_id") is None:
                f["event_id"] = eid
