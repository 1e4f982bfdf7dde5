"""Purging nginx's proxy cache (ngx_cache_purge), as a Wagtail frontend-cache backend."""

from __future__ import annotations

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

logger = logging.getLogger("byline.pagecache")


class NginxPurgeBackend(BaseBackend):
    """Send ``PURGE`` for each URL to nginx's purge server (see deploy/nginx/byline-purge.conf).

    The purge server answers 404 for a URL it had not cached, which is no failure. Purges go
    to the loopback, so a short timeout keeps a stopped nginx from delaying the request that
    purges.
    """

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = float(params.get("TIMEOUT", 2))

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path, parts.query, ""))
        request = PurgeRequest(target, headers={"Host": parts.netloc})
        try:
            with urlopen(request, timeout=self.timeout):
                pass
        except HTTPError as error:
            if error.code != 404:
                logger.error("nginx refused to purge %s: %s %s", url, error.code, error.reason)
        except (URLError, TimeoutError) as error:
            logger.error("Could not reach nginx to purge %s: %s", url, error)
