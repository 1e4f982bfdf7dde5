"""Benchmark of the live discussion: thousands of open event streams, comments posted at a
steady rate, and how fast, how completely and at what cost every stream hears of them.

    bin/bench live [--streams 1000,10000] [--rate 2] [--seconds 20] [--sets one|two|both]
    python -m bench.live ...                          (the same, without bin/bench's checks)

The database and Redis come from the environment as in bin/bench (``BENCH_DATABASE_URL`` or
``DATABASE_URL``, ``REDIS_URL``); without either database variable it runs on a fresh SQLite
file under var/bench/, without ``REDIS_URL`` the live servers fan out through the database. It starts, as the README runs them in production
(production settings): gunicorn for the web, one task worker, and the live server
(``--live-command``), then on loopback

- opens the streams to one article's thread from one asyncio process on raw sockets (the
  client shares the machine's cores with the servers; its own CPU and event-loop lag are
  printed, so a slow client shows as one);
- posts comments through the real comment form at ``--rate`` per second for ``--seconds``
  (every moderation rule on; each post from its own address, email and text, as in bin/bench);
- waits until the streams fall quiet, and reports: delay from each comment's commit to its
  arrival on every stream (p50, p99, max), the live server's memory per open stream (its
  resident memory before and after opening them, divided) and in total, its CPU, and how
  many streams received every published comment exactly once.

With two sets (``--sets two``), two gunicorns and two live servers on different ports share
PostgreSQL and Redis: half the streams read from each live server, and posts alternate
between the two web servers, so every stream hears of comments posted through the other set;
the delays are also printed per direction.

Nothing here asserts a figure: it prints them, and writes them to var/bench/live.json.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import functools
import gc
import ipaddress
import itertools
import json
import os
import re
import resource
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import loadtest
from bench.harness import (
    DATA_DIR,
    ROOT,
    children_of,
    create_database_if_missing,
    database_url_from_environment,
    free_port,
    gunicorn_serving,
    process_tree_cpu_seconds,
    production_environment,
    quiet_for_building,
    redis_url_from_environment,
    task_worker,
)
from bench.sse_client import StreamPool, StreamRecord

RESULTS = DATA_DIR / "live.json"
ARTICLE_SLUG = "live-benchmark"
# The live server as the README's production section runs it; {python} and {port} are filled in.
LIVE_COMMAND = "{python} manage.py run_live --bind 127.0.0.1:{port}"
WEB_WORKERS = 2  # enough for a few posts a second; the figures are the live server's
MIN_FILL_SECONDS = 1  # the time trap, set short so the forms wait it out quickly
WARM_STREAMS = 1  # opened before the memory baseline, so lazy start-up is not counted per stream
QUIET_SECONDS = 2.0  # the streams are drained once nothing arrived for this long
COMMENT_EVENT = "comment"


@dataclass
class ServerSet:
    """One web server and one live server, sharing the database and Redis with any other."""

    name: str
    web_root: str
    live_port: int
    env: dict[str, str]
    live_pid: int = 0
    form: dict = field(default_factory=dict)


@dataclass
class Post:
    number: int
    via: str
    sent: float
    returned: float
    status: int
    comment_id: int | None


def main() -> None:
    options = parse_options()
    raise_open_file_limit()
    database_url = database_url_from_environment(f"sqlite:///{DATA_DIR / 'live.sqlite3'}")
    redis_url = redis_url_from_environment("")
    create_database_if_missing(database_url)
    extra = {"REDIS_URL": redis_url} if redis_url else {}
    env = production_environment(
        database_url,
        DISCUSSION_TRUSTED_PROXIES="1",
        DISCUSSION_MIN_FILL_SECONDS=str(MIN_FILL_SECONDS),
        **extra,
        **options.server_env,
    )
    if not redis_url:
        env.pop("REDIS_URL", None)
    print(
        f"Database {database_url.split('@')[-1]}; fan-out through {'Redis' if redis_url else 'the database'}"
    )
    article = prepare_article(env)
    print(f"Article {article['url']} (thread {article['thread']})")
    results = []
    load_before = os.getloadavg()
    with running_sets(env, options) as sets:
        for server_set in sets:
            page = server_set.web_root + article["url"]
            server_set.form = loadtest.served_forms(page, 1)[0]
        loadtest.wait_out_time_trap(MIN_FILL_SECONDS)
        for streams in options.streams:
            if options.sets in ("one", "both"):
                results.append(
                    run(
                        f"one set, {streams:,} streams",
                        sets[:1],
                        sets[:1],
                        streams,
                        article,
                        options,
                    )
                )
            if options.sets in ("two", "both"):
                results.append(
                    run(f"two sets, {streams:,} streams", sets, sets, streams, article, options)
                )
    write_results(results, options, load_before)


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--streams", default="1000", help="open streams per run, comma-separated")
    parser.add_argument("--rate", type=float, default=2.0, help="comments posted per second")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to post")
    parser.add_argument("--sets", choices=("one", "two", "both"), default="both")
    parser.add_argument(
        "--live-command", default=LIVE_COMMAND,
        help="how to start one live server; {python} and {port} are filled in",
    )  # fmt: skip
    parser.add_argument("--web-workers", type=int, default=WEB_WORKERS)
    parser.add_argument("--concurrency", type=int, default=200, help="connections opened at once")
    parser.add_argument("--drain", type=float, default=20.0, help="seconds to wait for stragglers")
    parser.add_argument(
        "--server-env", action="append", default=[], metavar="NAME=VALUE",
        help="an extra setting for Byline's processes (repeatable)",
    )  # fmt: skip
    options = parser.parse_args()
    options.streams = [int(count) for count in options.streams.split(",")]
    options.server_env = dict(item.split("=", 1) for item in options.server_env)
    return options


def raise_open_file_limit() -> None:
    """One descriptor per stream, here and in the live server (which inherits the limit)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"Open files: {resource.getrlimit(resource.RLIMIT_NOFILE)[0]:,} per process")


