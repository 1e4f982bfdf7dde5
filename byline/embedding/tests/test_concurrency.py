"""Many readers opening a new page of an allowed site at once make one page, one index and one
thread, and keep the page tree whole (PostgreSQL, each in its own connection)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from byline.discussion.models import Thread
from byline.embedding.external import index_page, page_for_url
from byline.embedding.models import AllowedOrigin, ExternalPage, ExternalPageIndex

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and real parallel writers need PostgreSQL",
    ),
]

BLOG = "https://blog.example.org"


def run_together(jobs: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Start every job at the same moment, each in a thread with its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = []
    failures: list[BaseException] = []

    def worker(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results.append(job())
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, failures


def open_thread(url: str) -> int:
    page = page_for_url(url, "A post read by many")
    return Thread.objects.for_page(page).pk


@pytest.mark.parametrize("index_exists", [False, True])
def test_first_uses_at_once_make_one_page_and_one_thread(index_exists):
    AllowedOrigin.objects.create(origin=BLOG)
    if index_exists:
        index_page()

    results, failures = run_together(
        [lambda n=n: open_thread(f"{BLOG}/post#from-reader-{n}") for n in range(12)]
    )

    assert failures == []
    assert len(set(results)) == 1
    assert ExternalPage.objects.count() == 1 and ExternalPageIndex.objects.count() == 1
    assert Thread.objects.count() == 1


def test_new_pages_at_once_each_get_their_place_in_the_tree():
    AllowedOrigin.objects.create(origin=BLOG)
    index_page()  # The race is between pages, under an index that exists.

    _, failures = run_together([lambda n=n: open_thread(f"{BLOG}/post-{n}") for n in range(10)])

    index = ExternalPageIndex.objects.get()
    pages = ExternalPage.objects.all()
    assert failures == []
    assert pages.count() == 10 and index.numchild == 10
    assert len({page.path for page in pages}) == 10
    assert all(page.get_parent().pk == index.pk for page in pages)
