"""Ties an event to the places, dates, figures and claims the earlier stages found."""
from __future__ import annotations

import bisect

from sitroom.events import data
from sitroom.events.syntax import (
    SPEECH_LEMMAS, clause_tokens, distance, in_subtree, speech_scope,
)
from sitroom.parse.docview import lemmas, sent_of, text_of
from sitroom.places.nested import HOST_LABELS

# How far (tree edges) a date may sit from an event noun and still date it.
NOUN_DATE_REACH = 4
PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
NEAR_WORDS = frozenset({"near", "outside", "around", "close"})
ACTOR_DEPS = frozenset({"nsubj", "poss"})
DEATH_WORDS = frozenset({"kill", "die", "dead", "death", "fatality", "life", "toll"})
PERSON_WORDS = frozenset({
    "people", "person", "civilian", "soldier", "troop", "resident", "child", "woman", "man", "villager",
    "serviceman", "fighter", "militant", "protester", "demonstrator", "passenger", "worker", "member",
    "officer", "policeman", "family", "student", "adult", "boy", "girl", "casualty",
})


class Mentions:
    """Objects of one kind (places, dates, figures) found in the doc, with their root tokens."""

    def __init__(self, doc, objects):
        self.items = []
        for o in objects:
            span = doc.char_span(o["start"], o["end"], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self.items.append((o, span))
        self.by_token = {}
        for o, span in self.items:
            for t in span:
                self.by_token.setdefault(t.i, o)
        # Sorted by start, so a clause's objects are found by bisection, not
        # by a scan of the whole article per event candidate.
        self._sorted = sorted(enumerate(self.items), key=lambda x: x[1][1].start_char)
        self._starts = [s.start_char for _, (_, s) in self._sorted]
        self._views: dict = {}

    def without(self, drop) -> "Mentions":
        """The same objects less those whose span `drop` rejects (cached per predicate)."""
        if drop not in self._views:
            view = Mentions.__new__(Mentions)
            view.items = [(o, s) for o, s in self.items if not drop(s)]
            view.by_token = self.by_token
            view._views = {}
            view._sorted = [(i, x) for i, x in self._sorted if not drop(x[1])]
            view._starts = [s.start_char for _, (_, s) in view._sorted]
            self._views[drop] = view
        return self._views[drop]

    def in_range(self, start: int, end: int):
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_right(self._starts, end)
        # in the order the earlier stage listed them
        hits = sorted((i, o, s) for i, (o, s) in self._sorted[lo:hi] if s.end_char <= end)
        return [(o, s) for _, o, s in hits]


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (b if b >= 0 else len(text))


def _place_rank(p: dict) -> int:
    return p.get("geo_precision") or 3


def _is_actor_position(span, actor_tokens) -> bool:
    root = span.root
    if any(t.i == root.i for t in actor_tokens if t is not None):
        return True
    # "Kyiv said", "Russia's ministry": a place that acts or owns is not where things happened
    return root.dep_ in ACTOR_DEPS or (root.dep_ == "pobj" and (root.head.dep_ == "agent" or root.head.lower_ == "by"))


# Where a speaker speaks from, not where the reported event happened.
SPEAKING_FRAME = frozenset({"speak", "address", "visit", "conference", "briefing", "interview", "statement",
                            "meeting", "broadcast", "speech", "television", "summit"})


def _speaker_side(span) -> bool:
    """A place in the frame of a speech verb ('speaking in Kyiv, he said ...', 'told a briefing in Moscow')."""
    prev = span.root
    for t in prev.ancestors:
        if t.lemma_.lower() in SPEAKING_FRAME:
            return True
        if t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB":
            return False
        prev = t
    return False


def _names_organisation(span) -> bool:
    """A toponym inside an organisation's or building's name ("the Kyiv
    Independent reported", "Texas Forest Service"): where the body is from,
    not where the event happened."""
    return span.root.ent_type_ in HOST_LABELS


def link_places(places: Mentions, anchor, clause_verb, actor_tokens, own_only: bool = False):
    """(chosen place dicts, how tied: 'clause'|'sentence'|'paragraph'|None)."""
    sent = sent_of(anchor)
    places = places.without(_names_organisation)
    if own_only:
        own = [(p, s) for p, s in places.in_range(anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge))
               if not _is_actor_position(s, actor_tokens)]
        if not own:
            return [], None, None
        own.sort(key=lambda ps: (_place_rank(ps[0]), distance(anchor, ps[1].root)))
        return [own[0][0]], "clause", own[0][1]
    scope = speech_scope(anchor)
    clause = {t.i for t in clause_tokens(clause_verb)}
    best = None
    for outside in (False, True):
        # reported speech: the reported clause's places first; then the sentence's, except the
        # place the speaker speaks from ("Speaking in Kyiv, ...", "at a briefing in Moscow")
        if outside and (best is not None or scope is None):
            break
        for p, span in places.in_range(sent.start_char, sent.end_char):
            if _is_actor_position(span, actor_tokens):
                continue
            if scope is not None and in_subtree(span.root, scope) == outside:
                continue
            if outside and _speaker_side(span):
                continue
            # within the clause the most specific place wins ("seized Goma in eastern Congo")
            in_clause = span.root.i in clause
            key = (not in_clause, _place_rank(p) if in_clause else 0, distance(anchor, span.root),
                   _place_rank(p), span.start_char)
            if best is None or key < best[0]:
                best = (key, p, span)
    if best is not None:
        _, p, span = best
        tie = "clause" if span.root.i in clause else "sentence"
        group = [p] + [q for q, s in places.in_range(sent.start_char, sent.end_char)
                       if q is not p and _coordinated(s.root, span.root)]
        return group, tie, span
    a, b = paragraph_bounds(text_of(anchor.doc), anchor.idx)
    cands = []
    for p, span in places.in_range(a, b):
        if sent.start <= span.root.i < sent.end or _is_actor_position(span, ()) or _speaker_side(span):
            continue
        before = span.start_char < anchor.idx
        cands.append(((0 if before else 1, abs(anchor.idx - span.start_char)), p, span))
    if cands:
        cands.sort(key=lambda c: c[0])
        return [cands[0][1]], "paragraph", cands[0][2]
    return [], None, None


