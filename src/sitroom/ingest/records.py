"""JSON and JSONL article records: {"id", "text", "published", "url", "title", "outlet"}."""
from __future__ import annotations

import json
from typing import Iterator

FIELDS = ("id", "url", "title", "outlet", "published", "text")


class RecordError(Exception):
    pass


def parse_record(obj) -> dict:
    if not isinstance(obj, dict):
        raise RecordError(f"record is a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if text is None:
        raise RecordError("record has no 'text' field")
    if not isinstance(text, str):
        raise RecordError(f"record 'text' is a {type(text).__name__}, not a string")
    rec = {k: obj.get(k) for k in FIELDS}
    for k in ("id", "url", "title", "outlet", "published"):
        if rec[k] is not None and not isinstance(rec[k], str):
            rec[k] = str(rec[k])
    return rec


def iter_jsonl(path) -> Iterator[tuple[int, dict | None, str | None, str | None]]:
    """Yield (line_number, record, raw_id, error) one line at a time (constant memory)."""
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            raw_id = None
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                yield n, None, None, f"line {n} is not valid JSON: {e}"
                continue
            if isinstance(obj, dict) and obj.get("id") is not None:
                raw_id = str(obj["id"])
            try:
                yield n, parse_record(obj), raw_id, None
            except RecordError as e:
                yield n, None, raw_id, f"line {n}: {e}"


def iter_json(path) -> Iterator[tuple[int, dict | None, str | None, str | None]]:
    """A .json file holds one record or a list of records."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        yield 0, None, None, f"not valid JSON: {e}"
        return
    items = obj if isinstance(obj, list) else [obj]
    for n, item in enumerate(items, 1):
        raw_id = str(item["id"]) if isinstance(item, dict) and item.get("id") is not None else None
        try:
            yield n, parse_record(item), raw_id, None
        except RecordError as e:
            yield n, None, raw_id, f"item {n}: {e}"
