"""The harness: wrk's output, what the CPU per request counts, where the database and Redis
come from, and the servers' logging."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.harness import (
    CpuMeter,
    cpu_seconds_of,
    database_backend_pids,
    database_url_from_environment,
    is_backend_of,
    largest_child_resident_mb,
    parse_wrk,
    production_environment,
    quiet_for_building,
    redis_url_from_environment,
    resident_mb,
)

WRK = """Running 10s test @ http://127.0.0.1:41234/news/story/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    25.10ms   10.02ms 150.00ms   80.00%
    Req/Sec   200.12     20.00   250.00     70.00%
  Latency Distribution
     50%   23.50ms
     75%   30.00ms
     90%   38.00ms
     99%    1.20s
  3990 requests in 10.01s, 120.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    398.60
Transfer/sec:     11.99MB
"""


def test_wrk_output_becomes_figures_in_milliseconds_with_every_error_counted():
    assert parse_wrk(WRK) == {
        "requests_per_second": 398.6,
        "latency_p50_ms": 23.5,
        "latency_p99_ms": 1200.0,
        "requests": 3990,
        "errors": 7,
    }


# A child that holds 64 MB of written memory until its standard input closes.
HOLDER = "import sys; block = b'x' * (64 << 20); print('ready', flush=True); sys.stdin.read()"


def test_resident_memory_is_read_from_proc_in_megabytes():
    mine = resident_mb(os.getpid())

    assert 1 < mine < 4096


def test_the_largest_child_is_measured_and_a_process_without_children_has_none():
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "ready\n"
        assert 64 <= largest_child_resident_mb(os.getpid()) < 4096
        assert largest_child_resident_mb(holder.pid) == 0.0
    finally:
        holder.communicate("")


# What counts in "CPU per request": the PostgreSQL backends of the bench's own database.

DEBIAN_BACKEND = "postgres: 15/main: postgres byline_h 127.0.0.1(51234) idle"


def test_a_backend_is_known_by_its_user_and_database_with_or_without_a_cluster_name():
    assert is_backend_of(DEBIAN_BACKEND, "postgres", "byline_h")
    assert is_backend_of("postgres: postgres byline_h [local] SELECT", "postgres", "byline_h")
    assert not is_backend_of(DEBIAN_BACKEND, "postgres", "byline")
    assert not is_backend_of(DEBIAN_BACKEND, "reader", "byline_h")
    assert not is_backend_of("postgres: 15/main: checkpointer ", "postgres", "checkpointer")
    assert not is_backend_of("python manage.py postgres byline_h ", "postgres", "byline_h")


def fake_proc(folder: Path, titles: dict[str, bytes | None]) -> Path:
    """A /proc-like folder: one entry per name, with a cmdline unless its title is None."""
    for name, title in titles.items():
        (folder / name).mkdir()
        if title is not None:
            (folder / name / "cmdline").write_bytes(title)
    return folder


def test_the_backends_found_are_those_of_the_urls_database_only(tmp_path):
    proc = fake_proc(
        tmp_path,
        {
            "412": DEBIAN_BACKEND.encode() + b"\0\0",
            "77": b"postgres: 15/main: postgres byline_h 127.0.0.1(51240) idle in transaction\0",
            "501": b"postgres: 15/main: postgres perf_byline 127.0.0.1(51300) idle\0",
            "502": b"postgres: 15/main: autovacuum worker byline_h\0",
            "503": b"/usr/lib/postgresql/15/bin/postgres\0-D\0/var/lib/postgresql/15/main\0",
            "504": None,  # a process gone since the listing
            "self": DEBIAN_BACKEND.encode(),
        },
    )

    url = "postgres://postgres:secret@127.0.0.1:5432/byline_h?sslmode=disable"
    assert database_backend_pids(url, proc) == [77, 412]
    assert database_backend_pids(f"sqlite:///{tmp_path}/byline_h", proc) == []
    assert database_backend_pids(None, proc) == []


def test_a_process_that_started_during_the_interval_counts_in_full_and_one_gone_not_at_all():
    before = {1: 10.0, 2: 5.0, 3: 1.0}
    after = {1: 12.5, 2: 5.0, 4: 0.25}

    assert CpuMeter.used(before, after) == 2.75


def test_cpu_is_read_for_live_processes_and_a_finished_one_is_left_out():
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(finished.stdout)

    found = cpu_seconds_of([os.getpid(), gone])

    assert set(found) == {os.getpid()}
    assert found[os.getpid()] > 0


def test_a_meter_counts_the_tree_of_each_pid():
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "ready\n"
        assert holder.pid in CpuMeter([os.getpid()]).snapshot()
    finally:
        holder.communicate("")


# Where the database and Redis come from.


def test_the_benchmark_database_is_bench_database_url_then_database_url_then_the_default():
    default = "postgres://postgres:postgres@127.0.0.1:5432/byline_bench"
    mine = "postgres://postgres:postgres@127.0.0.1:5432/byline_bench_h"
    other = "postgresql://u:p@db.example:5432/other"

    assert database_url_from_environment(default, environ={}) == default
    assert database_url_from_environment(default, environ={"DATABASE_URL": other}) == other
    both = {"BENCH_DATABASE_URL": mine, "DATABASE_URL": other}
    assert database_url_from_environment(default, environ=both) == mine


def test_a_postgresql_run_passes_over_a_url_of_another_kind():
    default = "postgres://postgres:postgres@127.0.0.1:5432/byline_bench"
    sqlite = {"DATABASE_URL": "sqlite:////srv/byline/var/byline.sqlite3"}

    assert database_url_from_environment(default, postgres_only=True, environ=sqlite) == default
    assert database_url_from_environment(default, environ=sqlite) == sqlite["DATABASE_URL"]


def test_redis_is_redis_url_unless_it_is_unset_or_empty():
    default = "redis://127.0.0.1:6379/11"

    assert redis_url_from_environment(default, {"REDIS_URL": "redis://h:6379/12"}).endswith("/12")
    assert redis_url_from_environment(default, {"REDIS_URL": ""}) == default
    assert redis_url_from_environment(default, {}) == default


# Logging as in production.


def test_the_servers_log_as_production_does_and_only_building_is_quiet(monkeypatch):
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    served = production_environment("sqlite:///x.sqlite3")

    assert "LOG_LEVEL" not in served
    assert quiet_for_building(served)["LOG_LEVEL"] == "WARNING"
    assert quiet_for_building({**served, "LOG_LEVEL": "DEBUG"})["LOG_LEVEL"] == "DEBUG"


SPINNER = "import sys; print('ready', flush=True)\nwhile True: pass"


def test_waiting_for_quiet_ends_on_idle_processes_and_gives_up_on_busy_ones():
    spinner = subprocess.Popen([sys.executable, "-c", SPINNER], stdout=subprocess.PIPE, text=True)
    try:
        assert spinner.stdout.readline() == "ready\n"
        assert not CpuMeter([spinner.pid]).wait_until_idle(timeout=3)
    finally:
        spinner.kill()
        spinner.wait()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert CpuMeter([sleeper.pid]).wait_until_idle(timeout=10)
    finally:
        sleeper.kill()
        sleeper.wait()
