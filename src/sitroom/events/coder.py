"""Codes the events of one article: triggers -> candidates with actors, place, date -> deduplicated records."""
from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.events import actors as actor_mod
from sitroom.events import data, linking, matching, modality
from sitroom.events.actors import VIOLENT
from sitroom.events.syntax import (
    SPEECH_LEMMAS,
    agent_of,
    ancestors,
    clause_tokens,
    governing_verb,
    objects_of,
    speech_scope,
    subject_of,
)
from sitroom.parse.docview import sent_of, sentences, text_of

# Verbs that only carry the noun event they take ("launched an offensive", "carried out strikes"):
# the noun's actor is their subject.
LIGHT_VERB_CLIMB = frozenset({"dobj", "pobj", "prep", "attr", "nsubjpass", "conj", "appos", "compound", "amod", "acl", "xcomp"})
# Accusations and denials carry what they accuse as content, not as a separate event.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})


@dataclass
class Candidate:
    hit: matching.Hit
    record: dict
    sent_i: int
    explicit_date: bool
    tie: str | None
    figures: list = field(default_factory=list)


def _noun_actors(anchor, places_by_token):
    a1 = a2 = None
    text = text_of(anchor.doc)
    line_start = text.rfind("\n", 0, anchor.idx) + 1
    # nearest modifier first ("NATO-backed Ukrainian offensive"); never one parsed across a heading's line break
    children = sorted((c for c in anchor.children if c.idx >= line_start), key=lambda c: abs(anchor.i - c.i))
    for c in children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and (a1 is None or not (a1.country or a1.name)):
            # "a Russian missile strike": "missile" says military, "Russian" says whose
            a1 = actor_mod.resolve(c, places_by_token) or a1
        elif c.dep_ == "prep" and c.lemma_ == "by":
            a1 = next((actor_mod.resolve(g, places_by_token) for g in c.children if g.dep_ == "pobj"), a1)
        elif c.dep_ == "prep" and c.lemma_ in ("on", "against", "into", "with") and a2 is None:
            a2 = next((actor_mod.resolve(g, places_by_token) for g in c.children if g.dep_ == "pobj"), None)
    if a1 is None or not (a1.country or a1.name):
        # climb to the verb that carries the noun and take its subject
        prev = anchor
        for t in ancestors(anchor, 6):
            if prev.dep_ not in LIGHT_VERB_CLIMB:
                break
            if t.pos_ in ("VERB", "AUX"):
                if t.lemma_.lower() not in data.carrier_verbs():
                    break
                subj, passive = subject_of(t)
                if subj is not None and subj.i != anchor.i and not passive and not subj.is_ancestor(anchor):
                    a1 = actor_mod.resolve(_antecedent(subj, anchor), places_by_token) or a1
                    if a1 is not None:
                        break
                ag = agent_of(t)
                if ag is not None:
                    a1 = actor_mod.resolve(ag, places_by_token)
                    break
            prev = t
    return a1, a2


def _instrument_owner(hit, places_by_token):
    for t in clause_tokens(hit.anchor):
        if t.lemma_.lower() in hit.row.requires:
            for c in t.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod"):
                    a = actor_mod.resolve(c, places_by_token)
                    if a is not None:
                        return a, t
            for c in t.children:  # "drones launched by Ukraine"
                if c.dep_ == "acl":
                    ag = agent_of(c)
                    if ag is not None:
                        return actor_mod.resolve(ag, places_by_token), t
            return None, t
    return None, None


