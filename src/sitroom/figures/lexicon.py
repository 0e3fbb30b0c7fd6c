"""The figures stage's tables (data/*), loaded once and compiled."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources


def _read(name: str) -> str:
    return resources.files("sitroom.figures").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for ln in _read(name).splitlines():
        if ln.strip() and not ln.startswith("#"):
            rows.append(ln.split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def numbers() -> dict:
    return {k: v for k, v in json.loads(_read("numbers.json")).items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def not_figures() -> dict:
    return {k: v for k, v in json.loads(_read("not_figures.json")).items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    return {r[0].lower(): r[1] for r in _tsv("qualifiers.tsv")}


@functools.lru_cache(maxsize=1)
def units() -> list[tuple[re.Pattern, str]]:
    """(pattern matching right after a number, unit code), most specific first."""
    return [(re.compile(rf"(?:\s*|-)(?:{r[0]})(?![\w²³])", re.IGNORECASE), r[1]) for r in _tsv("units.tsv")]


@functools.lru_cache(maxsize=1)
def currencies() -> list[tuple[re.Pattern, str]]:
    """(pattern ending right before a number, unit code)."""
    return [(re.compile(rf"(?<![\w$€£₴₽¥])(?:{r[0]})\s?$"), r[1]) for r in _tsv("currency.tsv")]
