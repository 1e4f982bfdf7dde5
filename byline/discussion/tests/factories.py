"""Build discussions for tests: through the services for realism, in bulk for size."""

from __future__ import annotations

import datetime as dt
import json
import time

from django.utils import timezone

from byline.discussion import markup
from byline.discussion.anchoring import Selector
from byline.discussion.anchoring.workflows import Passage
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread
from byline.discussion.threads import bulk, services
from byline.discussion.threads.forms import form_started_token
from byline.discussion.threads.services import Guest
from byline.newsroom.tests.factories import ArticlePageFactory, publish

READER_NAMES = [f"Reader {n}" for n in range(20)]


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
    plan = bulk.roots_with_replies(
        roots, replies_per_root, body="A comment written in bulk.", names=READER_NAMES
    )
    return bulk.write_thread(
        page, plan, start=timezone.now() - dt.timedelta(days=1), interval=dt.timedelta(seconds=1)
    )


def follower(
    page,
    address: str,
    *,
    kind: str = "article",
    comment: Comment | None = None,
    frequency: str = "immediate",
    confirmed: bool = True,
):
    """A subscription as it is once its guest confirmed it (or, with ``confirmed=False``, before)."""
    from byline.discussion.models import Subscriber, Subscription

    now = timezone.now() if confirmed else None
    subscriber, _ = Subscriber.objects.get_or_create(address=address)
    if confirmed and subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    return Subscription.objects.create(
        subscriber=subscriber, kind=kind, thread=Thread.objects.for_page(page),
        comment=comment, frequency=frequency, confirmed_at=now,
    )  # fmt: skip


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


INLINE_BODY = [
    {"type": "paragraph", "id": "p-intro", "value": "<p>The couple were seen leaving the restaurant at midnight. A source close to the pair said they had argued.</p>"},
    {"type": "inline_prompt", "id": "q-source", "value": {
        "text": "<p>The restaurant declined to comment, and a representative called the story “pure invention”.</p>",
        "passage": "a representative called the story “pure invention”",
        "question": "Do you believe the representative?",
    }},
    {"type": "subheading", "id": "h-next", "value": "What happens next"},
    {"type": "paragraph", "id": "p-next", "value": "<p>The tour resumes in Leeds on Friday. Tickets are still on sale.</p>"},
]  # fmt: skip


def inline_article(**fields):
    """A published article with known block ids: prose paragraphs and one editor's prompt."""
    return publish(ArticlePageFactory(body=json.dumps(INLINE_BODY), **fields))


def selection(text_block: str, exact: str, *, start: int = 0, end: int = 0) -> dict[str, str]:
    """The hidden fields the script sends for a reader's selection (a hint of position only)."""
    return {"block": text_block, "exact": exact, "prefix": "", "suffix": "",
            "start": str(start), "end": str(end)}  # fmt: skip


ARGUED = "A source close to the pair said they had argued."


def post_on(article, exact=ARGUED, block="p-intro", body="Who is the source?", token="t-1"):
    """Post a guest's comment on a passage of ``article`` through the real service."""
    reader, identity = guest(token=token)
    selector = Selector(block_id=block, exact=exact, prefix="", suffix="", start=0, end=0)
    return services.post_comment(
        page=article, body=body, reader=reader, guest=identity, passage=Passage(selector=selector)
    )


def recipients() -> list[str]:
    """Every address the tests' mail outbox has sent to, sorted."""
    from django.core import mail

    return sorted(address for message in mail.outbox for address in message.to)
