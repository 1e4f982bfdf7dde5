"""Run the documented nginx configuration (deploy/nginx/) locally, for tests and benchmarks.

The files are used as they ship; only what differs on a developer's machine is replaced: the
purge server's port, and the paths and ports of the example site, which a local run defines
in a small nginx.conf of its own.
"""

from __future__ import annotations

import getpass
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Found from this file rather than from settings: the benchmark runs nginx from outside Django.
DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
MODULE_CANDIDATES = (
    Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"),
    Path("/usr/share/nginx/modules/ngx_http_cache_purge_module.so"),
)
INCLUDED = ("byline-maps.conf", "byline-proxy.conf", "byline-purge.conf", "byline-live.conf")


@dataclass(frozen=True)
class LocalNginx:
    prefix: Path
    conf: Path
    port: int
    purge_port: int


def nginx_binary() -> str | None:
    # /usr/sbin is not on every user's PATH.
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


def purge_module() -> Path | None:
    return next((path for path in MODULE_CANDIDATES if path.exists()), None)


def render(
    prefix: Path,
    *,
    app_port: int,
    port: int,
    purge_port: int,
    workers: int = 1,
    behind_tls: bool = False,
    live_port: int | None = None,
) -> LocalNginx:
    """Write an nginx.conf in ``prefix`` that serves the app at ``port`` through the cache.

    One process by default (tests); ``workers`` above one runs a master and that many workers
    as the invoking user (the benchmark). ``behind_tls`` tells the app that readers came over
    HTTPS, as they do through the public server, so production settings do not redirect.
    ``live_port`` adds the live server's location, ``/live/`` (byline-live.conf), as the
    example site has it.
    """
    for name in INCLUDED:
        text = (DEPLOY_DIR / name).read_text()
        text = text.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{purge_port};")
        if behind_tls:
            text = text.replace("X-Forwarded-Proto $scheme;", "X-Forwarded-Proto https;")
        (prefix / name).write_text(text)
    (prefix / "cache").mkdir()
    (prefix / "logs").mkdir()
    module = purge_module()
    conf = prefix / "nginx.conf"
    conf.write_text(
        LOCAL_CONF.format(
            module=f"load_module {module};" if module else "",
            processes=processes(workers),
            prefix=prefix,
            app_port=app_port,
            port=port,
            live_upstream=LIVE_UPSTREAM.format(live_port=live_port) if live_port else "",
            live_location=LIVE_LOCATION.format(prefix=prefix) if live_port else "",
        )
    )
    return LocalNginx(prefix=prefix, conf=conf, port=port, purge_port=purge_port)


def processes(workers: int) -> str:
    if workers <= 1:
        return "master_process off;\nworker_processes 1;"
    # As root, nginx's workers would switch to an unprivileged user who cannot write the
    # cache inside ``prefix``; they stay the invoking user instead.
    return f"user {getpass.getuser()};\nworker_processes {workers};"


def render_example_site(prefix: Path, *, certificate: Path, key: Path) -> Path:
    """Write the example site (byline.conf) as a publisher would install it, under ``prefix``.

    Its folders, certificate and ports are replaced with ones inside ``prefix``; returns an
    nginx.conf that includes it the way Debian's does (in the http block).
    """
    installed = prefix / "byline"
    installed.mkdir()
    for name in INCLUDED:
        (installed / name).write_text((DEPLOY_DIR / name).read_text())
    site = (DEPLOY_DIR / "byline.conf").read_text()
    for old, new in {
        "/etc/nginx/byline/": f"{installed}/",
        "/var/cache/nginx/byline": f"{prefix}/cache",
        "/srv/byline/var/": f"{prefix}/var/",
        "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/news.example.org/privkey.pem": str(key),
    }.items():
        site = site.replace(old, new)
    (prefix / "byline.conf").write_text(site)
    (prefix / "logs").mkdir(exist_ok=True)
    module = purge_module()
    conf = prefix / "nginx.conf"
    conf.write_text(
        EXAMPLE_CONF.format(module=f"load_module {module};" if module else "", prefix=prefix)
    )
    return conf


def check(conf: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a rendered configuration (it reads files but opens no port)."""
    return subprocess.run(
        [nginx_binary(), "-t", "-p", str(conf.parent), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
    )


def start(local: LocalNginx) -> subprocess.Popen:
    """Run nginx in the foreground as a child process; stop it with ``terminate()``."""
    return subprocess.Popen(
        [nginx_binary(), "-p", str(local.prefix), "-c", str(local.conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# In the foreground, as the invoking user: no user switching, nothing left behind, writable
# paths all inside the prefix. sendfile as Debian's nginx.conf has it for every site.
LOCAL_CONF = """
{module}
daemon off;
{processes}
error_log {prefix}/logs/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    proxy_cache_path {prefix}/cache levels=1:2 keys_zone=byline:10m inactive=1h
                     use_temp_path=off;
    upstream byline_app {{
        server 127.0.0.1:{app_port};
        keepalive 8;
    }}
    include {prefix}/byline-maps.conf;
    include {prefix}/byline-purge.conf;
    {live_upstream}
    server {{
        listen 127.0.0.1:{port};
        {live_location}
        location / {{
            include {prefix}/byline-proxy.conf;
        }}
    }}
}}
"""

LIVE_UPSTREAM = """upstream byline_live {{
        server 127.0.0.1:{live_port};
        keepalive 8;
    }}"""

LIVE_LOCATION = """location /live/ {{
            include {prefix}/byline-live.conf;
        }}"""

EXAMPLE_CONF = """
{module}
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    access_log off;
    include {prefix}/byline.conf;
}}
"""
