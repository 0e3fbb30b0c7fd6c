"""Names the actors of an event as ACLED would, with their state (ISO2)."""
from __future__ import annotations

from dataclasses import dataclass

from sitroom.events import data
from sitroom.parse.docview import entities

# Event families whose state actors are the armed forces rather than the government.
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_NO = data.Country(None, None)
QUANTITY_HEADS = frozenset({"hundred", "thousand", "dozen", "score", "number", "group", "some", "many", "most", "several"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "this", "that", "its", "their", "his", "her"})


@dataclass
class Actor:
    name: str | None
    country: str | None
    kind: str               # military | government | civilians | police | protesters | rebels | state | other
    token: object = None

    def named(self, violent: bool, fallback_country: str | None = None) -> tuple[str | None, str | None]:
        # people and officials with no state written beside them belong to where the event is
        iso = self.country or (fallback_country if self.kind in ("civilians", "government", "police") else None)
        c = data.country_by_iso().get(iso) if iso else None
        cname = c.name if c else (self.name if self.kind == "state" else None)
        kind = self.kind
        if kind == "state":
            kind = "military" if violent else "government"
        if kind == "military":
            return (f"Military Forces of {cname}" if cname else None), iso
        if kind == "government":
            return (f"Government of {cname}" if cname else None), iso
        if kind == "civilians":
            return (f"Civilians ({cname})" if cname else "Civilians"), iso
        if kind == "police":
            return (f"Police Forces of {cname}" if cname else None), iso
        if kind == "protesters":
            return (f"Protesters ({cname})" if cname else "Protesters"), iso
        if kind == "rioters":
            return (f"Rioters ({cname})" if cname else "Rioters"), iso
        if kind == "rebels":
            return "Rebel Group" if not cname else f"Rebel Group ({cname})", iso
        return self.name, iso


def _phrase_text(tok) -> str:
    toks = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "det")] + [tok]
    toks = [t for t in toks if t.dep_ != "det" or t.i == tok.i]
    return " ".join(t.lower_ for t in toks)


def _country_of_tokens(tokens, places_by_token) -> data.Country | None:
    for t in tokens:
        p = places_by_token.get(t.i)
        if p and p.get("country_code"):
            c = data.country_by_iso().get(p["country_code"])
            return c or data.Country(p["country_code"], p.get("name") or p["country_code"])
        c = data.demonyms().get(t.lower_) or (data.country_lookup(t.text) if t.pos_ == "PROPN" else None)
        if c:
            return c
    return None


def _modifier_country(tok, places_by_token) -> data.Country | None:
    """'Ukrainian drones', 'Russia's army', 'the governor of Belgorod', 'the army of Ukraine'."""
    mods = [c for c in tok.children if c.dep_ in MODIFIER_DEPS]
    for m in mods:
        c = _country_of_tokens([m] + [g for g in m.children if g.dep_ == "compound"], places_by_token)
        if c:
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lemma_ in ("of", "from"):
            for g in c.children:
                if g.dep_ == "pobj":
                    hit = _country_of_tokens([g] + list(g.children), places_by_token)
                    if hit:
                        return hit
    return None


def resolve(tok, places_by_token: dict) -> Actor | None:
    """What actor a noun phrase's head names, if any."""
    if tok is None:
        return None
    if tok.lower_ in PRONOUNS:
        return None
    if tok.lemma_.lower() in QUANTITY_HEADS or tok.like_num:
        # "hundreds of Ukrainian soldiers": the actor is what is counted
        for c in tok.children:
            if c.dep_ == "prep" and c.lemma_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return resolve(g, places_by_token)
    # a named official ("President Vladimir Putin", "Putin's vow")
    if tok.pos_ == "PROPN":
        names = data.people()
        for t in [tok] + [c for c in tok.lefts if c.dep_ == "compound"]:
            iso = names.get(t.lower_)
            if iso:
                return Actor(None, iso, "government", tok)
    nouns = data.actor_nouns()
    full = _phrase_text(tok)
    lemma = tok.lemma_.lower()
    kind = None
    for key in (full, " ".join(full.split()[-2:]), lemma):
        if key in nouns:
            kind = nouns[key]
            break
    # a state by its name, capital or seat ("Kyiv", "the Kremlin"); places stage may have resolved it
    place = places_by_token.get(tok.i)
    if kind is None:
        c = data.country_names().get(full) or data.country_names().get(tok.lower_)
        if c is None and tok.pos_ == "PROPN" and tok.ent_type_ in ("GPE", ""):
            c = data.country_lookup(tok.text)
        if c is None and place and (place.get("feature_code") or "").startswith("PCL"):
            c = data.country_by_iso().get(place.get("country_code"))
        if c is not None:
            return Actor(c.name, c.iso2, "state", tok)
        d = data.demonyms().get(tok.lower_)
        if d is not None:  # "Russians fled", "the Ukrainians attacked"
            return Actor(None, d.iso2, "people", tok)
    if kind is not None:
        c = _modifier_country(tok, places_by_token)
        return Actor(None, c.iso2 if c else None, kind, tok)
    if place is not None:
        return None  # a town or region is where things happen, not who acts
    # "governor Vyacheslav Gladkov", "Defence Minister Andrei Belousov": the title says the kind
    for c in tok.subtree:
        if c.i < tok.i and c.dep_ == "compound" and c.lemma_.lower() in nouns:
            return Actor(None, (_modifier_country(tok, places_by_token) or _NO).iso2, nouns[c.lemma_.lower()], tok)
    if tok.ent_type_ in ("ORG", "NORP", "PERSON"):
        ent = next((e for e in entities(tok.doc) if e.start <= tok.i < e.end), None)
        text = ent.text if ent is not None else tok.text
        return Actor(text, None, "other", tok)
    return None


def people_kind(actor: Actor, violent: bool, as_target: bool) -> Actor:
    """A demonym standing for people: the armed side when it fights, civilians otherwise."""
    if actor.kind != "people":
        return actor
    kind = "military" if violent and not as_target else "civilians"
    return Actor(actor.name, actor.country, kind, actor.token)


def first_of_coordination(tok):
    return tok
