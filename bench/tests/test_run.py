"""bin/bench's choices: which reads it measures, on which database, and `bin/bench peers`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.harness import ROOT
from bench.run import (
    POSTGRES_URL,
    RENDERED_HEADERS,
    SQLITE_URL,
    database_url_for,
    guest_targets,
    read_targets,
)

FRAGMENT = {"Byline-Fragment": "1"}
WORKLOAD = {
    "article": {"id": 30, "url": "/news/story/", "comments": 200},
    "next_pages": {
        "10000": {"url": "/comments/on/31/?after=5", "headers": FRAGMENT},
        "100000": {"url": "/comments/on/32/?after=6", "headers": FRAGMENT},
    },
}


def test_every_page_is_measured_from_the_page_cache_and_rendered_with_names_that_say_which():
    targets = {name: (path, headers) for name, path, headers in read_targets(WORKLOAD)}

    assert targets == {
        "article page, 200 comments, page cache": ("/news/story/", {}),
        "article page, 200 comments, rendered": ("/news/story/", RENDERED_HEADERS),
        "next page, 10,000 comments, page cache": ("/comments/on/31/?after=5", FRAGMENT),
        "next page, 10,000 comments, rendered": (
            "/comments/on/31/?after=5",
            {**FRAGMENT, **RENDERED_HEADERS},
        ),
        "next page, 100,000 comments, page cache": ("/comments/on/32/?after=6", FRAGMENT),
        "next page, 100,000 comments, rendered": (
            "/comments/on/32/?after=6",
            {**FRAGMENT, **RENDERED_HEADERS},
        ),
    }


def test_the_guest_with_the_script_asks_for_their_own_on_the_comments_the_shared_page_shows():
    page = '<li id="comment-7" data-comment-id="7"><li data-comment-id="12" data-parent-id="7">'
    workload = {
        **WORKLOAD,
        "writes": {"id": 33, "url": "/news/written-on/", "comment_ids": [7, 12]},
        "guest_cookie": "byline_reader=signed; byline_patch=script.33",
    }

    (_, page_path, page_headers), (_, yours, yours_headers) = guest_targets(workload, page)

    assert page_path == "/news/written-on/"
    assert yours == "/comments/on/33/yours/?ids=7%2C12&first=1"
    assert page_headers == yours_headers == {"Cookie": workload["guest_cookie"]}


def test_postgresql_comes_from_the_environment_and_sqlite_stays_in_its_own_file():
    mine = "postgres://postgres:postgres@127.0.0.1:5432/byline_bench_h"
    environ = {"BENCH_DATABASE_URL": mine, "DATABASE_URL": "sqlite:///elsewhere.sqlite3"}

    assert database_url_for("postgres", environ) == mine
    assert database_url_for("postgres", {"DATABASE_URL": "sqlite:///x.sqlite3"}) == POSTGRES_URL
    assert database_url_for("sqlite", environ) == SQLITE_URL


@pytest.fixture
def fake_harness(tmp_path: Path) -> Path:
    """A stand-in for ../shared/peers-bench: only the files bench/peers.sh looks for."""
    for name in ("run_all.sh", "byline_hook.sh", "summarize.py"):
        (tmp_path / name).write_text("exit 1\n")
    return tmp_path


def dry_run(harness: Path, databases: str | None, *args: str, hook: str | None = None) -> str:
    env = {**os.environ, "PEERS_BENCH_DIR": str(harness), "PEERS_STATE": str(harness / "state")}
    env.pop("BYLINE_PORT", None)
    env.pop("PEERS_HOOK", None)
    if hook is not None:
        env["PEERS_HOOK"] = hook
    if databases is not None:
        env["BYLINE_DBS"] = databases
    command = ["bash", str(ROOT / "bench" / "peers.sh"), "--dry-run", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout


def test_bench_peers_runs_the_harness_with_the_byline_hook_for_this_checkout(fake_harness):
    lines = dry_run(fake_harness, None, "--locust-duration", "30").splitlines()

    assert lines[0].split() == [
        "env", "BYLINE_PORT=18095", f"BYLINE_DIR={ROOT}",
        f"PEERS_HOOK={fake_harness}/byline_hook.sh", "bash", f"{fake_harness}/run_all.sh",
    ]  # fmt: skip
    voting, guest = (line.split() for line in lines if "bench.run" in line)
    assert voting[voting.index("--only") + 1] == "voting"
    assert guest[guest.index("--only") + 1] == "guest"
    for run in (voting, guest):
        assert run[run.index("--database") + 1] == "both"
        assert run[-2:] == ["--locust-duration", "30"]
    assert lines[-1].startswith(f"Results folder: {fake_harness}/state/results/")


def test_bench_peers_runs_another_hook_when_given_one(fake_harness, tmp_path):
    hook = str(tmp_path / "updated_hook.sh")

    first = dry_run(fake_harness, None, hook=hook).splitlines()[0].split()

    assert f"PEERS_HOOK={hook}" in first


@pytest.mark.parametrize(
    ("databases", "voting_on"),
    [("postgres", "postgres"), ("sqlite", "sqlite"), ("postgres-ps50 sqlite", "both")],
)
def test_voting_is_measured_on_the_databases_the_hook_measured(fake_harness, databases, voting_on):
    voting = next(
        line for line in dry_run(fake_harness, databases).splitlines() if "bench.run" in line
    )

    assert f"--database {voting_on} " in voting
