"""Cross-source fusion: the events of all stored articles merged into incidents.

`fuse(store)` brings the `incidents`, `incident_events` and `syndication`
tables up to date; `fuse(store, rebuild=True)` empties them and starts again.
Both compute the incidents from the whole article set (a pure function of
it, see incidents.build), so incremental and rebuilt results are identical;
the incremental run does nothing when no article changed since the last one
and otherwise rewrites only the incident rows whose content changed.
"""
from __future__ import annotations

from sitroom.fusion.incidents import build

__all__ = ["fuse", "build", "load_articles"]


# Bump when the fusion code changes what it produces: stores fused by an older
# version are then fused again by a plain `sitroom fuse`, as when the rules change.
FUSION_VERSION = "8"


def _signature(store) -> str:
    import json

    from sitroom.fusion.rules import families, rules
    from sitroom.ids import digest

    rows = store.con.execute("SELECT id, text_hash, status FROM articles ORDER BY id").fetchall()
    return digest(FUSION_VERSION, json.dumps([rules(), families()], sort_keys=True),
                  *(f"{a}:{h}:{s}" for a, h, s in rows))


def load_articles(store) -> list[dict]:
    """Every stored article as a contract dict with the objects fusion reads."""
    arts = {a["id"]: {**a, "text": None, **{k: [] for k in ("places", "figures", "claims", "events")}}
            for a in store.articles()}
    for aid, text in store.con.execute("SELECT id, text FROM articles").fetchall():
        arts[aid]["text"] = text
    for kind in ("places", "figures", "claims", "events"):
        for o in store.objects(kind):
            arts[o.pop("article_id")][kind].append(o)
    return [arts[k] for k in sorted(arts)]


def fuse(store, rebuild: bool = False) -> dict:
    """Update incidents; returns {"incidents", "written", "removed", "unchanged", "up_to_date"}."""
    from sitroom.ids import digest
    from sitroom.store.db import INCIDENT_COLUMNS, _dumps

    con = store.con
    sig = _signature(store)
    state = con.execute("SELECT signature, n_incidents FROM fusion_state").fetchone()
    have = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    if not rebuild and state is not None and state[0] == sig and state[1] == have:
        return {"incidents": have, "written": 0, "removed": 0, "unchanged": have, "up_to_date": True}
    incidents, links, synd = build(load_articles(store))

    new_rows = {}
    for inc in incidents:
        r = [_dumps(inc[c]) if c == "detail" else inc[c] for c in INCIDENT_COLUMNS]
        new_rows[inc["id"]] = r + [digest(_dumps(r))]
    old = dict(con.execute("SELECT id, fingerprint FROM incidents").fetchall())
    cols = ", ".join((*INCIDENT_COLUMNS, "fingerprint"))
    ph = ", ".join(["?"] * (len(INCIDENT_COLUMNS) + 1))
    added = removed = unchanged = 0
    con.execute("BEGIN")
    try:
        for iid in sorted(old):
            if rebuild or iid not in new_rows or old[iid] != new_rows[iid][-1]:
                con.execute("DELETE FROM incidents WHERE id = ?", [iid])
                removed += iid not in new_rows
        for iid in sorted(new_rows):
            if not rebuild and old.get(iid) == new_rows[iid][-1]:
                unchanged += 1
                continue
            con.execute(f"INSERT INTO incidents ({cols}) VALUES ({ph})", new_rows[iid])
            added += 1
        con.execute("DELETE FROM incident_events")
        if links:
            store._insert_many("incident_events", [list(x) for x in links])
        con.execute("DELETE FROM syndication")
        if synd:
            store._insert_many("syndication", [list(x) for x in sorted(synd.items())])
        con.execute("DELETE FROM fusion_state")
        con.execute("INSERT INTO fusion_state VALUES (?, ?)", [sig, len(new_rows)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"incidents": len(new_rows), "written": added, "removed": removed, "unchanged": unchanged,
            "up_to_date": False}
