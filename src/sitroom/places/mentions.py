"""From the Doc's place entities to toponym mentions with their roles."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from sitroom.parse.docview import entities, text_of
from sitroom.places import lexicons
from sitroom.places.gazetteer import Gazetteer, fold
from sitroom.places.nested import context_regions, find_nested, hosts
from sitroom.places.resolve import Mention
from sitroom.places.streets import SPANS_KEY
from sitroom.places.toponyms import (
    PLACE_LABELS,
    _person_words,
    _region_word_after,
    place_key,
    state_abbreviation,
)

# "the governor of Belgorod", "Belgorod governor": a region's officials.
# What US counties are called in the gazetteer ("Rapides Parish").
COUNTY_WORDS = ("county", "parish", "borough")
REGION_OFFICIALS = frozenset({"governor", "governorate", "oblast", "regional"})


def _role(doc: Doc, span: Span) -> str | None:
    words = lexicons.region_words()
    # A region word right after the name, or after a list of names.
    role = _region_word_after(doc, span.end, allow_list=True)
    if role:
        return role
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in REGION_OFFICIALS | set(words):
        return words.get(doc[i - 1].lower_, "ADM1")
    if span.end < len(doc) and doc[span.end].lower_ in REGION_OFFICIALS:
        return "ADM1"
    return None


def _dotted_state(ent: Span, key: str, gaz: Gazetteer) -> str | None:
    """A place entity that is an AP-style state abbreviation on its own
    ("W.Va", "S.C.", "Mass."), with no gazetteer entry of its own. Dotted
    forms only: NER already called it a place, and the dots make it an
    abbreviation rather than a word ("Miss", "Ind")."""
    if gaz.lookup(key):
        return None
    table = lexicons.us_state_abbreviations()
    for form in (ent.text, ent.text + "."):
        if "." in form and form in table:
            return table[form]
    return None


def _core(span: Span, gaz: Gazetteer) -> Span | None:
    """The place a name in no gazetteer qualifies: "North Texas" is in
    Texas, "Fargo City" is Fargo, "City of Norfolk" is Norfolk
    (data/part_words.tsv)."""
    words = lexicons.part_words()
    core = None
    # Folded, as the word list is: "W." and "S.E." match "w." and "s.e.".
    if len(span) >= 3 and fold(span[0].text) in words["of"] and span[1].lower_ == "of":
        core = span[2:]
    elif len(span) >= 2 and fold(span[0].text) in words["before"]:
        core = span[1:]
    elif len(span) >= 2 and fold(span[-1].text) in words["after"]:
        core = span[:-1]
    return core if core is not None and core[0].text[:1].isupper() and gaz.lookup(fold(core.text)) else None


def _mention(doc: Doc, ent: Span, gaz: Gazetteer, nested: bool = False) -> Mention | None:
    words = lexicons.region_words()
    span, key = place_key(ent)
    if not key:
        return None
    state = state_abbreviation(doc, ent.start, ent.end) or _dotted_state(ent, key, gaz)
    if state:
        cands = tuple(c for c in gaz.lookup(fold(state)) if c.kind == "ADM1" and c.cc == "US")
        return Mention(ent.start_char, ent.end_char, state, fold(state), "ADM1", cands)
    if len(span) > 2 and not gaz.lookup(key):
        # "Henderson County Jail", "Guernsey County Common Pleas Court":
        # the place is the entity's head, the rest names a building.
        for j in range(span.end - 1, span.start + 1, -1):
            head = doc[span.start:j]
            if any(c.kind in ("ADM2", "ADM1", "PCLI") for c in gaz.lookup(fold(head.text))):
                span, key = head, fold(head.text)
                break
    role = None
    name_span = span
    # A region word inside the entity ("Kursk region" tagged whole).
    if len(span) > 1 and span[-1].lower_ in words:
        full = gaz.lookup(key)
        if not full:
            role = words[span[-1].lower_]
            name_span = span[:-1]
    end_tok = span.end
    if role is None:
        role = _role(doc, span)
        follows = span.end < len(doc) and doc[span.end].lower_ in words
        if nested and follows and not any(c.kind == role for c in gaz.lookup(key)):
            # "Lansing State Journal", "US State Department": the word after
            # the name is the organisation's, not a region's.
            role, follows = None, False
        # Take the region word into the mention when it follows at once.
        if follows:
            end_tok = span.end + 1
    name_key = fold(name_span.text)
    cands = gaz.lookup(name_key)
    if role == "ADM1" and end_tok > span.end:
        # "Mon" + "State": the region indexed with its designation ("Mon
        # State") before any town bearing the bare name (Mons, Belgium).
        designated = tuple(c for c in gaz.lookup(fold(doc[span.start:end_tok].text)) if c.kind == "ADM1")
        cands = designated or cands
    if role == "ADM2":
        # "Jackson County", "Barrow, Jackson and Oglethorpe counties".
        counties = ()
        for word in COUNTY_WORDS:
            counties = gaz.lookup(fold(name_span.text + " " + word))
            if counties:
                break
        cands = counties or cands
    if not cands and (core := _core(name_span, gaz)) is not None:
        name_span, name_key = core, fold(core.text)
        cands = gaz.lookup(name_key)
    mention = doc[span.start:end_tok]
    return Mention(
        start=mention.start_char,
        end=mention.end_char,
        name_text=name_span.text,
        key=name_key,
        role=role,
        cands=cands,
    )


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    out = [m for ent in entities(doc) if ent.label_ in PLACE_LABELS and (m := _mention(doc, ent, gaz)) is not None]
    out += [Mention(s.start_char, s.end_char, s.text, fold(s.text), None, (), kind=s.kb_id_)
            for s in doc.spans.get(SPANS_KEY, ())]
    # The article's regions and people are only needed where an entity may hold a toponym.
    if orgs := hosts(doc):
        nested = find_nested(doc, gaz, orgs, context_regions(out, gaz), _person_words(doc, gaz, entities(doc)))
        out += [m for span in nested if (m := _mention(doc, span, gaz, nested=True)) is not None]
    out.sort(key=lambda m: m.start)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if text_of(doc)[a.end:b.start].strip() == ",":
            a.container = i + 1
            b.contained = True
    return out
