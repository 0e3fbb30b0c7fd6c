#!/usr/bin/env python3
"""Accuracy of sitroom against the shared evaluation sets, as one table.

    make accuracy            # or: python bench/accuracy.py [--only seed,lgl,...]

Every row is measured when this runs; nothing is copied from elsewhere.
Each `bench/accuracy_<topic>.py` module contributes rows through `measure()`.
"""
from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))


def seed_rows() -> list[dict]:
    """The seed article scored by shared/eval/score_seed.py, category by category."""
    import json
    import tempfile

    import sitroom

    text = (SHARED / "seed" / "kursk-offensive.txt").read_text(encoding="utf-8")
    doc = sitroom.extract(text, published="2024-08-15")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score_seed.py"), f.name],
                       capture_output=True, text=True)
    Path(f.name).unlink()
    rows = []
    for line in r.stdout.splitlines():
        if line.startswith(("places:", "dates:", "figures:", "claims:", "events:", "framing:")):
            kind, rest = line.split(":", 1)
            rows.append({"benchmark": "seed (score_seed.py)", "metric": f"{kind} met",
                         "value": rest.split("(")[0].replace("met", "").strip(), "note": rest.strip()})
        elif line.startswith("seed:"):
            rows.append({"benchmark": "seed (score_seed.py)", "metric": "all expectations",
                         "value": line.split(":", 1)[1].split("expectations")[0].strip(),
                         "note": line.split(",", 1)[1].strip() + f"; exit {r.returncode}"})
    misses = [ln.strip() for ln in r.stdout.splitlines() if ln.strip().startswith(("miss", "forbidden"))]
    for m in misses:
        rows.append({"benchmark": "seed (score_seed.py)", "metric": "miss", "value": "", "note": m})
    return rows


def claims_rows() -> list[dict]:
    """Claims against bench/claims_gold.json (the seed is already scored above)."""
    m = importlib.import_module("accuracy_claims")
    return m.claims_rows() + m.framing_rows()


TOPICS = {
    "seed": seed_rows,
    "claims": claims_rows,
    "lgl": "accuracy_places",
    "quantities": "accuracy_quantities",
    "plover": "accuracy_plover",
}


def fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated topics: " + ",".join(TOPICS))
    args = ap.parse_args(argv)
    wanted = [t for t in (args.only.split(",") if args.only else TOPICS) if t]
    rows: list[dict] = []
    for topic in wanted:
        src = TOPICS[topic]
        t0 = time.perf_counter()
        if callable(src):
            got = src()
        else:
            try:
                got = importlib.import_module(src).measure()
            except ModuleNotFoundError as e:
                got = [{"benchmark": topic, "metric": "not measured", "value": "", "note": str(e)}]
        rows.extend(got)
        print(f"# {topic}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print("| benchmark | metric | value | note |")
    print("|---|---|---|---|")
    for r in rows:
        note = str(r.get("note", "")).replace("|", "/")
        print(f"| {r['benchmark']} | {r['metric']} | {fmt(r['value'])} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
