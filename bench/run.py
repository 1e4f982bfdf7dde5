"""The benchmark command: every scenario of PERFORMANCE.md in one run, on SQLite and PostgreSQL.

    bin/bench [--database sqlite|postgres|both] [--duration 10] [--locust-duration 20]
              [--connections 1,10,50] [--quick] [--only voting] [--results PATH]
              [--server-env NAME=VALUE ...]

PostgreSQL is BENCH_DATABASE_URL, else DATABASE_URL when that names PostgreSQL, else
postgres://postgres:postgres@127.0.0.1:5432/byline_bench (created if missing); SQLite is a
file under var/bench/; Redis is REDIS_URL, else redis://127.0.0.1:6379/11.

For each database it builds the workload (bench/workload.py), starts Byline as the README runs
it in production (production settings and their logging, a line per request, into
var/bench/gunicorn.log and task-worker.log; gunicorn with 4 workers, one task worker, Redis, an
SMTP sink on loopback for the notification outbox), nginx serving the article page's bytes as
a static file, and nginx with the repository's reverse-proxy configuration (deploy/nginx/) in
front of Byline, purged by it. Then it measures, on loopback and bounded in time:

- with wrk, after a warm-up and each row once Byline is idle again (the last row's queued
  requests answered): nginx static; the article page (200-comment thread) and the next
  page of the 10,000- and 100,000-comment threads, each twice: "page cache" as an anonymous
  reader gets it (no cookie: Byline's page cache answers) and "rendered" as a reader with a
  cookie gets it (no cache answers); and the article page through the proxy;
- with locust (headless): posting comments, voting, and readers with a few writers.

It prints one table (requests/s, latency p50/p99, server CPU per request, requests/s as a share
of nginx static's in the same run) and writes it to var/bench/results.json. Server CPU counts
every process that serves the load, over the same interval as the load: gunicorn's, the task
worker's, the proxy's on its row and on the writes (which purge it), and on PostgreSQL the
backends connected to the bench's database (SQLite runs inside gunicorn and the task worker,
so it is counted with them). Nothing here asserts a speed. `--only voting` runs the voting scenario alone, without the larger
threads: `bin/bench peers` (bench/peers.sh) adds it to the peers' run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench import loadtest
from bench.harness import (
    DATA_DIR,
    ROOT,
    CpuMeter,
    ProxyUnavailable,
    database_url_from_environment,
    fetch,
    free_port,
    gunicorn_serving,
    largest_child_resident_mb,
    measure,
    nginx_proxying,
    nginx_serving,
    production_environment,
    redis_url_from_environment,
    run_wrk,
    task_worker,
    without_password,
)
from bench.report import STATIC, Row, table, with_ratios, write_json

SQLITE_URL = f"sqlite:///{DATA_DIR / 'run.sqlite3'}"
# The defaults when BENCH_DATABASE_URL / DATABASE_URL (PostgreSQL) and REDIS_URL are unset.
POSTGRES_URL = "postgres://postgres:postgres@127.0.0.1:5432/byline_bench"
REDIS_URL = "redis://127.0.0.1:6379/11"
RESULTS = DATA_DIR / "results.json"
PROXIED = "article page through the proxy cache"
# A cookie that makes a request personal: neither Byline's page cache nor the proxy serves
# it, so the page is rendered for it; the value is no one's, so it renders as for a guest.
RENDERED_HEADERS = {"Cookie": "byline_reader=bench"}
# The README's production section: gunicorn with 4 workers and one task worker.
WORKERS = 4
MIN_FILL_SECONDS = 3  # the time trap's default, set explicitly so the forms can wait it out
LOCUST_USERS = {"posting": 10, "voting": 10, "mixed": 20}
# --only SCENARIO: the locust request it measures (bin/bench peers adds voting to the peers' run).
# "guest": the two requests of a guest with the script reading the article (guest_targets).
ONLY = {"voting": "vote", "guest": None}
POSTING = (
    "Posting goes through the real comment form with every moderation rule on at its defaults"
    " and the notification outbox on; each post has its own address (X-Forwarded-For, one"
    " trusted proxy), email and text, on a form served at least the time trap's"
    f" {MIN_FILL_SECONDS} s earlier, so the rate limits and the repeat check run and pass."
)


@dataclass
class Run:
    """What one database's run measured, and what it could not."""

    database: str
    rows: list[Row] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    page_bytes: int = 0
    worker_resident_mb: float = 0.0


