#!/usr/bin/env python3
"""Accuracy of the events stage's PLOVER coding, and how many events it reads per article.

    python bench/accuracy_plover.py

- PLOVER gold-standard records (shared/eval/dev/plover_gsr.json, the OEDA
  CAMEO-derived GSR, 322 sentences; DOCUMENT records skipped): each sentence is
  run through the whole pipeline (no publication date); the sentence's top
  event is the one with the highest confidence. Accuracy counts a sentence
  with no event as wrong; coverage is the share of sentences with any event;
  macro-F1 averages the per-category F1 over the gold categories present.
- The GSR predates PLOVER's 16-category list the events stage codes to. Four
  of its labels are old names, mapped as the current ontology merged them:
  DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE,
  FIGHT -> ASSAULT. Rows are given on the mapped labels; the "exact label"
  row scores against the raw labels (so the four old names can never match).
- Seed article and the bundled example corpus: events per article, and the
  share flagged negated or hypothetical - a check on spurious events.

Every row is measured when this runs.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GSR = SHARED / "eval" / "dev" / "plover_gsr.json"
EXAMPLES = ROOT / "examples" / "corpus"
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
BENCH = "PLOVER GSR (plover_gsr.json)"


def _top(events: list[dict]) -> str | None:
    if not events:
        return None
    best = max(events, key=lambda e: (e["confidence"], -e["evidence"]["start"]))
    return best["plover_event"]


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gsr_rows() -> list[dict]:
    from sitroom.article import Article
    from sitroom.pipeline import read

    records = [r for r in json.loads(GSR.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT" and r.get("text")]
    articles = [Article(id=r["id"], text=r["text"]) for r in records]
    preds = [_top(a.events) for a in read(articles)]
    raw = [r["event"] for r in records]
    gold = [LEGACY.get(g, g) for g in raw]
    n = len(gold)
    correct = sum(p == g for p, g in zip(preds, gold))
    exact = sum(p == g for p, g in zip(preds, raw))
    covered = sum(p is not None for p in preds)
    rows = [
        {"benchmark": BENCH, "metric": "sentences", "value": n, "note": "DOCUMENT records skipped"},
        {"benchmark": BENCH, "metric": "accuracy (top event)", "value": round(correct / n, 3),
         "note": f"{correct}/{n}; no event counts as wrong; legacy labels mapped"},
        {"benchmark": BENCH, "metric": "accuracy, exact label", "value": round(exact / n, 3),
         "note": f"{exact}/{n}; raw GSR labels (DEMAND/DISAPPROVE/INVESTIGATE/FIGHT cannot match)"},
        {"benchmark": BENCH, "metric": "coverage", "value": round(covered / n, 3),
         "note": f"{covered}/{n} sentences with any event"},
        {"benchmark": BENCH, "metric": "accuracy when covered", "value": round(correct / covered, 3) if covered else 0.0,
         "note": f"{correct}/{covered}"},
    ]
    cats = sorted(set(gold))
    f1s = []
    per = []
    for c in cats:
        tp = sum(p == c and g == c for p, g in zip(preds, gold))
        fp = sum(p == c and g != c for p, g in zip(preds, gold))
        fn = sum(p != c and g == c for p, g in zip(preds, gold))
        p, r, f = _f1(tp, fp, fn)
        f1s.append(f)
        per.append({"benchmark": BENCH, "metric": f"F1 {c}", "value": round(f, 3),
                    "note": f"gold {tp + fn}, predicted {tp + fp}, correct {tp}; P {p:.2f} R {r:.2f}"})
    rows.append({"benchmark": BENCH, "metric": "macro-F1", "value": round(sum(f1s) / len(f1s), 3),
                 "note": f"over the {len(cats)} gold categories present (mapped)"})
    rows.extend(per)
    confusion = Counter((g, p) for p, g in zip(preds, gold) if p != g)
    top = ", ".join(f"{g}->{p or 'none'} {k}" for (g, p), k in confusion.most_common(6))
    rows.append({"benchmark": BENCH, "metric": "top confusions", "value": "", "note": top})
    return rows


def corpus_rows() -> list[dict]:
    import sitroom

    rows = []
    seed = (SHARED / "seed" / "kursk-offensive.txt").read_text(encoding="utf-8")
    out = sitroom.extract(seed, published="2024-08-15")
    ev = out["events"]
    flagged = sum(e["negated"] or e["hypothetical"] for e in ev)
    rows.append({"benchmark": "events per article", "metric": "seed article", "value": len(ev),
                 "note": f"{flagged} negated/hypothetical; {len(ev) - flagged} as happened; "
                         f"{sum(e['event_type'] != 'Strategic developments' for e in ev)} violent/protest"})
    counts, flags, total = [], 0, 0
    for path in sorted(EXAMPLES.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        o = sitroom.extract(d["text"], published=d.get("published"), url=d.get("url"), outlet=d.get("outlet"))
        counts.append(len(o["events"]))
        flags += sum(e["negated"] or e["hypothetical"] for e in o["events"])
        total += len(o["events"])
    if counts:
        rows.append({"benchmark": "events per article", "metric": "examples corpus (json)",
                     "value": round(sum(counts) / len(counts), 1),
                     "note": f"{len(counts)} articles, min {min(counts)}, max {max(counts)}, "
                             f"{flags}/{total} negated/hypothetical"})
    return rows


def measure() -> list[dict]:
    return gsr_rows() + corpus_rows()


if __name__ == "__main__":
    rows = measure()
    w = [max(len(str(r[k])) for r in rows) for k in ("benchmark", "metric", "value")]
    for r in rows:
        print(f"{r['benchmark']:<{w[0]}}  {r['metric']:<{w[1]}}  {str(r['value']):>{w[2]}}  {r['note']}")
