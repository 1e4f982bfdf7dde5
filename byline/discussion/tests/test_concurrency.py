"""Concurrent writers lose nothing: votes and posts racing on PostgreSQL, each in its own connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread, Vote
from byline.discussion.tests.factories import guest, post
from byline.discussion.threads import services
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and real parallel writers need PostgreSQL",
    ),
]


def run_together(jobs: list[Callable[[], None]]) -> list[BaseException]:
    """Start every job at the same moment, each in a thread with its own database connection."""
    barrier = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def worker(job: Callable[[], None]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return failures


def test_concurrent_votes_from_many_readers_are_all_counted():
    comment = post(ArticlePageFactory(), token="author")
    voters = [Reader(guest_token=f"voter-{n}") for n in range(16)]

    failures = run_together(
        [
            lambda r=r: services.cast_vote(comment_id=comment.pk, reader=r, value=Vote.UP)
            for r in voters
        ]
    )

    comment.refresh_from_db()
    assert failures == []
    assert (comment.score, comment.upvotes) == (16, 16)
    assert Vote.objects.filter(comment=comment).count() == 16


def test_one_reader_voting_twice_at_once_counts_once():
    comment = post(ArticlePageFactory(), token="author")
    voter = Reader(guest_token="eager")

    failures = run_together(
        [
            lambda: services.cast_vote(comment_id=comment.pk, reader=voter, value=Vote.UP)
            for _ in range(8)
        ]
    )

    comment.refresh_from_db()
    assert failures == []
    assert (comment.score, comment.upvotes) == (1, 1)


def test_concurrent_replies_are_all_written_and_counted():
    article = ArticlePageFactory()
    root = post(article, token="author")

    def reply(n: int) -> None:
        reader, identity = guest(name=f"Reader {n}", token=f"reader-{n}")
        services.post_comment(
            page=article, body=f"Reply {n}", reader=reader, guest=identity, parent_id=root.pk
        )

    failures = run_together([lambda n=n: reply(n) for n in range(12)])

    root.refresh_from_db()
    assert failures == []
    assert Comment.objects.filter(root=root).count() == 12
    assert root.reply_count == 12
    assert Thread.objects.get(page=article).comment_count == 13
    assert len(set(Comment.objects.filter(root=root).values_list("position", flat=True))) == 12