def main() -> None:
    options = parse_options()
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    runs = [run_on(database, options) for database in options.databases]
    rows = with_ratios([row for run in runs for row in run.rows])
    print()
    print(table(rows))
    for run in runs:
        print(f"Largest web worker on {run.database}: {run.worker_resident_mb:.0f} MB resident")
        for reason in run.skipped:
            print(f"Skipped on {run.database}: {reason}")
    print(POSTING)
    write_json(
        options.results,
        rows,
        started=started.isoformat(timespec="seconds"),
        cpus=os.cpu_count(),
        load_average_before=load_before,
        load_average_after=os.getloadavg(),
        gunicorn_workers=WORKERS,
        wrk_seconds=options.duration,
        locust_seconds=options.locust_duration,
        posting=POSTING,
        server_env=options.server_env,
        page_bytes={run.database: run.page_bytes for run in runs},
        web_worker_resident_mb={run.database: run.worker_resident_mb for run in runs},
        skipped={run.database: run.skipped for run in runs},
    )
    print(f"Written to {options.results}")


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk scenario")
    parser.add_argument("--locust-duration", type=int, default=20, help="seconds per locust one")
    parser.add_argument("--connections", default="1,10,50", help="wrk connection counts")
    parser.add_argument("--sizes", default="10000,100000", help="the larger threads")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 2 s per scenario, 10 connections"
    )
    parser.add_argument(
        "--only", choices=sorted(ONLY), help="only this scenario, without the larger threads"
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra setting for Byline's processes (repeatable)",
    )
    options = parser.parse_args()
    if options.quick:
        options.duration, options.locust_duration, options.connections = 2, 5, "10"
    if options.only:
        options.sizes = ""
    options.connections = [int(count) for count in options.connections.split(",")]
    options.databases = ["sqlite", "postgres"] if options.database == "both" else [options.database]
    options.server_env = dict(item.split("=", 1) for item in options.server_env)
    return options


def database_url_for(database: str, environ: Mapping[str, str] = os.environ) -> str:
    """SQLite in a file of its own under var/bench/; PostgreSQL from the environment (see
    harness.database_url_from_environment), else POSTGRES_URL."""
    if database == "sqlite":
        return SQLITE_URL
    return database_url_from_environment(POSTGRES_URL, postgres_only=True, environ=environ)


def run_on(database: str, options: argparse.Namespace) -> Run:
    from byline.discussion.tests.smtp_sink import smtp_sink

    run = Run(database)
    database_url = database_url_for(database)
    redis_url = redis_url_from_environment(REDIS_URL)
    print(f"\n== {database}: building the workload in {without_password(database_url)}")
    workload = build_workload(database_url, options.sizes)
    with ExitStack() as stack:
        sink = stack.enter_context(smtp_sink())
        purge_port = free_port()
        env = production_environment(
            database_url,
            REDIS_URL=redis_url,
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{purge_port}",
            EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
            DISCUSSION_TRUSTED_PROXIES="1",
            DISCUSSION_MIN_FILL_SECONDS=str(MIN_FILL_SECONDS),
            **options.server_env,
        )
        root, server = stack.enter_context(gunicorn_serving(env, WORKERS))
        worker = stack.enter_context(task_worker(env))
        byline = Server(root, [server, worker], purge_port, database_url)
        # Up for the writes too: each post purges it, as in production.
        byline.proxy = enter_proxy(stack, run, byline)
        print(
            f"== {database}: Byline at {root}, gunicorn x{WORKERS} and a task worker;"
            f" Redis {without_password(redis_url)}"
        )
        if options.only != "voting":
            measure_reads(run, byline, workload, options)
        if options.only != "guest":
            measure_writes(run, byline, workload, options)
        # PERFORMANCE.md's memory target is per web worker after serving these loads.
        run.worker_resident_mb = largest_child_resident_mb(byline.pids[0])
    return run


