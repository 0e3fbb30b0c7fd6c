"""Unattributed assertions of contested facts: territory or losses, with a
number, stated in the outlet's own voice with no source in the sentence."""
from __future__ import annotations

from sitroom.framing import lexicon
from sitroom.parse.docview import sentences, text_of

_VAGUE_NUMBERS = {"hundreds", "thousands", "dozens", "scores", "tens", "numerous", "several", "many"}
_ARG_DEPS = ("dobj", "nsubjpass", "attr", "pobj")
_MAX_TOKENS = 14
_RATIONALE = {
    "territory": "territorial gains stated as fact with no source: such figures come from one side and are disputed",
    "losses": "military losses stated as fact with no source: such figures come from one side and are disputed",
    "air defence claims": "a count of weapons shot down stated as fact with no source: it is one side's claim",
}


def _action(tok, actions):
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if prt and f"{lemma} {prt}" in actions:
        return actions[f"{lemma} {prt}"]
    if lemma in actions and not (prt and f"{lemma} {prt}" not in actions and lemma == "shoot"):
        return actions[lemma]
    return None


def _counted(arg, nouns):
    """True when the argument counts territory or military assets with a number."""
    has_number = any(t.like_num or t.lower_ in _VAGUE_NUMBERS for t in arg.subtree)
    heads = {arg.lemma_.lower()} | {t.lemma_.lower() for t in arg.subtree if t.dep_ in ("pobj", "conj", "compound")}
    return has_number and bool(heads & nouns)


def find(doc, voice) -> list[dict]:
    actions, nouns, sources = lexicon.contested_actions(), lexicon.contested_nouns(), lexicon.source_words()
    text = text_of(doc)
    out = []
    for sent in sentences(doc):
        if any(t.lower_ in sources for t in sent):
            continue
        for tok in sent:
            about = _action(tok, actions)
            if about is None:
                continue
            for arg in tok.children:
                if arg.dep_ not in _ARG_DEPS[:3] and not (arg.dep_ == "prep" and arg.lower_ == "of"):
                    continue
                if not _counted(arg, nouns):
                    continue
                left = arg.left_edge.i
                # "Overnight around 120 drones ...": a time phrase is not part of the figure.
                while left < arg.i and (doc[left].ent_type_ in ("DATE", "TIME") or doc[left].dep_ == "npadvmod"):
                    left += 1
                verb_end = max([tok.i] + [c.i for c in tok.children if c.dep_ == "prt"])
                lo = min(tok.i, left)
                hi = max(verb_end, arg.right_edge.i)
                if hi - lo + 1 > _MAX_TOKENS:
                    hi = max(tok.i, arg.i)
                while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
                    hi -= 1
                start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
                if not voice.outlet(start, end):
                    continue
                out.append({
                    "mention": text[start:end], "start": start, "end": end,
                    "kind": "unattributed_assertion", "rationale": _RATIONALE.get(about, "contested fact stated without a source"),
                })
                break
    return out