def prepare_article(env: dict[str, str]) -> dict:
    """In this process: migrate, seed the demo if the database is empty, and keep one copy of
    its lead story with a 200-comment thread for the streams to follow."""
    os.environ.update(quiet_for_building(env))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import thread
    from byline.discussion.models import Thread

    page = thread.kept_article(ARTICLE_SLUG, "live")
    discussion = Thread.objects.for_page(page)
    return {"id": page.pk, "url": page.url, "thread": discussion.pk}


@contextmanager
def running_sets(env: dict[str, str], options: argparse.Namespace) -> Iterator[list[ServerSet]]:
    """One set (web and live server), or two sharing the database and Redis, and one task
    worker for both (workers are interchangeable)."""
    from byline.discussion.tests.smtp_sink import smtp_sink

    count = 1 if options.sets == "one" else 2
    with ExitStack() as stack:
        sink = stack.enter_context(smtp_sink())
        env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}"}
        stack.enter_context(task_worker(env))
        sets = []
        for name in "AB"[:count]:
            live_port = free_port()
            set_env = {**env, "LIVE_EVENTS_URL": f"http://127.0.0.1:{live_port}"}
            web_root, _ = stack.enter_context(
                gunicorn_serving(set_env, options.web_workers, f"gunicorn-{name}.log")
            )
            sets.append(ServerSet(name, web_root, live_port, set_env))
            print(
                f"Set {name}: web {web_root} (gunicorn x{options.web_workers}), live 127.0.0.1:{live_port}"
            )
        yield sets


@contextmanager
def live_serving(env: dict[str, str], template: str, port: int) -> Iterator[int]:
    """The live server on ``port``; yield its pid. Its output goes to var/bench/."""
    command = shlex.split(template.format(python=sys.executable, port=port))
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with (DATA_DIR / f"live-server-{port}.log").open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            wait_for_port(port, process)
            yield process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"the live server exited ({process.returncode}); see var/bench/live-server-{port}.log"
            )
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"the live server did not listen on {port} within {timeout:.0f} s")


def run(name: str, readers: list[ServerSet], posters: list[ServerSet], streams: int, article: dict, options) -> dict:  # fmt: skip
    print(
        f"\n== {name}: streams on {'+'.join(s.name for s in readers)}, posts through {'+'.join(s.name for s in posters)}"
    )
    # Fresh live servers for each run, so that one run's memory is not the next one's baseline.
    with ExitStack() as stack:
        for server_set in {s.name: s for s in [*readers, *posters]}.values():
            server_set.live_pid = stack.enter_context(
                live_serving(server_set.env, options.live_command, server_set.live_port)
            )
        measured = asyncio.run(
            measure(readers, posters, streams, article, options), loop_factory=loop_factory()
        )
    result = summarise(name, measured, options)
    print_result(result)
    return result


