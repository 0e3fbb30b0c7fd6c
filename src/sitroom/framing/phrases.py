"""Lexicon matches: loaded words, labels and speculation, with their conditions."""
from __future__ import annotations

from sitroom.framing import lexicon
from sitroom.parse.docview import text_of

_STATE_ENTS = {"GPE", "NORP", "PERSON", "ORG"}


def _state_modifier(doc, span):
    """The proper noun or demonym naming the state before the word ("Kyiv regime"), or None."""
    head = span.root
    for c in head.children:
        if c.i < head.i and c.dep_ in ("compound", "amod", "poss", "nmod") and (
            c.pos_ == "PROPN" or c.ent_type_ in _STATE_ENTS
        ):
            return c.left_edge.i if c.dep_ != "poss" else c.i
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.pos_ == "PROPN" or prev.ent_type_ in _STATE_ENTS) and not prev.is_sent_start:
        return prev.i
    # "the regime in Kyiv"
    nxt = doc[span.end: span.end + 2]
    if len(nxt) == 2 and nxt[0].lower_ == "in" and (nxt[1].ent_type_ == "GPE" or nxt[1].pos_ == "PROPN"):
        return span.start
    return None


def _attributive(doc, span):
    """A label written without a hyphen must modify a noun, not be the sentence's verb."""
    verb = next((t for t in span if t.tag_ in ("VBN", "VBD")), None)
    return verb is not None and verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp")


def find(doc, voice) -> list[dict]:
    text = text_of(doc)
    folded = None if any(c in text for c in lexicon.FOLD_SPECIAL) else text.lower()
    out = []
    for e in lexicon.entries():
        if folded is not None and e.heads is not None and not any(h in folded for h in e.heads):
            continue
        for m in e.pattern.finditer(text):
            start, end = m.span()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if any(t.pos_ == "PROPN" for t in span) and e.kind == "loaded_language" and e.condition == "none" \
                    and all(t.is_title for t in span):
                continue  # part of a name: "National Liberation Front"
            if e.condition == "state":
                first = _state_modifier(doc, span)
                if first is None:
                    continue
                start = min(start, doc[first].idx)
            elif e.condition == "attributive" and not _attributive(doc, span):
                continue
            if e.scope == "outlet" and not voice.outlet(start, end):
                continue
            if e.scope == "unquoted" and voice.quoted(start, end):
                continue
            out.append({"mention": text[start:end], "start": start, "end": end, "kind": e.kind, "rationale": e.rationale})
    return out
