"""The date rules' word lists (data/lexicon.json), loaded once."""
from __future__ import annotations

import functools
import json
from importlib import resources


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = resources.files("sitroom.dates").joinpath("data/lexicon.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}
