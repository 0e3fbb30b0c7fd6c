#!/usr/bin/env python3
"""Accuracy and cost of the places stage.

    python bench/accuracy_places.py [--limit N] [--errors FILE]

- LGL (shared/eval/dev/lgl.xml: 588 US local news articles, gold toponyms
  with GeoNames points). Each article's text goes through the real pipeline
  parse (spaCy NER + the gazetteer step) and the places stage. A predicted
  place and a gold toponym match when their spans overlap (one to one, in
  order). Precision/recall/F1 count every gold toponym, with or without a
  point; "within 161 km" is the share of matched toponyms that have a gold
  point whose predicted point lies within 161 km (100 miles) of it (a
  matched place with no point counts as outside).
- Cost: the gazetteer's cold open (a fresh process opening the index and
  answering lookups) with its peak RSS; the gazetteer step's share of the
  spaCy parse time over the LGL texts.

Every row is measured when this runs.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LGL = SHARED / "eval" / "dev" / "lgl.xml"
BENCH = "LGL (588 US local news)"


def km(a, b, c, d):
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, x)))


def load_lgl(limit: int | None = None) -> list[dict]:
    arts = []
    for a in ET.parse(LGL).getroot().iter("article"):
        gold = []
        for t in a.iter("toponym"):
            g = t.find("gaztag")
            lat = lon = None
            if g is not None and g.findtext("lat") is not None:
                lat, lon = float(g.findtext("lat")), float(g.findtext("lon"))
            gold.append({"start": int(t.findtext("start")), "end": int(t.findtext("end")),
                         "phrase": t.findtext("phrase"), "lat": lat, "lon": lon,
                         "fcode": g.findtext("fcode") if g is not None else None})
        arts.append({"id": a.get("docid"), "text": a.findtext("text") or "", "gold": gold})
        if limit and len(arts) >= limit:
            break
    return arts


def _match(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                used.add(i)
                pairs.append((p, g))
                break
    return pairs


def run_lgl(limit: int | None = None, errors: str | None = None) -> dict:
    from sitroom.article import Article
    from sitroom.nlp import get_nlp
    from sitroom.places import run as places_run
    from sitroom.places.gazetteer import fold, get_gazetteer

    gaz = get_gazetteer()

    arts = load_lgl(limit)
    nlp = get_nlp()
    t0 = time.perf_counter()
    tp = n_pred = n_gold = 0
    tp_nd = n_gold_nd = 0  # gold toponyms whose mention is a demonym ("American") left out
    with_point = within = 0
    errs = []
    docs = nlp.pipe((a["text"] for a in arts), batch_size=16)
    for a, doc in zip(arts, docs):
        art = Article(id=a["id"], text=a["text"])
        places_run(doc, art)
        pairs = _match(art.places, a["gold"])
        tp += len(pairs)
        n_pred += len(art.places)
        n_gold += len(a["gold"])
        dem = {id(g) for g in a["gold"] if g["phrase"] and gaz.is_demonym(fold(g["phrase"]))}
        n_gold_nd += len(a["gold"]) - len(dem)
        tp_nd += sum(1 for _, g in pairs if id(g) not in dem)
        for p, g in pairs:
            if g["lat"] is None:
                continue
            with_point += 1
            d = None if p["lat"] is None else km(p["lat"], p["lon"], g["lat"], g["lon"])
            if d is not None and d <= 161:
                within += 1
            elif errors:
                errs.append({"id": a["id"], "mention": p["mention"], "pred": [p["name"], p["feature_code"], p["country_code"], p["admin1"]],
                             "gold_fcode": g["fcode"], "km": None if d is None else round(d)})
        if errors:
            matched_p = {id(p) for p, _ in pairs}
            matched_g = {id(g) for _, g in pairs}
            errs += [{"id": a["id"], "fp": p["mention"], "name": p["name"], "fcode": p["feature_code"]} for p in art.places if id(p) not in matched_p]
            errs += [{"id": a["id"], "tp": p["mention"], "fcode": p["feature_code"]} for p in art.places if id(p) in matched_p]
            errs += [{"id": a["id"], "fn": g["phrase"], "fcode": g["fcode"]} for g in a["gold"] if id(g) not in matched_g]
    secs = time.perf_counter() - t0
    if errors:
        Path(errors).write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in errs) + "\n", encoding="utf-8")
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    r_nd = tp_nd / n_gold_nd if n_gold_nd else 0.0
    p_nd = tp_nd / n_pred if n_pred else 0.0
    f_nd = 2 * p_nd * r_nd / (p_nd + r_nd) if p_nd + r_nd else 0.0
    return {"articles": len(arts), "gold": n_gold, "gold_no_demonyms": n_gold_nd, "tp_no_demonyms": tp_nd,
            "precision_no_demonyms": p_nd, "recall_no_demonyms": r_nd, "f1_no_demonyms": f_nd, "pred": n_pred, "tp": tp, "precision": p, "recall": r,
            "f1": f, "with_point": with_point, "within": within, "seconds": secs}


COLD = r"""
import resource, sys, time
t = time.perf_counter()
from sitroom.places.gazetteer import get_gazetteer
g = get_gazetteer()
n = sum(len(g.lookup(k)) for k in ("kursk", "kyiv", "kiev", "belgorod", "alexandria", "russia", "pokrovsk"))
ms = (time.perf_counter() - t) * 1000
# VmHWM, not ru_maxrss: after fork+exec the latter still holds the parent's peak.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
rss = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(ms, rss, n)
"""


def cold_rows() -> list[dict]:
    from sitroom.places.gazetteer import get_gazetteer

    get_gazetteer()  # make sure the index exists, so the child only opens it
    out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout.split()
    ms, rss = float(out[0]), float(out[1])
    return [
        {"benchmark": "gazetteer", "metric": "cold open + 7 lookups", "value": f"{ms:.0f} ms",
         "note": "fresh process: import, open the SQLite index, first queries"},
        {"benchmark": "gazetteer", "metric": "peak RSS of that process", "value": f"{rss:.0f} MB",
         "note": f"index file {get_gazetteer().path.stat().st_size / 1e6:.0f} MB on disk"},
    ]


def overhead_rows(limit: int = 200) -> list[dict]:
    """The gazetteer step's share of the parse, on LGL texts (best of 2)."""
    from sitroom.nlp import get_nlp

    nlp = get_nlp()
    texts = [a["text"] for a in load_lgl(limit)]

    def timed(disable):
        best = None
        for _ in range(2):
            t = time.perf_counter()
            for _d in nlp.pipe(texts, batch_size=16, disable=disable):
                pass
            dt = time.perf_counter() - t
            best = dt if best is None else min(best, dt)
        return best

    base = timed(["sitroom_toponyms"])
    full = timed([])
    return [{"benchmark": "gazetteer step", "metric": "added parse time", "value": f"{100 * (full - base) / base:.1f}%",
             "note": f"{len(texts)} LGL texts: {base:.1f} s spaCy alone, {full:.1f} s with the step"}]