def _actors(hit, places_by_token):
    anchor = hit.anchor
    if anchor.pos_ == "VERB":
        subj, passive = subject_of(anchor)
        agent = agent_of(anchor)
        if passive:
            doer, undergoer = agent, subj
        else:
            objs = objects_of(anchor)
            doer, undergoer = subj, (objs[0] if objs else None)
        doer = _antecedent(doer, anchor)
        if hit.row.role == "intercept":
            owner, instrument = _instrument_owner(hit, places_by_token)
            return owner, actor_mod.resolve(doer, places_by_token), [doer]
        a1 = actor_mod.resolve(doer, places_by_token)
        if a1 is None and passive:
            a1 = _from_state(anchor)  # "shelled from Russian territory"
        # the undergoer may be a place ("shelled Sumy"): only the doer is kept out of the location
        return a1, actor_mod.resolve(undergoer, places_by_token), [doer]
    a1, a2 = _noun_actors(anchor, places_by_token)
    if a1 is None or not (a1.country or a1.name):
        a1 = _demonym_in_phrase(anchor) or a1
    return a1, a2, [a1.token] if a1 is not None else []


def _from_state(verb):
    for c in verb.children:
        if c.dep_ == "prep" and c.lemma_ == "from":
            for g in c.children:
                if g.dep_ == "pobj":
                    for t in [g, *g.children]:
                        d = data.demonyms().get(t.lower_) or data.country_names().get(t.lower_)
                        if d is not None:
                            return actor_mod.Actor(d.name, d.iso2, "state", t)
    return None


def _demonym_in_phrase(anchor):
    """'dozens of Russian artillery and drone attacks': whose, when the parse hangs it elsewhere."""
    doc = anchor.doc
    for i in range(anchor.i - 1, max(sent_of(anchor).start, anchor.i - 6) - 1, -1):
        t = doc[i]
        if t.pos_ in ("VERB", "AUX", "ADP") or (t.is_punct and t.text != "-"):
            break
        d = data.demonyms().get(t.lower_)
        if d is not None and t.pos_ in ("ADJ", "PROPN") and _names_a_side(t, anchor):
            return actor_mod.Actor(d.name, d.iso2, "state", t)
    return None


def _names_a_side(demonym, anchor) -> bool:
    """'Russian artillery and drone attacks' names who attacked; 'the Russian city' only where."""
    head = demonym.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.i == anchor.i or data.actor_nouns().get(head.lemma_.lower()) == "military" \
        or demonym.head.i == anchor.i


PRONOUN_SUBJECTS = frozenset({"it", "they", "we", "he", "she"})


def _antecedent(tok, anchor):
    """'Ukraine's air force said it shot down ...': a pronoun subject of reported speech is the speaker;
    a sentence-initial 'He'/'She' is the previous sentence's subject in the same paragraph."""
    if tok is None or tok.lower_ not in PRONOUN_SUBJECTS:
        return tok
    scope = speech_scope(anchor)
    if scope is not None:
        speaker, _ = subject_of(scope.head)
        if speaker is not None and speaker.i != tok.i and speaker.lower_ not in PRONOUN_SUBJECTS:
            return speaker
    if tok.lower_ in ("he", "she"):
        sent = sent_of(tok)
        text = text_of(tok.doc)
        if sent.start > 0 and "\n" not in text[tok.doc[sent.start - 1].idx:tok.idx]:
            prev = sent_of(tok.doc[sent.start - 1])
            for t in prev:
                if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.lower_ not in PRONOUN_SUBJECTS:
                    return t
    return tok


def _is_referenced(hit, trigger_rows) -> bool:
    """A violent event noun that another event's verb is about ("condemned the strike")."""
    a = hit.anchor
    if a.pos_ == "VERB" or hit.row.event_type not in VIOLENT:
        return False
    head = a.head
    if a.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    row = trigger_rows.get(head.i)
    return head.i != a.i and row is not None and row.event_type not in VIOLENT and a.dep_ in ("dobj", "pobj")


def _describes_speaker(hit) -> bool:
    """'An officer, who asked not to be named, said ...': a clause about the source, not news."""
    for t in [hit.anchor, *ancestors(hit.anchor, 3)]:
        if t.dep_ in ("relcl", "acl"):
            subj = t.head
            while subj.dep_ not in ("nsubj", "nsubjpass") and subj.head.i != subj.i:
                subj = subj.head
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.head.lemma_ in SPEECH_LEMMAS:
                return True
    return False


