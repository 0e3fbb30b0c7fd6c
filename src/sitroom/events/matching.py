"""Finds trigger words in a sentence and picks the trigger row whose condition holds."""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.events import data
from sitroom.events.syntax import clause_tokens, governing_verb
from sitroom.parse.docview import lemmas, lowers, per_token, sent_of, text_of

PHRASE_CHILD_DEPS = frozenset({"prt", "prep", "dobj", "compound", "amod", "advmod", "npadvmod"})
VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
ANY_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
TERMINAL = ('.', '!', '?', '"', '\u201d', '\u2019', "'", ':', ')', ';')


@dataclass
class Hit:
    anchor: object          # the token the event hangs on (verb, or head noun of the phrase)
    tokens: list            # every token of the trigger phrase
    row: data.Trigger
    context: frozenset      # lemmas the condition was checked against


def _pos_ok(tok, pos: str) -> bool:
    if pos == "V":
        return tok.pos_ in VERB_POS and tok.dep_ != "amod"
    if pos == "N":
        return tok.pos_ in NOUN_POS
    if tok.pos_ == "VERB" and tok.dep_ == "amod":
        return False
    return tok.pos_ in ANY_POS


def _phrase(tok, words: tuple[str, ...]):
    """Tokens realising a multi-word trigger starting at `tok`, or None."""
    doc = tok.doc
    if len(words) == 1:
        return [tok]
    # adjacent words: "state of emergency", "hunger strike"
    span = [tok]
    j = tok.i
    for w in words[1:]:
        j += 1
        if j >= len(doc) or doc[j].lemma_.lower() != w and doc[j].lower_ != w:
            span = None
            break
        span.append(doc[j])
    if span:
        return span
    # phrasal verbs: particle or object as a child ("shot the drones down", "held talks")
    if len(words) == 2:
        for c in tok.children:
            if c.dep_ in PHRASE_CHILD_DEPS and (c.lemma_.lower() == words[1] or c.lower_ == words[1]):
                if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children):
                    continue  # "called ... on Wednesday" is not "called on"
                return [tok, c]
    return None


def _head_of(tokens):
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


def _context(anchor) -> frozenset:
    # several trigger rows of one word ask for the same anchor's context
    return per_token(anchor.doc, "sitroom.event_context", anchor.i, lambda: _read_context(anchor))


def _read_context(anchor) -> frozenset:
    toks = clause_tokens(anchor)
    words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
    if anchor.pos_ != "VERB":
        if anchor.i > sent_of(anchor).start:
            # "drone attacks" whatever the parse made of it
            words.add(anchor.doc[anchor.i - 1].lemma_.lower())
        v = governing_verb(anchor)
        if v.i != anchor.i:
            words.add(v.lemma_.lower())
            words.update(c.lemma_.lower() for c in v.children if c.dep_ in ("dobj", "prep", "advmod", "prt"))
    # "downed N drones launched by Ukraine": a verb's own object noun phrase counts too
    return frozenset(words)


def is_headline(tok) -> bool:
    """A short line with no closing punctuation is a heading, not reporting."""
    text = text_of(tok.doc)
    a = text.rfind("\n", 0, tok.idx) + 1
    b = text.find("\n", tok.idx)
    b = b if b >= 0 else len(text)
    if b - a > 300:  # longer than any heading: skip splitting a whole paragraph per trigger
        return False
    line = text[a:b].strip()
    return bool(line) and not line.endswith(TERMINAL) and len(line.split()) < 15


def find(sent) -> list[Hit]:
    table = data.triggers()
    doc = sent.doc
    lemma, lower = lemmas(doc), lowers(doc)
    hits: list[Hit] = []
    used: set[int] = set()
    sent_lemmas = None
    for i in range(sent.start, sent.end):
        if i in used:
            continue
        rows = table.get(lemma[i]) or table.get(lower[i])
        if not rows:
            continue
        tok = doc[i]
        chosen = None
        for row in rows:
            toks = _phrase(tok, row.words)
            if toks is None:
                continue
            anchor = _head_of(toks) if len(toks) > 1 and toks[-1].i == toks[0].i + len(toks) - 1 else tok
            if not _pos_ok(anchor, row.pos):
                continue
            ctx = _context(anchor)
            if row.sentence_wide:
                if sent_lemmas is None:
                    sent_lemmas = frozenset(lemma[sent.start:sent.end])
                ctx = ctx | sent_lemmas
            if row.requires and not (row.requires & ctx):
                continue
            chosen = Hit(anchor, toks, row, ctx)
            break
        if chosen is None or is_headline(chosen.anchor):
            continue
        used.update(t.i for t in chosen.tokens)
        hits.append(chosen)
    return hits
