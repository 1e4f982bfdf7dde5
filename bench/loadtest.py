"""Run bench/locustfile.py headless against a running Byline and read its figures.

The writers' comment forms are fetched here, before locust starts, so that no simulated
writer spends the measured time waiting out the time trap.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.harness import PROXY_HEADERS, ROOT
from bench.spam_flood import form_fields

LOCUSTFILE = ROOT / "bench" / "locustfile.py"


@dataclass
class LocustFigures:
    name: str
    requests: int
    failures: int
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float


def served_forms(page_url: str, count: int) -> list[dict[str, str]]:
    """``count`` comment forms as browsers would hold them: their cookies, the form's CSRF
    token (none on a page from the cache) and its signed start time."""
    forms = []
    for _ in range(count):
        request = urllib.request.Request(page_url, headers=PROXY_HEADERS)
        with urllib.request.urlopen(request, timeout=20) as response:
            cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
            fields = form_fields(response.read().decode())
        if not fields["started"]:
            # A page from the cache holds no timestamp: fetch one as the discussion script does.
            stamp_url = urllib.parse.urljoin(page_url, "/comments/started/")
            stamp_request = urllib.request.Request(stamp_url, headers=PROXY_HEADERS)
            with urllib.request.urlopen(stamp_request, timeout=20) as response:
                fields["started"] = response.read().decode().strip()
        forms.append(
            {
                "cookie": "; ".join(cookies),
                "csrf_token": fields.get("csrfmiddlewaretoken", ""),
                "started": fields["started"],
            }
        )
    return forms


def wait_out_time_trap(seconds: float) -> None:
    """Let the forms age past the minimum fill time, as a person writing would."""
    time.sleep(seconds + 0.5)


def run_locust(
    host: str, plan: dict, *, user_classes: list[str], users: int, seconds: int
) -> tuple[list[LocustFigures], list[str]]:
    """Run locust headless for ``seconds`` with ``users`` users of ``user_classes``; return
    its figures per request name (and "Aggregated" for all of them) and why requests failed."""
    with tempfile.TemporaryDirectory(prefix="byline-bench-locust-") as directory:
        folder = Path(directory)
        (folder / "plan.json").write_text(json.dumps(plan))
        command = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
            "--host", host, "--users", str(users), "--spawn-rate", str(users),
            "--run-time", f"{seconds}s", "--stop-timeout", "5", "--only-summary",
            "--csv", str(folder / "run"), "--loglevel", "WARNING", *user_classes,
        ]  # fmt: skip
        env = {**os.environ, "BENCH_LOCUST_PLAN": str(folder / "plan.json")}
        # Locust exits 1 when any request failed; the failures are in its figures.
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        stats = folder / "run_stats.csv"
        if not stats.exists():
            raise RuntimeError("locust wrote no statistics; run the command by hand to see why")
        failures = folder / "run_failures.csv"
        reasons = parse_locust_failures(failures.read_text()) if failures.exists() else []
        return parse_locust_stats(stats.read_text()), reasons


def parse_locust_stats(text: str) -> list[LocustFigures]:
    """Read locust's ``*_stats.csv``: one row per request name, then "Aggregated"."""
    figures = []
    for row in csv.DictReader(io.StringIO(text)):
        if not row["Request Count"]:
            continue
        figures.append(
            LocustFigures(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                requests_per_second=float(row["Requests/s"]),
                latency_p50_ms=_milliseconds(row["50%"]),
                latency_p99_ms=_milliseconds(row["99%"]),
            )
        )
    return figures


def parse_locust_failures(text: str) -> list[str]:
    """Read locust's ``*_failures.csv`` as "name: error (N times)" lines."""
    return [
        f"{row['Name']}: {row['Error']} ({row['Occurrences']} times)"
        for row in csv.DictReader(io.StringIO(text))
    ]


def _milliseconds(value: str) -> float:
    # Locust writes "N/A" for a percentile of no requests.
    try:
        return float(value)
    except ValueError:
        return float("nan")
