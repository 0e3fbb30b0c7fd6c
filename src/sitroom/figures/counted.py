"""What a figure counts: the noun the number modifies, lemmatised.

"around 120 Ukrainian drones" counts drone; "Hundreds of Ukrainian soldiers"
counts soldier; "200,000 Russians" counts russian (a plural demonym used as
a noun). Adjectives, determiners and compound modifiers between the number
and its noun are skipped; a verb, a preposition other than "of", or a
punctuation mark ends the search.
"""
from __future__ import annotations

import bisect

from sitroom.parse.docview import text_of

_SKIP_POS = ("ADJ", "DET", "NUM", "ADV")
_MAX_TOKENS = 6


def _lemma(tok) -> str:
    if tok.pos_ == "PROPN" and tok.ent_type_ == "NORP":
        # Plural demonyms ("Russians", "Ukrainians"): spaCy keeps them as is.
        w = tok.lower_
        return w[:-1] if w.endswith("s") else w
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" or lemma == tok.lower_:
        # Tagger slips leave some plurals unlemmatised ("servicemen").
        if lemma.endswith("men"):
            return lemma[:-3] + "man"
    return lemma


def _noun(tok) -> bool:
    if tok.pos_ == "NOUN":
        return True
    return tok.pos_ == "PROPN" and (tok.tag_ == "NNPS" or tok.ent_type_ == "NORP")


def counted_noun(doc, pos: int, after_unit: bool) -> str | None:
    """Lemma of the noun counted by the number that ends at char `pos`."""
    i = _token_at(doc, pos)
    if i is None:
        return None
    seen_of = False
    for tok in doc[i: i + _MAX_TOKENS]:
        if tok.lower_ == "of":
            if seen_of:
                return None
            seen_of = True
            continue
        if after_unit and not seen_of:
            return None  # "18% of territory": only an of-phrase names what a measure measures
        if tok.is_punct and tok.text not in ("-",):
            return None
        if tok.text == "-":
            continue
        if tok.ent_type_ in ("DATE", "TIME"):
            return None  # "killed a dozen yesterday": a date, not what is counted
        if _noun(tok):
            # "Ukrainian" as a compound before the real noun: keep going,
            # unless the number is hyphened to it ("a nine-storey building").
            if _modifies_ahead(tok, i + _MAX_TOKENS) and text_of(doc)[pos:tok.idx] != "-":
                continue
            return _lemma(tok)
        if tok.pos_ == "DET" and not seen_of:
            return None  # "121,000 the region's governor said": a new phrase
        if tok.pos_ in _SKIP_POS or (tok.pos_ == "PROPN" and tok.ent_type_ == "NORP"):
            continue
        if tok.pos_ in ("PROPN", "VERB") and _modifies_ahead(tok, i + _MAX_TOKENS):
            continue  # a make, model or maker: "five Shahed drones", "4 Red Cross workers", "Iranian-made"
        if tok.pos_ == "PRON" and tok.dep_ == "poss":
            continue
        return None
    return None


def _modifies_ahead(tok, limit: int) -> bool:
    """True when tok modifies a word further on, inside the search window."""
    return tok.dep_ in ("compound", "amod", "nmod", "npadvmod") and tok.i < tok.head.i < limit


def _token_at(doc, pos: int) -> int | None:
    """Index of the first token starting at or after char `pos`."""
    starts = doc.user_data.get("sitroom_token_starts")
    if starts is None:
        starts = doc.user_data["sitroom_token_starts"] = [t.idx for t in doc]
    i = bisect.bisect_left(starts, pos)
    return i if i < len(starts) else None