def loop_factory():
    """uvloop when it is installed (the live server runs on it too), else asyncio's own loop:
    the client spends less of the shared cores per event on uvloop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


@dataclass
class Measured:
    records: dict[str, list[StreamRecord]]
    posts: list[Post]
    comments: dict[int, tuple[float, str]]  # id: (created_at as a timestamp, status)
    open_seconds: float
    resident_before_kb: int
    resident_after_kb: int
    live_cpu_seconds: float
    window_seconds: float
    client_cpu_seconds: float
    loop_lag_ms: list[float]


async def measure(readers, posters, streams, article, options) -> Measured:
    path = f"/threads/{article['thread']}/events"
    pools = {s.name: StreamPool("127.0.0.1", s.live_port, path) for s in readers}
    live_pids = [s.live_pid for s in readers]
    shares = split_evenly(streams, len(readers))
    for pool in pools.values():
        await pool.open(WARM_STREAMS)
    await asyncio.sleep(1)
    before_kb = sum(map(tree_resident_kb, live_pids))
    opening = [pool.open(share - WARM_STREAMS, concurrency=options.concurrency) for pool, share in zip(pools.values(), shares, strict=True)]  # fmt: skip
    open_seconds = max(await asyncio.gather(*opening))
    await asyncio.sleep(2)
    after_kb = sum(map(tree_resident_kb, live_pids))

    # The client keeps every event it receives (hundreds of thousands of objects): a full
    # garbage collection over them would stall its loop and show as delivery delay.
    gc.collect()
    gc.freeze()
    gc.disable()
    cpu_before = sum(map(process_tree_cpu_seconds, live_pids))
    client_before = own_cpu_seconds()
    window_started = time.monotonic()
    lag = LoopLag()
    lag.start()
    posts = await post_steadily(posters, article, options)
    comments = await asyncio.get_running_loop().run_in_executor(None, comment_facts, [p.comment_id for p in posts if p.comment_id])  # fmt: skip
    await wait_until_quiet(list(pools.values()), options.drain)
    lag.stop()
    window = time.monotonic() - window_started
    live_cpu = sum(map(process_tree_cpu_seconds, live_pids)) - cpu_before
    client_cpu = own_cpu_seconds() - client_before
    for pool in pools.values():
        await pool.close()
    gc.enable()
    gc.unfreeze()
    return Measured(
        records={name: pool.records for name, pool in pools.items()},
        posts=posts, comments=comments, open_seconds=open_seconds,
        resident_before_kb=before_kb, resident_after_kb=after_kb,
        live_cpu_seconds=live_cpu, window_seconds=window,
        client_cpu_seconds=client_cpu, loop_lag_ms=lag.samples_ms,
    )  # fmt: skip


def split_evenly(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


async def post_steadily(posters: list[ServerSet], article: dict, options) -> list[Post]:
    """``rate`` posts a second for ``seconds``, on schedule whatever each one takes (a few
    threads post, so one slow answer does not delay the next)."""
    loop = asyncio.get_running_loop()
    count = max(1, round(options.rate * options.seconds))
    numbers = itertools.count(int(time.time() * 1000) * 100)
    started = loop.time()
    pending = []
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="poster") as pool:
        for index in range(count):
            await asyncio.sleep(max(0.0, started + index / options.rate - loop.time()))
            via = posters[index % len(posters)]
            pending.append(loop.run_in_executor(pool, post_comment, via, article, next(numbers)))
        return list(await asyncio.gather(*pending))


def post_comment(via: ServerSet, article: dict, number: int) -> Post:
    """One comment through the comment form, as the discussion script posts it."""
    from bench.spam_flood import NoRedirects

    bodies = ham_bodies()
    body = f"{bodies[number % len(bodies)]} ({number})"
    data = {
        "csrfmiddlewaretoken": via.form["csrf_token"],
        "started": via.form["started"],
        "name": f"Live reader {number % 10_000}",
        "email": f"live{number}@example.org",
        "body": body,
        "website": "",
    }
    headers = {
        "Cookie": via.form["cookie"],
        "Origin": via.web_root.replace("http://", "https://"),
        "Sec-Fetch-Site": "same-origin",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address_of(number),
        "Byline-Fragment": "1",
    }
    request = urllib.request.Request(
        f"{via.web_root}/comments/on/{article['id']}/post/",
        data=urllib.parse.urlencode(data).encode(), headers=headers, method="POST",
    )  # fmt: skip
    opener = urllib.request.build_opener(NoRedirects())
    sent = time.time()
    try:
        with opener.open(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode(errors="replace")
    except OSError:
        status, text = 0, ""
    returned = time.time()
    found = re.search(r'data-comment-id="(\d+)"', text) if status == 201 else None
    comment_id = int(found.group(1)) if found else None
    return Post(number, via.name, sent, returned, status, comment_id)


def address_of(number: int) -> str:
    """A unique-local IPv6 address in a /56 of its own, so no two posts share a rate limit."""
    return str(ipaddress.IPv6Address((0xFD << 120) | (number << 72)))


@functools.cache
def ham_bodies() -> list[str]:
    """Real readers' comments from the spam classifier's labelled set."""
    from byline.discussion.tests.spam_corpus import HAM

    return list(HAM)


def comment_facts(ids: list[int]) -> dict[int, tuple[float, str]]:
    """Each posted comment's created time (set by the posting request just before its INSERT)
    and its status, from the database."""
    from django.db import close_old_connections

    from byline.discussion.models import Comment

    close_old_connections()
    rows = Comment.objects.filter(pk__in=ids).values_list("pk", "created_at", "status")
    return {pk: (created.timestamp(), status) for pk, created, status in rows}


async def wait_until_quiet(pools: list[StreamPool], limit: float) -> None:
    """Until no stream received anything for QUIET_SECONDS, at most ``limit`` seconds."""
    deadline = time.monotonic() + limit
    seen, quiet_since = -1, time.monotonic()
    while time.monotonic() < deadline:
        total = sum(len(r.blocks) for pool in pools for r in pool.records)
        if total != seen:
            seen, quiet_since = total, time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_SECONDS:
            return
        await asyncio.sleep(0.25)


class LoopLag:
    """How late the client's event loop runs a callback due every 50 ms: when it is late, the
    client, not the server, delays what it measures."""

    PERIOD = 0.05

    def __init__(self) -> None:
        self.samples_ms: list[float] = []
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        self.task = asyncio.create_task(self.tick())

    def stop(self) -> None:
        if self.task:
            self.task.cancel()

    async def tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + self.PERIOD
            await asyncio.sleep(self.PERIOD)
            self.samples_ms.append(max(0.0, (loop.time() - due) * 1000))


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tree_resident_kb(pid: int) -> int:
    """Resident memory of a process and its children (a live server with worker processes)."""
    total = 0
    for member in [pid, *children_of(pid)]:
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except FileNotFoundError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        total += int(found.group(1)) if found else 0
    return total


# -- the figures


def summarise(name: str, measured: Measured, options) -> dict:
    published = {pk for pk, (_, status) in measured.comments.items() if status == "published"}
    held = set(measured.comments) - published
    post_of = {p.comment_id: p for p in measured.posts if p.comment_id}
    delays, after_response, by_direction = [], [], {}
    last_arrival: dict[int, float] = {}
    streams = exactly_once = opened = reconnections = 0
    missing = duplicates = leaked = 0
    failures: Counter[str] = Counter()
    for set_name, records in measured.records.items():
        for record in records:
            streams += 1
            opened += record.opened
            reconnections += record.reconnections
            if record.failure:
                failures[record.failure] += 1
            seen: Counter[int] = Counter()
            for event in record.events():
                if event.type != COMMENT_EVENT:
                    continue
                comment_id = event.json().get("comment")
                if comment_id not in post_of:
                    continue
                seen[comment_id] += 1
                if seen[comment_id] > 1 or comment_id not in published:
                    continue
                delay = event.arrived - measured.comments[comment_id][0]
                delays.append(delay)
                after_response.append(event.arrived - post_of[comment_id].returned)
                direction = f"streams on {set_name}, posted through {post_of[comment_id].via}"
                by_direction.setdefault(direction, []).append(delay)
                last_arrival[comment_id] = max(last_arrival.get(comment_id, 0.0), delay)
            missing += sum(1 for pk in published if seen[pk] == 0)
            duplicates += sum(count - 1 for count in seen.values() if count > 1)
            leaked += sum(1 for pk in held if seen[pk])
            if record.opened and all(seen[pk] == 1 for pk in published) and not any(seen[pk] for pk in held):  # fmt: skip
                exactly_once += 1
    opened_after_warm = max(1, opened - len(measured.records) * WARM_STREAMS)
    grown_kb = measured.resident_after_kb - measured.resident_before_kb
    deliveries = len(delays)
    statuses = Counter(p.status for p in measured.posts)
    return {
        "scenario": name,
        "streams": streams,
        "streams_open": opened,
        "open_seconds": round(measured.open_seconds, 1),
        "stream_failures": dict(failures.most_common(5)),
        "reconnections": reconnections,
        "posts": len(measured.posts),
        "post_statuses": {str(k): v for k, v in statuses.items()},
        "post_ms_p50": round(percentile([(p.returned - p.sent) * 1000 for p in measured.posts], 0.5), 1),
        "published": len(published),
        "held_or_other": len(held),
        "rate_per_second": options.rate,
        "deliveries": deliveries,
        "delay_from_created_ms": spread(delays),
        "delay_from_response_ms": spread(after_response),
        "delay_by_direction_ms": {k: spread(v) for k, v in sorted(by_direction.items())},
        "last_stream_per_comment_ms": spread(list(last_arrival.values())),
        "streams_every_event_exactly_once": exactly_once,
        "missing": missing,
        "duplicates": duplicates,
        "held_delivered": leaked,
        "live_resident_before_mb": round(measured.resident_before_kb / 1024, 1),
        "live_resident_after_mb": round(measured.resident_after_kb / 1024, 1),
        "live_kb_per_stream": round(grown_kb / opened_after_warm, 2),
        "live_cpu_seconds": round(measured.live_cpu_seconds, 2),
        "live_cpu_share_of_one_core": round(measured.live_cpu_seconds / measured.window_seconds, 3),
        "live_cpu_us_per_delivery": round(measured.live_cpu_seconds * 1e6 / deliveries, 1) if deliveries else None,
        "window_seconds": round(measured.window_seconds, 1),
        "client_cpu_seconds": round(measured.client_cpu_seconds, 2),
        "client_loop_lag_ms": spread(measured.loop_lag_ms, scale=1.0),
    }  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def spread(values: list[float], scale: float = 1000.0) -> dict[str, float]:
    """p50, p99 and max of ``values`` times ``scale``: seconds shown in milliseconds."""
    return {
        "p50": round(percentile(values, 0.5) * scale, 1),
        "p99": round(percentile(values, 0.99) * scale, 1),
        "max": round(max(values) * scale, 1) if values else float("nan"),
        "n": len(values),
    }


def print_result(r: dict) -> None:
    d, f = r["delay_from_created_ms"], r["delay_from_response_ms"]
    print(
        f"   streams open:                {r['streams_open']:,} of {r['streams']:,} in {r['open_seconds']} s"
        + (f" (failures: {r['stream_failures']})" if r["stream_failures"] else "")
    )
    print(
        f"   posts:                       {r['posts']} at {r['rate_per_second']}/s, HTTP {r['post_statuses']}, p50 {r['post_ms_p50']} ms; {r['published']} published, {r['held_or_other']} held"
    )
    print(
        f"   delay, commit to delivery:   p50 {d['p50']} ms, p99 {d['p99']} ms, max {d['max']} ms ({d['n']:,} deliveries)"
    )
    print(
        f"   delay, POST answer to delivery: p50 {f['p50']} ms, p99 {f['p99']} ms, max {f['max']} ms"
    )
    print(
        f"   last stream to hear a comment: p50 {r['last_stream_per_comment_ms']['p50']} ms, max {r['last_stream_per_comment_ms']['max']} ms"
    )
    for direction, spread_ms in r["delay_by_direction_ms"].items():
        print(
            f"     {direction}: p50 {spread_ms['p50']} ms, p99 {spread_ms['p99']} ms, max {spread_ms['max']} ms"
        )
    print(
        f"   every event exactly once:    {r['streams_every_event_exactly_once']:,} of {r['streams']:,} streams (missing {r['missing']}, duplicates {r['duplicates']}, held delivered {r['held_delivered']}, reconnections {r['reconnections']})"
    )
    print(
        f"   live server memory:          {r['live_resident_before_mb']} MB before, {r['live_resident_after_mb']} MB open: {r['live_kb_per_stream']} KB per stream"
    )
    print(
        f"   live server CPU:             {r['live_cpu_seconds']} s in {r['window_seconds']} s ({r['live_cpu_share_of_one_core']:.0%} of a core), {r['live_cpu_us_per_delivery']} us per delivery"
    )
    print(f"   client:                      {r['client_cpu_seconds']} s CPU, loop lag p99 {r['client_loop_lag_ms']['p99']} ms, max {r['client_loop_lag_ms']['max']} ms")  # fmt: skip


def write_results(results: list[dict], options, load_before) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    payload = {
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "live_command": options.live_command,
        "web_workers": options.web_workers,
        "delay_measured_from": "the comment's created_at, set by the posting request just before its INSERT",
        "results": results,
    }
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"\nLoad average before {load_before}, after {os.getloadavg()}")
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
