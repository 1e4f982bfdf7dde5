"""HTTP for the reader's own place: My comments (and claiming a guest's past), My subscriptions
and notification preferences. Signed-in readers only; every change is a POST that names rows
by id, and an id that is not this reader's is a 404, never a change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Subscriber, Subscription
from byline.discussion.notify import subscriptions
from byline.discussion.readers import claiming, history
from byline.discussion.readers.addresses import verified_addresses
from byline.discussion.readers.forms import PreferencesForm
from byline.discussion.row_ids import row_id


@login_required
@require_http_methods(["GET", "HEAD"])
def my_comments(request: HttpRequest) -> HttpResponse:
    page, comments = history.page_of_comments(request.user, request.GET.get("page"))
    context = {"items": page, "comments": comments, **_claim_offer(request)}
    return render(request, "discussion/readers/comments.html", context)


@login_required
@require_POST
def claim_guest_past(request: HttpRequest) -> HttpResponse:
    claimed = claiming.claim(user=request.user)
    if claimed:
        messages.success(request, f"Claimed {describe(claimed)}: they are your account’s now.")
    else:
        messages.info(request, "There was nothing left to claim.")
    return redirect("my_comments")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_subscriptions(request: HttpRequest) -> HttpResponse:
    addresses = verified_addresses(request.user)
    error = None
    if request.method == "POST":
        try:
            messages.success(request, _change_subscription(request.POST, addresses))
            return redirect("my_subscriptions")
        except DiscussionError as problem:
            error = problem.message
    context = {
        "addresses": addresses,
        "subscriptions": [
            (subscription, subscription.describe())
            for subscription in Subscription.objects.for_display()
            .select_related("comment__author", "subscriber")
            .filter(subscriber__address__in=addresses)
        ],
        "frequencies": Subscription.Frequency.choices,
        "error": error,
        **_claim_offer(request, addresses),
    }
    status = 400 if error else 200
    return render(request, "discussion/readers/subscriptions.html", context, status=status)


def _change_subscription(data, addresses: list[str]) -> str:
    """Apply one change of the page (through notify's services); say what was done."""
    action = data.get("action", "")
    if action == "stop-all":
        stopped = sum(
            subscriptions.stop_subscriptions(subscriber=subscriber)
            for subscriber in Subscriber.objects.filter(address__in=addresses)
        )
        return f"Stopped {plural(stopped, 'subscription')}."
    subscription = (
        Subscription.objects.select_related("subscriber")
        .filter(pk=row_id(data.get("subscription")), subscriber__address__in=addresses)
        .first()
    )
    if subscription is None or action not in ("frequency", "stop"):
        raise Http404("No such subscription of yours.")
    what = subscription.describe()
    if action == "stop":
        subscriptions.remove(subscriber=subscription.subscriber, subscription_id=subscription.pk)
        return f"Stopped: {what}."
    subscriptions.set_frequency(
        subscriber=subscription.subscriber,
        subscription_id=subscription.pk,
        frequency=data.get("frequency", ""),
    )
    return "Saved how often you hear of it."


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    stored = Subscriber.objects.filter(address=user.verified_address).first()
    initial = {
        "mentions": stored.mentions if stored else True,
        "default_frequency": stored.default_frequency if stored else "immediate",
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and user.verified_address and form.is_valid():
        subscriber = subscriptions.subscriber_of_user(user)
        subscriptions.set_mentions(
            subscriber_id=subscriber.pk, enabled=form.cleaned_data["mentions"]
        )
        subscriptions.set_default_frequency(
            subscriber=subscriber, frequency=form.cleaned_data["default_frequency"]
        )
        messages.success(request, "Your notification preferences are saved.")
        return redirect("my_preferences")
    context = {"form": form, "address": user.verified_address}
    status = 400 if form.is_bound else 200
    return render(request, "discussion/readers/preferences.html", context, status=status)


def _claim_offer(request: HttpRequest, addresses: list[str] | None = None) -> dict:
    addresses = verified_addresses(request.user) if addresses is None else addresses
    past = claiming.guest_past(request.user) if addresses else claiming.GuestPast()
    return {"guest_past": past, "guest_addresses": addresses, "guest_past_words": describe(past)}


def describe(past: claiming.GuestPast) -> str:
    """ "2 comments, 1 vote and 1 subscription", leaving out what is none."""
    parts = [
        plural(past.comments, "comment"),
        plural(past.votes, "vote"),
        plural(past.subscriptions, "subscription"),
    ]
    counted = [
        part
        for part, n in zip(parts, (past.comments, past.votes, past.subscriptions), strict=True)
        if n
    ]
    if len(counted) > 1:
        return ", ".join(counted[:-1]) + " and " + counted[-1]
    return counted[0] if counted else "nothing"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
