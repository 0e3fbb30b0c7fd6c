"""A spaCy component after NER that fixes place entities with the gazetteer.

The small English model misreads this region's names (Kursk as PRODUCT,
Belgorod as PERSON or NORP, Kyiv as PERSON) and misses small towns. This
step relabels such spans to GPE when they are exactly a gazetteer name and
the context says place, adds GPE spans for capitalised gazetteer names NER
missed, and takes place labels away from demonyms and institutions.

Matching is a lookup of each capitalised token n-gram (at most MAX_N tokens)
in the SQLite name index rather than a PhraseMatcher: the index holds ~460k
names, which a PhraseMatcher (or entity/span ruler) would need seconds to
build in every process; the n-gram lookup needs no build and costs a few
cached queries per capitalised token.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom.places import lexicons
from sitroom.places.gazetteer import FEATURE_KINDS, Candidate, fold, get_gazetteer, own_name
from sitroom.places.streets import SPANS_KEY, find_streets

NAME = "sitroom_toponyms"
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels the small model wrongly gives to place names; CARDINAL, DATE etc.
# are never names.
RELABEL_FROM = frozenset({"PERSON", "NORP", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
# Labels whose lone word becomes a place when the article's other places
# agree (see agrees()): "attacked Manbij" (PRODUCT) beside Qamishli and
# Hasakah. Not ORG or FAC, whose names are often towns' (companies, bases),
# nor LANGUAGE or EVENT ("English" is a town in Indiana, "Olympic" one in
# Washington: 7 false places on LGL for none found).
WEAK_FROM = frozenset({"PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"})
MAX_N = 4
# Lower-case words allowed inside a multi-word name ("Rostov-on-Don",
# "Stratford upon Avon", "Rio de Janeiro").
# Arabic article forms as transliterated ("Deir ez-Zor", "Ras al-Ain",
# "Jisr ash-Shughur") join names like "of" and "de" do.
CONNECTORS = frozenset({"of", "on", "upon", "de", "la", "le", "del", "da", "do", "du", "-", "al", "el", "am", "an", "der", "sur",
                        "ez", "ed", "es", "ad", "ar", "ash", "az", "adh", "ul", "ud"})
# A place this big is a place even where NER said PERSON or ORG, or where
# NER saw nothing: small places need context (a preposition, a region word).
PROMINENT_RELABEL = 100_000
PROMINENT_NEW = 15_000
# How often NER must call a lone word a person (and never a place) before
# the article's country alone no longer makes it one of its towns.
PERSON_REPEATS = 2


def add_to_pipeline(nlp) -> None:
    """Add the gazetteer-backed toponym step after `ner` (idempotent)."""
    if NAME in nlp.pipe_names:
        return
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(NAME, after="ner")
    else:
        nlp.add_pipe(NAME, last=True)


@Language.factory(NAME)
def make_toponym_fixer(nlp: Language, name: str) -> "ToponymFixer":
    return ToponymFixer()


def place_key(span: Span) -> tuple[Span, str]:
    """The span without a leading "the", and its gazetteer key."""
    while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    # "Walton County's": the possessive is not part of the name.
    while len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'", "’"):
        span = span[:-1]
    return span, fold(span.text)


def _prominent(cands: tuple[Candidate, ...], min_pop: int) -> bool:
    return any(c.kind in ("PCLI", "CONT", "ADM1") or c.kind in FEATURE_KINDS or (c.kind.startswith("PPL") and c.pop >= min_pop)
               for c in cands)


def _region_word_after(doc: Doc, end: int, allow_list: bool) -> str | None:
    """The region word after a name ("Kursk region"), also across a list of
    names ("the Kursk, Voronezh and Belgorod regions") when allow_list."""
    words = lexicons.region_words()
    i = end
    limit = min(len(doc), end + (16 if allow_list else 1))
    joined = False
    while i < limit:
        t = doc[i]
        if t.lower_ in words:
            # A singular word after a comma alone is the next name's
            # ("Celaya, Guanajuato state": Guanajuato is the state).
            if i > end and not joined and not _plural(t.lower_, words):
                return None
            return words[t.lower_]
        if not allow_list:
            return None
        if t.text in (",", "&") or t.lower_ in ("and", "or") or t.text[:1].isupper():
            joined = joined or t.text == "&" or t.lower_ in ("and", "or")
            i += 1
            continue
        return None
    return None


def _plural(word: str, words: dict[str, str]) -> bool:
    return word.endswith("s") and (word[:-1] in words or word[:-3] + "y" in words or word[:-2] in words)


def _locative_before(doc: Doc, start: int) -> bool:
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in lexicons.locatives()


def _titled(doc: Doc, start: int) -> bool:
    i = start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].lower_ in lexicons.person_titles()


def _inside_name(doc: Doc, span: Span) -> bool:
    """A word of a longer proper name the gazetteer does not hold: "a
    Meadow Grove man" (a Nebraska village) is neither Meadow nor Grove."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and _capitalised(t) and t.is_alpha
               and t.lower_ not in lexicons.region_words() and t.lower_ not in lexicons.person_titles()
               for t in (before, after))