@dataclass
class Server:
    root: str
    pids: list[int]
    purge_port: int
    # Whose PostgreSQL backends count in the CPU per request (none on SQLite).
    database_url: str
    # The reverse proxy in front, which Byline purges: (root URL, pid), or None without it.
    proxy: tuple[str, int] | None = None

    def cpu_meter(self, *extra_pids: int) -> CpuMeter:
        return CpuMeter([*extra_pids, *self.pids], self.database_url)

    def whole_cpu_meter(self) -> CpuMeter:
        """Every process of Byline's, and the proxy's, which the posts purge."""
        return self.cpu_meter(*([self.proxy[1]] if self.proxy else []))


def build_workload(database_url: str, sizes: str) -> dict:
    """Run bench/workload.py for one database; show its progress and return what it built."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.workload", "--database-url", database_url, "--sizes", sizes],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout.splitlines()
    for line in output[:-1]:
        print(f"   {line}")
    return json.loads(output[-1])


def read_targets(workload: dict) -> list[tuple[str, str, dict[str, str]]]:
    """(scenario, path, headers) of every read measured with wrk against Byline: each page
    as an anonymous reader gets it (from the page cache) and as a reader with a cookie does
    (rendered)."""
    article = workload["article"]["url"]
    pages = [("article page, 200 comments", article, {})]
    for size, page in workload["next_pages"].items():
        pages.append((f"next page, {int(size):,} comments", page["url"], page["headers"]))
    return [
        (f"{name}, {path_taken}", url, {**headers, **extra})
        for name, url, headers in pages
        for path_taken, extra in (("page cache", {}), ("rendered", RENDERED_HEADERS))
    ]


def guest_targets(workload: dict, shared_page: str) -> list[tuple[str, str, dict[str, str]]]:
    """The two requests of a guest with the script (who posted and voted on it) reading the
    200-comment article written on: the shared page, and what their script asks for on it
    (``discussion.threads.views.yours``, naming the comments the shared page shows, as the
    script does). Measured before the writes."""
    article = workload["writes"]
    cookie = {"Cookie": workload["guest_cookie"]}
    shown = re.findall(r'data-comment-id="(\d+)"', shared_page)
    yours = f"/comments/on/{article['id']}/yours/?" + urlencode(
        {"ids": ",".join(shown), "first": 1}
    )
    return [
        ("article page, 200 comments, guest with the script (shared page)", article["url"], cookie),
        ("article page, 200 comments, guest with the script (their own: yours)", yours, cookie),
    ]


def measure_reads(run: Run, byline: Server, workload: dict, options: argparse.Namespace) -> None:
    # A cold worker on a busy machine takes seconds per page: wait for it rather than fail.
    shared = fetch(byline.root + workload["writes"]["url"], timeout=120)
    targets = guest_targets(workload, shared.decode())
    if options.only != "guest":
        targets = read_targets(workload) + targets
    warm_up = min(3, options.duration)
    for _, path, headers in targets:
        run_wrk(byline.root + path, connections=10, seconds=warm_up, headers=headers)
    # The workers may still be answering what wrk gave up on when its warm-up ended.
    html = fetch(byline.root + workload["article"]["url"], timeout=120)
    run.page_bytes = len(html)
    with ExitStack() as stack:
        static_url, static_pid = stack.enter_context(nginx_serving(html))
        for connections in options.connections:
            measured = [(STATIC, static_url, CpuMeter([static_pid]), {})]
            measured += [
                (name, byline.root + path, byline.cpu_meter(), headers)
                for name, path, headers in targets
            ]
            if byline.proxy:
                proxy_url, proxy_pid = byline.proxy
                article = proxy_url + workload["article"]["url"]
                measured.append((PROXIED, article, byline.cpu_meter(proxy_pid), {}))
            for scenario, url, meter, headers in measured:
                settle(byline)
                figures = measure(
                    scenario, url, meter.pids, connections=connections, seconds=options.duration,
                    headers=headers, database_url=meter.database_url,
                )  # fmt: skip
                run.rows.append(row_from_wrk(run.database, figures))


def settle(byline: Server) -> None:
    """Let Byline finish the last row's queued requests before the next row starts."""
    if not byline.whole_cpu_meter().wait_until_idle():
        print("   Byline was still busy after a minute; measuring anyway")


