"""The DuckDB store: idempotent ingest, replace on change, crash safety, the query API."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from sitroom.article import Article
from sitroom.store import Filters, Store


def _article(aid="a1", text="Drones struck Kursk overnight, the governor said.", **kw):
    a = Article(id=aid, text=text, outlet=kw.pop("outlet", "Kyiv Ledger"),
                published=kw.pop("published", "2024-08-14"), url=kw.pop("url", None))
    a.places = [{"id": "p1", "mention": "Kursk", "start": 14, "end": 19, "name": "Kursk",
                 "geonameid": 538560, "feature_code": "PPLA", "country_code": "RU", "admin1": "Kursk",
                 "lat": 51.73, "lon": 36.19, "geo_precision": 1, "score": 0.9}]
    a.framing = [{"id": "fr1", "mention": "struck", "start": 7, "end": 13, "kind": "loaded_language"}]
    for k, v in kw.items():
        setattr(a, k, v)
    return a


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        yield s


def test_put_is_idempotent_by_id_and_by_text(store):
    assert store.put(_article()) == "new"
    before = store.counts()
    assert store.put(_article()) == "skipped"
    # The same text under another id (a re-download with another URL) adds nothing either.
    assert store.put(_article(aid="other", text="Drones  struck KURSK overnight,\nthe governor said.")) == "skipped"
    assert store.counts() == before


def test_changed_text_replaces_not_duplicates(store):
    store.put(_article())
    changed = _article(text="Drones struck Kursk overnight, the governor said on Wednesday.")
    changed.places = []
    assert store.put(changed) == "replaced"
    assert store.counts()["articles"] == 1
    assert store.counts()["places"] == 0
    assert store.article("a1")["text"].endswith("on Wednesday.")


def test_article_round_trips_the_contract(store, validate):
    a = _article()
    store.put(a)
    got = store.article("a1")
    assert got.pop("status") == "ok"
    validate(got)
    assert got == json.loads(json.dumps(a.to_dict()))
    assert store.article("missing") is None


def test_failed_article_is_recorded(store):
    bad = Article(id="x1", text="").fail("cannot read x: no such file")
    assert store.put(bad) == "new"
    assert store.articles()[0]["status"] == "failed"
    assert store.article("x1")["warnings"][0]["message"].startswith("cannot read")
    # Failures are retried: the same failed input is stored again, not skipped.
    assert store.put(Article(id="x1", text="").fail("cannot read x: no such file")) == "replaced"
    assert store.counts()["articles"] == 1


def test_filters_validate_and_build_sql():
    f = Filters(since="2024-08-06", bbox="30,44,40,53", corroboration="contested", q="bridge")
    where, params = f.where()
    assert "event_date >=" in where and "longitude BETWEEN" in where
    assert params[0] == "2024-08-06" and 30.0 in params and "%bridge%" in params
    assert Filters.from_mapping({"country": "RU", "limit": None, "nope": 1}).country == "RU"
    with pytest.raises(ValueError):
        Filters(corroboration="maybe")
    with pytest.raises(ValueError):
        Filters(bbox="1,2,3")


def test_store_opens_read_only_for_readers(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.put(_article())
    with Store(path, read_only=True) as r:
        assert r.article_ids() == ["a1"]
        assert r.stats()["articles"] == 1
        assert r.incidents() == [] and r.count(Filters(limit=1)) == 0


def _jsonl(path, n):
    # First paragraphs only: the test is about transactions, not about reading speed.
    texts = [json.loads(p.read_text())["text"].split("\n\n")[0] for p in sorted(EXAMPLES.glob("*.json"))]
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"art{i:03d}", "text": f"Report {i}. " + texts[i % len(texts)],
                                "published": "2024-08-15", "outlet": f"Outlet {i % 5}"}) + "\n")


def _kill_after(cmd: list[str], marker: str, n_lines: int, timeout: float = 300) -> int:
    """Run cmd, SIGKILL it once `marker` appeared on n_lines stderr lines (or after
    `timeout` seconds, whichever comes first); returns how many such lines were seen."""
    import queue
    import threading

    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr] + [lines.put(None)], daemon=True)
    reader.start()
    seen = 0
    deadline = time.monotonic() + timeout
    while seen < n_lines:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        seen += marker in line
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return seen


def test_kill_9_loses_nothing_committed_and_rerun_completes(tmp_path, validate):
    src = tmp_path / "in.jsonl"
    n = 36
    _jsonl(src, n)
    inputs = {json.loads(line)["id"]: json.loads(line) for line in src.read_text().splitlines()}
    db = tmp_path / "k.duckdb"
    committed = _kill_after([sys.executable, "-m", "sitroom", "-v", "ingest", str(src), "--db", str(db),
                             "--no-fuse"], " new art", 3)
    assert committed >= 3
    with Store(db, read_only=True) as s:
        stored = s.article_ids()
        assert committed <= len(stored) < n
        for aid in stored:  # whatever the extractors found, each stored article is whole and valid
            doc = s.article(aid)
            assert doc.pop("status") == "ok" and doc["text"] == inputs[aid]["text"]
            validate(doc)
    rerun = run_cli("ingest", src, "--db", db, "--no-fuse")
    assert rerun.returncode == 0
    assert f"skipped {len(stored)}" in rerun.stderr.decode()
    assert f"new {n - len(stored)}" in rerun.stderr.decode()
    with Store(db, read_only=True) as s:
        assert s.article_ids() == sorted(inputs)


WRITER = """
import sys
from sitroom.article import Article
from sitroom.store import Store
sys.path.insert(0, {tests!r})
from test_store import synthetic
with Store({db!r}) as s:
    for i in range(200):
        if s.put(synthetic(i)) == "new":
            print("stored", i, file=sys.stderr, flush=True)
"""


def synthetic(i: int) -> Article:
    """An article with many objects of every kind, so a torn write would show."""
    text = " ".join(f"w{i}x{j}" for j in range(300))
    a = Article(id=f"s{i:03d}", text=text, outlet="O", published="2024-08-14")
    for j in range(40):
        m = f"w{i}x{j}"
        start = text.index(m + " ")
        span = {"mention": m, "start": start, "end": start + len(m)}
        a.places.append({"id": f"p{j + 1}", **span, "name": m, "geonameid": j, "feature_code": "PPL",
                         "country_code": "RU", "admin1": "Kursk", "lat": 51.0, "lon": 36.0,
                         "geo_precision": 1, "score": 0.5})
        a.dates.append({"id": f"d{j + 1}", **span, "value": "2024-08-14", "granularity": "day",
                        "end_value": None})
        a.framing.append({"id": f"fr{j + 1}", **span, "kind": "loaded_language"})
    return a


def test_kill_9_during_store_writes_leaves_whole_articles(tmp_path):
    """The same, deterministic: a writer storing object-heavy articles is killed mid-run."""
    db = tmp_path / "w.duckdb"
    script = WRITER.format(tests=str(Path(__file__).parent), db=str(db))
    seen = _kill_after([sys.executable, "-c", script], "stored", 5)
    assert seen >= 5
    with Store(db, read_only=True) as s:
        stored = s.article_ids()
        assert seen <= len(stored) < 200
        for aid in stored:
            got = s.article(aid)
            got.pop("status")
            assert got == json.loads(json.dumps(synthetic(int(aid[1:])).to_dict()))
    assert subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 0
    with Store(db, read_only=True) as s:
        assert len(s.article_ids()) == 200 and s.counts()["places"] == 200 * 40