def _owner_country(doc: Doc, start: int, gaz) -> str | None:
    """The country in "Iraq's Sinjar", "Sudan's North Darfur": a country's
    possessive right before a name makes the name one of its places."""
    if start < 2 or doc[start - 1].lower_ not in ("'s", "’s"):
        return None
    for n in range(min(3, start - 1), 0, -1):
        owner = doc[start - 1 - n:start - 1]
        countries = [c for c in gaz.lookup(fold(owner.text)) if c.kind == "PCLI"]
        if countries:
            return countries[0].cc
    return None


def _excluded(key: str, gaz) -> bool:
    return key in lexicons.not_places() or gaz.is_demonym(key)


def _capitalised(t) -> bool:
    return t.text[:1].isupper()


def _person_words(doc: Doc, gaz, ents=None) -> frozenset[str]:
    """Words of the article's full personal names: "Henry" after "Chiquita
    Raquel Henry" is her, not a town. A "name" made only of big places
    ("Voronezh Belgorod", a list missing its comma) is not a person's."""
    out = set()
    for e in (doc.ents if ents is None else ents):
        if e.label_ != "PERSON" or len(e) < 2:
            continue
        words = [fold(t.text) for t in e if t.is_alpha]
        if all(_prominent(gaz.lookup(w), PROMINENT_RELABEL) for w in words):
            continue
        out.update(words)
    return frozenset(out)


def _called_people(doc: Doc) -> frozenset[str]:
    """Single words NER calls a person again and again and never a place
    ("Welch went to a residence ... stabbed Welch"): the article's man, even
    where a town of the name exists in the article's country. Read before
    this step relabels anything."""
    labels: dict[str, list[str]] = {}
    for e in doc.ents:
        if len(e) == 1:
            labels.setdefault(fold(e.text), []).append(e.label_)
    return frozenset(k for k, ls in labels.items()
                     if ls.count("PERSON") >= PERSON_REPEATS and not PLACE_LABELS.intersection(ls))


def state_abbreviation(doc: Doc, start: int, end: int) -> str | None:
    """The US state an abbreviation after "<Name>," stands for ("Ky.", "S.C.", "GA")."""
    if start < 2 or doc[start - 1].text != "," or not _capitalised(doc[start - 2]):
        return None
    return lexicons.us_state_abbreviations().get(doc[start:end].text)


def _state_abbreviations(doc: Doc) -> list[Span]:
    out = []
    table = lexicons.us_state_abbreviations()
    i = 2
    while i < len(doc):
        if doc[i - 1].text == "," and doc[i].text[:1].isupper():
            # "W.Va" + "." as two tokens: the longer reading first.
            for j in (i + 2, i + 1):
                if j <= len(doc) and doc[i:j].text in table and state_abbreviation(doc, i, j):
                    out.append(Span(doc, i, j, label="GPE"))
                    i = j - 1
                    break
        i += 1
    return out


def _seat(c: Candidate, gaz) -> int | None:
    r = gaz.region_of(c)
    return r.seat if r is not None else None


def _context_places(sure: list[Span], gaz) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """Countries the article's surer places lie in (a town, a region of
    one country only: "Kursk", "Texas"; not "Georgia", a state or a
    country), countries it names outright, and the regions its places are
    in."""
    countries: set[str] = set()
    named: set[str] = set()
    regions: set[tuple[str, str]] = set()
    for span in sure:
        cands = gaz.lookup(place_key(span)[1])
        ccs = {c.cc for c in cands if c.cc}
        if len(ccs) == 1 and any(c.kind not in ("PCLI", "CONT") for c in cands):
            countries |= ccs
        named |= {c.cc for c in cands if c.kind == "PCLI"}
        top = [c for c in cands if c.cc and c.kind in ("PCLI", "ADM1", "ADM2")]
        regs = {(c.cc, c.a1) for c in cands if c.cc and c.a1}
        if len(regs) == 1:
            regions |= regs
        else:
            # A region named outright counts; a county name shared by many
            # states ("Jackson County") does not put the article in all of them.
            regions |= {(c.cc, c.a1) for c in top if c.a1 and c.kind == "ADM1"}
        if cands and not top:
            # The biggest place of that name stands for it ("Kursk").
            big = max(cands, key=lambda c: (c.pop, -c.gid))
            if big.a1 and big.pop >= PROMINENT_NEW:
                regions.add((big.cc, big.a1))
    return countries, named, regions


def _streets(doc: Doc) -> list[Span]:
    """Street names, except those inside a longer entity that is named
    after them ("Main Street Bank", "the Wall Street Journal")."""
    out = []
    for s in find_streets(doc):
        if any(e.start <= s.start and s.end <= e.end and len(e) > len(s) and e.label_ not in ("DATE", "CARDINAL")
               for e in doc.ents):
            continue
        out.append(s)
    return out


def _joined(doc: Doc, gaz) -> list[Span]:
    """The entities, with a name NER broke at its connector mended: "the
    Strait of" (LOC) + "Hormuz" (PERSON) is the Strait of Hormuz when the
    gazetteer has that name."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        e = ents[i]
        if i + 1 < len(ents) and e[-1].lower_ in CONNECTORS and ents[i + 1].start == e.end:
            whole = Span(doc, e.start, ents[i + 1].end, label="LOC")
            if gaz.lookup(place_key(whole)[1]):
                out.append(whole)
                i += 2
                continue
        if i + 1 < len(ents) and 0 < ents[i + 1].start - e.end <= 3 \
                and all(t.lower_ in CONNECTORS for t in doc[e.end:ents[i + 1].start]):
            # "Rostov" (PERSON) + "-on-" + "Don and Kyiv" (WORK_OF_ART): the
            # name runs into the next entity's first word; the rest of that
            # entity was NER's misreading and is left for the scan below.
            whole = Span(doc, e.start, ents[i + 1].start + 1, label="GPE")
            if gaz.lookup(place_key(whole)[1]):
                out.append(whole)
                i += 2
                continue
        nxt = ents[i + 1].start if i + 1 < len(ents) else len(doc)
        out.append(_extended(doc, e, nxt, gaz))
        i += 1
    return out


def _extended(doc: Doc, e: Span, limit: int, gaz) -> Span:
    """The entity run on over a connector and a capitalised word when the
    gazetteer has the longer name: NER reads "Deir ez-Zor" as "Deir"."""
    for j in range(min(limit, e.end + 4), e.end + 1, -1):
        tail = doc[e.end:j]
        if tail[0].lower_ not in CONNECTORS or not _capitalised(tail[-1]) \
                or any(not _capitalised(t) and t.lower_ not in CONNECTORS for t in tail):
            continue
        whole = Span(doc, e.start, j, label=e.label_)
        if gaz.lookup(place_key(whole)[1]):
            return whole
    return e


class ToponymFixer:
    def __call__(self, doc: Doc) -> Doc:
        gaz = get_gazetteer()
        kept: list[Span] = []
        # Place readings that need the article's context to agree: an
        # entity NER gave another label, kept as it was unless confirmed.
        weak: list[tuple[Span, Span]] = []  # (as a place, as NER had it)
        people = _person_words(doc, gaz)
        abbrevs = _state_abbreviations(doc)
        for a in abbrevs:
            kept.append(a)
        streets = _streets(doc)
        kept.extend(streets)
        for ent in _joined(doc, gaz):
            if any(s.start < ent.end and ent.start < s.end for s in streets):
                continue  # "Wichita Drive": the street, not the town
            if any(a.start <= ent.start and ent.end <= a.end for a in abbrevs):
                continue  # "GA" (ORG) in "Athens, GA": the state, as below
            if any(a.start < ent.end and ent.start < a.end for a in abbrevs):
                abbrevs = [a for a in abbrevs if not (a.start < ent.end and ent.start < a.end)]
                kept = [k for k in kept if k.label_ != "GPE" or k in abbrevs or not (k.start < ent.end and ent.start < k.end)]
            span, key = place_key(ent)
            if ent.label_ in PLACE_LABELS:
                if key in lexicons.not_places() or (
                        len(span) > 1 and span[-1].lower_ in lexicons.institution_words() and not gaz.lookup(key)):
                    kept.append(Span(doc, ent.start, ent.end, label="ORG"))
                elif gaz.is_demonym(key):
                    kept.append(Span(doc, ent.start, ent.end, label="NORP"))
                elif len(span) == 1 and key in people and not _prominent(gaz.lookup(key), PROMINENT_RELABEL):
                    # "coach Ripley" after "Darren Ripley": the man, not the town.
                    kept.append(Span(doc, ent.start, ent.end, label="PERSON"))
                else:
                    kept.append(ent)
                continue
            verdict = None
            if ent.label_ in RELABEL_FROM:
                verdict = self._relabel(doc, ent, span, key, gaz, people)
                if verdict is None and len(span) > 1 and span[-1].lower_ in lexicons.region_words() \
                        and self._relabel(doc, ent, span[:-1], fold(span[:-1].text), gaz, people):
                    verdict = True  # "Rakhine State" tagged PERSON: Rakhine, then its region word
            if verdict:
                kept.append(Span(doc, span.start, span.end, label="GPE"))
            elif verdict is False:
                weak.append((Span(doc, span.start, span.end, label="GPE"), ent))
            elif ent.label_ == "NORP" and self._demonym_territory(doc, ent, key, gaz):
                kept.append(Span(doc, ent.start, ent.end + 1, label="GPE"))
            elif ent.label_ in RELABEL_FROM and (parts := self._split(doc, span, gaz)):
                kept.extend(parts)
            else:
                kept.append(ent)
        taken = bytearray(len(doc))
        for e in kept + [w[1] for w in weak]:
            for i in range(e.start, e.end):
                taken[i] = 1
        found = self._scan(doc, taken, gaz, people)
        sure = [e for e in kept if e.label_ in PLACE_LABELS] + [sp for sp, strong, _ in found if strong]
        persons = _called_people(doc)
        countries, named, regions = _context_places(sure, gaz)

        def agrees(span: Span) -> bool:
            """In a region the article's surer places are in, or a name found
            in one country only, which the article's places are in. English
            surnames are also the names of towns across the US, UK and
            Commonwealth, so a name in several countries needs its region.
            Places bearing the name as their own count before those with it
            among alternates (Borisoglebsk is Daugavpils' old name)."""
            key = place_key(span)[1]
            cands = gaz.lookup(key)
            if any((c.cc, c.a1) in regions for c in cands):
                return True
            if key in persons:
                return False
            cands = tuple(c for c in cands if own_name(c, key)) or cands
            ccs = {c.cc for c in cands}
            if len(ccs) != 1:
                return False
            if next(iter(ccs)) in countries:
                return True
            # A country named as a nation ("U.S. officials", "In Ethiopia")
            # vouches for its regions and big towns (Tigray), not for every
            # small town of its (Council, Idaho in "the NATO-Russia Council").
            return next(iter(ccs)) in named and any(c.kind == "ADM1" or c.pop >= PROMINENT_NEW for c in cands)

        for as_place, as_ner in weak:
            kept.append(as_place if agrees(as_place) else as_ner)
        kept += [Span(doc, sp.start, sp.end, label="GPE") for sp, strong, _ in found if strong or agrees(sp)]
        doc.ents = sorted(kept, key=lambda s: s.start)
        doc.spans[SPANS_KEY] = streets
        return doc

    def _relabel(self, doc: Doc, ent: Span, span: Span, key: str, gaz, people: frozenset[str]) -> bool | None:
        """True: a place; False: a place if the context agrees; None: not one."""
        if _excluded(key, gaz) or not _capitalised(span[0]):
            return None
        cands = gaz.lookup(key)
        if not cands:
            return None
        if ent.label_ == "PERSON" and _titled(doc, span.start):
            return None
        if ent.label_ == "NORP" and len(span) == 1 and key.endswith(("ans", "ians", "ese")):
            return None
        # A town counts here by its own name or a spelling of it ("Stary
        # Oskol", "Hanover") only: NER called this something else, and a
        # town's other alternate names are noisy ("Hamas" is one of Hamm's).
        prominent = _prominent(tuple(c for c in cands if not c.kind.startswith("PPL") or own_name(c, key)),
                               PROMINENT_RELABEL)
        if prominent and ent.label_ == "PERSON" and len(span) == 1:
            # A lone first name that is also a region's ("her daughter,
            # Brittany"): a region alone does not make it a place here, a
            # region named after its seat does (Kherson, tagged PERSON).
            towns = {c.gid for c in cands if c.kind.startswith("PPL")}
            prominent = _prominent(tuple(c for c in cands if c.kind != "ADM1" or _seat(c, gaz) in towns),
                                   PROMINENT_RELABEL)
        if (
            prominent
            or _locative_before(doc, span.start)
            or _region_word_after(doc, span.end, allow_list=True) is not None
            or _owner_country(doc, span.start, gaz) in {c.cc for c in cands}
        ):
            return True
        if len(span) == 1 and key not in people and ent.label_ in WEAK_FROM and not span[0].is_upper \
                and not _inside_name(doc, span) \
                and any(own_name(c, key) or not c.kind.startswith("PPL") for c in cands):
            # Only by a place's own name: "Smirnov" (a governor, tagged
            # PERSON) is merely an alternate name of Smirnykh, Sakhalin.
            return False
        return None

    def _demonym_territory(self, doc: Doc, ent: Span, key: str, gaz) -> bool:
        """"Russian territory": the demonym and the noun after it name a country."""
        if ent.end >= len(doc) or doc[ent.end].lower_ not in lexicons.territory_words():
            return False
        if ent.end + 1 < len(doc) and doc[ent.end + 1].ent_iob_ == "I":
            return False
        return gaz.is_demonym(key) and bool(gaz.lookup(fold(ent.text + " " + doc[ent.end].text)))

    def _split(self, doc: Doc, span: Span, gaz) -> list[Span]:
        """An entity that is several big place names run together ("Voronezh
        Belgorod" from a list missing its comma), in a list of regions or
        after a locative preposition: one place per name."""
        if len(span) < 2 or not (
            _region_word_after(doc, span.end, allow_list=True) or _locative_before(doc, span.start)
        ):
            return []
        parts: list[Span] = []
        i = span.start
        while i < span.end:
            if doc[i].is_punct:  # the list's commas are between places, not in them
                i += 1
                continue
            for j in range(min(span.end, i + MAX_N), i, -1):
                if doc[j - 1].is_punct:  # fold() drops punctuation: "Belgorod ," would match
                    continue
                piece = doc[i:j]
                k = fold(piece.text)
                cands = gaz.lookup(k)
                if cands and not _excluded(k, gaz) and _prominent(cands, PROMINENT_RELABEL):
                    parts.append(Span(doc, i, j, label="GPE"))
                    i = j
                    break
            else:
                return []
        return parts if len(parts) > 1 else []

    def _scan(self, doc: Doc, taken: bytearray, gaz, people: frozenset[str]) -> list[tuple[Span, bool, tuple]]:
        """Capitalised gazetteer names NER missed, each with whether it is sure."""
        out: list[tuple[Span, bool, tuple]] = []
        n_tok = len(doc)
        i = 0
        while i < n_tok:
            t = doc[i]
            if taken[i] or not _capitalised(t) or not t.is_alpha:
                i += 1
                continue
            found = None
            for n in range(min(MAX_N, n_tok - i), 0, -1):
                j = i + n
                if any(taken[i:j]):
                    continue
                span = doc[i:j]
                if not _capitalised(span[-1]):
                    continue
                if any(not _capitalised(x) and x.lower_ not in CONNECTORS for x in span):
                    continue
                key = fold(span.text)
                if n == 1 and (key in lexicons.common_words() or key in people):
                    continue
                cands = gaz.lookup(key)
                if not cands:
                    continue
                verdict = self._accept_new(doc, span, key, cands, gaz)
                if verdict is not None:
                    found = (span, verdict, cands)
                    break
            if found is not None:
                out.append(found)
                i = found[0].end
            else:
                i += 1
        return out

    def _accept_new(self, doc: Doc, span: Span, key: str, cands, gaz) -> bool | None:
        """True: a place; False: a place if the context agrees; None: not one."""
        if _excluded(key, gaz) or _titled(doc, span.start):
            return None
        if not all(x.pos_ == "PROPN" or x.lower_ in CONNECTORS for x in span):
            # Only names: "Police", "Union" as common nouns stay words. A
            # region word right after makes it a name ("the Kyiv region"
            # with Kyiv tagged ADJ).
            if not (span[0].is_upper and len(span[0]) > 1) and _region_word_after(doc, span.end, allow_list=False) is None:
                return None
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and _capitalised(nxt) and nxt.lower_ not in lexicons.region_words():
            # Part of a longer name the gazetteer does not hold ("Jackson
            # Browne", "Paris Hilton"): not this place.
            return None
        # A town by its own name or a spelling of it, as in _relabel: "Grove"
        # is an alternate name of Grove City, Ohio, not a sure place.
        if (
            _prominent(tuple(c for c in cands if not c.kind.startswith("PPL") or own_name(c, key)), PROMINENT_NEW)
            or any(c.kind == "ADM2" for c in cands)
            or _owner_country(doc, span.start, gaz) in {c.cc for c in cands}
            or _locative_before(doc, span.start)
            or _region_word_after(doc, span.end, allow_list=True) is not None
        ):
            return True
        if _inside_name(doc, span):
            return None
        return False  # weak: kept only if the article's context agrees
