"""The harness's pure parts: wrk's output, and moving the proxy configuration onto loopback."""

from __future__ import annotations

from pathlib import Path

from bench.harness import parse_wrk, proxy_config

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

SITE = """proxy_cache_path /var/cache/nginx/byline levels=1:2 keys_zone=byline:10m;
upstream byline { server 127.0.0.1:8000; }
server {
    listen 80;
    listen [::]:80;
    ssl_certificate /etc/ssl/byline.pem;
    location / {
        proxy_pass http://byline;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
"""


def test_wrk_output_becomes_figures_in_milliseconds_with_every_error_counted():
    assert parse_wrk(WRK) == {
        "requests_per_second": 398.6,
        "latency_p50_ms": 23.5,
        "latency_p99_ms": 1200.0,
        "requests": 3990,
        "errors": 7,
    }


def test_the_proxy_configuration_moves_onto_loopback_in_front_of_the_benchmarked_server():
    config = proxy_config(SITE, root=Path("/tmp/p"), port=4321, upstream="127.0.0.1:5555")
    assert "proxy_cache_path /tmp/p/cache levels=1:2" in config
    assert "server 127.0.0.1:5555;" in config
    assert config.count("listen 127.0.0.1:4321;") == 1
    assert "listen 80" not in config
    assert "ssl_certificate" not in config
    assert "X-Forwarded-Proto https;" in config
    assert config.lstrip().startswith("daemon off;")
