"""The benchmark's table and JSON: ratios to nginx in the same run, and no figure invented."""

from __future__ import annotations

import json
import math

from bench.report import STATIC, Row, table, with_ratios, write_json


def row(scenario: str, rps: float, *, database: str = "sqlite", connections: int = 10, cpu=0.5):
    return Row(database, scenario, connections, rps, 1.0, 2.0, cpu, int(rps * 10), 0)


def test_each_row_is_a_share_of_nginx_on_the_same_database_at_the_same_connections():
    rows = with_ratios(
        [
            row(STATIC, 10_000),
            row(STATIC, 4_000, connections=1),
            row(STATIC, 20_000, database="postgres"),
            row("article page", 500),
            row("article page", 100, connections=1),
            row("article page", 500, database="postgres"),
        ]
    )
    ratios = [r.ratio_to_static for r in rows]
    assert ratios == [1.0, 1.0, 1.0, 0.05, 0.025, 0.025]


def test_a_locust_scenario_at_another_user_count_is_compared_with_nginx_at_ten():
    rows = with_ratios([row(STATIC, 10_000), row("mixed", 300, connections=20)])
    assert rows[1].ratio_to_static == 0.03


def test_without_nginx_in_the_run_there_is_no_ratio():
    rows = with_ratios([row("article page", 500), row(STATIC, 9_000, database="postgres")])
    assert rows[0].ratio_to_static is None


def test_the_table_shows_a_figure_that_could_not_be_measured_as_a_dash():
    rows = with_ratios([row(STATIC, 10_000), row("voting", 250, cpu=None)])
    rows[1].latency_p99_ms = math.nan
    printed = table(rows).splitlines()
    assert printed[0].split()[:3] == ["database", "scenario", "conns"]
    assert printed[3].split() == ["sqlite", "voting", "10", "250", "1.00", "-", "-", "2.5%", "0"]


def test_the_json_holds_the_rows_and_the_run_with_null_for_what_was_not_measured(tmp_path):
    path = tmp_path / "deep" / "results.json"
    measured = row("voting", 250)
    measured.latency_p50_ms = math.nan
    write_json(path, [measured], skipped={"sqlite": ["the proxy: no file"]})
    document = json.loads(path.read_text())
    assert document["skipped"] == {"sqlite": ["the proxy: no file"]}
    assert document["results"][0]["scenario"] == "voting"
    assert document["results"][0]["latency_p50_ms"] is None
    assert document["results"][0]["requests_per_second"] == 250
