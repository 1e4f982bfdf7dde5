"""A discussion in which two readers left every kind of row, built through the services."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Delivery, Subscriber, Subscription
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import follower, guest, post
from byline.discussion.threads import services
from byline.mail import outbox

MAYA_GUEST_TOKEN = "maya-guest-browser"
MAYA_GUEST_ADDRESS = "maya-guest@example.org"


@dataclass
class World:
    maya: object  # the reader whose data is asked for
    bob: object  # another reader, whose data must never appear or go
    maya_root: Comment  # Maya's comment with Bob's reply under it
    maya_leaf: Comment  # Maya's comment without replies
    maya_guest: Comment  # Maya's comment as a guest, before she had an account
    bob_root: Comment
    bob_reply: Comment  # Bob's reply to Maya


def build(article) -> World:
    # The report limiter counts per network in the shared cache: start each world afresh.
    cache.clear()
    maya = UserFactory(username="maya", email="maya@example.org", display_name="Maya Patel")
    bob = UserFactory(username="bob", email="bob@example.org", display_name="Bob Stone")
    maya_root = post(article, "Maya's opening thought.", as_user=maya)
    bob_reply = post(article, "Bob answers Maya.", parent=maya_root, as_user=bob)
    maya_leaf = post(article, "Maya's lonely aside.", as_user=maya)
    bob_root = post(article, "Bob's own point.", as_user=bob)
    reader, identity = guest(name="Maya as a guest", token=MAYA_GUEST_TOKEN)
    identity = type(identity)(name="Maya as a guest", email=MAYA_GUEST_ADDRESS)
    maya_guest = services.post_comment(
        page=article, body="Maya before her account.", reader=reader, guest=identity
    )
    Comment.objects.filter(pk__in=[maya_root.pk, maya_leaf.pk, maya_guest.pk]).update(
        ip_address="198.51.100.7"
    )
    Comment.objects.filter(pk__in=[bob_reply.pk, bob_root.pk]).update(ip_address="203.0.113.9")
    # Votes: Maya's account and her guest browser vote on Bob; Bob votes on Maya.
    services.cast_vote(comment_id=bob_root.pk, reader=Reader(user=maya), value=1)
    services.cast_vote(
        comment_id=bob_reply.pk, reader=Reader(guest_token=MAYA_GUEST_TOKEN), value=-1,
        ip_address="198.51.100.7",
    )  # fmt: skip
    services.cast_vote(comment_id=maya_root.pk, reader=Reader(user=bob), value=1)
    actions.report_comment(
        comment_id=bob_root.pk, reader=Reader(user=maya), reason="off_topic",
        note="Maya's report note", ip_address="198.51.100.7",
    )  # fmt: skip
    actions.report_comment(
        comment_id=maya_leaf.pk, reader=Reader(user=bob), reason="spam", note="Bob's note"
    )
    maya_follows = follower(article, "maya@example.org", kind=Subscription.Kind.ARTICLE)
    follower(article, MAYA_GUEST_ADDRESS, kind=Subscription.Kind.REPLIES)
    follower(article, "bob@example.org", kind=Subscription.Kind.ARTICLE)
    Delivery.objects.create(
        subscriber=Subscriber.objects.get(address="maya@example.org"), comment=bob_root,
        subscription=maya_follows, reason=Delivery.Reason.ARTICLE, due_at=bob_root.created_at,
    )  # fmt: skip
    Delivery.objects.create(
        subscriber=Subscriber.objects.get(address="bob@example.org"), comment=maya_leaf,
        reason=Delivery.Reason.ARTICLE, due_at=maya_leaf.created_at,
    )  # fmt: skip
    with transaction.atomic():
        outbox.post(EmailMessage("Maya's welcome", "secret link", to=["Maya <maya@example.org>"]))
        outbox.post(EmailMessage("Bob's welcome", "secret link", to=["bob@example.org"]))
    return World(maya, bob, maya_root, maya_leaf, maya_guest, bob_root, bob_reply)
