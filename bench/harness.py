"""Run Byline and nginx side by side on loopback and measure them with wrk.

Byline runs with the production settings and logs as production does (into var/bench/). The
CPU per request counts every process serving the load over the same interval (CpuMeter): the
servers' process trees and, on PostgreSQL, the backends of the benchmark's database. The
database and Redis come from the environment (database_url_from_environment,
redis_url_from_environment), so that each benchmark can run on a database of its own.

Nothing here asserts a speed: the figures are printed, and written as JSON, for the issue's note.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "var" / "bench"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POSTGRES_SCHEMES = ("postgres://", "postgresql://")

# A slow response is measured, not dropped: at wrk's default of 2 s a server with a queue of
# 50 connections would have its slowest responses counted as errors and left out of p99.
WRK_TIMEOUT_SECONDS = 10
# The proxy in front of Byline terminates TLS and says so; wrk sends the same header.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass
class Measurement:
    target: str
    connections: int
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float
    requests: int
    errors: int
    cpu_ms_per_request: float | None


def configure_django(database_url: str | None, data_dir: Path) -> None:
    """Set Django up in this process on a fresh database in ``data_dir`` (or ``database_url``),
    for the benchmarks that measure Byline's code in process."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "byline.settings.test"
    os.environ["BYLINE_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def database_url_from_environment(
    default: str, *, postgres_only: bool = False, environ: Mapping[str, str] = os.environ
) -> str:
    """The benchmark's database: BENCH_DATABASE_URL, else DATABASE_URL, else ``default``.
    With ``postgres_only`` a URL of another kind is passed over (a shell set up for
    development may export a SQLite DATABASE_URL, and a PostgreSQL run must not use it)."""
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = environ.get(name, "")
        if url and (not postgres_only or url.startswith(POSTGRES_SCHEMES)):
            return url
    return default


def redis_url_from_environment(default: str, environ: Mapping[str, str] = os.environ) -> str:
    """The benchmark's Redis: REDIS_URL, else ``default`` (empty: none)."""
    return environ.get("REDIS_URL") or default


def without_password(url: str) -> str:
    """A database or Redis URL as it may be printed: host, port and name only."""
    return url.rsplit("@", 1)[-1]


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The production settings, on loopback, with benchmark-only secrets. Logging is left as
    production has it (LOG_LEVEL from the caller's environment, else INFO: one line per
    request), since writing that line is part of what a request costs."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "byline.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "smtp://127.0.0.1:1025",
        "BYLINE_DATA_DIR": str(DATA_DIR),
        "DATABASE_URL": database_url,
        **extra,
    }


def quiet_for_building(env: dict[str, str]) -> dict[str, str]:
    """``env`` for the work that prepares a run in this process (migrating, seeding, writing
    threads): it is not measured, so its routine log lines are held back unless LOG_LEVEL
    says otherwise; they would only bury the progress printed."""
    return {"LOG_LEVEL": "WARNING", **env}


@contextmanager
def gunicorn_serving(
    env: dict[str, str], workers: int, log_name: str = "gunicorn.log"
) -> Iterator[tuple[str, int]]:
    """Byline under gunicorn on a free loopback port, as the README's production command runs
    it; yield (root URL, master pid). Its log (a line per request) goes to var/bench/``log_name``
    as production's goes to the journal: written, but neither over the figures nor into a pipe
    that nobody reads (which would block the workers once full)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "byline.wsgi", "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}",
    ]  # fmt: skip
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with (DATA_DIR / log_name).open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            try:
                wait_until_answering(f"http://127.0.0.1:{port}/healthz")
            except RuntimeError as error:
                raise RuntimeError(f"{error}; see var/bench/{log_name}") from error
            yield f"http://127.0.0.1:{port}", process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def task_worker(env: dict[str, str]) -> Iterator[int]:
    """One ``manage.py run_worker``, as the README runs it in production; yield its pid. It logs
    every task it runs, so its output goes to var/bench/task-worker.log, not over the figures."""
    command = [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--no-reload"]
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with (DATA_DIR / "task-worker.log").open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            yield process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")


def fetch(url: str, timeout: float = 10) -> bytes:
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read()


def process_tree_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process and its children that are still alive."""
    return sum(cpu_seconds_of([pid, *children_of(pid)]).values())


