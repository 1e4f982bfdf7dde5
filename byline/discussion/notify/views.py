"""HTTP for "Notify of": subscribe, confirm, unsubscribe (RFC 8058 one-click) and manage.

Every view parses, calls ``subscriptions`` and renders. Answers to strangers never depend on
whether an address is known; a bad link gets a clear page with status 400, never an error.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from byline.discussion.errors import DiscussionError
from byline.discussion.http import discussed_page, wants_fragment
from byline.discussion.identity import reader_of
from byline.discussion.models import Subscription
from byline.discussion.notify import links, subscriptions
from byline.discussion.notify.forms import FollowForm, NotifyForm
from byline.discussion.notify.links import InvalidLink
from byline.discussion.row_ids import row_id
from byline.ratelimits import Rate, client_ip, hit

TOO_MANY = "You have asked many times in a short while. Please try again in an hour."
# What the <head> of these pages says (byline.discovery.seo.SeoContext's fields).
PAGE = {"seo": {"noindex": True}}


def client_allowed(request: HttpRequest) -> bool:
    """Per client address (the one the trusted proxies saw), a clear limit on requests that
    could lead to an email."""
    rate = Rate(settings.NOTIFICATIONS_REQUESTS_PER_HOUR, 3600)
    return hit("notify-client", client_ip(request) or "", rate)


@require_POST
def subscribe(request: HttpRequest, page_id: int) -> HttpResponse:
    page = discussed_page(page_id)
    reader = reader_of(request)
    form = NotifyForm(request.POST, reader=reader)
    notice, status = None, 200
    if not client_allowed(request):
        notice, status = TOO_MANY, 429
    elif form.is_valid():
        data = form.cleaned_data
        try:
            subscriptions.subscribe(
                page=page, kind=data["kind"], user=reader.user, email=data.get("email", ""),
                comment_id=data["comment"], frequency=data["frequency"],
            )  # fmt: skip
            notice = subscriptions.subscription_answer(reader)
            # A fresh form: the answer must not differ with what was asked, even by an echo.
            form = NotifyForm(reader=reader)
        except DiscussionError as error:
            form.add_error(error.field, error.message)
    if form.errors:
        status = 400
    context = {"notify_form": form, "notice": notice, "page": page, "reader": reader}
    context["seo"] = {"page": page, "noindex": True}
    if wants_fragment(request):
        return render(request, "discussion/includes/notify_form.html", context, status=status)
    return render(request, "discussion/notify/subscribe.html", context, status=status)


@require_POST
def follow(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """Follow a story (by its page's id), a topic or a person (by slug): a signed-in reader with
    a proven address at once, anyone else once they confirm the emailed link."""
    target = followable(kind, key)
    reader = reader_of(request)
    form = FollowForm(request.POST, reader=reader, prefix_id=f"follow_{kind}")
    notice, status = None, 200
    if not client_allowed(request):
        notice, status = TOO_MANY, 429
    elif form.is_valid():
        data = form.cleaned_data
        try:
            subscriptions.follow(
                target=target, user=reader.user, email=data.get("email", ""),
                frequency=data["frequency"],
            )  # fmt: skip
            notice = subscriptions.subscription_answer(reader)
            form = FollowForm(reader=reader, prefix_id=f"follow_{kind}")
        except DiscussionError as error:
            form.add_error(error.field, error.message)
    if form.errors:
        status = 400
    context = {
        "follow_form": form,
        "notice": notice,
        "target": target,
        "kind": kind,
        "follow_url": request.path,
        "reader": reader,
        "seo": {"noindex": True},
    }
    if wants_fragment(request):
        return render(
            request, "discussion/notify/includes/follow_form.html", context, status=status
        )
    return render(request, "discussion/notify/follow.html", context, status=status)


def followable(kind: str, key: str):
    """The live story, or the topic or person, a follow form names; 404 for anything else."""
    from byline.newsroom.models import Person, Topic

    if kind == Subscription.Kind.TOPIC:
        target = Topic.objects.filter(slug=key).first()
    elif kind == Subscription.Kind.PERSON:
        target = Person.objects.filter(slug=key).first()
    elif kind == Subscription.Kind.STORY and key.isdigit() and len(key) < 19:
        target = Page.objects.live().public().filter(pk=int(key)).specific().first()
        if target is not None and subscriptions.is_story(target) is False:
            target = None
    else:
        target = None
    if target is None:
        raise Http404("Nothing to follow here.")
    return target


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: link scanners that open every link confirm nothing."""
    try:
        if request.method == "POST":
            user = request.user if request.user.is_authenticated else None
            subscription = subscriptions.confirm(token=token, user=user)
            done = True
        else:
            pk = links.read_confirm_token(token)
            subscription = Subscription.objects.for_display().filter(pk=pk).first()
            if subscription is None:
                raise InvalidLink("This subscription no longer exists. Subscribe again.")
            done = subscription.is_confirmed
    except InvalidLink as error:
        return link_problem(request, error)
    context = {
        "subscription": subscription,
        "what": subscription.describe(),
        "done": done,
        "manage_url": reverse(
            "discussion:notify_manage", args=[links.manage_token(subscription.subscriber)]
        ),
        **PAGE,
    }
    return render(request, "discussion/notify/confirm.html", context)


# Mail providers post RFC 8058 one-click requests without cookies; the signed token in the URL
# is what authorises the request, so there is no session for CSRF protection to protect.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (and changes nothing); POST, from the page's button or a mail provider's
    one-click request, unsubscribes."""
    try:
        if request.method == "POST":
            result = subscriptions.unsubscribe(token=token)
        else:
            result = subscriptions.describe_unsubscribe(token=token)
    except InvalidLink as error:
        return link_problem(request, error)
    # Unsubscribe links never expire (mail providers keep them): they lead to the page that
    # asks for a manage link, never to a fresh one.
    manage_url = reverse("discussion:notify") if result.subscriber else None
    context = {"result": result, "done": request.method == "POST", "manage_url": manage_url}
    return render(request, "discussion/notify/unsubscribe.html", {**context, **PAGE})


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriptions.subscriber_for(token=token)
    except InvalidLink as error:
        return link_problem(request, error)
    if request.method == "POST":
        changed = apply_change(subscriber, request.POST)
        return redirect(f"{request.path}?changed={int(changed)}")
    context = {
        "subscriber": subscriber,
        "subscriptions": [
            (subscription, subscription.describe())
            for subscription in subscriber.subscriptions.for_display()
        ],
        "frequencies": Subscription.Frequency.choices,
        "changed": request.GET.get("changed") == "1",
        **PAGE,
    }
    return render(request, "discussion/notify/manage.html", context)


def apply_change(subscriber, data) -> bool:
    """One change from the management page; anything malformed changes nothing."""
    action, raw_id = data.get("action", ""), data.get("subscription", "")
    subscription_id = row_id(raw_id)
    try:
        if action == "frequency" and subscription_id:
            subscriptions.set_frequency(
                subscriber=subscriber,
                subscription_id=subscription_id,
                frequency=data.get("frequency", ""),
            )
        elif action == "remove" and subscription_id:
            subscriptions.remove(subscriber=subscriber, subscription_id=subscription_id)
        elif action in ("mentions-on", "mentions-off"):
            subscriptions.set_mentions(subscriber_id=subscriber.pk, enabled=action == "mentions-on")
        elif action == "all":
            subscriptions.unsubscribe_all(subscriber=subscriber)
        else:
            return False
    except DiscussionError:
        return False
    return True


@require_http_methods(["GET", "POST"])
def manage_request(request: HttpRequest) -> HttpResponse:
    """Signed-in readers whose address is proven go straight to their page; guests (and readers
    whose address is not proven yet) ask for a link by email, and every one of them gets the
    same answer, known address or not."""
    if request.user.is_authenticated:
        subscriber = subscriptions.subscriber_of_user(request.user)
        if subscriber is not None:
            return redirect("discussion:notify_manage", token=links.manage_token(subscriber))
    context = {"notice": None, "error": None, **PAGE}
    status = 200
    if request.method == "POST":
        email = request.POST.get("email", "").strip()[:254]
        try:
            validate_email(email)
        except ValidationError:
            context["error"], status = "Enter a valid email address.", 400
        else:
            if client_allowed(request):
                subscriptions.request_manage_link(email=email)
                context["notice"] = (
                    "Check your inbox. If that address follows anything here, a link to manage "
                    "it is on its way."
                )
            else:
                context["error"], status = TOO_MANY, 429
    return render(request, "discussion/notify/request.html", context, status=status)


def link_problem(request: HttpRequest, error: InvalidLink) -> HttpResponse:
    return render(
        request, "discussion/notify/link_problem.html", {"message": str(error), **PAGE}, status=400
    )
