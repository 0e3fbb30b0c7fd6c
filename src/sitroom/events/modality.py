"""Whether an event is said not to have happened (negated) or not yet / only possibly (hypothetical)."""
from __future__ import annotations

from sitroom.events import data
from sitroom.events.syntax import SPEECH_LEMMAS, ancestors

# How far up the tree a governing word ("vowed to", "failed to") still reaches the event.
GOV_HOPS = 4
# How a governed event hangs under its governor: "vowed to strike" (xcomp), "vow to oust" (acl),
# "plans for an offensive" (prep for) - but not "planning moves after this offensive".
GOV_PATH = frozenset({"xcomp", "ccomp", "dobj", "acl", "pcomp", "pobj", "advcl", "conj", "aux", "amod", "compound"})
GOV_PREPS = frozenset({"for", "of", "to", "on"})


def _own_words(anchor, clause_verb):
    """Auxiliaries, negations and modifiers on the event's verb/noun (and its clause verb when the noun is its object)."""
    toks = list(anchor.children)
    if clause_verb is not anchor and anchor.dep_ not in ("nsubj", "nsubjpass"):
        toks += [c for c in clause_verb.children if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod")]
    return toks


def flags(anchor, clause_verb) -> tuple[bool, bool]:
    table = data.modality()
    negated = hypothetical = False
    for t in _own_words(anchor, clause_verb):
        for kind, scope in table.get(t.lower_, ()) or table.get(t.lemma_.lower(), ()):
            if scope != "aux":
                continue
            if kind == "negation" and t.dep_ in ("neg", "det", "advmod"):
                negated = True
            elif kind == "hypothetical" and t.dep_ in ("aux", "mark", "amod", "advmod"):
                hypothetical = True
    # "potential peace talks", "future ceasefire negotiations": modifiers anywhere left of the noun
    if anchor.pos_ != "VERB":
        for t in anchor.subtree:
            if t.i < anchor.i and t.dep_ == "amod" and any(k == "hypothetical" for k, _ in table.get(t.lower_, ())):
                hypothetical = True
    prev = anchor
    for n, t in enumerate(ancestors(anchor, GOV_HOPS)):
        if n == 0 and prev.dep_ in ("nsubj", "nsubjpass"):
            # "fierce battles have failed to dislodge": the battles happened; their aim did not
            prev = t
            continue
        if t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB":
            break  # what a speaker says happened is judged by its own clause
        if prev.dep_ not in GOV_PATH and not (prev.dep_ == "prep" and prev.lemma_ in GOV_PREPS):
            prev = t
            continue
        for kind, scope in table.get(t.lemma_.lower(), ()):
            if scope == "aux":
                # modal on a verb that governs the event ("could open up gaps")
                continue
            if kind == "negation":
                negated = True
            else:
                hypothetical = True
        if prev.dep_ in ("xcomp", "ccomp", "acl", "advcl", "pcomp", "pobj", "dobj", "prep"):
            for c in t.children:
                if c.dep_ in ("aux", "mark") and any(k == "hypothetical" for k, _ in table.get(c.lower_, ())):
                    hypothetical = True
                if c.dep_ == "neg" and prev.dep_ in ("xcomp", "dobj"):
                    negated = True
        prev = t
    return negated, hypothetical
