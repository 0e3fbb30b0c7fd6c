"""Figures per source and whether independent sources conflict about a quantity."""
from __future__ import annotations

import math

from sitroom.fusion.rules import rules


def interval(f: dict) -> tuple[float, float] | None:
    """The values a figure allows; None for vague ones ('hundreds of'), never compared."""
    v, q = f.get("value"), f.get("qualifier") or "exact"
    if v is None or q == "vague":
        return None
    v = float(v)
    if q == "about":
        t = rules()["about_tolerance"]
        return v * (1 - t), v * (1 + t)
    if q == "at_least":
        return v, math.inf
    if q == "at_most":
        return (float(f["low"]) if f.get("low") is not None else 0.0), v
    if q == "range":
        lo = f.get("low") if f.get("low") is not None else v
        hi = f.get("high") if f.get("high") is not None else v
        return float(lo), float(hi)
    return v, v


def consistent(a: dict, b: dict) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def quantity(f: dict) -> tuple[str, str]:
    return (f.get("counts") or "", f.get("unit") or "")


def headline(figs: list[dict]) -> dict | None:
    """A source's figure for a quantity: its largest comparable one. Smaller ones in the
    same source are usually parts ('37 of them over Kursk'), not rival totals."""
    comparable = [f for f in figs if interval(f) is not None]
    if not comparable:
        return None
    return max(comparable, key=lambda f: (float(f["value"]), f.get("published") or "", f["article_id"], f["id"]))


def compare(by_source: dict[int, list[dict]]) -> list[dict]:
    """by_source: source index -> figures (each with article_id, outlet, published).
    Returns one entry per quantity, with each source's values and a `conflict` flag."""
    quantities: dict[tuple, dict[int, list[dict]]] = {}
    for s in sorted(by_source):
        for f in by_source[s]:
            if not f.get("counts"):
                continue
            quantities.setdefault(quantity(f), {}).setdefault(s, []).append(f)
    out = []
    for (counts, unit) in sorted(quantities):
        per = quantities[(counts, unit)]
        heads = {s: headline(fs) for s, fs in per.items()}
        srcs = [s for s in sorted(heads) if heads[s] is not None]
        conflict = any(not consistent(heads[x], heads[y])
                       for i, x in enumerate(srcs) for y in srcs[i + 1:])
        out.append({
            "counts": counts, "unit": unit or None, "conflict": conflict,
            "by_source": [{"source": s, "headline": _slim(heads[s]) if heads[s] else None,
                           "values": [_slim(f) for f in per[s]]} for s in sorted(per)],
        })
    return out


def _slim(f: dict) -> dict:
    return {k: f.get(k) for k in ("value", "low", "high", "qualifier", "mention", "article_id",
                                  "id", "outlet", "published", "url")}
