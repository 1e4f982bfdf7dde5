"""The moderation queues in the Wagtail admin: pending, reported, approved and rejected.

Each queue is a Wagtail listing (filters, search, ordering, pagination) of the comments in one
state, with the author's history beside each comment, per-comment and bulk decisions that post
to one ``decide`` view, and keyboard shortcuts (``queue.js``). Only staff with the
``discussion.moderate_comment`` permission see or act on them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from django_filters.widgets import SuffixedMultiWidget
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.menu import Menu
from wagtail.admin.ui.tables import BaseColumn, Table
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from byline.discussion.admin.review import InlineReviewViewSet
from byline.discussion.admin.waiting import (
    Waiting,
    WaitingMenuItem,
    WaitingSubmenuMenuItem,
    once_per_request,
)
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Ban, Comment, Report, Thread
from byline.discussion.moderation import actions, rules
from byline.discussion.row_ids import row_id, row_ids
from byline.safe_redirect import next_url

PERMISSION = "discussion.moderate_comment"

REASONS = [
    (rule.code, rule.label)
    for rule in (
        rules.SuspectWords, rules.Links, rules.FirstPosts, rules.Premoderation,
        rules.SpamScore, rules.ExternalSpamService, rules.Banned,
    )
] + [("reports", "Readers' reports")]  # fmt: skip


def can_moderate(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def reader_history_url(comment: Comment) -> str:
    """The author's whole record (``readers.reader_history``): their account or guest address."""
    query = {"account": comment.author_id} if comment.author_id else {"email": comment.guest_email}
    return f"{reverse('moderation_reader_history')}?{urlencode(query)}"


def author_key(comment: Comment) -> str:
    """How the queue names an author: their account, or a guest's address."""
    if comment.author_id:
        return f"u:{comment.author_id}"
    return f"e:{comment.guest_email.lower()}"


