"""Turns attributions into contract claims, with sides and verification."""
from __future__ import annotations

import bisect
import re

from sitroom.claims import attribution, lexicon
from sitroom.claims.sides import is_pronoun, side_in_text, side_of
from sitroom.claims.verification import (
    confirmed_in,
    is_anaphoric,
    is_hedged,
    shares_topic,
    topic_words,
    unverified_spans,
)
from sitroom.parse.docview import sentences, text_of

# How far back (in sentences) a remark like "The claim could not be verified"
# or a pronoun speaker ("He said ...") may reach for what it refers to.
_REACH = 3
# What is left at the end of a content cut before "..., a claim that could not be verified".
_TAIL = re.compile(
    r"[\s,;:—–-]*(?:\b(?:a|an|the)\s+)?(?:\b(?:claim|claims|figure|figures|report|reports|assertion)\b)?\s*"
    r"(?:\b(?:which|that|it|this)\b)?\s*(?:\b(?:could|can|may|might|would|was|were|is|are|has|have|had|be|been)\b\s*)*$",
    re.IGNORECASE,
)


class _Sentences:
    def __init__(self, doc):
        self.spans = [(s.start_char, s.end_char) for s in sentences(doc)]
        self.starts = [s for s, _ in self.spans]

    def index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


def _para_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def build_claims(doc, article) -> list[dict]:
    text = text_of(doc)
    atts = attribution.find(doc, text)
    if not atts:
        return []
    sents = _Sentences(doc)
    claims, sent_of, stance_of = [], [], []
    for k, a in enumerate(atts, 1):
        sp = a.speaker
        claims.append({
            "id": f"c{k}",
            "speaker": text[sp[0]:sp[1]] if sp else None,
            "speaker_start": sp[0] if sp else None,
            "speaker_end": sp[1] if sp else None,
            "cue": text[a.cue[0]:a.cue[1]],
            "cue_start": a.cue[0],
            "cue_end": a.cue[1],
            "content": text[a.content[0]:a.content[1]],
            "content_start": a.content[0],
            "content_end": a.content[1],
            "speaker_side": side_of(text[sp[0]:sp[1]] if sp else None, sp and sp[0], sp and sp[1], article.places),
            "verification": "asserted",
        })
        sent_of.append(sents.index(a.cue[0]))
        stance_of.append(a.stance)
    _inherit_pronoun_sides(text, claims, sents, sent_of)
    _local_official_sides(text, claims, sents, sent_of, article.places)
    flags = [set() for _ in claims]
    _mark_text_remarks(doc, text, sents, claims, sent_of, flags)
    _mark_disputes(doc, claims, sent_of, stance_of, flags)
    for c, f, st, a in zip(claims, flags, stance_of, atts):
        if st == "denial":
            c["verification"] = "denied"
        elif "unverified" in f:
            c["verification"] = "unverified"
        elif "confirmed" in f:
            c["verification"] = "confirmed"
        elif "disputed" in f:
            c["verification"] = "disputed"
        elif is_hedged(doc, a.cue, (c["content_start"], c["content_end"]), st):
            c["verification"] = "hedged"
    return claims


def _inherit_pronoun_sides(text, claims, sents, sent_of):
    """"He said ..." / "The ministry said ...": the side of the speaker referred back to."""
    last = None
    for i, c in enumerate(claims):
        sp = c["speaker"]
        if is_pronoun(sp):
            if last is not None and sent_of[i] - sent_of[last] <= _REACH:
                c["speaker_side"] = claims[last]["speaker_side"]
            continue
        if c["speaker_side"] is None and sp and sp.split()[0].lower() in ("its", "their", "his", "her"):
            # "Ukraine's air force has destroyed ..., its commander said": the
            # owner is named earlier in the same sentence.
            c["speaker_side"] = side_in_text(text[sents.spans[sent_of[i]][0]:c["speaker_start"]])
        words = (sp or "").lower().split()
        if c["speaker_side"] is None and len(words) in (2, 3) and words[0] == "the":
            for j in range(i - 1, -1, -1):
                prev = claims[j]
                if prev["speaker_side"] and words[-1] in (prev["speaker"] or "").lower().split():
                    c["speaker_side"] = prev["speaker_side"]
                    break
        if sp:
            last = i