def _descriptive_participle(hit) -> bool:
    """'soldiers backed by tanks', 'the plan agreed in 2015': a non-violent verb describing a noun."""
    a = hit.anchor
    return a.pos_ == "VERB" and a.dep_ == "acl" and hit.row.event_type not in VIOLENT and a.tag_ == "VBN"


def _is_content(hit, trigger_rows) -> bool:
    """A non-violent event noun that another trigger verb takes as its object ('accepted demands',
    'dismissed an appeal', 'cancelled a planned visit'): the verb is the event, the noun its content."""
    a = hit.anchor
    if a.pos_ == "VERB" or hit.row.event_type in VIOLENT:
        return False
    head = a.head
    if a.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i != a.i and head.i in trigger_rows and a.dep_ in ("dobj", "pobj")


def _territory_subtype(a1, country_code):
    if a1 is None:
        return "Armed clash"
    if a1.kind == "rebels":
        return "Non-state actor overtakes territory"
    if a1.country and country_code and a1.country == country_code and a1.kind in ("military", "state", "government"):
        return "Government regains territory"
    return "Armed clash"


def _is_main(clause_verb) -> bool:
    """The sentence's main assertion (its root, or what its speaker reports), not a background clause."""
    if clause_verb.dep_ == "ROOT":
        return True
    return clause_verb.dep_ in ("ccomp", "conj") and clause_verb.head.dep_ == "ROOT"


def _confidence(row, tie, explicit_date, has_actor, factor, main) -> float:
    c = row.base
    c += {"clause": 0.1, "sentence": 0.05, "paragraph": 0.02}.get(tie, 0.0)
    c += 0.1 if explicit_date else 0.0
    c += 0.05 if has_actor else 0.0
    c += 0.05 if main else 0.0
    return round(min(c * factor, 0.99), 3)


def candidates(doc, article) -> list[Candidate]:
    places = linking.Mentions(doc, article.places)
    dates = linking.Mentions(doc, article.dates)
    figures = linking.Mentions(doc, article.figures)
    out: list[Candidate] = []
    for si, sent in enumerate(sentences(doc)):
        hits = matching.find(sent)
        rows = {h.anchor.i: h.row for h in hits}
        for hit in hits:
            if _is_content(hit, rows) or _describes_speaker(hit) or _descriptive_participle(hit):
                continue
            c = _candidate(hit, si, places, dates, figures, article, rows)
            if c is not None:
                out.append(c)
    return out


def _plover(row, mod, trigger_rows) -> tuple[str | None, float]:
    """PLOVER code of the clause as a statement, and the confidence factor for its modality.

    PLOVER codes an announced intention as the announcement: a promised cooperative act is AGREE,
    an announced hostile one THREATEN, "Y must ..." is REQUEST, a refused cooperative act REJECT.
    A governing word that is itself a trigger ("threatened to strike") already is that event."""
    code = row.plover_event
    cue = mod.intent
    own_cue = cue is not None and cue.i not in trigger_rows
    if mod.negated:
        if own_cue and code in COOPERATIVE:
            return "REJECT", 0.8
        return code, 0.5
    if mod.demand and code not in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
        return "REQUEST", 0.8
    if own_cue:
        if code in COOPERATIVE:
            return "AGREE", 0.8
        if code in HOSTILE:
            return "THREATEN", 0.8
    return code, (0.5 if mod.hypothetical else 1.0)


