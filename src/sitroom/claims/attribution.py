"""Finds who said what: speaker, reporting cue and content, from the parse.

Patterns, all read off the dependency parse in one pass over the tokens:
  * a reporting verb with a subject and a content complement
    ("X said (that) ...", "..., X said", "X vowed to ...", "X denied the claims",
    "X told reporters: ...");
  * "according to X, ..." / "..., according to X";
  * a reporting noun with a speaker ("X's claim that ...", "reports by X of ...",
    "claims from Kyiv about ...");
  * a passive denial with an agent ("the claim was dismissed by Kyiv").
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from sitroom.claims import lexicon
from sitroom.claims.spans import clip, line_bounds, n_words, trim
from sitroom.parse import docview
from sitroom.parse.docview import sent_of, sentences

_RELATIVE = {"that", "which", "who", "whom", "what"}
# A speaker that is the document itself ("the report said") is still a
# speaker; these are words that cannot be one.
_NOT_SPEAKERS = {"there", "this", "these", "those", "that", "which", "what", "who", "one"}
# "according to the ministry's daily briefing": the source is the ministry.
_SOURCE_DOCS = {"statement", "briefing", "report", "data", "figure", "estimate", "account", "update", "post", "message", "bulletin", "communique", "assessment"}
_SPEAKER_PREPS = {"by", "from"}
_CONTENT_PREPS = {"of", "about", "on", "that", "over"}
_MAX_SPEAKER_TOKENS = 25


@dataclass
class Attribution:
    speaker: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int]
    stance: str
    pattern: str  # which pattern found it, for debugging and tests


def _subtree_span(doc, tok, lead_words=False):
    return trim(doc, tok.left_edge.i, tok.right_edge.i, lead_words)


def _speaker_span(doc, tok, exclude_right=False, cue=None):
    """The speaker phrase headed by `tok` (relative clauses and appositives kept)."""
    left = tok.left_edge.i
    right = tok.i if exclude_right else tok.right_edge.i
    if cue is not None and left <= cue.i <= right:
        # "Putin, who on August 7 called ...": the cue sits in the speaker's relative clause.
        right = tok.i
    if right - left + 1 > _MAX_SPEAKER_TOKENS:
        right = tok.i
    # A dateline before the subject: "MOSCOW, Aug 14 (Wire) - Russia said".
    for k in range(right, left, -1):
        if doc[k].text in ("-", "—", "–") and doc[k].whitespace_ and k > 0 and doc[k - 1].whitespace_:
            left = k + 1
            break
    # "A day earlier Syrskyi had said": the time phrase is not the speaker.
    while left < right and (doc[left].ent_type_ in ("DATE", "TIME") or doc[left].dep_ == "npadvmod"):
        left += 1
    # Drop a possessive marker: "Putin's" -> "Putin".
    while right > left and doc[right].tag_ == "POS":
        right -= 1
    return trim(doc, left, right)


def _subject(verb):
    # Nearest subject first: a dateline ("MOSCOW, Aug 14 - Russia said") can
    # be parsed as a second one.
    for c in sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i)):
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return c
    # "..., adding that ..." / "called it X and said ..." share the subject
    # of the verb they hang from; a passive ("it was reported") has none.
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head is not verb:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return _subject(verb.head)
    return None


def _verb_content(doc, verb, comps, sent):
    """(content span, which complement) for a reporting verb, or None."""
    children = list(verb.children)
    for c in children:
        if c.dep_ == "ccomp" and "ccomp" in comps:
            return _subtree_span(doc, c, lead_words=False), "ccomp"
    if "colon" in comps:
        for c in children:
            if c.text == ":" and c.i > verb.i:
                span = trim(doc, c.i + 1, sent.end - 1)
                if span is None and sent.end < len(doc):
                    nxt = sent_of(doc[sent.end])
                    span = trim(doc, nxt.start, nxt.end - 1)
                return span, "colon"
    for c in children:
        if c.dep_ == "xcomp" and "xcomp" in comps:
            return _subtree_span(doc, c), "xcomp"
    if "dobj_as" in comps:
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        what = next((c for c in children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")), None)
        if obj is not None and what is not None and what.i > obj.i:
            return trim(doc, obj.left_edge.i, what.right_edge.i), "dobj_as"
    if "dobj" in comps:
        for c in children:
            if c.dep_ == "dobj":
                right = c.right_edge.i
                # "charged Ukraine with ...", "accused Kyiv of ...": the
                # charge continues into the verb's following prepositions.
                for d in children:
                    if d.i > right and d.dep_ == "prep" and d.lower_ in ("with", "of", "as", "over", "about", "for"):
                        right = d.right_edge.i
                return trim(doc, c.left_edge.i, right), "dobj"
    return None


def _verb_attribution(doc, tok, text):
    entry = lexicon.cues().get(tok.lemma_.lower())
    if entry is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    stance, comps = entry
    if any(c.dep_ == "neg" for c in tok.children):
        return None  # "did not say", "has not confirmed": nothing was claimed
    sent = sent_of(tok)
    if stance == "denial":
        passive = _passive_denial(doc, tok)
        if passive is not None:
            return passive
    found = _verb_content(doc, tok, comps, sent)
    subj = _subject(tok)
    if (found is None or found[0] is None) and "ccomp" in comps and subj is not None:
        found = _parenthetical_content(doc, text, tok, subj)
    if found is None or found[0] is None:
        return None
    content, how = found
    speaker = None
    if subj is not None and subj.lower_ not in _NOT_SPEAKERS:
        speaker = _speaker_span(doc, subj, cue=tok)
    line_start = line_bounds(text, tok.idx)[0]
    if speaker is None or speaker[1] <= line_start:
        # The parser can glue a paragraph to the one before and hang this
        # verb on a clause there; the speaker is then the name opening the line.
        speaker = _line_opening_name(doc, text, tok, line_start)
    if speaker is None:
        return None
    return Attribution(speaker, (tok.idx, tok.idx + len(tok.text)), content, stance, "verb-" + how)


def _parenthetical_content(doc, text, verb, subj):
    """"<content>, its commander said, ..." (parataxis) and '"<quote>," X wrote.'

    The parser gives such a verb no clause; the content is what precedes the
    speaker: the clause the verb interrupts, or a quotation that closes just
    before it (possibly spanning several sentences of the same paragraph).
    """
    first = min(subj.left_edge.i, verb.i)
    if first == 0:
        return None
    k = first - 1
    while k > 0 and (doc[k].is_space or doc[k].text in (",", "—", "–")):
        k -= 1
    if doc[k].text in ('"', "”"):
        close = doc[k].idx
        lo = line_bounds(text, close)[0]
        open_ = max(text.rfind('"', lo, close), text.rfind("“", lo, close))
        if open_ < 0:
            return None
        span = (open_ + 1, close)
        return clip(text, span, lo, close), "quote"
    if verb.dep_ == "parataxis" and verb.head.i < first:
        head = verb.head
        return trim(doc, head.left_edge.i, k), "parataxis"
    return None


def _line_opening_name(doc, text, verb, line_start):
    """"President Vladimir Putin" at the start of the verb's line, or None."""
    span = doc.char_span(line_start, verb.idx, alignment_mode="expand")
    if span is None:
        return None
    i = span.start
    while i < verb.i and doc[i].is_space:
        i += 1
    j = i
    while j < verb.i and doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET") and doc[j].ent_type_ not in ("DATE", "TIME"):
        j += 1
    if j == i or not any(doc[k].pos_ == "PROPN" or doc[k].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for k in range(i, j)):
        return None
    return trim(doc, i, j - 1)


