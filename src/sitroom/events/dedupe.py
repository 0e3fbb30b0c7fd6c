"""One record per real-world happening: merges mentions of the same event within an article."""
from __future__ import annotations

from sitroom.events.actors import VIOLENT
from sitroom.parse.docview import text_of


def _better(a, b):
    """The candidate whose evidence is best: most confident, then earliest."""
    return a if a.record["confidence"] >= b.record["confidence"] else b


STRENGTH = {"clause": 3, "sentence": 2, "paragraph": 1, None: 0}
LOC_KEYS = ("place_ids", "latitude", "longitude", "country_code", "admin1", "geo_precision")


def _weak_place(c) -> bool:
    """Location borrowed from the paragraph, or a bare country: says little about which happening this is."""
    return STRENGTH[c.tie] <= 1 or (c.record["admin1"] is None and c.record["geo_precision"] in (3, None))


def _absorb(keep, other) -> None:
    """Fill what the kept record lacks from another mention of the same event."""
    r, o = keep.record, other.record
    ks, os_ = STRENGTH[keep.tie], STRENGTH[other.tie]
    if o["country_code"] is not None and (os_ > ks or r["country_code"] is None or
                                          (os_ == ks and (o["geo_precision"] or 9) < (r["geo_precision"] or 9))):
        for k in LOC_KEYS:
            r[k] = o[k]
        keep.tie = other.tie
    for k in ("actor1", "actor2") if other.hit.row.role != "outcome" else ():
        # an outcome's subject is its victim ("civilians killed"), not the attack's actors
        if r[k] is None and o[k] is not None:
            r[k], r[k + "_country"] = o[k], o[k + "_country"]
    if not keep.explicit_date and other.explicit_date:
        r["event_date"], r["time_precision"] = o["event_date"], o["time_precision"]
        keep.explicit_date = True
    if o["fatalities"] is not None and (r["fatalities"] is None):
        r["fatalities"] = o["fatalities"]
    for fid in o["figure_ids"]:
        if fid not in r["figure_ids"]:
            r["figure_ids"].append(fid)
    keep.figures += [f for f in other.figures if f not in keep.figures]


def _merge(a, b):
    keep = _better(a, b)
    other = b if keep is a else a
    _absorb(keep, other)
    keep.paragraphs = _paragraphs(keep) | _paragraphs(other)
    return keep


def _conflict(k, c) -> bool:
    r, o = k.record, c.record
    a_explicit, b_explicit = k.explicit_date, c.explicit_date
    strong = STRENGTH[k.tie] >= 2 and STRENGTH[c.tie] >= 2
    if r["country_code"] and o["country_code"] and r["country_code"] != o["country_code"] and (strong or
            not (_weak_place(k) or _weak_place(c)) or STRENGTH[k.tie] + STRENGTH[c.tie] >= 4):
        return True
    if strong and r["admin1"] and o["admin1"] and r["admin1"] != o["admin1"]:
        return True
    if strong and r["geo_precision"] == 1 and o["geo_precision"] == 1 and r["place_ids"] and o["place_ids"] \
            and (r["latitude"], r["longitude"]) != (o["latitude"], o["longitude"]):
        return True
    if a_explicit and b_explicit and r["event_date"] != o["event_date"]:
        return True
    if r["actor1"] and o["actor1"] and r["actor1"] != o["actor1"]:
        return True
    return False


def _agree(k, c) -> bool:
    """Two positive signs that two mentions are one happening (beyond sharing a type), or one mention
    that adds nothing of its own ("the offensive caught Russia napping" after the offensive was reported)."""
    r, o = k.record, c.record
    if c.hit.anchor.pos_ != "VERB" and not c.explicit_date and _weak_place(c):
        return True
    signs = 0
    signs += bool(r["actor1"]) and r["actor1"] == o["actor1"]
    signs += k.explicit_date and c.explicit_date and r["event_date"] == o["event_date"]
    signs += bool(r["admin1"]) and r["admin1"] == o["admin1"] and not (_weak_place(k) or _weak_place(c))
    signs += bool(r["place_ids"]) and r["geo_precision"] == 1 and (r["latitude"], r["longitude"]) == (o["latitude"], o["longitude"])
    signs += k.hit.row.words == c.hit.row.words
    if r["sub_event_type"] not in GENERIC_SUBTYPES and bool(r["admin1"]) and r["admin1"] == o["admin1"] \
            and not (_weak_place(k) or _weak_place(c)) and not (k.explicit_date and c.explicit_date):
        signs += 1  # one drone strike on a region, reported with and without its date
    return signs >= 2


KIND_KEYS = ("event_type", "sub_event_type", "plover_event", "negated", "hypothetical")
# Sub-event types vague enough that sharing one says little ("fighting", "an attack").
GENERIC_SUBTYPES = frozenset({"Armed clash", "Other", "Attack"})


def _same_kind(r, o) -> bool:
    return all(r[k] == o[k] for k in KIND_KEYS)


def within_sentences(cands: list) -> list:
    """Outcomes (killed, destroyed) fold into the attack of their sentence; repeated triggers of one type merge."""
    by_sent: dict[int, list] = {}
    for c in cands:
        by_sent.setdefault(c.sent_i, []).append(c)
    out = []
    for si in sorted(by_sent):
        group = by_sent[si]
        primaries = [c for c in group if c.hit.row.role != "outcome"]
        kept: list = []
        for c in group:
            if c.hit.row.role == "outcome":
                host = next((p for p in primaries if p.record["event_type"] in VIOLENT
                             or p.record["sub_event_type"] == "Excessive force against protesters"), None)
                if host is not None:
                    _absorb(host, c)
                    if c.record["fatalities"] is not None:
                        host.record["fatalities"] = c.record["fatalities"]
                    continue
            for i, k in enumerate(kept):
                if _same_kind(k.record, c.record) and not _conflict(k, c):
                    kept[i] = _merge(k, c)
                    break
            else:
                kept.append(c)
        out.extend(kept)
    return out


def _paragraph(c) -> int:
    text = text_of(c.hit.anchor.doc)
    return text.rfind("\n", 0, c.hit.anchor.idx)


def _paragraphs(c) -> set:
    if not hasattr(c, "paragraphs"):
        c.paragraphs = {_paragraph(c)}
    return c.paragraphs


def across_article(cands: list) -> list:
    kept: list = []
    for c in cands:
        if c.hit.row.role == "outcome":
            # "Power lines were also damaged": a consequence of the attack the paragraph reported
            host = next((k for k in reversed(kept) if _paragraph(c) in _paragraphs(k)
                         and k.record["event_type"] in VIOLENT and k.hit.row.role != "outcome"
                         and k.record["negated"] == c.record["negated"]
                         and k.record["hypothetical"] == c.record["hypothetical"]), None)
            if host is not None:
                _absorb(host, c)
                continue
        for i, k in enumerate(kept):
            r, o = k.record, c.record
            if _same_kind(r, o) and (k.hit.row.role == "territory") == (c.hit.row.role == "territory") \
                    and not _conflict(k, c) and _agree(k, c):
                kept[i] = _merge(k, c)
                break
        else:
            kept.append(c)
    return kept
