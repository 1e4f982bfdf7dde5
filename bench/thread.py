"""Benchmark: what a thread's size costs the article page and the next page of comments.

Builds copies of the demo's lead story with threads of 100, 10,000 and 100,000 comments (written
in bulk, exactly as posting would leave them: about 30% replies, three levels), then measures
in-process, with the production settings, the median and p90 time and the query count of the
article page and of the next page of root comments from deep in the thread, for each sort, and
prints the ratio of the largest thread to the smallest (the target is at most 1.5). It also
prints the query plans of the root-page and first-replies queries on the largest thread.

Then, over HTTP (gunicorn with the production settings, wrk on loopback, after a warm-up), the
article with a 200-comment thread against the same article with comments turned off, next to
nginx serving the first page's bytes as a static file, all in one run.

    bin/bench thread [--sizes 100,10000,100000] [--repeat 30] [--seconds 10]
                     [--connections 1,10,50] [--workers 4] [--database-url URL] [--rebuild] [--no-http]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import time
from dataclasses import asdict, dataclass

from bench.harness import (
    DATA_DIR,
    ROOT,
    as_json_rows,
    create_database_if_missing,
    fetch,
    gunicorn_serving,
    measure,
    nginx_serving,
    print_ratios,
    print_table,
    production_environment,
    quiet_for_building,
    run_wrk,
)

# Django is configured in main(), from the options (which database), so the functions below
# import Django and Byline when they run rather than when this module loads.
RESULTS = ROOT / "bench" / "results" / "thread.json"
SORTS = ("newest", "oldest", "votes")
WORKLOAD_COMMENTS = 200
SECTION_SLUG = "thread-benchmarks"
FRAGMENT = {"Byline-Fragment": "1"}

COMMENTS_ON = "article, 200 comments"
COMMENTS_OFF = "article, comments off"
STATIC = "nginx static copy"


@dataclass
class Timing:
    request: str
    sort: str
    comments: int
    url: str
    median_ms: float
    p90_ms: float
    cpu_median_ms: float
    queries: int
    bytes: int


def main() -> None:
    options = parse_options()
    create_database_if_missing(options.database_url)
    # What grows with a thread is the cost of rendering it: no cache may answer instead.
    env = production_environment(options.database_url, PAGE_CACHE_ENABLED="false")
    # In process, the log lines would go over the figures; gunicorn gets ``env`` as it is.
    os.environ.update(quiet_for_building(env))
    import django

    django.setup()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Database: {options.database_url.split('@')[-1]}")
    prepare_site()
    pages = {size: article_with_thread(size, rebuild=options.rebuild) for size in options.sizes}
    requests = [request for size, page in pages.items() for request in requests_for(page, size)]
    workload = workload_requests(rebuild=options.rebuild)
    timings = time_requests(requests + workload, repeat=options.repeat)
    by_size = [timing for timing in timings if timing.request in ("article page", "next page")]
    print_timings(by_size, options.sizes)
    results = {
        "database": options.database_url.split(":")[0],
        "sizes": options.sizes,
        "repeat": options.repeat,
        "in_process": [asdict(timing) for timing in timings],
        "ratios": ratios(by_size, options.sizes),
    }
    results["comments_on_over_off_in_process"] = print_workload(timings)
    results["query_plans"] = query_plans(pages[max(options.sizes)])
    if options.http:
        results["http"] = compare_over_http(env, options)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(f"Written to {RESULTS.relative_to(ROOT)}")


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100,10000,100000", help="thread sizes to compare (comments)"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per measurement")
    parser.add_argument("--connections", default="1,10,50", help="wrk connection counts")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{DATA_DIR / 'thread.sqlite3'}",
        help="the benchmark database (SQLite under var/bench/ by default)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rewrite the threads even if they exist"
    )
    parser.add_argument(
        "--no-http", dest="http", action="store_false", help="skip the wrk part (gunicorn, nginx)"
    )
    options = parser.parse_args()
    options.sizes = sorted(int(size) for size in options.sizes.split(","))
    options.connections = [int(count) for count in options.connections.split(",")]
    return options


# Building -------------------------------------------------------------------------------------


def prepare_site() -> None:
    """Migrate, seed the demo newsroom if the database is empty, and collect static files."""
    from django.core.management import call_command

    from byline.newsroom.models import ArticlePage

    call_command("migrate", "--no-input", verbosity=0)
    if not ArticlePage.objects.exists():
        call_command("seed_demo", "--no-warm", stdout=io.StringIO())
    call_command("collectstatic", "--no-input", verbosity=0)


def article_with_thread(size: int, *, rebuild: bool, enabled: bool = True):
    """A copy of the demo's lead story with a bulk-written thread of ``size`` comments, reused
    when a previous run left one of the right size."""
    from byline.discussion.models import Thread
    from byline.newsroom.models import ArticlePage

    slug = f"thread-benchmark-{size}" + ("" if enabled else "-comments-off")
    page = ArticlePage.objects.filter(slug=slug).first()
    if page and not rebuild and Thread.objects.filter(page=page, comment_count=size).exists():
        return page
    started = time.perf_counter()
    if page:
        delete_article(page)
    page = copy_of_lead_story(slug, f"{size:,} comments")
    write_bulk_thread(page, size)
    Thread.objects.filter(page=page).update(comments_enabled=enabled)
    analyze_if_postgresql()
    print(f"Built {slug} in {time.perf_counter() - started:.1f} s")
    return page


def kept_article(slug: str, label: str, size: int = 200):
    """The copy of the lead story at ``slug`` with a bulk thread of ``size`` comments: made by
    the first run on a database, kept for the next ones."""
    from byline.newsroom.models import ArticlePage

    prepare_site()
    page = ArticlePage.objects.filter(slug=slug).first()
    if page is None:
        page = copy_of_lead_story(slug, label)
        write_bulk_thread(page, size)
        analyze_if_postgresql()
    return page


def copy_of_lead_story(slug: str, label: str):
    """Copy the newest demo story into the benchmark section, without its tags so that it never
    shows among the demo's related stories, dated just before it so it never leads the site."""
    from wagtail.models import Page

    from byline.newsroom.models import ArticlePage

    source = (
        ArticlePage.objects.live()
        .exclude(slug__startswith="thread-benchmark-")
        .order_by("-first_published_at")
        .first()
    )
    copy = source.copy(
        to=benchmark_section(),
        update_attrs={"slug": slug, "title": f"{source.title} [{label}]"},
        copy_revisions=False,
        keep_live=True,
        log_action=None,
    )
    copy.topics.clear()
    copy.people.clear()
    copy.save()
    published = source.first_published_at - dt.timedelta(hours=1)
    Page.objects.filter(pk=copy.pk).update(
        first_published_at=published, last_published_at=published
    )
    return ArticlePage.objects.get(pk=copy.pk)


