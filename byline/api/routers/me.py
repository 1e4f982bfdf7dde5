"""The reader's own place: ``/me`` (the account), ``/me/comments`` and ``/me/subscriptions``.

An account only (401 for guests), within the token's scopes: ``account`` to read the account
and its comments, ``subscribe`` for its subscriptions. The lists are the account area's own
reads (``readers.history``, the subscriptions of the account's verified addresses), and changes
go through ``notify.subscriptions``; a subscription id that is not this reader's is a 404,
whether or not it exists, so nobody reads, changes or stops anyone else's.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from byline.accounts.avatars import avatar_for
from byline.api.absolute import absolute
from byline.api.callers import MODERATE, Caller, caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.keyset import Keyset
from byline.api.models import Scope
from byline.api.presenting import api_status
from byline.api.schemas.me import (
    MeOut,
    OwnCommentsOut,
    OwnSubscriptionOut,
    OwnSubscriptionsOut,
    SubscriptionChangeIn,
)
from byline.api.schemas.paging import AFTER, LIMIT, RowId
from byline.discussion.models import Subscription
from byline.discussion.notify import subscriptions
from byline.discussion.readers import history
from byline.discussion.readers.addresses import verified_addresses

router = Router(tags=["me"])

AVATAR_SIZE = 96
COMMENTS = Keyset(field="created_at")


def _account(request: HttpRequest, scope: str) -> Caller:
    caller = caller_of(request)
    caller.require_account()
    caller.require(scope)
    return caller


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The reader's account")
def me(request: HttpRequest):
    user = _account(request, Scope.ACCOUNT).user
    return {
        "id": user.pk,
        "name": user.public_name,
        "email": user.email,
        "avatar_url": absolute(avatar_for(user, user.public_name, AVATAR_SIZE).url),
        "verified": bool(user.verified_address),
        "moderator": user.has_perm(MODERATE),
    }


@router.get(
    "/me/comments", response={200: OwnCommentsOut, **ERRORS}, summary="The reader's comments"
)
def my_comments(request: HttpRequest, after: str | None = AFTER, limit: int = LIMIT):
    """Every comment of the account, newest first, with its status as its author reads it."""
    user = _account(request, Scope.ACCOUNT).user
    comments, following = COMMENTS.page(history.comments_of(user), after, limit)
    return {"items": [_own_comment(comment) for comment in comments], "next": following}


def _own_comment(comment) -> dict:
    own = history.OwnComment(comment, history.AUTHOR_STATUS.get(comment.status, "removed"))
    return {
        "id": comment.pk,
        "page_id": comment.thread.page_id,
        "page_title": comment.thread.page.title,
        "body_html": comment.body_html,
        "status": api_status(own.status),
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "reply_count": comment.reply_count,
        "permalink": absolute(comment.get_absolute_url()) if own.is_readable else None,
    }


@router.get(
    "/me/subscriptions",
    response={200: OwnSubscriptionsOut, **ERRORS},
    summary="What the reader's addresses follow",
)
def my_subscriptions(request: HttpRequest):
    """Every subscription and follow of the account's verified addresses, newest first."""
    user = _account(request, Scope.SUBSCRIBE).user
    found = Subscription.objects.for_display().filter(
        subscriber__address__in=verified_addresses(user)
    )
    return {"items": [_own_subscription(subscription) for subscription in found]}


@router.patch(
    "/me/subscriptions/{subscription_id}",
    response={200: OwnSubscriptionOut, **ERRORS},
    summary="Change how often a subscription notifies",
)
def change_subscription(
    request: HttpRequest, subscription_id: RowId, payload: SubscriptionChangeIn
):
    subscription = _own(request, subscription_id)
    subscriptions.set_frequency(
        subscriber=subscription.subscriber,
        subscription_id=subscription.pk,
        frequency=payload.frequency,
    )
    subscription.frequency = payload.frequency
    return _own_subscription(subscription)


@router.delete(
    "/me/subscriptions/{subscription_id}",
    response={204: None, **ERRORS},
    summary="Stop a subscription",
)
def stop_subscription(request: HttpRequest, subscription_id: RowId):
    subscription = _own(request, subscription_id)
    subscriptions.remove(subscriber=subscription.subscriber, subscription_id=subscription.pk)
    return Status(204, None)


def _own(request: HttpRequest, subscription_id: int) -> Subscription:
    """The caller's subscription ``subscription_id``; 404 for anyone else's or none."""
    user = _account(request, Scope.SUBSCRIBE).user
    subscription = (
        Subscription.objects.for_display()
        .select_related("subscriber")
        .filter(pk=subscription_id, subscriber__address__in=verified_addresses(user))
        .first()
    )
    if subscription is None:
        raise ApiError(404, "not_found", "You have no subscription with that id.")
    return subscription


def _own_subscription(subscription: Subscription) -> dict:
    return {
        "id": subscription.pk,
        "kind": subscription.kind,
        "target_title": _target_title(subscription),
        "target_url": absolute(subscription.target_url()),
        "frequency": subscription.frequency,
    }


def _target_title(subscription: Subscription) -> str:
    """The title of what is followed: the article, the story, the topic or the person."""
    if subscription.is_follow:
        target = subscription.target
        return getattr(target, "title", None) or getattr(target, "name", "") if target else ""
    return subscription.thread.page.title if subscription.thread else ""
