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

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from byline.discussion.live import stores
from byline.discussion.tests.live.streaming import Running, live_server_thread
from byline.embedding.models import AllowedOrigin
from byline.pagecache import nginx
from tests.browser.other_site import chosen_ports, nginx_serving
from tests.browser.test_embed import DEMO
from tests.browser.test_live import Cable

# The allowed site, and Byline's public server with only its /live location.
SERVERS = """
    include {deploy}/byline-maps.conf;
    upstream byline_live {{{{
        server 127.0.0.1:{live_port};
        keepalive 8;
    }}}}
    server {{{{
        listen 127.0.0.1:{site};
        root {{prefix}}/site;
    }}}}
    server {{{{
        listen 127.0.0.1:{news};
        location /live/ {{{{
            include {deploy}/byline-live.conf;
        }}}}
    }}}}
"""


@dataclass
class EmbedSite:
    origin: str  # the other site's, allowed by an editor
    live: Running  # the live server (``live.app.hub`` counts its streams)
    cable: Cable  # between nginx and the live server


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
    site_port, news_port = chosen_ports("BYLINE_EMBED_LIVE_PORTS")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(DEMO.read_text().replace("BYLINE_ORIGIN", live_server.url))
    servers = SERVERS.format(
        deploy=nginx.DEPLOY_DIR, live_port=cable.port, site=site_port, news=news_port
    )
    with nginx_serving(tmp_path, servers, (site_port, news_port)):
        settings.LIVE_EVENTS_URL = f"http://127.0.0.1:{news_port}/live"
        origin = f"http://localhost:{site_port}"
        AllowedOrigin.objects.create(origin=origin)
        yield EmbedSite(origin, running, cable)
