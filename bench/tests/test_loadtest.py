"""Reading locust's statistics file."""

from __future__ import annotations

import math

from bench.loadtest import parse_locust_failures, parse_locust_stats

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
STATS = f"""{HEADER}
POST,post,412,3,41.0,55.2,12.1,610.3,2040.0,20.6,0.15,41,50,60,70,90,120,200,410,600,610,610
GET,read article,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A
,Aggregated,412,3,41.0,55.2,12.1,610.3,2040.0,20.6,0.15,41,50,60,70,90,120,200,410,600,610,610
"""


def test_each_request_name_and_the_aggregate_become_figures():
    figures = {f.name: f for f in parse_locust_stats(STATS)}
    post = figures["post"]
    assert (post.requests, post.failures, post.requests_per_second) == (412, 3, 20.6)
    assert (post.latency_p50_ms, post.latency_p99_ms) == (41.0, 410.0)
    assert figures["Aggregated"].requests == 412


def test_a_name_without_requests_has_no_percentiles():
    figures = {f.name: f for f in parse_locust_stats(STATS)}
    assert figures["read article"].requests == 0
    assert math.isnan(figures["read article"].latency_p99_ms)


def test_failures_are_named_with_their_reason_and_count():
    text = "Method,Name,Error,Occurrences\nPOST,post,HTTP 400,3\n"
    assert parse_locust_failures(text) == ["post: HTTP 400 (3 times)"]
