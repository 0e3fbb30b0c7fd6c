"""The seed article, read end to end and judged by the shared scorer.

The scorer (../shared/eval/score_seed.py) is the authority: this test runs it
as a subprocess on `sitroom extract`'s real output and requires exit 0 (every
required expectation met, nothing forbidden). It also pins the properties the
contract promises for any article: schema-valid, offsets exact, text
unchanged, byte-identical on a second run.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEED, SHARED, run_cli

SCORER = SHARED / "eval" / "score_seed.py"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    r = run_cli("extract", str(SEED), "--published", "2024-08-15", "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out


def test_seed_output_is_valid_and_text_unchanged(seed_out, validate):
    doc = json.loads(seed_out.read_text(encoding="utf-8"))
    assert doc["text"] == SEED.read_text(encoding="utf-8")
    validate(doc)


def test_seed_scorer_passes(seed_out):
    if not SCORER.exists():
        pytest.skip(f"shared scorer not found at {SCORER}")
    r = subprocess.run([sys.executable, str(SCORER), str(seed_out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_seed_is_deterministic(seed_out, tmp_path):
    again = tmp_path / "again.json"
    r = run_cli("extract", str(SEED), "--published", "2024-08-15", "-o", str(again))
    assert r.returncode == 0, r.stderr
    assert again.read_bytes() == seed_out.read_bytes()
