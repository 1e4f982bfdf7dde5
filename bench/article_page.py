"""Benchmark: the demo's article page from Byline (production settings, gunicorn) against nginx
serving the same bytes as a static file, in the same run, with wrk on loopback.

    bin/bench article [--workers 4] [--seconds 10] [--connections 1,10,50] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench.harness import (
    DATA_DIR,
    ROOT,
    as_json_rows,
    fetch,
    gunicorn_serving,
    measure,
    nginx_serving,
    print_table,
    production_environment,
    run_wrk,
)

RESULTS = ROOT / "bench" / "results" / "article_page.json"


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def prepare_site(env: dict[str, str]) -> str:
    """Migrate, collect static files and seed the demo newsroom; return an article's path."""
    manage(env, "migrate", "--no-input")
    # Seeding renders every page once, which needs the static files' manifest.
    manage(env, "collectstatic", "--no-input")
    manage(env, "seed_demo")
    output = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from byline.newsroom.models import ArticlePage;"
        "print(ArticlePage.objects.live().order_by('-first_published_at').first().url)",
    )
    return output.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", default="1,10,50")
    parser.add_argument("--database-url", default=f"sqlite:///{DATA_DIR / 'bench.sqlite3'}")
    options = parser.parse_args()
    connection_counts = [int(count) for count in options.connections.split(",")]

    env = production_environment(options.database_url)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    article_path = prepare_site(env)
    print(
        f"Article: {article_path}  database: {options.database_url.split('@')[-1]}  workers: {options.workers}"
    )

    with gunicorn_serving(env, options.workers) as (byline_root, byline_pid):
        article_url = byline_root + article_path
        html = fetch(article_url)
        run_wrk(article_url, connections=10, seconds=3)  # warm up caches and renditions
        with nginx_serving(html) as (static_url, nginx_pid):
            print(f"Page size: {len(html):,} bytes of HTML")
            measurements = []
            for connections in connection_counts:
                measurements.append(
                    measure(
                        "nginx static copy",
                        static_url,
                        nginx_pid,
                        connections=connections,
                        seconds=options.seconds,
                    )
                )
                measurements.append(
                    measure(
                        "byline article page",
                        article_url,
                        byline_pid,
                        connections=connections,
                        seconds=options.seconds,
                    )
                )

    print_table(measurements, baseline="nginx static copy")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "workers": options.workers,
                "database": options.database_url.split(":")[0],
                "results": as_json_rows(measurements),
            },
            indent=2,
        )
    )
    print(f"Written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
