"""A reader's record for moderators: every comment with its status, the reports against them,
the bans on them, and a "Ban" form; for an account (``?account=<id>``) or a guest's address
(``?email=<address>``). Also the comment page's pin and pick buttons.
"""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.validators import validate_email
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from byline.discussion.admin.queues import can_moderate
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Ban, Comment, Report
from byline.discussion.moderation import bans, featuring
from byline.discussion.row_ids import row_id
from byline.discussion.threads import roles

PER_PAGE = 50


class BanReaderForm(forms.Form):
    reason = forms.CharField(
        max_length=300, required=False, help_text="For moderators; never shown to the reader."
    )
    expires_at = forms.DateTimeField(
        required=False,
        label="Expires",
        help_text="Leave empty for a ban that never expires.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    shadow = forms.BooleanField(
        required=False,
        help_text="A shadow-banned reader still sees their comments; nobody else does.",
    )


def subject_of(params) -> tuple[object | None, str]:
    """The account or the guest address a query names; 404 for anything else."""
    user_id = row_id(params.get("account"))
    if user_id is not None:
        user = get_user_model()._default_manager.filter(pk=user_id).first()
        if user is None:
            raise Http404("No such account.")
        return user, ""
    email = params.get("email", "").strip().lower()[:254]
    try:
        validate_email(email)
    except forms.ValidationError:
        raise Http404("Name an account or an address.") from None
    return None, email


def reader_history(request: HttpRequest) -> HttpResponse:
    if not can_moderate(request.user):
        raise PermissionDenied
    user, email = subject_of(request.GET)
    return TemplateResponse(
        request, "discussion/moderation/reader_history.html", history_context(request, user, email)
    )


def history_context(
    request: HttpRequest, user, email: str, form: BanReaderForm | None = None
) -> dict:
    comments = (
        Comment.objects.filter(author=user)
        if user is not None
        else Comment.objects.filter(author__isnull=True, guest_email__iexact=email)
    )
    addresses = {address for address in (email, getattr(user, "email", "")) if address}
    name = user.public_name if user is not None else email
    page = Paginator(
        comments.select_related("thread__page").order_by("-created_at", "-pk"), PER_PAGE
    ).get_page(request.GET.get("p"))
    return {
        "subject": user,
        "email": email,
        "page_title": f"History of {name}",
        "header_icon": "user",
        "comments": page,
        "counts": Counter(dict(comments.values_list("status").annotate(n=Count("id")).order_by())),
        "reports": Report.objects.filter(comment__in=comments).select_related("comment").order_by("-created_at")[:100],
        "bans": Ban.objects.filter(bans_on(user, addresses)).select_related("created_by"),
        "form": form or BanReaderForm(),
        "ban_url": f"{reverse('moderation_reader_ban')}?{request.GET.urlencode()}",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("discussion_moderation:queue_pending"), "label": "Moderation queue"},
            {"url": "", "label": f"History of {name}"},
        ],
    }  # fmt: skip


def bans_on(user, addresses: set[str]) -> Q:
    on_addresses = Q(kind=Ban.Kind.EMAIL, email__in=[address.lower() for address in addresses])
    return on_addresses | Q(kind=Ban.Kind.ACCOUNT, user=user) if user is not None else on_addresses


@require_POST
def ban_reader(request: HttpRequest) -> HttpResponse:
    """Ban the account (or the guest address) whose history the query names."""
    if not can_moderate(request.user):
        raise PermissionDenied
    user, email = subject_of(request.GET)
    form = BanReaderForm(request.POST)
    if form.is_valid():
        try:
            bans.ban_reader(
                moderator=request.user, user_id=user.pk if user is not None else None,
                email=email, **form.cleaned_data,
            )  # fmt: skip
        except DiscussionError as error:
            form.add_error(None, error.message)
    if form.errors:
        context = history_context(request, user, email, form)
        return TemplateResponse(
            request, "discussion/moderation/reader_history.html", context, status=400
        )
    messages.success(request, "Banned.")
    return redirect(f"{reverse('moderation_reader_history')}?{request.GET.urlencode()}")


@require_POST
def feature_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Pin, unpin, pick or unpick from the comment's page in the admin."""
    if not roles.can_feature(request.user):
        raise PermissionDenied
    try:
        featuring.feature(comment_id=pk, change=request.POST.get("change", ""), editor=request.user)
    except DiscussionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Saved: the thread shows the change.")
    return redirect("discussion_moderation:comment", pk=pk)


urlpatterns = [
    path("moderation/reader/", reader_history, name="moderation_reader_history"),
    path("moderation/reader/ban/", ban_reader, name="moderation_reader_ban"),
    path(
        "moderation/comment/<int:pk>/feature/",
        feature_comment,
        name="moderation_feature_comment",
    ),
]
