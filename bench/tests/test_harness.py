"""The harness's pure parts: wrk's output."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.harness import largest_child_resident_mb, parse_wrk, resident_mb

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