def _passive_denial(doc, verb):
    """"X's claim ... was dismissed by Kyiv": content is the subject, speaker the agent."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if subj is None or agent is None:
        return None
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker, content = _speaker_span(doc, pobj), _subtree_span(doc, subj)
    if speaker is None or content is None:
        return None
    return Attribution(speaker, (verb.idx, verb.idx + len(verb.text)), content, "denial", "passive-denial")


def _according_to(doc, tok, text):
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = pobj
    if pobj.lemma_.lower() in _SOURCE_DOCS:
        poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
        prep = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")), None)
        inner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        src = poss if poss is not None and poss.pos_ != "PRON" else (inner or pobj)
    speaker = _speaker_span(doc, src)
    if speaker is None:
        return None
    sent = sent_of(tok)
    phrase_end = pobj.right_edge.i
    lo = sent.start
    # "According to X, <content>." or "<content>, according to X."
    head_words = [t for t in doc[lo: tok.i] if not (t.is_punct or t.is_space or t.dep_ == "cc" or t.pos_ == "ADV")]
    if not head_words:
        content = trim(doc, phrase_end + 1, sent.end - 1)
    elif all(t.is_punct or t.is_space for t in doc[phrase_end + 1: sent.end]):
        content = trim(doc, lo, tok.i - 1)
    else:
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT" and clause.head is not clause:
            clause = clause.head
        content = _subtree_span(doc, clause)
    if content is None:
        return None
    return Attribution(speaker, (tok.idx, to.idx + len(to.text)), content, "neutral", "according-to")


def _noun_attribution(doc, tok, text):
    stance = lexicon.nouns().get(tok.lemma_.lower())
    if stance is None or tok.pos_ != "NOUN":
        return None
    if tok.head.lower_ == "to" and tok.head.i > 0 and doc[tok.head.i - 1].lower_ == "according":
        return None  # the source document of an "according to" phrase
    speaker_tok, speaker_prep = None, None
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            speaker_tok = c
        elif c.dep_ == "prep" and c.lower_ in _SPEAKER_PREPS and speaker_tok is None:
            pobj = next((d for d in c.children if d.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or pobj.pos_ == "PROPN"):
                speaker_tok, speaker_prep = pobj, c
    if speaker_tok is None:
        return None
    parts = []
    for c in tok.children:
        if c is speaker_prep or c is speaker_tok:
            continue
        if c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS):
            if c.i > tok.i:
                parts.append((c.left_edge.i, c.right_edge.i))
    # A parser often hangs "of <content>" on the speaker: "reports by Ukraine
    # of territory ..." -> the "of" phrase is the report's content.
    for d in speaker_tok.children:
        if d.dep_ == "prep" and d.lower_ in _CONTENT_PREPS and d.i > speaker_tok.i:
            parts.append((d.left_edge.i, d.right_edge.i))
    if not parts:
        return None
    i, j = min(p[0] for p in parts), max(p[1] for p in parts)
    content = trim(doc, i, j, lead_words=True)
    speaker = _speaker_span(doc, speaker_tok, exclude_right=True)
    if content is None or speaker is None:
        return None
    return Attribution(speaker, (tok.idx, tok.idx + len(tok.text)), content, stance, "noun")


def _finish(doc, text, a: Attribution) -> Attribution | None:
    """Keep every span inside the cue's paragraph and drop empty contents."""
    lo, hi = line_bounds(text, a.cue[0])
    content = clip(text, a.content, lo, hi)
    speaker = clip(text, a.speaker, lo, hi) if a.speaker else None
    if content is None or n_words(doc, content) < 2:
        return None
    if a.speaker is not None and speaker is None:
        return None
    if speaker is not None and a.speaker[0] < lo:
        # A heading glued to the sentence: "International Reactions\nThe White House said".
        speaker = clip(text, (max(lo, a.speaker[0]), a.speaker[1]), lo, hi)
    if speaker is not None and content[0] < speaker[1] and speaker[0] < content[1]:
        # Speaker inside the content (inverted quote): take the content up to the cue.
        if content[0] < a.cue[0]:
            content = clip(text, (content[0], min(content[1], speaker[0], a.cue[0])), lo, hi)
        if content is None or n_words(doc, content) < 2:
            return None
    a.content, a.speaker = content, speaker
    return a


