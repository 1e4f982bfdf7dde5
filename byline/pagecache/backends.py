"""Purging nginx's proxy cache (ngx_cache_purge), as a Wagtail frontend-cache backend."""

from __future__ import annotations

import http.client
import logging
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger("byline.pagecache")


class NginxPurgeBackend(BaseBackend):
    """Send ``PURGE`` for each URL to nginx's purge server (see deploy/nginx/byline-purge.conf).

    The purge server answers 404 for a URL it had not cached, which is no failure. A batch goes
    over one kept-alive connection, since purges run right after a commit, in the request that
    made the change; a short timeout keeps a stopped nginx from holding that request up.
    """

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.host, self.port = location.hostname, location.port or 80
        self.timeout = float(params.get("TIMEOUT", 2))

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            for url in urls:
                self._purge_one(connection, url)
        except (OSError, http.client.HTTPException) as error:
            logger.error("Could not reach nginx to purge %s: %s", urls, error)
        finally:
            connection.close()

    def _purge_one(self, connection: http.client.HTTPConnection, url: str) -> None:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("PURGE", target, headers={"Host": parts.netloc})
        response = connection.getresponse()
        response.read()
        if response.status not in (200, 404):
            logger.error("nginx refused to purge %s: %s %s", url, response.status, response.reason)