class NativeDateRangeWidget(SuffixedMultiWidget):
    """From and to dates with the browser's own date input (no inline script, so no CSP issue)."""

    template_name = "wagtailadmin/widgets/range_input.html"
    suffixes = ["from", "to"]

    def __init__(self, attrs=None):
        widgets = (
            forms.DateInput(attrs={"type": "date", "aria-label": "From"}),
            forms.DateInput(attrs={"type": "date", "aria-label": "To"}),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return [value.start, value.stop] if value else [None, None]


class QueueFilterSet(WagtailFilterSet):
    article = django_filters.ModelChoiceFilter(
        label="Article",
        field_name="thread__page",
        queryset=Page.objects.filter(discussion_thread__isnull=False).order_by("title"),
    )
    author = django_filters.CharFilter(label="Author name or email", method="filter_author")
    author_key = django_filters.CharFilter(
        label="Author", method="filter_author_key", widget=forms.HiddenInput
    )
    reason = django_filters.ChoiceFilter(
        label="Reason", field_name="moderation_rule", choices=REASONS
    )
    posted = django_filters.DateFromToRangeFilter(
        label="Posted", field_name="created_at", widget=NativeDateRangeWidget
    )
    spam = django_filters.BooleanFilter(label="Marked as spam", field_name="is_spam")

    class Meta:
        model = Comment
        fields = []

    def filter_author(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(guest_name__icontains=value)
            | Q(guest_email__icontains=value)
            | Q(author__username__icontains=value)
            | Q(author__display_name__icontains=value)
            | Q(author__email__icontains=value)
        )

    def filter_author_key(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        kind, _, rest = value.partition(":")
        user_id = row_id(rest) if kind == "u" else None
        if user_id is not None:
            return queryset.filter(author_id=user_id)
        if kind == "e" and rest:
            return queryset.filter(author__isnull=True, guest_email__iexact=rest)
        return queryset.none()


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    statuses: tuple[str, ...]
    ordering: str
    empty: str
    reported_only: bool = False

    def comments(self) -> QuerySet:
        found = Comment.objects.filter(status__in=self.statuses)
        if self.reported_only:
            found = found.filter(report_count__gt=0)
        return found


S = Comment.Status
QUEUES = {
    queue.slug: queue
    for queue in (
        Queue("pending", "Pending", (S.PENDING,), "created_at", "Nothing waits for a moderator."),
        Queue("reported", "Reported", (S.PUBLISHED, S.PENDING), "-report_count", "No open reports.", reported_only=True),
        Queue("approved", "Approved", (S.PUBLISHED,), "-created_at", "No published comments yet."),
        Queue("rejected", "Rejected", (S.HIDDEN, S.SHADOWED), "-created_at", "Nothing rejected."),
    )
}  # fmt: skip


class TemplateColumn(BaseColumn):
    """A cell rendered from a template with the comment and the view's context."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["comment"] = instance
        context["queue"] = parent_context.get("queue")
        return context


class QueueTable(Table):
    classname = "listing moderation-queue"

    def get_row_attrs(self, instance):
        return {
            "id": f"queue-comment-{instance.pk}",
            "data-comment-id": str(instance.pk),
            "tabindex": "-1",
            "class": "moderation-queue__row",
        }


class QueueView(IndexView):
    """One queue. ``queue`` is set per URL; everything else is shared."""

    model = Comment
    queue: Queue = QUEUES["pending"]
    template_name = "discussion/moderation/queue.html"
    results_template_name = "discussion/moderation/queue_results.html"
    filterset_class = QueueFilterSet
    search_fields = ["body", "guest_name", "guest_email", "author__username", "author__display_name"]  # fmt: skip
    table_class = QueueTable
    paginate_by = 25
    any_permission_required = None
    header_icon = "comment"
    verbose_name = "comment"
    verbose_name_plural = "comments"

    @cached_property
    def permission_policy(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"{self.queue.label} comments"

    @property
    def default_ordering(self) -> str:
        return self.queue.ordering

    def get_index_url(self) -> str:
        return reverse(f"discussion_moderation:queue_{self.queue.slug}")

    def get_index_results_url(self) -> str:
        return reverse(f"discussion_moderation:results_{self.queue.slug}")

    def get_base_queryset(self) -> QuerySet:
        return self.queue.comments().select_related("author", "thread__page", "moderated_by")

    @cached_property
    def columns(self):
        return [
            TemplateColumn("select", "discussion/moderation/cells/select.html", label="Select"),
            TemplateColumn("comment", "discussion/moderation/cells/comment.html", label="Comment", sort_key="created_at"),
            TemplateColumn("author", "discussion/moderation/cells/author.html", label="Author and history"),
            TemplateColumn("reason", "discussion/moderation/cells/reason.html", label="Why it is here", sort_key="report_count"),
            TemplateColumn("decide", "discussion/moderation/cells/decide.html", label="Decide"),
        ]  # fmt: skip

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        comments = list(context["object_list"])
        attach_history(comments)
        attach_reports(comments)
        context.update(
            queue=self.queue,
            queues=[
                (queue, reverse(f"discussion_moderation:queue_{slug}"))
                for slug, queue in QUEUES.items()
            ],
            decide_url=reverse("discussion_moderation:decide"),
            return_url=self.return_url(),
        )
        return context

    def return_url(self) -> str:
        query = self.request.GET.copy()
        query.pop("_w_filter_fragment", None)
        return f"{self.get_index_url()}?{query.urlencode()}" if query else self.get_index_url()


def attach_history(comments: list[Comment]) -> None:
    """Give each comment its author's record (``.history``) in two queries for the whole page."""
    users = {c.author_id for c in comments if c.author_id}
    emails = {c.guest_email.lower() for c in comments if not c.author_id and c.guest_email}
    counts: dict[str, Counter] = defaultdict(Counter)
    if users or emails:
        rows = (
            Comment.objects.filter(
                Q(author_id__in=users) | Q(author__isnull=True, guest_email__in=emails)
            )
            .values("author_id", "guest_email", "status", "is_spam")
            .annotate(n=Count("id"))
        )
        for row in rows:
            key = f"u:{row['author_id']}" if row["author_id"] else f"e:{row['guest_email'].lower()}"
            label = "spam" if row["is_spam"] else row["status"]
            counts[key][label] += row["n"]
    banned = set()
    for ban in Ban.objects.active().filter(Q(user_id__in=users) | Q(email__in=emails)):
        banned.add(f"u:{ban.user_id}" if ban.kind == Ban.Kind.ACCOUNT else f"e:{ban.email}")
    for comment in comments:
        comment.author_key = author_key(comment)
        comment.history_url = reader_history_url(comment)
        comment.history = counts[comment.author_key]
        comment.author_banned = comment.author_key in banned


def attach_reports(comments: list[Comment]) -> None:
    reported = [c.pk for c in comments if c.report_count]
    by_comment: dict[int, list[Report]] = defaultdict(list)
    for report in Report.objects.filter(comment_id__in=reported, resolved_at__isnull=True).order_by(
        "created_at"
    ):
        by_comment[report.comment_id].append(report)
    for comment in comments:
        comment.open_reports = by_comment[comment.pk]


@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    """Apply one decision to one comment (``act=approve:12``) or to the selected ones."""
    if not can_moderate(request.user):
        raise PermissionDenied
    decision, ids = parse_decision(request.POST)
    try:
        if not ids:
            raise DiscussionError("Select at least one comment.")
        outcome = actions.decide(comment_ids=ids, decision=decision, moderator=request.user)
    except DiscussionError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"error": error.message}, status=400)
        messages.error(request, error.message)
        return redirect(return_target(request))
    message = decision_message(decision, len(ids))
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"message": message, "changed": outcome.changed, "ids": ids})
    messages.success(request, message)
    return redirect(return_target(request))


