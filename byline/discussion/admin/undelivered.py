"""Emails the worker gave up on, where the people who run the site can see and resend them:
comment notifications (``Delivery``) and the other emails of the outbox (``byline.mail``:
confirmations, links, address verification, the moderators' digest), each a list of its own.

The worker retries a refused send with a growing delay and stops after
``NOTIFICATIONS_MAX_ATTEMPTS`` or at a permanent refusal (``byline.mail.sending``); the error
log says so once, and these screens keep saying so until someone acts. Addresses are personal
data and a resend reaches readers, so only superusers see them (the ``SuperusersOnly`` policy).
Each list is Wagtail's generic index view, a page at a time; a resend returns to its page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from byline.discussion.models import Delivery
from byline.discussion.row_ids import row_ids
from byline.discussion.tasks import wake_worker
from byline.mail import sending
from byline.mail import tasks as mail_tasks
from byline.mail.models import OutgoingEmail
from byline.safe_redirect import redirect_to_next

PER_PAGE = 50


class SuperusersOnly(BasePermissionPolicy):
    """Every action on failed emails (seeing who was written to, sending again) is a
    superuser's."""

    def user_has_permission(self, user, action) -> bool:
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions) -> bool:
        return self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


superusers = SuperusersOnly(Delivery)


def may_see(user) -> bool:
    return superusers.user_has_permission(user, "view")


def failed_deliveries() -> QuerySet:
    return Delivery.objects.filter(status=Delivery.Status.FAILED)


def failed_emails() -> QuerySet:
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)


class FailedListView(IndexView):
    """What the worker gave up on, newest first, a page at a time."""

    permission_policy = superusers
    any_permission_required = ["view"]
    header_icon = "warning"
    paginate_by = PER_PAGE
    # Rows created together (one fan-out) keep one order from page to page.
    default_ordering = ("-created_at", "-pk")


class UndeliveredView(FailedListView):
    model = Delivery
    template_name = "discussion/undelivered/listing.html"
    results_template_name = "discussion/undelivered/listing_results.html"
    index_url_name = "discussion_undelivered:listing"
    index_results_url_name = "discussion_undelivered:listing_results"
    page_title = "Undelivered notifications"
    verbose_name = "undelivered notification"
    verbose_name_plural = "undelivered notifications"

    def get_base_queryset(self) -> QuerySet:
        return failed_deliveries().select_related("subscriber", "comment__thread__page")


class UndeliveredEmailsView(FailedListView):
    model = OutgoingEmail
    template_name = "discussion/undelivered/emails.html"
    results_template_name = "discussion/undelivered/emails_results.html"
    index_url_name = "discussion_undelivered:emails"
    index_results_url_name = "discussion_undelivered:emails_results"
    page_title = "Undelivered emails"
    verbose_name = "undelivered email"
    verbose_name_plural = "undelivered emails"

    def get_base_queryset(self) -> QuerySet:
        return failed_emails()


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    """Put the chosen failed deliveries (or all of them) back in the outbox, due now."""
    return _resend(
        request, failed_deliveries(), wake=wake_worker, noun="notification", listing="listing"
    )


@require_POST
def resend_emails(request: HttpRequest) -> HttpResponse:
    """Put the chosen failed emails of ``byline.mail`` (or all of them) back, due now."""
    return _resend(request, failed_emails(), wake=mail_tasks.wake, noun="email", listing="emails")


def _resend(request: HttpRequest, failed, *, wake, noun: str, listing: str) -> HttpResponse:
    if not may_see(request.user):
        raise PermissionDenied
    if request.POST.get("all") != "1":
        # A selection comes from one page of the listing.
        failed = failed.filter(pk__in=row_ids(request.POST.getlist("ids"), limit=PER_PAGE))
    with transaction.atomic():
        count = queue_again(failed, wake=wake)
    if count:
        messages.success(request, f"{count} {noun}{'s' if count != 1 else ''} queued again.")
    else:
        messages.error(request, f"Choose at least one undelivered {noun}.")
    return redirect_to_next(request, default=reverse(f"discussion_undelivered:{listing}"))


def queue_again(failed, *, wake=wake_worker) -> int:
    """Back in their outbox, due now, with the usual retries (``mail.sending.queue_again``),
    and its worker woken once that commits."""
    count = sending.queue_again(failed)
    if count:
        transaction.on_commit(wake)
    return count


class UndeliveredMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see(request.user)


class UndeliveredViewSet(ViewSet):
    """The two lists and their resend actions under /admin/undelivered/; the Reports menu
    links the notifications, which link the other emails."""

    name = "discussion_undelivered"
    url_prefix = "undelivered"
    icon = "warning"
    menu_label = "Undelivered notifications"

    def get_urlpatterns(self):
        return [
            path("", UndeliveredView.as_view(), name="listing"),
            path("results/", UndeliveredView.as_view(results_only=True), name="listing_results"),
            path("resend/", resend, name="resend"),
            path("emails/", UndeliveredEmailsView.as_view(), name="emails"),
            path(
                "emails/results/",
                UndeliveredEmailsView.as_view(results_only=True),
                name="emails_results",
            ),
            path("emails/resend/", resend_emails, name="resend_emails"),
        ]

    def get_menu_item(self, order=None):
        return UndeliveredMenuItem(
            self.menu_label,
            reverse("discussion_undelivered:listing"),
            name="undelivered-notifications",
            icon_name=self.icon,
            order=900,
        )


viewset = UndeliveredViewSet()
