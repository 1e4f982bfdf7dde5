"""The benchmark's results: one row per scenario, each as a ratio to nginx's static figure
measured in the same run on the same database, printed as a table and written as JSON."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

STATIC = "nginx static copy"
# A locust scenario is compared with nginx at this many connections when nginx was not
# measured at its user count.
DEFAULT_CONNECTIONS = 10


@dataclass
class Row:
    database: str
    scenario: str
    connections: int
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float
    cpu_ms_per_request: float | None
    requests: int
    errors: int
    tool: str = "wrk"
    ratio_to_static: float | None = None


def with_ratios(rows: list[Row]) -> list[Row]:
    """Set each row's requests/s as a share of nginx static's on the same database, at the
    same number of connections (or DEFAULT_CONNECTIONS)."""
    static = {(r.database, r.connections): r for r in rows if r.scenario == STATIC}
    for row in rows:
        reference = static.get((row.database, row.connections)) or static.get(
            (row.database, DEFAULT_CONNECTIONS)
        )
        if reference and reference.requests_per_second:
            row.ratio_to_static = row.requests_per_second / reference.requests_per_second
    return rows


def table(rows: list[Row]) -> str:
    header = (
        f"{'database':<9} {'scenario':<40} {'conns':>5} {'req/s':>8} {'p50 ms':>8}"
        f" {'p99 ms':>8} {'CPU ms/req':>10} {'vs nginx':>9} {'errors':>7}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.database:<9} {r.scenario:<40} {r.connections:>5} {r.requests_per_second:>8.0f}"
            f" {_number(r.latency_p50_ms):>8} {_number(r.latency_p99_ms):>8}"
            f" {_number(r.cpu_ms_per_request):>10} {_percent(r.ratio_to_static):>9}"
            f" {r.errors:>7}"
        )
    return "\n".join(lines)


def write_json(path: Path, rows: list[Row], **context: object) -> None:
    """Write the rows, with whatever describes the run (settings, skipped scenarios, notes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**context, "results": [_finite(asdict(row)) for row in rows]}
    path.write_text(json.dumps(document, indent=2) + "\n")


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.2f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _finite(row: dict) -> dict:
    # JSON has no NaN: a figure that could not be measured is null.
    return {
        key: None if isinstance(value, float) and math.isnan(value) else value
        for key, value in row.items()
    }
