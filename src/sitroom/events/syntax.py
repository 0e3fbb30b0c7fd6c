"""Dependency-tree helpers: clause bounds, subjects, distances between tokens."""
from __future__ import annotations

from sitroom.parse.docview import per_token

# Children that open a clause of their own: their words belong to another event.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SPEECH_LEMMAS = frozenset({
    "say", "tell", "claim", "announce", "declare", "report", "state", "add", "write",
    "insist", "confirm", "note", "argue", "speculate", "believe", "think", "allege",
})


def is_clause_child(tok) -> bool:
    if tok.dep_ in CLAUSE_DEPS:
        return True
    # a coordinated verb is its own clause ("inched closer ... and captured ...")
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX")


def clause_tokens(head) -> list:
    """The head's subtree without the sub-clauses hanging off it (shared: do not modify)."""
    # matching, actors, places, figures and countries each ask for the same clauses
    return per_token(head.doc, "sitroom.clauses", head.i, lambda: _clause_tokens(head))


def _clause_tokens(head) -> list:
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if not is_clause_child(c):
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def governing_verb(tok):
    """The nearest verb at or above a token (a noun trigger's clause verb)."""
    t, hops = tok, 0
    while hops < 8:
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return t
        t, hops = t.head, hops + 1
    return t


def ancestors(tok, limit: int = 12):
    t, n = tok, 0
    while t.head.i != t.i and n < limit:
        t, n = t.head, n + 1
        yield t


def distance(a, b) -> int:
    """Edges between two tokens of the same sentence in the dependency tree."""
    if a.i == b.i:
        return 0
    up_a = {a.i: 0}
    for n, t in enumerate(ancestors(a, 40), 1):
        up_a[t.i] = n
    if b.i in up_a:
        return up_a[b.i]
    for n, t in enumerate(ancestors(b, 40), 1):
        if t.i in up_a:
            return n + up_a[t.i]
    return 99


def subject_of(verb):
    """Explicit subject of a verb, else the one it inherits through coordination or control."""
    t, hops = verb, 0
    while hops < 5:
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c, False
            if c.dep_ == "nsubjpass":
                return c, True
        if t.dep_ == "conj" or t.dep_ in ("xcomp", "advcl") and t.head.pos_ in ("VERB", "AUX"):
            # "prompting the governor to declare": the controller is the object
            if t.dep_ == "xcomp":
                for c in t.head.children:
                    if c.dep_ == "dobj":
                        return c, False
            t, hops = t.head, hops + 1
            continue
        break
    return None, False


def agent_of(verb):
    """The 'by X' of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def objects_of(tok):
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "attr", "dative"):
            out.append(c)
        elif c.dep_ == "prep" and c.lemma_ in ("on", "against", "at", "with", "upon"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def speech_scope(tok):
    """When the token sits inside reported speech, the clause that is reported; else None."""
    prev = tok
    for t in ancestors(tok):
        if t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB" and prev.dep_ in ("ccomp", "parataxis"):
            return prev  # "declared a state of emergency" is an act, not reported speech
        prev = t
    return None


def in_subtree(tok, root) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i


