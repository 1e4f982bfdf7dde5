"""Another site's page with Byline's embed, and Byline's live server behind the documented nginx
location for /live (deploy/nginx/byline-live.conf), for the journeys of live updates in the
embed. Use it as a conftest of one's own: ``from tests.browser.embed_live_site import
embed_site_fixture, live_events_fixture  # noqa: F401`` gives the fixtures ``embed_site`` and
``live_events``.

nginx serves the embed-client's demo page (tests/browser/embed_demo/index.html) at
``http://localhost:<site port>``, an origin an editor allowed, and the live location at
``http://127.0.0.1:<news port>/live/``, as Byline's public server has it. The live server runs
in a thread of the test process behind a ``Cable`` the test can cut. Set
BYLINE_EMBED_LIVE_PORTS="8272,8273" to choose the site's and the news server's ports.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from byline.discussion.live import stores
from byline.discussion.tests.live.streaming import Running, live_server_thread
from byline.embedding.models import AllowedOrigin
from byline.pagecache import nginx
from byline.pagecache.tests.test_nginx import free_port, wait_for_port
from tests.browser.test_embed import DEMO
from tests.browser.test_live import Cable

CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{}}
http {{
    access_log off;
    types {{ text/html html; }}
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {deploy}/byline-maps.conf;
    upstream byline_live {{
        server 127.0.0.1:{live_port};
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{site};
        root {prefix}/site;
    }}
    server {{
        listen 127.0.0.1:{news};
        location /live/ {{
            include {deploy}/byline-live.conf;
        }}
    }}
}}
"""


@dataclass
class EmbedSite:
    origin: str  # the other site's, allowed by an editor
    live: Running  # the live server (``live.app.hub`` counts its streams)
    cable: Cable  # between nginx and the live server


def ports() -> tuple[int, int]:
    chosen = os.environ.get("BYLINE_EMBED_LIVE_PORTS", "")
    if chosen:
        site, news = (int(port) for port in chosen.split(","))
        return site, news
    return free_port(), free_port()


@pytest.fixture(name="live_events")
def live_events_fixture(settings, live_server) -> Iterator[tuple[Running, Cable]]:
    """The live server in a thread, for the pages of ``live_server``, behind a cable."""
    settings.BYLINE_BASE_URL = live_server.url
    with live_server_thread(stores.current()) as running:
        cable = Cable(running.port)
        yield running, cable
        cable.close()


@pytest.fixture(name="embed_site")
def embed_site_fixture(tmp_path, settings, live_server, live_events) -> Iterator[EmbedSite]:
    running, cable = live_events
    site_port, news_port = ports()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(DEMO.read_text().replace("BYLINE_ORIGIN", live_server.url))
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        CONF.format(
            prefix=tmp_path, deploy=nginx.DEPLOY_DIR, live_port=cable.port,
            site=site_port, news=news_port,
        )
    )  # fmt: skip
    process = subprocess.Popen(
        [nginx.nginx_binary(), "-p", str(tmp_path), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(site_port)
        wait_for_port(news_port)
        settings.LIVE_EVENTS_URL = f"http://127.0.0.1:{news_port}/live"
        origin = f"http://localhost:{site_port}"
        AllowedOrigin.objects.create(origin=origin)
        yield EmbedSite(origin, running, cable)
    finally:
        process.terminate()
        process.wait(timeout=10)
