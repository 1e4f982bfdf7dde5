"""Progress and reports on a terminal: one counted line per item, then the report."""

from __future__ import annotations

from byline.migration.report import ProgressCallback, Report


def print_progress(stdout) -> ProgressCallback:
    def progress(done: int, total: int, label: str) -> None:
        stdout.write(f"[{done}/{total}] {label}")

    return progress


def print_report(stdout, report: Report) -> None:
    for line in report.lines():
        stdout.write(line)
