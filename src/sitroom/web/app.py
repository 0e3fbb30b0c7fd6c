"""The web map's FastAPI application: a read-only JSON API over a store, plus the page.

Everything the browser loads comes from this package (static/): no CDN, no
fonts from elsewhere. The store is opened read-only for each request and
closed after it, so `sitroom ingest`/`fuse` can update the file between
requests (DuckDB lets one process write *or* several read at a time).
"""
from __future__ import annotations

import datetime as _dt
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

STATIC = Path(__file__).resolve().parent / "static"
MAX_LIMIT = 5000
DEFAULT_LIMIT = 100
# Busy means a writer (`sitroom ingest`/`fuse`) holds the file right now.
OPEN_RETRIES = 20
OPEN_RETRY_WAIT_S = 0.1

EXPORT_FORMATS = {
    # `sitroom export --format` name -> (media type, file suffix)
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
}


def _error(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


class StoreOpener:
    """Opens the store read-only per request; one opener at a time per process."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()

    def __call__(self):
        from sitroom.store import Store

        if not Path(self.path).exists():
            raise HTTPException(503, f"no store at {self.path}: run `sitroom ingest` first")
        last: Exception | None = None
        for _ in range(OPEN_RETRIES):
            try:
                with self._lock:
                    store = Store(self.path, read_only=True)
                break
            except Exception as e:  # duckdb.IOException while a writer holds the lock
                last = e
                time.sleep(OPEN_RETRY_WAIT_S)
        else:
            raise HTTPException(503, f"store is busy (being written?): {last}")
        try:
            yield store
        finally:
            store.close()


def filter_params(
    since: _dt.date | None = Query(None, description="event_date >= since (YYYY-MM-DD)"),
    until: _dt.date | None = Query(None, description="event_date <= until (YYYY-MM-DD)"),
    country: str | None = Query(None, max_length=100, description="ISO2 code or English name"),
    admin1: str | None = Query(None, max_length=200, description="Region name"),
    type: str | None = Query(None, max_length=200, description="Disorder, event or sub-event type"),
    actor: str | None = Query(None, max_length=200, description="Substring of actor1/actor2, or their ISO2"),
    min_sources: int | None = Query(None, ge=0, le=1000, description="num_sources >= this"),
    corroboration: Literal["single_source", "corroborated", "contested"] | None = Query(None),
    bbox: str | None = Query(None, max_length=200, description="min_lon,min_lat,max_lon,max_lat"),
    q: str | None = Query(None, max_length=500, description="Text in notes or evidence"),
):
    """The same filters as `sitroom export`/`report`, as query parameters."""
    from sitroom.store import Filters

    if since and until and since > until:
        raise RequestValidationError([{"loc": ["query", "since"], "type": "value_error",
                                       "msg": "since is after until", "input": str(since)}])
    try:
        return Filters.from_mapping({
            "since": since and since.isoformat(), "until": until and until.isoformat(),
            "country": country, "admin1": admin1, "type": type, "actor": actor,
            "min_sources": min_sources, "corroboration": corroboration, "bbox": bbox, "q": q,
        })
    except ValueError as e:
        raise RequestValidationError([{"loc": ["query", "bbox" if bbox else "filters"],
                                       "type": "value_error", "msg": str(e), "input": bbox}]) from None


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles)
        img += f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    # Leaflet and Swagger UI position things through element.style (CSSOM),
    # which style-src does not govern; 'unsafe-inline' is for Swagger UI's
    # style attributes only. Scripts: this origin's files, nothing inline.
    return ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


def create_app(db: str, tiles: str | None = None) -> FastAPI:
    """The application over the store at `db`; `tiles` is an optional XYZ tile URL."""
    from sitroom import __version__

    app = FastAPI(
        title="sitroom", version=__version__,
        description="Read-only API over a sitroom store: incidents fused from conflict news, "
                    "their sources, and every article's reading.",
        docs_url=None, redoc_url=None,  # /docs is served from vendored Swagger UI below
    )
    opener = StoreOpener(str(db))
    csp = _csp(tiles)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        if request.method not in ("GET", "HEAD"):
            # The server never changes the store; refuse before any route runs.
            resp = _error(405, f"{request.method} is not allowed: this server is read-only")
            resp.headers["Allow"] = "GET, HEAD"
        else:
            resp = await call_next(request)
        resp.headers["Content-Security-Policy"] = csp
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such path: {request.url.path}"
        return _error(exc.status_code, msg)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        errs = jsonable_encoder(exc.errors())
        parts = [f"{'.'.join(str(x) for x in e.get('loc', [])[1:]) or 'request'}: {e.get('msg')}"
                 for e in errs]
        return _error(422, "invalid parameter: " + "; ".join(parts), detail=errs)

    # -- API ---------------------------------------------------------------
    @app.get("/api/incidents", summary="Incidents matching the filters, paginated")
    def incidents(f=Depends(filter_params), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
                  offset: int = Query(0, ge=0),
                  detail: bool = Query(True, description="Include each incident's `detail` "
                                       "(sources, figures, evidence); false for lists"),
                  store=Depends(opener)):
        where, params = f.where()
        total = store.con.execute(f"SELECT count(*) FROM incidents i WHERE {where}", params).fetchone()[0]
        items = store.incidents(replace(f, limit=limit, offset=offset))
        if not detail:
            for i in items:
                i.pop("detail", None)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/incidents/{incident_id}", summary="One incident: events, sources, claims")
    def incident(incident_id: str, store=Depends(opener)):
        inc = store.incident(incident_id)
        if inc is None:
            raise HTTPException(404, f"incident {incident_id!r} not found")
        return inc

    @app.get("/api/articles/{article_id}", summary="One article's text and full reading")
    def article(article_id: str, store=Depends(opener)):
        a = store.article(article_id)
        if a is None:
            raise HTTPException(404, f"article {article_id!r} not found")
        return a

    @app.get("/api/stats", summary="Counts by type, corroboration and day for the filters")
    def stats(f=Depends(filter_params), store=Depends(opener)):
        return store.stats(f)

    @app.get("/api/config", summary="What the page needs to know about this server")
    def config():
        return {"version": __version__, "tiles": tiles,
                "export_formats": sorted(EXPORT_FORMATS)}

    @app.get("/api/export/{fmt}", summary="The filtered incidents as ACLED CSV or GeoJSON",
             responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}})
    def export(fmt: Literal["acled-csv", "geojson"], f=Depends(filter_params), store=Depends(opener)):
        """The same writer as `sitroom export --format FMT`, over the same filters."""
        import io

        from sitroom.export import write

        media, suffix = EXPORT_FORMATS[fmt]
        buf = io.StringIO()
        write(store, f, fmt, buf)
        return StreamingResponse(
            iter([buf.getvalue()]), media_type=media,
            headers={"Content-Disposition": f'attachment; filename="sitroom-incidents.{suffix}"'})

    # -- page, docs, assets --------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        from fastapi import Response

        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