def measure(limit: int | None = None) -> list[dict]:
    m = run_lgl(limit)
    note = f"{m['articles']} articles, {m['gold']} gold toponyms, {m['pred']} predicted, {m['tp']} matched"
    rows = [
        {"benchmark": BENCH, "metric": "toponym precision (span overlap)", "value": f"{m['precision']:.3f}", "note": note},
        {"benchmark": BENCH, "metric": "toponym recall (span overlap)", "value": f"{m['recall']:.3f}", "note": ""},
        {"benchmark": BENCH, "metric": "toponym F1", "value": f"{m['f1']:.3f}", "note": "aim >= 0.80"},
        {"benchmark": BENCH, "metric": "P / R / F1, demonym gold left out",
         "value": f"{m['precision_no_demonyms']:.3f} / {m['recall_no_demonyms']:.3f} / {m['f1_no_demonyms']:.3f}",
         "note": f"gold toponyms whose mention is a demonym (American...) excluded, as the contract never outputs them: "
                 f"{m['gold_no_demonyms']} gold, {m['tp_no_demonyms']} matched"},
        {"benchmark": BENCH, "metric": "found toponyms within 161 km", "value": f"{m['within'] / max(1, m['with_point']):.3f}",
         "note": f"{m['within']}/{m['with_point']} matched toponyms with a gold point; aim >= 0.85"},
        {"benchmark": BENCH, "metric": "run time (parse + places)", "value": f"{m['seconds']:.1f} s",
         "note": f"{1000 * m['seconds'] / max(1, m['articles']):.0f} ms per article, one process"},
    ]
    return rows + cold_rows() + overhead_rows()


def _print(rows: list[dict]) -> None:
    w = [max(len(str(r[k])) for r in rows + [{k: k}]) for k in ("benchmark", "metric", "value")]
    for r in rows:
        print(f"{r['benchmark']:<{w[0]}}  {r['metric']:<{w[1]}}  {r['value']:>{w[2]}}  {r['note']}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="only the first N LGL articles")
    ap.add_argument("--errors", default=None, help="write misses and false places as JSONL here")
    ap.add_argument("--lgl-only", action="store_true", help="skip the cost rows")
    args = ap.parse_args()
    if args.errors or args.lgl_only:
        m = run_lgl(args.limit, args.errors)
        print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in m.items()}))
    else:
        _print(measure(args.limit))