def enter_proxy(stack: ExitStack, run: Run, byline: Server) -> tuple[str, int] | None:
    """Start the reverse proxy in front of Byline, or note why not."""
    upstream_port = int(byline.root.rsplit(":", 1)[1])
    try:
        return stack.enter_context(nginx_proxying(upstream_port, purge_port=byline.purge_port))
    except ProxyUnavailable as reason:
        run.skipped.append(f"the reverse-proxy scenario: {reason}")
        print(f"   Skipping the reverse-proxy scenario: {reason}")
        return None


def row_from_wrk(database: str, m) -> Row:
    return Row(
        database=database,
        scenario=m.target,
        connections=m.connections,
        requests_per_second=m.requests_per_second,
        latency_p50_ms=m.latency_p50_ms,
        latency_p99_ms=m.latency_p99_ms,
        cpu_ms_per_request=m.cpu_ms_per_request,
        requests=m.requests,
        errors=m.errors,
    )


def measure_writes(run: Run, byline: Server, workload: dict, options: argparse.Namespace) -> None:
    """Posting, voting and the mixed load, with locust, on the article kept for writes."""
    writes = workload["writes"]
    forms = loadtest.served_forms(byline.root + writes["url"], max(LOCUST_USERS.values()))
    loadtest.wait_out_time_trap(MIN_FILL_SECONDS)
    plan = locust_plan(workload, forms, byline.root)
    scenarios = [
        ("posting a comment", ["Poster"], LOCUST_USERS["posting"], "post"),
        ("voting", ["Voter"], LOCUST_USERS["voting"], "vote"),
        ("mixed: 18 readers, 2 writers", ["Reader", "FewWriter"], LOCUST_USERS["mixed"], None),
    ]
    if options.only:
        scenarios = [s for s in scenarios if s[3] == ONLY[options.only]]
    meter = byline.whole_cpu_meter()
    for scenario, classes, users, name in scenarios:
        settle(byline)
        before = meter.snapshot()
        figures, failures = loadtest.run_locust(
            byline.root, plan, user_classes=classes, users=users, seconds=options.locust_duration
        )
        cpu = meter.used(before, meter.snapshot())
        for failure in failures:
            print(f"   {scenario}: {failure}")
        run.rows.append(row_from_locust(run.database, scenario, users, figures, name, cpu))


def locust_plan(workload: dict, forms: list[dict], root: str) -> dict:
    from byline.discussion.tests.spam_corpus import HAM

    writes = workload["writes"]
    # Without the larger threads (--only voting), the readers' next page is not needed.
    largest = max(workload["next_pages"], key=int, default=None)
    return {
        "article_url": writes["url"],
        "next_page_url": workload["next_pages"][largest]["url"] if largest else None,
        "post_url": f"/comments/on/{writes['id']}/post/",
        "comment_ids": writes["comment_ids"],
        "forms": forms,
        "bodies": HAM,
        "origin": root.replace("http://", "https://"),
        "headers": {"X-Forwarded-Proto": "https"},
    }


def row_from_locust(
    database: str, scenario: str, users: int, figures: list, name: str | None, cpu: float
) -> Row:
    """The row of request ``name`` (or of all requests); CPU is shared over every request."""
    by_name = {f.name: f for f in figures}
    chosen, every = by_name.get(name or "Aggregated"), by_name["Aggregated"]
    chosen = chosen or every
    return Row(
        database=database,
        scenario=scenario,
        connections=users,
        requests_per_second=chosen.requests_per_second,
        latency_p50_ms=chosen.latency_p50_ms,
        latency_p99_ms=chosen.latency_p99_ms,
        cpu_ms_per_request=cpu * 1000 / every.requests if every.requests else None,
        requests=chosen.requests,
        errors=chosen.failures,
        tool="locust",
    )


if __name__ == "__main__":
    main()