def cpu_seconds_of(pids: Iterable[int]) -> dict[int, float]:
    """User plus system CPU time of each of ``pids`` that is still alive."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return found


def database_backend_pids(database_url: str | None, proc: Path = Path("/proc")) -> list[int]:
    """The PostgreSQL backends serving ``database_url``'s user and database: they do the
    queries of the requests measured, in processes of their own. None for SQLite, which runs
    inside the web and task processes, whose CPU is counted already."""
    if not database_url or not database_url.startswith(POSTGRES_SCHEMES):
        return []
    parts = urlsplit(database_url)
    # libpq connects as the operating system's user when the URL names none.
    user, name = parts.username or getpass.getuser(), parts.path.lstrip("/")
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone since the listing, or not ours to read
            continue
        if is_backend_of(title, user, name):
            found.append(int(entry.name))
    return sorted(found)


# The title PostgreSQL gives a backend (Debian's clusters put their name first).
BACKEND_TITLE = re.compile(r"postgres: (?:\S+: )?(?P<user>\S+) (?P<database>\S+) ")


def is_backend_of(title: str, user: str, database: str) -> bool:
    """Whether a process title is that of a backend connected as ``user`` to ``database``:
    "postgres: [cluster: ]USER DATABASE HOST(PORT) STATE"."""
    match = BACKEND_TITLE.match(title)
    return bool(match) and match["user"] == user and match["database"] == database


@dataclass
class CpuMeter:
    """The CPU time of the processes that serve a measured load: the trees of ``pids`` (the
    web server, the task worker, a proxy) and, on PostgreSQL, the database's backends. A
    process that starts during the interval (a new backend) counts in full; the shared
    postmaster, its helpers and Redis are not counted."""

    pids: Sequence[int]
    database_url: str | None = None

    def snapshot(self) -> dict[int, float]:
        processes = [p for pid in self.pids for p in (pid, *children_of(pid))]
        processes += database_backend_pids(self.database_url)
        return cpu_seconds_of(processes)

    @staticmethod
    def used(before: dict[int, float], after: dict[int, float]) -> float:
        """CPU seconds spent between two snapshots by the processes alive at the second."""
        return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())

    def wait_until_idle(self, *, timeout: float = 60.0) -> bool:
        """Wait until these processes use under IDLE_SHARE of a core over IDLE_SECONDS; say
        whether they did. When wrk stops, the web workers still answer the requests queued on
        connections it gave up on: left running, that work would fall into the next row."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = self.snapshot()
            time.sleep(IDLE_SECONDS)
            if self.used(before, self.snapshot()) < IDLE_SHARE * IDLE_SECONDS:
                return True
        return False


# Idle enough to measure: a task worker polling for tasks stays below this.
IDLE_SECONDS = 1.0
IDLE_SHARE = 0.05


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *children_of(child)]
    return found


def resident_mb(pid: int) -> float:
    """A process's resident memory (VmRSS), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def largest_child_resident_mb(pid: int) -> float:
    """The resident memory of the largest of ``pid``'s children: gunicorn's web workers."""
    return max((resident_mb(child) for child in children_of(pid)), default=0.0)


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: int,
    threads: int = 2,
    headers: dict[str, str] | None = None,
) -> dict[str, float]:
    sent = {**PROXY_HEADERS, **(headers or {})}
    header_args = [arg for name, value in sent.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        [
            "wrk",
            "--latency",
            f"-t{min(threads, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={WRK_TIMEOUT_SECONDS}s",
            *header_args,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> dict[str, float]:
    def latency_ms(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "latency_p50_ms": latency_ms("50%"),
        "latency_p99_ms": latency_ms("99%"),
        "requests": requests,
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def measure(
    target: str,
    url: str,
    pid: int | Sequence[int],
    *,
    connections: int,
    seconds: int,
    headers: dict[str, str] | None = None,
    database_url: str | None = None,
) -> Measurement:
    """wrk against ``url``; CPU per request is that of the process trees of ``pid`` (one or
    several: the server and whatever else works for it, such as a proxy or a task worker)
    and of ``database_url``'s PostgreSQL backends (see CpuMeter)."""
    meter = CpuMeter([pid] if isinstance(pid, int) else list(pid), database_url)
    before = meter.snapshot()
    figures = run_wrk(url, connections=connections, seconds=seconds, headers=headers)
    cpu = meter.used(before, meter.snapshot())
    per_request = cpu * 1000 / figures["requests"] if figures["requests"] else None
    return Measurement(
        target=target, connections=connections, cpu_ms_per_request=per_request, **figures
    )


