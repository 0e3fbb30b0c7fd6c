"""Fusion's tunable rules, read once from data/*.json (rationale beside each value)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    return json.loads(resources.files("sitroom.fusion").joinpath("data", name).read_text("utf-8"))


def rules() -> dict:
    return load("rules.json")


def families() -> dict:
    return load("type_families.json")
