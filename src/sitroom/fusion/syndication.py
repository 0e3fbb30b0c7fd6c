"""Near-duplicate articles (a wire story and its republications) grouped as one story.

Word 5-gram shingles and exact Jaccard similarity; candidate pairs come from
an inverted index over a deterministic 1-in-N sample of shingle hashes, so
the cost stays near-linear in the number of articles.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from itertools import combinations

from sitroom.fusion.rules import rules
from sitroom.fusion.unionfind import UnionFind

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + n]).encode()) for i in range(len(words) - n + 1)}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def groups(docs: list[tuple[str, str, str | None]]) -> dict[str, str]:
    """docs: (article_id, text, published). Returns article_id -> group id, where the
    group id is the earliest-published (then smallest id) member: the likely original."""
    r = rules()
    sh = {aid: shingles(text, r["shingle_words"]) for aid, text, _ in docs}
    index: dict[int, list[str]] = defaultdict(list)
    for aid in sorted(sh):
        for h in sh[aid]:
            if h % r["fingerprint_mod"] == 0:
                index[h].append(aid)
    pairs = set()
    for h in sorted(index):
        ids = index[h]
        if 1 < len(ids) <= r["fingerprint_max_docs"]:
            pairs.update(combinations(ids, 2))
    uf = UnionFind(sorted(sh))
    for a, b in sorted(pairs):
        if jaccard(sh[a], sh[b]) >= r["syndication_jaccard"]:
            uf.union(a, b)
    pub = {aid: (p or "9999-99-99", aid) for aid, _, p in docs}
    out = {}
    for members in uf.groups():
        root = min(members, key=lambda m: pub[m])
        for m in members:
            out[m] = root
    return out
