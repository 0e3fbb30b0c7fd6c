#!/usr/bin/env python3
"""Accuracy of the dates and figures stages.

    python bench/accuracy_quantities.py

- quantulum3's sentences (shared/eval/dev/quantulum3_quantities.json):
  a gold quantity is found when a sitroom figure overlaps its surface with an
  equal value (relative tolerance 0.1%; for a range figure the midpoint of
  low/high also counts, since quantulum3 writes ranges as their midpoint while
  sitroom's value is the conservative low end). Precision: the share of
  figures that find a gold quantity this way. The sentences are run without
  a publication date, as quantulum3 has none.
- The seed article: every date and figure expectation of
  shared/eval/score_seed.py, and the forbidden spans (page furniture).

Every row is measured when this runs.
"""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
QUANTULUM = SHARED / "eval" / "dev" / "quantulum3_quantities.json"
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _same(a, b) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def _gold_spans(text: str, gold: list[dict]) -> list[tuple[int, int, dict]]:
    spans, pos = [], 0
    for g in gold:
        i = text.find(g["surface"], pos)
        if i < 0:
            i = text.find(g["surface"])
        if i < 0:
            continue
        spans.append((i, i + len(g["surface"]), g))
        pos = i + 1
    return spans


def _fits(f: dict, g: dict) -> bool:
    if _same(f["value"], g["value"]):
        return True
    if f["low"] is not None and f["high"] is not None:
        return _same((f["low"] + f["high"]) / 2, g["value"])
    return False


def quantulum_rows() -> list[dict]:
    import sitroom

    items = json.loads(QUANTULUM.read_text(encoding="utf-8"))
    gold_n = found = year_n = year_found = fig_n = fig_ok = 0
    missed: list[str] = []
    for it in items:
        text = it["req"]
        figs = sitroom.extract(text)["figures"]
        spans = _gold_spans(text, it["res"])
        gold_n += len(it["res"])
        hit_figs = set()
        for s, e, g in spans:
            is_year = g["unit"] == "dimensionless" and YEAR.match(g["surface"].strip())
            year_n += bool(is_year)
            ok = [i for i, f in enumerate(figs) if f["start"] < e and s < f["end"] and _fits(f, g)]
            if ok:
                found += 1
                year_found += bool(is_year)
                hit_figs.update(ok)
            elif not is_year:
                missed.append(g["surface"])
        fig_n += len(figs)
        fig_ok += len(hit_figs)
    rec = found / gold_n if gold_n else 0.0
    rec_ny = (found - year_found) / (gold_n - year_n) if gold_n - year_n else 0.0
    prec = fig_ok / fig_n if fig_n else 0.0
    bench = "quantulum3 quantities (dev)"
    return [
        {"benchmark": bench, "metric": "value recall", "value": round(rec, 3),
         "note": f"{found}/{gold_n} gold quantities found with an equal value, {len(items)} sentences"},
        {"benchmark": bench, "metric": "value recall, years excluded", "value": round(rec_ny, 3),
         "note": f"{found - year_found}/{gold_n - year_n}: bare years (1979, 2013...) are dates, not figures, by design"},
        {"benchmark": bench, "metric": "precision", "value": round(prec, 3),
         "note": f"{fig_ok}/{fig_n} figures match a gold quantity"},
        {"benchmark": bench, "metric": "examples missed", "value": len(missed),
         "note": "; ".join(missed[:12]) + (" ..." if len(missed) > 12 else "")},
    ]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_seed", SHARED / "eval" / "score_seed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def seed_rows() -> list[dict]:
    import sitroom

    sc = _scorer()
    gold = json.loads(sc.GOLD.read_text(encoding="utf-8"))
    text = (SHARED / "seed" / "kursk-offensive.txt").read_text(encoding="utf-8")
    out = sitroom.extract(text, published=gold["input"]["published"])
    rows = []
    for kind, fn in (("dates", sc.match_date), ("figures", sc.match_figure)):
        whys = [(g, fn(g, out, text)) for g in gold[kind]]
        met = sum(w is None for _, w in whys)
        rows.append({"benchmark": "seed dates/figures (score_seed.py rules)", "metric": f"{kind} met",
                     "value": f"{met}/{len(whys)}",
                     "note": "; ".join(f"{g['mention']}: {w}" for g, w in whys if w) or f"{len(out[kind])} produced"})
    bad = [b for b in sc.forbidden(gold, out) if b.startswith(("figure", "date"))]
    rows.append({"benchmark": "seed dates/figures (score_seed.py rules)", "metric": "forbidden",
                 "value": len(bad), "note": "; ".join(bad) or "nothing read from page furniture"})
    return rows


def measure() -> list[dict]:
    return seed_rows() + quantulum_rows()


if __name__ == "__main__":
    rows = measure()
    w = [max(len(str(r[k])) for r in rows) for k in ("benchmark", "metric", "value")]
    for r in rows:
        print(f"{r['benchmark']:<{w[0]}}  {r['metric']:<{w[1]}}  {str(r['value']):>{w[2]}}  {r['note']}")