def decision_message(decision: str, count: int) -> str:
    """What a moderator is told once ``decision`` applied to ``count`` comments (here and in
    the API's decisions)."""
    done = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}[decision]
    return f"{count} comment{'s' if count != 1 else ''} {done}."


def parse_decision(data) -> tuple[str, list[int]]:
    single = data.get("act", "")
    if single:
        decision, _, pk = single.partition(":")
        ids = [pk]
    else:
        decision, ids = data.get("decision", ""), data.getlist("ids")
    return decision, row_ids(ids, limit=500)


def return_target(request: HttpRequest) -> str:
    return next_url(request, default=reverse("discussion_moderation:queue_pending"))


def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One comment in full, with its reports, its author's recent comments and its audit log."""
    if not can_moderate(request.user):
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("author", "thread__page"), pk=pk)
    attach_history([comment])
    same_author = (
        Q(author_id=comment.author_id)
        if comment.author_id
        else Q(author__isnull=True, guest_email__iexact=comment.guest_email)
    )
    context = {
        "comment": comment,
        "page_title": f"Comment {comment.pk}",
        "header_icon": "comment",
        "reports": comment.reports.order_by("-created_at")[:50],
        "recent": Comment.objects.filter(same_author).exclude(pk=comment.pk).select_related("thread__page").order_by("-created_at")[:20],
        "log_entries": log_registry.get_logs_for_instance(comment).select_related("user").order_by("-timestamp")[:50],
        "decide_url": reverse("discussion_moderation:decide"),
        "return_url": request.path,
        "ban_url": reverse("discussion_bans:add"),
        "feature_url": reverse("moderation_feature_comment", args=[comment.pk]),
        "pinned": Thread.objects.filter(pk=comment.thread_id, pinned_comment_id=comment.pk).exists(),
        "breadcrumbs_items": [{"url": reverse("wagtailadmin_home"), "label": "Home"}, {"url": "", "label": f"Comment {comment.pk}"}],
    }  # fmt: skip
    return TemplateResponse(request, "discussion/moderation/comment_detail.html", context)


