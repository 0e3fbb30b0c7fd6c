"""Ties each figure to the innermost claim whose content holds it."""
from __future__ import annotations


def link_figures(claims: list[dict], figures: list[dict]) -> None:
    if not claims:
        return
    for f in figures:
        s, e = f.get("start"), f.get("end")
        if s is None or e is None:
            continue
        best = None
        for c in claims:
            if c["content_start"] <= s and e <= c["content_end"]:
                size = c["content_end"] - c["content_start"]
                if best is None or size < best[0]:
                    best = (size, c["id"])
        if best is not None:
            f["claim_id"] = best[1]
