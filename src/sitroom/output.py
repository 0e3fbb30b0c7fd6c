"""Writing results: JSON for one article, JSONL for many, never half-written."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


def dumps(obj, pretty: bool = False) -> str:
    # ensure_ascii=False keeps the text readable; sort_keys=False keeps the
    # contract's field order, which is deterministic by construction.
    if pretty:
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def publish(tmp: str, target: Path) -> None:
    """Move a finished temporary file into place with the permissions a
    plain open() would have given it: mkstemp makes files only their owner
    can read, which an export shared with a team should not be."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    os.replace(tmp, target)


@contextmanager
def atomic_output(path: str | None) -> Iterator[IO[str]]:
    """Stdout, or a file that appears only once it is completely written."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        publish(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
