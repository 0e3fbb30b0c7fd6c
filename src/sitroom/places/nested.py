"""Toponyms inside the names of organisations and buildings.

"the Texas Forest Service", "the Kursk regional administration", "the
University of Kentucky", "Paris High School": the entity is an ORG or FAC
(and stays one, so nothing downstream takes the organisation for a place),
but the name it is built on is a toponym, as geoparsing gold standards
(LGL, GeoNames-tagged corpora) count it. The toponym is read off the
entity's head ("Texas ...") or after its "of" ("University of Kentucky").

A bare leading word is often a person or a common word ("Lincoln Day
Dinner", "Metro Transit"), so only names that are sure places on their own
are taken: a country or region; a county written as one or a big town by
its own name ("McMinn County", "Fort Worth"); a town in a region the
article's other places are in ("Paris High School" beside Texas).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from sitroom.parse.docview import entities
from sitroom.places import lexicons
from sitroom.places.gazetteer import Candidate, Gazetteer, fold, own_name
from sitroom.places.streets import SPANS_KEY
from sitroom.places.toponyms import CONNECTORS, MAX_N, PROMINENT_RELABEL, _capitalised, _excluded

HOST_LABELS = frozenset({"ORG", "FAC"})


def _is_name(span: Span) -> bool:
    return _capitalised(span[-1]) and all(_capitalised(t) or t.lower_ in CONNECTORS for t in span)


def _abbreviation(t) -> bool:
    """"U.S.", "UK": written as an abbreviation, not the word ("Us")."""
    return len(t.text) > 1 and (t.text.isupper() or "." in t.text)


def _sure(cands: tuple[Candidate, ...], key: str, words: int, regions: set[tuple[str, str]]) -> bool:
    """A lone word needs a country or region of that name, or a town in the
    article's regions ("Metro Transit" is not the Indonesian city); a longer
    name may also be a county or a big town ("Fort Worth", "McMinn County")."""
    for c in cands:
        if c.kind in ("PCLI", "ADM1") or (c.kind == "ADM2" and words > 1):
            return True
        if c.kind.startswith("PPL") and own_name(c, key) and (
            (c.cc, c.a1) in regions or c.pop >= PROMINENT_RELABEL
        ):
            return True
    return False


def _pieces(host: Span):
    """Spans of the host entity that could be the toponym it is named after:
    its leading names, longest first, then what follows its "of"."""
    i = host.start
    while i < host.end and host.doc[i].lower_ in ("the", "a", "an"):
        i += 1
    # The toponym never is the whole entity (that is the toponym step's job).
    for j in range(min(host.end - 1, i + MAX_N), i, -1):
        if host.doc[j].lower_ != "of":  # "University of ...", "Bank of ...": a head noun
            yield host.doc[i:j]
    for k in range(i + 1, host.end - 1):
        if host.doc[k].lower_ == "of":
            for j in range(min(host.end, k + 1 + MAX_N), k + 1, -1):
                yield host.doc[k + 1:j]
            break


def hosts(doc: Doc) -> list[Span]:
    """The entities a toponym may sit inside. Streets are FAC entities too,
    but a street is the toponym itself ("Wichita Drive" is not in Wichita)."""
    streets = {(s.start, s.end) for s in doc.spans.get(SPANS_KEY, ())}
    return [e for e in entities(doc) if e.label_ in HOST_LABELS and len(e) >= 2 and (e.start, e.end) not in streets]


def find_nested(doc: Doc, gaz: Gazetteer, hosts: list[Span], regions: set[tuple[str, str]],
                people: frozenset[str]) -> list[Span]:
    """Toponym spans inside the host entities (the entities themselves untouched)."""
    out: list[Span] = []
    common = lexicons.common_words()
    for ent in hosts:
        for piece in _pieces(ent):
            nxt = doc[piece.end] if piece.end < len(doc) else None
            if nxt is not None and (nxt.text in ("-", "–") or (nxt.is_punct and nxt.text not in ("'s", "’s"))):
                continue  # "Nebraska-Lincoln", "Alexandria City": not where the name ends
            if not _is_name(piece):
                continue
            key = fold(piece.text)
            if not key or _excluded(key, gaz) or (len(piece) == 1 and (key in people or (key in common and not _abbreviation(piece[0])))):
                continue
            cands = gaz.lookup(key)
            if cands and _sure(cands, key, len(piece), regions):
                out.append(Span(doc, piece.start, piece.end, label="GPE"))
                break
    return out


def context_regions(mentions, gaz: Gazetteer) -> set[tuple[str, str]]:
    """Regions the article's own place mentions settle on: a region named,
    or a name whose candidates all lie in one region."""
    out: set[tuple[str, str]] = set()
    for m in mentions:
        regs = {(c.cc, c.a1) for c in m.cands if c.cc and c.a1}
        if len(regs) == 1:
            out |= regs
        out |= {(c.cc, c.a1) for c in m.cands if c.kind == "ADM1" and c.a1}
    return out