def _local_official_sides(text, claims, sents, sent_of, places):
    """"the region's acting governor told Putin" after "... in Russia's Kursk region": the sentence's place."""
    local = lexicon.local_officials()
    for c, si in zip(claims, sent_of):
        words = set(re.findall(r"[a-z]+", (c["speaker"] or "").lower()))
        if c["speaker_side"] is not None or not (words & local):
            continue
        s0, s1 = sents.spans[si]
        here = [p for p in places if s0 <= p.get("start", -1) < s1 and p.get("country_code")]
        before = [p for p in here if p["start"] < c["speaker_start"]]
        pick = (before or here)[:1]
        if pick:
            c["speaker_side"] = pick[0]["country_code"]


def _cut_content(text, c, cut_at):
    """Drop a trailing verification remark from the content ("..., a claim that could not be verified")."""
    end = cut_at
    m = _TAIL.search(text, c["content_start"], end)
    if m:
        end = m.start()
    if end - c["content_start"] >= 3:
        c["content_end"] = end
        c["content"] = text[c["content_start"]:end]


def _mark_text_remarks(doc, text, sents, claims, sent_of, flags):
    """Apply "could not be independently verified" / "independently confirmed" remarks."""
    by_sent = {}
    for i, s in enumerate(sent_of):
        by_sent.setdefault(s, []).append(i)
    plural = lexicon.verification()["anaphors_plural"]
    for si, (s0, s1) in enumerate(sents.spans):
        stext = text[s0:s1]
        remarks = [("unverified", s0 + a, s0 + b) for a, b in unverified_spans(stext)]
        if not remarks and confirmed_in(stext):
            remarks = [("confirmed", s0, s1)]
        if not remarks:
            continue
        for kind, r0, _ in remarks:
            here = [i for i in by_sent.get(si, []) if claims[i]["cue_start"] < r0 or claims[i]["content_start"] <= r0]
            if here:
                for i in here:
                    flags[i].add(kind)
                    c = claims[i]
                    if c["content_start"] < r0 < c["content_end"]:
                        _cut_content(text, c, r0)
                continue
            # The remark refers back: to the last sentence with claims, and
            # with "either side's"/"these claims", to the paragraph's claims.
            back = [j for j in range(si - 1, max(-1, si - 1 - _REACH), -1) if j in by_sent]
            if not back:
                continue
            targets = list(by_sent[back[0]])
            words = {w.lower() for w in re.findall(r"\w+", stext)}
            if words & plural:
                lo = _para_start(text, sents.spans[back[0]][0])
                lo = _para_start(text, max(0, lo - 2)) if lo > 0 else lo
                targets = [i for i, c in enumerate(claims) if lo <= c["cue_start"] < s0]
            for i in targets:
                flags[i].add(kind)


def _mark_disputes(doc, claims, sent_of, stance_of, flags):
    """Another party's denial makes a claim disputed."""
    topics = None
    for d, dc in enumerate(claims):
        if stance_of[d] != "denial":
            continue
        for i, c in enumerate(claims):
            if i == d or c["speaker"] == dc["speaker"]:
                continue
            # "dismissing claims from Kyiv about ...": the claim sits inside the denial.
            if dc["content_start"] <= c["cue_start"] and c["content_end"] <= dc["content_end"]:
                flags[i].add("disputed")
        if is_anaphoric(dc["content"]):
            for i in range(d - 1, -1, -1):
                c = claims[i]
                if sent_of[d] - sent_of[i] > _REACH:
                    break
                if _other_side(c, dc):
                    flags[i].add("disputed")
                    break
            continue
        if topics is None:
            topics = [topic_words(doc, (c["content_start"], c["content_end"])) for c in claims]
        for i, c in enumerate(claims):
            if i != d and stance_of[i] != "denial" and c["speaker_side"] and dc["speaker_side"] \
                    and c["speaker_side"] != dc["speaker_side"] and shares_topic(topics[i], topics[d]):
                flags[i].add("disputed")


def _other_side(c, dc) -> bool:
    if c["speaker_side"] and dc["speaker_side"]:
        return c["speaker_side"] != dc["speaker_side"]
    return c["speaker"] != dc["speaker"]
