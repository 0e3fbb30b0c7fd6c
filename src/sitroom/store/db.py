"""The embedded DuckDB store: articles and their objects, incidents from fusion."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from sitroom.article import KINDS, Article
from sitroom.ids import digest, normalise_text
from sitroom.store.filters import Filters
from sitroom.store.schema import OBJECT_COLUMNS, SCHEMA_VERSION, all_ddl

DEFAULT_DB = "sitroom.duckdb"
INSERT_CHUNK = 200

INCIDENT_COLUMNS = (
    "id", "event_date", "time_precision", "first_reported", "last_reported", "disorder_type",
    "event_type", "sub_event_type", "actor1", "actor1_country", "actor2", "actor2_country",
    "country_code", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_high", "num_articles", "num_sources",
    "corroboration", "certainty", "notes", "outlets", "source_urls", "article_ids", "detail",
)


def text_hash(text: str) -> str:
    return digest(normalise_text(text))


def article_status(a: Article) -> str:
    if a.has_error and not a.text:
        return "failed"
    if not a.extractable:
        return "not_extractable"
    return "failed" if a.has_error else "ok"


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Store:
    """A sitroom DuckDB file. Open read_only=True from readers (the web server)."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self._migrate()

    # -- lifecycle -----------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        self.con.execute("BEGIN")
        for ddl in all_ddl():
            self.con.execute(ddl)
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        if row[0] is None:
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        elif row[0] > SCHEMA_VERSION:
            self.con.execute("ROLLBACK")
            raise RuntimeError(f"{self.path} has schema {row[0]}; this sitroom reads {SCHEMA_VERSION}")
        self.con.execute("COMMIT")

    # -- writing -------------------------------------------------------------
    def known(self, article: Article) -> str | None:
        """'same' when this exact article is stored, 'duplicate' when its text is
        stored under another id, 'changed' when the id is stored with other text
        or its stored reading failed."""
        h = text_hash(article.text)
        row = self.con.execute("SELECT text_hash, status FROM articles WHERE id = ?", [article.id]).fetchone()
        if row is not None:
            # A failed input (unreadable file, fetch error) is tried again on every run.
            return "same" if row[0] == h and row[1] != "failed" else "changed"
        if article.text.strip():
            dup = self.con.execute("SELECT id FROM articles WHERE text_hash = ? AND status <> 'failed' LIMIT 1",
                                   [h]).fetchone()
            if dup is not None:
                return "duplicate"
        return None

    def put(self, article: Article) -> str:
        """Store one read article in one transaction: 'new', 'replaced' or 'skipped'."""
        state = self.known(article)
        if state in ("same", "duplicate"):
            return "skipped"
        con = self.con
        con.execute("BEGIN")
        try:
            if state == "changed":
                self._delete(article.id)
            seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?, ?)",
                [article.id, seq, text_hash(article.text), article_status(article), article.url,
                 article.title, article.outlet, article.published, article.language, article.text,
                 _dumps(article.warnings), _dumps(article.meta), article.meta.get("source")],
            )
            for kind in KINDS:
                rows = [self._object_row(kind, article.id, n, o) for n, o in enumerate(getattr(article, kind))]
                self._insert_many(kind, rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return "replaced" if state == "changed" else "new"

    def _insert_many(self, table: str, rows: list[list]) -> None:
        # Multi-row VALUES: executemany runs one statement per row, ~50x slower here.
        for i in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[i:i + INSERT_CHUNK]
            one = "(" + ", ".join(["?"] * len(chunk[0])) + ")"
            self.con.execute(f"INSERT INTO {table} VALUES " + ", ".join([one] * len(chunk)),
                             [v for r in chunk for v in r])

    @staticmethod
    def _object_row(kind: str, article_id: str, n: int, o: dict) -> list:
        row = [article_id, n, o.get("id")]
        for col, typ in OBJECT_COLUMNS[kind]:
            v = o.get(col)
            if typ.startswith("STRUCT") and isinstance(v, dict):
                v = {"start": v.get("start"), "end": v.get("end"), "quote": v.get("quote")}
            row.append(v)
        row.append(_dumps(o))
        return row

    def delete(self, article_id: str) -> None:
        """Remove an article and its objects (one transaction)."""
        self.con.execute("BEGIN")
        try:
            self._delete(article_id)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _delete(self, article_id: str) -> None:
        for kind in KINDS:
            self.con.execute(f"DELETE FROM {kind} WHERE article_id = ?", [article_id])
        self.con.execute("DELETE FROM articles WHERE id = ?", [article_id])

    # -- reading articles ------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row count of every table (what a second ingest must not change)."""
        out = {}
        for t in ("articles", *KINDS, "incidents", "incident_events"):
            out[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        return out

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]

    def article(self, article_id: str) -> dict | None:
        """The full contract dict of a stored article (text and all objects), plus `status`."""
        row = self.con.execute(
            "SELECT id, url, title, outlet, CAST(published AS VARCHAR), language, text, warnings, meta, "
            "status FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        out = {"schema": "sitroom.article/1", "id": row[0], "url": row[1], "title": row[2],
               "outlet": row[3], "published": row[4], "language": row[5], "text": row[6]}
        for kind in KINDS:
            objs = self.con.execute(f"SELECT obj FROM {kind} WHERE article_id = ? ORDER BY ord",
                                    [article_id]).fetchall()
            out[kind] = [json.loads(o[0]) for o in objs]
        out["warnings"] = json.loads(row[7])
        meta = json.loads(row[8])
        if meta:
            out["meta"] = meta
        out["status"] = row[9]
        return out

    def articles(self, ids: Iterable[str] | None = None) -> list[dict]:
        """Article metadata (no text, no objects), sorted by published then id."""
        sql = ("SELECT id, url, title, outlet, CAST(published AS VARCHAR), language, status, source "
               "FROM articles")
        params: list = []
        if ids is not None:
            ids = sorted(set(ids))
            if not ids:
                return []
            sql += " WHERE id IN (SELECT unnest(?))"
            params = [ids]
        sql += " ORDER BY published NULLS LAST, id"
        keys = ("id", "url", "title", "outlet", "published", "language", "status", "source")
        return [dict(zip(keys, r)) for r in self.con.execute(sql, params).fetchall()]

    def objects(self, kind: str, article_ids: Iterable[str] | None = None) -> list[dict]:
        """Contract objects of one kind, each with its `article_id`, in article then text order."""
        sql = f"SELECT article_id, obj FROM {kind}"
        params: list = []
        if article_ids is not None:
            sql += " WHERE article_id IN (SELECT unnest(?))"
            params = [sorted(set(article_ids))]
        sql += " ORDER BY article_id, ord"
        return [{"article_id": a, **json.loads(o)} for a, o in self.con.execute(sql, params).fetchall()]

    def syndication(self) -> dict[str, str]:
        """article id -> story id (the earliest copy) for articles fusion found republished
        near-verbatim; an article alone in its story maps to itself."""
        return dict(self.con.execute("SELECT article_id, group_id FROM syndication ORDER BY article_id").fetchall())

    # -- reading incidents ---------------------------------------------------
    def _incident_rows(self, sql_tail: str, params: list) -> list[dict]:
        cols = ", ".join(
            f"CAST(i.{c} AS VARCHAR) AS {c}" if c in ("event_date", "first_reported", "last_reported")
            else f"i.{c}" for c in INCIDENT_COLUMNS)
        rows = self.con.execute(f"SELECT {cols} FROM incidents i {sql_tail}", params).fetchall()
        out = []
        for r in rows:
            d = dict(zip(INCIDENT_COLUMNS, r))
            d["detail"] = json.loads(d["detail"]) if d["detail"] else {}
            out.append(d)
        return out

    def incidents(self, filters: Filters | None = None) -> list[dict]:
        """Incidents matching filters, by event_date then id. `detail` holds sources,
        figures per source, contest reasons and evidence (see docs/store-and-fusion.md)."""
        f = filters or Filters()
        where, params = f.where()
        return self._incident_rows(f"WHERE {where} ORDER BY i.event_date NULLS LAST, i.id{f.page()}", params)

    def count(self, filters: Filters | None = None) -> int:
        """How many incidents match (ignoring limit/offset): the total for pagination."""
        where, params = (filters or Filters()).where()
        return self.con.execute(f"SELECT count(*) FROM incidents i WHERE {where}", params).fetchone()[0]

    def incident(self, incident_id: str) -> dict | None:
        """One incident with its member events (contract dicts plus article_id, outlet,
        published, url), its articles, and the claims linked to its events."""
        rows = self._incident_rows("WHERE i.id = ?", [incident_id])
        if not rows:
            return None
        inc = rows[0]
        links = self.con.execute(
            "SELECT article_id, event_id, role FROM incident_events WHERE incident_id = ? "
            "ORDER BY role DESC, article_id, event_id", [incident_id]).fetchall()
        arts = {a["id"]: a for a in self.articles({a for a, _, _ in links})}
        events, claims = [], []
        for art_id, ev_id, role in links:
            row = self.con.execute("SELECT obj FROM events WHERE article_id = ? AND id = ?",
                                   [art_id, ev_id]).fetchone()
            if row is None:
                continue
            ev = json.loads(row[0])
            a = arts.get(art_id, {})
            events.append({"article_id": art_id, "role": role, "outlet": a.get("outlet"),
                           "published": a.get("published"), "url": a.get("url"), **ev})
            if ev.get("claim_id"):
                c = self.con.execute("SELECT obj FROM claims WHERE article_id = ? AND id = ?",
                                     [art_id, ev["claim_id"]]).fetchone()
                if c is not None:
                    claims.append({"article_id": art_id, "outlet": a.get("outlet"), **json.loads(c[0])})
        inc["events"] = events
        inc["articles"] = [arts[k] for k in sorted(arts, key=lambda k: (arts[k]["published"] or "9", k))]
        inc["claims"] = claims
        return inc

    def stats(self, filters: Filters | None = None) -> dict:
        """Counts for dashboards: articles by status, incidents by type, corroboration, day."""
        f = replace(filters or Filters(), limit=None, offset=None)
        where, params = f.where()
        q = lambda sql: self.con.execute(sql, params).fetchall()  # noqa: E731
        by_status = dict(self.con.execute(
            "SELECT status, count(*) FROM articles GROUP BY status ORDER BY status").fetchall())
        return {
            "articles": sum(by_status.values()),
            "articles_by_status": by_status,
            "incidents": q(f"SELECT count(*) FROM incidents i WHERE {where}")[0][0],
            "by_type": dict(q(f"SELECT event_type, count(*) FROM incidents i WHERE {where} "
                              "GROUP BY event_type ORDER BY event_type NULLS LAST")),
            "by_corroboration": dict(q(f"SELECT corroboration, count(*) FROM incidents i WHERE {where} "
                                       "GROUP BY corroboration ORDER BY corroboration")),
            "by_day": {str(d): n for d, n in q(
                f"SELECT event_date, count(*) FROM incidents i WHERE {where} "
                "GROUP BY event_date ORDER BY event_date NULLS LAST")},
            "fatalities": q(f"SELECT coalesce(sum(fatalities), 0) FROM incidents i WHERE {where}")[0][0],
            "date_range": [str(x) if x is not None else None for x in q(
                f"SELECT min(event_date), max(event_date) FROM incidents i WHERE {where}")[0]],
        }
