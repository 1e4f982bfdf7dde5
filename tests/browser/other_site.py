"""Another site for the embed's journeys: nginx (not Byline) on loopback, serving what each
journey configures inside its ``http`` block, its files under ``<prefix>/site``."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from byline.pagecache import nginx
from byline.pagecache.tests.test_nginx import free_port, wait_for_port

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
{http}
}}
"""


def chosen_ports(variable: str, count: int = 2) -> tuple[int, ...]:
    """Ports from an environment variable ("8272,8273"), or free ones."""
    chosen = os.environ.get(variable, "")
    if chosen:
        return tuple(int(port) for port in chosen.split(","))[:count]
    return tuple(free_port() for _ in range(count))


@contextmanager
def nginx_serving(prefix: Path, http: str, ports: tuple[int, ...]) -> Iterator[None]:
    """nginx running with ``http`` (``{prefix}`` in it is the folder), until the block ends."""
    conf = prefix / "nginx.conf"
    conf.write_text(CONF.format(prefix=prefix, http=http.format(prefix=prefix)))
    process = subprocess.Popen(
        [nginx.nginx_binary(), "-p", str(prefix), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for port in ports:
            wait_for_port(port)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
