"""A real HTTP server on 127.0.0.1 for URL and feed ingestion tests."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Routes:
    """path -> (status, headers, body) or a callable(handler)."""

    def __init__(self):
        self.routes: dict[str, object] = {}
        self.hits: list[str] = []


def _handler(routes: Routes):
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):  # keep test output clean
            pass

        def do_GET(self):
            routes.hits.append(self.path)
            r = routes.routes.get(self.path)
            if r is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            if callable(r):
                r(self)
                return
            status, headers, body = r
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return H


class LocalServer:
    def __init__(self):
        self.routes = Routes()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.routes))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path, body: bytes | str = b"", status=200, ctype="text/html; charset=utf-8", headers=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        h = {"Content-Type": ctype} if ctype else {}
        h.update(headers or {})
        self.routes.routes[path] = (status, h, body)

    def add_handler(self, path, fn):
        self.routes.routes[path] = fn

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def slow_handler(delay: float):
    def fn(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        time.sleep(delay)
        try:
            h.wfile.write(b"x" * 100)
        except OSError:
            pass

    return fn
