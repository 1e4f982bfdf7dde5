"""Guests become members without losing their past.

A reader who proved an address (allauth's verified rows, never one typed into a form) may claim
what was done as a guest with it: the comments written with that address become the account's;
the votes cast from the browsers that wrote them become the account's votes; the subscriptions
made for the address that still wait for their emailed link are confirmed, since the account
proved the address.

A browser is known by its token, which a guest's comments store (hashed) and their votes are
keyed by (``Reader.voter_key``), so the votes follow the comments' browsers. An account votes
once per comment: a guest vote on a comment the account already voted on, or on one of its own
comments, or a second guest vote on the same comment, is withdrawn, and the comment's counts
with it. Claiming twice claims nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from byline.discussion.models import Comment, Subscription, Vote
from byline.discussion.models.comments import CommentQuerySet
from byline.discussion.notify import subscriptions
from byline.discussion.readers.addresses import verified_addresses
from byline.discussion.threads import purging, services

if TYPE_CHECKING:
    from byline.accounts.models import User


@dataclass(frozen=True)
class GuestPast:
    """What a reader may claim (or, from ``claim``, what was claimed)."""

    comments: int = 0
    votes: int = 0
    subscriptions: int = 0

    def __bool__(self) -> bool:
        return bool(self.comments or self.votes or self.subscriptions)


def guest_past(user: User) -> GuestPast:
    """What the reader did as a guest with their verified addresses and has not claimed yet."""
    addresses = verified_addresses(user)
    if not addresses:
        return GuestPast()
    comments = _guest_comments(addresses)
    return GuestPast(
        comments=comments.count(),
        votes=Vote.objects.filter(voter_key__in=_voter_keys(comments)).count(),
        subscriptions=Subscription.objects.filter(
            subscriber__address__in=addresses, confirmed_at__isnull=True
        ).count(),
    )


def claim(*, user: User) -> GuestPast:
    """Make the reader's guest past the account's, in one transaction; say what moved."""
    addresses = verified_addresses(user)
    if not addresses:
        return GuestPast()
    with transaction.atomic():
        comments = list(
            _guest_comments(addresses)
            .select_for_update(of=("self",))
            .select_related("thread__page")
            .order_by("pk")
        )
        voter_keys = _voter_keys(comments)
        Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(
            author=user, guest_email="", guest_key=""
        )
        votes, changed = _claim_votes(user, voter_keys)
        confirmed = subscriptions.confirm_waiting(addresses=addresses)
        _purge(comments, changed)
    return GuestPast(comments=len(comments), votes=votes, subscriptions=confirmed)


def _guest_comments(addresses: list[str]) -> CommentQuerySet:
    # Guests' addresses are stored as typed: compared without case, as subscribers' are.
    same_address = Q()
    for address in addresses:
        same_address |= Q(guest_email__iexact=address)
    return Comment.objects.filter(same_address, author__isnull=True)


def _voter_keys(comments: CommentQuerySet | list[Comment]) -> list[str]:
    """The vote keys of the browsers that wrote ``comments`` (see ``Reader.voter_key``)."""
    if isinstance(comments, list):
        keys = {comment.guest_key for comment in comments}
    else:
        keys = set(comments.exclude(guest_key="").values_list("guest_key", flat=True).distinct())
    return sorted(f"g:{key[:40]}" for key in keys if key)


def _claim_votes(user: User, voter_keys: list[str]) -> tuple[int, list[Comment]]:
    """Move the browsers' votes to the account, one per comment; withdraw the rest. Return how
    many moved and the comments whose counts changed (to purge)."""
    if not voter_keys:
        return 0, []
    account_key = f"u:{user.pk}"
    guest_votes = list(
        Vote.objects.select_for_update(of=("self",))
        .filter(voter_key__in=voter_keys)
        .select_related("comment__thread__page")
        .order_by("-updated_at", "-pk")
    )
    voted = set(
        Vote.objects.filter(
            voter_key=account_key, comment_id__in=[vote.comment_id for vote in guest_votes]
        ).values_list("comment_id", flat=True)
    )
    moved: list[int] = []
    withdrawn: list[Vote] = []
    for vote in guest_votes:
        if vote.comment_id in voted or vote.comment.author_id == user.pk:
            withdrawn.append(vote)
        else:
            voted.add(vote.comment_id)
            moved.append(vote.pk)
    # Withdrawn first: a moved vote then meets no other row with the account's key.
    for vote in withdrawn:
        services.withdraw_vote(vote)
    Vote.objects.filter(pk__in=moved).update(voter_key=account_key, network="")
    return len(moved), [vote.comment for vote in withdrawn]


def _purge(claimed: Iterable[Comment], recounted: Iterable[Comment]) -> None:
    """The pages that show these comments show another name, or other counts, from now on."""
    seen: set[tuple[int, int]] = set()
    for comment in [*claimed, *recounted]:
        key = (comment.thread_id, comment.root_id or comment.pk)
        if key not in seen:
            seen.add(key)
            purging.purge_thread(comment.thread, comment=comment, count=False)