def _coordinated(a, b) -> bool:
    """'Kursk, Voronezh and Belgorod regions': places in one coordination."""
    def group(t):
        while t.dep_ in ("conj", "appos") and t.head.i != t.i:
            t = t.head
        return t
    return group(a).i == group(b).i or a.head.i == b.head.i and a.dep_ in ("compound", "conj") and b.dep_ in ("compound", "conj")


def is_near(span) -> bool:
    for t in [span.root] + list(span.root.ancestors)[:2]:
        if t.lower_ in NEAR_WORDS:
            return True
    return False


def location(chosen, tie, span) -> dict:
    """Contract location fields for the chosen place (first of a coordination)."""
    out = {"place_ids": [p["id"] for p in chosen if p.get("id")], "latitude": None, "longitude": None,
           "country_code": None, "admin1": None, "geo_precision": None}
    if not chosen:
        return out
    p = chosen[0]
    fc = (p.get("feature_code") or "")
    out["country_code"] = p.get("country_code")
    out["admin1"] = p.get("admin1")
    if fc.startswith("PCL"):
        out["geo_precision"] = 3
        out["admin1"] = None
        return out
    out["latitude"], out["longitude"] = p.get("lat"), p.get("lon")
    prec = p.get("geo_precision")
    if prec is None:
        prec = 3 if fc.startswith("ADM") else 1
    if prec == 1 and span is not None and is_near(span):
        prec = 2
    out["geo_precision"] = prec
    return out


def country_in(tokens) -> str | None:
    """A state named in the clause as a location: 'into Russian territory', 'in Ukraine'."""
    for t in tokens:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "into", "inside", "across", "on", "at"):
            c = data.country_names().get(t.lower_) or (data.country_lookup(t.text) if t.pos_ == "PROPN" else None)
            if c:
                return c.iso2
            for m in t.children:
                if m.dep_ == "amod" and data.demonyms().get(m.lower_):
                    return data.demonyms()[m.lower_].iso2
    return None


