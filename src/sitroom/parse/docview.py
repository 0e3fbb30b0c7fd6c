"""Per-Doc caches the stages share.

spaCy's `Doc.text` joins every token on each call and `Token.sent` walks the
parse to find its boundaries; stages that ask per mention made a long article
quadratic (a 200,000-character text took minutes in the places stage). Each
Doc computes them once and keeps them in `user_data`.
"""
from __future__ import annotations

import bisect

_TEXT = "sitroom.text"
_SENTS = "sitroom.sents"
_WORDS = "sitroom.words"
_ENTS = "sitroom.ents"


def text_of(doc) -> str:
    t = doc.user_data.get(_TEXT)
    if t is None:
        t = doc.user_data[_TEXT] = doc.text
    return t


def per_token(doc, name: str, i: int, compute):
    """A value computed once per token of a Doc (`compute()` on the first
    ask), kept in `user_data[name]`: several stages or rows ask for the
    same clause or context of one word."""
    memo = doc.user_data.setdefault(name, {})
    v = memo.get(i)
    if v is None:
        v = memo[i] = compute()
    return v


def set_text(doc, text: str) -> None:
    """Record the text the Doc was parsed from (spaCy's tokenizer keeps it
    whole, so it equals `doc.text`)."""
    doc.user_data[_TEXT] = text


def entities(doc) -> tuple:
    """`doc.ents`, built once: each read of `Doc.ents` makes a Token per
    word of the article. Only for the stages after the parse, when the
    entities no longer change (the toponym component reads doc.ents)."""
    e = doc.user_data.get(_ENTS)
    if e is None:
        e = doc.user_data[_ENTS] = _read_ents(doc)
    return e


def _read_ents(doc) -> tuple:
    """The entity spans from the token columns, as `Doc.ents` gives them."""
    from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
    from spacy.tokens import Span

    if not len(doc):
        return ()
    arr = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).tolist()
    out = []
    start = None
    for i, (iob, _, _) in enumerate(arr + [[2, 0, 0]]):
        # IOB codes: 3 begins an entity, 1 is inside one, 2 outside, 0 unset
        if start is not None and iob != 1:
            out.append(Span(doc, start, i, label=arr[start][1], kb_id=arr[start][2]))
            start = None
        if iob == 3:
            start = i
    return tuple(out)


def sentences(doc) -> list:
    return _sents(doc)[1]


def _sents(doc):
    s = doc.user_data.get(_SENTS)
    if s is None:
        spans = list(doc.sents)
        s = doc.user_data[_SENTS] = ([x.start for x in spans], spans)
    return s


def sent_of(tok):
    starts, spans = _sents(tok.doc)
    return spans[bisect.bisect_right(starts, tok.i) - 1]


def sent_at_char(doc, pos: int):
    """The sentence holding character `pos` (the last one past the end)."""
    starts, spans = _sents(doc)
    if not spans:
        return doc[:]
    i = bisect.bisect_right([s.start_char for s in spans], pos) - 1
    return spans[max(i, 0)]


def lemmas(doc) -> list[str]:
    """Each token's lemma, lowercased: scans over every token test these
    strings and build a Token object only where one passes."""
    return _words(doc)[0]


def lowers(doc) -> list[str]:
    """Each token's `lower_`."""
    return _words(doc)[1]


def _words(doc):
    w = doc.user_data.get(_WORDS)
    if w is None:
        from spacy.attrs import LEMMA, LOWER

        strings = doc.vocab.strings
        # flat columns: a list of small lists per token wakes the garbage collector
        arr = doc.to_array([LEMMA, LOWER]) if len(doc) else None
        w = doc.user_data[_WORDS] = (
            [strings[h].lower() for h in arr[:, 0].tolist()] if arr is not None else [],
            [strings[h] for h in arr[:, 1].tolist()] if arr is not None else [],
        )
    return w