@contextmanager
def nginx_serving(html: bytes) -> Iterator[tuple[str, int]]:
    """Serve ``html`` as a static file from nginx on a free loopback port; yield (url, pid)."""
    if not shutil.which("nginx"):
        raise SystemExit("nginx is needed: apt-get install -y nginx")
    with tempfile.TemporaryDirectory(prefix="byline-bench-nginx-") as directory:
        root = Path(directory)
        root.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the file
        (root / "index.html").write_bytes(html)
        port = free_port()
        config = root / "nginx.conf"
        config.write_text(NGINX_CONFIG.format(root=root, port=port))
        process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(root)])
        try:
            url = f"http://127.0.0.1:{port}/index.html"
            wait_until_answering(url)
            yield url, process.pid
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=10)


NGINX_CONFIG = """
daemon off;
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""


class ProxyUnavailable(Exception):
    """nginx or its cache-purge module is missing, or nginx refuses the configuration."""


@contextmanager
def nginx_proxying(upstream_port: int, *, purge_port: int) -> Iterator[tuple[str, int]]:
    """Run the repository's reverse-proxy configuration (deploy/nginx/) in front of Byline on
    ``upstream_port``, with as many workers as the static nginx; yield (root URL, pid)."""
    from byline.pagecache import nginx

    if nginx.nginx_binary() is None or nginx.purge_module() is None:
        raise ProxyUnavailable("needs nginx and libnginx-mod-http-cache-purge")
    with tempfile.TemporaryDirectory(prefix="byline-bench-proxy-") as directory:
        local = nginx.render(
            Path(directory), app_port=upstream_port, port=free_port(), purge_port=purge_port,
            workers=os.cpu_count() or 1, behind_tls=True,
        )  # fmt: skip
        checked = nginx.check(local.conf)
        if checked.returncode:
            raise ProxyUnavailable(f"nginx -t refused it: {checked.stderr.strip()[-300:]}")
        process = nginx.start(local)
        try:
            url = f"http://127.0.0.1:{local.port}"
            wait_until_answering(url + "/healthz")
            yield url, process.pid
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=10)


def print_table(measurements: list[Measurement], baseline: str) -> None:
    by_connections = {m.connections: m for m in measurements if m.target == baseline}
    print(
        f"{'target':<34} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} {'vs ' + baseline:>12}"
    )
    for m in measurements:
        reference = by_connections.get(m.connections)
        ratio = m.requests_per_second / reference.requests_per_second if reference else float("nan")
        cpu = f"{m.cpu_ms_per_request:.2f}" if m.cpu_ms_per_request is not None else "-"
        print(
            f"{m.target:<34} {m.connections:>5} {m.requests_per_second:>9.0f} {m.latency_p50_ms:>8.2f}"
            f" {m.latency_p99_ms:>8.2f} {cpu:>10} {ratio:>11.1%}"
            + (f"  ({m.errors} errors)" if m.errors else "")
        )


def print_ratios(measurements: list[Measurement], target: str, reference: str) -> None:
    """Print ``target``'s requests/s as a ratio of ``reference``'s, for each connection count."""
    references = {m.connections: m for m in measurements if m.target == reference}
    for m in measurements:
        if m.target == target and m.connections in references:
            ratio = m.requests_per_second / references[m.connections].requests_per_second
            print(f"{target} / {reference} at {m.connections} connections: {ratio:.2f}")


def create_database_if_missing(database_url: str) -> None:
    """Create a PostgreSQL benchmark database named in ``database_url`` unless it exists."""
    if not database_url.startswith(POSTGRES_SCHEMES):
        return
    import psycopg
    from psycopg import sql

    base, _, name = database_url.rpartition("/")
    name = name.split("?")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def as_json_rows(measurements: list[Measurement]) -> list[dict]:
    return [asdict(m) for m in measurements]
