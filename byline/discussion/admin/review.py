"""The editors' review of orphaned inline feedback in the Wagtail admin.

Comments whose passage an edit removed are listed with the words they were written on; an
editor re-attaches each to a passage of the live article, or dismisses it from the list (the
comment stays in the thread, marked as written on an earlier version). Only staff with the
``discussion.review_anchor`` permission see or act on it (Wagtail's model permission policy
for Anchor). The list is Wagtail's generic index view, a page of 50 at a time; each decision
returns to the page it was made on.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from byline.discussion.admin.waiting import Waiting, WaitingMenuItem, once_per_request
from byline.discussion.anchoring import SelectorError
from byline.discussion.anchoring.workflows import dismiss, reattach, texts_of
from byline.discussion.models import Anchor
from byline.safe_redirect import redirect_to_next

# Anchor's "review" action is the ``discussion.review_anchor`` permission: Wagtail's model
# policy asks ``user.has_perm``, which refuses inactive accounts and grants superusers.
REVIEW = "review"
reviewers = ModelPermissionPolicy(Anchor)


def can_review(user) -> bool:
    return reviewers.user_has_permission(user, REVIEW)


def _checked(request: HttpRequest) -> None:
    if not can_review(request.user):
        raise PermissionDenied


class OrphansView(IndexView):
    """The orphans, newest comment first, a page at a time, each with the live article's blocks
    to re-attach it to."""

    model = Anchor
    permission_policy = reviewers
    any_permission_required = [REVIEW]
    template_name = "discussion/review/orphans.html"
    results_template_name = "discussion/review/orphans_results.html"
    index_url_name = "discussion_inline_review:orphans"
    index_results_url_name = "discussion_inline_review:orphans_results"
    page_title = "Inline feedback to review"
    header_icon = "warning"
    paginate_by = 50
    # Comments posted in the same instant keep one order from page to page.
    default_ordering = ("-comment__created_at", "-pk")
    verbose_name = "inline comment to review"
    verbose_name_plural = "inline comments to review"

    def get_base_queryset(self) -> QuerySet:
        return Anchor.objects.awaiting_review().select_related(
            "comment__thread__page", "comment__author", "revision"
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        for anchor in context["object_list"]:
            anchor.choices = _block_choices(anchor.comment.thread.page)
        return context


def _block_choices(page) -> list[tuple[str, str]]:
    texts = texts_of(page.specific_deferred) or {}
    return [(block_id, text[:80]) for block_id, text in texts.items()]


@require_POST
def reattach_orphan(request: HttpRequest, anchor_id: int) -> HttpResponse:
    _checked(request)
    try:
        reattach(
            anchor_id=anchor_id,
            block_id=request.POST.get("block", "")[:64],
            exact=request.POST.get("exact", "")[:4000],
        )
    except (SelectorError, Anchor.DoesNotExist) as error:
        messages.error(request, f"Not re-attached: {error}")
    else:
        messages.success(request, "Re-attached to the passage you chose.")
    return redirect_to_next(request, default=reverse("discussion_inline_review:orphans"))


@require_POST
def dismiss_orphan(request: HttpRequest, anchor_id: int) -> HttpResponse:
    _checked(request)
    try:
        dismiss(anchor_id=anchor_id)
    except Anchor.DoesNotExist:
        messages.error(request, "That comment is no longer awaiting review.")
    else:
        messages.success(request, "Dismissed: the comment stays, quoting the earlier version.")
    return redirect_to_next(request, default=reverse("discussion_inline_review:orphans"))


def orphaned_feedback(request: HttpRequest) -> Waiting | None:
    """How many orphans await an editor, for those who may review them; None for others."""
    if not can_review(request.user):
        return None
    url = reverse("discussion_inline_review:orphans")
    return once_per_request(
        request,
        "orphaned",
        lambda: Waiting(
            Anchor.objects.awaiting_review().count(),
            "inline comment whose passage is gone",
            "inline comments whose passage is gone",
            url,
        ),
    )


class InlineReviewViewSet(ViewSet):
    name = "discussion_inline_review"
    url_prefix = "inline-feedback"
    icon = "warning"
    menu_label = "Inline feedback to review"

    def get_urlpatterns(self):
        return [
            path("", OrphansView.as_view(), name="orphans"),
            path("results/", OrphansView.as_view(results_only=True), name="orphans_results"),
            path("<int:anchor_id>/reattach/", reattach_orphan, name="reattach"),
            path("<int:anchor_id>/dismiss/", dismiss_orphan, name="dismiss"),
        ]

    def get_menu_item(self, order=None):
        return WaitingMenuItem(
            self.menu_label,
            reverse("discussion_inline_review:orphans"),
            name="inline-feedback-review",
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
            waiting_for=orphaned_feedback,
        )
