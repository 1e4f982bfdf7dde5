"""Build discussions for tests: through the services for realism, in bulk for size."""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Count
from django.utils import timezone

from byline.discussion import markup, services
from byline.discussion.forms import form_started_token
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread, position_step
from byline.discussion.services import Guest


def trap_fields(seconds_ago: float = 60) -> dict[str, str]:
    """The comment form's spam-trap fields as a person's browser sends them: the honeypot empty,
    the form served ``seconds_ago``."""
    return {"website": "", "started": form_started_token(time.time() - seconds_ago)}


def guest(name: str = "Maya Reader", token: str = "guest-token-maya") -> tuple[Reader, Guest]:
    return Reader(guest_token=token), Guest(name=name, email=f"{token}@example.org")


def post(
    page,
    body: str = "I doubt the source.",
    *,
    parent: Comment | None = None,
    as_user=None,
    token="guest-token-maya",
) -> Comment:
    """Post through the real service, as a guest unless ``as_user`` is given."""
    if as_user is not None:
        return services.post_comment(
            page=page, body=body, reader=Reader(user=as_user), parent_id=parent and parent.pk
        )
    reader, identity = guest(token=token)
    return services.post_comment(
        page=page, body=body, reader=reader, guest=identity, parent_id=parent and parent.pk
    )


def bulk_thread(page, *, roots: int, replies_per_root: int = 0) -> Thread:
    """A large thread written in a few statements, with the same positions and counts as posting."""
    thread = Thread.objects.for_page(page)
    start = timezone.now() - dt.timedelta(days=1)
    html = markup.render("A comment written in bulk.")

    def comment(index: int, **fields) -> Comment:
        return Comment(
            thread=thread, body="A comment written in bulk.", body_html=html, guest_name=f"Reader {index % 20}",
            created_at=start + dt.timedelta(seconds=index), **fields,
        )  # fmt: skip

    created_roots = Comment.objects.bulk_create([comment(i) for i in range(roots)])
    for root in created_roots:
        root.position = position_step(root.pk)
    Comment.objects.bulk_update(created_roots, ["position"], batch_size=500)
    replies = Comment.objects.bulk_create(
        [
            comment(i, parent=root, root=root, depth=1)
            for root in created_roots
            for i in range(replies_per_root)
        ],
        batch_size=500,
    )
    for reply in replies:
        reply.position = reply.root.position + position_step(reply.pk)
    Comment.objects.bulk_update(replies, ["position"], batch_size=500)
    Comment.objects.filter(pk__in=[root.pk for root in created_roots]).update(
        reply_count=replies_per_root
    )
    total = Comment.objects.filter(thread=thread).aggregate(n=Count("pk"))["n"]
    Thread.objects.filter(pk=thread.pk).update(comment_count=total, last_comment_at=timezone.now())
    thread.refresh_from_db()
    return thread


def submission(thread: Thread, body: str = "A fair point, well made.", **fields):
    """A moderation Submission for ``thread``, as a guest posting from a form unless told."""
    from byline.discussion.moderation import Submission

    source = markup.clean_text(body)
    reader, identity = guest(token=fields.pop("token", "guest-token-maya"))
    return Submission(
        thread=thread,
        reader=fields.pop("reader", reader),
        guest=fields.pop("guest", identity),
        body=source,
        body_html=markup.render(source),
        **fields,
    )
