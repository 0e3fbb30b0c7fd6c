"""Union-find whose groups do not depend on the order of unions."""
from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {}
        for x in items:
            self.add(x)

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def find(self, x):
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root, so the partition and roots are order-free.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> list[list]:
        """Members of each group, sorted, groups sorted by their smallest member."""
        out: dict = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return sorted(out.values(), key=lambda g: g[0])
