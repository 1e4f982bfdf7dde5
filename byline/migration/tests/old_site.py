"""A stand-in for the old WordPress site: a real HTTP server on 127.0.0.1 serving a folder."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class OldSite:
    root: Path
    url: str = ""
    requested: list[str] = field(default_factory=list)
    # path -> where it redirects to (a path or a whole address)
    redirects: dict[str, str] = field(default_factory=dict)
    # Paths that answer nothing until the test ends, for timeouts.
    stalled: set[str] = field(default_factory=set)
    # path -> bytes sent without a Content-Length, the connection closed at the end.
    unsized: dict[str, bytes] = field(default_factory=dict)
    released: threading.Event = field(default_factory=threading.Event)

    def put(self, path: str, data: bytes) -> str:
        """Serve ``data`` at ``path``; its address."""
        file = self.root / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        return self.url + path

    def count(self, path: str) -> int:
        return self.requested.count(path)


class _Handler(SimpleHTTPRequestHandler):
    site: OldSite

    def do_GET(self) -> None:
        site = self.site
        site.requested.append(self.path)
        if self.path in site.stalled:
            site.released.wait(timeout=30)
            return
        if self.path in site.redirects:
            self.send_response(302)
            self.send_header("Location", site.redirects[self.path])
            self.end_headers()
            return
        if self.path in site.unsized:
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(site.unsized[self.path])
            return
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


def serve(root: Path):
    """Start the site; yields it, then stops the server."""
    site = OldSite(root=root)
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    site.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.released.set()
        server.shutdown()
        server.server_close()


FIXTURES = Path(__file__).parent / "fixtures"
WORDPRESS_SITE = "https://oldgazette.example"


def wordpress_export(site: OldSite, folder: Path) -> Path:
    """The export real WordPress wrote, its addresses moved to ``site``; with the site serving
    the one picture of its uploads."""
    picture = FIXTURES / "uploads/2024/05/red-carpet.png"
    site.put("/wp-content/uploads/2024/05/red-carpet.png", picture.read_bytes())
    text = (FIXTURES / "wordpress-6.xml").read_text(encoding="utf-8")
    path = folder / "moved-wordpress.xml"
    path.write_text(text.replace(WORDPRESS_SITE, site.url), encoding="utf-8")
    return path
