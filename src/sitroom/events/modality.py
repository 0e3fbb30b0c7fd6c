"""Whether an event is said not to have happened (negated) or not yet / only possibly (hypothetical)."""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.events import data
from sitroom.events.syntax import SPEECH_LEMMAS, ancestors, speech_scope, subject_of

# How far up the tree a governing word ("vowed to", "failed to") still reaches the event.
GOV_HOPS = 4
# How a governed event hangs under its governor: "vowed to strike" (xcomp), "vow to oust" (acl),
# "plans for an offensive" (prep for) - but not "planning moves after this offensive".
GOV_PATH = frozenset({"xcomp", "ccomp", "dobj", "acl", "pcomp", "pobj", "advcl", "conj", "aux", "amod", "compound"})
GOV_PREPS = frozenset({"for", "of", "to", "on", "with"})
HYPO_KINDS = frozenset({"hypothetical", "intent", "demand"})


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    intent: object = None      # the token announcing the actor's intention ("will", "vowed")
    demand: bool = False
    alleged: bool = False

    def mark(self, kind: str, tok, scope: str, anchor) -> None:
        if kind == "negation":
            self.negated = True
        elif kind == "alleged":
            self.alleged = True
        elif kind in HYPO_KINDS:
            self.hypothetical = True
            if kind == "demand":
                self.demand = True
            elif kind == "intent" and (scope != "reported" or _speaker_is_subject(anchor)):
                self.intent = self.intent or tok


def _speaker_is_subject(anchor) -> bool:
    """'X said it would boycott': an intention only when the speaker speaks of itself."""
    scope = speech_scope(anchor)
    if scope is None:
        return False
    subj, _ = subject_of(scope)
    if subj is None:
        return False
    if subj.lower_ in ("it", "they", "he", "she", "we", "i"):
        return True
    speaker, _ = subject_of(scope.head)
    return speaker is not None and speaker.lower_ == subj.lower_


def _own_words(anchor, clause_verb):
    """Auxiliaries, negations and modifiers on the event's verb/noun (and its clause verb when the noun is its object)."""
    toks = list(anchor.children)
    # The clause verb's negation reaches a noun event only through its object:
    # "did not launch an offensive" denies it, "did not comment on the strike" does not.
    if clause_verb.i != anchor.i and anchor.dep_ in ("dobj", "attr", "oprd", "xcomp", "ccomp"):
        toks += [c for c in clause_verb.children if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod")]
    return toks


def _entries(tok):
    table = data.modality()
    return table.get(tok.lower_, ()) or table.get(tok.lemma_.lower(), ())


def flags(anchor, clause_verb) -> Modality:
    m = Modality()
    for t in _own_words(anchor, clause_verb):
        for kind, scope in _entries(t):
            if scope not in ("aux", "reported"):
                continue
            if kind == "negation" and t.dep_ not in ("neg", "det", "advmod"):
                continue
            if kind != "negation" and t.dep_ not in ("aux", "mark", "amod", "advmod"):
                continue
            m.mark(kind, t, scope, anchor)
    # "potential peace talks", "future ceasefire negotiations": modifiers anywhere left of the noun
    if anchor.pos_ != "VERB":
        for t in anchor.subtree:
            if t.i < anchor.i and t.dep_ == "amod":
                for kind, scope in _entries(t):
                    if kind in HYPO_KINDS:
                        m.mark("hypothetical", t, scope, anchor)
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
        for kind, scope in data.modality().get(t.lemma_.lower(), ()):
            if scope in ("aux", "reported"):
                continue
            m.mark(kind, t, scope, anchor)
        for c in t.children:
            if c.dep_ in ("aux", "mark"):
                for kind, scope in _entries(c):
                    if kind in HYPO_KINDS and scope in ("aux", "reported"):
                        m.mark(kind, c, scope, anchor)
            if c.dep_ == "neg" and prev.dep_ in ("xcomp", "dobj"):
                m.negated = True
        prev = t
    return m
