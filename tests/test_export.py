"""Exports read back: ACLED CSV in pandas, GeoJSON as a FeatureCollection, Parquet typed."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SEED, run_cli
from sitroom.article import Article
from sitroom.export import ACLED_COLUMNS, write
from sitroom.export.acled import inter_code, row
from sitroom.fusion import fuse
from sitroom.store import Filters, Store
from test_fusion import _corpus

ACLED_ORDER = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
               "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region "
               "country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale "
               "notes fatalities tags timestamp").split()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    with Store(path) as s:
        for a in _corpus():
            s.put(Article.from_dict(a))
        fuse(s)
    return path


def test_acled_csv_has_acled_columns_in_order_and_reads_back(db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "e.csv"
    with Store(db, read_only=True) as s:
        n = write(s, Filters(), "acled-csv", out)
        incidents = s.incidents()
    df = pd.read_csv(out)
    assert list(df.columns[:31]) == ACLED_ORDER == list(ACLED_COLUMNS)
    assert list(df.columns[31:35]) == ["num_sources", "corroboration", "source_urls", "evidence"]
    assert len(df) == n == len(incidents) > 0
    assert set(df["country"]) == {"Russia"} and set(df["iso"]) == {643} and set(df["region"]) == {"Europe"}
    assert df["event_id_cnty"].str.match(r"^RUS\d{8}$").all() and df["event_id_cnty"].is_unique
    assert (df["fatalities"] >= 0).all() and df["year"].eq(2024).all()
    # Extractive notes: every note is (a cut of) one of the incident's evidence quotes.
    for note, evidence in zip(df["notes"], df["evidence"]):
        assert note.rstrip(" …") in evidence


def test_exports_are_deterministic_and_filtered(db):
    with Store(db, read_only=True) as s:
        a, b = io.StringIO(), io.StringIO()
        write(s, Filters(corroboration="contested"), "acled-csv", a)
        write(s, Filters(corroboration="contested"), "acled-csv", b)
        assert a.getvalue() == b.getvalue()
        rows = list(csv.DictReader(io.StringIO(a.getvalue())))
        assert rows and {r["corroboration"] for r in rows} == {"contested"}
        none = io.StringIO()
        assert write(s, Filters(bbox=(0, 0, 1, 1)), "acled-csv", none) == 0
        assert none.getvalue().strip() == ",".join(ACLED_COLUMNS + ("num_sources", "corroboration", "source_urls",
                                                                    "evidence", "incident_id", "num_articles",
                                                                    "fatalities_low", "fatalities_high",
                                                                    "certainty"))


def test_geojson_is_a_feature_collection_of_points(db, tmp_path):
    out = tmp_path / "e.geojson"
    with Store(db, read_only=True) as s:
        n = write(s, Filters(), "geojson", out)
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["latitude"] == lat  # [lon, lat] order, as GeoJSON requires
        assert all(not isinstance(v, (list, dict)) for v in f["properties"].values())


def test_parquet_reads_back_typed_in_duckdb_and_pandas(db, tmp_path):
    import duckdb

    pd = pytest.importorskip("pandas")
    out = tmp_path / "e.parquet"
    with Store(db, read_only=True) as s:
        n = write(s, Filters(), "parquet", out)
    types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()}
    assert types["event_date"] == "DATE" and types["fatalities"] == "INTEGER"
    assert types["latitude"] == "DOUBLE" and types["source_urls"] == "VARCHAR[]"
    df = pd.read_parquet(out)
    assert len(df) == n and list(df.columns[:31]) == ACLED_ORDER
    assert str(df["fatalities"].dtype) == "int32" and str(df["latitude"].dtype) == "float64"


def test_inter_codes_from_actor_names_or_nothing():
    assert inter_code("Military Forces of Russia") == 1
    assert inter_code("Civilians (Ukraine)") == 7
    assert inter_code("Protesters (Russia)") == 6
    assert inter_code("Wagner Group") == 3
    assert inter_code("Vladimir Putin") is None
    r = row({"id": "inc-0000000000ff", "event_date": "2024-08-09", "actor1": "Military Forces of Russia",
             "actor2": "Civilians (Ukraine)", "country_code": "UA", "event_type": "Explosions/Remote violence",
             "outlets": ["A", "B"], "source_urls": [], "detail": {}})
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, 7, 17)
    assert r["civilian_targeting"] == "Civilian targeting" and r["event_id_cnty"] == "UKR00000255"
    assert r["source"] == "A; B" and r["fatalities"] == 0 and r["assoc_actor_1"] is None


def test_export_cli(db, tmp_path):
    out = tmp_path / "cli.csv"
    r = run_cli("export", "--db", db, "--format", "acled-csv", "--min-sources", "2", "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    rows = list(csv.DictReader(out.open()))
    assert rows and all(int(x["num_sources"]) >= 2 for x in rows)
    r = run_cli("events", "--db", db, "--format", "json", "--country", "RU", "--since", "2024-08-16")
    got = json.loads(r.stdout)
    assert got and all(i["event_date"] >= "2024-08-16" for i in got)
    assert run_cli("events", "--db", db, "--bbox", "1,2").returncode == 2


@pytest.mark.parametrize("cmd", [["events"], ["fuse"], ["export", "--format", "geojson", "-o", "x.geojson"],
                                 ["report", "--format", "md", "-o", "r.md"]])
def test_readers_of_a_missing_store_say_so_and_create_nothing(tmp_path, cmd):
    db = tmp_path / "missing.duckdb"
    r = run_cli(*cmd, "--db", db, cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "does not exist" in err and "sitroom ingest" in err and "Traceback" not in err
    assert not db.exists()


def test_written_files_get_the_usual_permissions(db, tmp_path):
    # Atomic writes go through mkstemp (owner-only); the finished file must
    # be as readable as one plain open() would have made.
    import os

    mask = os.umask(0o022)
    try:
        with Store(db, read_only=True) as s:
            for fmt in ("acled-csv", "parquet"):
                out = tmp_path / f"e.{fmt}"
                write(s, Filters(), fmt, out)
                assert out.stat().st_mode & 0o777 == 0o644, fmt
        r = run_cli("extract", SEED, "-o", tmp_path / "a.json")
        assert r.returncode == 0 and (tmp_path / "a.json").stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(mask)
