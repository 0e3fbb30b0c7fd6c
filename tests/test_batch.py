"""`sitroom batch`: JSONL/Parquet shards to one Parquet table per object kind,
with the local engine and with Ray (equal row for row)."""
from __future__ import annotations

import datetime
import json
import os

import pytest

from conftest import EXAMPLES, SEED, run_cli

BAD_LINE = '{"id": "broken", "text": "unterminated'


@pytest.fixture(scope="session")
def nlp():
    from sitroom.nlp import get_nlp

    return get_nlp()


def _records() -> list[dict]:
    recs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))]
    recs.append({"id": "seed", "text": SEED.read_text(encoding="utf-8"), "published": "2024-08-20"})
    return recs


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """Two JSONL shards (with a broken line and a record without text) and a Parquet shard."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = tmp_path_factory.mktemp("shards")
    recs = _records()
    lines = [json.dumps(r, ensure_ascii=False) for r in recs[:8]]
    lines[2:2] = [BAD_LINE, json.dumps({"id": "notext", "title": "no text"}), ""]
    (d / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "b.jsonl").write_text("\n".join(json.dumps(r) for r in recs[8:14]) + "\n", encoding="utf-8")
    rest = recs[14:]
    table = pa.table({
        "id": [r["id"] for r in rest],
        "text": [r["text"] for r in rest],
        # A date column, as a Parquet writer from pandas or Spark would make it.
        "published": [datetime.date.fromisoformat(r["published"]) for r in rest],
        "outlet": [r.get("outlet") for r in rest],
    })
    pq.write_table(table, d / "c.parquet")
    return d, len(recs) + 2


def _read(out_dir, table: str):
    import pyarrow.dataset as ds

    return ds.dataset(str(out_dir / table), format="parquet").to_table()


def test_local_batch_writes_contract_tables(shards, tmp_path, nlp):
    from sitroom.pipeline import read
    from sitroom.scale.shards import expand, iter_shard_articles
    from sitroom.scale.tables import FIELDS, SCHEMAS, TABLES

    d, n = shards
    out = tmp_path / "out"
    r = run_cli("batch", d, "-o", out, "--workers", "2")
    assert r.returncode == 1, r.stderr.decode()  # the broken rows are errors
    assert f"{n} articles, 2 with errors" in r.stderr.decode()
    for table in TABLES:
        t = _read(out, table)
        assert t.schema.equals(SCHEMAS[table]), table
    arts = _read(out, "articles").to_pylist()
    assert len(arts) == n
    broken = [a for a in arts if a["status"] == "error"]
    # An unparseable line has no readable id: it gets one from its content.
    assert sorted(a["id"][0] if a["id"] != "notext" else a["id"] for a in broken) == ["notext", "x"]
    assert all(a["warnings"] and a["warnings"][0]["level"] == "error" for a in broken)
    by_id = {a["id"]: a for a in arts}
    assert by_id["seed"]["published"] == "2024-08-20"
    parquet_rec = _records()[-2]
    assert by_id[parquet_rec["id"]]["published"] == parquet_rec["published"]

    # Every object row is the contract object `sitroom extract` would print,
    # plus its article_id, in the same order.
    expected = {a.id: a.to_dict() for a in read(iter_shard_articles(*expand([str(d)])))}
    total = 0
    for kind in FIELDS:
        rows = _read(out, kind).to_pylist()
        total += len(rows)
        got: dict[str, list] = {}
        for row in rows:
            got.setdefault(row.pop("article_id"), []).append(row)
        for aid, doc in expected.items():
            want = [{f: o.get(f) for f, _ in FIELDS[kind]} for o in doc[kind]]
            have = [{f: row[f] for f, _ in FIELDS[kind]} for row in got.get(aid, [])]
            assert have == want, (kind, aid)
    assert total > 0, "no objects at all were extracted"


def test_unreadable_input_gives_typed_empty_tables(tmp_path):
    from sitroom.scale.tables import SCHEMAS, TABLES

    src = tmp_path / "bad.jsonl"
    src.write_text(BAD_LINE + "\n", encoding="utf-8")
    r = run_cli("batch", src, "-o", tmp_path / "out")
    assert r.returncode == 1
    for table in TABLES:
        t = _read(tmp_path / "out", table)
        assert t.schema.equals(SCHEMAS[table])
        assert t.num_rows == (1 if table == "articles" else 0)


def test_batch_usage_errors(tmp_path):
    (tmp_path / "x.txt").write_text("text", encoding="utf-8")
    r = run_cli("batch", tmp_path / "x.txt", "-o", tmp_path / "out")
    assert r.returncode == 2 and b".jsonl" in r.stderr
    r = run_cli("batch", tmp_path / "missing.jsonl", "-o", tmp_path / "out")
    assert r.returncode == 2 and b"no such file" in r.stderr


def test_rerun_replaces_parts_and_is_byte_identical(shards, tmp_path, nlp):
    from sitroom.scale.local import run_local
    from sitroom.scale.writer import part_name

    d, _ = shards
    out = tmp_path / "out"
    run_local([str(d / "b.jsonl")], out)
    first = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}
    (out / "places" / part_name(7)).write_bytes(b"stale")
    run_local([str(d / "b.jsonl")], out)
    second = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}
    assert second == first


@pytest.fixture(scope="module")
def ray_local(tmp_path_factory):
    ray = pytest.importorskip("ray")
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    # A scheduling hang should fail in minutes, not after Ray's default 30.
    os.environ["RAY_DATA_EXECUTION_NO_PROGRESS_TIMEOUT_S"] = "180"
    base = tmp_path_factory.mktemp("ray")
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=str(base / "tmp"),
             object_spilling_directory=str(base / "spill"), log_to_driver=False)
    yield ray
    ray.shutdown()


def _sorted_rows(out_dir, table):
    t = _read(out_dir, table)
    key = [("id", "ascending")] if table == "articles" else [("article_id", "ascending"), ("id", "ascending")]
    return t.sort_by(key).to_pylist()


@pytest.mark.ray
def test_ray_engine_equals_local_engine_row_for_row(ray_local, shards, tmp_path):
    from sitroom.scale.local import run_local
    from sitroom.scale.ray_engine import run_ray
    from sitroom.scale.tables import SCHEMAS, TABLES

    d, n = shards
    run_local([str(d)], tmp_path / "local")
    # Small batches, so both actors share the shards (and each shard is cut).
    counts = run_ray([str(d)], tmp_path / "ray", workers=2, batch_size=3)
    assert counts["articles"] == n
    for table in TABLES:
        assert _read(tmp_path / "ray", table).schema.equals(SCHEMAS[table]), table
        assert _sorted_rows(tmp_path / "ray", table) == _sorted_rows(tmp_path / "local", table), table
