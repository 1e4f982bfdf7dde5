"""HTTP for readers' data: the account's page (download, erase), a guest's requests by proven
address, the download link, and the privacy page.

Answers to strangers never depend on whether an address has data; a bad or expired link gets
a clear page, never an error.
"""

from __future__ import annotations

from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from byline.discussion.errors import DiscussionError
from byline.discussion.models import DataExport
from byline.discussion.privacy import emails, erasure, exports, links
from byline.discussion.privacy.forms import EraseAccountForm, EraseForm, GuestRequestForm
from byline.discussion.privacy.subjects import DataSubject
from byline.mail import outbox
from byline.ratelimits import Rate, hit

TOO_MANY = "You have asked many times in a short while. Please try again in an hour."
NOINDEX = {"noindex": True}


def _allowed(scope: str, key: str) -> bool:
    """Count one request for ``key`` (an account or an address); say if it may go on. The
    client's address is counted by the accounts' limiter around every view (``urls``)."""
    rate = settings.PRIVACY_REQUEST_RATE
    return not rate or hit(f"privacy-{scope}", key, Rate.parse(rate))


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(
        request, f"discussion/privacy/{template}", {"seo": NOINDEX, **context}, status=status
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """The reader's data: ask for an archive (emailed to their proven address), or erase."""
    user = request.user
    error, status = "", 200
    if request.method == "POST":
        address = user.verified_address
        if not address:
            error, status = "Confirm your email address first: the link is sent there.", 400
        elif not _allowed("account", str(user.pk)):
            error, status = TOO_MANY, 429
        else:
            exports.request_export(user=user, address=address)
            messages.success(
                request,
                f"We are preparing your archive. A link to download it will be emailed to "
                f"{address} in a few minutes.",
            )
            return redirect("my_data")
    context = {
        "error": error,
        "exports": user.data_exports.order_by("-created_at", "-pk")[:5],
        "export_days": settings.PRIVACY_EXPORT_DAYS,
    }
    return _page(request, "my_data.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request: HttpRequest) -> HttpResponse:
    """Erase the signed-in reader's account, confirmed by their password or, for an account
    without one, a sign-in within the last few minutes (allauth's reauthentication)."""
    user = request.user
    with_password = user.has_usable_password()
    form_class = EraseAccountForm if with_password else EraseForm
    kwargs = {"user": user} if with_password else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    fresh = with_password or did_recently_reauthenticate(request)
    status = 200
    if request.method == "POST":
        if not _allowed("erase", str(user.pk)):
            form.add_error(None, TOO_MANY)
            status = 429
        elif not fresh:
            form.add_error(None, "Sign in again first, to confirm it is you.")
            status = 400
        elif form.is_valid():
            try:
                erasure.erase(DataSubject.of_user(user), comments=form.cleaned_data["comments"])
            except DiscussionError as problem:
                form.add_error(None, problem.message)
            else:
                logout(request)
                return _page(request, "erased.html", {"account": True})
        status = status if status != 200 else 400
    context = {
        "form": form,
        "fresh": fresh,
        "staff": erasure.is_team(user),
        "reauthenticate_url": f"{reverse('account_reauthenticate')}?next={reverse('my_data_erase')}",
    }
    return _page(request, "erase.html", context, status)


@require_http_methods(["GET", "POST"])
def guest_request(request: HttpRequest) -> HttpResponse:
    """A guest asks to download or erase what is tied to an address: a link goes to that
    address, and the answer is the same whether Byline holds anything about it or not."""
    form = GuestRequestForm(request.POST if request.method == "POST" else None)
    notice, status = "", 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not _allowed("address", form.cleaned_data["email"].strip().lower()):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            address, action = form.cleaned_data["email"], form.cleaned_data["action"]
            with transaction.atomic():
                outbox.post(emails.guest_link(address, action))
            notice = (
                "Check your inbox. We have emailed a link to that address; open it within "
                f"{settings.PRIVACY_GUEST_LINK_HOURS} hours to go on."
            )
            form = GuestRequestForm()
    return _page(request, "guest_request.html", {"form": form, "notice": notice}, status)


@require_http_methods(["GET", "POST"])
def guest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The page a guest's emailed link opens: the address is proven; a button does the rest
    (a button, so that a mail scanner opening the link does nothing)."""
    try:
        address, action = links.read_guest_token(token)
    except links.InvalidLink as problem:
        return link_problem(request, str(problem))
    form = EraseForm(request.POST if request.method == "POST" else None)
    context = {"address": address, "action": action, "form": form, "done": False}
    status = 200
    if request.method == "POST":
        if action == links.EXPORT:
            exports.request_export(address=address)
            context["done"] = True
        elif form.is_valid():
            erasure.erase(DataSubject.of_address(address), comments=form.cleaned_data["comments"])
            context["done"] = True
        else:
            status = 400
    return _page(request, "guest_confirm.html", context, status)


@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    """Serve an archive to whoever holds its emailed link, until the link expires."""
    try:
        export_id = links.read_download_token(token)
    except links.InvalidLink as problem:
        return link_problem(request, str(problem))
    export = DataExport.objects.filter(
        pk=export_id, status=DataExport.Status.READY, expires_at__gt=timezone.now()
    ).first()
    if (
        export is None
        or not export.archive
        or not export.archive.storage.exists(export.archive.name)
    ):
        return link_problem(
            request, "This archive is no longer kept. Ask for a new one.", status=410
        )
    response = FileResponse(
        export.archive.open("rb"), as_attachment=True, filename=export.archive.name.split("/")[-1]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def link_problem(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    return _page(request, "link_problem.html", {"message": message}, status)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What Byline stores about readers, for how long, and how to take it away or erase it."""
    context = {
        "seo": {"title": "Privacy"},
        "retention_days": settings.PRIVACY_IP_RETENTION_DAYS,
        "export_days": settings.PRIVACY_EXPORT_DAYS,
    }
    return render(request, "discussion/privacy/privacy.html", context)
