"""The situation report: cites every incident's sources, escapes untrusted text, is
deterministic; and the whole chain on examples/ (ingest twice, fuse, export, report)."""
from __future__ import annotations

import csv
import html as htmlmod
import re

import pytest

from conftest import EXAMPLES, run_cli
from sitroom.article import Article
from sitroom.export import ACLED_COLUMNS
from sitroom.fusion import fuse
from sitroom.report import render
from sitroom.store import Filters, Store
from test_fusion import _corpus, art, ev, fig


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "r.duckdb"
    evil = art("z9", "<script>alert(1)</script> News", "2024-08-14", events=[ev(quote="drones struck")],
               figures=[fig("f1", 99)])
    evil["url"] = "javascript:alert(1)"
    evil["text"] = "drones struck <b>Kursk</b> | [link](javascript:x) " + evil["text"]
    evil["claims"] = [{"id": "c1", "speaker": "<img src=x onerror=alert(1)>", "speaker_start": None,
                       "speaker_end": None, "cue": "said", "cue_start": 0, "cue_end": 4,
                       "content": "drones struck <b>Kursk</b>", "content_start": 0, "content_end": 26,
                       "speaker_side": "RU", "verification": "denied"}]
    with Store(path) as s:
        for a in _corpus() + [evil]:
            s.put(Article.from_dict(a))
        fuse(s)
    return path


def _cited(text: str, inc: dict, fmt: str) -> bool:
    for src in inc["detail"]["sources"]:
        for a in src["articles"]:
            mark = a["url"] if a["url"] and a["url"].startswith("http") else a["id"]
            if (htmlmod.escape(mark) if fmt == "html" else mark) not in text:
                return False
    return True


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_cites_every_incident_and_is_deterministic(db, fmt):
    with Store(db, read_only=True) as s:
        text = render(s, Filters(), fmt)
        assert text == render(s, Filters(), fmt)
        incidents = s.incidents()
    assert incidents
    for inc in incidents:
        assert inc["id"] in text and _cited(text, inc, fmt)
    assert "Claims by side" in text and "Russia (RU)" in text and "denied" in text
    assert "Conflicting figures" in text and "99" in text  # the evil outlet's rival drone count


def test_html_escapes_article_text_and_drops_unsafe_links(db):
    with Store(db, read_only=True) as s:
        page = render(s, Filters(), "html")
        md = render(s, Filters(), "md")
    assert "<script>" not in page and "<img" not in page and "<b>Kursk" not in page
    assert "javascript:" not in re.findall(r'href="([^"]*)"', page).__str__()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; News" in page
    assert "](javascript" not in md and "(<javascript" not in md


def test_report_filters(db):
    with Store(db, read_only=True) as s:
        text = render(s, Filters(since="2024-08-16"), "md")
    assert "### 2024-08-16" in text and "### 2024-08-10" not in text
    with Store(db, read_only=True) as s:
        assert "No incidents match." in render(s, Filters(country="UA"), "md")


def test_examples_end_to_end(tmp_path):
    """Invariants that hold whatever the extractors find: every input accounted for, a second
    ingest changes nothing, fuse --rebuild keeps the ids, ACLED columns, the report cites."""
    pd = pytest.importorskip("pandas")
    db = tmp_path / "ex.duckdb"
    inputs = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".html"))
    r = run_cli("ingest", EXAMPLES, "--db", db)
    assert r.returncode == 0, r.stderr.decode()
    with Store(db, read_only=True) as s:
        counts, ids = s.counts(), [i["id"] for i in s.incidents()]
        assert counts["articles"] == len(inputs)
        stories = s.syndication()
    # The two wire stories and their republications are one story each.
    by_story = {}
    for aid, story in stories.items():
        by_story.setdefault(story, []).append(aid)
    groups = sorted(sorted(g) for g in by_story.values() if len(g) > 1)
    with Store(db, read_only=True) as s:
        outlets = [[s.article(a)["outlet"] for a in g] for g in groups]
    assert len(groups) == 2 and all(len(g) == 3 for g in groups), outlets

    assert run_cli("ingest", EXAMPLES, "--db", db).returncode == 0
    assert run_cli("fuse", "--rebuild", "--db", db).returncode == 0
    with Store(db, read_only=True) as s:
        assert s.counts() == counts and [i["id"] for i in s.incidents()] == ids
        incidents = s.incidents()
    # The same files ingested in the opposite order give the same incidents.
    rev = tmp_path / "rev.duckdb"
    assert run_cli("ingest", *reversed(inputs), "--db", rev).returncode == 0
    with Store(rev, read_only=True) as s:
        key = lambda i: (i["id"], i["num_sources"], i["corroboration"], i["article_ids"])  # noqa: E731
        assert [key(i) for i in s.incidents()] == [key(i) for i in incidents]

    out = tmp_path / "out"
    assert run_cli("export", "--db", db, "--format", "acled-csv", "-o", out / "e.csv").returncode == 0
    df = pd.read_csv(out / "e.csv")
    assert list(df.columns[:31]) == list(ACLED_COLUMNS) and len(df) == len(incidents)
    for fmt in ("md", "html"):
        r = run_cli("report", "--db", db, "--format", fmt, "-o", out / f"report.{fmt}")
        assert r.returncode == 0, r.stderr.decode()
        text = (out / f"report.{fmt}").read_text()
        for inc in incidents:
            assert inc["id"] in text and _cited(text, inc, fmt)
