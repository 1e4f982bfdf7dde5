"""Readers in the Wagtail admin: every reader's account, searchable by name or address, with
their comments count, when they were last seen, whether their address is proven and whether
they are banned; and, for each, the two things a reader may ask an editor to do for them:
email them an archive of their data, or erase their account. Both leave an entry in Wagtail's
audit log ("Reader <id>", never their name: the entry outlives an erasure).

Moderators (``discussion.moderate_comment``) see the list and act; the team's accounts (staff,
anyone in a group or with admin or moderation rights) are not readers and are not listed.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log

from byline.discussion.admin.queues import ModeratorsOnly, can_moderate
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Ban
from byline.discussion.privacy import erasure, exports
from byline.discussion.privacy.forms import COMMENT_CHOICES
from byline.discussion.privacy.subjects import DataSubject

PER_PAGE = 25

# Audit log actions, registered with Wagtail in wagtail_hooks.
EXPORT = "byline_privacy.export"
ERASE = "byline_privacy.erase"
LOG_ACTIONS = {
    EXPORT: ("Export reader's data", "Had the reader's data archive emailed to them"),
    ERASE: ("Erase reader", "Erased the reader's account and data"),
}


def readers() -> QuerySet:
    """Accounts that are not the site's team (``erasure.team``), with what the list shows, in
    one query."""
    now = timezone.now()
    active_bans = Ban.objects.active(now).filter(
        Q(kind=Ban.Kind.ACCOUNT, user_id=OuterRef("pk"))
        | Q(kind=Ban.Kind.EMAIL, email__iexact=OuterRef("email"))
    )
    return (
        get_user_model()
        .objects.exclude(erasure.team())
        .annotate(
            comments_count=Count("discussion_comments", distinct=True),
            last_comment_at=Max("discussion_comments__created_at"),
            banned=Exists(active_bans),
        )
    )


def last_seen(user):
    """The later of the last sign-in and the last comment."""
    moments = [moment for moment in (user.last_login, user.last_comment_at) if moment]
    return max(moments) if moments else None


def is_verified(user) -> bool:
    return bool(user.verified_address)


class ActionsColumn(BaseColumn):
    cell_template_name = "discussion/admin/readers/actions_cell.html"


class ReadersView(IndexView):
    model = get_user_model()
    permission_policy = ModeratorsOnly(get_user_model())
    any_permission_required = ["view"]
    template_name = "discussion/admin/readers/index.html"
    results_template_name = "discussion/admin/readers/index_results.html"
    index_url_name = "discussion_readers:index"
    index_results_url_name = "discussion_readers:index_results"
    page_title = "Readers"
    header_icon = "user"
    verbose_name = "reader"
    verbose_name_plural = "readers"
    paginate_by = PER_PAGE
    search_fields = ["username", "display_name", "first_name", "last_name", "email"]
    search_backend_name = None
    default_ordering = "-date_joined"
    columns = [
        Column("public_name", label="Name"),
        Column("email", label="Email"),
        NumberColumn("comments_count", label="Comments", sort_key="comments_count"),
        DateColumn("last_seen", label="Last seen", accessor=last_seen),
        BooleanColumn("verified", label="Verified", accessor=is_verified),
        BooleanColumn("banned", label="Banned", sort_key="banned"),
        ActionsColumn("actions", label="Actions"),
    ]

    def get_base_queryset(self) -> QuerySet:
        return readers().order_by("-date_joined", "-pk")


class EraseReaderForm(forms.Form):
    comments = forms.ChoiceField(
        label="The reader's comments", choices=COMMENT_CHOICES, widget=forms.RadioSelect,
        initial=erasure.REMOVE,
    )  # fmt: skip
    confirm = forms.BooleanField(
        label="The reader asked for this, and I understand that it cannot be undone."
    )


def _reader(request: HttpRequest, user_id: int):
    if not can_moderate(request.user):
        raise PermissionDenied
    return get_object_or_404(readers(), pk=user_id)


@require_http_methods(["POST"])
def export(request: HttpRequest, user_id: int) -> HttpResponse:
    """Have the reader's archive prepared and its link emailed to the reader (never to the
    editor: the data goes only to the person it is about)."""
    reader = _reader(request, user_id)
    address = reader.verified_address
    if not address:
        messages.error(
            request, "This reader has no confirmed address to send the link to: nothing was sent."
        )
    else:
        exports.request_export(user=reader, address=address)
        log(reader, EXPORT, user=request.user, title=f"Reader {reader.pk}")
        messages.success(
            request, f"The archive is being prepared; its link will be emailed to {address}."
        )
    return redirect("discussion_readers:index")


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, user_id: int) -> HttpResponse:
    """Erase a reader's account for them, after the editor confirms it."""
    reader = _reader(request, user_id)
    form = EraseReaderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        pk = reader.pk
        try:
            done = erasure.erase(
                DataSubject.of_user(reader), comments=form.cleaned_data["comments"]
            )
        except DiscussionError as problem:
            messages.error(request, problem.message)
        else:
            # The entry names the account by its number only: its name is what was erased.
            reader.pk = pk
            log(reader, ERASE, user=request.user, title=f"Reader {pk}", data=done.as_dict())
            messages.success(request, f"Reader {pk} is erased.")
            return redirect("discussion_readers:index")
    context = {"reader": reader, "form": form, "page_title": f"Erase {reader.public_name}"}
    return TemplateResponse(request, "discussion/admin/readers/erase.html", context)


class ReadersMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_moderate(request.user)


class ReadersViewSet(ViewSet):
    name = "discussion_readers"
    url_prefix = "readers"
    icon = "user"
    menu_label = "Readers"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [
            path("", ReadersView.as_view(), name="index"),
            path("results/", ReadersView.as_view(results_only=True), name="index_results"),
            path("<int:user_id>/export/", export, name="export"),
            path("<int:user_id>/erase/", erase, name="erase"),
        ]

    def get_menu_item(self, order=None):
        return ReadersMenuItem(
            self.menu_label, reverse("discussion_readers:index"), name="readers",
            icon_name=self.icon, order=order or 300,
        )  # fmt: skip


viewset = ReadersViewSet()