def link_date(dates: Mentions, anchor, published: str | None, own_only: bool = False):
    """(event_date, time_precision, explicit?) from the date tied to the clause, else publication rules."""
    sent = sent_of(anchor)
    scope = anchor if own_only else speech_scope(anchor)
    best = None
    for d, span in dates.in_range(sent.start_char, sent.end_char):
        if not d.get("value"):
            continue
        if scope is not None and not in_subtree(span.root, scope):
            continue
        dist = distance(anchor, span.root)
        if anchor.pos_ != "VERB" and dist > NOUN_DATE_REACH and not in_subtree(span.root, anchor):
            continue  # "a video showing ... Ukraine's incursion" on Friday: the date is the video's
        key = (dist, span.start_char)
        if best is None or key < best[0]:
            best = (key, d)
    if best is not None:
        d = best[1]
        return d["value"], PRECISION.get(d.get("granularity") or "day", 1), True
    if scope is not None and not own_only:
        # "the ministry said on Tuesday that troops crossed": the report's date bounds the event
        for d, span in dates.in_range(sent.start_char, sent.end_char):
            if d.get("value") and not in_subtree(span.root, scope) and len(d["value"]) == 10:
                return d["value"], max(PRECISION.get(d.get("granularity") or "day", 1), 2), False
    if published:
        # undated reporting covers the days before publication: ACLED's "within the week"
        return published, 2, False
    return None, None, False


def link_figures(figures: Mentions, head, subtree: bool = False) -> list[dict]:
    toks = list(head.subtree) if subtree else clause_tokens(head)
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    return [f for f, _ in figures.in_range(a, b)]


def link_claim(claims: list[dict], pos: int) -> str | None:
    for c in claims:
        if c.get("content_start") is not None and c["content_start"] <= pos < c["content_end"]:
            return c.get("id")
    return None


def _conservative(f: dict) -> int | None:
    v = f.get("low") if f.get("qualifier") in ("at_least", "range", "vague") and f.get("low") is not None else f.get("value")
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _says_dead(noun) -> bool:
    """'killed 14 people', '14 people were killed', '5 civilians killed', '3 soldiers died', '2 dead'."""
    h = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and h.lemma_.lower() in ("kill", "die"):
        return True
    return any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in ("kill", "dead") for c in noun.children)


def _toll_of(n) -> bool:
    """'brought the death toll to 80', 'the toll rose to 31', 'the death
    toll stands at 45', 'the toll was 12': the number is what the toll is."""
    if n.dep_ == "pobj" and n.head.lower_ in ("to", "at"):
        verb = n.head.head
    elif n.dep_ == "attr":
        verb = n.head
    else:
        return False
    return any(c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lemma_.lower() == "toll" for c in verb.children)


def fatalities(sent, figures: Mentions) -> int | None:
    """Deaths a sentence reports with a number (ACLED: lowest credible figure); None when no number is given."""
    if DEATH_WORDS.isdisjoint(lemmas(sent.doc)[sent.start:sent.end]):
        return None
    total = None
    for n in sent:
        if not n.like_num:
            continue
        noun = n.head if n.dep_ == "nummod" else n
        if not _toll_of(n):
            if n.dep_ == "nummod" and noun.lemma_.lower() not in PERSON_WORDS:
                continue
            if not _says_dead(noun) and not (n.dep_ == "nummod" and _says_dead(noun.head) and noun.dep_ == "pobj"):
                continue
        fig = figures.by_token.get(n.i)
        val = _conservative(fig) if fig else _number(n)
        if val is not None:
            total = val if total is None else max(total, val)
    return total


def _number(tok) -> int | None:
    try:
        return int(tok.text.replace(",", ""))
    except ValueError:
        words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
        return words.get(tok.lower_)
