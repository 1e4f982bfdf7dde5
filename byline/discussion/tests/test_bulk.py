"""Bulk-written threads are indistinguishable from threads posted and voted one by one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, Q, Sum
from django.utils import timezone

from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread, Vote
from byline.discussion.tests.factories import post
from byline.discussion.threads import bulk, services
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

NAMES = ["Ada", "Bo", "Cy"]


def shape_of(thread: Thread) -> list[tuple]:
    """Each comment's place, with ids replaced by posting order so two threads compare."""
    rows = list(Comment.objects.filter(thread=thread).order_by("pk"))
    order = {comment.pk: n for n, comment in enumerate(rows)}
    in_position_order = sorted(rows, key=lambda comment: comment.position)
    return [
        (
            order.get(comment.parent_id),
            order.get(comment.root_id),
            comment.depth,
            comment.reply_count,
            (comment.score, comment.upvotes, comment.downvotes),
            in_position_order.index(comment),
        )
        for comment in rows
    ]


def post_plan(page, plan: list[bulk.Planned]) -> Thread:
    posted: list[Comment] = []
    for n, planned in enumerate(plan):
        parent = posted[planned.parent] if planned.parent is not None else None
        posted.append(post(page, planned.body, parent=parent, token=f"author-{n}"))
        for v in range(planned.up + planned.down):
            services.cast_vote(
                comment_id=posted[-1].pk,
                reader=Reader(guest_token=f"voter-{v}"),
                value=Vote.UP if v < planned.up else Vote.DOWN,
            )
    return Thread.objects.get(page=page)


def test_a_bulk_thread_matches_the_same_thread_posted_through_the_services(settings):
    settings.DISCUSSION_MAX_DEPTH = 3
    plan = bulk.conversation(60, bodies=["A *short* comment."], names=NAMES, seed=7)
    assert any(planned.up > 1 for planned in plan) and any(planned.down for planned in plan)
    bulk_page, posted_page = ArticlePageFactory(), ArticlePageFactory()

    written = bulk.write_thread(
        bulk_page,
        plan,
        start=timezone.now() - dt.timedelta(hours=1),
        interval=dt.timedelta(seconds=1),
    )
    posted = post_plan(posted_page, plan)

    assert shape_of(written) == shape_of(posted)
    assert written.comment_count == posted.comment_count == 60
    assert {c.body_html for c in written.comments.all()} == {"<p>A <em>short</em> comment.</p>"}


def test_a_conversation_has_about_a_third_replies_nested_to_the_cap(settings):
    settings.DISCUSSION_MAX_DEPTH = 3
    plan = bulk.conversation(3000, bodies=["x" * 120], names=NAMES)
    depths: list[int] = []
    for planned in plan:
        depths.append(0 if planned.parent is None else depths[planned.parent] + 1)

    assert 0.25 < sum(depth > 0 for depth in depths) / len(plan) < 0.35
    assert max(depths) == 2


def test_scores_and_counts_agree_with_the_rows_written():
    page = ArticlePageFactory()
    plan = bulk.conversation(400, bodies=["One.", "Two."], names=NAMES, seed=3)

    thread = bulk.write_thread(page, plan, start=timezone.now(), interval=dt.timedelta(seconds=1))

    tallies = Comment.objects.filter(thread=thread).annotate(
        total=Sum("votes__value"), downs=Count("votes", filter=Q(votes__value=Vote.DOWN))
    )
    assert all(c.score == (c.total or 0) and c.downvotes == c.downs for c in tallies)
    assert thread.comment_count == Comment.objects.filter(thread=thread).count() == 400
    assert thread.last_comment_at == Comment.objects.filter(thread=thread).latest("pk").created_at


def test_comments_posted_after_a_bulk_write_get_later_ids():
    page = ArticlePageFactory()
    thread = bulk.write_thread(
        page,
        bulk.roots_with_replies(5, 1, body="Bulk.", names=NAMES),
        start=timezone.now(),
        interval=dt.timedelta(seconds=1),
    )

    later = post(page, "Posted afterwards.")

    assert later.pk > max(thread.comments.exclude(pk=later.pk).values_list("pk", flat=True))
    assert Thread.objects.get(pk=thread.pk).comment_count == 11