def _candidate(hit, si, places, dates, figures, article, trigger_rows) -> Candidate | None:
    row, anchor = hit.row, hit.anchor
    violent = row.event_type in VIOLENT
    clause_verb = anchor if anchor.pos_ == "VERB" else governing_verb(anchor)
    a1, a2, actor_tokens = _actors(hit, places.by_token)
    if a1 is not None:
        a1 = actor_mod.people_kind(a1, violent, as_target=False)
    if a2 is not None:
        a2 = actor_mod.people_kind(a2, violent, as_target=True)
    if row.event_type == "Strategic developments" and row.plover_event is None and a1 is not None and a1.kind == "military" \
            and a1.token is not None and a1.token.lemma_.lower() not in ("army", "force", "troop", "soldier", "military"):
        # "200,000 Russians fled": displaced people are civilians
        a1 = actor_mod.Actor(None, a1.country, "civilians", a1.token)
    if row.event_type in ("Protests", "Riots") and a1 is not None and a1.kind in ("civilians", "people"):
        a1 = actor_mod.Actor(None, a1.country, "protesters" if row.event_type == "Protests" else "rioters", a1.token)
    if _is_referenced(hit, trigger_rows):
        # "officials in Kyiv condemned the strike": the strike is reported elsewhere; only its own
        # phrase may place or date it ("the strike on Kharkiv on Monday")
        chosen, tie, pspan = linking.link_places(places, anchor, anchor, actor_tokens, own_only=True)
        event_date, precision, explicit = linking.link_date(dates, anchor, article.published, own_only=True)
    else:
        chosen, tie, pspan = linking.link_places(places, anchor, clause_verb, actor_tokens)
        event_date, precision, explicit = linking.link_date(dates, anchor, article.published)
    loc = linking.location(chosen, tie, pspan)
    if loc["country_code"] is None:
        loc["country_code"] = linking.country_in(clause_tokens(clause_verb))
        if loc["country_code"] is None and violent and a2 is not None and a2.country:
            loc["country_code"] = a2.country  # an attack happens where its target is
        if loc["country_code"] is not None:
            loc["geo_precision"] = 3
    mod = modality.flags(anchor, clause_verb)
    if mod.alleged:
        return None  # what someone is accused of is the accusation's content, coded with the accusation
    negated, hypothetical = mod.negated, mod.hypothetical
    plover, factor = _plover(row, mod, trigger_rows)
    sub = row.sub_event_type
    if row.role == "territory":
        sub = _territory_subtype(a1, loc["country_code"])
    n1, c1 = a1.named(violent, loc["country_code"]) if a1 else (None, None)
    n2, c2 = a2.named(violent, loc["country_code"]) if a2 else (None, None)
    own = anchor.pos_ != "VERB" and anchor.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT")
    # an event noun in an adjunct ("before the invasion") owns only its own phrase's numbers
    figs = linking.link_figures(figures, anchor if own else clause_verb, subtree=own)
    text = text_of(anchor.doc)
    a, b = linking.paragraph_bounds(text, anchor.idx)
    s0, s1 = max(sent_of(anchor).start_char, a), min(sent_of(anchor).end_char, b)
    quote = text[s0:s1]
    s0 += len(quote) - len(quote.lstrip())
    s1 -= len(quote) - len(quote.rstrip())
    record = {
        "id": None,
        "event_type": row.event_type,
        "sub_event_type": sub,
        "plover_event": plover,
        "plover_mode": row.plover_mode,
        "actor1": n1, "actor1_country": c1,
        "actor2": n2, "actor2_country": c2,
        **loc,
        "event_date": event_date,
        "time_precision": precision,
        "fatalities": linking.fatalities(sent_of(anchor), figures) if violent else None,
        "figure_ids": [f["id"] for f in figs if f.get("id")],
        "claim_id": linking.link_claim(article.claims, anchor.idx),
        "evidence": {"start": s0, "end": s1, "quote": text[s0:s1]},
        "confidence": _confidence(row, tie, explicit, n1 is not None, factor, _is_main(clause_verb)),
        "negated": negated,
        "hypothetical": hypothetical,
    }
    return Candidate(hit, record, si, explicit, tie, figs)