def queue_view(request: HttpRequest, slug: str, results_only: bool = False) -> HttpResponse:
    queue = QUEUES.get(slug)
    if queue is None:
        raise Http404
    return QueueView.as_view(queue=queue, results_only=results_only)(request)


def waiting_in_queue(request: HttpRequest, slug: str, singular: str, plural: str) -> Waiting | None:
    """How many comments one queue holds, for those who may moderate them; None for others."""
    if not can_moderate(request.user):
        return None
    url = reverse(f"discussion_moderation:queue_{slug}")
    return once_per_request(
        request, slug, lambda: Waiting(QUEUES[slug].comments().count(), singular, plural, url)
    )


def pending_comments(request: HttpRequest) -> Waiting | None:
    return waiting_in_queue(
        request, "pending", "comment awaiting moderation", "comments awaiting moderation"
    )


def reported_comments(request: HttpRequest) -> Waiting | None:
    return waiting_in_queue(
        request, "reported", "comment with open reports", "comments with open reports"
    )


class ModerationViewSet(ViewSet):
    name = "discussion_moderation"
    url_prefix = "moderation"
    icon = "comment"
    menu_label = "Comments"
    menu_name = "moderation-queue"

    def get_urlpatterns(self):
        return [
            *[
                path(f"{slug}/", queue_view, {"slug": slug}, name=f"queue_{slug}")
                for slug in QUEUES
            ],
            *[
                path(
                    f"{slug}/results/",
                    queue_view,
                    {"slug": slug, "results_only": True},
                    name=f"results_{slug}",
                )
                for slug in QUEUES
            ],
            path("decide", decide, name="decide"),
            path("comment/<int:pk>/", comment_detail, name="comment"),
        ]

    def get_menu_item(self, order=None):
        # Counts pending comments, as WordPress's Comments menu does.
        return WaitingMenuItem(
            "Moderation queue",
            reverse("discussion_moderation:queue_pending"),
            name=self.menu_name,
            icon_name="comment",
            order=self.get_menu_item_order(order),
            waiting_for=pending_comments,
        )


class ModeratorsOnly(BasePermissionPolicy):
    """Every action on moderation records belongs to whoever may moderate comments."""

    def user_has_permission(self, user, action) -> bool:
        return can_moderate(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return can_moderate(user)

    def users_with_any_permission(self, actions):
        from byline.discussion.moderation.digest import moderators

        return moderators()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class BanForm(WagtailAdminModelForm):
    class Meta:
        model = Ban
        fields = ["kind", "user", "email", "network", "shadow", "reason", "expires_at"]
        widgets = {
            # The browser's own picker: Wagtail's needs an inline script, which the CSP forbids.
            "expires_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }


class BanCreateView(CreateView):
    def get_initial(self):
        """Prefill from the query string, as the comment page's "Ban this author" links do."""
        initial = super().get_initial()
        for field in ("kind", "email", "network", "user"):
            if value := self.request.GET.get(field, "")[:100]:
                initial[field] = value
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class BanViewSet(ModelViewSet):
    model = Ban
    name = "discussion_bans"
    url_prefix = "moderation/bans"
    icon = "lock"
    menu_label = "Bans"
    form_fields = BanForm.Meta.fields
    add_view_class = BanCreateView
    list_display = ["__str__", "kind", "shadow", "expires_at", "created_at"]
    list_filter = ["kind", "shadow"]
    search_fields = ["email", "network", "user__username", "reason"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return BanForm


class ModerationGroup(ViewSetGroup):
    """The conversation's work: moderators' queue, editors' inline feedback to review, bans.

    Each item shows to those who may use it; the menu's badge sums the counts they see."""

    menu_label = "Moderation"
    menu_icon = "comment"
    menu_order = 205
    items = (ModerationViewSet, InlineReviewViewSet, BanViewSet)

    def get_menu_item(self, order=None):
        return WaitingSubmenuMenuItem(
            label=self.menu_label,
            menu=Menu(items=self.get_submenu_items()),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )
