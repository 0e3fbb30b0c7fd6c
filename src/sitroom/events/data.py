"""Loads the stage's data tables (triggers, actors, modality) once per process."""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

ACLED_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ROLES = ("agent", "intercept", "outcome", "territory")


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    pos: str
    requires: frozenset[str]
    sentence_wide: bool
    event_type: str
    sub_event_type: str
    plover_event: str | None
    plover_mode: str | None
    base: float
    role: str
    rationale: str


def _rows(name: str):
    path = resources.files(__package__).joinpath("data", name)
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _null(v: str) -> str | None:
    return None if v in ("\\N", "", "-") else v


@functools.lru_cache(maxsize=None)
def triggers() -> dict[str, list[Trigger]]:
    """First word of a trigger -> its rows, in file order (first matching row wins)."""
    out: dict[str, list[Trigger]] = {}
    for r in _rows("triggers.tsv"):
        t = Trigger(
            words=tuple(r["trigger"].lower().split()),
            pos=r["pos"],
            requires=frozenset(w.lstrip("~") for w in r["requires"].split(",") if w and w != "-"),
            sentence_wide=any(w.startswith("~") for w in r["requires"].split(",")),
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            plover_event=_null(r["plover_event"]),
            plover_mode=_null(r["plover_mode"]),
            base=float(r["base"]),
            role=r["role"],
            rationale=r["rationale"],
        )
        if t.event_type not in ACLED_TYPES or t.sub_event_type not in ACLED_TYPES[t.event_type]:
            raise ValueError(f"triggers.tsv: bad ACLED code {t.event_type}/{t.sub_event_type} for {r['trigger']}")
        if t.plover_event is not None and t.plover_event not in PLOVER:
            raise ValueError(f"triggers.tsv: bad PLOVER code {t.plover_event} for {r['trigger']}")
        if t.role not in ROLES:
            raise ValueError(f"triggers.tsv: bad role {t.role} for {r['trigger']}")
        out.setdefault(t.words[0], []).append(t)
    return out


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str


@functools.lru_cache(maxsize=None)
def country_names() -> dict[str, Country]:
    """Lower-cased country name, capital, seat of government -> country."""
    out: dict[str, Country] = {}
    for r in _rows("countries.tsv"):
        c = Country(r["iso2"], r["name"])
        for a in r["aliases"].split(","):
            out.setdefault(a.strip(), c)
    return out


@functools.lru_cache(maxsize=None)
def demonyms() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for r in _rows("countries.tsv"):
        c = Country(r["iso2"], r["name"])
        for a in r["demonyms"].split(","):
            out.setdefault(a.strip(), c)
    return out


@functools.lru_cache(maxsize=None)
def country_by_iso() -> dict[str, Country]:
    return {r["iso2"]: Country(r["iso2"], r["name"]) for r in _rows("countries.tsv")}


@functools.lru_cache(maxsize=None)
def country_lookup(name: str) -> Country | None:
    """Any country by name: the table first, then pycountry for the rest of the world."""
    key = name.lower().strip()
    hit = country_names().get(key)
    if hit or len(key) < 4:
        return hit
    try:
        import pycountry

        c = pycountry.countries.lookup(key)
    except (LookupError, ImportError):
        return None
    known = country_by_iso().get(c.alpha_2)
    return known or Country(c.alpha_2, getattr(c, "common_name", None) or c.name)


@functools.lru_cache(maxsize=None)
def actor_nouns() -> dict[str, str]:
    return {r["noun"]: r["kind"] for r in _rows("actors.tsv")}


@functools.lru_cache(maxsize=None)
def people() -> dict[str, str]:
    return {r["name"]: r["iso2"] for r in _rows("people.tsv")}


@functools.lru_cache(maxsize=None)
def modality() -> dict[str, list[tuple[str, str]]]:
    """word -> [(kind, scope)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in _rows("modality.tsv"):
        out.setdefault(r["word"], []).append((r["kind"], r["scope"]))
    return out


@functools.lru_cache(maxsize=None)
def carrier_verbs() -> frozenset[str]:
    path = resources.files(__package__).joinpath("data", "carrier_verbs.txt")
    with path.open(encoding="utf-8") as fh:
        return frozenset(ln.strip() for ln in fh if ln.strip() and not ln.startswith("#"))
