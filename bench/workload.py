"""Build the workload of PERFORMANCE.md in one database and print where it is, as JSON.

    python -m bench.workload --database-url URL [--sizes 10000,100000]

Runs in its own process because Django is set up for one database per process, and the
benchmark command (bench/run.py) runs on several. It reuses bench/thread.py's builders: the
demo newsroom, a copy of its lead story with a 200-comment thread, copies with the larger
threads (kept between runs, rebuilt when their size is off), and a fresh copy with 200
comments for the write scenarios to post and vote on, so that the read scenarios always read
the same thread.
"""

from __future__ import annotations

import argparse
import json
import os

from bench.harness import create_database_if_missing, production_environment, quiet_for_building

ARTICLE_COMMENTS = 200
WRITES_SLUG = "thread-benchmark-writes"
GUEST_TOKEN = "benchmark-guest-with-the-script"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--sizes", default="10000,100000", help="the larger threads (empty: none)")
    options = parser.parse_args()
    create_database_if_missing(options.database_url)
    os.environ.update(quiet_for_building(production_environment(options.database_url)))
    import django

    django.setup()
    sizes = [int(size) for size in options.sizes.split(",") if size]
    print(json.dumps(build(sizes)))


def build(sizes: list[int]) -> dict:
    from bench import thread

    thread.prepare_site()
    article = thread.article_with_thread(ARTICLE_COMMENTS, rebuild=False)
    next_pages = {}
    for size in sizes:
        page = thread.article_with_thread(size, rebuild=False)
        newest = next(r for r in thread.requests_for(page, size) if r.request == "next page")
        next_pages[str(size)] = {"url": newest.url, "headers": newest.headers}
    writes = fresh_article_for_writes()
    return {
        "article": {"id": article.pk, "url": article.url, "comments": ARTICLE_COMMENTS},
        # On the copy written on, made afresh each run: the read-only ones keep their size.
        "guest_cookie": guest_on(writes),
        "next_pages": next_pages,
        "writes": {"id": writes.pk, "url": writes.url, "comment_ids": comment_ids(writes)},
    }


def fresh_article_for_writes():
    """A new copy of the lead story with a 200-comment thread, replacing the last run's (which
    the write scenarios grew)."""
    from bench import thread
    from byline.discussion.models import Thread
    from byline.newsroom.models import ArticlePage

    old = ArticlePage.objects.filter(slug=WRITES_SLUG).first()
    if old:
        # Unlike the read-only threads, this one took posts through the services, which left
        # outbox rows and deliveries behind: Django's cascade finds every one (a few thousand
        # rows, not the 100,000 that thread.delete_article avoids loading).
        Thread.objects.filter(page=old).delete()
        old.delete()
    page = thread.copy_of_lead_story(WRITES_SLUG, "writes")
    thread.write_bulk_thread(page, ARTICLE_COMMENTS)
    thread.analyze_if_postgresql()
    return page


def guest_on(page) -> str:
    """The Cookie header of a guest whose browser runs the page's script, who wrote a comment
    on ``page`` and voted on another."""
    from django.conf import settings
    from django.http import HttpResponse

    from bench import thread
    from byline.discussion.identity import remember
    from byline.pagecache.shared import PATCHED_BY_SCRIPT

    reader = thread.guest_who_posted_and_voted(page, GUEST_TOKEN)
    cookies = remember(HttpResponse(), reader, {"name": "Bench Guest"}, page_id=page.pk).cookies
    cookies[settings.PAGE_CACHE_PATCH_COOKIE] = f"{PATCHED_BY_SCRIPT}.{page.pk}"
    return "; ".join(f"{name}={morsel.coded_value}" for name, morsel in cookies.items())


def comment_ids(page) -> list[int]:
    from byline.discussion.models import Comment

    published = Comment.objects.filter(thread__page=page, status=Comment.Status.PUBLISHED)
    return list(published.values_list("pk", flat=True))


if __name__ == "__main__":
    main()
