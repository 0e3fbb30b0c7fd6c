"""The process pool behind `--workers N`: same output as one process, in input
order, with bounded read-ahead, and no article lost when a worker dies."""
from __future__ import annotations

import itertools
import os

import pytest

from conftest import EXAMPLES, SEED, run_cli
from sitroom.article import Article


@pytest.fixture(scope="session")
def nlp():
    from sitroom.nlp import get_nlp

    return get_nlp()


def _articles() -> list[Article]:
    from sitroom.ingest import Options, iter_articles

    arts = list(iter_articles([str(EXAMPLES), str(SEED)], Options(published="2024-08-15")))
    arts.append(Article(id="empty", text="   "))
    arts.append(Article(id="ru", text="Вооружённые силы России нанесли удар по позициям в Курской "
                                      "области, сообщило министерство обороны России в среду."))
    return arts


def _dicts(articles) -> list[dict]:
    return [a.to_dict() for a in articles]


def test_pool_output_equals_one_process_in_input_order(nlp):
    from sitroom.pipeline import read
    from sitroom.scale.pool import read_in_pool

    serial = _dicts(read(_articles()))
    pooled = _dicts(read_in_pool(_articles(), workers=2, chunk_size=3))
    assert [d["id"] for d in pooled] == [d["id"] for d in serial]
    assert pooled == serial
    assert any(d["places"] or d["events"] for d in pooled), "nothing was extracted at all"


def test_pool_reads_input_lazily(nlp):
    from sitroom.scale.pool import read_in_pool

    pulled = itertools.count()

    def endless():
        for i in itertools.count():
            next(pulled)
            yield Article(id=f"a{i}", text=f"Drones struck Kursk overnight, officials said ({i}).")

    workers, chunk = 2, 4
    out = read_in_pool(endless(), workers=workers, chunk_size=chunk)
    first = [next(out) for _ in range(3)]
    out.close()
    assert [a.id for a in first] == ["a0", "a1", "a2"]
    # At most 2*workers chunks in flight, plus the one refill after a yield.
    assert next(pulled) <= (2 * workers + 1) * chunk


def test_dead_worker_loses_only_its_chunk_as_failed_rows(nlp, monkeypatch):
    import sitroom.pipeline as pipeline
    from sitroom.scale.pool import read_in_pool

    real = pipeline.analyse

    def analyse(doc, article):
        if "POISON" in article.text:
            os._exit(3)  # what the OOM killer or a native crash looks like
        return real(doc, article)

    # Workers are forked, so they inherit the patched function.
    monkeypatch.setattr(pipeline, "analyse", analyse)
    texts = [f"Shelling hit Sumy region on Tuesday, killing {i} people, officials said." for i in range(7)]
    texts[3] = "POISON " + texts[3]
    arts = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    out = list(read_in_pool(arts, workers=2, chunk_size=1))
    assert [a.id for a in out] == [f"a{i}" for i in range(7)]
    bad = out[3]
    assert bad.has_error and "worker process died" in bad.warnings[-1]["message"]
    for a in out[:3] + out[4:]:
        assert not a.has_error, a.warnings


def test_chunk_failure_is_isolated_to_the_failing_article(nlp, monkeypatch):
    import sitroom.pipeline as pipeline
    from sitroom.scale.chunks import read_chunk

    expected = _dicts(pipeline.read(_articles()[:3]))
    real = pipeline.prepare

    def prepare(article, *a, **k):
        if article.id == "bad":
            raise MemoryError("simulated")
        return real(article, *a, **k)

    monkeypatch.setattr(pipeline, "prepare", prepare)
    arts = _articles()[:3]
    arts.insert(1, Article(id="bad", text="Kyiv said drones hit Kursk."))
    out = read_chunk(arts)
    assert [a.id for a in out] == [arts[0].id, "bad", arts[2].id, arts[3].id]
    assert out[1].has_error and "MemoryError" in out[1].warnings[-1]["message"]
    assert out[1].places == [] and out[1].events == []
    # The good articles were reread from pristine copies: no duplicated objects.
    assert _dicts([out[0], out[2], out[3]]) == expected


def test_extract_workers_2_writes_the_same_jsonl_as_one(tmp_path):
    one = run_cli("extract", EXAMPLES, "--format", "jsonl", "--quiet")
    two = run_cli("extract", EXAMPLES, "--format", "jsonl", "--quiet", "--workers", "2")
    assert one.returncode in (0, 1) and two.returncode == one.returncode, two.stderr.decode()
    assert two.stdout == one.stdout
    assert len(two.stdout.splitlines()) == len(list(EXAMPLES.glob("*.json*"))) + len(list(EXAMPLES.glob("*.html")))