def benchmark_section():
    from byline.newsroom.models import HomePage, SectionPage

    section = SectionPage.objects.filter(slug=SECTION_SLUG).first()
    if section is None:
        section = SectionPage(
            title="Thread benchmarks",
            slug=SECTION_SLUG,
            intro="Copies of a demo story with threads of many sizes, for bench/thread.py.",
            show_in_menus=False,
        )
        HomePage.objects.first().add_child(instance=section)
        section.save_revision().publish()
    return section


def write_bulk_thread(page, size: int) -> None:
    """Comments shaped like the demo's (its bodies and commenters), spread from publication on."""
    from django.utils import timezone

    from byline.discussion.demo.conversations import CONVERSATIONS
    from byline.discussion.demo.readers import CAST
    from byline.discussion.threads import bulk

    bodies = [say.body for conversation in CONVERSATIONS for say, _ in conversation.walk()]
    names = [commenter.name for commenter in CAST.values()]
    plan = bulk.conversation(size, bodies=bodies, names=names, seed=size)
    start = page.first_published_at + dt.timedelta(minutes=1)
    interval = (timezone.now() - start) / (size + 1)
    bulk.write_thread(page, plan, start=start, interval=interval)


def analyze_if_postgresql() -> None:
    """Refresh PostgreSQL's statistics after a bulk write, as autovacuum soon would, so that the
    plans measured are a live database's. (Byline never runs ANALYZE on SQLite.)"""
    from django.db import connection

    from byline.discussion.models import Comment, Vote

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Comment._meta.db_table}, {Vote._meta.db_table}")


def delete_article(page) -> None:
    """Delete a benchmark copy; its comments and votes go first in two statements, because
    Django's cascade would load every one of 100,000 rows to delete them."""
    from django.db import connection, transaction

    from byline.discussion.models import Comment, Thread, Vote

    thread = Thread.objects.filter(page=page).first()
    with transaction.atomic(), connection.cursor() as cursor:
        if thread:
            comments, votes = Comment._meta.db_table, Vote._meta.db_table
            cursor.execute(
                f"DELETE FROM {votes} WHERE comment_id IN"
                f" (SELECT id FROM {comments} WHERE thread_id = %s)",
                [thread.pk],
            )
            cursor.execute(f"DELETE FROM {comments} WHERE thread_id = %s", [thread.pk])
        page.delete()


# Measuring in-process -------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    request: str
    sort: str
    comments: int
    url: str
    headers: dict[str, str]


