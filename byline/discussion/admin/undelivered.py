"""Notifications the worker gave up on, where the people who run the site can see and resend them.

The worker retries a refused send with a growing delay and stops after
``NOTIFICATIONS_MAX_ATTEMPTS`` or at a permanent refusal (``notify.delivery``); the error
log says so once, and this screen keeps saying so until someone acts. Addresses are personal
data and a resend reaches readers, so only superusers see it (the ``SuperusersOnly`` policy).
The list is Wagtail's generic index view, a page at a time; a resend returns to its page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from byline.discussion.models import Delivery
from byline.discussion.row_ids import row_ids
from byline.discussion.tasks import wake_worker
from byline.safe_redirect import redirect_to_next

PER_PAGE = 50


class SuperusersOnly(BasePermissionPolicy):
    """Every action on deliveries (seeing who was written to, sending again) is a superuser's."""

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


class UndeliveredView(IndexView):
    """The deliveries the worker gave up on, newest first, a page at a time."""

    model = Delivery
    permission_policy = superusers
    any_permission_required = ["view"]
    template_name = "discussion/undelivered/listing.html"
    results_template_name = "discussion/undelivered/listing_results.html"
    index_url_name = "discussion_undelivered:listing"
    index_results_url_name = "discussion_undelivered:listing_results"
    page_title = "Undelivered notifications"
    header_icon = "warning"
    paginate_by = PER_PAGE
    # Rows created together (one fan-out) keep one order from page to page.
    default_ordering = ("-created_at", "-pk")
    verbose_name = "undelivered notification"
    verbose_name_plural = "undelivered notifications"

    def get_base_queryset(self) -> QuerySet:
        return failed_deliveries().select_related("subscriber", "comment__thread__page")


@require_POST
def resend(request: HttpRequest) -> HttpResponse:
    """Put the chosen failed deliveries (or all of them) back in the outbox, due now."""
    if not may_see(request.user):
        raise PermissionDenied
    failed = failed_deliveries()
    if request.POST.get("all") != "1":
        # A selection comes from one page of the listing.
        failed = failed.filter(pk__in=row_ids(request.POST.getlist("ids"), limit=PER_PAGE))
    with transaction.atomic():
        count = queue_again(failed)
    if count:
        messages.success(request, f"{count} notification{'s' if count != 1 else ''} queued again.")
    else:
        messages.error(request, "Choose at least one undelivered notification.")
    return redirect_to_next(request, default=reverse("discussion_undelivered:listing"))


def queue_again(failed) -> int:
    """Failed rows were never accepted by the mail server, so sending them again cannot double
    an email; the attempt count restarts so that the usual retries apply."""
    count = failed.update(
        status=Delivery.Status.PENDING,
        attempts=0,
        due_at=timezone.now(),
        claim="",
        locked_until=None,
        attempted_at=None,
    )
    if count:
        transaction.on_commit(wake_worker)
    return count


class UndeliveredMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see(request.user)


class UndeliveredViewSet(ViewSet):
    """The screen and its resend action at /admin/undelivered/, listed in the Reports menu."""

    name = "discussion_undelivered"
    url_prefix = "undelivered"
    icon = "warning"
    menu_label = "Undelivered notifications"

    def get_urlpatterns(self):
        return [
            path("", UndeliveredView.as_view(), name="listing"),
            path("results/", UndeliveredView.as_view(results_only=True), name="listing_results"),
            path("resend/", resend, name="resend"),
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
