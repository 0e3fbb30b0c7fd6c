#!/usr/bin/env python3
"""Accuracy of the claims and framing stages.

    python bench/accuracy_claims.py

Claims: every attributed claim in five corpus articles was annotated by hand
(bench/claims_gold.json); a system claim matches a gold one by speaker and a
content phrase (the rule of shared/eval/score_seed.py). Reports recall,
precision (system claims matching some gold claim), and, over matched claims,
verification and speaker-side accuracy. Framing: the seed's expectations, and
how many spans are flagged across the whole corpus by kind (for reading, since
no framing gold exists beyond the seed).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"


def _norm(s):
    return " ".join(str(s or "").lower().replace("-", " ").split())


def _speaker_ok(value, options):
    v = _norm(value)
    return bool(v) and any(_norm(o) in v or v in _norm(o) for o in options if o)


def _read(name):
    from sitroom.ingest.sources import iter_articles
    from sitroom.pipeline import read_one

    return read_one(next(iter_articles([str(CORPUS / name)])))


def _match(gold, found):
    """Greedy one-to-one: each gold claim takes the first unused system claim that fits."""
    used, pairs = set(), []
    for g in gold:
        for k, c in enumerate(found):
            if k in used or not _speaker_ok(c["speaker"], g["speaker_any"]):
                continue
            if _norm(g["content_has"]) in _norm(c["content"]):
                used.add(k)
                pairs.append((g, c))
                break
    return pairs


def claims_rows() -> list[dict]:
    gold = json.loads((HERE / "claims_gold.json").read_text(encoding="utf-8"))["articles"]
    n_gold = n_sys = 0
    pairs = []
    misses = []
    for name, want in gold.items():
        found = _read(name).claims
        p = _match(want, found)
        n_gold += len(want)
        n_sys += len(found)
        pairs += p
        got = {id(g) for g, _ in p}
        misses += [f"{name[:2]}: {g['speaker_any'][0]} / {g['content_has']}" for g in want if id(g) not in got]
    tp = len(pairs)
    ver = sum(c["verification"] in g["verification_any"] for g, c in pairs)
    side = sum(c["speaker_side"] in g["side_any"] for g, c in pairs)
    bench = "claims (5 corpus articles, hand-annotated)"
    rows = [
        {"benchmark": bench, "metric": "recall", "value": f"{tp / n_gold:.3f}", "note": f"{tp}/{n_gold} gold claims found"},
        {"benchmark": bench, "metric": "precision", "value": f"{tp / n_sys:.3f}" if n_sys else "n/a", "note": f"{tp}/{n_sys} system claims match a gold claim"},
        {"benchmark": bench, "metric": "verification accuracy", "value": f"{ver / tp:.3f}" if tp else "n/a", "note": f"{ver}/{tp} matched claims"},
        {"benchmark": bench, "metric": "speaker_side accuracy", "value": f"{side / tp:.3f}" if tp else "n/a", "note": f"{side}/{tp} matched claims"},
    ]
    for m in misses:
        rows.append({"benchmark": bench, "metric": "missed", "value": "", "note": m})
    for g, c in pairs:
        if c["verification"] not in g["verification_any"]:
            rows.append({"benchmark": bench, "metric": "wrong verification", "value": c["verification"],
                         "note": f"{c['speaker']} / {g['content_has']}: expected {'|'.join(g['verification_any'])}"})
        if c["speaker_side"] not in g["side_any"]:
            rows.append({"benchmark": bench, "metric": "wrong side", "value": str(c["speaker_side"]),
                         "note": f"{c['speaker']} / {g['content_has']}: expected {'|'.join(map(str, g['side_any']))}"})
    return rows


def seed_rows() -> list[dict]:
    import sitroom

    sys.path.insert(0, str(SHARED / "eval"))
    import score_seed

    gold = json.loads((SHARED / "seed" / "kursk-offensive.gold.json").read_text(encoding="utf-8"))
    text = (SHARED / "seed" / "kursk-offensive.txt").read_text(encoding="utf-8")
    out = sitroom.extract(text, published="2024-08-15")
    rows = []
    for kind, fn in (("claims", score_seed.match_claim), ("framing", score_seed.match_framing)):
        met = sum(fn(g, out, text) is None for g in gold[kind])
        rows.append({"benchmark": "seed", "metric": f"{kind} expectations met", "value": f"{met}/{len(gold[kind])}",
                     "note": f"{len(out[kind])} produced"})
    return rows


def framing_rows() -> list[dict]:
    kinds, per_article = Counter(), Counter()
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in (".json", ".html"):
            continue
        a = _read(path.name)
        for f in a.framing:
            kinds[f["kind"]] += 1
            per_article[path.name[:2]] += 1
    note = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
    return [{"benchmark": "framing (21 corpus articles)", "metric": "spans flagged", "value": str(sum(kinds.values())),
             "note": f"{note}; articles with any: {', '.join(sorted(per_article))}"}]


def measure() -> list[dict]:
    return seed_rows() + claims_rows() + framing_rows()


if __name__ == "__main__":
    rows = measure()
    w = [max(len(str(r[k])) for r in rows) for k in ("benchmark", "metric", "value")]
    for r in rows:
        print(f"{r['benchmark']:<{w[0]}}  {r['metric']:<{w[1]}}  {r['value']:>{w[2]}}  {r['note']}")