FINDERS = (_according_to, _verb_attribution, _noun_attribution)


def find(doc, text: str) -> list[Attribution]:
    """All attributions in `doc`, in order of appearance, one per cue."""
    out, seen = [], set()
    cues, nouns = lexicon.cues(), lexicon.nouns()
    lowers = docview.lowers(doc)
    for i, lemma in enumerate(docview.lemmas(doc)):
        # each finder needs one of these words; most tokens are none of them
        if lemma not in cues and lemma not in nouns and lowers[i] != "according":
            continue
        tok = doc[i]
        for finder in FINDERS:
            a = finder(doc, tok, text)
            if a is None or a.cue in seen:
                continue
            a = _finish(doc, text, a)
            if a is None:
                continue
            seen.add(a.cue)
            out.append(a)
            break
    out += _continued_quotes(doc, text, out)
    out.sort(key=lambda a: (min(a.cue[0], a.content[0], a.speaker[0] if a.speaker else a.cue[0]), a.cue[0], a.content[0]))
    return out


_OPENING = '"“'
_CLOSING = '"”'


def _continued_quotes(doc, text, found):
    """'"We will continue," X said. "There will be no ceasefire."': the second
    quotation, a sentence of its own with no cue, is the same speaker's."""
    cue_starts = sorted(a.cue[0] for a in found)
    quoted = {}
    for a in found:
        if a.speaker and a.content[0] > 0 and text[a.content[0] - 1] in _OPENING:
            quoted.setdefault(a.cue[0], a)
    if not quoted:
        return []
    out, last = [], None  # last: the quoted attribution of the previous sentence
    for sent in sentences(doc):
        s0, s1 = sent.start_char, sent.end_char
        k = bisect.bisect_left(cue_starts, s0)
        has_cue = k < len(cue_starts) and cue_starts[k] < s1
        if has_cue:
            last = next((quoted[c] for c in cue_starts[k:] if c < s1 and c in quoted), None)
            continue
        body = text[s0:s1].rstrip()
        if body and body[-1] not in _CLOSING and s0 + len(body) < len(text) and text[s0 + len(body)] in _CLOSING:
            body = text[s0:s0 + len(body) + 1]  # the parser left the closing mark to the next sentence
        if last is None or len(body) < 3 or body[0] not in _OPENING or body[-1] not in _CLOSING \
                or any(q in body[1:-1] for q in _OPENING + _CLOSING):
            last = None
            continue
        lo, hi = line_bounds(text, s0)
        if lo > last.cue[0]:
            last = None  # a new paragraph: the quote may be someone else's
            continue
        content = clip(text, (s0 + 1, s0 + len(body) - 1), lo, hi)
        if content is not None and n_words(doc, content) >= 2:
            out.append(Attribution(last.speaker, last.cue, content, last.stance, "quote-continued"))
    return out
