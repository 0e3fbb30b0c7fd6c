"""Shared fixtures: the read-only shared/ folder, the contract schema, a runner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SITROOM_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "kursk-offensive.txt"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def schema():
    return json.loads((SHARED / "contract" / "schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(schema):
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict) -> dict:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        for kind in ("places", "dates", "figures", "framing"):
            for o in doc[kind]:
                assert doc["text"][o["start"]:o["end"]] == o["mention"], (kind, o)
        for c in doc["claims"]:
            assert doc["text"][c["content_start"]:c["content_end"]] == c["content"], c
            if c.get("speaker_start") is not None:
                assert doc["text"][c["speaker_start"]:c["speaker_end"]] == c["speaker"], c
        for e in doc["events"]:
            ev = e["evidence"]
            assert doc["text"][ev["start"]:ev["end"]] == ev["quote"], e
        return doc

    return check


def run_cli(*args, input: bytes | None = None, cwd=None, timeout=600):
    """Run the installed `sitroom` command in a real subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "sitroom", *map(str, args)],
        input=input, capture_output=True, cwd=cwd, timeout=timeout,
    )