def requests_for(page, size: int) -> list[Request]:
    """The article page and the next page of roots from the middle of the thread, per sort."""
    from byline.discussion.models import Comment, Thread
    from byline.discussion.threads import reading

    thread = Thread.objects.get(page=page)
    requests = []
    for sort in SORTS:
        roots = Comment.objects.visible().roots_of(thread).in_order(sort)
        cursor = reading.encode_cursor(roots[roots.count() // 2], sort)
        requests.append(Request("article page", sort, size, f"{page.url}?sort={sort}", {}))
        next_page = f"/comments/on/{page.pk}/?sort={sort}&after={cursor}"
        requests.append(Request("next page", sort, size, next_page, FRAGMENT))
    return requests


def time_requests(requests: list[Request], *, repeat: int) -> list[Timing]:
    """Time every request ``repeat`` times, round-robin, so that the machine's noise falls on
    every one alike; count each one's queries once."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    counted = [count_queries(client, request) for request in requests]
    wall: list[list[float]] = [[] for _ in requests]
    cpu: list[list[float]] = [[] for _ in requests]
    for _ in range(repeat):
        for index, request in enumerate(requests):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(request.url, headers=request.headers, secure=True)
            wall[index].append((time.perf_counter() - started) * 1000)
            cpu[index].append((time.process_time() - started_cpu) * 1000)
    return [
        Timing(
            request=request.request,
            sort=request.sort,
            comments=request.comments,
            url=request.url,
            median_ms=statistics.median(wall[index]),
            p90_ms=statistics.quantiles(wall[index], n=10)[-1],
            cpu_median_ms=statistics.median(cpu[index]),
            queries=counted[index][0],
            bytes=counted[index][1],
        )
        for index, request in enumerate(requests)
    ]


def count_queries(client, request: Request) -> tuple[int, int]:
    """Warm the request up (renditions, template and URL caches), then return its query count
    and response size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(request.url, headers=request.headers, secure=True)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(request.url, headers=request.headers, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{request.url} answered {response.status_code}")
    return len(queries.captured_queries), len(response.content)


def workload_requests(*, rebuild: bool) -> list[Request]:
    """The article with a 200-comment thread, and its twin with comments turned off."""
    on = article_with_thread(WORKLOAD_COMMENTS, rebuild=rebuild)
    off = article_with_thread(WORKLOAD_COMMENTS, rebuild=rebuild, enabled=False)
    return [
        Request(COMMENTS_ON, "newest", WORKLOAD_COMMENTS, on.url, {}),
        Request(COMMENTS_OFF, "newest", WORKLOAD_COMMENTS, off.url, {}),
    ]


def print_workload(timings: list[Timing]) -> dict[str, float]:
    on, off = (
        next(t for t in timings if t.request == name) for name in (COMMENTS_ON, COMMENTS_OFF)
    )
    print(
        f"\nIn-process, the same run: {COMMENTS_ON} {on.median_ms:.1f} ms"
        f" ({on.cpu_median_ms:.1f} ms CPU, {on.queries} queries), {COMMENTS_OFF}"
        f" {off.median_ms:.1f} ms ({off.cpu_median_ms:.1f} ms CPU, {off.queries} queries):"
        f" on/off {on.median_ms / off.median_ms:.2f} ({on.cpu_median_ms / off.cpu_median_ms:.2f} CPU)"
    )
    return {"wall": on.median_ms / off.median_ms, "cpu": on.cpu_median_ms / off.cpu_median_ms}


def ratios(timings: list[Timing], sizes: list[int]) -> dict[str, dict[str, float]]:
    """Largest thread over smallest, by wall-clock median and by CPU median, per request."""
    by_key = {(t.request, t.sort, t.comments): t for t in timings}
    smallest, largest = sizes[0], sizes[-1]
    return {
        f"{request} / {sort}": {
            "wall": by_key[request, sort, largest].median_ms
            / by_key[request, sort, smallest].median_ms,
            "cpu": by_key[request, sort, largest].cpu_median_ms
            / by_key[request, sort, smallest].cpu_median_ms,
        }
        for request in ("article page", "next page")
        for sort in SORTS
    }


def print_timings(timings: list[Timing], sizes: list[int]) -> None:
    by_key = {(t.request, t.sort, t.comments): t for t in timings}
    print("\nIn-process, production settings: median / p90 ms, (queries)")
    header = "".join(f"{f'{size:,} comments':>24}" for size in sizes)
    print(f"{'request':<14}{'sort':<8}{header}{'largest/smallest':>18}{'(CPU)':>7}")
    ratio = ratios(timings, sizes)
    for request in ("article page", "next page"):
        for sort in SORTS:
            cells = "".join(
                f"{t.median_ms:>9.1f} / {t.p90_ms:>6.1f} ({t.queries:>2})"
                for t in (by_key[request, sort, size] for size in sizes)
            )
            r = ratio[f"{request} / {sort}"]
            print(f"{request:<14}{sort:<8}{cells}{r['wall']:>18.2f}{r['cpu']:>7.2f}")


# Query plans ----------------------------------------------------------------------------------


def query_plans(page) -> dict[str, str]:
    """EXPLAIN (PostgreSQL: EXPLAIN ANALYZE) of the root page from deep in the thread, per sort,
    and of the first replies of a page of roots, on ``page``'s thread."""
    from django.conf import settings

    from byline.discussion.models import Comment, Thread
    from byline.discussion.threads import reading

    thread = Thread.objects.get(page=page)
    size = settings.DISCUSSION_PAGE_SIZE
    plans = {}
    for sort in SORTS:
        roots = Comment.objects.visible().roots_of(thread).for_display().in_order(sort)
        middle = roots[roots.count() // 2]
        cursor = reading.decode_cursor(reading.encode_cursor(middle, sort), sort)
        plans[f"roots after a cursor, {sort}"] = explain(roots.after(sort, cursor)[: size + 1])
    # A page from the middle of the thread that opens with a root that has replies (the
    # newest roots have none yet, and three in four roots never get any).
    roots = Comment.objects.visible().roots_of(thread).in_order("newest")
    answered = roots.filter(reply_count__gt=0)
    opening = answered[answered.count() // 2]
    page_of_roots = list(
        roots.after("newest", (opening.pk + 1,)).values_list("pk", flat=True)[:size]
    )
    replies = Comment.objects.for_display().first_replies(
        page_of_roots, settings.DISCUSSION_REPLIES_SHOWN
    )
    plans["first replies of a page of roots"] = explain(replies)
    print(f"\nQuery plans on the {page.title.rsplit('[', 1)[-1].rstrip(']')} thread:")
    for name, plan in plans.items():
        print(f"-- {name}\n{plan}")
    return plans


def explain(queryset) -> str:
    """The plan of ``queryset``'s SQL. Compiled here rather than with QuerySet.explain(), which
    on SQLite misplaces EXPLAIN when the query filters on a window function."""
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        depth: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _, detail in cursor.fetchall():
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return "\n".join(lines)


# Over HTTP ------------------------------------------------------------------------------------


def compare_over_http(env: dict[str, str], options: argparse.Namespace) -> dict:
    """wrk against gunicorn: the 200-comment article, the same with comments off, and nginx."""
    from django.db import connections

    on = article_with_thread(WORKLOAD_COMMENTS, rebuild=False)
    off = article_with_thread(WORKLOAD_COMMENTS, rebuild=False, enabled=False)
    connections.close_all()
    with gunicorn_serving(env, options.workers) as (root, pid):
        on_url, off_url = root + on.url, root + off.url
        html_on, html_off = fetch(on_url), fetch(off_url)
        if b'id="comments"' not in html_on or b'id="comments"' in html_off:
            raise SystemExit("The comments-on page lacks its thread, or the other one has one.")
        for url in (on_url, off_url):
            run_wrk(url, connections=10, seconds=3)  # warm up every worker
        print(f"\nPages: {len(html_on):,} bytes with comments, {len(html_off):,} without")
        with nginx_serving(html_on) as (static_url, nginx_pid):
            targets = [
                (STATIC, static_url, nginx_pid),
                (COMMENTS_ON, on_url, pid),
                (COMMENTS_OFF, off_url, pid),
            ]
            measurements = [
                measure(target, url, process, connections=count, seconds=options.seconds)
                for count in options.connections
                for target, url, process in targets
            ]
    print(f"\nwrk, {options.workers} gunicorn workers, {options.seconds} s per measurement:")
    print_table(measurements, baseline=STATIC)
    print_ratios(measurements, COMMENTS_ON, COMMENTS_OFF)
    return {
        "workers": options.workers,
        "bytes": {"comments_on": len(html_on), "comments_off": len(html_off)},
        "results": as_json_rows(measurements),
    }


if __name__ == "__main__":
    main()


def guest_who_posted_and_voted(page, token: str):
    """The guest reader of ``token``, who wrote one comment on ``page`` and voted on another's
    (once: the benchmarks keep their articles between runs)."""
    from byline.discussion.identity import Reader
    from byline.discussion.models import Comment
    from byline.discussion.threads import services

    reader = Reader(guest_token=token)
    if not Comment.objects.filter(thread__page=page, guest_key=reader.guest_key).exists():
        services.post_comment(
            page=page, body="A guest's own comment.", reader=reader,
            guest=services.Guest(name="Bench Guest", email="bench-guest@example.org"),
        )  # fmt: skip
        others = Comment.objects.filter(thread__page=page, status="published")
        other = others.exclude(guest_key=reader.guest_key).first()
        services.cast_vote(comment_id=other.pk, reader=reader, value=1)
    return reader
