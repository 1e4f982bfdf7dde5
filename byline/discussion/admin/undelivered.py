"""Emails the worker gave up on, where the people who run the site can see and resend them:
comment notifications (``Delivery``) and the other emails of the outbox (``byline.mail``:
confirmations, links, address verification, the moderators' digest).

The worker retries a refused send with a growing delay and stops after
``NOTIFICATIONS_MAX_ATTEMPTS`` or at a permanent refusal (``byline.mail.sending``); the error
log says so once, and this screen keeps saying so until someone acts. Addresses are personal
data and a resend reaches readers, so only superusers see it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem

from byline.discussion.models import Delivery
from byline.discussion.row_ids import row_ids
from byline.discussion.tasks import wake_worker
from byline.mail import sending
from byline.mail import tasks as mail_tasks
from byline.mail.models import OutgoingEmail

LISTED = 200


def may_see(user) -> bool:
    return user.is_active and user.is_superuser


def listing(request: HttpRequest) -> HttpResponse:
    if not may_see(request.user):
        raise PermissionDenied
    failed = Delivery.objects.filter(status=Delivery.Status.FAILED)
    context = {
        "page_title": "Undelivered notifications",
        "header_icon": "warning",
        "total": failed.count(),
        "deliveries": failed.select_related("subscriber", "comment__thread__page").order_by(
            "-created_at"
        )[:LISTED],
        "emails_total": failed_emails().count(),
        "emails": failed_emails().order_by("-created_at")[:LISTED],
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": "Undelivered notifications"},
        ],
    }
    return TemplateResponse(request, "discussion/undelivered/listing.html", context)


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    """Put the chosen failed deliveries (or all of them) back in the outbox, due now."""
    failed = Delivery.objects.filter(status=Delivery.Status.FAILED)
    return _resend(request, failed, wake=wake_worker, noun="notification")


@require_POST
def resend_emails(request: HttpRequest) -> HttpResponse:
    """Put the chosen failed emails of ``byline.mail`` (or all of them) back, due now."""
    return _resend(request, failed_emails(), wake=mail_tasks.wake, noun="email")


def failed_emails():
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)


def _resend(request: HttpRequest, failed, *, wake, noun: str) -> HttpResponse:
    if not may_see(request.user):
        raise PermissionDenied
    if request.POST.get("all") != "1":
        failed = failed.filter(pk__in=row_ids(request.POST.getlist("ids"), limit=LISTED))
    with transaction.atomic():
        count = queue_again(failed, wake=wake)
    if count:
        messages.success(request, f"{count} {noun}{'s' if count != 1 else ''} queued again.")
    else:
        messages.error(request, f"Choose at least one undelivered {noun}.")
    return redirect("discussion_undelivered:listing")


def queue_again(failed, *, wake=wake_worker) -> int:
    """Back in their outbox, due now, with the usual retries (``mail.sending.queue_again``),
    and its worker woken once that commits."""
    count = sending.queue_again(failed)
    if count:
        transaction.on_commit(wake)
    return count


urlpatterns = [
    path("", listing, name="listing"),
    path("resend/", resend, name="resend"),
    path("resend-emails/", resend_emails, name="resend_emails"),
]


class UndeliveredMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see(request.user)


def menu_item() -> MenuItem:
    return UndeliveredMenuItem(
        "Undelivered notifications",
        reverse("discussion_undelivered:listing"),
        name="undelivered-notifications",
        icon_name="warning",
        order=900,
    )
