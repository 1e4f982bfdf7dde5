"""Write a whole thread in a few statements, exactly as posting and voting one by one would.

For benchmarks and tests (and, later, importers): a 100,000-comment thread through
``services.post_comment`` takes the better part of an hour; here it takes seconds. Every row is
what the services would have written: ids in posting order, positions built from them, depth
and root, reply counts on every ancestor, scores from real Vote rows, and the thread's count and
last comment time. The ids are reserved up front, so positions are written with the rows
instead of in a second pass.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import batched, cycle

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from byline.discussion import markup
from byline.discussion.models import Comment, Thread, Vote, position_step

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Planned:
    """One comment to write: ``parent`` is the index of an earlier comment in the plan, if a reply."""

    parent: int | None
    body: str
    name: str
    up: int = 0
    down: int = 0


def roots_with_replies(
    roots: int, replies_per_root: int, *, body: str, names: Sequence[str]
) -> list[Planned]:
    """Every root first, then each root's direct replies: a simple shape for tests."""
    plan = [Planned(None, body, names[i % len(names)]) for i in range(roots)]
    plan += [
        Planned(root, body, names[(roots + root + n) % len(names)])
        for root in range(roots)
        for n in range(replies_per_root)
    ]
    return plan


def conversation(
    count: int,
    *,
    bodies: Sequence[str],
    names: Sequence[str],
    reply_share: float = 0.3,
    seed: int = 1,
) -> list[Planned]:
    """A thread shaped like a real one: about ``reply_share`` replies, each answering one of
    the last fifty comments, nested no deeper than the discussion allows; votes heavy-tailed,
    so that a few comments stand out; bodies and names taken in turn."""
    rng = random.Random(seed)
    max_depth = settings.DISCUSSION_MAX_DEPTH
    plan: list[Planned] = []
    depths: list[int] = []
    texts, authors = cycle(bodies), cycle(names)
    for index in range(count):
        parent = None
        if index and rng.random() < reply_share:
            parent = rng.randrange(max(0, index - 50), index)
            # As posting does: a reply past the deepest level attaches to the deepest allowed.
            while depths[parent] >= max_depth - 1:
                parent = plan[parent].parent
        depths.append(0 if parent is None else depths[parent] + 1)
        up = int(rng.paretovariate(1.8)) - 1
        down = int(rng.random() < 0.1)
        plan.append(Planned(parent, next(texts), next(authors), up=min(up, 500), down=down))
    return plan


def write_thread(
    page, plan: Sequence[Planned], *, start: dt.datetime, interval: dt.timedelta
) -> Thread:
    """Add the planned comments to ``page``'s thread, the n-th dated ``start + n * interval``."""
    with transaction.atomic():
        thread = Thread.objects.for_page(page)
        ids = reserve_comment_ids(len(plan))
        shape = Shape.of(plan, ids)
        for batch in batched(comments(thread, plan, ids, shape, start, interval), BATCH_SIZE):
            Comment.objects.bulk_create(batch)
        for batch in batched(votes(plan, ids), BATCH_SIZE):
            Vote.objects.bulk_create(batch)
        if plan:
            Thread.objects.filter(pk=thread.pk).update(
                comment_count=F("comment_count") + len(plan),
                last_comment_at=start + interval * (len(plan) - 1),
            )
    thread.refresh_from_db()
    return thread


def reserve_comment_ids(count: int) -> list[int]:
    """The ids the next ``count`` comments would get, in order, taken now so nobody else does.

    PostgreSQL hands them out from the table's sequence. SQLite has no sequence to draw from: the
    ids after the largest it ever gave (``sqlite_sequence``, which remembers deleted comments'
    ids too, so none is given twice) are free, because Byline's SQLite transactions take the
    write lock when they begin (``transaction_mode = IMMEDIATE``). Posting takes its comment's id
    here too, so that the comment is written once, with its position.
    """
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" coalesce((SELECT max(id) FROM {table}), 0))",
            [table],
        )
        largest = cursor.fetchone()[0]
    return list(range(largest + 1, largest + 1 + count))


@dataclass
class Shape:
    """Where each planned comment sits: depth, root index, position and replies beneath it."""

    depths: list[int]
    roots: list[int | None]
    positions: list[str]
    reply_counts: list[int]

    @classmethod
    def of(cls, plan: Sequence[Planned], ids: Sequence[int]) -> Shape:
        shape = cls([], [], [], [0] * len(plan))
        for index, planned in enumerate(plan):
            parent = planned.parent
            if parent is None:
                shape.depths.append(0)
                shape.roots.append(None)
                shape.positions.append(position_step(ids[index]))
                continue
            shape.depths.append(shape.depths[parent] + 1)
            shape.roots.append(parent if shape.roots[parent] is None else shape.roots[parent])
            shape.positions.append(shape.positions[parent] + position_step(ids[index]))
            while parent is not None:
                shape.reply_counts[parent] += 1
                parent = plan[parent].parent
        return shape


def comments(
    thread: Thread,
    plan: Sequence[Planned],
    ids: Sequence[int],
    shape: Shape,
    start: dt.datetime,
    interval: dt.timedelta,
) -> Iterator[Comment]:
    rendered: dict[str, str] = {}
    for index, planned in enumerate(plan):
        if planned.body not in rendered:
            rendered[planned.body] = markup.render(planned.body)
        parent, root = planned.parent, shape.roots[index]
        yield Comment(
            pk=ids[index],
            thread=thread,
            parent_id=None if parent is None else ids[parent],
            root_id=None if root is None else ids[root],
            depth=shape.depths[index],
            position=shape.positions[index],
            status=Comment.Status.PUBLISHED,
            body=planned.body,
            body_html=rendered[planned.body],
            guest_name=planned.name,
            guest_email=f"reader-{index % 997}@example.org",
            created_at=start + interval * index,
            score=planned.up - planned.down,
            upvotes=planned.up,
            downvotes=planned.down,
            reply_count=shape.reply_counts[index],
        )


def votes(plan: Sequence[Planned], ids: Sequence[int]) -> Iterator[Vote]:
    """One row per vote, from distinct readers, as ``services.cast_vote`` would leave them."""
    for index, planned in enumerate(plan):
        for n in range(planned.up + planned.down):
            value = Vote.UP if n < planned.up else Vote.DOWN
            yield Vote(comment_id=ids[index], voter_key=f"g:bulk-reader-{n}", value=value)
